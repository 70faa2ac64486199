"""How a store command's failure is told (replydesk/cli/commands.py): one line on stderr,
its exit status, no traceback."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from replydesk.cli import commands
from replydesk.cli.exit import ExitStatus
from replydesk.cli.streams import Streams
from replydesk.core import library
from replydesk.core.store import TemplateStore

if TYPE_CHECKING:
    from tests.conftest import RunCli


@pytest.fixture
def ok(replydesk: RunCli) -> Callable[..., str]:
    """Runs a command that must succeed; its stdout."""

    def run(*args: str) -> str:
        result = replydesk(*args)
        assert result.returncode == 0, result.stderr
        return result.stdout

    return run


def test_unknown_template_and_usage_errors(replydesk: RunCli) -> None:
    result = replydesk("show", "no such template")
    assert result.returncode == 1
    assert result.stderr.startswith("replydesk: ") and "Traceback" not in result.stderr
    assert replydesk("fill", "x", "--set", "novalue").returncode == 2
    assert replydesk("list", "--bogus").returncode == 2


def test_a_usage_error_found_by_a_command_is_one_line_and_exit_2(replydesk: RunCli) -> None:
    result = replydesk("fill", "x", "--set", "novalue")
    assert (result.returncode, result.stdout) == (ExitStatus.USAGE, "")
    assert result.stderr == "replydesk: error: --set takes FIELD=VALUE, not 'novalue'\n"


def test_ctrl_c_during_a_command_is_exit_130_without_a_traceback(
    replydesk: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(store: TemplateStore, args: argparse.Namespace, streams: Streams) -> ExitStatus:
        raise KeyboardInterrupt

    monkeypatch.setitem(commands.STORE_COMMANDS, "list", interrupted)
    result = replydesk("list")
    assert (result.returncode, result.stderr) == (130, "")


def test_a_damaged_database_is_one_clear_message_and_recoverable(
    data_dir: Path, replydesk: RunCli, ok: Callable[..., str]
) -> None:
    ok("list")
    ok("backup", "create")
    (data_dir / "replydesk.sqlite3").write_bytes(b"\x00junk" * 2000)
    result = replydesk("list")
    assert result.returncode == 1
    assert "is not a Replydesk database, or it is damaged" in result.stderr
    assert "replydesk backup restore newest" in result.stderr
    assert "Traceback" not in result.stderr
    restored = ok("backup", "restore", "newest")
    assert "replydesk.sqlite3.damaged-" in restored  # the damaged file is kept
    assert len(json.loads(ok("list", "--json"))) == len(library.KINDS) * len(library.LANGUAGES)
