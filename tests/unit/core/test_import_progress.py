"""An import reports its progress and can be cancelled at any point: nothing half-done."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from replydesk.core.bundle import Bundle, export_file, read_bundle
from replydesk.core.changes import Change
from replydesk.core.merge import apply_plan, plan_import
from replydesk.core.models import TemplateData
from replydesk.core.progress import Cancelled, Progress
from replydesk.core.store import ImportAction, TemplateStore

TEMPLATES = 500


@pytest.fixture
def bundle(tmp_path: Path) -> Bundle:
    """A teammate's file of TEMPLATES new templates."""
    with TemplateStore(tmp_path / "bob" / "db.sqlite3", tmp_path / "bob" / "backups") as bob:
        bob.create_templates(
            [
                TemplateData(
                    name=f"Bob's reply {number}",
                    kind="greeting",
                    language="en",
                    body=f"Hello {{{{ client_name }}}}, reply {number}.\n",
                )
                for number in range(TEMPLATES)
            ]
        )
        export_file(bob, tmp_path / "bob.replydesk")
    return read_bundle(tmp_path / "bob.replydesk")


def dump(store: TemplateStore) -> list[str]:
    with closing(sqlite3.connect(store.path)) as connection:
        return list(connection.iterdump())


class CancelAt(Progress):
    """Cancels once the work says it has done `at` of what it is doing."""

    def __init__(self, at: int, what: str) -> None:
        super().__init__(self._seen)
        self.at, self.what = at, what
        self.reports: list[tuple[int, int, str]] = []

    def _seen(self, done: int, total: int, what: str) -> None:
        self.reports.append((done, total, what))
        if what == self.what and done >= self.at:
            self.cancel()


@pytest.fixture
def announced(store: TemplateStore) -> Iterator[list[Change]]:
    heard: list[Change] = []
    stop = store.changes.subscribe(heard.append)
    yield heard
    stop()


@pytest.mark.parametrize("at", [0, 1, 250, TEMPLATES - 1])
def test_a_cancelled_import_changes_nothing_and_a_second_one_works(
    library_store: TemplateStore,
    bundle: Bundle,
    announced: list[Change],
    monkeypatch: pytest.MonkeyPatch,
    at: int,
) -> None:
    """Cancel pressed while the store writes template `at` (of TEMPLATES)."""
    store = library_store
    plan = plan_import(store, bundle)
    before = dump(store)
    announced.clear()
    progress = Progress()
    applied: list[ImportAction] = []
    original_apply = TemplateStore._apply

    def apply_then_cancel(self: TemplateStore, session: Any, action: ImportAction) -> None:
        original_apply(self, session, action)
        applied.append(action)
        if len(applied) == at + 1:
            progress.cancel()

    monkeypatch.setattr(TemplateStore, "_apply", apply_then_cancel)
    with pytest.raises(Cancelled):
        apply_plan(store, plan, progress)
    assert len(applied) == at + 1  # it stopped at once
    assert dump(store) == before
    assert announced == []

    monkeypatch.undo()
    outcome = apply_plan(store, plan)
    assert outcome.added == TEMPLATES
    assert announced == [Change.TEMPLATES]
    names = {row.name for row in store.list_templates(search="Bob's reply")}
    assert len(names) == TEMPLATES


def test_a_cancel_seen_in_a_progress_report_stops_the_import(
    store: TemplateStore, bundle: Bundle, announced: list[Change]
) -> None:
    plan = plan_import(store, bundle)
    progress = CancelAt(250, "Importing")
    with pytest.raises(Cancelled):
        apply_plan(store, plan, progress)
    assert store.count_templates() == 0
    assert announced == []
    assert progress.reports[-1] == (250, TEMPLATES, "Importing")


def test_progress_is_reported_up_to_the_end(store: TemplateStore, bundle: Bundle) -> None:
    reports: list[tuple[int, int, str]] = []
    progress = Progress(lambda done, total, what: reports.append((done, total, what)))
    plan = plan_import(store, bundle, progress)
    apply_plan(store, plan, progress)
    importing = [done for done, total, what in reports if what == "Importing"]
    assert importing[0] == 0 and importing[-1] == TEMPLATES
    assert importing == sorted(importing)
    assert any(what == "Comparing" for _, _, what in reports)


def test_reading_and_planning_can_be_cancelled(
    store: TemplateStore, bundle: Bundle, tmp_path: Path
) -> None:
    with pytest.raises(Cancelled):
        read_bundle(tmp_path / "bob.replydesk", CancelAt(100, "Reading"))
    with pytest.raises(Cancelled):
        plan_import(store, bundle, CancelAt(100, "Comparing"))
    assert store.count_templates() == 0


def test_a_cancelled_backup_makes_no_file(store: TemplateStore, announced: list[Change]) -> None:
    """Cancelled before the backup starts (the first thing an import does), no file."""
    progress = Progress()
    progress.cancel()
    files_before = sorted(store.backup_dir.glob("*")) if store.backup_dir.exists() else []
    with pytest.raises(Cancelled):
        store.backup_now("import", progress)
    after = sorted(store.backup_dir.glob("*")) if store.backup_dir.exists() else []
    assert after == files_before
    assert announced == []
