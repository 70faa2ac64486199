"""Backups in the window: recovering from a damaged database at start, and File → Restore."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from replydesk import app
from replydesk.core import backups, library, paths
from replydesk.core.store import TemplateStore
from replydesk.ui import confirm as confirm_module
from replydesk.ui.backup_dialog import RecoveryPage, RestoreDialog
from replydesk.ui.main_window import MainWindow

LIBRARY_SIZE = len(library.KINDS) * len(library.LANGUAGES)


def close(window: MainWindow) -> None:
    window.close()
    if window.store is not None:
        window.store.close()
    if window.catalog is not None:
        window.catalog.close()


def damage(path: Path, how: str) -> bytes:
    if how == "garbage":
        path.write_bytes(b"\x00garbage\xff" * 4096)
    else:  # truncated in the middle of its pages
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path.read_bytes()


def start_damaged(qtbot: QtBot) -> tuple[MainWindow, RecoveryPage]:
    window = app.start_window()
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: isinstance(window.pages.currentWidget(), RecoveryPage), timeout=20000)
    page = window.pages.currentWidget()
    assert isinstance(page, RecoveryPage)
    return window, page


@pytest.fixture
def backed_up(library_store: TemplateStore) -> Path:
    """A library with one template renamed after its backup, then closed (the app opens it)."""
    made = backups.make_backup(library_store.path, library_store.backup_dir, "manual")
    away = library_store.find_template("Away notice")
    library_store.update_template(away.id, name="Renamed after the backup")
    library_store.close()
    return made


@pytest.mark.parametrize("how", ["garbage", "truncated"])
def test_a_damaged_database_is_moved_aside_and_the_newest_backup_restored(
    qtbot: QtBot, backed_up: Path, how: str
) -> None:
    database = paths.database_path()
    content = damage(database, how)
    window, page = start_damaged(qtbot)
    (moved,) = database.parent.glob("replydesk.sqlite3.damaged-*")
    assert moved.read_bytes() == content  # moved aside, never deleted
    assert page.restore_button is not None
    assert "Restore the backup of" in page.restore_button.text()
    with qtbot.waitSignal(window.ready, timeout=20000):
        qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    listed = {s.name for s in window.templates.model().summaries()}
    assert "Away notice" in listed and "Renamed after the backup" not in listed
    assert len(listed) == LIBRARY_SIZE
    close(window)


def test_without_a_backup_it_starts_fresh_with_the_library(qtbot: QtBot, data_dir: Path) -> None:
    database = paths.database_path()
    database.write_bytes(b"not a database" * 300)
    window, page = start_damaged(qtbot)
    assert page.restore_button is None
    assert "Nothing was deleted" in " ".join(
        label.text() for label in page.findChildren(type(window.loading))
    )
    with qtbot.waitSignal(window.ready, timeout=20000):
        qtbot.mouseClick(page.fresh_button, Qt.MouseButton.LeftButton)
    assert window.templates.model().rowCount() == LIBRARY_SIZE
    assert len(list(database.parent.glob("replydesk.sqlite3.damaged-*"))) == 1
    close(window)


def test_file_restore_brings_back_templates_orders_and_profile(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = window.store
    assert store is not None
    made = backups.make_backup(store.path, store.backup_dir, "manual")
    away = store.find_template("Away notice")
    store.update_template(away.id, name="Renamed after the backup")
    order = store.create_order({"client_name": "Boris"})
    window.order_bar.switch_to(order.id)
    window.templates.refresh()
    assert window.order_bar.values()["client_name"] == "Boris"

    monkeypatch.setattr(confirm_module, "confirm", lambda *_args: True)
    dialog = RestoreDialog(backups.list_backups(store.backup_dir), store.backup_dir, window)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 1).data() == "made by hand"
    assert dialog.model.index(0, 2).data() == str(LIBRARY_SIZE)
    dialog.restoreChosen.connect(window.restore_backup)
    button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "&Restore")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: made.name in window.statusBar().currentMessage(), timeout=60_000)
    qtbot.waitUntil(lambda: window.order_bar.values()["client_name"] == "Anna")  # the backup's

    def names() -> set[str]:
        return {s.name for s in window.templates.model().summaries()}

    # The list is re-read off the GUI thread (Catalog.refresh), then shown.
    qtbot.waitUntil(lambda: "Away notice" in names(), timeout=20_000)
    assert "Renamed after the backup" not in names()
    assert made.name in window.statusBar().currentMessage()
    assert "-restore" in backups.list_backups(store.backup_dir)[0].name  # undo is possible


def test_declining_the_confirmation_changes_nothing(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = window.store
    assert store is not None
    backups.make_backup(store.path, store.backup_dir, "manual")
    away = store.find_template("Away notice")
    store.update_template(away.id, name="Renamed after the backup")
    monkeypatch.setattr(confirm_module, "confirm", lambda *_args: False)
    dialog = RestoreDialog(backups.list_backups(store.backup_dir), store.backup_dir, window)
    qtbot.addWidget(dialog)
    dialog.restoreChosen.connect(window.restore_backup)
    with qtbot.assertNotEmitted(dialog.restoreChosen):
        button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "&Restore")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert store.get_template(away.id).name == "Renamed after the backup"
    assert len(backups.list_backups(store.backup_dir)) == 1


def test_the_dialog_says_when_there_are_no_backups(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = RestoreDialog([], tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.empty.isVisible()
    assert not dialog.restore_button.isEnabled()
