"""The first-start welcome: shown once, saves the name and the default language's
signature (what was changed only), suggests no second closing, Skip closes it for good, and
it never stands between the user and the first copy."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from replydesk.core import library
from replydesk.core.settings import WELCOME_DONE
from replydesk.core.store import TemplateStore
from replydesk.ui.main_window import MainWindow
from replydesk.ui.settings import window_settings
from replydesk.ui.welcome import WelcomeDialog, maybe_show_welcome

EN_GREETING = next(t for t in library.load_builtin() if (t.language, t.kind) == ("en", "greeting"))


@pytest.fixture
def window(
    open_window: Callable[[TemplateStore], MainWindow], store_with_order: TemplateStore
) -> MainWindow:
    # The window shows its own welcome on a first start (tested below); these tests drive
    # maybe_show_welcome themselves, so the window's is out of the way.
    WELCOME_DONE.write(store_with_order, True)
    return open_window(store_with_order)


def shown_welcome(qtbot: QtBot, window: MainWindow, store: TemplateStore) -> WelcomeDialog:
    store.set_setting(WELCOME_DONE.key, None)  # as on a first start
    dialog = maybe_show_welcome(window, store)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_shows_on_the_first_start_only(
    qtbot: QtBot, window: MainWindow, library_store: TemplateStore
) -> None:
    dialog = shown_welcome(qtbot, window, library_store)
    assert dialog.windowTitle() == "Welcome to Replydesk"
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert WELCOME_DONE.read(library_store)
    assert maybe_show_welcome(window, library_store) is None


def test_start_saves_name_and_signature_to_the_profile(
    qtbot: QtBot, window: MainWindow, library_store: TemplateStore
) -> None:
    library_store.update_profile(
        {"my_name": "", "default_language": "ru", "default_currency": "RUB"}
    )
    library_store.set_setting(WELCOME_DONE.key, None)
    saved: list[bool] = []
    dialog = maybe_show_welcome(window, library_store, on_saved=lambda: saved.append(True))
    assert dialog is not None
    name = next(w for w in dialog.findChildren(QLineEdit) if w.accessibleName() == "Your name")
    signature = next(
        w for w in dialog.findChildren(QPlainTextEdit) if w.accessibleName() == "Signature"
    )
    qtbot.keyClicks(name, "Alex Smith")
    signature.setPlainText("Дизайнер логотипов\n")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    profile = library_store.get_profile()
    assert profile.my_name == "Alex Smith"
    # The signature is the default language's (Russian) only: not added to other replies.
    assert profile.signatures == {"ru": "Дизайнер логотипов"}
    assert profile.values("en") == {"my_name": "Alex Smith"}
    assert (profile.default_language, profile.default_currency) == ("ru", "RUB")
    assert saved == [True]
    qtbot.waitUntil(lambda: not any(w.isVisible() for w in window.findChildren(WelcomeDialog)))


def test_the_signature_is_explained_and_no_closing_is_suggested(
    qtbot: QtBot, window: MainWindow, library_store: TemplateStore
) -> None:
    library_store.update_profile({"default_language": "hu"})
    dialog = shown_welcome(qtbot, window, library_store)
    hint = next(w for w in dialog.findChildren(QLabel) if w.accessibleName() == "Signature hint")
    assert "Magyar" in hint.text() and "closing" in hint.text()
    assert "already end with your name" in hint.text()
    assert hint.isVisible()
    signature = next(
        w for w in dialog.findChildren(QPlainTextEdit) if w.accessibleName() == "Signature"
    )
    assert signature.toPlainText() == ""
    for closing in ("regards", "Best", "Cheers", "Üdvözlettel", "Your name"):
        assert closing not in signature.placeholderText()


def test_start_writes_only_what_was_changed(
    qtbot: QtBot, window: MainWindow, library_store: TemplateStore
) -> None:
    """Changes made elsewhere while the welcome was open (the command line) are kept."""
    dialog = shown_welcome(qtbot, window, library_store)
    with TemplateStore(library_store.path) as other:
        other.update_profile({"my_name": "Set elsewhere", "signature.ro": "Designer"})
    assert dialog.changes() == {}
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    profile = library_store.get_profile()
    assert (profile.my_name, profile.signatures) == ("Set elsewhere", {"ro": "Designer"})


def test_skip_marks_it_done_and_changes_nothing_else(
    qtbot: QtBot, window: MainWindow, library_store: TemplateStore
) -> None:
    dialog = shown_welcome(qtbot, window, library_store)
    next(w for w in dialog.findChildren(QLineEdit) if w.accessibleName() == "Your name").setText(
        "Not saved"
    )
    qtbot.mouseClick(dialog.skip_button, Qt.MouseButton.LeftButton)
    assert WELCOME_DONE.read(library_store)
    assert library_store.get_profile().my_name == "Alex"
    assert maybe_show_welcome(window, library_store) is None


def test_it_is_non_modal_and_the_window_still_copies(
    qtbot: QtBot, window: MainWindow, library_store: TemplateStore
) -> None:
    dialog = shown_welcome(qtbot, window, library_store)
    assert not dialog.isModal()
    assert dialog.windowModality() == Qt.WindowModality.NonModal
    assert QApplication.activeModalWidget() is None
    with qtbot.waitSignal(window.templates.currentTemplateChanged, timeout=10_000):
        assert window.templates.select(EN_GREETING.id)
    QGuiApplication.clipboard().setText("old")
    qtbot.waitUntil(window.preview.is_ready)
    with qtbot.waitSignal(window.copied, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == window.preview.text()
    assert dialog.isVisible()
    assert library_store.get_setting(WELCOME_DONE.key) is None


def test_the_window_welcomes_on_the_first_start_only(
    qtbot: QtBot, library_store: TemplateStore
) -> None:
    first = MainWindow(window_settings())
    qtbot.addWidget(first)
    first.set_store(library_store)
    first.show()
    assert first.welcome is not None
    qtbot.waitUntil(first.welcome.isVisible)
    qtbot.mouseClick(first.welcome.skip_button, Qt.MouseButton.LeftButton)
    first.close()
    second = MainWindow(window_settings())
    qtbot.addWidget(second)
    second.set_store(library_store)
    assert second.welcome is None
    second.close()


def test_the_first_start_asks_the_reply_languages_and_the_list_shows_those(
    qtbot: QtBot,
    open_window: Callable[[TemplateStore], MainWindow],
    library_store: TemplateStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QComboBox

    from replydesk.core.settings import REPLY_LANGUAGES

    monkeypatch.setenv("LC_MESSAGES", "sk_SK.UTF-8")  # the system's language
    library_store.set_setting(WELCOME_DONE.key, None)
    window = open_window(library_store)
    dialog = window.welcome
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    boxes = dialog.reply_languages.boxes
    assert next(iter(boxes)) == "sk" and boxes["sk"].isChecked()  # preselected, first
    assert [code for code, box in boxes.items() if box.isChecked()] == ["sk"]
    hint = next(w for w in dialog.findChildren(QLabel) if w.accessibleName() == "Signature hint")
    assert "Slovenčina" in hint.text()
    qtbot.mouseClick(boxes["ru"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert REPLY_LANGUAGES.read(library_store) == ("sk", "ru")
    assert library_store.get_profile().default_language == "sk"  # new templates' default

    # The list follows the store's announcement: each built-in reply once (it has a
    # variant in every language), in the first of the user's languages.
    qtbot.waitUntil(lambda: {s.language for s in window.templates.model().summaries()} == {"sk"})
    assert window.templates.model().rowCount() == len(library.KINDS)
    combo = next(
        c
        for c in window.templates.findChildren(QComboBox)
        if c.accessibleName() == "Filter by language"
    )
    assert combo.currentText().startswith("My languages")
    combo.setCurrentIndex(0)  # All languages: the rest are one choice away
    assert window.templates.model().rowCount() == len(library.load_builtin())
