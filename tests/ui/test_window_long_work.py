"""The window's long work (reading and planning an import, restoring a backup) runs off
the GUI thread with a progress bar and Cancel: the window answers input meanwhile, and a
cancel leaves nothing half-done."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from replydesk.bench import make_library
from replydesk.core import bundle as bundle_module
from replydesk.core import merge
from replydesk.core.backups import make_backup
from replydesk.core.bundle import export_file
from replydesk.core.store import TemplateStore

if TYPE_CHECKING:
    from replydesk.ui.main_window import MainWindow

WAIT_MS = 60_000  # a bound for a busy machine


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    teammate = TemplateStore(tmp_path / "teammate.sqlite3", tmp_path / "teammate-backups")
    try:
        teammate.create_templates(make_library(300, seed=3))
        path = tmp_path / "team.replydesk"
        export_file(teammate, path)
    finally:
        teammate.close()
    return path


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Holds the import's planning (on its worker thread) until the test opens the gate,
    so the test can act while it is surely still running, however fast the machine."""
    opened = threading.Event()
    real: Callable[..., Any] = merge.plan_import

    def held(*args: Any, **kwargs: Any) -> Any:
        assert threading.current_thread() is not threading.main_thread()
        opened.wait(WAIT_MS / 1000)
        return real(*args, **kwargs)

    monkeypatch.setattr(merge, "plan_import", held)
    yield opened
    opened.set()


def test_the_window_answers_typing_while_an_import_is_read(
    qtbot: QtBot, window: MainWindow, bundle: Path, gate: threading.Event
) -> None:
    assert window.import_file(bundle)
    assert window.task_running()
    box = window.templates.search_box()
    box.setFocus()
    qtbot.keyClicks(box, "deliv")
    qtbot.waitUntil(lambda: 0 < window.templates.model().rowCount() < 20, timeout=WAIT_MS)
    assert window.task_running()  # the list answered while the import was still running
    gate.set()
    qtbot.waitUntil(lambda: window.import_dialog is not None, timeout=WAIT_MS)
    assert not window.task_running()


def test_cancel_in_the_status_bar_stops_an_import_before_anything_changes(
    qtbot: QtBot,
    window: MainWindow,
    store_with_order: TemplateStore,
    bundle: Path,
    gate: threading.Event,
) -> None:
    before = {(row.id, row.revision) for row in store_with_order.list_templates()}
    assert window.import_file(bundle)
    strip = window.progress_strip
    qtbot.waitUntil(strip.isVisible)
    qtbot.mouseClick(strip.cancel_button, Qt.MouseButton.LeftButton)
    gate.set()
    qtbot.waitUntil(lambda: not window.task_running(), timeout=WAIT_MS)
    assert window.import_dialog is None
    assert not window.import_in_progress()
    assert "Cancelled" in window.statusBar().currentMessage()
    assert {(row.id, row.revision) for row in store_with_order.list_templates()} == before
    assert not strip.isVisible()
    # And the next import works.
    assert window.import_file(bundle)
    qtbot.waitUntil(lambda: window.import_dialog is not None, timeout=WAIT_MS)


def test_cancel_while_the_file_is_read_stops_before_it_is_compared(
    qtbot: QtBot,
    window: MainWindow,
    bundle: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Reading a big file (its templates checked one by one) is the long part of an
    import: the status bar's Cancel stops it there."""
    reading, go_on = threading.Event(), threading.Event()
    real: Callable[..., Any] = bundle_module._json_template
    compared: list[bool] = []

    def held(*args: Any, **kwargs: Any) -> Any:
        reading.set()
        go_on.wait(WAIT_MS / 1000)
        return real(*args, **kwargs)

    monkeypatch.setattr(bundle_module, "_json_template", held)
    monkeypatch.setattr(merge, "plan_import", lambda *args: compared.append(True))
    assert window.import_file(bundle)
    assert reading.wait(WAIT_MS / 1000)
    qtbot.waitUntil(window.progress_strip.isVisible)
    qtbot.mouseClick(window.progress_strip.cancel_button, Qt.MouseButton.LeftButton)
    go_on.set()
    qtbot.waitUntil(lambda: not window.task_running(), timeout=WAIT_MS)
    assert "Cancelled" in window.statusBar().currentMessage()
    assert compared == [] and window.import_dialog is None


def test_a_second_long_job_waits_for_the_first(
    qtbot: QtBot, window: MainWindow, bundle: Path, gate: threading.Event
) -> None:
    assert window.import_file(bundle)
    assert not window.import_file(bundle)
    assert "already open" in window.statusBar().currentMessage()
    assert not window.restore_backup(bundle)  # refused before it is even looked at
    assert "busy" in window.statusBar().currentMessage()
    gate.set()
    qtbot.waitUntil(lambda: window.import_dialog is not None, timeout=WAIT_MS)


def test_a_restore_runs_in_the_background_and_every_view_follows(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore
) -> None:
    backup = make_backup(store_with_order.path, store_with_order.backup_dir, "manual")
    gone = store_with_order.list_templates()[0]
    store_with_order.delete_template(gone.id)
    qtbot.waitUntil(lambda: gone.id not in _listed(window))
    assert window.restore_backup(backup)
    qtbot.waitUntil(lambda: not window.task_running(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: gone.id in _listed(window), timeout=WAIT_MS)
    assert store_with_order.get_template(gone.id).deleted_at is None
    assert f"Restored {backup.name}" in window.statusBar().currentMessage()


def _listed(window: MainWindow) -> set[str]:
    return {summary.id for summary in window.templates.model().summaries()}
