"""Field editors: typed values in and out, user edits, empty states, problems."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QStyle,
    QStyleOptionFrame,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from replydesk.core.errors import FieldValueError
from replydesk.core.fields import FieldSpec, FieldType, parse_value
from replydesk.ui.field_widgets import (
    EMPTY_TEXT,
    ChoiceEditor,
    DateEditor,
    FieldEditor,
    MoneyEditor,
    MultiChoiceEditor,
    MultilineEditor,
    NumberEditor,
    SuggestEditor,
    TextEditor,
    YesNoEditor,
    editor_for,
)

TEXT = FieldSpec("first_step", FieldType.TEXT, "First step", help="What you do first")
MULTILINE = FieldSpec("notes", FieldType.MULTILINE, "Notes", required=False)
NUMBER = FieldSpec("revisions", FieldType.NUMBER, "Revisions")
MONEY = FieldSpec("fee", FieldType.MONEY, "Fee", required=False)
DATE = FieldSpec("call_date", FieldType.DATE, "Call date", required=False)
CHOICE = FieldSpec("tone", FieldType.CHOICE, "Tone", choices=("Friendly", "Formal"), required=False)
REQUIRED_CHOICE = FieldSpec("size", FieldType.CHOICE, "Size", choices=("S", "M", "L"))
MULTI = FieldSpec(
    "extras",
    FieldType.CHOICE,
    "Extras",
    choices=("Express delivery", "Source files", "Extra revision"),
    multiple=True,
)
YESNO = FieldSpec("portfolio", FieldType.YESNO, "Include portfolio")


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    """A window with one other input (to move focus to); `shown` puts an editor in it."""
    host = QWidget()
    layout = QVBoxLayout(host)
    other = QLineEdit()
    other.setObjectName("elsewhere")
    layout.addWidget(other)
    qtbot.addWidget(host)
    return host


def shown(qtbot: QtBot, window: QWidget, editor: FieldEditor) -> None:
    """The editor in the shown, active window, focused."""
    layout = window.layout()
    assert layout is not None
    layout.addWidget(editor)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    editor.focus_widget().setFocus()
    qtbot.waitUntil(lambda: editor.focus_widget().hasFocus())


def move_focus_away(qtbot: QtBot, window: QWidget) -> None:
    other = window.findChild(QLineEdit, "elsewhere")
    assert other is not None
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)


def line_edit(editor: FieldEditor) -> QLineEdit:
    """The line edit a number, amount or date is typed into."""
    line = editor.focus_widget()
    assert isinstance(line, QLineEdit)
    return line


def make(qtbot: QtBot, spec: FieldSpec) -> FieldEditor:
    editor = editor_for(spec)
    qtbot.addWidget(editor)  # closed at the end unless a window took it (and closes it)
    return editor


@pytest.mark.parametrize(
    ("spec", "kind"),
    [
        (TEXT, TextEditor),
        (MULTILINE, MultilineEditor),
        (NUMBER, NumberEditor),
        (MONEY, MoneyEditor),
        (DATE, DateEditor),
        (CHOICE, ChoiceEditor),
        (MULTI, MultiChoiceEditor),
        (YESNO, YesNoEditor),
    ],
)
def test_editor_for_picks_the_editor_of_the_type(
    qtbot: QtBot, spec: FieldSpec, kind: type[FieldEditor]
) -> None:
    assert type(make(qtbot, spec)) is kind


@pytest.mark.parametrize(
    ("spec", "value"),
    [
        (TEXT, "review your brief"),
        (TEXT, "Привет, Анна"),
        (MULTILINE, "first line\nsecond line"),
        (NUMBER, 3),
        (NUMBER, Decimal("2.5")),
        (NUMBER, -4),
        (MONEY, Decimal("120.50")),
        (MONEY, Decimal("0.00")),
        (DATE, dt.date(2026, 12, 1)),
        (CHOICE, "Formal"),
        (MULTI, ["Express delivery", "Extra revision"]),
        (YESNO, True),
        (YESNO, False),
    ],
)
def test_set_value_then_value_gives_it_back(qtbot: QtBot, spec: FieldSpec, value: object) -> None:
    editor = make(qtbot, spec)
    with qtbot.assertNotEmitted(editor.valueChanged):
        editor.set_value(value)
    assert editor.value() == value
    assert type(editor.value()) is type(value)


@pytest.mark.parametrize(
    ("spec", "raw", "expected"),
    [
        (NUMBER, "12,5", Decimal("12.5")),
        (NUMBER, "7", 7),
        (MONEY, "1 250,50", Decimal("1250.50")),
        (MONEY, "$25", Decimal("25.00")),
        (DATE, "01.12.2026", dt.date(2026, 12, 1)),
        (CHOICE, "formal", "Formal"),
        (MULTI, "source files, Express delivery", ["Express delivery", "Source files"]),
        (YESNO, "да", True),
    ],
)
def test_set_value_parses_strings(
    qtbot: QtBot, spec: FieldSpec, raw: str, expected: object
) -> None:
    editor = make(qtbot, spec)
    editor.set_value(raw)
    assert editor.value() == expected


@pytest.mark.parametrize(
    ("spec", "raw"),
    [(NUMBER, "a dozen"), (MONEY, "lots"), (DATE, "soonish")],
)
def test_an_unparsable_string_is_shown_and_handed_back_as_text(
    qtbot: QtBot, spec: FieldSpec, raw: str
) -> None:
    """The core reports it as invalid (parse_value raises); the editor never loses it."""
    editor = make(qtbot, spec)
    editor.set_value(f" {raw} ")
    assert editor.value() == raw
    assert line_edit(editor).text() == raw


def test_an_unparsable_choice_leaves_the_editor_empty(qtbot: QtBot) -> None:
    editor = make(qtbot, CHOICE)
    editor.set_value("Rude")
    assert editor.value() is None


@pytest.mark.parametrize("spec", [TEXT, MULTILINE, NUMBER, MONEY, DATE, CHOICE, MULTI])
def test_new_and_cleared_editors_are_empty(qtbot: QtBot, spec: FieldSpec) -> None:
    editor = make(qtbot, spec)
    assert editor.value() is None
    sample = spec.choices[0] if spec.choices else "+3" if spec is DATE else "12"
    editor.set_value(sample)
    assert editor.value() is not None
    editor.set_value(None)
    assert editor.value() is None


@pytest.mark.parametrize(
    ("spec", "placeholder"),
    [(NUMBER, EMPTY_TEXT), (MONEY, EMPTY_TEXT), (DATE, "YYYY-MM-DD, 01.12.2026, +3")],
)
def test_empty_numbers_amounts_and_dates_show_a_placeholder(
    qtbot: QtBot, spec: FieldSpec, placeholder: str
) -> None:
    editor = make(qtbot, spec)
    editor.set_value("5" if spec is not DATE else "+5")
    editor.set_value(None)
    line = line_edit(editor)
    assert line.text() == ""
    assert line.placeholderText() == placeholder
    assert line.isClearButtonEnabled()


@pytest.mark.parametrize("spec", [NUMBER, MONEY, DATE])
def test_typed_values_are_in_a_line_edit_that_takes_the_focus(
    qtbot: QtBot, spec: FieldSpec
) -> None:
    editor = make(qtbot, spec)
    assert isinstance(editor, (NumberEditor, MoneyEditor, DateEditor))
    assert editor.focus_widget() is editor.line_edit
    assert isinstance(editor.line_edit, QLineEdit)
    assert not editor.findChildren(QAbstractSpinBox)
    assert not hasattr(editor, "spin_box")


def test_typing_text_emits_value_changed(qtbot: QtBot, window: QWidget) -> None:
    editor = make(qtbot, TEXT)
    shown(qtbot, window, editor)
    with qtbot.waitSignal(editor.valueChanged):
        qtbot.keyClicks(editor.focus_widget(), "Anna")
    assert editor.value() == "Anna"


def test_typing_lines_in_a_multiline_field(qtbot: QtBot, window: QWidget) -> None:
    editor = make(qtbot, MULTILINE)
    shown(qtbot, window, editor)
    with qtbot.waitSignal(editor.valueChanged):
        qtbot.keyClicks(editor.focus_widget(), "one")
    qtbot.keyClick(editor.focus_widget(), Qt.Key.Key_Return)
    qtbot.keyClicks(editor.focus_widget(), "two")
    assert editor.value() == "one\ntwo"


def test_tab_leaves_a_multiline_field_instead_of_typing_a_tab(
    qtbot: QtBot, window: QWidget
) -> None:
    editor = make(qtbot, MULTILINE)
    shown(qtbot, window, editor)
    qtbot.keyClick(editor.focus_widget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.findChild(QLineEdit, "elsewhere")
    assert editor.value() is None


def type_and_tab_out(qtbot: QtBot, window: QWidget, editor: FieldEditor, text: str) -> None:
    """Type `text` into the editor's line edit as a person would, then press Tab once."""
    shown(qtbot, window, editor)
    with qtbot.waitSignal(editor.valueChanged):
        qtbot.keyClicks(editor.focus_widget(), text)
    qtbot.keyClick(editor.focus_widget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.findChild(QLineEdit, "elsewhere")


@pytest.mark.parametrize(
    ("typed", "expected", "shown_back"),
    [
        ("12", 12, "12"),
        ("2.5", Decimal("2.5"), "2.5"),
        ("2,5", Decimal("2.5"), "2.5"),
        ("1 250", 1250, "1250"),
        ("1,250", 1250, "1250"),
        ("-4", -4, "-4"),
    ],
)
def test_typing_a_number(
    qtbot: QtBot, window: QWidget, typed: str, expected: object, shown_back: str
) -> None:
    editor = make(qtbot, NUMBER)
    type_and_tab_out(qtbot, window, editor, typed)
    assert editor.value() == expected
    assert type(editor.value()) is type(expected)
    assert line_edit(editor).text() == shown_back


@pytest.mark.parametrize(
    ("typed", "expected", "shown_back"),
    [
        ("25,50", Decimal("25.50"), "25.50"),  # was 2550.00 under C.UTF-8
        ("25.50", Decimal("25.50"), "25.50"),  # was 2550,00 under ru_RU
        ("120.5", Decimal("120.50"), "120.50"),
        ("1 250,00", Decimal("1250"), "1250.00"),
        ("1.250,50", Decimal("1250.50"), "1250.50"),
        ("1,250.50", Decimal("1250.50"), "1250.50"),
        ("$25", Decimal("25"), "25.00"),
        ("25 USD", Decimal("25"), "25.00"),
        ("0", Decimal("0"), "0.00"),
    ],
)
def test_typing_an_amount_shows_it_back_in_its_canonical_form(
    qtbot: QtBot, window: QWidget, typed: str, expected: Decimal, shown_back: str
) -> None:
    editor = make(qtbot, MONEY)
    type_and_tab_out(qtbot, window, editor, typed)
    assert editor.value() == expected
    assert isinstance(editor.value(), Decimal)
    assert line_edit(editor).text() == shown_back


def test_every_keystroke_is_an_edit_and_the_redisplay_is_not(qtbot: QtBot, window: QWidget) -> None:
    editor = make(qtbot, MONEY)
    shown(qtbot, window, editor)
    seen: list[object] = []
    editor.valueChanged.connect(lambda: seen.append(editor.value()))
    qtbot.keyClicks(editor.focus_widget(), "25,5")
    assert seen == [Decimal("2"), Decimal("25"), "25,", Decimal("25.5")]
    move_focus_away(qtbot, window)
    assert line_edit(editor).text() == "25.50"
    assert len(seen) == 4


def test_enter_shows_the_canonical_form_too(qtbot: QtBot, window: QWidget) -> None:
    editor = make(qtbot, MONEY)
    shown(qtbot, window, editor)
    qtbot.keyClicks(editor.focus_widget(), "1 250,5")
    qtbot.keyClick(editor.focus_widget(), Qt.Key.Key_Return)
    assert line_edit(editor).text() == "1250.50"


@pytest.mark.parametrize("typed", ["25,50,1", "1..2", "abc", "1e5", "$"])
def test_typing_no_amount_keeps_the_text_and_hands_it_back(
    qtbot: QtBot, window: QWidget, typed: str
) -> None:
    editor = make(qtbot, MONEY)
    type_and_tab_out(qtbot, window, editor, typed)
    assert editor.value() == typed
    assert line_edit(editor).text() == typed  # not "tidied" into something else
    with pytest.raises(FieldValueError, match=r"^Fee: .* is not an amount"):
        parse_value(MONEY, editor.value())


def test_typing_an_amount_then_clearing_it(qtbot: QtBot, window: QWidget) -> None:
    editor = make(qtbot, MONEY)
    shown(qtbot, window, editor)
    line = line_edit(editor)
    with qtbot.waitSignal(editor.valueChanged):
        qtbot.keyClicks(line, "120.5")
    assert editor.value() == Decimal("120.50")
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(editor.valueChanged):
        qtbot.keyClick(line, Qt.Key.Key_Delete)
    assert editor.value() is None
    move_focus_away(qtbot, window)
    assert line.text() == ""


@pytest.mark.parametrize("spec", [NUMBER, MONEY, DATE])
def test_the_wheel_and_arrow_keys_change_nothing(
    qtbot: QtBot, window: QWidget, spec: FieldSpec
) -> None:
    editor = make(qtbot, spec)
    shown(qtbot, window, editor)
    editor.set_value("7" if spec is not DATE else "2026-12-01")
    before = editor.value()
    with qtbot.assertNotEmitted(editor.valueChanged):
        qtbot.keyClick(editor.focus_widget(), Qt.Key.Key_Up)
        qtbot.keyClick(editor.focus_widget(), Qt.Key.Key_PageDown)
        wheel = QWheelEvent(
            QPointF(5, 5),
            QPointF(editor.focus_widget().mapToGlobal(QPoint(5, 5))),
            QPoint(0, 0),
            QPoint(0, 120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(editor.focus_widget(), wheel)
    assert editor.value() == before


def test_money_shows_its_currency_after_the_amount_not_in_it(qtbot: QtBot) -> None:
    editor = make(qtbot, MONEY)
    assert isinstance(editor, MoneyEditor)
    editor.set_value(Decimal("25"))
    editor.set_currency("eur")
    assert editor.line_edit.text() == "25.00"
    assert editor.currency() == "EUR"
    assert editor.currency_label.text() == "EUR"
    assert "EUR" in editor.line_edit.accessibleDescription()
    editor.set_currency("HUF")
    assert editor.currency() == "HUF"
    assert editor.line_edit.text() == "25.00"
    assert editor.value() == Decimal("25.00")
    editor.set_currency("")
    assert editor.currency() == ""
    assert editor.currency_label.isHidden()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2027-03-20", dt.date(2027, 3, 20)),  # was 2027-12-03 in the QDateEdit
        ("2026-12-15", dt.date(2026, 12, 15)),  # was 2026-12-12
        ("2026-12-1", dt.date(2026, 12, 1)),
        ("01.12.2026", dt.date(2026, 12, 1)),
        ("1.12.2026", dt.date(2026, 12, 1)),
        ("1.12.26", dt.date(2026, 12, 1)),
        ("25/12/2026", dt.date(2026, 12, 25)),  # slashes: day first when it is over 12
        ("12/25/2026", dt.date(2026, 12, 25)),  # month first when the second is
        ("2026. 12. 01.", dt.date(2026, 12, 1)),
        ("20261201", dt.date(2026, 12, 1)),  # digits only, as the old date edit took them
        ("+3", dt.date.today() + dt.timedelta(days=3)),
        ("tomorrow", dt.date.today() + dt.timedelta(days=1)),
        ("holnap", dt.date.today() + dt.timedelta(days=1)),
    ],
)
def test_typing_a_date_into_an_empty_date_field(
    qtbot: QtBot, window: QWidget, typed: str, expected: dt.date
) -> None:
    editor = make(qtbot, DATE)
    type_and_tab_out(qtbot, window, editor, typed)  # one Tab leaves the field
    assert editor.value() == expected
    assert line_edit(editor).text() == expected.isoformat()


def test_an_impossible_date_is_kept_for_the_core_to_refuse(qtbot: QtBot, window: QWidget) -> None:
    editor = make(qtbot, DATE)
    type_and_tab_out(qtbot, window, editor, "2026-02-30")
    assert editor.value() == "2026-02-30"
    with pytest.raises(FieldValueError, match="February 2026 has 28 days"):
        parse_value(DATE, editor.value())


def test_clearing_a_date_empties_it(qtbot: QtBot, window: QWidget) -> None:
    editor = make(qtbot, DATE)
    shown(qtbot, window, editor)
    editor.set_value(dt.date(2026, 12, 1))
    line = line_edit(editor)
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(editor.valueChanged):
        qtbot.keyClick(line, Qt.Key.Key_Delete)
    assert editor.value() is None
    move_focus_away(qtbot, window)
    assert line.text() == ""


def test_the_calendar_button_takes_no_focus(qtbot: QtBot) -> None:
    editor = make(qtbot, DATE)
    assert isinstance(editor, DateEditor)
    assert isinstance(editor.calendar_button, QToolButton)
    assert editor.calendar_button.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert editor.calendar_button.accessibleName() == "Call date: calendar"


POPUP = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
"""The calendar is a popup; the offscreen platform cannot grab the keyboard for it."""


def _pick_in_calendar(qtbot: QtBot, editor: DateEditor, *keys: Qt.Key) -> QCalendarWidget:
    popup = editor.popup
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)
    view = popup.calendar.findChild(QTableView)
    assert view is not None
    for key in keys:
        qtbot.keyClick(view, key)
    return popup.calendar


@POPUP
def test_the_calendar_opens_on_this_month_and_picks_a_date(qtbot: QtBot, window: QWidget) -> None:
    editor = make(qtbot, DATE)
    assert isinstance(editor, DateEditor)
    shown(qtbot, window, editor)
    qtbot.mouseClick(editor.calendar_button, Qt.MouseButton.LeftButton)
    assert editor.popup is not None
    qtbot.waitUntil(editor.popup.isVisible)
    today = dt.date.today()
    calendar = editor.popup.calendar
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year, today.month)
    with qtbot.waitSignal(editor.valueChanged):
        _pick_in_calendar(qtbot, editor, Qt.Key.Key_Return)
    assert not editor.popup.isVisible()
    assert editor.value() == today
    assert line_edit(editor).text() == today.isoformat()


@POPUP
def test_the_calendar_opens_on_the_dates_month_from_the_keyboard(
    qtbot: QtBot, window: QWidget
) -> None:
    editor = make(qtbot, DATE)
    assert isinstance(editor, DateEditor)
    shown(qtbot, window, editor)
    editor.set_value(dt.date(2027, 3, 20))
    qtbot.keyClick(editor.line_edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert editor.popup is not None
    calendar = _pick_in_calendar(qtbot, editor)
    assert (calendar.yearShown(), calendar.monthShown()) == (2027, 3)
    _pick_in_calendar(qtbot, editor, Qt.Key.Key_Right, Qt.Key.Key_Return)
    assert editor.value() == dt.date(2027, 3, 21)


@POPUP
def test_escape_closes_the_calendar_and_keeps_the_date(qtbot: QtBot, window: QWidget) -> None:
    editor = make(qtbot, DATE)
    assert isinstance(editor, DateEditor)
    shown(qtbot, window, editor)
    editor.set_value(dt.date(2026, 12, 1))
    editor.open_calendar()
    assert editor.popup is not None
    with qtbot.assertNotEmitted(editor.valueChanged):
        _pick_in_calendar(qtbot, editor, Qt.Key.Key_Right, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: editor.popup is not None and not editor.popup.isVisible())
    assert editor.value() == dt.date(2026, 12, 1)


@pytest.mark.parametrize(("spec", "text"), [(NUMBER, "1..2"), (MONEY, "25,50,1"), (DATE, "soon")])
def test_what_an_editor_hands_back_it_shows_again(qtbot: QtBot, spec: FieldSpec, text: str) -> None:
    """A form rebuilt from the values its editors gave keeps the user's text."""
    first = make(qtbot, spec)
    first.set_value(text)
    second = make(qtbot, spec)
    second.set_value(first.value())
    assert line_edit(second).text() == text
    assert second.value() == text


@pytest.mark.parametrize("spec", [NUMBER, MONEY, DATE])
def test_typed_value_editors_show_problems_too(qtbot: QtBot, spec: FieldSpec) -> None:
    editor = make(qtbot, spec)
    editor.resize(260, editor.sizeHint().height())
    editor.set_problem("Fee: 'lots' is not an amount")
    assert editor.focus_widget().toolTip() == "Fee: 'lots' is not an amount"
    assert _red_pixels(editor) > 100
    editor.set_problem(None)
    assert _red_pixels(editor) == 0


def test_set_value_is_quiet_and_canonical(qtbot: QtBot) -> None:
    editor = make(qtbot, DATE)
    with qtbot.assertNotEmitted(editor.valueChanged):
        editor.set_value("1.12.2026")
    assert line_edit(editor).text() == "2026-12-01"
    money = make(qtbot, MONEY)
    with qtbot.assertNotEmitted(money.valueChanged):
        money.set_value("1 250,5")
    assert line_edit(money).text() == "1250.50"


def test_an_optional_choice_starts_on_an_empty_item(qtbot: QtBot, window: QWidget) -> None:
    editor = make(qtbot, CHOICE)
    assert isinstance(editor, ChoiceEditor)
    assert editor.combo_box.itemText(0) == EMPTY_TEXT
    assert editor.value() is None
    shown(qtbot, window, editor)
    with qtbot.waitSignal(editor.valueChanged):
        qtbot.keyClick(editor.combo_box, Qt.Key.Key_Down)
    assert editor.value() == "Friendly"


def test_a_required_choice_has_no_empty_item_and_no_value_yet(qtbot: QtBot) -> None:
    editor = make(qtbot, REQUIRED_CHOICE)
    assert isinstance(editor, ChoiceEditor)
    assert [editor.combo_box.itemText(i) for i in range(editor.combo_box.count())] == [
        "S",
        "M",
        "L",
    ]
    assert editor.value() is None


def test_ticking_choices_returns_a_list(qtbot: QtBot, window: QWidget) -> None:
    editor = make(qtbot, MULTI)
    assert isinstance(editor, MultiChoiceEditor)
    shown(qtbot, window, editor)
    editor.list_widget.setCurrentRow(1)
    with qtbot.waitSignal(editor.valueChanged):
        qtbot.keyClick(editor.list_widget, Qt.Key.Key_Space)
    assert editor.value() == ["Source files"]
    editor.list_widget.setCurrentRow(0)
    qtbot.keyClick(editor.list_widget, Qt.Key.Key_Space)
    assert editor.value() == ["Express delivery", "Source files"]


def test_clicking_yes_no(qtbot: QtBot, window: QWidget) -> None:
    editor = make(qtbot, YESNO)
    assert isinstance(editor, YesNoEditor)
    assert editor.value() is False
    shown(qtbot, window, editor)
    with qtbot.waitSignal(editor.valueChanged):
        qtbot.mouseClick(editor.check_box, Qt.MouseButton.LeftButton, pos=QPoint(6, 6))
    assert editor.value() is True


def test_suggestions_can_be_picked_or_typed(qtbot: QtBot, window: QWidget) -> None:
    spec = FieldSpec("platform", FieldType.TEXT, "Platform", required=False)
    editor = SuggestEditor(spec, ["Fiverr", "Upwork"])
    qtbot.addWidget(editor)
    assert editor.value() is None
    shown(qtbot, window, editor)
    with qtbot.waitSignal(editor.valueChanged):
        qtbot.keyClicks(editor.combo_box, "My own site")
    assert editor.value() == "My own site"
    editor.set_value("upwork")
    assert editor.value() == "Upwork"


def test_accessible_name_and_tooltip_come_from_the_spec(qtbot: QtBot) -> None:
    editor = make(qtbot, TEXT)
    assert editor.focus_widget().accessibleName() == "First step"
    assert editor.focus_widget().toolTip() == "What you do first"
    unnamed = make(qtbot, FieldSpec("call_date", FieldType.DATE))
    assert unnamed.focus_widget().accessibleName() == "Call date"


def _red_pixels(editor: FieldEditor) -> int:
    image = editor.grab().toImage()
    red = 0
    for x in range(image.width()):
        for y in (0, 1, image.height() // 2):
            color = QColor(image.pixel(x, y))
            red += color.red() > 150 and color.green() < 120 and color.blue() < 120
    return red


def test_a_problem_frames_the_editor_in_red_and_explains_itself(qtbot: QtBot) -> None:
    editor = make(qtbot, TEXT)
    editor.resize(200, editor.sizeHint().height())
    assert _red_pixels(editor) == 0
    editor.set_problem("Required")
    assert editor.property("problem") is True
    assert editor.problem() == "Required"
    assert editor.focus_widget().toolTip() == "Required"
    assert _red_pixels(editor) > 100
    editor.set_problem(None)
    assert editor.property("problem") is False
    assert editor.focus_widget().toolTip() == "What you do first"
    assert _red_pixels(editor) == 0


def test_a_long_value_shows_its_beginning(qtbot: QtBot, window: QWidget) -> None:
    editor = make(qtbot, FieldSpec("first_step", FieldType.TEXT))
    shown(qtbot, window, editor)
    editor.set_value("review your brief and send three first sketches by Friday")
    line = editor.focus_widget()
    assert isinstance(line, QLineEdit)
    assert line.cursorPosition() == 0


@pytest.mark.parametrize("text", ["2026-12-31", "2088-12-28"])
def test_a_date_is_never_cut_however_narrow_the_field(qtbot: QtBot, text: str) -> None:
    """Seen in a narrow Hungarian window: the deadline showed "2026-1"."""
    editor = make(qtbot, DATE)
    assert isinstance(editor, DateEditor)
    window = QWidget()
    qtbot.addWidget(window)
    row = QHBoxLayout(window)
    row.addWidget(editor)
    window.show()
    window.resize(10, window.height())  # as narrow as the layout lets it be
    qtbot.waitUntil(lambda: window.width() == window.minimumSizeHint().width())
    line = editor.line_edit
    line.setText(text)
    option = QStyleOptionFrame()
    line.initStyleOption(option)
    text_area = line.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, line)
    clear = [b for b in line.findChildren(QToolButton) if b.isVisible()]
    assert len(clear) == 1  # the clear button, shown beside a text
    margins = line.textMargins()
    room = clear[0].geometry().left() - text_area.left() - margins.left() - margins.right()
    assert room >= line.fontMetrics().horizontalAdvance(text)
