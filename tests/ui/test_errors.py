"""Uncaught errors reach the log in full and the user as one sentence."""

from __future__ import annotations

import logging

import pytest

from replydesk.core.errors import StoreError
from replydesk.ui import errors


def test_uncaught_error_is_logged_and_shown_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(errors, "show_error", lambda parent, title, text: shown.append(text))
    try:
        raise ValueError("bad thing")
    except ValueError as error:
        with caplog.at_level(logging.ERROR, logger="replydesk"):
            errors.report_uncaught(ValueError, error, error.__traceback__)
    assert "Traceback" in caplog.text and "bad thing" in caplog.text
    assert len(shown) == 1
    assert "Traceback" not in shown[0]
    assert shown[0].startswith(
        "Something unexpected went wrong. Your templates and orders are safe"
    )


def test_replydesk_errors_are_shown_as_they_are() -> None:
    assert errors.user_message(StoreError("the disk is full")) == "the disk is full"
