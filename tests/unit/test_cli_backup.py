"""`replydesk backup list|create|restore`, a damaged database, and the private log."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import test_cli
from test_cli import Replydesk

from replydesk.core import logs

replydesk = test_cli.replydesk  # the fixture: `cli.main` in this process, on a data folder


@pytest.fixture
def ok(replydesk: Replydesk) -> Callable[..., str]:
    """Runs a command that must succeed; its stdout."""

    def run(data_dir: Path, *args: str) -> str:
        result = replydesk(data_dir, *args)
        assert result.returncode == 0, result.stderr
        return result.stdout

    return run


def test_create_list_and_restore(data_dir: Path, ok: Callable[..., str]) -> None:
    data = data_dir
    assert "No backups yet" in ok(data, "backup", "list")  # creates nothing but the folder
    ok(data, "list")
    assert "Backed up to" in ok(data, "backup", "create")
    ok(data, "edit", "Away notice", "--name", "Renamed")
    listed = json.loads(ok(data, "backup", "list", "--json"))
    assert [(b["reason"], b["templates"]) for b in listed] == [("made by hand", 55)]
    restored = ok(data, "backup", "restore", "newest")
    assert restored.startswith(f"Restored {listed[0]['name']} (made by hand).")
    assert "What the database held before is in" in restored
    names = [row["name"] for row in json.loads(ok(data, "list", "--json"))]
    assert "Away notice" in names and "Renamed" not in names
    table = ok(data, "backup", "list")
    assert table.splitlines()[0].split() == ["BACKUP", "MADE", "WHY", "TEMPLATES"]
    assert "before restoring a backup" in table


def test_a_damaged_database_is_one_clear_message_and_recoverable(
    data_dir: Path, replydesk: Replydesk, ok: Callable[..., str]
) -> None:
    data = data_dir
    ok(data, "list")
    ok(data, "backup", "create")
    (data / "replydesk.sqlite3").write_bytes(b"\x00junk" * 2000)
    result = replydesk(data, "list")
    assert result.returncode == 1
    assert "is not a Replydesk database, or it is damaged" in result.stderr
    assert "replydesk backup restore newest" in result.stderr
    assert "Traceback" not in result.stderr
    restored = ok(data, "backup", "restore", "newest")
    assert "replydesk.sqlite3.damaged-" in restored  # the damaged file is kept
    assert len(json.loads(ok(data, "list", "--json"))) == 55


def test_unknown_backup_names_are_refused(
    data_dir: Path, replydesk: Replydesk, ok: Callable[..., str]
) -> None:
    data = data_dir
    ok(data, "list")
    result = replydesk(data, "backup", "restore", "newest")
    assert result.returncode == 1
    assert "there are no backups in" in result.stderr
    ok(data, "backup", "create")
    result = replydesk(data, "backup", "restore", "nope")
    assert result.returncode == 1
    assert "no backup named “nope”" in result.stderr


def test_the_log_keeps_no_reply_text_unless_debug(data_dir: Path, ok: Callable[..., str]) -> None:
    data = data_dir
    ok(data, "list")
    secret = "Zanzibar-7731"
    ok(data, "backup", "create")
    fill = ("fill", "Away notice", "--set", f"client_name={secret}", "--set", "back_on=+3")
    ok(data, *fill, "--set", "my_name=Sam")
    log_file = data / "logs" / logs.LOG_NAME
    text = log_file.read_text(encoding="utf-8")
    assert "backed up the database to" in text  # the log exists and records events
    assert secret not in text
    ok(data, "--debug", *fill, "--set", "my_name=Sam")
    assert secret in log_file.read_text(encoding="utf-8")
