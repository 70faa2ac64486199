"""The window's preview never shows another template's or another order's reply.

A template that cannot be filled (a field the order lacks) used to leave the previous
reply in the preview, greyed, under the new template's name.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from replydesk.core import library
from replydesk.core.store import TemplateStore
from replydesk.ui.main_window import MainWindow
from replydesk.ui.preview import MISSING_TEXT

BUILTIN = {(t.language, t.kind): t for t in library.load_builtin()}
GREETING = BUILTIN[("en", "greeting")]  # fills completely from Anna's order and the profile
AWAY = BUILTIN[("en", "away_notice")]  # needs "back on", which no order holds


def pick(qtbot: QtBot, window: MainWindow, template_id: str) -> None:
    """Select a template through the real list, as a click would."""
    with qtbot.waitSignal(window.templates.currentTemplateChanged, timeout=10_000):
        assert window.templates.select(template_id)
    assert window.template_id == template_id


def reply_area_copy(qtbot: QtBot, window: MainWindow) -> str:
    """What Ctrl+A, Ctrl+C in the preview's reply area puts on the clipboard."""
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("")
    area = window.preview.text_edit
    area.setFocus()
    qtbot.keyClick(area, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(area, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    return clipboard.text()


def assert_no_reply_shown(qtbot: QtBot, window: MainWindow, old: str) -> None:
    preview = window.preview
    assert old not in preview.text_edit.toPlainText()
    assert preview.text_edit.toPlainText() == ""
    assert preview.text() == "" and not preview.is_ready()
    assert not preview.copy_button.isEnabled()
    assert preview.banner.isVisible() and preview.banner.text().startswith("Fill in")
    assert preview.placeholder() == MISSING_TEXT
    assert reply_area_copy(qtbot, window) == ""


def test_a_template_that_cannot_be_filled_does_not_show_the_last_reply(
    qtbot: QtBot, window: MainWindow
) -> None:
    pick(qtbot, window, GREETING.id)
    greeting = window.preview.text()
    assert window.preview.is_ready() and "Anna" in greeting
    assert window.preview.text_edit.toPlainText() == greeting

    pick(qtbot, window, AWAY.id)
    assert window.title.text() == window.template_name != ""
    assert_no_reply_shown(qtbot, window, greeting)
    assert not window.copy_reply()

    pick(qtbot, window, GREETING.id)  # and back: the greeting is shown, ready, again
    assert window.preview.is_ready()
    assert window.preview.text_edit.toPlainText() == greeting
    assert window.preview.copy_button.isEnabled()


def test_a_new_empty_order_does_not_show_the_last_orders_reply(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore
) -> None:
    pick(qtbot, window, GREETING.id)
    annas = window.preview.text()
    assert "Anna" in annas and "FO81C2D3" in annas
    anna_id = store_with_order.current_order_id

    window.order_bar.new_button.click()
    assert store_with_order.current_order_id != anna_id
    assert window.template_id == GREETING.id  # the same template, for the new order
    assert_no_reply_shown(qtbot, window, annas)
    assert "Anna" not in window.preview.text_edit.toPlainText()
