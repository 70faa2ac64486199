"""`replydesk.cli.main` (replydesk/cli/__init__.py): what it loads, and the private log."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import replydesk as package
from replydesk.core import logs

if TYPE_CHECKING:
    from tests.conftest import RunCli

HEAVY = ("sqlalchemy", "sqlmodel", "jinja2", "babel", "pyperclip", "PySide6")


@pytest.fixture
def ok(replydesk: RunCli) -> Callable[..., str]:
    """Runs a command that must succeed; its stdout."""

    def run(*args: str) -> str:
        result = replydesk(*args)
        assert result.returncode == 0, result.stderr
        return result.stdout

    return run


def test_the_command_line_loads_neither_the_store_nor_qt_until_a_command_needs_them() -> None:
    """Every launch of the window goes through `main` first, to ask a running Replydesk:
    that question must not wait for the database libraries or Qt."""
    source = str(Path(package.__file__).resolve().parent.parent)
    probe = f"import sys, replydesk.cli; print([m for m in {HEAVY!r} if m in sys.modules])"
    loaded = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": source},
        timeout=60,
        check=True,
    )
    assert loaded.stdout.strip() == "[]", loaded.stderr


def test_version(replydesk: RunCli) -> None:
    result = replydesk("--version")
    assert (result.returncode, result.stdout) == (0, f"replydesk {package.__version__}\n")


def test_the_log_keeps_no_reply_text_unless_debug(data_dir: Path, ok: Callable[..., str]) -> None:
    ok("list")
    secret = "Zanzibar-7731"
    ok("backup", "create")
    fill = ("fill", "Away notice", "--set", f"client_name={secret}", "--set", "back_on=+3")
    ok(*fill, "--set", "my_name=Sam")
    log_file = data_dir / "logs" / logs.LOG_NAME
    text = log_file.read_text(encoding="utf-8")
    assert "backed up the database to" in text  # the log exists and records events
    assert secret not in text
    ok("--debug", *fill, "--set", "my_name=Sam")
    assert secret in log_file.read_text(encoding="utf-8")
