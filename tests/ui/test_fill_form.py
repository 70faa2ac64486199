"""The fill form: built from a template's fields, typed into, marked, walked with Tab."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from replydesk.core.fields import FieldSpec, FieldType
from replydesk.ui.field_widgets import MoneyEditor
from replydesk.ui.fill_form import EMPTY_STATE_TEXT, FillForm, mnemonic_label

SPECS = [
    FieldSpec("first_step", FieldType.TEXT, "First thing you will do", help="Shown under it"),
    FieldSpec("revisions", FieldType.NUMBER, "Revisions"),
    FieldSpec("fee", FieldType.MONEY, "Express fee", required=False),
    FieldSpec("tone", FieldType.CHOICE, "Tone", choices=("Friendly", "Formal"), required=False),
    FieldSpec("portfolio", FieldType.YESNO, "Include portfolio"),
    FieldSpec("notes", FieldType.MULTILINE, "Note to the client", required=False),
    FieldSpec("call_date", FieldType.DATE, "Call date", required=False),
]


@pytest.fixture
def form(qtbot: QtBot) -> FillForm:
    widget = FillForm()
    qtbot.addWidget(widget)
    widget.resize(420, 700)
    return widget


def show(qtbot: QtBot, form: FillForm) -> None:
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()


def test_one_labelled_editor_per_field(form: FillForm) -> None:
    form.show_fields(SPECS, {}, "USD")
    editors = form.editors()
    assert [e.spec.name for e in editors] == [s.name for s in SPECS]
    for editor in editors:
        label = form.label(editor.spec.name)
        assert label is not None
        assert label.text().replace("&", "") == f"{editor.spec.display_label}:"
        assert "&" in label.text()  # Alt+letter reaches it
        assert label.buddy() is editor.focus_widget()


def test_help_is_shown_under_its_field(form: FillForm) -> None:
    form.show_fields(SPECS, {}, "USD")
    helps = [label.text() for label in form.findChildren(QLabel, "fieldHelp")]
    assert helps == ["Shown under it"]


def test_initial_values_are_shown(form: FillForm) -> None:
    initial = {"first_step": "review your brief", "revisions": "2", "fee": Decimal("15")}
    form.show_fields(SPECS, initial, "EUR")
    values = {e.spec.name: e.value() for e in form.editors()}
    assert values["first_step"] == "review your brief"
    assert values["revisions"] == 2
    assert values["fee"] == Decimal("15.00")
    assert values["call_date"] is None


def test_typing_emits_the_field_name_and_typed_value(qtbot: QtBot, form: FillForm) -> None:
    form.show_fields(SPECS, {}, "USD")
    show(qtbot, form)
    revisions = form.editors()[1].focus_widget()
    revisions.setFocus()
    with qtbot.waitSignal(form.valueChanged, check_params_cb=lambda n, v: v == 3) as blocker:
        qtbot.keyClicks(revisions, "3")
    assert blocker.args == ["revisions", 3]
    seen: list[tuple[str, object]] = []
    form.valueChanged.connect(lambda name, value: seen.append((name, value)))
    qtbot.keyClicks(form.editors()[0].focus_widget(), "Hi")
    assert seen == [("first_step", "H"), ("first_step", "Hi")]


def test_clearing_a_field_emits_none(qtbot: QtBot, form: FillForm) -> None:
    form.show_fields(SPECS, {"first_step": "x"}, "USD")
    show(qtbot, form)
    line = form.editors()[0].focus_widget()
    assert isinstance(line, QLineEdit)
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_End)
    with qtbot.waitSignal(form.valueChanged) as blocker:
        qtbot.keyClick(line, Qt.Key.Key_Backspace)
    assert blocker.args == ["first_step", None]


def test_building_the_form_is_not_an_edit(qtbot: QtBot, form: FillForm) -> None:
    with qtbot.assertNotEmitted(form.valueChanged):
        form.show_fields(SPECS, {"first_step": "x", "revisions": 4, "portfolio": True}, "USD")


def test_mark_frames_missing_and_invalid_fields_and_clears_the_rest(form: FillForm) -> None:
    form.show_fields(SPECS, {}, "USD")
    form.mark(["first_step", "revisions"], {"fee": "fee: 'x' is not an amount"})
    problems = {e.spec.name: e.problem() for e in form.editors()}
    assert problems["first_step"] == "Required"
    assert problems["revisions"] == "Required"
    assert problems["fee"] == "fee: 'x' is not an amount"
    assert problems["tone"] is None
    form.mark(["revisions"], {})
    problems = {e.spec.name: e.problem() for e in form.editors()}
    assert problems["first_step"] is None
    assert problems["fee"] is None
    assert problems["revisions"] == "Required"


def test_tab_walks_the_fields_in_their_order(qtbot: QtBot, form: FillForm) -> None:
    # Dates are left out: Tab first walks a date's year, month and day.
    specs = [s for s in SPECS if s.type is not FieldType.DATE]
    form.show_fields(specs, {}, "USD")
    show(qtbot, form)
    widgets = [e.focus_widget() for e in form.editors()]
    widgets[0].setFocus()
    qtbot.waitUntil(widgets[0].hasFocus)
    visited = [QApplication.focusWidget()]
    for _ in widgets[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    assert visited == widgets


def test_focus_first_empty(qtbot: QtBot, form: FillForm) -> None:
    form.show_fields(SPECS, {"first_step": "review", "revisions": 2}, "USD")
    show(qtbot, form)
    assert form.focus_first_empty()
    fee = form.editors()[2].focus_widget()
    qtbot.waitUntil(fee.hasFocus)


def test_focus_first_empty_falls_back_to_the_first_field(qtbot: QtBot, form: FillForm) -> None:
    specs = SPECS[:2]
    form.show_fields(specs, {"first_step": "review", "revisions": 2}, "USD")
    show(qtbot, form)
    assert form.focus_first_empty()
    qtbot.waitUntil(form.editors()[0].focus_widget().hasFocus)


def test_focus_first_empty_without_fields(form: FillForm) -> None:
    form.show_fields([], {}, "USD")
    assert not form.focus_first_empty()


def test_no_fields_shows_the_empty_state(qtbot: QtBot, form: FillForm) -> None:
    show(qtbot, form)
    form.show_fields([], {}, "USD")
    empty = form.findChild(QLabel, "fillFormEmpty")
    assert empty is not None
    assert empty.text() == EMPTY_STATE_TEXT
    assert empty.isVisible()
    form.show_fields(SPECS, {}, "USD")
    assert not empty.isVisible()
    form.clear()
    assert not empty.isVisible()
    assert form.editors() == []


def test_money_fields_follow_the_currency(form: FillForm) -> None:
    form.show_fields(SPECS, {"fee": Decimal("20")}, "EUR")
    fee = form.editors()[2]
    assert isinstance(fee, MoneyEditor)
    assert fee.line_edit.text() == "20.00" and fee.currency() == "EUR"
    form.set_currency("RON")
    assert fee.line_edit.text() == "20.00" and fee.currency() == "RON"


def test_showing_other_fields_replaces_the_editors(qtbot: QtBot, form: FillForm) -> None:
    form.show_fields(SPECS, {}, "USD")
    old = form.editors()[0]
    form.show_fields([SPECS[-1]], {"call_date": dt.date(2026, 12, 1)}, "USD")
    assert [e.spec.name for e in form.editors()] == ["call_date"]
    assert form.editors()[0].value() == dt.date(2026, 12, 1)
    assert old not in form.editors()


def test_set_value_updates_a_field_quietly(qtbot: QtBot, form: FillForm) -> None:
    form.show_fields(SPECS, {}, "USD")
    with qtbot.assertNotEmitted(form.valueChanged):
        form.set_value("notes", "Две цветовые версии")
        form.set_value("fee", None)
    assert form.editors()[5].value() == "Две цветовые версии"
    assert form.editors()[2].focus_widget().text() == ""  # type: ignore[attr-defined]


def test_mnemonics_skip_reserved_and_used_letters() -> None:
    taken = set("fo")
    assert mnemonic_label("First step:", taken) == "F&irst step:"
    assert mnemonic_label("Fit:", taken) == "Fi&t:"
    assert mnemonic_label("If:", taken) == "If:"  # every letter taken: no mnemonic
    assert mnemonic_label("Q&A:", set()) == "&Q&&A:"


def test_form_labels_avoid_the_windows_mnemonics(form: FillForm) -> None:
    form.reserved_mnemonics = "frc"
    form.show_fields(SPECS, {}, "USD")
    first = form.label("first_step")
    assert first is not None
    assert first.text() == "F&irst thing you will do:"
