"""Talking to the running Replydesk (replydesk/cli/forwarding.py), with a fake one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pytest

from replydesk import instance, instance_address
from replydesk.cli.exit import ExitStatus
from replydesk.cli.forwarding import forward

if TYPE_CHECKING:
    from tests.conftest import RunCli

RAW_CONTROLS = ("\x1b", "\u202e", "\u200b", "\x07")


def test_a_reply_error_from_the_running_replydesk_is_escaped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(instance_address, "nobody_listening", lambda: False)
    monkeypatch.setattr(
        instance,
        "send_command",
        lambda command, args=(): {"ok": False, "error": "pwned \x1b]52;c;eA==\x07" + "x" * 9000},
    )
    assert forward("show") == 1
    err = capsys.readouterr().err
    for char in RAW_CONTROLS:
        assert char not in err, f"{char!r} reached the terminal raw"
    assert "\\x1b]52;c;eA==\\x07" in err
    assert len(err) < 1000


def test_nobody_listening_is_none_and_nothing_is_sent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(instance_address, "nobody_listening", lambda: True)
    monkeypatch.setattr(instance, "send_command", lambda *_: pytest.fail("nothing to send to"))
    assert forward("quick") is None


def test_a_plain_import_opens_its_preview_in_the_running_window(
    replydesk: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[tuple[str, Sequence[str]]] = []

    def running(command: str, args: Sequence[str] = ()) -> dict[str, object]:
        sent.append((command, list(args)))
        return {"ok": True}

    monkeypatch.setattr(instance_address, "nobody_listening", lambda: False)
    monkeypatch.setattr(instance, "send_command", running)
    result = replydesk("import", "team.replydesk")
    assert result.returncode == ExitStatus.OK
    assert result.stderr == "replydesk: the import preview is open in the running Replydesk\n"
    assert [command for command, _ in sent] == ["import"]
    assert sent[0][1][0].endswith("/team.replydesk") and sent[0][1][0].startswith("/")


def test_an_import_with_options_is_done_by_the_command_line_itself(
    replydesk: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--dry-run, --json and --on-conflict are answered here, never by the window."""
    monkeypatch.setattr(instance_address, "nobody_listening", lambda: False)
    monkeypatch.setattr(instance, "send_command", lambda *_: pytest.fail("not forwarded"))
    for options in (["--dry-run"], ["--json"], ["--on-conflict", "theirs"]):
        result = replydesk("import", "/nowhere/team.replydesk", *options)
        assert result.returncode == ExitStatus.ERROR
        assert result.stderr.startswith("replydesk: ") and "team.replydesk" in result.stderr
