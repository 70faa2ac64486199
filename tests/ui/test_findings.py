"""The reply checker in the window: findings marked in the preview, and block-copy."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from replydesk.core import library
from replydesk.core.checker import Severity
from replydesk.core.delivery import BLOCKED_TEXT
from replydesk.core.models import TemplateData
from replydesk.core.settings import BLOCK_COPY
from replydesk.core.store import TemplateStore
from replydesk.ui.main_window import MainWindow

PHONE = "+7 (912) 345-67-89"
BODY = "Hi {{ client_name }},\n\nsend the files to me directly, or call " + PHONE + ".\n"
EN_GREETING = next(t for t in library.load_builtin() if (t.language, t.kind) == ("en", "greeting"))


@pytest.fixture
def db(store_with_order: TemplateStore) -> TemplateStore:
    """The built-in library, a profile, Anna's Fiverr order."""
    return store_with_order


@pytest.fixture
def phone_id(db: TemplateStore) -> str:
    return db.create_template(
        TemplateData(name="Call me", kind="greeting", language="en", body=BODY)
    ).id


def active(qtbot: QtBot, window: MainWindow) -> MainWindow:
    window.activateWindow()  # the shortcut must really reach the window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=10_000)
    return window


@pytest.fixture
def window(
    qtbot: QtBot, db: TemplateStore, open_window: Callable[[TemplateStore], MainWindow]
) -> MainWindow:
    return active(qtbot, open_window(db))


def pick(qtbot: QtBot, window: MainWindow, template_id: str) -> None:
    with qtbot.waitSignal(window.templates.currentTemplateChanged, timeout=10_000):
        assert window.templates.select(template_id)
    assert window.template_id == template_id


def marked_spans(window: MainWindow) -> list[tuple[int, int]]:
    return [
        (s.cursor.selectionStart(), s.cursor.selectionEnd())
        for s in window.preview.text_edit.extraSelections()
    ]


def test_a_phone_number_is_marked_at_its_place_and_listed(
    qtbot: QtBot, window: MainWindow, phone_id: str
) -> None:
    window.templates.refresh()
    pick(qtbot, window, phone_id)
    text = window.preview.text_edit.toPlainText()
    start = text.index(PHONE)
    assert (start, start + len(PHONE)) in marked_spans(window)
    assert window.preview.findings_list.isVisible()
    assert window.preview.findings_list.count() >= 1
    assert any(f.severity == Severity.ERROR for f in window.preview.findings())
    assert window.preview.copy_button.isEnabled()  # block-copy is off by default


def test_with_block_copy_on_copy_is_off_and_ctrl_enter_copies_nothing(
    qtbot: QtBot,
    db: TemplateStore,
    phone_id: str,
    open_window: Callable[[TemplateStore], MainWindow],
) -> None:
    BLOCK_COPY.write(db, True)
    window = active(qtbot, open_window(db))
    pick(qtbot, window, phone_id)
    assert not window.preview.copy_button.isEnabled()
    assert "blocked" in window.preview.copy_button.toolTip()
    QGuiApplication.clipboard().setText("untouched")
    with qtbot.assertNotEmitted(window.copied):
        qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "untouched"
    assert window.statusBar().currentMessage() == BLOCKED_TEXT
    window.close()


def test_with_block_copy_off_a_reply_with_an_error_is_copied_once_confirmed(
    qtbot: QtBot, window: MainWindow, phone_id: str
) -> None:
    """As in the palette: the first Ctrl+Enter asks, the second copies."""
    window.templates.refresh()
    pick(qtbot, window, phone_id)
    QGuiApplication.clipboard().setText("untouched")
    with qtbot.assertNotEmitted(window.copied):
        qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "untouched"
    assert "Ctrl+Enter again to copy anyway" in window.statusBar().currentMessage()
    with qtbot.waitSignal(window.copied, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert PHONE in QGuiApplication.clipboard().text()


def test_a_confirmation_is_for_the_reply_it_was_asked_for(
    qtbot: QtBot, window: MainWindow, phone_id: str
) -> None:
    """Confirming one reply does not let a changed reply through unasked."""
    window.templates.refresh()
    pick(qtbot, window, phone_id)
    with qtbot.assertNotEmitted(window.copied):
        qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    client = window.order_bar.editor("client_name")
    assert client is not None
    client.focus_widget().setFocus()
    qtbot.keyClicks(client.focus_widget(), "x")
    with qtbot.assertNotEmitted(window.copied):
        qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "again to copy anyway" in window.statusBar().currentMessage()


def test_a_clean_builtin_template_shows_no_findings(qtbot: QtBot, window: MainWindow) -> None:
    pick(qtbot, window, EN_GREETING.id)
    assert window.preview.is_ready()
    assert not window.preview.findings_list.isVisible()
    assert window.preview.text_edit.extraSelections() == []
