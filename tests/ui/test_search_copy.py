"""Type a search, press Ctrl+Enter: the reply of the best match, the top row, is copied.

Used like a person: another template that also matches is selected first, the search is
typed into the real search box, Ctrl+Enter goes to the focused widget, and the real
clipboard is read back. The copied text is compared with the list's first row rendered
for the current order, and must not be the reply of the template selected before.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from replydesk.core import library
from replydesk.core.catalog import Catalog
from replydesk.core.filling import filling_for
from replydesk.core.store import TemplateStore
from replydesk.ui.main_window import MainWindow
from replydesk.ui.palette import QuickPalette
from replydesk.ui.template_list import TemplateListModel

SIGNAL_TIMEOUT_MS = 10_000
"""Bound of every wait: generous, a wait ends as soon as its condition holds."""
SEARCH = "refund"
BEST = "Refund or free revision"  # en: the top row for SEARCH
ROMANIAN = "Ofertă de rambursare sau revizie"  # ro: also listed for SEARCH, lower down
OLD_CLIPBOARD = "nothing copied yet"
EN_GREETING = next(t for t in library.load_builtin() if (t.language, t.kind) == ("en", "greeting"))


def reply_of(store: TemplateStore, template_id: str) -> str:
    """The template's reply filled for the current order and the profile."""
    result = filling_for(store, template_id).result()
    assert result.text is not None, result.message
    return result.text


def top_id(model: TemplateListModel) -> str:
    assert model.rowCount() > 0
    return model.summary_at(0).id


def listed_ids(model: TemplateListModel) -> list[str]:
    return [summary.id for summary in model.summaries()]


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def ctrl_enter(qtbot: QtBot) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def clipboard() -> str:
    return QGuiApplication.clipboard().text()


# -- the window ----------------------------------------------------------------------------


def focus_search(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    window.templates.focus_search()
    qtbot.waitUntil(window.templates.search_box().hasFocus, timeout=SIGNAL_TIMEOUT_MS)


def pick(qtbot: QtBot, window: MainWindow, template_id: str) -> None:
    with qtbot.waitSignal(window.templates.currentTemplateChanged, timeout=SIGNAL_TIMEOUT_MS):
        assert window.templates.select(template_id)
    assert window.template_id == template_id


def test_ctrl_enter_after_typing_copies_the_best_match_not_the_old_selection(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore
) -> None:
    romanian = store_with_order.find_template(ROMANIAN).id
    pick(qtbot, window, romanian)
    focus_search(qtbot, window)
    QGuiApplication.clipboard().setText(OLD_CLIPBOARD)

    with qtbot.waitSignal(window.templates.currentTemplateChanged, timeout=SIGNAL_TIMEOUT_MS):
        qtbot.keyClicks(window.templates.search_box(), SEARCH)
    model = window.templates.model()
    best = top_id(model)
    assert model.summary_at(0).name == BEST
    assert romanian in listed_ids(model)[1:]  # it still matches, lower down
    assert window.templates.current_id() == best
    assert window.template_id == best  # the form and preview show the best match
    assert focused() is window.templates.search_box()

    with qtbot.waitSignal(window.copied, timeout=SIGNAL_TIMEOUT_MS) as copied:
        ctrl_enter(qtbot)
    assert copied.args == [best]
    expected = reply_of(store_with_order, best)
    assert clipboard() == expected
    assert clipboard() == window.preview.text()
    assert clipboard() != reply_of(store_with_order, romanian)
    assert "Anna" in clipboard()


def test_moving_down_then_typing_more_copies_the_new_best_match(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore
) -> None:
    romanian = store_with_order.find_template(ROMANIAN).id
    focus_search(qtbot, window)
    search = window.templates.search_box()
    qtbot.keyClicks(search, SEARCH[:-2])
    model = window.templates.model()
    while window.templates.current_id() != romanian:  # Down to the Romanian one
        assert romanian in listed_ids(model)[model.row_of(window.templates.current_id() or "") :]
        qtbot.keyClick(search, Qt.Key.Key_Down)
    assert window.template_id == romanian
    QGuiApplication.clipboard().setText(OLD_CLIPBOARD)

    qtbot.keyClicks(search, SEARCH[-2:])
    assert search.text() == SEARCH
    best = top_id(model)
    assert best != romanian and romanian in listed_ids(model)
    with qtbot.waitSignal(window.copied, timeout=SIGNAL_TIMEOUT_MS):
        ctrl_enter(qtbot)
    assert clipboard() == reply_of(store_with_order, best)


def test_esc_clears_the_search_and_ctrl_enter_copies_the_first_template(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore
) -> None:
    romanian = store_with_order.find_template(ROMANIAN).id
    # A favorite is listed first without a search; this one has all it needs from Anna.
    greeting = EN_GREETING.id
    store_with_order.set_favorite(greeting, True)
    window.templates.refresh()
    focus_search(qtbot, window)
    qtbot.keyClicks(window.templates.search_box(), SEARCH)
    assert greeting not in listed_ids(window.templates.model())
    pick(qtbot, window, romanian)
    window.templates.focus_search()
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert window.templates.search_box().text() == ""
    first = top_id(window.templates.model())
    assert first == greeting
    assert window.template_id == first
    QGuiApplication.clipboard().setText(OLD_CLIPBOARD)
    with qtbot.waitSignal(window.copied, timeout=SIGNAL_TIMEOUT_MS):
        ctrl_enter(qtbot)
    assert clipboard() == reply_of(store_with_order, first)


def test_a_refresh_that_is_not_typing_keeps_the_selection_and_its_copy(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore
) -> None:
    """The library changing elsewhere (a use counted, a favorite set in another window)
    or a filter changed: the template the user picked stays picked."""
    romanian = store_with_order.find_template(ROMANIAN).id
    focus_search(qtbot, window)
    qtbot.keyClicks(window.templates.search_box(), SEARCH)
    pick(qtbot, window, romanian)
    model = window.templates.model()
    store_with_order.set_favorite(listed_ids(model)[-1], True)

    with qtbot.assertNotEmitted(window.templates.currentTemplateChanged):
        window.templates.refresh()
    assert top_id(model) != romanian
    assert window.templates.current_id() == romanian

    kinds = next(
        combo
        for combo in window.templates.findChildren(QComboBox)
        if combo.accessibleName() == "Filter by kind"
    )
    with qtbot.assertNotEmitted(window.templates.currentTemplateChanged):
        kinds.setCurrentIndex(kinds.findData("refund_offer"))
    assert top_id(model) != romanian
    assert window.templates.current_id() == romanian
    assert window.template_id == romanian

    window.templates.focus_search()
    QGuiApplication.clipboard().setText(OLD_CLIPBOARD)
    with qtbot.waitSignal(window.copied, timeout=SIGNAL_TIMEOUT_MS) as copied:
        ctrl_enter(qtbot)
    assert copied.args == [romanian]
    assert clipboard() == reply_of(store_with_order, romanian)


# -- the palette ---------------------------------------------------------------------------


@pytest.fixture
def palette(qtbot: QtBot, store_with_order: TemplateStore) -> Iterator[QuickPalette]:
    catalog = Catalog(store_with_order.path)
    shown = QuickPalette(store_with_order, catalog)
    qtbot.addWidget(shown)
    shown.open_palette()
    qtbot.waitExposed(shown)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is shown.search, timeout=SIGNAL_TIMEOUT_MS)
    yield shown
    shown.hide()
    catalog.close()


@pytest.mark.parametrize(
    "modifier",
    [Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.NoModifier],
    ids=["ctrl+enter", "enter"],
)
def test_the_palette_copies_the_best_match_of_what_is_typed(
    qtbot: QtBot,
    palette: QuickPalette,
    store_with_order: TemplateStore,
    modifier: Qt.KeyboardModifier,
) -> None:
    romanian = store_with_order.find_template(ROMANIAN).id
    qtbot.keyClicks(palette.search, SEARCH[:-2])
    while palette.current_template_id() != romanian:  # Down to the Romanian one
        row = palette.model.row_of(palette.current_template_id() or "")
        assert romanian in listed_ids(palette.model)[row:]
        qtbot.keyClick(palette.search, Qt.Key.Key_Down)
    QGuiApplication.clipboard().setText(OLD_CLIPBOARD)

    qtbot.keyClicks(palette.search, SEARCH[-2:])
    best = top_id(palette.model)
    assert palette.model.summary_at(0).name == BEST
    assert romanian in listed_ids(palette.model)[1:]
    assert palette.current_template_id() == best

    with qtbot.waitSignal(palette.copied, timeout=SIGNAL_TIMEOUT_MS) as copied:
        qtbot.keyClick(focused(), Qt.Key.Key_Return, modifier)
    assert copied.args[:2] == [best, BEST]
    assert clipboard() == reply_of(store_with_order, best)
    assert clipboard() == copied.args[2]
    assert clipboard() != reply_of(store_with_order, romanian)
