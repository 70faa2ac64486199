"""The quick-paste palette, used like a person: summon, type, move, Enter, paste."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from replydesk.core import autopaste, settings
from replydesk.core.catalog import Catalog
from replydesk.core.models import TemplateData
from replydesk.core.store import TemplateStore
from replydesk.ui.palette import (
    BLOCKED_TEXT,
    CONFIRM_TEXT,
    NO_ORDER_TEXT,
    PASTE_DELAY_MS,
    QuickPalette,
)
from replydesk.ui.palette_view import LIST_HINTS, WINDOW_TITLE
from replydesk.ui.store_events import StoreEvents

REFUND = "Refund or free revision"
SIGNAL_TIMEOUT_MS = 10_000
"""Bound of every wait for a signal: generous, a wait ends as soon as the signal comes."""
NOTHING_MS = 200
"""How long a "nothing happens" check watches; a slow machine only makes it weaker."""
NEGATIVE_REVIEW = "Reply to a negative review"  # asks for issue_summary and action_taken


@pytest.fixture
def orders(library_store: TemplateStore, anna_values: dict[str, object]) -> dict[str, int]:
    """A profile, Anna's order (the current one) and Bob's."""
    library_store.update_profile({"my_name": "Alex", "default_currency": "USD"})
    anna = library_store.create_order(anna_values)
    bob = library_store.create_order(
        {
            "client_name": "Bob",
            "order_id": "KW5521",
            "service": "Landing page",
            "price": Decimal("300"),
            "currency": "EUR",
            "deadline": dt.date.today() + dt.timedelta(days=9),
            "platform": "Kwork",
        }
    )
    library_store.current_order_id = anna.id
    assert anna.id is not None and bob.id is not None
    return {"Anna": anna.id, "Bob": bob.id}


@pytest.fixture
def db(library_store: TemplateStore, orders: dict[str, int]) -> TemplateStore:
    """The built-in library, a profile and two orders, Anna's the current one."""
    return library_store


@pytest.fixture
def palette(qtbot: QtBot, db: TemplateStore) -> Iterator[QuickPalette]:
    palette = QuickPalette(db, Catalog(db.path))
    qtbot.addWidget(palette)
    QGuiApplication.clipboard().clear()
    palette.open_palette()
    qtbot.waitExposed(palette)
    yield palette
    palette.hide()


def names(palette: QuickPalette) -> list[str]:
    model = palette.model
    return [model.summary_at(row).name for row in range(model.rowCount())]


def selected_name(palette: QuickPalette) -> str | None:
    index = palette.list_view.selectionModel().currentIndex()
    return palette.model.summary_at(index.row()).name if index.isValid() else None


def uses(db: TemplateStore, name: str) -> int:
    return db.find_template(name).use_count


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier | None = None) -> None:
    """A key pressed wherever the keyboard focus is, as a person would (an open popup
    gets the keys first, as Qt routes them)."""
    popup = QApplication.activePopupWidget()
    widget = (popup.focusWidget() or popup) if popup is not None else focused()
    assert widget is not None, "nothing has the keyboard focus"
    if modifier is None:
        qtbot.keyClick(widget, key)
    else:
        qtbot.keyClick(widget, key, modifier)


def wait_past(qtbot: QtBot, milliseconds: int) -> None:
    """Until a timer of `milliseconds` started now has fired: Qt fires due timers in order,
    so every timer started before it with a shorter delay has fired too, however slow the
    machine."""
    marker = QTimer()
    marker.setSingleShot(True)
    marker.setTimerType(Qt.TimerType.PreciseTimer)
    with qtbot.waitSignal(marker.timeout, timeout=milliseconds + SIGNAL_TIMEOUT_MS):
        marker.start(milliseconds)


def open_form_for(qtbot: QtBot, palette: QuickPalette, search: str) -> None:
    qtbot.keyClicks(palette.search, search)
    press(qtbot, Qt.Key.Key_Return)
    assert palette.is_asking()


# -- the window ------------------------------------------------------------------------------


def test_a_small_frameless_window_on_top_centred_on_the_screen(palette: QuickPalette) -> None:
    assert palette.windowTitle() == WINDOW_TITLE == "Quick paste — Replydesk"
    flags = palette.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert palette.isWindow() and palette.isVisible()
    assert (palette.width(), palette.height()) == (560, 420)
    screen = QGuiApplication.primaryScreen().availableGeometry()
    centre = palette.frameGeometry().center()
    assert abs(centre.x() - screen.center().x()) <= 1
    assert abs(centre.y() - screen.center().y()) <= 1
    assert palette.hints.text() == LIST_HINTS


def test_the_search_box_has_the_keyboard_and_the_order_line_names_the_order(
    palette: QuickPalette,
) -> None:
    assert focused() is palette.search
    assert palette.order_text() == "FO81C2D3 — Anna · Logo design"


def test_without_a_current_order_the_line_says_so(qtbot: QtBot, db: TemplateStore) -> None:
    db.current_order_id = None
    palette = QuickPalette(db, Catalog(db.path))
    qtbot.addWidget(palette)
    palette.open_palette()
    assert palette.order_text() == NO_ORDER_TEXT


# -- search and move -------------------------------------------------------------------------


def test_typing_filters_the_list_and_keeps_the_first_row_selected(
    qtbot: QtBot, palette: QuickPalette
) -> None:
    everything = names(palette)
    assert REFUND in everything
    assert NEGATIVE_REVIEW in everything
    qtbot.keyClicks(palette.search, "refu")
    shown = names(palette)
    assert REFUND in shown
    assert NEGATIVE_REVIEW not in shown
    assert 0 < len(shown) < len(everything)
    assert selected_name(palette) == shown[0]
    assert focused() is palette.search


def test_down_and_up_in_the_search_box_move_the_selection(
    qtbot: QtBot, palette: QuickPalette
) -> None:
    shown = names(palette)
    assert selected_name(palette) == shown[0]
    press(qtbot, Qt.Key.Key_Down)
    assert selected_name(palette) == shown[1]
    press(qtbot, Qt.Key.Key_Down)
    assert selected_name(palette) == shown[2]
    press(qtbot, Qt.Key.Key_Up)
    assert selected_name(palette) == shown[1]
    press(qtbot, Qt.Key.Key_PageDown)
    assert shown.index(selected_name(palette) or "") > 2
    press(qtbot, Qt.Key.Key_PageUp)
    press(qtbot, Qt.Key.Key_PageUp)
    assert selected_name(palette) == shown[0]
    assert focused() is palette.search


def test_typing_after_moving_down_selects_the_new_best_match(
    qtbot: QtBot, palette: QuickPalette
) -> None:
    romanian = "Ofertă de rambursare sau revizie"  # listed for "refu" and for "refund"
    qtbot.keyClicks(palette.search, "refu")
    while selected_name(palette) != romanian:
        assert romanian in names(palette)[names(palette).index(selected_name(palette) or "") :]
        press(qtbot, Qt.Key.Key_Down)
    qtbot.keyClicks(palette.search, "nd")
    shown = names(palette)
    assert romanian in shown[1:]
    assert selected_name(palette) == shown[0] == REFUND


def test_clearing_the_search_selects_the_first_template(
    qtbot: QtBot, palette: QuickPalette
) -> None:
    everything = names(palette)
    qtbot.keyClicks(palette.search, "refu")
    press(qtbot, Qt.Key.Key_Down)
    assert selected_name(palette) != names(palette)[0]
    for _ in "refu":
        press(qtbot, Qt.Key.Key_Backspace)
    assert palette.search.text() == ""
    assert names(palette) == everything
    assert selected_name(palette) == everything[0]


# -- copy ----------------------------------------------------------------------------------


def test_enter_copies_the_filled_reply_and_hides(
    qtbot: QtBot, palette: QuickPalette, db: TemplateStore
) -> None:
    before = uses(db, REFUND)
    qtbot.keyClicks(palette.search, "refund")
    assert selected_name(palette) == REFUND
    with qtbot.waitSignal(palette.copied, timeout=SIGNAL_TIMEOUT_MS) as copied:
        press(qtbot, Qt.Key.Key_Return)
    template_id, name, text = copied.args
    assert (template_id, name) == (db.find_template(REFUND).id, REFUND)
    assert "Anna" in text and "{{" not in text
    assert QGuiApplication.clipboard().text() == text
    assert not palette.isVisible()
    assert uses(db, REFUND) == before + 1


def test_down_then_enter_copies_the_second_template(
    qtbot: QtBot, palette: QuickPalette, db: TemplateStore
) -> None:
    qtbot.keyClicks(palette.search, "refu")
    second = names(palette)[1]
    press(qtbot, Qt.Key.Key_Down)
    with qtbot.waitSignal(palette.copied, timeout=SIGNAL_TIMEOUT_MS) as copied:
        press(qtbot, Qt.Key.Key_Return)
    assert copied.args[1] == second


# -- missing fields ------------------------------------------------------------------------


def test_missing_fields_are_asked_for_in_place_and_enter_copies(
    qtbot: QtBot, palette: QuickPalette, db: TemplateStore
) -> None:
    open_form_for(qtbot, palette, "negative review")
    editors = palette.form.editors()
    assert [e.spec.name for e in editors] == ["issue_summary", "action_taken"]
    assert palette.form_title.text() == NEGATIVE_REVIEW
    assert not palette.search.isVisible()
    assert focused() is editors[0].focus_widget()

    qtbot.keyClicks(focused(), "the colours were off")
    with qtbot.assertNotEmitted(palette.copied):
        press(qtbot, Qt.Key.Key_Return)  # one field is still empty
    assert palette.isVisible() and palette.is_asking()
    assert editors[0].problem() is None
    assert editors[1].problem() == "Required"
    assert "What was done" in palette.problem_text()
    assert focused() is editors[1].focus_widget()

    qtbot.keyClicks(focused(), "made two more rounds")
    assert editors[1].problem() is None  # the frame goes as soon as it is filled
    with qtbot.waitSignal(palette.copied, timeout=SIGNAL_TIMEOUT_MS) as copied:
        press(qtbot, Qt.Key.Key_Return)
    text = copied.args[2]
    assert "I'm sorry that the colours were off." in text
    assert "To address this, I made two more rounds." in text
    assert QGuiApplication.clipboard().text() == text
    assert not palette.isVisible()
    assert uses(db, NEGATIVE_REVIEW) == 1


def test_tab_moves_between_the_missing_fields(qtbot: QtBot, palette: QuickPalette) -> None:
    open_form_for(qtbot, palette, "negative review")
    first, second = palette.form.editors()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is second.focus_widget()
    press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is first.focus_widget()


def test_values_typed_in_the_palette_stay_out_of_the_order(
    qtbot: QtBot, db: TemplateStore, orders: dict[str, int]
) -> None:
    db.current_order_id = None  # no order: the client's name is missing too
    palette = QuickPalette(db, Catalog(db.path))
    qtbot.addWidget(palette)
    db.update_profile({"my_name": ""})  # no name: the palette asks for it
    palette.open_palette(db.find_template(REFUND).id)
    qtbot.waitUntil(palette.isActiveWindow)
    asked = [e.spec.name for e in palette.form.editors()]
    assert "client_name" in asked and "my_name" in asked
    for editor in palette.form.editors():
        editor.focus_widget().setFocus()
        qtbot.keyClicks(editor.focus_widget(), "50" if editor.spec.name == "price" else "Zed")
    with qtbot.waitSignal(palette.copied, timeout=SIGNAL_TIMEOUT_MS) as copied:
        press(qtbot, Qt.Key.Key_Return)
    assert "Zed" in copied.args[2]
    assert db.current_order_id is None
    assert all(order.client_name != "Zed" for order in db.list_orders())
    assert db.get_profile().my_name == ""


def test_esc_goes_back_to_the_list_then_hides(qtbot: QtBot, palette: QuickPalette) -> None:
    open_form_for(qtbot, palette, "negative review")
    with qtbot.assertNotEmitted(palette.copied):
        press(qtbot, Qt.Key.Key_Escape)
        assert not palette.is_asking()
        assert palette.isVisible()
        assert palette.search.isVisible()
        assert focused() is palette.search
        assert selected_name(palette) == NEGATIVE_REVIEW
        press(qtbot, Qt.Key.Key_Escape)
    assert not palette.isVisible()


def test_in_a_multiline_field_enter_is_a_new_line_and_ctrl_enter_copies(
    qtbot: QtBot, palette: QuickPalette, db: TemplateStore
) -> None:
    db.create_template(
        TemplateData(
            name="Zebra note",
            kind="other",
            language="en",
            body="Hi {{ client_name }},\n{{ note_text }}",
            fields=[{"name": "note_text", "type": "multiline", "label": "Note"}],
        )
    )
    palette.open_palette()
    open_form_for(qtbot, palette, "zebra")
    assert isinstance(focused(), QPlainTextEdit)
    qtbot.keyClicks(focused(), "first line")
    with qtbot.assertNotEmitted(palette.copied):
        press(qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(focused(), "second line")
    with qtbot.waitSignal(palette.copied, timeout=SIGNAL_TIMEOUT_MS) as copied:
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert copied.args[2] == "Hi Anna,\nfirst line\nsecond line"


# -- from the tray -------------------------------------------------------------------------


def test_open_with_a_complete_template_copies_without_showing(
    qtbot: QtBot, db: TemplateStore
) -> None:
    palette = QuickPalette(db, Catalog(db.path))
    qtbot.addWidget(palette)
    template_id = db.find_template(REFUND).id
    with qtbot.waitSignal(palette.copied, timeout=SIGNAL_TIMEOUT_MS) as copied:
        palette.open_palette(template_id)
    assert copied.args[:2] == [template_id, REFUND]
    assert QGuiApplication.clipboard().text() == copied.args[2]
    assert "Anna" in copied.args[2]
    assert not palette.isVisible()
    assert uses(db, REFUND) == 1


def test_open_with_a_template_lacking_values_asks_for_them(qtbot: QtBot, db: TemplateStore) -> None:
    palette = QuickPalette(db, Catalog(db.path))
    qtbot.addWidget(palette)
    with qtbot.assertNotEmitted(palette.copied):
        palette.open_palette(db.find_template(NEGATIVE_REVIEW).id)
    qtbot.waitExposed(palette)
    assert palette.isVisible() and palette.is_asking()
    first = palette.form.editors()[0]
    assert first.spec.name == "issue_summary"
    qtbot.waitUntil(lambda: focused() is first.focus_widget())


def test_a_template_that_cannot_render_says_why(qtbot: QtBot, db: TemplateStore) -> None:
    broken = db.create_template(
        TemplateData(name="Broken", kind="other", language="en", body="Hi {{ client_name ")
    )
    palette = QuickPalette(db, Catalog(db.path))
    qtbot.addWidget(palette)
    with qtbot.assertNotEmitted(palette.copied):
        palette.open_palette(broken.id)
    assert palette.isVisible() and not palette.is_asking()
    assert palette.problem_text()
    assert palette.problem.isVisible()
    palette.open_palette()
    assert palette.problem_text() == ""


# -- the order -----------------------------------------------------------------------------


def test_switching_the_order_changes_the_reply_and_the_current_order(
    qtbot: QtBot, palette: QuickPalette, db: TemplateStore, orders: dict[str, int]
) -> None:
    combo = palette.orders
    combo.setFocus()
    target = combo.findData(orders["Bob"])
    assert target >= 0
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    with qtbot.waitSignal(palette.orderSwitched, timeout=SIGNAL_TIMEOUT_MS) as switched:
        for _ in range(abs(target - combo.currentIndex())):
            qtbot.keyClick(combo, key)
    assert switched.args == [orders["Bob"]]
    assert db.current_order_id == orders["Bob"]
    assert palette.order_text() == "KW5521 — Bob · Landing page"

    palette.search.setFocus()
    qtbot.keyClicks(palette.search, "refund")
    with qtbot.waitSignal(palette.copied, timeout=SIGNAL_TIMEOUT_MS) as copied:
        press(qtbot, Qt.Key.Key_Return)
    assert "Bob" in copied.args[2]
    assert "Anna" not in copied.args[2]


def test_switching_the_order_in_the_form_keeps_what_was_typed(
    qtbot: QtBot, palette: QuickPalette, db: TemplateStore, orders: dict[str, int]
) -> None:
    open_form_for(qtbot, palette, "negative review")
    qtbot.keyClicks(focused(), "the colours were off")
    palette.orders.setFocus()
    target = palette.orders.findData(orders["Bob"])
    key = Qt.Key.Key_Down if target > palette.orders.currentIndex() else Qt.Key.Key_Up
    for _ in range(abs(target - palette.orders.currentIndex())):
        qtbot.keyClick(palette.orders, key)
    assert db.current_order_id == orders["Bob"]
    assert palette.is_asking()
    editor = palette.form.editor("issue_summary")
    assert editor is not None and editor.value() == "the colours were off"
    palette.form.editors()[1].focus_widget().setFocus()
    qtbot.keyClicks(focused(), "redid it")
    with qtbot.waitSignal(palette.copied, timeout=SIGNAL_TIMEOUT_MS) as copied:
        press(qtbot, Qt.Key.Key_Return)
    assert "Thank you for your feedback, Bob." in copied.args[2]


# -- what changes in the store while it is open ---------------------------------------------


@pytest.fixture
def following(qtbot: QtBot, db: TemplateStore) -> Iterator[QuickPalette]:
    """An open palette told of the store's changes, as the app builds it."""
    events = StoreEvents(db)
    palette = QuickPalette(db, Catalog(db.path), events=events)
    qtbot.addWidget(palette)
    QGuiApplication.clipboard().clear()
    palette.open_palette()
    qtbot.waitExposed(palette)
    yield palette
    palette.hide()
    events.stop()


def order_titles(palette: QuickPalette) -> list[str]:
    return [palette.orders.itemText(row) for row in range(palette.orders.count())]


def test_an_order_made_elsewhere_joins_the_open_order_line(
    qtbot: QtBot, following: QuickPalette, db: TemplateStore
) -> None:
    db.create_order({"client_name": "Carla", "order_id": "FO77"})
    qtbot.waitUntil(lambda: "FO77 — Carla" in order_titles(following), timeout=SIGNAL_TIMEOUT_MS)
    assert following.order_text() == "FO81C2D3 — Anna · Logo design"  # still Anna's


def test_a_switch_elsewhere_while_asking_refills_and_keeps_what_was_typed(
    qtbot: QtBot, following: QuickPalette, db: TemplateStore, orders: dict[str, int]
) -> None:
    open_form_for(qtbot, following, "negative review")
    qtbot.keyClicks(focused(), "the colours were off")
    db.current_order_id = orders["Bob"]  # the main window's order bar, say
    qtbot.waitUntil(lambda: "Bob" in following.order_text(), timeout=SIGNAL_TIMEOUT_MS)
    assert following.is_asking()
    editor = following.form.editor("issue_summary")
    assert editor is not None and editor.value() == "the colours were off"
    following.form.editors()[1].focus_widget().setFocus()
    qtbot.keyClicks(focused(), "redid it")
    with qtbot.waitSignal(following.copied, timeout=SIGNAL_TIMEOUT_MS) as copied:
        press(qtbot, Qt.Key.Key_Return)
    assert "Thank you for your feedback, Bob." in copied.args[2]


def test_a_template_made_elsewhere_is_listed_and_the_selection_stays(
    qtbot: QtBot, following: QuickPalette, db: TemplateStore
) -> None:
    press(qtbot, Qt.Key.Key_Down)
    chosen = selected_name(following)
    add_template(db, "Aardvark greeting", "Hi {{ client_name }}!")
    qtbot.waitUntil(lambda: "Aardvark greeting" in names(following), timeout=SIGNAL_TIMEOUT_MS)
    assert selected_name(following) == chosen


def test_a_closed_palette_reads_the_changes_when_opened(
    qtbot: QtBot, following: QuickPalette, db: TemplateStore
) -> None:
    press(qtbot, Qt.Key.Key_Escape)
    assert not following.isVisible()
    db.create_order({"client_name": "Dana", "order_id": "FO88"})
    add_template(db, "Aardvark greeting", "Hi {{ client_name }}!")
    following.open_palette()
    assert "FO88 — Dana" in order_titles(following)
    assert "Aardvark greeting" in names(following)


# -- focus and automatic paste -------------------------------------------------------------


def test_another_window_taking_the_focus_hides_the_palette(
    qtbot: QtBot, palette: QuickPalette
) -> None:
    palette.activateWindow()
    qtbot.waitUntil(palette.isActiveWindow)
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: not palette.isVisible())


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_enter_and_esc_in_an_open_choice_list_belong_to_the_list(
    qtbot: QtBot, palette: QuickPalette, db: TemplateStore
) -> None:
    db.create_template(
        TemplateData(
            name="Zebra tone",
            kind="other",
            language="en",
            body="Hi {{ client_name }}, {{ tone }}",
            fields=[{"name": "tone", "type": "choice", "choices": ["warm", "brief"]}],
        )
    )
    palette.open_palette()
    qtbot.waitUntil(palette.isActiveWindow)
    open_form_for(qtbot, palette, "zebra")

    def open_list() -> None:
        press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)

    def list_closed() -> bool:
        return QApplication.activePopupWidget() is None

    window = palette.windowHandle()
    with qtbot.assertNotEmitted(palette.copied):
        # The list's popup may deactivate the palette a moment: it must not hide it.
        with qtbot.assertNotEmitted(window.visibleChanged, wait=NOTHING_MS):
            open_list()
        assert palette.isVisible()
        press(qtbot, Qt.Key.Key_Escape)  # closes the list only
        qtbot.waitUntil(list_closed)
        assert palette.isVisible() and palette.is_asking()
        open_list()
        press(qtbot, Qt.Key.Key_Down)
        press(qtbot, Qt.Key.Key_Return)  # picks the choice only
        qtbot.waitUntil(list_closed)
    assert palette.is_asking()
    with qtbot.waitSignal(palette.copied, timeout=SIGNAL_TIMEOUT_MS) as copied:
        press(qtbot, Qt.Key.Key_Return)
    assert copied.args[2] in ("Hi Anna, warm", "Hi Anna, brief")


def test_autopaste_runs_after_the_palette_hid_and_reports_why_it_failed(
    qtbot: QtBot, palette: QuickPalette, db: TemplateStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[bool] = []

    def fake_paste() -> str:
        calls.append(palette.isVisible())
        return autopaste.WAYLAND

    monkeypatch.setattr(autopaste, "paste_into_previous_window", fake_paste)
    settings.AUTOPASTE.write(db, True)
    qtbot.keyClicks(palette.search, "refund")
    with qtbot.waitSignal(palette.copied, timeout=SIGNAL_TIMEOUT_MS):
        press(qtbot, Qt.Key.Key_Return)
    assert calls == []  # not yet: the previous window needs a moment to get the focus back
    with qtbot.waitSignal(palette.pasteFailed, timeout=SIGNAL_TIMEOUT_MS) as failed:
        pass
    assert failed.args == [autopaste.WAYLAND]
    assert calls == [False]  # pressed once, with the palette already gone


def test_autopaste_is_off_by_default(
    qtbot: QtBot, palette: QuickPalette, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def fake_paste() -> str:
        calls.append(1)
        return autopaste.WAYLAND

    monkeypatch.setattr(autopaste, "paste_into_previous_window", fake_paste)
    qtbot.keyClicks(palette.search, "refund")
    with qtbot.waitSignal(palette.copied, timeout=SIGNAL_TIMEOUT_MS):
        press(qtbot, Qt.Key.Key_Return)
    with qtbot.assertNotEmitted(palette.pasteFailed):
        wait_past(qtbot, 2 * PASTE_DELAY_MS)  # a paste would have been tried by then
    assert calls == []


# -- the reply checker -----------------------------------------------------------------------

PHONE = "+7 (912) 345-67-89"


def add_template(db: TemplateStore, name: str, body: str) -> None:
    db.create_template(TemplateData(name=name, kind="other", language="en", body=body))


def test_an_error_finding_asks_for_a_second_enter(
    qtbot: QtBot, palette: QuickPalette, db: TemplateStore
) -> None:
    add_template(db, "Zebra call", "Hi {{ client_name }}, call me at " + PHONE + ".")
    palette.open_palette()
    qtbot.keyClicks(palette.search, "zebra")
    with qtbot.assertNotEmitted(palette.copied):
        press(qtbot, Qt.Key.Key_Return)
    assert palette.isVisible()
    assert QGuiApplication.clipboard().text() == ""
    assert "phone number" in palette.findings_text()
    assert palette.problem_text() == CONFIRM_TEXT
    with qtbot.waitSignal(palette.copied, timeout=SIGNAL_TIMEOUT_MS) as copied:
        press(qtbot, Qt.Key.Key_Return)
    assert PHONE in copied.args[2]
    assert QGuiApplication.clipboard().text() == copied.args[2]
    assert not palette.isVisible()


def test_typing_after_the_warning_asks_again(
    qtbot: QtBot, palette: QuickPalette, db: TemplateStore
) -> None:
    add_template(db, "Zebra call", "Hi {{ client_name }}, call me at " + PHONE + ".")
    palette.open_palette()
    qtbot.keyClicks(palette.search, "zebr")
    press(qtbot, Qt.Key.Key_Return)
    assert palette.findings_text()
    qtbot.keyClicks(palette.search, "a")  # a new search: the confirmation is gone
    assert palette.findings_text() == ""
    with qtbot.assertNotEmitted(palette.copied):
        press(qtbot, Qt.Key.Key_Return)
    assert palette.problem_text() == CONFIRM_TEXT


def test_with_block_copy_on_an_error_is_never_copied(
    qtbot: QtBot, palette: QuickPalette, db: TemplateStore
) -> None:
    settings.BLOCK_COPY.write(db, True)
    add_template(db, "Zebra call", "Hi {{ client_name }}, call me at " + PHONE + ".")
    palette.open_palette()
    qtbot.keyClicks(palette.search, "zebra")
    with qtbot.assertNotEmitted(palette.copied):
        press(qtbot, Qt.Key.Key_Return)
        press(qtbot, Qt.Key.Key_Return)
    assert QGuiApplication.clipboard().text() == ""
    assert palette.problem_text() == BLOCKED_TEXT
    assert "phone number" in palette.findings_text()


def test_a_warning_does_not_stop_the_copy(
    qtbot: QtBot, palette: QuickPalette, db: TemplateStore
) -> None:
    settings.BLOCK_COPY.write(db, True)
    add_template(db, "Zebra link", "Hi {{ client_name }}, see https://example.com/logo.")
    palette.open_palette()
    qtbot.keyClicks(palette.search, "zebra")
    with qtbot.waitSignal(palette.copied, timeout=SIGNAL_TIMEOUT_MS):
        press(qtbot, Qt.Key.Key_Return)


# -- the client's language -------------------------------------------------------------------


def test_each_reply_is_listed_once_in_the_clients_language_and_follows_the_order(
    qtbot: QtBot, db: TemplateStore, orders: dict[str, int]
) -> None:
    settings.REPLY_LANGUAGES.write(db, ["en"])
    db.update_order(orders["Anna"], {"language": "ro"})
    db.update_order(orders["Bob"], {"language": "hu"})
    palette = QuickPalette(db, Catalog(db.path))
    qtbot.addWidget(palette)
    palette.open_palette()
    qtbot.waitExposed(palette)
    qtbot.keyClicks(palette.search, "refund")
    assert selected_name(palette) == "Ofertă de rambursare sau revizie"
    assert REFUND not in names(palette)
    assert {palette.model.summary_at(row).language for row in range(palette.model.rowCount())} == {
        "ro"
    }
    palette.orders.setFocus()  # the user picks Bob's order in the order line
    palette.orders.setCurrentIndex(palette.orders.findData(orders["Bob"]))
    palette.orders.activated.emit(palette.orders.currentIndex())
    qtbot.waitUntil(lambda: focused() is palette.orders)
    assert selected_name(palette) == "Visszatérítés vagy ingyenes javítás"
    with qtbot.waitSignal(palette.copied, timeout=SIGNAL_TIMEOUT_MS) as copied:
        press(qtbot, Qt.Key.Key_Return)
    assert copied.args[0] == db.find_template("Visszatérítés vagy ingyenes javítás").id
    assert "Bob" in copied.args[2]
