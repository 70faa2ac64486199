"""The window in the user's language: the system's at start-up, or the one chosen in
Profile and settings, for its menus, its order bar and Qt's own buttons."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMenu

from replydesk.app import apply_saved_language
from replydesk.core import i18n
from replydesk.core.store import TemplateStore
from replydesk.ui.language import apply_language
from replydesk.ui.settings import WindowState, window_settings

if TYPE_CHECKING:
    from replydesk.ui.main_window import MainWindow

MENUS = {
    "en": ["File", "Edit", "Template", "Help"],
    "ru": ["Файл", "Правка", "Шаблон", "Справка"],
    "sk": ["Súbor", "Upraviť", "Šablóna", "Pomocník"],
    "hu": ["Fájl", "Szerkesztés", "Sablon", "Súgó"],
    "ro": ["Fișier", "Editare", "Șablon", "Ajutor"],
}


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    apply_language(i18n.SOURCE_LANGUAGE)


def menus(window: MainWindow) -> list[str]:
    return [action.text().replace("&", "") for action in window.menuBar().actions()]


@pytest.mark.parametrize("code", sorted(MENUS))
def test_the_window_speaks_the_systems_language(
    code: str,
    monkeypatch: pytest.MonkeyPatch,
    open_window: Callable[[TemplateStore], MainWindow],
    store_with_order: TemplateStore,
) -> None:
    monkeypatch.setenv("LC_MESSAGES", f"{code}_{code.upper()}.UTF-8")
    assert apply_saved_language() == code
    window = open_window(store_with_order)
    assert menus(window) == MENUS[code]
    english = {"Client", "Price", "Deadline", "Copy reply"}
    shown = {label.replace("&", "").rstrip(":") for label in _texts(window)}
    assert (english <= shown) is (code == "en")


def test_the_language_chosen_in_settings_wins_over_the_systems(
    monkeypatch: pytest.MonkeyPatch,
    open_window: Callable[[TemplateStore], MainWindow],
    store_with_order: TemplateStore,
) -> None:
    monkeypatch.setenv("LC_MESSAGES", "ru_RU.UTF-8")
    WindowState(window_settings()).set_language("hu")
    assert apply_saved_language() == "hu"
    window = open_window(store_with_order)
    assert menus(window) == MENUS["hu"]
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Mégse"


def _texts(window: MainWindow) -> list[str]:
    from PySide6.QtWidgets import QLabel, QPushButton

    return [w.text() for w in window.findChildren(QLabel)] + [
        w.text() for w in window.findChildren(QPushButton)
    ]


def _alt_letter(text: str) -> str | None:
    plain = text.split("\t")[0].replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].casefold() if 0 <= at < len(plain) - 1 else None


@pytest.mark.parametrize("code", sorted(MENUS))
def test_no_two_items_of_a_menu_share_their_alt_letter(
    code: str,
    monkeypatch: pytest.MonkeyPatch,
    open_window: Callable[[TemplateStore], MainWindow],
    store_with_order: TemplateStore,
) -> None:
    monkeypatch.setenv("LC_MESSAGES", f"{code}_{code.upper()}.UTF-8")
    assert apply_saved_language() == code
    window = open_window(store_with_order)
    bar = window.menuBar().actions()
    groups = [[action.text() for action in bar]]
    for action in bar:
        menu = action.menu()
        assert isinstance(menu, QMenu)
        groups.append([item.text() for item in menu.actions() if not item.isSeparator()])
    assert len(groups) == 1 + len(MENUS[code])
    for texts in groups:
        letters = [letter for letter in map(_alt_letter, texts) if letter]
        assert len(letters) == len(texts), (code, texts)  # every item has one
        clashing = {letter for letter in letters if letters.count(letter) > 1}
        assert not clashing, (code, texts)
