"""The quick-paste palette's look: its widgets, their labels and their layout, no behaviour.

`ui.palette.QuickPalette` subclasses `PaletteView` and gives it life (the store, the
catalog, the keys). Nothing here reads the store or calls the core.

Window type: Qt.Dialog, not Qt.Tool. On X11, Qt.Tool becomes a _NET_WM_WINDOW_TYPE_UTILITY
window, which window managers such as Mutter do not focus when it is mapped (and macOS
hides tool windows whenever the app is inactive, which it is when a global shortcut
summons the palette). A dialog is focused on map and honours activateWindow(), so the
search box really has the keyboard. The cost: some taskbars list it while it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListView,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from replydesk.core.i18n import N_, _
from replydesk.ui.fill_form import FillForm, grey_text
from replydesk.ui.icons import icon
from replydesk.ui.labels import ElidedComboBox, ElidedLabel, WrappingLabel
from replydesk.ui.style import paint_as_problem
from replydesk.ui.template_list import EmptyStateLabel, TemplateItemDelegate

# The texts below are translated where they are shown (`_(LIST_HINTS)`).
WINDOW_TITLE = N_("Quick paste — Replydesk")
PALETTE_SIZE = QSize(560, 420)
# Translators: the key hints under the palette's list: a key, then what it does.
LIST_HINTS = N_("Enter copy · Esc close · ↑↓ move")
# Translators: the key hints under the palette's form: a key, then what it does.
FORM_HINTS = N_("Enter copy · Tab next field · Esc back")
# Translators: the key hints under a palette form with a multi-line text box.
FORM_HINTS_MULTILINE = N_("Enter copy (Ctrl+Enter in a text box) · Tab next · Esc back")
ALL_HINTS = (LIST_HINTS, FORM_HINTS, FORM_HINTS_MULTILINE)
FORM_NOTE = N_("For this reply only: the order and your profile stay as they are.")
CORNER_RADIUS = 10.0
_SEARCH_FONT_SCALE = 1.15
_HINTS_FONT_SCALE = 0.9


def _scaled_font(widget: QWidget, scale: float) -> QFont:
    font = QFont(widget.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    return font


class PaletteView(QWidget):
    """A frameless card: the order line, the search box, a page with the template list or
    the form of missing fields, then findings, a problem line and key hints."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            parent,
            Qt.WindowType.Dialog
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint,
        )
        self.setWindowTitle(_(WINDOW_TITLE))
        self.setObjectName("quickPalette")
        self.setAccessibleName(_(WINDOW_TITLE))
        # Rounded corners: the window is transparent and paintEvent draws the card.
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.resize(PALETTE_SIZE)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 10)
        layout.setSpacing(8)
        layout.addLayout(self._order_row())
        layout.addWidget(self._search_box())
        self.list_page = self._list_page()
        self.form_page = self._form_page()
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.list_page)
        self.stack.addWidget(self.form_page)
        layout.addWidget(self.stack, 1)
        self._add_bottom_lines(layout)
        self.setFocusProxy(self.search)

    # -- the parts, top to bottom ----------------------------------------------------------

    def _order_row(self) -> QLayout:
        order_label = QLabel(_("&Order:"), self)
        grey_text(order_label)
        self.orders = ElidedComboBox(self)  # an order's title is data: cut with "…"
        self.orders.setAccessibleName(_("Current order"))
        self.orders.setToolTip(_("The order replies are filled from; pick another recent one"))
        self.orders.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.orders.setMinimumContentsLength(12)
        self.orders.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        order_label.setBuddy(self.orders)
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(order_label)
        row.addWidget(self.orders, 1)
        return row

    def _search_box(self) -> QLineEdit:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Type to search templates"))
        self.search.setAccessibleName(_("Search templates"))
        self.search.setToolTip(
            _("Every word must match the start of a word in the name, tags or text")
        )
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setFont(_scaled_font(self.search, _SEARCH_FONT_SCALE))
        self.search.setMinimumHeight(self.search.sizeHint().height() + 6)
        return self.search

    def _list_page(self) -> QWidget:
        page = QWidget(self)
        self.list_view = QListView(page)
        self.list_view.setItemDelegate(TemplateItemDelegate(self.list_view))
        self.list_view.setUniformItemSizes(True)
        self.list_view.setLayoutMode(QListView.LayoutMode.Batched)  # as the window's list
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Clicks select without taking the keyboard from the search box.
        self.list_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list_view.setAccessibleName(_("Templates"))
        self.empty = EmptyStateLabel(self.list_view)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list_view)
        return page

    def _form_page(self) -> QWidget:
        page = QWidget(self)
        page.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Enter copies from here too
        self.form_title = ElidedLabel(parent=page)  # the template's name: data, cut with "…"
        title_font = QFont(self.form_title.font())
        title_font.setBold(True)
        self.form_title.setFont(title_font)
        note = WrappingLabel(_(FORM_NOTE), page)
        grey_text(note)
        for label in (self.form_title, note):
            label.setContentsMargins(2, 0, 0, 0)  # in line with the form's labels
        self.form = FillForm(page, reserved_mnemonics="o")  # Alt+O is the order line
        layout = QVBoxLayout(page)
        layout.setContentsMargins(2, 2, 2, 0)
        layout.setSpacing(2)
        layout.addWidget(self.form_title)
        layout.addWidget(note)
        layout.addWidget(self.form, 1)
        return page

    def _add_bottom_lines(self, layout: QVBoxLayout) -> None:
        self.findings = QLabel(self)
        self.findings.setObjectName("paletteFindings")
        self.findings.setTextFormat(Qt.TextFormat.RichText)
        self.findings.setWordWrap(True)
        self.findings.setAccessibleName(_("Checker findings"))
        self.findings.hide()
        self.problem = ElidedLabel(parent=self)
        self.problem.setObjectName("paletteProblem")
        paint_as_problem(self.problem)
        self.problem.hide()
        self.hints = QLabel(_(LIST_HINTS), self)
        self.hints.setObjectName("paletteHints")
        grey_text(self.hints)
        self.hints.setFont(_scaled_font(self.hints, _HINTS_FONT_SCALE))
        # As wide as its longest line: the card keeps its width when the page changes.
        metrics = self.hints.fontMetrics()
        self.hints.setMinimumWidth(
            max(metrics.horizontalAdvance(_(hints)) for hints in ALL_HINTS)
            + self.hints.contentsMargins().left()
            + self.hints.contentsMargins().right()
        )
        layout.addWidget(self.findings)
        layout.addWidget(self.problem)
        layout.addWidget(self.hints)

    # -- pages ---------------------------------------------------------------------------

    def show_list_page(self) -> None:
        """The search box and the template list."""
        self.search.show()
        self.stack.setCurrentWidget(self.list_page)
        self.hints.setText(_(LIST_HINTS))

    def show_form_page(self, *, multiline: bool) -> None:
        """The form of missing fields, without the search box."""
        self.hints.setText(_(FORM_HINTS_MULTILINE if multiline else FORM_HINTS))
        self.search.hide()
        self.stack.setCurrentWidget(self.form_page)

    def form_shown(self) -> bool:
        return self.stack.currentWidget() is self.form_page

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        back = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.WindowText)
        border = QColor(
            round(text.red() * 0.3 + back.red() * 0.7),
            round(text.green() * 0.3 + back.green() * 0.7),
            round(text.blue() * 0.3 + back.blue() * 0.7),
        )
        painter.setPen(QPen(border, 1))
        painter.setBrush(back)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.drawRoundedRect(rect, CORNER_RADIUS, CORNER_RADIUS)
        painter.end()


__all__ = [
    "CORNER_RADIUS",
    "FORM_HINTS",
    "FORM_HINTS_MULTILINE",
    "FORM_NOTE",
    "LIST_HINTS",
    "PALETTE_SIZE",
    "WINDOW_TITLE",
    "ElidedLabel",
    "PaletteView",
]
