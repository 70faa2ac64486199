"""The rules every way of delivering a reply follows."""

from __future__ import annotations

import pytest

from replydesk.core import checker
from replydesk.core.delivery import (
    Verdict,
    confirm_text,
    copy_blocked,
    record_delivery,
    verdict,
)
from replydesk.core.errors import StoreError
from replydesk.core.settings import BLOCK_COPY
from replydesk.core.store import TemplateStore

CLEAN = "Hi Anna, the logo is ready."
OFF_PLATFORM = "Hi Anna, write me on WhatsApp +40 721 234 567 or email me at anna.k@example.com."


def test_a_clean_reply_is_copied() -> None:
    assert verdict(checker.check(CLEAN, language="en"), blocked=True) is Verdict.COPY


def test_a_reply_with_errors_asks_first_or_is_blocked() -> None:
    findings = checker.check(OFF_PLATFORM, language="en")
    assert any(f.severity is checker.Severity.ERROR for f in findings)
    assert verdict(findings, blocked=False) is Verdict.CONFIRM
    assert verdict(findings, blocked=False, confirmed=True) is Verdict.COPY
    assert verdict(findings, blocked=True, confirmed=True) is Verdict.BLOCK
    assert confirm_text(findings, "Enter again").endswith("Enter again to copy anyway")


def test_the_block_setting_is_read_from_the_store(store: TemplateStore) -> None:
    assert not copy_blocked(store)
    BLOCK_COPY.write(store, True)
    assert copy_blocked(store)
    BLOCK_COPY.write(store, False)
    assert not copy_blocked(store)


def test_a_store_that_cannot_be_read_does_not_block(
    store: TemplateStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    BLOCK_COPY.write(store, True)

    def unreadable(*_args: object) -> str | None:
        raise StoreError("cannot read the database: disk I/O error")

    monkeypatch.setattr(store, "get_setting", unreadable)
    assert not copy_blocked(store)  # the reply is still checked: errors ask first


def test_a_delivery_counts_the_use_and_touches_the_order(library_store: TemplateStore) -> None:
    template = library_store.list_templates()[0]
    order = library_store.create_order({"client_name": "Anna"})
    assert record_delivery(library_store, template.id, order.id) is None
    assert library_store.get_template(template.id).use_count == template.use_count + 1
    problem = record_delivery(library_store, "no-such-template", None)
    assert problem is not None and problem.startswith("Could not count the use")
