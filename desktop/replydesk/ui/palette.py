"""The quick-paste palette: summon, type three letters, Enter, paste.

A small frameless window over whatever the user is working in. It lists the templates
matching the search, fills the chosen one for the current order and puts the reply on
the clipboard. When the template needs values the order and the profile lack, a compact
form asks for just those; what is typed there is for this reply only.

Window type: Qt.Dialog, not Qt.Tool. On X11, Qt.Tool becomes a _NET_WM_WINDOW_TYPE_UTILITY
window, which window managers such as Mutter do not focus when it is mapped (and macOS
hides tool windows whenever the app is inactive, which it is when a global shortcut
summons the palette). A dialog is focused on map and honours activateWindow(), so the
search box really has the keyboard. The cost: some taskbars list it while it is shown.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Collection, Mapping, Sequence

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QCursor,
    QFont,
    QGuiApplication,
    QHideEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from replydesk.core import autopaste, checker, settings
from replydesk.core.catalog import Catalog
from replydesk.core.delivery import (
    BLOCKED_TEXT,
    Verdict,
    copy_blocked,
    record_delivery,
    verdict,
)
from replydesk.core.errors import ReplydeskError, listed
from replydesk.core.fields import FieldSpec
from replydesk.core.filling import (
    RENDERING_MESSAGE,
    Filling,
    FillResult,
    filling_for,
)
from replydesk.core.recent_orders import recent_orders
from replydesk.core.store import TemplateStore
from replydesk.ui.background_render import BackgroundRender
from replydesk.ui.field_widgets import PROBLEM_COLOR, MultilineEditor
from replydesk.ui.fill_form import FillForm, grey_text
from replydesk.ui.icons import icon
from replydesk.ui.preview import severity_color
from replydesk.ui.store_events import StoreEvents
from replydesk.ui.template_list import EmptyStateLabel, TemplateItemDelegate, TemplateListModel

WINDOW_TITLE = "Quick paste — Replydesk"
PALETTE_SIZE = QSize(560, 420)
PASTE_DELAY_MS = 150  # time for the window manager to give the previous window its focus
RECENT_ORDERS = 15  # fewer than the order bar: the palette is small
NO_ORDER_TEXT = "No current order"
LIST_HINTS = "Enter copy · Esc close · ↑↓ move"
FORM_HINTS = "Enter copy · Tab next field · Esc back"
FORM_HINTS_MULTILINE = "Enter copy (Ctrl+Enter in a text box) · Tab next · Esc back"
FORM_NOTE = "For this reply only: the order and your profile stay as they are."
CORNER_RADIUS = 10.0
log = logging.getLogger("replydesk.palette")
CONFIRM_TEXT = "The checker found an error: Enter again to copy anyway"
FINDINGS_SHOWN = 3  # lines of findings at the bottom; the rest are counted

_MOVE_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _ElidedLabel(QLabel):
    """One line of text cut with "…" to the label's width; the whole text in the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text if text else "")
        self.setAccessibleName(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def _elide(self) -> None:
        width = max(self.contentsRect().width(), 0)
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        super().setText(shown if width else self._full)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()


class QuickPalette(QWidget):
    """Search, pick, fill for the current order, copy; optionally paste where the user was.

    `open_palette()` shows it; it hides itself after a copy, on Esc, and when another
    window takes the focus.
    """

    copied = Signal(str, str, str)  # template id, template name, the reply's text
    pasteFailed = Signal(str)  # why the automatic paste did not happen (one line)
    orderSwitched = Signal(object)  # the new current order's id (int) after a switch here

    def __init__(
        self,
        store: TemplateStore,
        catalog: Catalog,
        parent: QWidget | None = None,
        *,
        events: StoreEvents | None = None,
    ) -> None:
        super().__init__(
            parent,
            Qt.WindowType.Dialog
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint,
        )
        self._store = store
        if events is not None:  # what changes while it is open shows at once
            events.ordersChanged.connect(self._orders_changed)
            events.templatesChanged.connect(self._templates_changed)
        self._catalog = catalog
        self._filling: Filling | None = None
        self._background_render = BackgroundRender(self)  # fills that outgrow the budget
        self._template_id: str | None = None
        self._template_name = ""
        self._specs: list[FieldSpec] = []
        self._marking = False  # problems are framed live once a copy was refused
        self._order_id: int | None = None
        # The (template id, text) whose error findings the user has seen: Enter again copies.
        self._confirming: tuple[str, str] | None = None

        self.setWindowTitle(WINDOW_TITLE)
        self.setObjectName("quickPalette")
        self.setAccessibleName(WINDOW_TITLE)
        # Rounded corners: the window is transparent and paintEvent draws the card.
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.resize(PALETTE_SIZE)

        # -- the current order ---------------------------------------------------------
        order_label = QLabel("&Order:", self)
        grey_text(order_label)
        self.orders = QComboBox(self)
        self.orders.setAccessibleName("Current order")
        self.orders.setToolTip("The order replies are filled from; pick another recent one")
        self.orders.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.orders.setMinimumContentsLength(12)
        self.orders.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.orders.activated.connect(self._order_picked)
        order_label.setBuddy(self.orders)
        order_row = QHBoxLayout()
        order_row.setSpacing(6)
        order_row.addWidget(order_label)
        order_row.addWidget(self.orders, 1)

        # -- search and list -----------------------------------------------------------
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Type to search templates")
        self.search.setAccessibleName("Search templates")
        self.search.setToolTip(
            "Every word must match the start of a word in the name, tags or text"
        )
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        font = self.search.font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.15)
        self.search.setFont(font)
        self.search.setMinimumHeight(self.search.sizeHint().height() + 6)
        self.search.textChanged.connect(self._search_changed)

        self.model = TemplateListModel(parent=self)
        self.list_view = QListView(self)
        self.list_view.setModel(self.model)
        self.list_view.setItemDelegate(TemplateItemDelegate(self.list_view))
        self.list_view.setUniformItemSizes(True)
        self.list_view.setLayoutMode(QListView.LayoutMode.Batched)  # as the window's list
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Clicks select without taking the keyboard from the search box.
        self.list_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list_view.setAccessibleName("Templates")
        self.list_view.activated.connect(self._row_activated)
        self._empty = EmptyStateLabel(self.list_view)

        list_page = QWidget(self)
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.list_view)
        self._list_page = list_page

        # -- the missing fields --------------------------------------------------------
        form_page = QWidget(self)
        form_page.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Enter copies from here too
        self.form_title = QLabel(form_page)
        self.form_title.setTextFormat(Qt.TextFormat.PlainText)
        title_font = QFont(self.form_title.font())
        title_font.setBold(True)
        self.form_title.setFont(title_font)
        form_note = QLabel(FORM_NOTE, form_page)
        form_note.setWordWrap(True)
        grey_text(form_note)
        for label in (self.form_title, form_note):
            label.setContentsMargins(2, 0, 0, 0)  # in line with the form's labels
        self.form = FillForm(form_page, reserved_mnemonics="o")
        self.form.valueChanged.connect(self._form_edited)
        form_layout = QVBoxLayout(form_page)
        form_layout.setContentsMargins(2, 2, 2, 0)
        form_layout.setSpacing(2)
        form_layout.addWidget(self.form_title)
        form_layout.addWidget(form_note)
        form_layout.addWidget(self.form, 1)
        self._form_page = form_page

        self._stack = QStackedWidget(self)
        self._stack.addWidget(list_page)
        self._stack.addWidget(form_page)

        # -- the bottom line -----------------------------------------------------------
        self.problem = _ElidedLabel(self)
        self.problem.setObjectName("paletteProblem")
        problem_palette = self.problem.palette()
        problem_palette.setColor(QPalette.ColorRole.WindowText, PROBLEM_COLOR)
        self.problem.setPalette(problem_palette)
        self.problem.hide()
        self.findings = QLabel(self)
        self.findings.setObjectName("paletteFindings")
        self.findings.setTextFormat(Qt.TextFormat.RichText)
        self.findings.setWordWrap(True)
        self.findings.setAccessibleName("Checker findings")
        self.findings.hide()
        self.hints = QLabel(LIST_HINTS, self)
        self.hints.setObjectName("paletteHints")
        grey_text(self.hints)
        small = QFont(self.hints.font())
        if small.pointSizeF() > 0:
            small.setPointSizeF(small.pointSizeF() * 0.9)
        self.hints.setFont(small)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 10)
        layout.setSpacing(8)
        layout.addLayout(order_row)
        layout.addWidget(self.search)
        layout.addWidget(self._stack, 1)
        layout.addWidget(self.findings)
        layout.addWidget(self.problem)
        layout.addWidget(self.hints)

        for widget in (self, self.orders, self.search, self.list_view, form_page):
            widget.installEventFilter(self)
        self.setFocusProxy(self.search)

        # The list and the orders are read when the palette opens (open_palette).

    # -- public API --------------------------------------------------------------------

    def open_palette(self, template_id: str | None = None) -> None:
        """Show the palette, fresh: empty search, the current order, the search focused.

        With `template_id` (a tray menu pick), fill that template straight away: copy at
        once when nothing is missing (the palette is then never shown), else show the
        form asking for what is.
        """
        self._show_list()
        self._set_problem(None)
        blocked = self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(blocked)
        self._refresh_list()
        self.refresh_orders()
        if template_id is not None:
            self._select(template_id)
            if self._start(template_id):
                return
        self._center_on_mouse_screen()
        self.show()
        self.raise_()
        self.activateWindow()
        self._focus_state()

    def _orders_changed(self) -> None:
        if self.isVisible():
            self.refresh_orders()

    def _templates_changed(self) -> None:
        if self.isVisible() and not self.is_asking():
            self._refresh_list()

    def refresh_orders(self) -> None:
        """Re-read the current order and the recent ones into the order line."""
        try:
            current = self._store.current_order_id
        except ReplydeskError:
            current = None
        orders = recent_orders(self._store, current, RECENT_ORDERS)
        self._order_id = current
        blocked = self.orders.blockSignals(True)
        try:
            self.orders.clear()
            if current is None:
                self.orders.addItem(NO_ORDER_TEXT, None)
            for order in orders:
                self.orders.addItem(icon("order"), order.title, order.order_id)
            index = self.orders.findData(current) if current is not None else 0
            self.orders.setCurrentIndex(max(index, 0))
        finally:
            self.orders.blockSignals(blocked)
        self.orders.setToolTip(self.orders.currentText())

    def order_text(self) -> str:
        """What the order line says: the current order's title, or "No current order"."""
        return self.orders.currentText()

    def is_asking(self) -> bool:
        """True while the form of missing fields is shown."""
        return self._stack.currentWidget() is self._form_page

    def current_template_id(self) -> str | None:
        """The template selected in the list."""
        index = self.list_view.selectionModel().currentIndex()
        return self.model.summary_at(index.row()).id if index.isValid() else None

    def problem_text(self) -> str:
        """The problem shown at the bottom, "" when there is none."""
        return self.problem.full_text() if self.problem.isVisibleTo(self) else ""

    def findings_text(self) -> str:
        """The checker's findings shown at the bottom, one a line; "" when none are."""
        if not self.findings.isVisibleTo(self):
            return ""
        document = QTextDocument()
        document.setHtml(self.findings.text())
        return document.toPlainText().replace("● ", "")

    # -- the list ----------------------------------------------------------------------

    def _search_changed(self, _text: str) -> None:
        self._background_render.cancel()  # the user is choosing another template
        self._set_problem(None)
        self._set_findings(())
        self._refresh_list()

    def _refresh_list(self) -> None:
        """Ask the catalog for the templates matching the search; the best one is selected."""
        text = self.search.text().strip()
        try:
            summaries = self._catalog.search(text or None)
            problem = None
        except ReplydeskError as error:
            summaries, problem = [], str(error)
        self.model.set_summaries(summaries)
        if summaries:
            self._set_current_row(0)
        self._empty.setVisible(not summaries)
        if not summaries:
            message = problem or (f"No template matches “{text}”." if text else "No templates yet.")
            self._empty.setText(message)
            self._empty.setAccessibleName(message)

    def _select(self, template_id: str) -> None:
        row = self.model.row_of(template_id)
        if row >= 0:
            self._set_current_row(row)

    def _set_current_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.list_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.list_view.scrollTo(index)

    def _move_selection(self, key: int) -> None:
        count = self.model.rowCount()
        if count == 0:
            return
        delegate = self.list_view.itemDelegate()
        row_height = (
            delegate.row_height(self.list_view.font())
            if isinstance(delegate, TemplateItemDelegate)
            else 40
        )
        page = max(1, self.list_view.viewport().height() // max(row_height, 1) - 1)
        step = {
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_PageUp: -page,
            Qt.Key.Key_PageDown: page,
        }[Qt.Key(key)]
        current = self.list_view.selectionModel().currentIndex()
        row = 0 if not current.isValid() else min(max(current.row() + step, 0), count - 1)
        if row != current.row() and self._confirming is not None:
            self._set_findings(())
            self._set_problem(None)
        self._set_current_row(row)

    def _row_activated(self, index: QModelIndex) -> None:
        if index.isValid() and not self.is_asking():
            self._start(self.model.summary_at(index.row()).id)

    def _fill_selected(self) -> None:
        template_id = self.current_template_id()
        if template_id is None:
            self._set_problem("No template to copy: change the search")
            return
        self._start(template_id)

    # -- filling -----------------------------------------------------------------------

    def _start(self, template_id: str) -> bool:
        """Fill a template for the current order: copy when complete (True), else ask for
        the missing values, or say what is wrong."""
        try:
            filling = filling_for(self._store, template_id)
            name = self._store.get_template(template_id).name
        except ReplydeskError as error:
            self._set_problem(str(error))
            return False
        self._filling = filling
        self._template_id = template_id
        self._template_name = name
        return self._with_result(self._proceed)

    def _with_result(self, proceed: Callable[[FillResult], bool]) -> bool:
        """Call `proceed` with the current fill's result: at once, or once a render that
        outgrew the interactive budget has finished off the GUI thread (then False)."""
        assert self._filling is not None
        result = self._filling.result()
        if not result.needs_more_time:
            self._background_render.cancel()
            return proceed(result)
        self._set_problem(result.message if result.deferred else RENDERING_MESSAGE)
        self._background_render.finish_fill(self._filling, proceed)
        return False

    def _proceed(self, result: FillResult) -> bool:
        """Copy the chosen template's reply when complete, else ask for what it lacks."""
        assert self._filling is not None
        filling = self._filling
        if result.text is not None:
            return self._copy_checked(result)
        if result.error is not None:
            self._set_problem(result.message)
            return False
        specs = self._specs_for(filling, result, ())
        if not specs:
            self._set_problem(result.message or "This template cannot be filled")
            return False
        self._show_form(specs, result)
        return False

    @staticmethod
    def _specs_for(filling: Filling, result: FillResult, keep: Collection[str]) -> list[FieldSpec]:
        """The template's fields that lack a value, hold a wrong one, or are in `keep`."""
        wanted = set(result.missing) | set(result.invalid) | set(keep)
        return [spec for spec in filling.fields if spec.name in wanted]

    def _show_form(
        self, specs: list[FieldSpec], result: FillResult, *, take_focus: bool = True
    ) -> None:
        assert self._filling is not None
        filling = self._filling
        self._specs = specs
        currency = str(filling.order_values.get("currency") or filling.default_currency)
        initial = {spec.name: filling.initial_value(spec) for spec in specs}
        self.form.show_fields(specs, initial, currency)
        for editor in self.form.editors():
            self._watch(editor)
        self.form_title.setText(self._template_name)
        self._marking = bool(result.invalid)
        self.form.mark((), result.invalid)
        self._set_problem(self._describe(result) if result.invalid else None)
        multiline = any(isinstance(e, MultilineEditor) for e in self.form.editors())
        self.hints.setText(FORM_HINTS_MULTILINE if multiline else FORM_HINTS)
        self.search.hide()
        self._stack.setCurrentWidget(self._form_page)
        if take_focus and self.isVisible():
            self._focus_state()

    def _form_edited(self, name: str, value: object) -> None:
        if self._filling is None:
            return
        # Kept in the Filling only: nothing typed here reaches the order or the profile.
        self._filling.set_value(name, value)
        if self._confirming is not None:
            self._set_findings(())  # they were about the text before this edit
            self._set_problem(None)
        if self._marking:
            self._background_render.cancel()  # a reply being prepared is no longer wanted
            result = self._filling.result()
            if result.needs_more_time:  # nothing is missing; the copy will finish it
                result = FillResult(rendering=True)
            self.form.mark(result.missing, result.invalid)
            self._set_problem(self._describe(result) if not result.ok else None)

    def _copy_from_form(self) -> None:
        if self._filling is None:
            return
        self._with_result(self._proceed_from_form)

    def _proceed_from_form(self, result: FillResult) -> bool:
        """Copy the reply completed in the form, or frame what is still missing."""
        assert self._filling is not None
        if result.text is not None:
            return self._copy_checked(result)
        if result.error is not None:
            self._set_problem(result.message)
            return False
        shown = {spec.name for spec in self._specs}
        if not (set(result.missing) | set(result.invalid)) <= shown:
            # Some value turned out to be needed only now: ask for it too.
            specs = self._specs_for(self._filling, result, shown)
            self._show_form(specs, result, take_focus=False)
        self._marking = True
        self.form.mark(result.missing, result.invalid)
        self._set_problem(self._describe(result))
        problems = set(result.missing) | set(result.invalid)
        first = next((e for e in self.form.editors() if e.spec.name in problems), None)
        if first is not None:
            first.focus_widget().setFocus(Qt.FocusReason.OtherFocusReason)
        return False

    def _describe(self, result: FillResult) -> str:
        """What still stands between the user and the reply, with the fields' labels."""
        if result.missing and not (result.error or result.invalid):
            return "Still missing: " + listed([result.label(name) for name in result.missing])
        return result.message

    def _refill(self) -> None:
        """The current order changed while the form is shown: fill again from the new
        order, keeping what was typed for the reply itself."""
        self._background_render.cancel()  # a reply for the order before the switch
        old = self._filling
        if old is None or self._template_id is None:
            return
        kept: Mapping[str, object] = {
            name: value
            for name, value in old.reply_values.items()
            if old.destination(name) == "reply"
        }
        kept_profile = {
            name: value
            for name, value in old.profile_values.items()
            if old.destination(name) == "profile"
        }
        try:
            filling = filling_for(self._store, self._template_id)
        except ReplydeskError as error:
            self._set_problem(str(error))
            return
        for name, value in {**kept_profile, **kept}.items():
            filling.set_value(name, value)
        self._filling = filling
        result = filling.result()
        # The focus stays in the order list the user just changed.
        self._set_findings(())
        self._show_form(self._specs_for(filling, result, kept), result, take_focus=False)

    # -- copying and pasting -----------------------------------------------------------

    def _copy_checked(self, result: FillResult) -> bool:
        """Deliver the reply by the rules of core.delivery: one with a checker error is
        copied on a second Enter, or never when copying is blocked on errors. True when
        copied."""
        assert result.text is not None
        key = (self._template_id or "", result.text)
        decision = verdict(
            result.findings, blocked=self._block_copy_on(), confirmed=self._confirming == key
        )
        if decision is Verdict.COPY:
            self._copy(result.text)
            return True
        self._set_findings(result.findings)
        if decision is Verdict.BLOCK:
            self._set_problem(BLOCKED_TEXT)
        else:
            self._set_problem(CONFIRM_TEXT)
            self._confirming = key
        return False

    def _block_copy_on(self) -> bool:
        return copy_blocked(self._store)

    def _set_findings(self, findings: Sequence[checker.Finding]) -> None:
        """List the findings over the problem line, errors first; none hides the list."""
        self._confirming = None
        order = {checker.Severity.ERROR: 0, checker.Severity.WARNING: 1}
        ranked = sorted(findings, key=lambda f: order.get(f.severity, 2))
        lines = [
            f'<span style="color:{severity_color(f.severity).name()}">●</span> '
            f"{html.escape(f.message)}"
            for f in ranked[:FINDINGS_SHOWN]
        ]
        if len(ranked) > FINDINGS_SHOWN:
            lines.append(f"… and {len(ranked) - FINDINGS_SHOWN} more")
        self.findings.setText("<br>".join(lines))
        self.findings.setToolTip(
            "\n\n".join(
                f"{f.message}: {f.explanation}" if f.explanation else f.message for f in ranked
            )
        )
        self.findings.setVisible(bool(ranked))

    def _copy(self, text: str) -> None:
        template_id, name = self._template_id or "", self._template_name
        QGuiApplication.clipboard().setText(text)
        try:
            order_id = self._store.current_order_id
        except ReplydeskError:
            order_id = None
        # The reply is on the clipboard; a use that cannot be counted is only logged.
        problem = record_delivery(self._store, template_id, order_id)
        if problem is not None:
            log.warning("%s", problem)
        self.copied.emit(template_id, name, text)
        self._show_list()
        self.hide()
        if self._autopaste_on():
            QTimer.singleShot(PASTE_DELAY_MS, self, self._paste)

    def _autopaste_on(self) -> bool:
        try:
            return settings.AUTOPASTE.read(self._store)
        except ReplydeskError:
            return False

    def _paste(self) -> None:
        reason = autopaste.paste_into_previous_window()
        if reason is not None:
            self.pasteFailed.emit(reason)

    # -- the order ---------------------------------------------------------------------

    def _order_picked(self, index: int) -> None:
        order_id = self.orders.itemData(index)
        if not isinstance(order_id, int) or order_id == self._order_id:
            return
        try:
            self._store.current_order_id = order_id
        except ReplydeskError as error:
            self._set_problem(str(error))
            self.refresh_orders()
            return
        self.refresh_orders()
        self.orderSwitched.emit(order_id)
        if self.is_asking():
            self._refill()

    # -- states ------------------------------------------------------------------------

    def _show_list(self) -> None:
        self._set_findings(())
        self._filling = None
        self._background_render.cancel()
        self._specs = []
        self._marking = False
        self.form.clear()
        self.search.show()
        self._stack.setCurrentWidget(self._list_page)
        self.hints.setText(LIST_HINTS)

    def _back_to_list(self) -> None:
        self._show_list()
        self._set_problem(None)
        self._focus_state()

    def _focus_state(self) -> None:
        if self.is_asking():
            editors = self.form.editors()
            if editors:
                editors[0].focus_widget().setFocus(Qt.FocusReason.TabFocusReason)
            else:
                self._form_page.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.search.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
            self.search.selectAll()

    def _set_problem(self, message: str | None) -> None:
        self.problem.set_full_text(message or "")
        self.problem.setVisible(bool(message))

    def _center_on_mouse_screen(self) -> None:
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        frame = self.frameGeometry()
        frame.moveCenter(area.center())
        self.move(frame.topLeft())

    # -- keys --------------------------------------------------------------------------

    def _watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self)
        for child in widget.findChildren(QWidget):
            child.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            # Keys in a combo's list or a calendar popup are theirs. The window test, not
            # activePopupWidget(): a combo's list closes on the key's ShortcutOverride,
            # before its KeyPress arrives.
            and isinstance(watched, QWidget)
            and watched.window() is self
            and self._key(watched, event)
        ):
            return True
        return super().eventFilter(watched, event)

    def _key(self, watched: QObject, event: QKeyEvent) -> bool:
        """Handle a key pressed anywhere in the palette; True when it was used."""
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        plain = modifiers == Qt.KeyboardModifier.NoModifier
        ctrl = modifiers == Qt.KeyboardModifier.ControlModifier
        if key == Qt.Key.Key_Escape and plain:
            if self.is_asking():
                self._back_to_list()
            else:
                self.hide()
            return True
        if not self.is_asking():
            if watched is self.search and plain and key in _MOVE_KEYS:
                self._move_selection(key)
                return True
            if key in _ENTER_KEYS and (plain or ctrl):
                self._fill_selected()
                return True
            return False
        if key in _ENTER_KEYS and (plain or ctrl):
            if isinstance(watched, QPlainTextEdit) and not ctrl:
                return False  # a new line; Ctrl+Enter copies
            self._copy_from_form()
            return True
        return False

    # -- window ------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow():
            # Decided a moment later: opening a popup deactivates the window briefly.
            QTimer.singleShot(0, self, self._hide_if_left)

    def _hide_if_left(self) -> None:
        if not self.isVisible() or self.isActiveWindow():
            return
        if QApplication.activePopupWidget() is not None:
            return  # the order list or a calendar of the palette's own
        active = QApplication.activeWindow()
        if active is not None and (active is self or self.isAncestorOf(active)):
            return
        self.hide()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Alt+F4 hides it like Esc; the palette lives as long as the app.
        event.ignore()
        self.hide()

    def hideEvent(self, event: QHideEvent) -> None:
        # Dismissed while a reply was being prepared: it must not reach the clipboard later.
        self._background_render.cancel()
        super().hideEvent(event)

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
