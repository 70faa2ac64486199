"""ui.language: the chosen language reaches Replydesk's catalogue and Qt's own buttons."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from replydesk.core import i18n
from replydesk.ui.language import apply_language

# Qt's Cancel button, as each language's translation of Qt says it.
CANCEL = {"ru": "Отмена", "sk": "Zrušiť", "hu": "Mégse", "ro": "Anulează"}


@pytest.fixture(autouse=True)
def _back_to_english() -> Iterator[None]:
    yield
    apply_language(i18n.SOURCE_LANGUAGE)


@pytest.mark.parametrize("code", sorted(CANCEL))
def test_qts_standard_buttons_speak_the_chosen_language(qtbot: QtBot, code: str) -> None:
    assert apply_language(code) == code
    assert i18n.current_language() == code
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text().replace("&", "") == CANCEL[code]


def test_back_to_english_removes_qts_translation(qtbot: QtBot) -> None:
    apply_language("ru")
    apply_language("en")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
