"""`replydesk backup list|create|restore` (replydesk/cli/backup.py), run in this process."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from replydesk.core import library

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


def test_create_list_and_restore(ok: Callable[..., str]) -> None:
    assert "No backups yet" in ok("backup", "list")  # creates nothing but the folder
    ok("list")
    assert "Backed up to" in ok("backup", "create")
    ok("edit", "Away notice", "--name", "Renamed")
    listed = json.loads(ok("backup", "list", "--json"))
    assert [(b["reason"], b["templates"]) for b in listed] == [
        ("made by hand", len(library.KINDS) * len(library.LANGUAGES))
    ]
    restored = ok("backup", "restore", "newest")
    assert restored.startswith(f"Restored {listed[0]['name']} (made by hand).")
    assert "What the database held before is in" in restored
    names = [row["name"] for row in json.loads(ok("list", "--json"))]
    assert "Away notice" in names and "Renamed" not in names
    table = ok("backup", "list")
    assert table.splitlines()[0].split() == ["BACKUP", "MADE", "WHY", "TEMPLATES"]
    assert "before restoring a backup" in table


def test_unknown_backup_names_are_refused(replydesk: RunCli, ok: Callable[..., str]) -> None:
    ok("list")
    result = replydesk("backup", "restore", "newest")
    assert result.returncode == 1
    assert "there are no backups in" in result.stderr
    ok("backup", "create")
    result = replydesk("backup", "restore", "nope")
    assert result.returncode == 1
    assert "no backup named “nope”" in result.stderr
