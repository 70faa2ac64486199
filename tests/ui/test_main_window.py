"""The main window, used the way a person uses it: search, fill, copy, edit, delete, undo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from replydesk.core import library
from replydesk.core.store import TemplateStore
from replydesk.ui.main_window import MainWindow

BUILTIN = {(t.language, t.kind): t for t in library.load_builtin()}
EN_GREETING = BUILTIN[("en", "greeting")]
RU_GREETING = BUILTIN[("ru", "greeting")]
LIBRARY_SIZE = len(library.KINDS) * len(library.LANGUAGES)


def visible_names(window: MainWindow) -> list[str]:
    model = window.templates.model()
    return [model.summary_at(row).name for row in range(model.rowCount())]


def pick(qtbot: QtBot, window: MainWindow, template_id: str) -> None:
    with qtbot.waitSignal(window.templates.currentTemplateChanged, timeout=10_000):
        assert window.templates.select(template_id)
    assert window.template_id == template_id


def test_search_box_has_focus_and_typing_narrows_the_list(qtbot: QtBot, window: MainWindow) -> None:
    assert QApplication.focusWidget() is window.templates.search_box()
    assert len(visible_names(window)) == LIBRARY_SIZE
    qtbot.keyClicks(window.templates.search_box(), "refund")
    names = visible_names(window)
    assert 0 < len(names) < LIBRARY_SIZE
    assert "Refund or free revision" in names


def test_ctrl_f_returns_to_the_search_box(qtbot: QtBot, window: MainWindow) -> None:
    window.preview.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.templates.search_box()
    window.preview.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.templates.search_box()


def test_picking_a_template_fills_it_from_the_order_and_profile(
    qtbot: QtBot, window: MainWindow
) -> None:
    pick(qtbot, window, EN_GREETING.id)
    text = window.preview.text()
    assert "Anna" in text and "FO81C2D3" in text and "Alex" in text
    assert window.preview.is_ready()


def test_typing_a_field_updates_the_preview(qtbot: QtBot, window: MainWindow) -> None:
    pick(qtbot, window, EN_GREETING.id)
    editor = window.form.editor("first_step")
    assert editor is not None
    widget = editor.focus_widget()
    assert isinstance(widget, QLineEdit)
    widget.selectAll()
    qtbot.keyClicks(widget, "sketch three logo concepts")
    assert "sketch three logo concepts" in window.preview.text()


def test_ctrl_enter_copies_the_reply_and_counts_the_use(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore
) -> None:
    pick(qtbot, window, EN_GREETING.id)
    QGuiApplication.clipboard().setText("old")
    with qtbot.waitSignal(window.copied, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == window.preview.text()
    assert "Anna" in QGuiApplication.clipboard().text()
    qtbot.waitUntil(lambda: store_with_order.get_template(EN_GREETING.id).use_count == 1)
    assert store_with_order.get_template(EN_GREETING.id).last_used_at is not None


def test_nothing_is_copied_while_required_fields_are_missing(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.order_bar.new_order()
    pick(qtbot, window, EN_GREETING.id)
    assert not window.preview.is_ready()
    QGuiApplication.clipboard().setText("untouched")
    assert not window.copy_reply()
    assert QGuiApplication.clipboard().text() == "untouched"
    assert "Fill in" in window.statusBar().currentMessage()


def test_switching_the_order_changes_the_preview(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore
) -> None:
    other = store_with_order.create_order(
        {
            "client_name": "Boris",
            "order_id": "K-77",
            "service": "Перевод",
            "price": Decimal("1500"),
            "currency": "RUB",
            "deadline": dt.date.today() + dt.timedelta(days=3),
        }
    )
    pick(qtbot, window, RU_GREETING.id)
    assert "Anna" in window.preview.text()
    window.order_bar.refresh_orders()
    assert other.id is not None
    window.order_bar.switch_to(other.id)
    assert "Boris" in window.preview.text() and "K-77" in window.preview.text()
    assert "3 дня" in window.preview.text()
    assert store_with_order.current_order_id == other.id


def test_typing_in_the_order_bar_is_saved_and_followed_by_the_preview(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore
) -> None:
    pick(qtbot, window, EN_GREETING.id)
    editor = window.order_bar.editor("client_name")
    assert editor is not None
    widget = editor.focus_widget()
    assert isinstance(widget, QLineEdit)
    widget.selectAll()
    qtbot.keyClicks(widget, "Maria")
    assert "Maria" in window.preview.text()
    window.order_bar.flush()
    order_id = store_with_order.current_order_id
    assert order_id is not None
    assert store_with_order.get_order(order_id).client_name == "Maria"


def test_a_broken_body_shows_an_inline_error_and_the_window_survives(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore
) -> None:
    store_with_order.update_template(EN_GREETING.id, body="Hello\n{{ client_name | nosuchfilter }}")
    pick(qtbot, window, BUILTIN[("en", "delivery")].id)
    pick(qtbot, window, EN_GREETING.id)
    assert not window.preview.is_ready()
    assert "line 2" in window.preview.banner.text()
    assert not window.copy_reply()


def test_delete_then_undo_then_delete_and_restore_from_trash(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore
) -> None:
    pick(qtbot, window, EN_GREETING.id)
    window.templates.list_view().setFocus()
    qtbot.keyClick(window.templates.list_view(), Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: EN_GREETING.name not in visible_names(window))
    assert store_with_order.get_template(EN_GREETING.id).deleted_at is not None
    assert window.undo_action.isEnabled()

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.templates.current_id() == EN_GREETING.id)
    assert EN_GREETING.name in visible_names(window)
    assert store_with_order.get_template(EN_GREETING.id).deleted_at is None

    window.delete_template()
    window.show_trash()
    trash = window.trash_dialog
    assert trash is not None
    qtbot.waitExposed(trash)
    assert trash.select(EN_GREETING.id)
    with qtbot.waitSignal(trash.restored, timeout=10_000):
        trash.restore_selected()
    qtbot.waitUntil(lambda: EN_GREETING.name in visible_names(window))
    trash.close()


def test_edit_and_save_a_template_from_the_window(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore
) -> None:
    pick(qtbot, window, EN_GREETING.id)
    qtbot.keyClick(window.templates.list_view(), Qt.Key.Key_F2)
    editor = window.editor
    assert editor is not None
    qtbot.waitExposed(editor)
    editor.name_edit.selectAll()
    qtbot.keyClicks(editor.name_edit, "Warm hello")
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.isVisible())
    assert store_with_order.get_template(EN_GREETING.id).name == "Warm hello"
    qtbot.waitUntil(lambda: "Warm hello" in visible_names(window))  # the store announced it
    assert window.title.text() == "Warm hello"


def test_favorite_moves_a_template_to_the_top(qtbot: QtBot, window: MainWindow) -> None:
    delivery = BUILTIN[("hu", "delivery")]
    pick(qtbot, window, delivery.id)
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: visible_names(window)[0] == delivery.name)
    assert window.templates.current_id() == delivery.id


def test_window_remembers_size_splitters_and_last_template(
    qtbot: QtBot,
    store_with_order: TemplateStore,
    open_window: Callable[[TemplateStore], MainWindow],
) -> None:
    first = open_window(store_with_order)
    first.resize(900, 640)
    assert first.main_split is not None
    first.main_split.setSizes([250, 650])
    pick(qtbot, first, BUILTIN[("sk", "delivery")].id)
    first.close()
    second = open_window(store_with_order)
    assert second.template_id == BUILTIN[("sk", "delivery")].id
    assert second.size().width() == 900
    assert second.main_split is not None
    assert abs(second.main_split.sizes()[0] - 250) <= 2  # the default is 330
    second.close()


def test_tab_walks_from_search_to_list_order_form_and_copy(
    qtbot: QtBot, window: MainWindow
) -> None:
    pick(qtbot, window, EN_GREETING.id)
    window.templates.focus_search()
    client = window.order_bar.editor("client_name")
    first_step = window.form.editor("first_step")
    assert client is not None and first_step is not None
    qtbot.waitUntil(first_step.focus_widget().isVisible)  # new rows show on the next loop
    wanted = [
        window.templates.list_view(),
        client.focus_widget(),
        first_step.focus_widget(),
        window.preview.copy_button,
    ]
    seen: list[object] = []
    for _ in range(60):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if focused in wanted and focused not in seen:
            seen.append(focused)
    assert seen == wanted


# Qt 6 marks QDragEnterEvent's only constructor deprecated; there is no other way to build one.
@pytest.mark.filterwarnings("ignore:Function.*QDragEnterEvent:DeprecationWarning")
def test_dropping_a_file_opens_the_import_preview(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore, tmp_path: Path
) -> None:
    from replydesk.core.bundle import export_file

    bundle = tmp_path / "team.replydesk"
    export_file(store_with_order, bundle, language="hu")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(bundle))])
    position = QPointF(window.rect().center())
    enter = QDragEnterEvent(
        position.toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        position,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, drop)
    qtbot.waitUntil(lambda: window.import_dialog is not None, timeout=30_000)
    dialog = window.import_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert "team.replydesk" in dialog.windowTitle()
    assert dialog.model.rowCount() == len(library.KINDS)
    dialog.reject()


def test_export_dialog_writes_the_chosen_templates(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from replydesk.core.bundle import read_bundle
    from replydesk.ui import export_dialog

    target = tmp_path / "one.replydesk"
    monkeypatch.setattr(export_dialog, "choose_target", lambda parent, folder: target)
    pick(qtbot, window, EN_GREETING.id)
    window.choose_export()
    dialog = window.export_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.this_one.isChecked()
    with qtbot.waitSignal(dialog.exported):
        dialog.export_button.click()
    assert [t.id for t in read_bundle(target).templates] == [EN_GREETING.id]
    assert "Exported 1 template" in window.statusBar().currentMessage()


def test_a_price_that_is_not_an_amount_is_framed_and_blocks_the_copy(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The reply never goes out with the last good price while the field says otherwise."""
    assert window.store is not None
    upsell = next(t.id for t in window.store.list_templates(language="en", kind="upsell_options"))
    assert window.templates.select(upsell)
    qtbot.waitUntil(lambda: window.template_id == upsell)
    assert "$120 " in window.preview.text_edit.toPlainText()  # the price, as in a chat
    price = window.order_bar.price_editor
    price.focus_widget().setFocus()
    qtbot.keyClick(price.focus_widget(), Qt.Key.Key_End)
    qtbot.keyClicks(price.focus_widget(), " EUR")  # "120.00 EUR" in a USD order
    assert price.problem() is not None and "is not in USD" in price.problem()  # type: ignore[operator]
    QGuiApplication.clipboard().setText("before")
    assert not window.copy_reply()
    assert QGuiApplication.clipboard().text() == "before"
    assert window.preview.text_edit.toPlainText() == ""
