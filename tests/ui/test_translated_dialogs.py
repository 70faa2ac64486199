"""The dialogs in every language: no two labels or boxes share an Alt+letter, and no
label is cut at the dialog's own size (Slovak and Hungarian words are long)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QAbstractButton, QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from replydesk.core import i18n
from replydesk.core.store import TemplateStore
from replydesk.ui.language import apply_language

LANGUAGES = sorted(i18n.LANGUAGES)


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    apply_language(i18n.SOURCE_LANGUAGE)


def _dialogs(store: TemplateStore) -> list[QDialog]:
    from replydesk.ui.profile_dialog import ProfileDialog
    from replydesk.ui.settings import WindowState, window_settings
    from replydesk.ui.welcome import WelcomeDialog

    state = WindowState(window_settings())  # the app's language is offered too
    return [ProfileDialog(store, window_state=state), WelcomeDialog(store)]


def _mnemonic_texts(dialog: QWidget) -> list[str]:
    texts = [label.text() for label in dialog.findChildren(QLabel) if "<" not in label.text()]
    texts += [button.text() for button in dialog.findChildren(QAbstractButton)]
    return [text for text in texts if "&" in text.replace("&&", "")]


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_two_alt_letters_clash(qtbot: QtBot, library_store: TemplateStore, code: str) -> None:
    apply_language(code)
    for dialog in _dialogs(library_store):
        qtbot.addWidget(dialog)
        letters = [
            text.replace("&&", "")[text.replace("&&", "").index("&") + 1].casefold()
            for text in _mnemonic_texts(dialog)
        ]
        clashing = {letter for letter in letters if letters.count(letter) > 1}
        assert not clashing, (code, type(dialog).__name__, sorted(_mnemonic_texts(dialog)))


@pytest.mark.parametrize("code", LANGUAGES)
def test_labels_fit_at_the_dialogs_size(
    qtbot: QtBot, library_store: TemplateStore, code: str
) -> None:
    apply_language(code)
    for dialog in _dialogs(library_store):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        for label in dialog.findChildren(QLabel):
            if label.isVisible() and not label.wordWrap() and label.text():
                assert label.width() >= label.sizeHint().width(), (code, label.text())
        for button in dialog.findChildren(QAbstractButton):
            if button.isVisible():
                assert button.width() >= button.sizeHint().width(), (code, button.text())
