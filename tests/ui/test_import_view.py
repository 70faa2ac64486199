"""ImportView: the import dialog's widgets and their states, without a store or a plan."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from replydesk.ui.import_view import ImportView
from replydesk.ui.style import error_color


@pytest.fixture
def view(qtbot: QtBot) -> ImportView:
    shown = ImportView()
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_applying_freezes_the_choices_but_not_cancel(view: ImportView) -> None:
    view.keep_both_all.setEnabled(False)  # e.g. no conflicts: off before and after
    view.show_applying(True, "Importing…")
    for widget in (view.table, view.keep_mine_all, view.take_theirs_all, view.import_button):
        assert not widget.isEnabled()
    assert view.cancel_button.isEnabled()
    assert view.progress_bar.isVisible() and view.progress_label.text() == "Importing…"
    view.show_applying(False)
    assert view.table.isEnabled() and view.keep_mine_all.isEnabled()
    assert view.import_button.isEnabled()
    assert not view.keep_both_all.isEnabled()
    assert not view.progress_bar.isVisible() and not view.progress_label.isVisible()


def test_progress_shows_how_far(view: ImportView) -> None:
    view.show_applying(True)
    view.show_progress(500, 2000, "Importing")
    assert (view.progress_bar.value(), view.progress_bar.maximum()) == (500, 2000)
    assert view.progress_bar.text() == "Importing 25%"


def test_texts_are_shown_as_text_never_as_markup(view: ImportView) -> None:
    view.show_text("&Text of “<i>x</i>”:", "<b>note</b>", "<b>bold</b> <img src=x>", as_diff=False)
    assert view.diff.toPlainText() == "<b>bold</b> <img src=x>"
    for label in (view.diff_label, view.note, view.summary, view.outcome, view.problem):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert view.note.text() == "<b>note</b>"


def test_a_problem_is_in_the_problem_red_on_light_and_dark(view: ImportView) -> None:
    view.show_problem("Nothing was imported: disk full")
    assert view.problem.isVisible()
    palette = view.problem.palette()
    assert palette.color(QPalette.ColorRole.WindowText) == error_color(palette)
    light_red = palette.color(QPalette.ColorRole.WindowText)
    light_added = view.highlighter.format_for("added").foreground().color()

    dark = QPalette(QApplication.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    view.setPalette(dark)
    shown = view.problem.palette()
    assert shown.color(QPalette.ColorRole.WindowText) == error_color(shown) != light_red
    assert view.highlighter.format_for("added").foreground().color() != light_added
    view.show_problem("")
    assert not view.problem.isVisible()


def test_mnemonics_reach_the_table_and_the_diff(qtbot: QtBot, view: ImportView) -> None:
    view.import_button.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(view.table.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(view.diff.hasFocus)
