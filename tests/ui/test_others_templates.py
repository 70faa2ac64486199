"""Templates from other people (imported) never render on the GUI thread.

The window, the palette and the editor hand their renders to a worker thread at once;
what is missing or wrong is still marked as the user types. The spy below records the
thread of every render; the render itself is the real one.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from replydesk.core import filling as filling_module
from replydesk.core import render as render_module
from replydesk.core.bundle import FORMAT_NAME, FORMAT_VERSION, read_bundle
from replydesk.core.catalog import Catalog
from replydesk.core.filling import DEFERRED_MESSAGE, FillResult
from replydesk.core.merge import apply_plan, plan_import
from replydesk.core.models import TemplateData
from replydesk.core.store import TemplateStore
from replydesk.ui import editor as editor_module
from replydesk.ui.editor import TemplateEditor
from replydesk.ui.main_window import MainWindow
from replydesk.ui.palette import QuickPalette

THEIR_BODY = "Hi {{ client_name }}, thanks for the order {{ order_id }}."


@pytest.fixture
def render_threads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """True for each render made on the GUI (main) thread, False for one made elsewhere."""
    threads: list[bool] = []
    real = render_module.render

    def spy(*args: Any, **kwargs: Any) -> str:
        threads.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(filling_module, "render", spy)
    monkeypatch.setattr(editor_module, "render", spy)
    yield threads


def import_template(store: TemplateStore, folder: Path, body: str = THEIR_BODY) -> str:
    """A teammate's template, imported for real from a JSON bundle."""
    path = folder / "from-a-teammate.json"
    template = {
        "id": "1d5e2a52-8d35-4a50-9a54-0d1c4f0c8a11",
        "name": "Their thanks",
        "kind": "greeting",
        "language": "en",
        "body": body,
    }
    path.write_text(
        json.dumps({"format": FORMAT_NAME, "version": FORMAT_VERSION, "templates": [template]})
    )
    outcome = apply_plan(store, plan_import(store, read_bundle(path)))
    assert outcome.added == 1
    return template["id"]


def final_result(qtbot: QtBot, window: MainWindow, select: Callable[[], object]) -> FillResult:
    shown: list[FillResult] = []
    window.previewUpdated.connect(shown.append)
    select()
    qtbot.waitUntil(lambda: bool(shown) and not shown[-1].rendering, timeout=30_000)
    return shown[-1]


def test_the_window_renders_an_imported_template_off_the_gui_thread(
    qtbot: QtBot,
    window: MainWindow,
    store_with_order: TemplateStore,
    render_threads: list[bool],
    tmp_path: Path,
) -> None:
    theirs = import_template(store_with_order, tmp_path)
    window.templates.refresh()
    result = final_result(qtbot, window, lambda: window.templates.select(theirs))
    assert result.ok and result.text is not None and result.text.startswith("Hi Anna")
    assert window.preview.text() == result.text
    assert render_threads and not any(render_threads)


def test_a_copy_of_an_imported_template_reaches_the_clipboard_from_the_worker(
    qtbot: QtBot,
    window: MainWindow,
    store_with_order: TemplateStore,
    render_threads: list[bool],
    tmp_path: Path,
) -> None:
    theirs = import_template(store_with_order, tmp_path)
    window.templates.refresh()
    final_result(qtbot, window, lambda: window.templates.select(theirs))
    QGuiApplication.clipboard().setText("before")
    with qtbot.waitSignal(window.copied, timeout=30_000):
        window.copy_reply()
    assert QGuiApplication.clipboard().text().startswith("Hi Anna, thanks for the order")
    assert not any(render_threads)


def test_a_missing_value_of_an_imported_template_is_marked_without_a_render(
    qtbot: QtBot,
    window: MainWindow,
    store_with_order: TemplateStore,
    render_threads: list[bool],
    tmp_path: Path,
) -> None:
    theirs = import_template(store_with_order, tmp_path)
    window.templates.refresh()
    final_result(qtbot, window, lambda: window.templates.select(theirs))
    assert window.filling is not None
    window.filling.set_value("client_name", "")  # the user cleared it
    result = window.refresh_preview()
    assert result.missing == ("client_name",) and not result.deferred
    assert "Client name" in window.preview.banner.text()
    assert not any(render_threads)


def test_the_users_own_template_still_renders_at_once(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore, render_threads: list[bool]
) -> None:
    data = TemplateData(name="Mine", kind="greeting", language="en", body=THEIR_BODY)
    mine = store_with_order.create_template(data).id
    window.templates.refresh()
    assert window.templates.select(mine)
    qtbot.waitUntil(lambda: window.template_id == mine, timeout=10_000)
    assert window.preview.text().startswith("Hi Anna")  # no wait: rendered on this thread
    assert render_threads and all(render_threads)


def test_the_palette_copies_an_imported_template_rendered_off_the_gui_thread(
    qtbot: QtBot,
    store_with_order: TemplateStore,
    catalog: Catalog,
    render_threads: list[bool],
    tmp_path: Path,
) -> None:
    theirs = import_template(store_with_order, tmp_path)
    palette = QuickPalette(store_with_order, catalog)
    qtbot.addWidget(palette)
    QGuiApplication.clipboard().setText("before")
    with qtbot.waitSignal(palette.copied, timeout=30_000) as copied:
        palette.open_palette(theirs)
    assert copied.args is not None and str(copied.args[2]).startswith("Hi Anna")
    assert render_threads and not any(render_threads)


def test_the_editor_previews_an_imported_template_and_its_copy_off_the_gui_thread(
    qtbot: QtBot, store_with_order: TemplateStore, render_threads: list[bool], tmp_path: Path
) -> None:
    theirs = import_template(store_with_order, tmp_path)
    for duplicate in (False, True):
        editor = TemplateEditor(store_with_order, theirs, duplicate=duplicate)
        qtbot.addWidget(editor)
        editor._refresh()
        assert editor.preview.toPlainText() == DEFERRED_MESSAGE
        qtbot.waitUntil(partial(_previews_reply, editor), timeout=30_000)
    assert render_threads and not any(render_threads)


def _previews_reply(editor: TemplateEditor) -> bool:
    return editor.preview.toPlainText().startswith("Hi ")


def test_a_saved_copy_of_an_imported_template_is_still_theirs(
    qtbot: QtBot, store_with_order: TemplateStore, tmp_path: Path
) -> None:
    theirs = import_template(store_with_order, tmp_path)
    editor = TemplateEditor(store_with_order, theirs, duplicate=True)
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.saved, timeout=10_000) as saved:
        assert editor.save()
    assert saved.args is not None
    copy = store_with_order.get_template(str(saved.args[0]))
    assert copy.origin not in filling_module.TRUSTED_ORIGINS


# --- reading an import ----------------------------------------------------------------------


def test_an_import_is_read_off_the_gui_thread_and_one_preview_opens_at_a_time(
    qtbot: QtBot,
    window: MainWindow,
    store_with_order: TemplateStore,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from replydesk.core import bundle

    threads: list[bool] = []
    real = bundle.read_bundle

    def spy(path: Path | str, *args: Any) -> Any:
        threads.append(threading.current_thread() is threading.main_thread())
        return real(path, *args)

    monkeypatch.setattr(bundle, "read_bundle", spy)
    path = tmp_path / "team.replydesk"
    bundle.export_file(store_with_order, path, language="ro")
    assert window.import_file(path) is True
    for _ in range(99):  # a hundred requests in a row: one preview
        assert window.import_file(path) is False
    qtbot.waitUntil(lambda: window.import_dialog is not None, timeout=30_000)
    dialog = window.import_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert threads == [False]
    assert window.import_file(path) is False  # the preview is open
    assert "already open" in window.statusBar().currentMessage()
    dialog.reject()
    qtbot.waitUntil(lambda: window.import_dialog is None, timeout=10_000)
    assert window.import_file(path) is True  # closed: the next one may open
    qtbot.waitUntil(lambda: window.import_dialog is not None, timeout=30_000)
    assert window.import_dialog is not None
    window.import_dialog.reject()


def test_a_bad_import_file_read_off_the_gui_thread_says_why(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from replydesk.ui import main_window

    shown: list[str] = []
    monkeypatch.setattr(main_window, "show_error", lambda _parent, _title, text: shown.append(text))
    path = tmp_path / "broken.json"
    path.write_text("{ not json", encoding="utf-8")
    assert window.import_file(path) is True
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    assert "broken.json" in shown[0] and "\n" not in shown[0]
    assert not window.import_in_progress()
