"""Field editors: typed values in and out, user edits, empty states, problems."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from replydesk.core.fields import FieldSpec, FieldType
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
    [(NUMBER, "a dozen"), (MONEY, "lots"), (DATE, "soonish"), (CHOICE, "Rude")],
)
def test_an_unparsable_string_leaves_the_editor_empty(
    qtbot: QtBot, spec: FieldSpec, raw: str
) -> None:
    editor = make(qtbot, spec)
    editor.set_value(raw)
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


@pytest.mark.parametrize("spec", [NUMBER, MONEY, DATE])
def test_empty_numbers_amounts_and_dates_show_a_dash(qtbot: QtBot, spec: FieldSpec) -> None:
    editor = make(qtbot, spec)
    editor.set_value("5")
    editor.set_value(None)
    assert editor.focus_widget().text() == EMPTY_TEXT  # type: ignore[attr-defined]


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


@pytest.mark.parametrize(("typed", "expected"), [("12", 12), ("2.5", Decimal("2.5"))])
def test_typing_a_number(qtbot: QtBot, window: QWidget, typed: str, expected: object) -> None:
    editor = make(qtbot, NUMBER)
    shown(qtbot, window, editor)
    with qtbot.waitSignal(editor.valueChanged):
        qtbot.keyClicks(editor.focus_widget(), typed)
    assert editor.value() == expected
    assert type(editor.value()) is type(expected)


def test_typing_an_amount_then_clearing_it(qtbot: QtBot, window: QWidget) -> None:
    editor = make(qtbot, MONEY)
    shown(qtbot, window, editor)
    spin = editor.focus_widget()
    with qtbot.waitSignal(editor.valueChanged):
        qtbot.keyClicks(spin, "120.5")
    assert editor.value() == Decimal("120.50")
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(editor.valueChanged):
        qtbot.keyClick(spin, Qt.Key.Key_Delete)
    assert editor.value() is None
    move_focus_away(qtbot, window)
    assert spin.text() == EMPTY_TEXT  # type: ignore[attr-defined]


def test_the_arrow_key_starts_an_empty_amount_at_zero(qtbot: QtBot, window: QWidget) -> None:
    editor = make(qtbot, MONEY)
    shown(qtbot, window, editor)
    with qtbot.waitSignal(editor.valueChanged):
        qtbot.keyClick(editor.focus_widget(), Qt.Key.Key_Up)
    assert editor.value() == Decimal("0.00")


def test_money_suffix_follows_the_currency(qtbot: QtBot) -> None:
    editor = make(qtbot, MONEY)
    assert isinstance(editor, MoneyEditor)
    editor.set_value(Decimal("25"))
    editor.set_currency("eur")
    assert editor.spin_box.text() == "25.00 EUR"
    editor.set_currency("HUF")
    assert editor.spin_box.text().endswith(" HUF")
    assert editor.value() == Decimal("25.00")


def test_typing_a_date_into_an_empty_date_field(qtbot: QtBot, window: QWidget) -> None:
    editor = make(qtbot, DATE)
    shown(qtbot, window, editor)
    with qtbot.waitSignal(editor.valueChanged):
        qtbot.keyClicks(editor.focus_widget(), "20261201")
    assert editor.value() == dt.date(2026, 12, 1)


def test_the_arrow_key_starts_an_empty_date_today(qtbot: QtBot, window: QWidget) -> None:
    editor = make(qtbot, DATE)
    shown(qtbot, window, editor)
    qtbot.keyClick(editor.focus_widget(), Qt.Key.Key_Up)
    assert editor.value() == dt.date.today()


def test_clearing_a_date_empties_it(qtbot: QtBot, window: QWidget) -> None:
    editor = make(qtbot, DATE)
    shown(qtbot, window, editor)
    editor.set_value(dt.date(2026, 12, 1))
    date_edit = editor.focus_widget()
    qtbot.keyClick(date_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(editor.valueChanged):
        qtbot.keyClick(date_edit, Qt.Key.Key_Delete)
    assert editor.value() is None
    move_focus_away(qtbot, window)
    assert date_edit.text() == EMPTY_TEXT  # type: ignore[attr-defined]


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
