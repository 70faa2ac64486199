"""The template list: search box, kind and language filters, and the list itself."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from replydesk.core import display, variants
from replydesk.core.catalog import Catalog, TemplateSummary
from replydesk.core.errors import ReplydeskError
from replydesk.core.i18n import LANGUAGES, _, ngettext
from replydesk.ui.icons import icon
from replydesk.ui.labels import ElidedComboBox, kind_label, language_label

_ModelIndex = QModelIndex | QPersistentModelIndex

# A favorite's star: a warm yellow that reads on light and dark backgrounds alike.
STAR_COLOUR = QColor("#e5a50a")


def summary_details(summary: TemplateSummary) -> str:
    """The second line of a list item: "Kind · Language · tag1, tag2"."""
    parts = [kind_label(summary.kind), language_label(summary.language)]
    if summary.tags:
        parts.append(", ".join(summary.tags))
    return display.one_line(" · ".join(parts), NAME_LIMIT)


NAME_LIMIT = 300
"""A name (or details line) in the list at most, in characters; the delegate elides it to
the width anyway, this only keeps Qt from measuring megabytes."""


def _language_order(summary: TemplateSummary) -> tuple[int, str]:
    """The app's languages in their order (en, ru, ro, sk, hu), then the rest by code."""
    order = list(LANGUAGES)
    code = summary.language
    return (order.index(code) if code in order else len(order), code)


# The language filter's key for "My languages": no language code looks like it.
_MY_LANGUAGES = "\x00mine"


class TemplateListModel(QAbstractListModel):
    """Template summaries as a list model; data() is computed lazily per visible row."""

    IdRole = Qt.ItemDataRole.UserRole + 1
    KindRole = Qt.ItemDataRole.UserRole + 2
    LanguageRole = Qt.ItemDataRole.UserRole + 3
    TagsRole = Qt.ItemDataRole.UserRole + 4
    FavoriteRole = Qt.ItemDataRole.UserRole + 5
    UseCountRole = Qt.ItemDataRole.UserRole + 6

    def __init__(
        self, summaries: Sequence[TemplateSummary] = (), parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._summaries: list[TemplateSummary] = list(summaries)
        self._rows: dict[str, int] = {s.id: row for row, s in enumerate(self._summaries)}

    # -- the list ----------------------------------------------------------------------

    def set_summaries(self, summaries: Sequence[TemplateSummary]) -> None:
        """Show these summaries; nothing happens (no reset) when they are what is shown."""
        new = list(summaries)
        if new == self._summaries:
            return
        self.beginResetModel()
        self._summaries = new
        self._rows = {s.id: row for row, s in enumerate(new)}
        self.endResetModel()

    def summaries(self) -> list[TemplateSummary]:
        return list(self._summaries)

    def summary_at(self, row: int) -> TemplateSummary:
        """The summary in `row`; IndexError outside the list."""
        if not 0 <= row < len(self._summaries):
            raise IndexError(f"no row {row} in a list of {len(self._summaries)}")
        return self._summaries[row]

    def row_of(self, template_id: str) -> int:
        """The row showing `template_id`, or -1 when it is not listed."""
        return self._rows.get(template_id, -1)

    # -- QAbstractListModel ------------------------------------------------------------

    def rowCount(self, parent: _ModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._summaries)

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._summaries):
            return None
        summary = self._summaries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            # Other people's names: a bidi override or a zero-width space shown as an
            # escape (core.display), never rendered.
            return display.one_line(summary.name, NAME_LIMIT)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{summary.name}\n{kind_label(summary.kind)} · {language_label(summary.language)}"
            if summary.tags:
                tip += "\n" + _("Tags: {tags}").format(tags=", ".join(summary.tags))
            return display.tooltip(tip)
        if role == Qt.ItemDataRole.DecorationRole:
            return icon("star-filled") if summary.favorite else None
        if role == self.IdRole:
            return summary.id
        if role == self.KindRole:
            return summary.kind
        if role == self.LanguageRole:
            return summary.language
        if role == self.TagsRole:
            return list(summary.tags)
        if role == self.FavoriteRole:
            return summary.favorite
        if role == self.UseCountRole:
            return summary.use_count
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        for role, name in (
            (self.IdRole, b"templateId"),
            (self.KindRole, b"kind"),
            (self.LanguageRole, b"language"),
            (self.TagsRole, b"tags"),
            (self.FavoriteRole, b"favorite"),
            (self.UseCountRole, b"useCount"),
        ):
            names[role] = QByteArray(name)
        return names


class TemplateItemDelegate(QStyledItemDelegate):
    """Two lines per template: the name (bold, with a star, for favorites) and, dimmer,
    "Kind · Language · tags". Every row has the same height for a given font, so views
    can use uniformItemSizes."""

    PADDING_X = 8
    PADDING_Y = 5
    LINE_GAP = 1
    STAR_GAP = 5

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._heights: dict[str, int] = {}

    @staticmethod
    def _fonts(base: QFont) -> tuple[QFont, QFont, QFont]:
        """Fonts of a normal name, a favorite's name and the details line."""
        bold = QFont(base)
        bold.setBold(True)
        small = QFont(base)
        if base.pointSizeF() > 0:
            small.setPointSizeF(max(base.pointSizeF() * 0.9, 7.0))
        elif base.pixelSize() > 0:
            small.setPixelSize(max(round(base.pixelSize() * 0.9), 9))
        return base, bold, small

    def row_height(self, font: QFont) -> int:
        """The height of every row drawn with `font`."""
        key = font.key()
        height = self._heights.get(key)
        if height is None:
            _, bold, small = self._fonts(font)
            name_height = max(QFontMetrics(font).height(), QFontMetrics(bold).height())
            height = 2 * self.PADDING_Y + name_height + self.LINE_GAP + QFontMetrics(small).height()
            self._heights[key] = height
        return height

    def sizeHint(self, option: QStyleOptionViewItem, index: _ModelIndex) -> QSize:
        # The width is a minimum only: list views stretch rows to the viewport's width.
        return QSize(120, self.row_height(option.font))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _ModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget: QWidget | None = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        name: str = opt.text
        state: QStyle.StateFlag = opt.state
        palette: QPalette = opt.palette
        rect: QRect = opt.rect
        base_font: QFont = opt.font

        # The style draws the background, the selection and the focus frame; text is ours.
        opt.text = ""
        opt.icon = QIcon()  # an icon is drawn even without HasDecoration (into an empty rect)
        opt.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDecoration
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        model = index.model()
        favorite = bool(index.data(TemplateListModel.FavoriteRole))
        details = ""
        if isinstance(model, TemplateListModel):
            details = summary_details(model.summary_at(index.row()))

        selected = bool(state & QStyle.StateFlag.State_Selected)
        if not state & QStyle.StateFlag.State_Enabled:
            group = QPalette.ColorGroup.Disabled
        elif state & QStyle.StateFlag.State_Active:
            group = QPalette.ColorGroup.Active
        else:
            group = QPalette.ColorGroup.Inactive
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        back_role = QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base
        text_colour = palette.color(group, text_role)
        dim_colour = _mix(text_colour, palette.color(group, back_role), 0.62)

        font, bold, small = self._fonts(base_font)
        name_font = bold if favorite else font
        name_metrics = QFontMetrics(name_font)
        small_metrics = QFontMetrics(small)
        line_height = max(QFontMetrics(font).height(), QFontMetrics(bold).height())
        area = rect.adjusted(self.PADDING_X, self.PADDING_Y, -self.PADDING_X, -self.PADDING_Y)

        painter.save()
        x = area.left()
        if favorite:
            side = min(16, line_height)
            star = icon("star-filled", text_colour if selected else STAR_COLOUR)
            top = area.top() + (line_height - side) // 2
            star.paint(painter, QRect(x, top, side, side))
            x += side + self.STAR_GAP
        painter.setFont(name_font)
        painter.setPen(text_colour)
        name_rect = QRect(x, area.top(), max(0, area.right() - x + 1), line_height)
        painter.drawText(
            name_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            name_metrics.elidedText(name, Qt.TextElideMode.ElideRight, name_rect.width()),
        )
        painter.setFont(small)
        painter.setPen(dim_colour)
        details_rect = QRect(
            area.left(),
            area.top() + line_height + self.LINE_GAP,
            area.width(),
            small_metrics.height(),
        )
        painter.drawText(
            details_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            small_metrics.elidedText(details, Qt.TextElideMode.ElideRight, details_rect.width()),
        )
        painter.restore()


def _mix(front: QColor, back: QColor, amount: float) -> QColor:
    """`front` blended `amount` of the way over `back` (1.0 is `front` itself)."""
    return QColor(
        round(front.red() * amount + back.red() * (1 - amount)),
        round(front.green() * amount + back.green() * (1 - amount)),
        round(front.blue() * amount + back.blue() * (1 - amount)),
    )


class EmptyStateLabel(QLabel):
    """A message drawn over an item view's empty area ("No template matches …").

    It sits on the view's viewport, so the list keeps its frame and its place in the
    focus chain; mouse clicks go through to the view.
    """

    def __init__(self, view: QAbstractItemView, text: str = "") -> None:
        viewport = view.viewport()
        super().__init__(text, viewport)
        self.setObjectName("emptyState")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._fit(viewport)
        viewport.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self._fit(watched)
        return False

    def _fit(self, viewport: QWidget) -> None:
        self.setGeometry(viewport.rect().adjusted(16, 28, -16, -16))


class TemplateListPanel(QWidget):
    """The left side of the window: search as you type, filter by kind and language, pick.

    Keys pressed in the search box move the list (Up, Down, PageUp, PageDown) while the
    focus stays in the box; Enter there, or Enter / double-click in the list, is
    `activated`.

    Typing in the search box (or clearing it) selects the first row, the best match, so
    what is copied next is the template listed on top. Other refreshes (`refresh()`, a
    filter changed) keep the selected template while it is still listed. The list is
    searched synchronously on every change of the text: there is never a search waiting
    to be applied, and the current template is the best match of what the box shows.
    """

    currentTemplateChanged = Signal(str)  # the id, or "" when nothing is selected
    activated = Signal(str)

    _MOVE_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._last_emitted = ""
        self._updating = False
        # The client's language (each reply is listed in it when it can be) and the user's
        # (shown as "My languages" when set).
        self._languages = variants.ReplyLanguages()
        self._picked: set[str] = set()  # variants switched to for this order (ids)

        self._search = QLineEdit(self)
        self._search.setPlaceholderText(_("Search templates  (Ctrl+F)"))
        self._search.setClearButtonEnabled(True)
        self._search.setAccessibleName(_("Search templates"))
        self._search.setToolTip(
            _("Every word must match the start of a word in the name, tags or text")
        )
        self._search_action = self._search.addAction(
            icon("search"), QLineEdit.ActionPosition.LeadingPosition
        )
        self._search.installEventFilter(self)

        self._kind_combo = self._filter_combo(
            _("Filter by kind"), _("Show only templates of one kind"), _("All kinds")
        )
        self._language_combo = self._filter_combo(
            _("Filter by language"), _("Show only templates in one language"), _("All languages")
        )
        self.reload_filters()

        self._model = TemplateListModel(parent=self)
        self._delegate = TemplateItemDelegate(self)
        self._view = QListView(self)
        self._view.setModel(self._model)
        self._view.setItemDelegate(self._delegate)
        self._view.setUniformItemSizes(True)
        # Lay out the first rows at once and the rest in later batches: a one-letter
        # search matches most of a large library, and laying it all out took a frame.
        self._view.setLayoutMode(QListView.LayoutMode.Batched)
        self._view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._view.setAccessibleName(_("Templates"))
        self._view.selectionModel().currentChanged.connect(self._on_current_changed)
        self._view.activated.connect(self._on_view_activated)

        self._empty = EmptyStateLabel(self._view)

        self._count = QLabel(self)
        self._count.setObjectName("templateCount")
        self._count.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._count.setAccessibleName(_("Number of templates shown"))
        self._count.setContentsMargins(2, 0, 2, 0)

        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self._kind_combo, 1)
        filters.addWidget(self._language_combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self._search)
        layout.addLayout(filters)
        layout.addWidget(self._view, 1)
        layout.addWidget(self._count)
        self.setFocusProxy(self._search)

        self._search.textChanged.connect(self._search_edited)
        self._kind_combo.currentIndexChanged.connect(self.refresh)
        self._language_combo.currentIndexChanged.connect(self.refresh)
        self.refresh()

    # -- public API --------------------------------------------------------------------

    def refresh(self) -> None:
        """Ask the store again with the current search and filters (after an edit, say).

        The selected template stays selected while it is listed; otherwise the first row is.
        """
        self._refresh(keep_current=True)

    def _search_edited(self, _text: str) -> None:
        # A new search: its best match, the first row, is the one to copy.
        self._refresh(keep_current=False)

    def _refresh(self, *, keep_current: bool) -> None:
        """List what the search and filters match; select the first row, or the current
        template when `keep_current` and it is still listed. `currentTemplateChanged` is
        emitted once, at the end, when the selected template changed."""
        keep = self.current_summary() if keep_current else None
        text = self._search.text()
        try:
            summaries = self._catalog.search(
                text.strip() or None,
                self._combo_key(self._kind_combo),
                self._language_filter(),
            )
            problem = None
        except ReplydeskError as error:
            summaries, problem = [], str(error)
        once = self._combo_key(self._language_combo) == _MY_LANGUAGES
        if once and keep is not None:
            self._keep_listed_if_moved(keep)
        if once:
            # Each reply once, in the client's language or the user's; "All languages"
            # lists every variant, one language lists its own.
            allowed = self._language_filter() or ()
            summaries = self._catalog.replies(
                summaries, self._languages.preferred(), self._picked, allowed
            )
        self._updating = True
        try:
            self._model.set_summaries(summaries)
            row = self._row_of(keep, any_variant=once) if keep else -1
            if row < 0 and summaries:
                row = 0
            if row >= 0:
                self._set_current_row(row)
        finally:
            self._updating = False
        self._show_state(len(summaries), text.strip(), problem)
        self._emit_current()

    def _keep_listed_if_moved(self, kept: TemplateSummary) -> None:
        """The selected template joined another reply, or left its reply: it stays the
        variant listed (and selected), not the one the languages would choose."""
        try:
            now = self._catalog.summary(kept.id)
        except ReplydeskError:
            return
        if now is not None and now.family != kept.family:
            self._picked.add(kept.id)

    def _row_of(self, summary: TemplateSummary, *, any_variant: bool) -> int:
        """The row of `summary`, else (`any_variant`) of another variant of its reply."""
        row = self._model.row_of(summary.id)
        if row >= 0 or not summary.family or not any_variant:
            return row
        key = variants.family_key(summary)
        listed = self._model.summaries()
        return next((n for n, s in enumerate(listed) if variants.family_key(s) == key), -1)

    def show_order_language(self, code: str) -> None:
        """List each reply in the client's language `code` ("" when not known), where it
        has a variant in it; variants switched to for the previous client are forgotten."""
        if code == self._languages.client:
            return
        self._languages = replace(self._languages, client=code)
        self._picked.clear()
        self.refresh()

    def current_variants(
        self,
    ) -> tuple[list[TemplateSummary], variants.Chosen[TemplateSummary] | None]:
        """The selected reply's variants and which one is listed (and why), for the
        variant bar; ([], None) when nothing is selected."""
        summary = self.current_summary()
        if summary is None:
            return [], None
        try:
            family = self._catalog.variants(summary)
        except ReplydeskError:
            family = [summary]
        family.sort(key=_language_order)  # the same order for every reply
        # The listed variant, and the client's language it may stand in for (none when
        # the order does not say: a reply in one of the user's languages is no stand-in).
        client = variants.preference(self._languages.client, ())
        return family, variants.choose(family, client, {summary.id})

    def pick_variant(self, template_id: str) -> None:
        """Select the selected reply's variant `template_id` (the user switched to it),
        listing the reply in it when the list shows each reply once."""
        self.select(template_id)

    def _list_in_variant(self, template_id: str) -> bool:
        """List the reply of variant `template_id` in it, when another of its variants is
        listed; False when it is not such a variant."""
        listed = {variants.family_key(s) for s in self._model.summaries()}
        try:
            wanted = self._catalog.summary(template_id)
            if wanted is None or variants.family_key(wanted) not in listed:
                return False
            family = {s.id for s in self._catalog.variants(wanted)}
        except ReplydeskError:
            return False
        self._picked -= family
        self._picked.add(template_id)
        self.refresh()
        return True

    def select(self, template_id: str) -> bool:
        """Select the template if it is listed, or list its reply in it (a variant of a
        listed reply); False when the filters hide it."""
        row = self._model.row_of(template_id)
        if row < 0 and self._list_in_variant(template_id):
            row = self._model.row_of(template_id)
        if row < 0:
            return False
        self._set_current_row(row)
        return True

    def current_id(self) -> str | None:
        index = self._view.selectionModel().currentIndex()
        if not index.isValid():
            return None
        return self._model.summary_at(index.row()).id

    def current_summary(self) -> TemplateSummary | None:
        index = self._view.selectionModel().currentIndex()
        return self._model.summary_at(index.row()) if index.isValid() else None

    def focus_search(self) -> None:
        """Put the focus in the search box with its text selected, ready to type over."""
        self._search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._search.selectAll()

    def search_box(self) -> QLineEdit:
        return self._search

    def list_view(self) -> QListView:
        return self._view

    def model(self) -> TemplateListModel:
        return self._model

    def reload_filters(self) -> None:
        """Refill the kind and language choices from the catalog, keeping the chosen ones."""
        kind = self._combo_key(self._kind_combo)
        language = self._combo_key(self._language_combo)
        kinds, languages = self._catalog.kinds(), self._catalog.languages()
        self._fill_combo(self._kind_combo, _("All kinds"), kinds, kind_label, kind)
        mine = language == _MY_LANGUAGES
        self._fill_combo(
            self._language_combo,
            _("All languages"),
            languages,
            language_label,
            None if mine else language,
        )
        self._offer_my_languages(select=mine)

    def show_reply_languages(self, codes: Sequence[str]) -> None:
        """Offer "My languages" (the ones the user writes replies in, asked on the first
        start) in the language filter, and show them; nothing to offer when `codes` is empty.
        Called when they change: the filter the user chose meanwhile is kept otherwise."""
        codes = tuple(codes)
        if codes == self._languages.mine:
            return
        self._languages = replace(self._languages, mine=codes)
        index = self._language_combo.findData(_MY_LANGUAGES)
        if index >= 0:
            self._language_combo.blockSignals(True)
            self._language_combo.removeItem(index)
            self._language_combo.blockSignals(False)
        self._offer_my_languages(select=bool(codes))
        self.refresh()

    def _offer_my_languages(self, *, select: bool) -> None:
        codes = self._languages.mine
        if not codes:
            return
        names = ", ".join(language_label(code) for code in codes)
        combo = self._language_combo
        combo.blockSignals(True)
        try:
            # Translators: the language filter's choice of the user's own reply languages.
            combo.insertItem(1, _("My languages ({names})").format(names=names), _MY_LANGUAGES)
            combo.setItemData(1, names, Qt.ItemDataRole.ToolTipRole)
            if select:
                combo.setCurrentIndex(1)
        finally:
            combo.blockSignals(False)

    def _language_filter(self) -> str | tuple[str, ...] | None:
        """One language, the user's (and the client's), or None for all."""
        key = self._combo_key(self._language_combo)
        if key != _MY_LANGUAGES:
            return key
        return self._languages.allowed()

    # -- filters -----------------------------------------------------------------------

    def _filter_combo(self, accessible_name: str, tooltip: str, everything: str) -> QComboBox:
        combo = ElidedComboBox(self)
        combo.setAccessibleName(accessible_name)
        combo.setToolTip(tooltip)
        # Long labels must not widen the panel: they are cut with "…" (the popup shows them
        # whole); "All kinds" and "All languages" are always shown whole.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        combo.keep_whole(everything)
        combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return combo

    @staticmethod
    def _fill_combo(
        combo: QComboBox,
        everything: str,
        keys: list[str],
        label: Callable[[str], str],
        chosen: str | None,
    ) -> None:
        # A chosen key stays offered even when no template has it any more, so the
        # filter never changes behind the user's back.
        if chosen is not None and chosen not in keys:
            keys = [*keys, chosen]
        combo.blockSignals(True)
        try:
            combo.clear()
            combo.addItem(everything, None)
            for key in keys:
                combo.addItem(display.one_line(label(key), NAME_LIMIT), key)
                combo.setItemData(
                    combo.count() - 1, display.tooltip(key), Qt.ItemDataRole.ToolTipRole
                )
            combo.setCurrentIndex(0 if chosen is None else max(0, combo.findData(chosen)))
        finally:
            combo.blockSignals(False)

    @staticmethod
    def _combo_key(combo: QComboBox) -> str | None:
        key = combo.currentData()
        return key if isinstance(key, str) else None

    # -- list state --------------------------------------------------------------------

    def _set_current_row(self, row: int) -> None:
        index = self._model.index(row, 0)
        self._view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self._view.scrollTo(index)

    def _show_state(self, count: int, search: str, problem: str | None) -> None:
        self._count.setText(
            ngettext("{count} template", "{count} templates", count).format(count=count)
        )
        self._empty.setVisible(count == 0)
        if count:
            return
        kind = self._combo_key(self._kind_combo) is not None
        language = self._combo_key(self._language_combo) is not None
        if problem is not None:
            message = problem
        elif search:
            message = _("No template matches “{search}”.").format(search=search)
            if kind or language:
                message += "\n" + _("Try “All kinds” and “All languages”.")
        elif kind and language:
            message = _("No templates of this kind in this language.")
        elif kind:
            message = _("No templates of this kind.")
        elif language:
            message = _("No templates in this language.")
        else:
            message = _("No templates yet.")
        self._empty.setText(message)
        self._empty.setAccessibleName(message)

    def _on_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._updating:
            self._emit_current()

    def _emit_current(self) -> None:
        current = self.current_id() or ""
        if current != self._last_emitted:
            self._last_emitted = current
            self.currentTemplateChanged.emit(current)

    def _on_view_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.activated.emit(self._model.summary_at(index.row()).id)

    def _move_selection(self, key: int) -> None:
        count = self._model.rowCount()
        if count == 0:
            return
        page = max(
            1, self._view.viewport().height() // self._delegate.row_height(self._view.font())
        )
        step = {
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_PageUp: -(page - 1 or 1),
            Qt.Key.Key_PageDown: page - 1 or 1,
        }[Qt.Key(key)]
        current = self._view.selectionModel().currentIndex()
        row = 0 if not current.isValid() else min(max(current.row() + step, 0), count - 1)
        self._set_current_row(row)

    # -- events ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            plain = event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            )
            if plain and key in self._MOVE_KEYS:
                self._move_selection(key)
                return True
            if plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                current = self.current_id()
                if current is not None:
                    self.activated.emit(current)
                return True
            if plain and key == Qt.Key.Key_Escape and self._search.text():
                self._search.clear()
                return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            # Icons are drawn in the palette's colour: redraw them for the new one.
            self._search_action.setIcon(icon("search"))
        super().changeEvent(event)
