"""The preview: the reply when ready, the problem when not, Copy, and the copied note."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from pytestqt.qtbot import QtBot

from replydesk.core.checker import Finding, Severity
from replydesk.core.errors import TemplateSyntaxProblem
from replydesk.core.filling import RENDERING_MESSAGE, FillResult
from replydesk.ui.preview import (
    BLOCKED_TOOLTIP,
    COPIED_TEXT,
    ERROR_TEXT,
    INVALID_TEXT,
    MISSING_TEXT,
    PREPARING_TEXT,
    PreviewPane,
)

REPLY = "Hi Anna,\n\nthank you for your order #FO81C2D3!\n\nAlex"


@pytest.fixture
def pane(qtbot: QtBot) -> PreviewPane:
    widget = PreviewPane()
    qtbot.addWidget(widget)
    widget.resize(480, 360)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def text_colour(pane: PreviewPane) -> str:
    return pane.text_edit.palette().color(QPalette.ColorRole.Text).name()


def test_a_ready_reply_is_shown_and_can_be_copied(pane: PreviewPane) -> None:
    assert not pane.copy_button.isEnabled()
    pane.show_result(FillResult(text=REPLY))
    assert pane.text_edit.toPlainText() == REPLY
    assert pane.text() == REPLY
    assert pane.copy_button.isEnabled()
    assert not pane.banner.isVisible()
    assert pane.text_edit.isReadOnly()


def test_missing_fields_show_the_banner_and_no_reply(pane: PreviewPane) -> None:
    pane.show_result(FillResult(text=REPLY))
    pane.show_result(FillResult(missing=("deadline", "price")))
    assert pane.banner.isVisible()
    assert pane.banner.text() == FillResult(missing=("deadline", "price")).message
    assert "deadline" in pane.banner.text().lower() and "price" in pane.banner.text().lower()
    assert not pane.copy_button.isEnabled()
    assert pane.text_edit.toPlainText() == ""  # the last reply is gone, not greyed
    assert pane.placeholder() == MISSING_TEXT
    assert pane.text() == ""  # nothing to copy while there is a problem


def test_a_ready_reply_again_clears_the_problem(pane: PreviewPane) -> None:
    pane.show_result(FillResult(text="old"))
    normal = text_colour(pane)
    pane.show_result(FillResult(invalid={"price": "price: 'x' is not an amount"}))
    assert pane.placeholder() == INVALID_TEXT
    pane.show_result(FillResult(text=REPLY))
    assert not pane.banner.isVisible()
    assert pane.placeholder() == ""
    assert pane.text_edit.toPlainText() == REPLY
    assert text_colour(pane) == normal
    assert pane.copy_button.isEnabled()


def test_a_problem_without_an_earlier_reply_shows_no_text(pane: PreviewPane) -> None:
    pane.show_result(FillResult(invalid={"price": "price: 'x' is not an amount"}))
    assert pane.banner.text() == "price: 'x' is not an amount"
    assert pane.text_edit.toPlainText() == ""


def test_a_template_error_names_its_line(pane: PreviewPane) -> None:
    error = TemplateSyntaxProblem("unexpected '}'", 3)
    pane.show_result(FillResult(error=error))
    assert pane.banner.isVisible()
    assert pane.banner.text() == "line 3: unexpected '}'"
    assert not pane.copy_button.isEnabled()


NO_TEXT_RESULTS = {
    "missing fields": (FillResult(missing=("client_name",)), MISSING_TEXT),
    "invalid values": (FillResult(invalid={"price": "Price: 'x' is not an amount"}), INVALID_TEXT),
    "template error": (FillResult(error=TemplateSyntaxProblem("unexpected '}'", 3)), ERROR_TEXT),
    "rendering": (FillResult(rendering=True), PREPARING_TEXT),
}


def copy_all_in_the_reply(qtbot: QtBot, pane: PreviewPane) -> str:
    """What Ctrl+A, Ctrl+C in the reply area puts on the clipboard ("" for nothing)."""
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("")
    pane.text_edit.setFocus()
    qtbot.keyClick(pane.text_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(pane.text_edit, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    return clipboard.text()


def test_select_all_and_copy_in_a_ready_reply_copies_it(qtbot: QtBot, pane: PreviewPane) -> None:
    pane.show_result(FillResult(text=REPLY))
    assert copy_all_in_the_reply(qtbot, pane) == REPLY


@pytest.mark.parametrize("kind", list(NO_TEXT_RESULTS))
def test_a_result_without_text_never_shows_the_last_reply(
    qtbot: QtBot, pane: PreviewPane, kind: str
) -> None:
    result, placeholder = NO_TEXT_RESULTS[kind]
    pane.show_result(FillResult(text=PHONE_REPLY))
    pane.show_findings([PHONE])
    pane.show_result(result)
    # The old reply is gone from the area, its marks and its findings too.
    assert pane.text_edit.toPlainText() == ""
    assert pane.text_edit.extraSelections() == []
    assert not pane.findings_list.isVisible()
    # What is in the way: named in the banner, and greyed in the reply's place.
    assert pane.banner.isVisible() and pane.banner.text() == result.message
    assert pane.placeholder() == placeholder
    assert pane.text_edit.accessibleDescription() == placeholder
    # Nothing to copy: the button is off, and Ctrl+A Ctrl+C in the area copies nothing.
    assert not pane.copy_button.isEnabled() and not pane.is_ready() and pane.text() == ""
    assert copy_all_in_the_reply(qtbot, pane) == ""
    # A good result shows its text again, ready to copy.
    pane.show_result(FillResult(text=REPLY))
    assert pane.text_edit.toPlainText() == REPLY and pane.text() == REPLY
    assert pane.placeholder() == "" and not pane.banner.isVisible()
    assert pane.copy_button.isEnabled()
    assert copy_all_in_the_reply(qtbot, pane) == REPLY


def test_the_placeholder_is_greyed_and_the_reply_is_not(pane: PreviewPane) -> None:
    palette = pane.text_edit.palette()
    grey = palette.color(QPalette.ColorRole.PlaceholderText)
    assert grey != palette.color(QPalette.ColorRole.Text)
    pane.show_result(FillResult(rendering=True))
    assert pane.banner.text() == RENDERING_MESSAGE
    assert pane.text_edit.palette().color(QPalette.ColorRole.PlaceholderText) == grey


def test_a_reply_back_after_a_problem_keeps_its_scroll_position(pane: PreviewPane) -> None:
    long_reply = "\n".join(f"line {n}" for n in range(200))
    pane.show_result(FillResult(text=long_reply))
    bar = pane.text_edit.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    position = bar.value()
    pane.show_result(FillResult(missing=("client_name",)))  # a field cleared for a moment
    pane.show_result(FillResult(text=long_reply))
    assert bar.value() == position
    pane.show_result(FillResult())  # no template: the next reply starts at the top
    pane.show_result(FillResult(text=long_reply))
    assert bar.value() == 0


def test_an_empty_result_clears_everything(pane: PreviewPane) -> None:
    pane.show_result(FillResult(text=REPLY))
    pane.show_result(FillResult())
    assert pane.text_edit.toPlainText() == ""
    assert pane.placeholder() == ""
    assert not pane.banner.isVisible()
    assert not pane.copy_button.isEnabled()


def test_clicking_copy_asks_for_a_copy(qtbot: QtBot, pane: PreviewPane) -> None:
    pane.show_result(FillResult(text=REPLY))
    assert pane.copy_button.text() == "&Copy reply"
    assert "Ctrl+Enter" in pane.copy_button.toolTip()
    with qtbot.waitSignal(pane.copyRequested, timeout=10_000):
        qtbot.mouseClick(pane.copy_button, Qt.MouseButton.LeftButton)


def test_a_disabled_copy_button_asks_for_nothing(qtbot: QtBot, pane: PreviewPane) -> None:
    pane.show_result(FillResult(missing=("deadline",)))
    with qtbot.assertNotEmitted(pane.copyRequested):
        qtbot.mouseClick(pane.copy_button, Qt.MouseButton.LeftButton)


def test_flash_copied_shows_a_note_then_hides_it(qtbot: QtBot, pane: PreviewPane) -> None:
    assert not pane.copied_label.isVisible()
    pane.flash_copied("Greeting — new order")
    assert pane.copied_label.isVisible()
    assert pane.copied_label.text() == COPIED_TEXT
    assert "Greeting — new order" in pane.copied_label.toolTip()
    qtbot.waitUntil(lambda: not pane.copied_label.isVisible(), timeout=10_000)


def test_typing_does_not_scroll_the_preview_back_to_the_top(pane: PreviewPane) -> None:
    long_reply = "\n".join(f"line {n}" for n in range(200))
    pane.show_result(FillResult(text=long_reply))
    bar = pane.text_edit.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    position = bar.value()
    assert position > 0
    pane.show_result(FillResult(text=long_reply.replace("line 1\n", "line one\n")))
    assert bar.value() == position


# -- checker findings ------------------------------------------------------------------

PHONE_REPLY = "Hi Anna,\n\ncall me at +7 (912) 345-67-89 any time.\n\nAlex"
PHONE_START = PHONE_REPLY.index("+7")
PHONE_END = PHONE_START + len("+7 (912) 345-67-89")
PHONE = Finding(
    Severity.ERROR,
    PHONE_START,
    PHONE_END,
    "contact-details",
    "A phone number in the reply",
    "Marketplaces ban sharing contact details before an order.",
)
NOTE = Finding(Severity.NOTE, 0, 2, "greeting", "A short greeting")


def spans(pane: PreviewPane) -> list[tuple[int, int]]:
    return [
        (s.cursor.selectionStart(), s.cursor.selectionEnd())
        for s in pane.text_edit.extraSelections()
    ]


def test_findings_are_marked_in_the_text_and_listed_under_it(pane: PreviewPane) -> None:
    pane.show_result(FillResult(text=PHONE_REPLY))
    assert not pane.findings_list.isVisible()
    pane.show_findings([PHONE, NOTE])
    assert spans(pane) == [(PHONE_START, PHONE_END), (0, 2)]
    error = pane.text_edit.extraSelections()[0]
    error_format = error.format
    error_ground = error_format.background().color()
    assert error_ground.alpha() > 0 and error_ground.red() > error_ground.green()
    assert pane.findings_list.isVisible()
    assert pane.findings_list.count() == 2
    first = pane.findings_list.item(0)
    assert first.text() == "A phone number in the reply"
    assert first.toolTip() == PHONE.explanation
    assert pane.copy_button.isEnabled()  # shown, not blocking: block-copy is off


def test_clicking_a_finding_selects_its_span(qtbot: QtBot, pane: PreviewPane) -> None:
    pane.show_result(FillResult(text=PHONE_REPLY))
    pane.show_findings([PHONE])
    item = pane.findings_list.item(0)
    rect = pane.findings_list.visualItemRect(item)
    qtbot.mouseClick(pane.findings_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert pane.text_edit.textCursor().selectedText() == "+7 (912) 345-67-89"


def test_no_findings_hide_the_list_and_a_new_text_clears_old_marks(pane: PreviewPane) -> None:
    pane.show_result(FillResult(text=PHONE_REPLY))
    pane.show_findings([PHONE])
    pane.show_result(FillResult(text=REPLY))
    assert pane.text_edit.extraSelections() == []
    assert not pane.findings_list.isVisible()
    pane.show_findings([])
    assert not pane.findings_list.isVisible()


def test_block_copy_turns_copy_off_while_an_error_is_shown(pane: PreviewPane) -> None:
    pane.set_block_copy(True)
    pane.show_result(FillResult(text=PHONE_REPLY))
    pane.show_findings([NOTE])
    assert pane.copy_button.isEnabled()  # notes never block
    pane.show_findings([PHONE, NOTE])
    assert not pane.copy_button.isEnabled()
    assert pane.is_copy_blocked()
    assert pane.copy_button.toolTip() == BLOCKED_TOOLTIP
    pane.set_block_copy(False)
    assert pane.copy_button.isEnabled()
    assert "Ctrl+Enter" in pane.copy_button.toolTip()
