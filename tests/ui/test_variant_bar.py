"""The variant bar: a reply's languages, the filled one checked, a click asks for another."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from replydesk.core.catalog import TemplateSummary
from replydesk.core.variants import choose
from replydesk.ui.variant_bar import VariantBar


def summary(id_: str, language: str) -> TemplateSummary:
    return TemplateSummary(id_, f"Hello {language}", "greeting", language, [], False, 0, "hello")


GREETING = [summary("g-en", "en"), summary("g-ru", "ru"), summary("g-ro", "ro")]


def make_bar(qtbot: QtBot) -> VariantBar:
    bar = VariantBar()
    qtbot.addWidget(bar)
    bar.show()
    qtbot.waitExposed(bar)
    return bar


def buttons(bar: VariantBar) -> list[QToolButton]:
    return [b for b in bar.findChildren(QToolButton) if not b.isHidden()]


def test_each_language_has_a_button_and_a_click_asks_for_that_variant(qtbot: QtBot) -> None:
    bar = make_bar(qtbot)
    bar.show_variants(GREETING, choose(GREETING, ("ru", "en")))
    assert bar.isVisible() and not bar.note.isVisible()
    assert [(b.text(), b.isChecked()) for b in buttons(bar)] == [
        ("English", False),
        ("Русский", True),
        ("Română", False),
    ]
    with qtbot.waitSignal(bar.variantChosen) as asked:
        qtbot.mouseClick(buttons(bar)[2], Qt.MouseButton.LeftButton)
    assert asked.args == ["g-ro"]
    with qtbot.assertNotEmitted(bar.variantChosen):
        qtbot.mouseClick(buttons(bar)[1], Qt.MouseButton.LeftButton)  # the filled one


def test_a_missing_language_says_which_variant_stands_in(qtbot: QtBot) -> None:
    bar = make_bar(qtbot)
    bar.show_variants(GREETING, choose(GREETING, ("hu", "en")))
    assert bar.note.isVisible()
    assert bar.note.text() == "No variant in Magyar: the English one is filled"
    assert bar.chosen_id() == "g-en"


def test_a_reply_with_one_variant_in_the_clients_language_needs_no_bar(qtbot: QtBot) -> None:
    bar = make_bar(qtbot)
    alone = [summary("a-sk", "sk")]
    bar.show_variants(alone, choose(alone, ("sk",)))
    assert not bar.isVisible()
    bar.show_variants(alone, choose(alone, ("ro",)))  # but it says when it stands in
    assert bar.isVisible() and bar.note.isVisible()
    bar.show_variants([], None)
    assert not bar.isVisible() and buttons(bar) == []
