"""The log: rotating, private unless --debug."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from replydesk.core import logs


@pytest.fixture
def log_file(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = logs.setup(debug=False)
    assert path is not None
    yield path
    for handler in list(logs.log.handlers):
        logs.log.removeHandler(handler)
        handler.close()
    logs.log.propagate = True  # as before the test: other tests read records with caplog
    logs.log.setLevel(logging.NOTSET)
    monkeypatch.setitem(logs._state, "debug", False)


def text(path: Path) -> str:
    for handler in logs.log.handlers:
        handler.flush()
    return path.read_text(encoding="utf-8") if path.exists() else ""


def test_the_log_lives_in_the_log_folder(log_file: Path, data_dir: Path) -> None:
    assert log_file == data_dir / "logs" / "replydesk.log"
    logging.getLogger("replydesk.test").info("started")
    assert "INFO replydesk.test: started" in text(log_file)


def test_debug_lines_and_error_messages_stay_out_unless_debug(log_file: Path) -> None:
    child = logging.getLogger("replydesk.test")
    value = "Zanzibar"  # an order value, say: a traceback shows code, never values
    child.debug("the reply: Dear %s", value)
    try:
        raise ValueError(f"‘{value}’ is not a number")
    except ValueError:
        kind, error, tb = sys.exc_info()
        assert kind is not None and error is not None
        child.error("uncaught:\n%s", logs.describe_error(kind, error, tb))
    written = text(log_file)
    assert "Zanzibar" not in written
    assert "builtins.ValueError" in written and "test_logs.py" in written

    logs.setup(debug=True)
    child.debug("the reply: Dear Zanzibar")
    assert "the reply: Dear Zanzibar" in text(log_file)
    assert "ValueError: ‘Zanzibar’ is not a number" in logs.describe_error(kind, error, tb)


def test_the_log_rotates_and_keeps_three_old_files(
    log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 2000)
    child = logging.getLogger("replydesk.test")
    for number in range(400):
        child.info("line %04d %s", number, "x" * 40)
    kept = sorted(p.name for p in log_file.parent.iterdir())
    assert kept == ["replydesk.log", "replydesk.log.1", "replydesk.log.2", "replydesk.log.3"]
    assert all(p.stat().st_size < 2200 for p in log_file.parent.iterdir())
    assert "line 0399" in text(log_file)
