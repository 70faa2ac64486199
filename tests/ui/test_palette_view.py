"""The palette's look on its own: no store, no catalog, only widgets and their layout."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from replydesk.ui.palette_view import (
    FORM_HINTS,
    FORM_HINTS_MULTILINE,
    LIST_HINTS,
    WINDOW_TITLE,
    PaletteView,
)
from replydesk.ui.style import error_color

LONG_PROBLEM = "This template cannot be filled: " + "a very long reason " * 20


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[PaletteView]:
    view = PaletteView()
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    yield view
    view.hide()


def test_a_frameless_card_named_for_screen_readers(view: PaletteView) -> None:
    assert view.windowTitle() == view.accessibleName() == WINDOW_TITLE
    assert view.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert view.orders.accessibleName() == "Current order"
    assert view.search.accessibleName() == "Search templates"
    assert view.list_view.accessibleName() == "Templates"
    assert view.hints.text() == LIST_HINTS


def test_alt_o_takes_the_keyboard_to_the_order_line(qtbot: QtBot, view: PaletteView) -> None:
    view.activateWindow()
    view.search.setFocus()
    qtbot.waitUntil(view.search.hasFocus)
    qtbot.keyClick(view.search, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is view.orders


def test_the_form_page_replaces_the_search_and_says_its_keys(view: PaletteView) -> None:
    view.show_form_page(multiline=False)
    assert view.form_shown()
    assert not view.search.isVisible()
    assert view.hints.text() == FORM_HINTS
    view.show_form_page(multiline=True)
    assert view.hints.text() == FORM_HINTS_MULTILINE
    view.show_list_page()
    assert not view.form_shown()
    assert view.search.isVisible()
    assert view.hints.text() == LIST_HINTS


def test_a_long_problem_is_one_red_line_with_the_whole_text_in_its_tooltip(
    view: PaletteView,
) -> None:
    view.problem.set_full_text(LONG_PROBLEM)
    view.problem.show()
    assert view.problem.full_text() == LONG_PROBLEM
    assert view.problem.toolTip() == LONG_PROBLEM
    assert view.problem.text().endswith("…")
    assert len(view.problem.text()) < len(LONG_PROBLEM)
    red = view.problem.palette().color(QPalette.ColorRole.WindowText)
    assert red == error_color(view.problem.palette())
