"""The window on the recovery paths: it opens with what is readable and says what it could
not read or do; another app's file is moved aside (never written) before it offers a start."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from replydesk import app
from replydesk.core import backups, library, paths
from replydesk.core.errors import StoreError
from replydesk.core.store import SEARCH_INDEX_REBUILT, TemplateStore
from replydesk.ui.main_window import MainWindow

LIBRARY_SIZE = len(library.KINDS) * len(library.LANGUAGES)


def ready_window(qtbot: QtBot) -> MainWindow:
    window = app.start_window()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=30000):
        pass
    return window


def close(window: MainWindow) -> None:
    window.close()
    app.close_databases(window)


def test_the_window_opens_when_the_daily_backup_fails(
    qtbot: QtBot, library_store: TemplateStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    library_store.close()

    def disk_full(*_args: object, **_kwargs: object) -> Path:
        raise StoreError("cannot back up replydesk.sqlite3: database or disk is full")

    monkeypatch.setattr(backups, "make_backup", disk_full)
    window = ready_window(qtbot)
    assert window.templates.model().rowCount() == LIBRARY_SIZE
    assert "Today's backup could not be made" in window.statusBar().currentMessage()
    close(window)


def test_a_stray_file_in_backups_does_not_stop_the_window(
    qtbot: QtBot, library_store: TemplateStore
) -> None:
    library_store.close()
    (paths.backup_dir() / "replydesk-20261399-999999-daily.sqlite3").write_text("x")
    (paths.backup_dir() / "replydesk-29991231-000000-daily.sqlite3").write_text("x")
    window = ready_window(qtbot)
    assert window.templates.model().rowCount() == LIBRARY_SIZE
    assert [b for b in backups.list_backups(paths.backup_dir()) if b.usable]  # daily made
    close(window)


def test_malformed_rows_open_with_what_is_readable_and_say_so(
    qtbot: QtBot, library_store: TemplateStore
) -> None:
    library_store.close()
    with closing(sqlite3.connect(paths.database_path())) as connection, connection:
        connection.execute(
            "UPDATE template SET fields_json = 'nope', updated_at = 'never'"
            " WHERE name = 'Away notice'"
        )
        connection.execute("DELETE FROM template_changes")
    window = ready_window(qtbot)
    assert window.templates.model().rowCount() == LIBRARY_SIZE
    assert "“Away notice” could not be read" in window.statusBar().currentMessage()
    close(window)


def test_a_damaged_search_index_is_rebuilt_at_start(
    qtbot: QtBot, library_store: TemplateStore
) -> None:
    library_store.close()
    with closing(sqlite3.connect(paths.database_path())) as connection, connection:
        rowid, name, tags, body = connection.execute(
            "SELECT rowid, name, tags_json, body FROM template WHERE name = 'Away notice'"
        ).fetchone()
        connection.execute(
            "INSERT INTO template_fts (template_fts, rowid, name, tags_json, body)"
            " VALUES ('delete', ?, ?, ?, ?)",
            (rowid, name, tags, body),
        )
    window = ready_window(qtbot)
    assert SEARCH_INDEX_REBUILT in window.statusBar().currentMessage()
    qtbot.keyClicks(window.templates.search_box(), "away notice")
    assert window.templates.model().rowCount() >= 1
    close(window)


def test_another_apps_file_is_moved_aside_untouched(qtbot: QtBot, data_dir: Path) -> None:
    path = paths.database_path()
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("CREATE TABLE notes (text)")
        connection.execute("PRAGMA user_version = 2")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    window = app.start_window()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.startFailed, timeout=30000) as failed:
        pass
    assert "not a Replydesk one" in failed.args[0]
    moved = next(path.parent.glob("replydesk.sqlite3.not-replydesk-*"))
    assert hashlib.sha256(moved.read_bytes()).hexdigest() == before
    window.close()


def test_a_file_named_backups_opens_the_window_and_says_so(
    qtbot: QtBot, library_store: TemplateStore, data_dir: Path
) -> None:
    library_store.close()
    shutil.rmtree(data_dir / "backups", ignore_errors=True)
    (data_dir / "backups").write_text("not a folder")
    window = ready_window(qtbot)
    assert window.templates.model().rowCount() == LIBRARY_SIZE
    message = window.statusBar().currentMessage()
    assert "Today's backup could not be made" in message
    assert "backups is a file, not a folder: move it away" in message
    close(window)


_CUT_SHORT = """
import os, sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA journal_mode=DELETE")
connection.execute("PRAGMA cache_size=1")
connection.execute("BEGIN")
connection.execute(sys.argv[2])
connection.execute("CREATE TABLE spill (x)")
connection.executemany("INSERT INTO spill VALUES (?)", [("y" * 500,)] * 3000)
os._exit(0)
"""


def cut_short(path: Path, statement: str) -> Path:
    """A real hot -journal: a process killed in the middle of a transaction."""
    subprocess.run([sys.executable, "-c", _CUT_SHORT, str(path), statement], check=True)
    return path.with_name(path.name + "-journal")


def test_our_own_hot_journal_is_rolled_back_and_the_window_opens(
    qtbot: QtBot, library_store: TemplateStore
) -> None:
    library_store.close()
    assert cut_short(paths.database_path(), "DELETE FROM template").stat().st_size > 0
    window = ready_window(qtbot)
    assert window.templates.model().rowCount() == LIBRARY_SIZE
    close(window)


def test_another_apps_file_with_its_hot_journal_is_moved_aside_with_it(
    qtbot: QtBot, data_dir: Path
) -> None:
    path = paths.database_path()
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("CREATE TABLE notes (text)")
        connection.execute("INSERT INTO notes VALUES ('theirs')")
    journal = cut_short(path, "DELETE FROM notes")
    before = hashlib.sha256(journal.read_bytes()).hexdigest()
    window = app.start_window()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.startFailed, timeout=30000) as failed:
        pass
    assert "not a Replydesk one" in failed.args[0]
    moved = next(path.parent.glob("replydesk.sqlite3.not-replydesk-*[0-9]"))
    kept = moved.with_name(moved.name + "-journal")
    assert hashlib.sha256(kept.read_bytes()).hexdigest() == before
    assert not journal.exists()
    window.close()


def test_a_data_folder_that_is_a_file_is_said_in_the_window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "data"
    blocked.write_text("x")
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(blocked))
    window = app.start_window()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.startFailed, timeout=30000) as failed:
        pass
    assert failed.args[0] == f"{blocked} is a file, not a folder: move it away"
    window.close()
    assert blocked.read_text() == "x"
