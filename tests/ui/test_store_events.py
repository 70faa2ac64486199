"""The one announcer of store changes: own writes (from any thread) and other processes'
writes arrive as Qt signals, once per burst, and the views update from them alone."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pytestqt.qtbot import QtBot
from tests.e2e.test_cli_process import replydesk

from replydesk.core.changes import Change
from replydesk.core.errors import NotFoundError
from replydesk.core.store import TemplateStore
from replydesk.ui.store_events import StoreEvents

if TYPE_CHECKING:
    from replydesk.ui.main_window import MainWindow

NOTICE_MS = 30_000  # a bound for a busy machine; the watcher reads a few times a second


def _events(store: TemplateStore) -> tuple[StoreEvents, list[Change]]:
    events = StoreEvents(store)
    seen: list[Change] = []
    events.changed.connect(seen.append)
    return events, seen


def test_a_burst_of_own_writes_is_announced_once_after_the_caller_returns(
    qtbot: QtBot, store: TemplateStore
) -> None:
    events, seen = _events(store)
    try:
        store.set_setting("autopaste", "1")
        store.update_profile({"my_name": "Ana"})
        assert seen == []  # never in the middle of the writer's own code
        qtbot.waitUntil(lambda: bool(seen))
        assert Change.SETTINGS in seen[0] and Change.PROFILE in seen[0]
        assert Change.TEMPLATES not in seen[0]
    finally:
        events.stop()


def test_each_part_has_its_signal(qtbot: QtBot, library_store: TemplateStore) -> None:
    events, _seen = _events(library_store)
    template_id = library_store.list_templates()[0].id
    try:
        with qtbot.waitSignal(events.templatesChanged, timeout=NOTICE_MS):
            library_store.set_favorite(template_id, True)
        with qtbot.waitSignal(events.ordersChanged, timeout=NOTICE_MS):
            library_store.create_order({"client_name": "Ion"})
        with qtbot.waitSignal(events.profileChanged, timeout=NOTICE_MS):
            library_store.update_profile({"default_currency": "RON"})
        with qtbot.waitSignal(events.settingsChanged, timeout=NOTICE_MS):
            library_store.set_setting("block_copy", "1")
    finally:
        events.stop()


def test_a_write_from_a_worker_thread_arrives_on_the_gui_thread(
    qtbot: QtBot, library_store: TemplateStore
) -> None:
    events, _seen = _events(library_store)
    threads: list[threading.Thread] = []
    events.templatesChanged.connect(lambda: threads.append(threading.current_thread()))
    template_id = library_store.list_templates()[0].id
    try:
        worker = threading.Thread(target=library_store.delete_template, args=(template_id,))
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: bool(threads))
        assert threads[0] is threading.main_thread()
    finally:
        events.stop()


def test_a_refused_write_is_not_announced(qtbot: QtBot, library_store: TemplateStore) -> None:
    events, seen = _events(library_store)
    try:
        with pytest.raises(NotFoundError):
            library_store.update_template("no-such-template", name="x")
        library_store.set_setting("autopaste", "1")  # a write that is announced, after
        qtbot.waitUntil(lambda: bool(seen))
        assert all(Change.TEMPLATES not in change for change in seen)
    finally:
        events.stop()


def test_another_process_renaming_a_template_shows_in_the_list_and_the_title(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore, data_dir: Path
) -> None:
    template_id = window.templates.current_id() or store_with_order.list_templates()[0].id
    assert window.templates.select(template_id)
    qtbot.waitUntil(lambda: window.template_id == template_id)
    done = replydesk(data_dir, "edit", template_id, "--name", "Renamed by the CLI")
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: window.title.text() == "Renamed by the CLI", timeout=NOTICE_MS)
    names = [s.name for s in window.templates.model().summaries()]
    assert "Renamed by the CLI" in names


def test_a_template_deleted_in_this_process_leaves_the_list_without_a_manual_refresh(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore
) -> None:
    """Whoever writes (here the store itself, as the palette or a dialog would), the list
    follows: nobody calls refresh()."""
    template_id = store_with_order.list_templates()[0].id
    store_with_order.delete_template(template_id)
    qtbot.waitUntil(lambda: template_id not in {s.id for s in window.templates.model().summaries()})
