"""Start-up in steps: the window paints, the list comes (sqlite3 only), then the store."""

from __future__ import annotations

import gc
import sys

import pytest
from pytestqt.qtbot import QtBot

from replydesk import app
from replydesk.core import library
from replydesk.core.store import TemplateStore
from replydesk.ui.main_window import MainWindow

LIBRARY_SIZE = len(library.KINDS) * len(library.LANGUAGES)


def started(qtbot: QtBot) -> tuple[MainWindow, dict[str, bool]]:
    """Start the window as the app does; note whether the store existed at `listed`."""
    store_at_listing: dict[str, bool] = {}
    window = app.start_window()
    qtbot.addWidget(window)
    window.listed.connect(lambda: store_at_listing.setdefault("store", window.store is not None))
    with qtbot.waitSignal(window.ready, timeout=20000):
        pass
    return window, store_at_listing


def close(window: MainWindow) -> None:
    assert window.store is not None and window.catalog is not None
    window.close()
    window.store.close()
    window.catalog.close()


def test_a_first_start_creates_the_database_then_lists_it(qtbot: QtBot, data_dir: object) -> None:
    window, store_at_listing = started(qtbot)
    # No database yet: the store creates it (and loads the library) before the list shows.
    assert store_at_listing == {"store": True}
    assert window.templates.model().rowCount() == LIBRARY_SIZE
    close(window)


def test_a_later_start_lists_templates_before_the_database_layer_is_open(
    qtbot: QtBot, library_store: TemplateStore
) -> None:
    library_store.close()
    window, store_at_listing = started(qtbot)
    assert store_at_listing == {"store": False}
    assert window.templates.model().rowCount() == LIBRARY_SIZE
    assert window.template_id is not None  # the first template is shown once the store is
    qtbot.keyClicks(window.templates.search_box(), "refund")
    assert 0 < window.templates.model().rowCount() < LIBRARY_SIZE
    close(window)


def test_once_the_store_is_open_the_start_up_heap_leaves_the_collectors_walks(
    qtbot: QtBot, data_dir: object
) -> None:
    """A full collection on a worker thread walked ~100,000 start-up objects holding the
    interpreter lock: ~0.1 s of frozen window each time during an import."""
    gc.unfreeze()
    window, _ = started(qtbot)
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 50_000, timeout=5000)
    close(window)


def test_the_application_hands_the_window_its_turn_quickly(qapp: object) -> None:
    """While an import runs Python on a worker, each call the window's painting makes into
    Python waits at most this long for the interpreter (Python's default is 5 ms)."""
    default = sys.getswitchinterval()
    try:
        app.make_application([])
        assert sys.getswitchinterval() == pytest.approx(app.GUI_SWITCH_INTERVAL)
        assert app.GUI_SWITCH_INTERVAL < 0.005
    finally:
        sys.setswitchinterval(default)


def test_a_damaged_database_is_reported_not_listed(qtbot: QtBot, data_dir: object) -> None:
    from replydesk.core import paths

    paths.database_path().parent.mkdir(parents=True, exist_ok=True)
    paths.database_path().write_bytes(b"not a database at all" * 100)
    window = app.start_window()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.startFailed, timeout=20000) as failed:
        pass
    assert "not a Replydesk database, or it is damaged" in failed.args[0]
    assert window.catalog is None
    window.close()
