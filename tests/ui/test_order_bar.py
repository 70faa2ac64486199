"""The order bar: created on the first edit, saved as typed, switched without losing work."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel
from pytestqt.qtbot import QtBot

from replydesk.core.recent_orders import NEW_ORDER_TEXT, order_title
from replydesk.core.store import TemplateStore
from replydesk.ui.order_bar import OrderBar

ANNA = {
    "client_name": "Anna",
    "order_id": "FO81C2D3",
    "service": "Logo design",
    "price": Decimal("120"),
    "currency": "EUR",
    "deadline": dt.date(2026, 12, 1),
    "platform": "Fiverr",
    "notes": "Two colour variants",
}
MARIA = {"client_name": "Maria", "order_id": "KW-2231", "service": "Landing page copy"}


def make_bar(qtbot: QtBot, store: TemplateStore) -> OrderBar:
    bar = OrderBar(store)
    qtbot.addWidget(bar)
    bar.resize(900, bar.sizeHint().height())
    bar.show()
    qtbot.waitExposed(bar)
    bar.activateWindow()
    return bar


def type_into(qtbot: QtBot, bar: OrderBar, name: str, text: str) -> None:
    editor = bar.editor(name)
    assert editor is not None
    widget = editor.focus_widget()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(widget, Qt.Key.Key_End)  # a person clicks after the text, then types
    qtbot.keyClicks(widget, text)


def pick_next_order(qtbot: QtBot, bar: OrderBar) -> None:
    """What a person does: focus the order list and press Down."""
    bar.orders.setFocus()
    qtbot.waitUntil(bar.orders.hasFocus)
    qtbot.keyClick(bar.orders, Qt.Key.Key_Down)


@pytest.fixture
def two_orders(store: TemplateStore) -> tuple[int, int]:
    """Maria's order, then Anna's (the current one, first in the list)."""
    maria = store.create_order(MARIA)
    anna = store.create_order(ANNA)
    assert maria.id is not None and anna.id is not None
    store.current_order_id = anna.id
    return anna.id, maria.id


def test_a_fresh_start_creates_no_order(qtbot: QtBot, store: TemplateStore) -> None:
    bar = make_bar(qtbot, store)
    assert bar.current_order_id() is None
    assert bar.values() == {}
    assert bar.orders.currentText() == NEW_ORDER_TEXT
    bar.flush()
    assert store.list_orders() == []


def test_typing_a_client_name_creates_the_current_order(qtbot: QtBot, store: TemplateStore) -> None:
    bar = make_bar(qtbot, store)
    type_into(qtbot, bar, "client_name", "Anna")
    qtbot.waitUntil(lambda: store.current_order_id is not None, timeout=10_000)
    orders = store.list_orders()
    assert len(orders) == 1  # one order for the whole name, not one per letter
    assert orders[0].client_name == "Anna"
    assert bar.current_order_id() == orders[0].id == store.current_order_id
    assert bar.orders.currentText() == "Anna"


def test_flush_saves_at_once(qtbot: QtBot, store: TemplateStore) -> None:
    bar = make_bar(qtbot, store)
    type_into(qtbot, bar, "order_id", "FO81C2D3")
    bar.flush()
    order_id = store.current_order_id
    assert order_id is not None
    type_into(qtbot, bar, "service", "Logo")
    bar.flush()
    assert store.get_order(order_id).service == "Logo"
    assert store.get_order(order_id).order_id == "FO81C2D3"


def test_order_changed_carries_typed_values(qtbot: QtBot, store: TemplateStore) -> None:
    bar = make_bar(qtbot, store)
    with qtbot.waitSignal(bar.orderChanged) as blocker:
        type_into(qtbot, bar, "client_name", "A")
    assert blocker.args == [{"client_name": "A"}]
    type_into(qtbot, bar, "price", "120.5")
    type_into(qtbot, bar, "deadline", "20261201")
    with qtbot.waitSignal(bar.orderChanged) as blocker:
        type_into(qtbot, bar, "service", "x")
    values = blocker.args[0]
    assert values["price"] == Decimal("120.50")
    assert isinstance(values["price"], Decimal)
    assert values["deadline"] == dt.date(2026, 12, 1)
    assert values["service"] == "x"
    bar.flush()
    order = store.get_order(bar.current_order_id() or 0)
    assert order.values()["price"] == Decimal("120.50")
    assert order.deadline == dt.date(2026, 12, 1)


def test_order_changed_leaves_out_emptied_fields(qtbot: QtBot, store: TemplateStore) -> None:
    bar = make_bar(qtbot, store)
    type_into(qtbot, bar, "client_name", "Al")
    bar.flush()
    editor = bar.editor("client_name")
    assert editor is not None
    seen: list[dict[str, object]] = []
    bar.orderChanged.connect(seen.append)
    qtbot.keyClick(editor.focus_widget(), Qt.Key.Key_Backspace)
    qtbot.keyClick(editor.focus_widget(), Qt.Key.Key_Backspace)
    assert seen == [{"client_name": "A"}, {}]
    bar.flush()
    assert store.get_order(bar.current_order_id() or 0).client_name == ""


def test_the_current_order_is_loaded_on_start(
    qtbot: QtBot, store: TemplateStore, two_orders: tuple[int, int]
) -> None:
    anna, _ = two_orders
    bar = make_bar(qtbot, store)
    assert bar.current_order_id() == anna
    assert bar.values() == ANNA
    price = bar.editor("price")
    assert price is not None
    assert price.focus_widget().text() == "120.00"  # type: ignore[attr-defined]
    assert bar.price_editor.currency() == "EUR"
    assert bar.orders.currentText() == "FO81C2D3 — Anna · Logo design"
    assert [bar.orders.itemText(i) for i in range(bar.orders.count())] == [
        "FO81C2D3 — Anna · Logo design",
        "KW-2231 — Maria · Landing page copy",
    ]


def test_switching_orders_saves_the_half_typed_one_and_loads_the_other(
    qtbot: QtBot, store: TemplateStore, two_orders: tuple[int, int]
) -> None:
    anna, maria = two_orders
    bar = make_bar(qtbot, store)
    type_into(qtbot, bar, "service", " and cards")  # no pause: the save is still pending
    with qtbot.waitSignal(bar.orderChanged) as blocker:
        pick_next_order(qtbot, bar)
    assert blocker.args == [MARIA]
    assert bar.current_order_id() == maria == store.current_order_id
    client = bar.editor("client_name")
    deadline = bar.editor("deadline")
    assert client is not None and deadline is not None
    assert client.value() == "Maria"
    assert deadline.value() is None
    assert deadline.focus_widget().text() == ""  # type: ignore[attr-defined]
    assert store.get_order(anna).service == "Logo design and cards"
    assert store.get_order(anna).notes == "Two colour variants"


def test_new_order_starts_empty_and_keeps_the_old_one(
    qtbot: QtBot, store: TemplateStore, two_orders: tuple[int, int]
) -> None:
    anna, _ = two_orders
    bar = make_bar(qtbot, store)
    type_into(qtbot, bar, "platform", " Pro")
    with qtbot.waitSignal(bar.orderChanged) as blocker:
        qtbot.mouseClick(bar.new_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [{}]
    assert bar.current_order_id() is None
    assert store.current_order_id is None
    assert all(editor.value() is None for editor in map(bar.editor, MARIA) if editor)
    assert store.get_order(anna).platform == "Fiverr Pro"
    type_into(qtbot, bar, "client_name", "Ion")
    bar.flush()
    assert len(store.list_orders()) == 3
    assert store.get_order(store.current_order_id or 0).client_name == "Ion"
    assert store.get_order(anna).client_name == "Anna"


def test_the_currency_is_upper_cased_and_the_price_follows_it(
    qtbot: QtBot, store: TemplateStore
) -> None:
    bar = make_bar(qtbot, store)
    type_into(qtbot, bar, "price", "25")
    type_into(qtbot, bar, "currency", "ron")
    assert bar.currency_editor.text() == "RON"
    assert bar.values()["currency"] == "RON"
    assert bar.price_editor.currency() == "RON"


def test_an_empty_currency_shows_the_profile_default(qtbot: QtBot, store: TemplateStore) -> None:
    store.update_profile({"default_currency": "HUF"})
    bar = make_bar(qtbot, store)
    type_into(qtbot, bar, "price", "9000")
    assert bar.price_editor.currency() == "HUF"
    assert bar.currency_editor.line_edit().placeholderText() == "HUF"
    assert "currency" not in bar.values()


def test_half_a_currency_code_never_reaches_the_store(
    qtbot: QtBot, store: TemplateStore, two_orders: tuple[int, int]
) -> None:
    anna, _ = two_orders
    bar = make_bar(qtbot, store)
    line = bar.currency_editor.line_edit()
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)
    qtbot.keyClick(line, Qt.Key.Key_Backspace)  # "EUR" → "EU"
    assert bar.currency_editor.text() == "EU"
    type_into(qtbot, bar, "client_name", "!")  # another edit, so there is a save
    bar.flush()
    assert store.get_order(anna).currency == "EUR"
    assert bar.values()["currency"] == "EUR"
    bar.editor("client_name").focus_widget().setFocus()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: bar.currency_editor.problem() is not None)


def test_notes_typed_elsewhere_are_kept_and_saved(qtbot: QtBot, store: TemplateStore) -> None:
    bar = make_bar(qtbot, store)
    with qtbot.assertNotEmitted(bar.orderChanged):  # the caller shows its own change
        bar.set_extra_value("notes", "Две версии")
    assert bar.values() == {"notes": "Две версии"}
    type_into(qtbot, bar, "client_name", "Anna")
    bar.flush()
    order = store.get_order(store.current_order_id or 0)
    assert order.notes == "Две версии"
    assert order.client_name == "Anna"
    bar.set_extra_value("notes", None)
    bar.flush()
    assert store.get_order(order.id or 0).notes == ""
    assert "notes" not in bar.values()


def test_mark_frames_the_named_fields(qtbot: QtBot, store: TemplateStore) -> None:
    bar = make_bar(qtbot, store)
    bar.mark(["deadline", "price", "notes"], {})
    problems = {name: bar.editor(name).problem() for name in ("deadline", "price", "service")}  # type: ignore[union-attr]
    assert problems == {"deadline": "Required", "price": "Required", "service": None}
    bar.mark([], {})
    assert bar.editor("deadline").problem() is None  # type: ignore[union-attr]


def test_labels_have_mnemonics_and_buddies(qtbot: QtBot, store: TemplateStore) -> None:
    bar = make_bar(qtbot, store)
    labels = {label.text(): label for label in bar.findChildren(QLabel)}
    assert labels["&Order:"].buddy() is bar.orders
    client = bar.editor("client_name")
    assert client is not None
    assert labels["C&lient:"].buddy() is client.focus_widget()
    letters = {text[text.index("&") + 1].lower() for text in labels if "&" in text}
    assert letters | {"n"} == set(OrderBar.MNEMONICS)


def test_tab_walks_the_bar_row_by_row(qtbot: QtBot, store: TemplateStore) -> None:
    bar = make_bar(qtbot, store)
    order = ["client_name", "order_id", "service", "price", "currency"]
    first = bar.editor(order[0])
    assert first is not None
    first.focus_widget().setFocus()
    qtbot.waitUntil(first.focus_widget().hasFocus)
    for name in order[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        editor = bar.editor(name)
        assert editor is not None
        assert QApplication.focusWidget() is editor.focus_widget(), name


def test_order_titles() -> None:
    assert order_title(ANNA) == "FO81C2D3 — Anna · Logo design"
    assert order_title({"client_name": "Anna"}) == "Anna"
    assert order_title({"order_id": "X1"}) == "X1"
    assert order_title({}) == NEW_ORDER_TEXT


def test_the_order_list_is_a_combo_box(qtbot: QtBot, store: TemplateStore) -> None:
    bar = make_bar(qtbot, store)
    assert isinstance(bar.orders, QComboBox)
    assert bar.orders.accessibleName() == "Order"


def test_refresh_picks_up_a_new_default_currency(qtbot: QtBot, store: TemplateStore) -> None:
    bar = make_bar(qtbot, store)
    bar.price_editor.set_value(Decimal("10"))
    store.update_profile({"default_currency": "PLN"})
    bar.refresh_orders()
    assert bar.price_editor.line_edit.text() == "10.00"
    assert bar.price_editor.currency() == "PLN"


def test_a_price_typed_in_another_currency_is_framed_and_not_saved(
    qtbot: QtBot, store: TemplateStore
) -> None:
    bar = make_bar(qtbot, store)
    type_into(qtbot, bar, "client_name", "Anna")
    type_into(qtbot, bar, "price", "25 EUR")  # the order is in the default USD
    assert bar.price_editor.problem() == (
        "Price: '25 EUR' is not in USD: type the amount alone, or change the order's currency"
    )
    assert bar.values()["price"] == "25 EUR"  # held as typed: a fill reports it
    assert bar.flush()
    assert store.get_order(bar.current_order_id() or 0).price == ""  # never saved as 25 USD
    type_into(qtbot, bar, "currency", "EUR")
    assert bar.price_editor.problem() is None
    assert bar.values()["price"] == Decimal("25.00")
    assert bar.flush()
    assert Decimal(store.get_order(bar.current_order_id() or 0).price) == Decimal("25")


def test_the_clients_language_is_picked_by_its_own_name_and_kept_with_the_order(
    qtbot: QtBot, store: TemplateStore
) -> None:
    bar = make_bar(qtbot, store)
    type_into(qtbot, bar, "client_name", "Ivan")
    language = bar.editor("language")
    assert language is not None
    combo = language.focus_widget()
    assert isinstance(combo, QComboBox)
    names = [combo.itemText(i) for i in range(combo.count())]
    assert names[1:] == ["English", "Русский", "Română", "Slovenčina", "Magyar"]
    labels = {label.text(): label for label in bar.findChildren(QLabel)}
    assert labels["Lan&guage:"].buddy() is combo
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # the empty item, then English
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # Русский
    assert combo.currentText() == "Русский"
    assert bar.values()["language"] == "ru"
    assert bar.flush()
    order_id = bar.current_order_id()
    assert order_id is not None
    assert store.get_order(order_id).language == "ru"
    assert store.get_order(order_id).values()["language"] == "ru"

    fresh = make_bar(qtbot, store)  # another window (or the next start) shows it
    shown = fresh.editor("language")
    assert shown is not None and shown.value() == "ru"
