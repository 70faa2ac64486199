"""A field the user cleared renders empty, in the preview, on the clipboard and in the CLI."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QToolButton
from pytestqt.qtbot import QtBot
from tests.e2e.test_cli_process import replydesk

from replydesk.core.store import TemplateStore
from replydesk.ui.fill_form import REQUIRED_TEXT

if TYPE_CHECKING:
    from replydesk.ui.main_window import MainWindow

FIRST_STEP = "First, I'll"


def greeting(qtbot: QtBot, window: MainWindow, store: TemplateStore) -> str:
    template_id = next(t.id for t in store.list_templates(language="en", kind="greeting"))
    assert window.templates.select(template_id)
    qtbot.waitUntil(lambda: window.template_id == template_id)
    return template_id


def first_step_edit(window: MainWindow) -> QLineEdit:
    editor = window.form.editor("first_step")
    assert editor is not None
    widget = editor.focus_widget()
    assert isinstance(widget, QLineEdit)
    return widget


def preview_text(window: MainWindow) -> str:
    return window.preview.text_edit.toPlainText()


def copy(qtbot: QtBot, window: MainWindow) -> str:
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(window.preview.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(QGuiApplication.clipboard().text()))
    return QGuiApplication.clipboard().text()


def test_ctrl_a_backspace_removes_the_default_sentence(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore
) -> None:
    greeting(qtbot, window, store_with_order)
    assert FIRST_STEP in preview_text(window)  # the default fills it until it is edited
    edit = first_step_edit(window)
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert edit.text() == ""
    assert FIRST_STEP not in preview_text(window)
    assert FIRST_STEP not in copy(qtbot, window)


def test_the_clear_button_removes_the_default_sentence(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore
) -> None:
    greeting(qtbot, window, store_with_order)
    edit = first_step_edit(window)
    buttons = [b for b in edit.findChildren(QToolButton) if b.isVisibleTo(edit)]
    assert len(buttons) == 1, "the line edit shows its clear button"
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    assert edit.text() == ""
    assert FIRST_STEP not in preview_text(window)
    assert FIRST_STEP not in copy(qtbot, window)


def test_a_cleared_required_field_is_framed_and_nothing_is_copied(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore
) -> None:
    template_id = greeting(qtbot, window, store_with_order)
    store_with_order.update_template(
        template_id,
        fields=[
            {
                "name": "first_step",
                "type": "text",
                "label": "First thing you will do",
                "default": "review the brief",
            }
        ],
    )
    window.show_template(template_id)
    edit = first_step_edit(window)
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    editor = window.form.editor("first_step")
    assert editor is not None and editor.problem() == REQUIRED_TEXT
    QGuiApplication.clipboard().setText("before")
    assert not window.copy_reply()
    assert QGuiApplication.clipboard().text() == "before"
    assert "First thing you will do" in window.statusBar().currentMessage()


def test_the_cli_clears_a_default_with_an_empty_set(
    store_with_order: TemplateStore, data_dir: Path
) -> None:
    template_id = next(
        t.id for t in store_with_order.list_templates(language="en", kind="greeting")
    )
    with_default = replydesk(data_dir, "fill", template_id)
    assert with_default.returncode == 0, with_default.stderr
    assert FIRST_STEP in with_default.stdout
    cleared = replydesk(data_dir, "fill", template_id, "--set", "first_step=")
    assert cleared.returncode == 0, cleared.stderr
    assert FIRST_STEP not in cleared.stdout
    assert cleared.stdout.replace(" (", "").startswith("Hi Anna")
