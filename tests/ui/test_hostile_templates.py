"""Templates that outgrow the interactive budget: finished off the GUI thread, window usable.

A preview renders on the GUI thread within INTERACTIVE_RENDER_SECONDS of processor time.
A template that needs more is finished in the background with the full budget: a hostile
one then shows why it was stopped, an ordinary slow one shows (and copies) its reply.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from replydesk.core import filling
from replydesk.core.catalog import Catalog
from replydesk.core.filling import RENDERING_MESSAGE, FillResult
from replydesk.core.models import TemplateData
from replydesk.core.store import TemplateStore
from replydesk.ui.editor import TemplateEditor
from replydesk.ui.main_window import MainWindow
from replydesk.ui.palette import QuickPalette

BOMBS = {
    "silent nested loops": (
        "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}"
        "Hi {{ client_name }}"
    ),
    "recursive macro": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
    "huge repetition": "{{ 'x' * 10000 * 10000 }}",
}
# Loops a few thousand times: well within the full budget, over a budget of zero.
SLOW_BODY = "{% for i in range(5000) %}{% endfor %}Hi {{ client_name }}, about {{ service }}."
SLOW_REPLY = "Hi Anna, about Logo design."


@pytest.fixture
def no_interactive_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every preview that loops outgrows the interactive budget, on any machine."""
    monkeypatch.setattr(filling, "INTERACTIVE_RENDER_SECONDS", 0.0)


def add_template(store: TemplateStore, name: str, body: str) -> str:
    data = TemplateData(name=name, kind="greeting", language="en", body=body)
    return store.create_template(data).id


def final_preview(qtbot: QtBot, window: MainWindow, select: str) -> FillResult:
    """Select a template and wait for the preview's last word on it (not "Preparing…")."""
    shown: list[FillResult] = []
    window.previewUpdated.connect(shown.append)
    window.templates.refresh()
    assert window.templates.select(select)
    qtbot.waitUntil(lambda: bool(shown) and not shown[-1].rendering, timeout=30_000)
    return shown[-1]


def show_slow_template(qtbot: QtBot, window: MainWindow, store: TemplateStore) -> None:
    """Add the slow template and select it; its reply is then still being prepared."""
    slow = add_template(store, "Slow but fine", SLOW_BODY)
    window.templates.refresh()
    assert window.templates.select(slow)
    qtbot.waitUntil(lambda: window.template_id == slow, timeout=10_000)


@pytest.mark.parametrize("name", list(BOMBS))
def test_a_bomb_is_stopped_and_the_window_keeps_answering(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore, name: str
) -> None:
    bomb = add_template(store_with_order, f"Bomb: {name}", BOMBS[name])
    result = final_preview(qtbot, window, bomb)
    assert not result.ok and result.error is not None
    assert "Traceback" not in result.message and result.message != RENDERING_MESSAGE
    assert window.preview.banner.text() == result.message
    assert not window.preview.is_ready()


def test_the_bomb_that_outgrows_the_budget_renders_in_the_background(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore
) -> None:
    bomb = add_template(store_with_order, "Bomb", BOMBS["silent nested loops"])
    window.templates.refresh()
    assert window.templates.select(bomb)
    qtbot.waitUntil(lambda: window.template_id == bomb, timeout=10_000)
    # Shown at once: the render goes on off the GUI thread, with the full budget.
    assert window.preview.banner.text() == RENDERING_MESSAGE
    assert window.background_render.is_pending()
    ticks: list[int] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    with qtbot.waitSignal(window.previewUpdated, timeout=30_000) as update:
        pass
    timer.stop()
    result = update.args[0] if update.args else FillResult()
    assert result.error is not None and "processor time" in result.message
    assert ticks, "the GUI thread did not run while the render was being finished"


def test_a_slow_template_shows_its_reply_instead_of_an_error(
    qtbot: QtBot,
    window: MainWindow,
    store_with_order: TemplateStore,
    no_interactive_budget: None,
) -> None:
    slow = add_template(store_with_order, "Slow but fine", SLOW_BODY)
    result = final_preview(qtbot, window, slow)
    assert result.ok and result.text == SLOW_REPLY
    assert window.preview.is_ready() and window.preview.text() == SLOW_REPLY
    assert not window.preview.banner.isVisible()


def test_copy_while_the_reply_is_prepared_copies_it_when_ready(
    qtbot: QtBot,
    window: MainWindow,
    store_with_order: TemplateStore,
    no_interactive_budget: None,
) -> None:
    QGuiApplication.clipboard().setText("before")
    show_slow_template(qtbot, window, store_with_order)
    assert window.background_render.is_pending()
    with qtbot.waitSignal(window.copied, timeout=30_000):
        assert window.copy_reply() is False  # not yet: it is copied once ready
    assert QGuiApplication.clipboard().text() == SLOW_REPLY


def test_a_change_while_rendering_shows_the_newest_state_only(
    qtbot: QtBot,
    window: MainWindow,
    store_with_order: TemplateStore,
    no_interactive_budget: None,
) -> None:
    shown: list[FillResult] = []
    window.previewUpdated.connect(shown.append)
    show_slow_template(qtbot, window, store_with_order)
    assert window.filling is not None
    window.filling.set_value("service", "Flyer")
    window.refresh_preview()
    qtbot.waitUntil(lambda: not window.background_render.is_pending(), timeout=30_000)
    texts = [result.text for result in shown if result.ok]
    assert texts == ["Hi Anna, about Flyer."]


def test_copy_is_not_made_for_a_state_changed_after_asking(
    qtbot: QtBot,
    window: MainWindow,
    store_with_order: TemplateStore,
    no_interactive_budget: None,
) -> None:
    QGuiApplication.clipboard().setText("before")
    show_slow_template(qtbot, window, store_with_order)
    assert window.copy_reply() is False
    assert window.filling is not None
    window.filling.set_value("service", "Flyer")  # typed after Ctrl+Enter
    with qtbot.assertNotEmitted(window.copied, wait=0):
        window.refresh_preview()
        qtbot.waitUntil(lambda: not window.background_render.is_pending(), timeout=30_000)
    assert QGuiApplication.clipboard().text() == "before"
    assert window.preview.text() == "Hi Anna, about Flyer."


def test_the_palette_copies_a_slow_template_once_ready(
    qtbot: QtBot,
    store_with_order: TemplateStore,
    catalog: Catalog,
    no_interactive_budget: None,
) -> None:
    slow = add_template(store_with_order, "Slow but fine", SLOW_BODY)
    palette = QuickPalette(store_with_order, catalog)
    qtbot.addWidget(palette)
    QGuiApplication.clipboard().setText("before")
    with qtbot.waitSignal(palette.copied, timeout=30_000) as copied:
        palette.open_palette(slow)
    assert copied.args is not None and copied.args[2] == SLOW_REPLY
    assert QGuiApplication.clipboard().text() == SLOW_REPLY


def test_the_editor_previews_a_slow_body(
    qtbot: QtBot, store_with_order: TemplateStore, no_interactive_budget: None
) -> None:
    editor = TemplateEditor(store_with_order, None)
    qtbot.addWidget(editor)
    editor.body_edit.setPlainText("{% for i in range(5000) %}{% endfor %}Hello {{ client_name }}")
    editor._refresh()
    assert editor.preview.toPlainText() == RENDERING_MESSAGE
    qtbot.waitUntil(lambda: editor.preview.toPlainText().startswith("Hello "), timeout=30_000)
