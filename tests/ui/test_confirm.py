"""The one yes/no question: No unless the user says Yes."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from replydesk.ui.confirm import confirm


@pytest.mark.parametrize(
    ("answer", "expected"),
    [(QMessageBox.StandardButton.Yes, True), (QMessageBox.StandardButton.No, False)],
)
def test_confirm_is_a_yes_no_question(
    monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton, expected: bool
) -> None:
    asked: list[tuple[object, ...]] = []

    def question(*args: object) -> QMessageBox.StandardButton:
        asked.append(args)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    assert confirm(None, "Empty trash", "Sure?") is expected
    assert asked[0][1:3] == ("Empty trash", "Sure?")
    assert asked[0][4] == QMessageBox.StandardButton.No  # the safe answer is the default
