"""The template list: its model, its rows, and the panel a person searches and picks in."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QListView, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from replydesk.core import library
from replydesk.core.catalog import Catalog, TemplateSummary
from replydesk.core.store import TemplateStore
from replydesk.ui.labels import kind_label, language_label
from replydesk.ui.template_list import (
    STAR_COLOUR,
    TemplateItemDelegate,
    TemplateListModel,
    TemplateListPanel,
)

LIBRARY_SIZE = len(library.KINDS) * len(library.LANGUAGES)


def summary(
    id_: str, name: str, *, favorite: bool = False, tags: list[str] | None = None
) -> TemplateSummary:
    return TemplateSummary(
        id_, name, "refund_offer", "ro", ["refund"] if tags is None else tags, favorite, 3
    )


SUMMARIES = [
    summary("a", "Alpha", favorite=True),
    summary("b", "Beta", tags=[]),
    summary("c", "Gamma", tags=["x", "y"]),
]


# -- the model -----------------------------------------------------------------------------


def test_the_model_passes_the_model_tester(qtmodeltester, qapp: QApplication) -> None:
    model = TemplateListModel(SUMMARIES)
    qtmodeltester.check(model)
    model.set_summaries(SUMMARIES[1:])
    model.set_summaries([])
    model.set_summaries(SUMMARIES)
    qtmodeltester.check(model)


def test_the_model_answers_every_role(qapp: QApplication) -> None:
    model = TemplateListModel(SUMMARIES)
    alpha, beta = model.index(0, 0), model.index(1, 0)
    assert model.rowCount() == 3
    assert alpha.data(Qt.ItemDataRole.DisplayRole) == "Alpha"
    assert alpha.data(TemplateListModel.IdRole) == "a"
    assert alpha.data(TemplateListModel.KindRole) == "refund_offer"
    assert alpha.data(TemplateListModel.LanguageRole) == "ro"
    assert alpha.data(TemplateListModel.TagsRole) == ["refund"]
    assert alpha.data(TemplateListModel.FavoriteRole) is True
    assert beta.data(TemplateListModel.FavoriteRole) is False
    assert alpha.data(TemplateListModel.UseCountRole) == 3
    tip = alpha.data(Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines() == ["Alpha", "Refund offer · Română", "Tags: refund"]
    assert beta.data(Qt.ItemDataRole.ToolTipRole).splitlines() == ["Beta", "Refund offer · Română"]
    star = alpha.data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(star, QIcon) and not star.isNull()
    assert beta.data(Qt.ItemDataRole.DecorationRole) is None
    assert model.data(QModelIndex()) is None


def test_the_custom_roles_are_distinct_user_roles() -> None:
    roles = [
        TemplateListModel.IdRole,
        TemplateListModel.KindRole,
        TemplateListModel.LanguageRole,
        TemplateListModel.TagsRole,
        TemplateListModel.FavoriteRole,
        TemplateListModel.UseCountRole,
    ]
    assert len(set(roles)) == len(roles)
    assert all(role > Qt.ItemDataRole.UserRole for role in roles)


def test_rows_are_found_by_id(qapp: QApplication) -> None:
    model = TemplateListModel(SUMMARIES)
    assert [model.row_of(i) for i in ("a", "b", "c", "zzz")] == [0, 1, 2, -1]
    assert model.summary_at(2) == SUMMARIES[2]
    model.set_summaries(list(reversed(SUMMARIES)))
    assert model.row_of("a") == 2
    with pytest.raises(IndexError):
        model.summary_at(3)


def test_the_same_list_again_does_not_reset_the_view(qtbot: QtBot) -> None:
    model = TemplateListModel(SUMMARIES)
    with qtbot.assertNotEmitted(model.modelReset):
        model.set_summaries(list(SUMMARIES))
    changed = [*SUMMARIES[:2], SUMMARIES[2]._replace(favorite=True)]
    with qtbot.waitSignal(model.modelReset, timeout=10_000):
        model.set_summaries(changed)
    assert model.index(2, 0).data(TemplateListModel.FavoriteRole) is True


# -- the rows ------------------------------------------------------------------------------


def test_every_row_is_two_lines_tall_and_the_same_height(qtbot: QtBot) -> None:
    view = QListView()
    qtbot.addWidget(view)
    model = TemplateListModel(SUMMARIES)
    delegate = TemplateItemDelegate(view)
    view.setModel(model)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    heights = {delegate.sizeHint(option, model.index(row, 0)).height() for row in range(3)}
    assert len(heights) == 1
    assert heights.pop() >= 2 * view.fontMetrics().height()


def grab_rows(qtbot: QtBot, summaries: list[TemplateSummary], select_row: int = -1) -> QListView:
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(TemplateListModel(summaries, view))
    view.setItemDelegate(TemplateItemDelegate(view))
    view.setUniformItemSizes(True)
    view.resize(320, 200)
    if select_row >= 0:
        view.setCurrentIndex(view.model().index(select_row, 0))
    view.show()
    qtbot.waitExposed(view)
    return view


def pixels_in_row(view: QListView, row: int, wanted: Callable[[QColor], bool]) -> int:
    image = view.viewport().grab().toImage()
    rect = view.visualRect(view.model().index(row, 0))
    return sum(
        1
        for y in range(rect.top(), rect.bottom())
        for x in range(rect.left(), rect.right())
        if wanted(image.pixelColor(x, y))
    )


def test_a_favorite_row_shows_a_star(qtbot: QtBot) -> None:
    view = grab_rows(qtbot, SUMMARIES)

    def is_star(colour: QColor) -> bool:
        return abs(colour.red() - STAR_COLOUR.red()) + abs(colour.blue() - STAR_COLOUR.blue()) < 30

    assert pixels_in_row(view, 0, is_star) > 20
    assert pixels_in_row(view, 1, is_star) == 0


def test_a_row_draws_its_name_and_details(qtbot: QtBot) -> None:
    empty_name = grab_rows(qtbot, [summary("z", "", tags=[])])
    named = grab_rows(qtbot, [summary("z", "A long enough template name", tags=[])])

    def is_ink(colour: QColor) -> bool:
        return colour.lightness() < 160

    assert pixels_in_row(named, 0, is_ink) > pixels_in_row(empty_name, 0, is_ink) + 50


# -- the panel -----------------------------------------------------------------------------


@pytest.fixture
def panel(qtbot: QtBot, library_store: TemplateStore, catalog: Catalog) -> TemplateListPanel:
    widget = TemplateListPanel(catalog)
    qtbot.addWidget(widget)
    widget.resize(320, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def listed_ids(panel: TemplateListPanel) -> list[str]:
    return [summary.id for summary in panel.model().summaries()]


def count_text(panel: TemplateListPanel) -> str:
    label = panel.findChild(QLabel, "templateCount")
    assert label is not None
    return label.text()


def empty_state(panel: TemplateListPanel) -> QLabel:
    label = panel.findChild(QLabel, "emptyState")
    assert label is not None
    return label


def combo(panel: TemplateListPanel, accessible_name: str) -> QComboBox:
    for widget in panel.findChildren(QComboBox):
        if widget.accessibleName() == accessible_name:
            return widget
    raise AssertionError(f"no combo box named {accessible_name!r}")


def test_the_panel_starts_with_the_whole_library(
    panel: TemplateListPanel, library_store: TemplateStore
) -> None:
    assert panel.model().rowCount() == LIBRARY_SIZE
    assert listed_ids(panel) == [s.id for s in library_store.list_templates()]
    assert count_text(panel) == f"{LIBRARY_SIZE} templates"
    assert panel.current_id() == listed_ids(panel)[0]
    assert not empty_state(panel).isVisible()
    search = panel.search_box()
    assert search.placeholderText() == "Search templates  (Ctrl+F)"
    assert search.accessibleName() == "Search templates"
    assert search.isClearButtonEnabled()
    assert panel.list_view().accessibleName() == "Templates"
    assert panel.list_view().uniformItemSizes()


def test_typing_narrows_the_list_as_you_type(
    panel: TemplateListPanel, library_store: TemplateStore, qtbot: QtBot
) -> None:
    panel.focus_search()
    qtbot.keyClicks(panel.search_box(), "refund")
    expected = library_store.list_templates(search="refund")
    assert 0 < len(expected) < LIBRARY_SIZE
    assert listed_ids(panel) == [s.id for s in expected]
    names = [s.name for s in panel.model().summaries()]
    assert names[0] == "Refund or free revision"
    refund_offers = [s.id for s in library_store.list_templates(kind="refund_offer")]
    assert set(refund_offers) <= set(listed_ids(panel))
    assert count_text(panel) == f"{len(expected)} templates"
    assert panel.current_id() == expected[0].id


def test_the_kind_and_language_filters_narrow_the_list(panel: TemplateListPanel) -> None:
    kinds = combo(panel, "Filter by kind")
    languages = combo(panel, "Filter by language")
    assert kinds.itemText(0) == "All kinds"
    assert languages.itemText(0) == "All languages"
    assert kinds.findText("Scope clarification") > 0
    assert languages.findText("Русский") > 0

    kinds.setCurrentIndex(kinds.findText("Refund offer"))
    assert {s.kind for s in panel.model().summaries()} == {"refund_offer"}
    assert count_text(panel) == "5 templates"

    languages.setCurrentIndex(languages.findText("Русский"))
    assert [s.name for s in panel.model().summaries()] == [
        "Возврат средств или бесплатная доработка"
    ]
    assert count_text(panel) == "1 template"

    kinds.setCurrentIndex(0)
    assert {s.language for s in panel.model().summaries()} == {"ru"}
    assert panel.model().rowCount() == len(library.KINDS)


def test_arrow_keys_in_the_search_box_move_the_list(panel: TemplateListPanel, qtbot: QtBot) -> None:
    panel.activateWindow()
    panel.focus_search()
    qtbot.waitUntil(panel.search_box().hasFocus)
    ids = listed_ids(panel)
    with qtbot.waitSignal(panel.currentTemplateChanged, timeout=10_000) as moved:
        qtbot.keyClick(panel.search_box(), Qt.Key.Key_Down)
    assert moved.args == [ids[1]]
    assert panel.current_id() == ids[1]
    assert panel.search_box().hasFocus()

    qtbot.keyClick(panel.search_box(), Qt.Key.Key_Up)
    qtbot.keyClick(panel.search_box(), Qt.Key.Key_Up)
    assert panel.current_id() == ids[0]

    qtbot.keyClick(panel.search_box(), Qt.Key.Key_PageDown)
    paged = listed_ids(panel).index(panel.current_id() or "")
    assert paged > 5
    qtbot.keyClick(panel.search_box(), Qt.Key.Key_PageUp)
    assert panel.current_id() == ids[0]
    assert panel.search_box().hasFocus()


def test_enter_in_the_search_box_activates_the_current_template(
    panel: TemplateListPanel, qtbot: QtBot
) -> None:
    qtbot.keyClicks(panel.search_box(), "refund")
    qtbot.keyClick(panel.search_box(), Qt.Key.Key_Down)
    with qtbot.waitSignal(panel.activated, timeout=10_000) as activated:
        qtbot.keyClick(panel.search_box(), Qt.Key.Key_Return)
    assert activated.args == [listed_ids(panel)[1]]


def test_a_search_without_matches_shows_the_empty_state(
    panel: TemplateListPanel, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(
        panel.currentTemplateChanged, timeout=10_000, check_params_cb=lambda value: value == ""
    ):
        qtbot.keyClicks(panel.search_box(), "qqzzx")
    assert panel.model().rowCount() == 0
    assert panel.current_id() is None
    assert empty_state(panel).isVisible()
    assert empty_state(panel).text() == "No template matches “qqzzx”."
    assert count_text(panel) == "0 templates"

    qtbot.keyClick(panel.search_box(), Qt.Key.Key_Escape)
    assert panel.search_box().text() == ""
    assert panel.model().rowCount() == LIBRARY_SIZE
    assert not empty_state(panel).isVisible()


ROMANIAN_REFUND = "Ofertă de rambursare sau revizie"  # listed for "refund", below the English


def emitted(panel: TemplateListPanel) -> list[str]:
    """Every `currentTemplateChanged` of `panel` from now on, in order."""
    seen: list[str] = []
    panel.currentTemplateChanged.connect(seen.append)
    return seen


def test_typing_selects_the_best_match_even_when_the_selection_still_matches(
    panel: TemplateListPanel, qtbot: QtBot, library_store: TemplateStore
) -> None:
    romanian = library_store.find_template(ROMANIAN_REFUND).id
    qtbot.keyClicks(panel.search_box(), "refun")
    assert panel.select(romanian)
    seen = emitted(panel)
    qtbot.keyClick(panel.search_box(), Qt.Key.Key_D)
    assert panel.search_box().text() == "refund"
    assert romanian in listed_ids(panel)[1:]  # still listed, not on top
    top = listed_ids(panel)[0]
    assert panel.model().summary_at(0).name == "Refund or free revision"
    assert panel.current_id() == top
    assert panel.list_view().selectionModel().isSelected(panel.model().index(0, 0))
    assert seen == [top]  # once, with the best match


def test_every_keystroke_that_changes_the_best_match_selects_it_once(
    panel: TemplateListPanel, qtbot: QtBot
) -> None:
    panel.select(listed_ids(panel)[5])
    seen = emitted(panel)
    tops: list[str] = []
    for letter in "refund":
        qtbot.keyClicks(panel.search_box(), letter)
        tops.append(listed_ids(panel)[0])
        assert panel.current_id() == tops[-1]
    changes = [top for i, top in enumerate(tops) if i == 0 or top != tops[i - 1]]
    assert seen == changes


def test_a_search_typed_after_moving_down_starts_again_at_the_top(
    panel: TemplateListPanel, qtbot: QtBot
) -> None:
    qtbot.keyClicks(panel.search_box(), "re")
    qtbot.keyClick(panel.search_box(), Qt.Key.Key_Down)
    qtbot.keyClick(panel.search_box(), Qt.Key.Key_Down)
    assert panel.current_id() == listed_ids(panel)[2]
    qtbot.keyClick(panel.search_box(), Qt.Key.Key_Backspace)
    assert panel.current_id() == listed_ids(panel)[0]


def test_clearing_the_search_selects_the_first_row(
    panel: TemplateListPanel, qtbot: QtBot, library_store: TemplateStore
) -> None:
    romanian = library_store.find_template(ROMANIAN_REFUND).id
    qtbot.keyClicks(panel.search_box(), "refund")
    assert panel.select(romanian)
    with qtbot.waitSignal(panel.currentTemplateChanged, timeout=10_000) as changed:
        qtbot.keyClick(panel.search_box(), Qt.Key.Key_Escape)
    assert panel.search_box().text() == ""
    assert changed.args == [listed_ids(panel)[0]]
    assert panel.current_id() == listed_ids(panel)[0]

    qtbot.keyClicks(panel.search_box(), "refund")
    assert panel.select(romanian)
    for _ in "refund":
        qtbot.keyClick(panel.search_box(), Qt.Key.Key_Backspace)
    assert panel.search_box().text() == ""
    assert panel.current_id() == listed_ids(panel)[0]


def test_a_refresh_keeps_the_selection_while_its_template_is_listed(
    panel: TemplateListPanel, qtbot: QtBot, library_store: TemplateStore
) -> None:
    romanian = library_store.find_template(ROMANIAN_REFUND).id
    qtbot.keyClicks(panel.search_box(), "refund")
    assert panel.select(romanian)
    library_store.set_favorite(listed_ids(panel)[-1], True)  # the order changes
    with qtbot.assertNotEmitted(panel.currentTemplateChanged):
        panel.refresh()
    assert listed_ids(panel)[0] != romanian
    assert panel.current_id() == romanian
    row = panel.model().row_of(romanian)
    assert panel.list_view().selectionModel().isSelected(panel.model().index(row, 0))


def test_a_filter_change_keeps_the_selection_while_its_template_is_listed(
    panel: TemplateListPanel, qtbot: QtBot, library_store: TemplateStore
) -> None:
    romanian = library_store.find_template(ROMANIAN_REFUND).id
    qtbot.keyClicks(panel.search_box(), "refund")
    assert panel.select(romanian)
    kinds = combo(panel, "Filter by kind")
    with qtbot.assertNotEmitted(panel.currentTemplateChanged):
        kinds.setCurrentIndex(kinds.findText(kind_label("refund_offer")))
    assert panel.current_id() == romanian
    languages = combo(panel, "Filter by language")
    with qtbot.waitSignal(panel.currentTemplateChanged, timeout=10_000) as changed:
        languages.setCurrentIndex(languages.findText(language_label("sk")))
    assert changed.args == [listed_ids(panel)[0]]  # hidden by the filter: the first row


def test_select_after_a_refresh_moves_the_selection_and_says_so(
    panel: TemplateListPanel, qtbot: QtBot, library_store: TemplateStore
) -> None:
    """As the window does after a save: refresh, then select the saved template."""
    romanian = library_store.find_template(ROMANIAN_REFUND).id
    qtbot.keyClicks(panel.search_box(), "refund")
    panel.refresh()
    with qtbot.waitSignal(panel.currentTemplateChanged, timeout=10_000) as changed:
        assert panel.select(romanian)
    assert changed.args == [romanian]
    assert panel.current_id() == romanian


def test_select_says_whether_the_template_is_listed(panel: TemplateListPanel, qtbot: QtBot) -> None:
    last = listed_ids(panel)[-1]
    with qtbot.waitSignal(panel.currentTemplateChanged, timeout=10_000) as changed:
        assert panel.select(last)
    assert changed.args == [last]
    assert panel.select("no-such-id") is False
    assert panel.current_id() == last


def test_refresh_shows_store_changes_with_favorites_first(
    panel: TemplateListPanel, library_store: TemplateStore
) -> None:
    chosen = listed_ids(panel)[3]
    panel.select(chosen)
    last = listed_ids(panel)[-1]
    library_store.set_favorite(last, True)
    assert listed_ids(panel)[-1] == last  # nothing moves until the panel is told
    panel.refresh()
    assert listed_ids(panel)[0] == last
    assert panel.model().summary_at(0).favorite
    assert panel.current_id() == chosen


def test_a_deleted_current_template_gives_way_to_the_first_row(
    panel: TemplateListPanel, library_store: TemplateStore, qtbot: QtBot
) -> None:
    current = panel.current_id()
    assert current is not None
    library_store.delete_template(current)
    with qtbot.waitSignal(panel.currentTemplateChanged, timeout=10_000) as changed:
        panel.refresh()
    assert changed.args == [listed_ids(panel)[0]]
    assert current not in listed_ids(panel)
    assert panel.model().rowCount() == LIBRARY_SIZE - 1


def test_reload_filters_follows_the_store_and_keeps_the_choice(
    panel: TemplateListPanel, library_store: TemplateStore
) -> None:
    kinds = combo(panel, "Filter by kind")
    languages = combo(panel, "Filter by language")
    languages.setCurrentIndex(languages.findText("Magyar"))
    for hungarian in library_store.list_templates(language="hu"):
        library_store.delete_template(hungarian.id)
    for refund in library_store.list_templates(kind="refund_offer"):
        library_store.delete_template(refund.id)
    panel.reload_filters()
    assert kinds.findText(kind_label("refund_offer")) == -1  # no template of that kind left
    assert languages.currentText() == language_label("hu")  # the choice stays
    panel.refresh()
    assert panel.model().rowCount() == 0
    assert empty_state(panel).text() == "No templates in this language."


def test_the_panel_is_narrow_enough_for_a_side_bar(panel: TemplateListPanel) -> None:
    assert panel.minimumSizeHint().width() <= 320
    assert not panel.list_view().horizontalScrollBar().isVisible()
    hint = panel.list_view().sizeHintForIndex(panel.model().index(0, 0))
    assert hint.height() == panel.list_view().sizeHintForIndex(panel.model().index(9, 0)).height()
    assert hint != QSize()


def test_the_search_icon_follows_a_palette_change(panel: TemplateListPanel, qtbot: QtBot) -> None:
    action = panel.search_box().actions()[0]

    def icon_colours() -> set[str]:
        image = action.icon().pixmap(48).toImage()
        return {
            image.pixelColor(x, y).name()
            for y in range(image.height())
            for x in range(image.width())
            if image.pixelColor(x, y).alpha() == 255
        }

    original = QPalette(QApplication.palette())
    changed = QPalette(original)
    changed.setColor(QPalette.ColorRole.WindowText, QColor("#ff0000"))
    QApplication.setPalette(changed)
    try:
        qtbot.waitUntil(lambda: icon_colours() == {"#ff0000"}, timeout=10_000)
    finally:
        QApplication.setPalette(original)
