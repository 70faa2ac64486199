"""The preview: the reply when ready, the problem when not, Copy, and the copied note."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from pytestqt.qtbot import QtBot

from replydesk.core.checker import Finding, Severity
from replydesk.core.errors import TemplateSyntaxProblem
from replydesk.core.filling import FillResult
from replydesk.ui.preview import BLOCKED_TOOLTIP, COPIED_TEXT, PreviewPane

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


def test_missing_fields_show_the_banner_and_grey_the_last_reply(pane: PreviewPane) -> None:
    pane.show_result(FillResult(text=REPLY))
    normal = text_colour(pane)
    pane.show_result(FillResult(missing=("deadline", "price")))
    assert pane.banner.isVisible()
    assert pane.banner.text() == "Fill in: deadline, price"
    assert not pane.copy_button.isEnabled()
    assert pane.text_edit.toPlainText() == REPLY  # still there to read, greyed
    assert pane.is_stale()
    assert text_colour(pane) != normal
    assert pane.text() == ""  # nothing to copy while there is a problem


def test_a_ready_reply_again_clears_the_problem(pane: PreviewPane) -> None:
    pane.show_result(FillResult(text="old"))
    normal = text_colour(pane)
    pane.show_result(FillResult(invalid={"price": "price: 'x' is not an amount"}))
    pane.show_result(FillResult(text=REPLY))
    assert not pane.banner.isVisible()
    assert not pane.is_stale()
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


def test_an_empty_result_clears_everything(pane: PreviewPane) -> None:
    pane.show_result(FillResult(text=REPLY))
    pane.show_result(FillResult())
    assert pane.text_edit.toPlainText() == ""
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
