"""The profile and settings dialog: what is typed is saved on OK, and only that."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from replydesk.core import autostart, settings
from replydesk.core.models import Profile
from replydesk.core.store import TemplateStore
from replydesk.ui.profile_dialog import ProfileDialog

W = TypeVar("W", bound=QWidget)


def named(parent: QWidget, kind: type[W], accessible_name: str) -> W:
    """The visible child a screen reader would announce as `accessible_name`."""
    for widget in parent.findChildren(kind):
        if widget.accessibleName() == accessible_name:
            return widget
    raise AssertionError(f"no {kind.__name__} named {accessible_name!r}")


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isEnabled(), f"{button.text()!r} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def dialog_button(dialog: QDialog, which: QDialogButtonBox.StandardButton) -> QPushButton:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    button = box.button(which)
    assert button is not None
    return button


@pytest.fixture(autouse=True)
def xdg_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The autostart entry goes to the test's own folder, never the real ~/.config."""
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "xdg"))
    monkeypatch.setattr(autostart, "_platform", lambda: "linux")
    return home


@pytest.fixture
def profile_dialog(qtbot: QtBot, store: TemplateStore) -> ProfileDialog:
    dialog = ProfileDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def type_currency(qtbot: QtBot, dialog: ProfileDialog, text: str) -> QLineEdit:
    edit = named(dialog, QLineEdit, "Default currency")
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    return edit


def pick(combo: QComboBox, code: str) -> None:
    """Choose the item whose data is the language `code`."""
    index = combo.findData(code)
    assert index >= 0, code
    combo.setCurrentIndex(index)


def test_the_profile_dialog_shows_the_saved_profile(qtbot: QtBot, store: TemplateStore) -> None:
    store.update_profile(
        {
            "my_name": "Ana",
            "default_language": "ro",
            "default_currency": "RON",
            "signature.ro": "Designer grafic",
            "signature.en": "Graphic designer",
        }
    )
    dialog = ProfileDialog(store)
    qtbot.addWidget(dialog)
    assert named(dialog, QLineEdit, "My name").text() == "Ana"
    assert named(dialog, QComboBox, "Default language").currentText() == "Română"
    assert named(dialog, QComboBox, "Default currency").currentText() == "RON"
    # The signature of the default language first; ✓ marks every language that has one.
    languages = named(dialog, QComboBox, "Signature for")
    assert languages.currentData() == "ro"
    assert named(dialog, QPlainTextEdit, "Signature").toPlainText() == "Designer grafic"
    marked = [languages.itemText(i) for i in range(languages.count())]
    assert marked[:5] == ["English ✓", "Русский", "Română ✓", "Slovenčina", "Magyar"]


def test_the_profile_dialog_saves_what_is_typed(
    profile_dialog: ProfileDialog, qtbot: QtBot, store: TemplateStore
) -> None:
    qtbot.keyClicks(named(profile_dialog, QLineEdit, "My name"), "Ana Popescu")
    pick(named(profile_dialog, QComboBox, "Default language"), "ro")
    pick(named(profile_dialog, QComboBox, "Signature for"), "ro")
    named(profile_dialog, QPlainTextEdit, "Signature").setPlainText("Designer grafic\n")
    edit = type_currency(qtbot, profile_dialog, "eur")
    assert edit.text() == "EUR"  # upper-cased as typed

    click(qtbot, dialog_button(profile_dialog, QDialogButtonBox.StandardButton.Ok))
    assert profile_dialog.result() == QDialog.DialogCode.Accepted
    assert store.get_profile() == Profile(
        "Ana Popescu",
        default_language="ro",
        default_currency="EUR",
        signatures={"ro": "Designer grafic"},
    )


def test_each_language_keeps_its_own_signature(qtbot: QtBot, store: TemplateStore) -> None:
    store.update_profile({"signature.hu": "Grafikus", "signature.sk": "Grafik"})
    dialog = ProfileDialog(store)
    qtbot.addWidget(dialog)
    languages = named(dialog, QComboBox, "Signature for")
    editor = named(dialog, QPlainTextEdit, "Signature")
    assert editor.toPlainText() == ""  # English (the default) has none
    editor.setPlainText("Brand designer")
    pick(languages, "ru")
    assert editor.toPlainText() == ""
    editor.insertPlainText("Дизайнер")  # as typed (keyClicks takes ASCII only)
    pick(languages, "hu")
    assert editor.toPlainText() == "Grafikus"
    editor.clear()  # removes the Hungarian one
    assert languages.currentText() == "Magyar"
    pick(languages, "en")
    assert editor.toPlainText() == "Brand designer"
    assert languages.itemText(languages.findData("ru")) == "Русский ✓"
    assert dialog.changes() == {
        "signature.en": "Brand designer",
        "signature.hu": None,
        "signature.ru": "Дизайнер",
    }
    ok(qtbot, dialog)
    assert store.get_profile().signatures == {
        "en": "Brand designer",
        "ru": "Дизайнер",
        "sk": "Grafik",
    }


def test_ok_writes_only_what_was_changed_in_the_dialog(
    profile_dialog: ProfileDialog, qtbot: QtBot, store: TemplateStore
) -> None:
    """Changes made elsewhere while the dialog was open (the command line) are kept."""
    with TemplateStore(store.path) as other:
        other.update_profile({"my_name": "Set elsewhere", "signature.ro": "Designer"})
    type_currency(qtbot, profile_dialog, "EUR")
    assert profile_dialog.changes() == {"default_currency": "EUR"}
    ok(qtbot, profile_dialog)
    assert store.get_profile() == Profile(
        "Set elsewhere", default_currency="EUR", signatures={"ro": "Designer"}
    )


def test_the_signature_is_explained_and_suggests_no_closing(
    profile_dialog: ProfileDialog,
) -> None:
    hint = named(profile_dialog, QLabel, "Signature hint").text()
    assert "in that language" in hint and "closing" in hint
    assert "already end with your name" in hint
    placeholder = named(profile_dialog, QPlainTextEdit, "Signature").placeholderText()
    for closing in ("regards", "Best", "Cheers", "Thanks", "Sincerely"):
        assert closing not in placeholder


def test_no_profile_label_is_cut_short(profile_dialog: ProfileDialog) -> None:
    for label in profile_dialog.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        if label.wordWrap():
            assert label.height() >= label.heightForWidth(label.width()), label.text()
        else:
            assert label.width() >= label.sizeHint().width(), label.text()
    combo = named(profile_dialog, QComboBox, "Signature for")
    assert combo.width() >= combo.sizeHint().width()


def test_a_currency_that_is_not_three_letters_is_refused_in_place(
    profile_dialog: ProfileDialog, qtbot: QtBot, store: TemplateStore
) -> None:
    problem = named(profile_dialog, QLabel, "Currency problem")
    assert not problem.isVisible()
    type_currency(qtbot, profile_dialog, "euro")
    click(qtbot, dialog_button(profile_dialog, QDialogButtonBox.StandardButton.Ok))
    assert profile_dialog.isVisible()
    assert problem.isVisible()
    assert "3-letter" in problem.text()
    assert store.get_profile().default_currency == "USD"

    type_currency(qtbot, profile_dialog, "gbp")
    assert not problem.isVisible()  # the message goes as soon as the user types
    click(qtbot, dialog_button(profile_dialog, QDialogButtonBox.StandardButton.Ok))
    assert profile_dialog.result() == QDialog.DialogCode.Accepted
    assert store.get_profile().default_currency == "GBP"


def test_enter_in_the_name_field_saves(
    profile_dialog: ProfileDialog, qtbot: QtBot, store: TemplateStore
) -> None:
    name = named(profile_dialog, QLineEdit, "My name")
    qtbot.keyClicks(name, "Jo")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert profile_dialog.result() == QDialog.DialogCode.Accepted
    assert store.get_profile().my_name == "Jo"


def test_cancel_leaves_the_profile_as_it_was(
    profile_dialog: ProfileDialog, qtbot: QtBot, store: TemplateStore
) -> None:
    qtbot.keyClicks(named(profile_dialog, QLineEdit, "My name"), "Somebody")
    type_currency(qtbot, profile_dialog, "EUR")
    click(qtbot, dialog_button(profile_dialog, QDialogButtonBox.StandardButton.Cancel))
    assert profile_dialog.result() == QDialog.DialogCode.Rejected
    assert store.get_profile() == Profile()


# -- settings ------------------------------------------------------------------------------

AUTOSTART = "Start Replydesk at login"
AUTOPASTE = "Paste after a quick paste"
BLOCK_COPY = "Block copying on errors"


def toggle(qtbot: QtBot, box: QCheckBox) -> None:
    """Click the box's square, as a user would."""
    assert box.isEnabled(), f"{box.text()!r} is disabled"
    was = box.isChecked()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert box.isChecked() is not was


def ok(qtbot: QtBot, dialog: ProfileDialog) -> None:
    click(qtbot, dialog_button(dialog, QDialogButtonBox.StandardButton.Ok))


def test_the_dialog_is_profile_and_settings(profile_dialog: ProfileDialog) -> None:
    assert profile_dialog.windowTitle() == "Profile and settings"
    settings_box = profile_dialog.findChild(QGroupBox)
    assert settings_box is not None
    texts = [box.text() for box in settings_box.findChildren(QCheckBox)]
    assert texts == [
        "Start Replydesk at login (in the &tray)",
        "&Paste into the previous window after a quick paste",
        "&Block copying when the checker finds an error",
    ]
    for name in (AUTOSTART, AUTOPASTE, BLOCK_COPY):
        box = named(profile_dialog, QCheckBox, name)
        assert box.isEnabled()
        assert not box.isChecked()  # all off on a first start
        assert box.toolTip()


def test_the_settings_are_saved_on_ok(
    profile_dialog: ProfileDialog, qtbot: QtBot, store: TemplateStore, xdg_config: Path
) -> None:
    for name in (AUTOSTART, AUTOPASTE, BLOCK_COPY):
        toggle(qtbot, named(profile_dialog, QCheckBox, name))
    assert not autostart.is_enabled()  # nothing happens before OK
    ok(qtbot, profile_dialog)
    assert profile_dialog.result() == QDialog.DialogCode.Accepted
    assert settings.AUTOPASTE.read(store)
    assert settings.BLOCK_COPY.read(store)
    assert autostart.is_enabled()
    entry = (xdg_config / "autostart" / "replydesk.desktop").read_text(encoding="utf-8")
    assert "--minimized" in entry


def test_the_settings_are_shown_as_saved_and_can_be_turned_off(
    qtbot: QtBot, store: TemplateStore, xdg_config: Path
) -> None:
    settings.AUTOPASTE.write(store, True)
    settings.BLOCK_COPY.write(store, True)
    autostart.enable(["replydesk"])
    dialog = ProfileDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for name in (AUTOSTART, AUTOPASTE, BLOCK_COPY):
        box = named(dialog, QCheckBox, name)
        assert box.isChecked(), name
        toggle(qtbot, box)
    ok(qtbot, dialog)
    assert not settings.AUTOPASTE.read(store)
    assert not settings.BLOCK_COPY.read(store)
    assert not autostart.is_enabled()
    assert not (xdg_config / "autostart" / "replydesk.desktop").exists()


def test_cancel_leaves_the_settings_as_they_were(
    profile_dialog: ProfileDialog, qtbot: QtBot, store: TemplateStore
) -> None:
    for name in (AUTOSTART, AUTOPASTE, BLOCK_COPY):
        named(profile_dialog, QCheckBox, name).setChecked(True)
    click(qtbot, dialog_button(profile_dialog, QDialogButtonBox.StandardButton.Cancel))
    assert store.get_setting(settings.AUTOPASTE.key) is None  # never written
    assert store.get_setting(settings.BLOCK_COPY.key) is None
    assert not autostart.is_enabled()


def test_an_autostart_entry_edited_by_hand_is_left_alone(
    profile_dialog: ProfileDialog, qtbot: QtBot, store: TemplateStore, xdg_config: Path
) -> None:
    path = autostart.enable(["my-own-wrapper"])
    dialog = ProfileDialog(store)
    qtbot.addWidget(dialog)
    assert named(dialog, QCheckBox, AUTOSTART).isChecked()
    ok(qtbot, dialog)
    assert "Exec=my-own-wrapper --minimized" in path.read_text(encoding="utf-8")


def test_autostart_is_off_with_instructions_where_unsupported(
    qtbot: QtBot, store: TemplateStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(autostart, "_platform", lambda: "win32")
    dialog = ProfileDialog(store)
    qtbot.addWidget(dialog)
    box = named(dialog, QCheckBox, AUTOSTART)
    assert not box.isEnabled()
    assert not box.isChecked()
    assert "shell:startup" in box.toolTip()
    ok(qtbot, dialog)  # saving does not try to set up autostart
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_the_dialog_mnemonics_are_all_different(profile_dialog: ProfileDialog) -> None:
    texts = [label.text() for label in profile_dialog.findChildren(QLabel)]
    texts += [box.text() for box in profile_dialog.findChildren(QCheckBox)]
    letters = [text[text.index("&") + 1].lower() for text in texts if "&" in text]
    assert len(letters) == 9
    assert len(set(letters)) == len(letters), letters


def test_the_autopaste_tooltip_names_its_limits(profile_dialog: ProfileDialog) -> None:
    tip = named(profile_dialog, QCheckBox, AUTOPASTE).toolTip()
    for word in ("X11", "xdotool", "Wayland"):
        assert word in tip


def test_an_autostart_failure_is_shown_and_the_dialog_stays(
    profile_dialog: ProfileDialog,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker))
    toggle(qtbot, named(profile_dialog, QCheckBox, AUTOSTART))
    ok(qtbot, profile_dialog)
    assert profile_dialog.isVisible()
    problem = named(profile_dialog, QLabel, "Problem")
    assert problem.isVisible()
    assert problem.text().startswith("Could not save: cannot write")


def test_every_profile_label_has_a_mnemonic_and_a_buddy(profile_dialog: ProfileDialog) -> None:
    labels = [label for label in profile_dialog.findChildren(QLabel) if label.text().endswith(":")]
    assert [label.text() for label in labels] == [
        "My &name:",
        "I &reply in:",
        "Default &language:",
        "Default &currency:",
        "Signature &for:",
        "&Signature:",
    ]
    for label in labels:
        buddy = label.buddy()
        assert buddy is not None, label.text()
        assert buddy.accessibleName() == label.text().replace("&", "").rstrip(":")


def test_the_apps_language_is_chosen_here_and_kept_for_the_next_start(
    qtbot: QtBot, store: TemplateStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QSettings

    from replydesk.ui.settings import WindowState

    monkeypatch.setenv("LC_MESSAGES", "sk_SK.UTF-8")
    state = WindowState(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))
    dialog = ProfileDialog(store, window_state=state)
    qtbot.addWidget(dialog)
    dialog.show()
    chooser = named(dialog, QComboBox, "Language of the app")
    assert chooser.currentText() == "As the system (Slovenčina)"
    assert [chooser.itemText(i) for i in range(1, chooser.count())] == [
        "English",
        "Русский",
        "Română",
        "Slovenčina",
        "Magyar",
    ]
    note = dialog.app_language_note
    assert not note.isVisible()
    chooser.setFocus()
    qtbot.keyClicks(chooser, "Magyar")
    assert chooser.currentData() == "hu"
    assert note.isVisible() and "started again" in note.text()
    click(qtbot, dialog_button(dialog, QDialogButtonBox.StandardButton.Ok))
    reread = WindowState(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))
    assert reread.language() == "hu"

    again = ProfileDialog(store, window_state=reread)
    qtbot.addWidget(again)
    assert named(again, QComboBox, "Language of the app").currentData() == "hu"
