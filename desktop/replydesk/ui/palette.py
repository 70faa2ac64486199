"""The quick-paste palette's behaviour: summon, type three letters, Enter, paste.

A small frameless window over whatever the user is working in (its look is
`ui.palette_view.PaletteView`). It lists the templates matching the search, fills the
chosen one for the current order and puts the reply on the clipboard. When the template
needs values the order and the profile lack, a compact form asks for just those; what is
typed there is for this reply only.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Collection, Mapping, Sequence

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QCursor,
    QGuiApplication,
    QHideEvent,
    QKeyEvent,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

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
from replydesk.core.i18n import N_, _, ngettext
from replydesk.core.quick_replies import matching_replies, reply_languages
from replydesk.core.recent_orders import recent_orders
from replydesk.core.store import TemplateStore
from replydesk.core.variants import ReplyLanguages
from replydesk.ui.background_render import BackgroundRender
from replydesk.ui.field_widgets import MultilineEditor
from replydesk.ui.icons import icon
from replydesk.ui.palette_view import PaletteView
from replydesk.ui.preview import severity_color
from replydesk.ui.store_events import StoreEvents
from replydesk.ui.template_list import TemplateItemDelegate, TemplateListModel

PASTE_DELAY_MS = 150  # time for the window manager to give the previous window its focus
RECENT_ORDERS = 15  # fewer than the order bar: the palette is small
NO_ORDER_TEXT = N_("No current order")  # marked here, translated where shown
log = logging.getLogger("replydesk.palette")
CONFIRM_TEXT = N_("The checker found an error: Enter again to copy anyway")
FINDINGS_SHOWN = 3  # lines of findings at the bottom; the rest are counted

_MOVE_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class QuickPalette(PaletteView):
    """Search, pick, fill for the current order, copy; optionally paste where the user was.

    `open_palette()` shows it; it hides itself after a copy, on Esc, and when another
    window takes the focus. With `events`, the order line and the list follow what
    changes in the store while it is open.
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
        super().__init__(parent)
        self._store = store
        self._catalog = catalog
        self._filling: Filling | None = None
        self._background_render = BackgroundRender(self)  # fills that outgrow the budget
        self._template_id: str | None = None
        self._template_name = ""
        self._specs: list[FieldSpec] = []
        self._marking = False  # problems are framed live once a copy was refused
        self._order_id: int | None = None
        self._languages = ReplyLanguages()  # the client's (the order's) and the user's
        # The (template id, text) whose error findings the user has seen: Enter again copies.
        self._confirming: tuple[str, str] | None = None
        self.orders.keep_whole(_(NO_ORDER_TEXT))  # the app's own text, never cut
        self.model = TemplateListModel(parent=self)
        self.list_view.setModel(self.model)
        self._connect(events)
        # The list and the orders are read when the palette opens (open_palette).

    def _connect(self, events: StoreEvents | None) -> None:
        self.orders.activated.connect(self._order_picked)
        self.search.textChanged.connect(self._search_changed)
        self.list_view.activated.connect(self._row_activated)
        self.form.valueChanged.connect(self._form_edited)
        for widget in (self, self.orders, self.search, self.list_view, self.form_page):
            widget.installEventFilter(self)
        if events is not None:
            events.ordersChanged.connect(self._orders_changed)
            events.templatesChanged.connect(self._templates_changed)

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
        self.refresh_orders()  # first: the order says which variants to list
        self._refresh_list()
        if template_id is not None:
            self._select(template_id)
            if self._start(template_id):
                return
        self._center_on_mouse_screen()
        self.show()
        self.raise_()
        self.activateWindow()
        self._focus_state()

    def refresh_orders(self) -> None:
        """Re-read the current order and the recent ones into the order line."""
        try:
            current = self._store.current_order_id
        except ReplydeskError:
            current = None
        orders = recent_orders(self._store, current, RECENT_ORDERS)
        self._order_id = current
        languages = reply_languages(self._store, current)
        if languages != self._languages:
            self._languages = languages
            if self.isVisible() and not self.is_asking():
                self._refresh_list(keep=self.current_template_id())
        blocked = self.orders.blockSignals(True)
        try:
            self.orders.clear()
            if current is None:
                self.orders.addItem(_(NO_ORDER_TEXT), None)
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
        return self.form_shown()

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

    # -- the store's announcements (only while open: opening reads everything afresh) ----

    def _orders_changed(self) -> None:
        """An order was edited or the current one switched, here or elsewhere."""
        if not self.isVisible() or self.orders.view().isVisible():
            return  # closed, or the user is choosing in the order list: left as it is
        before = self._order_id
        self.refresh_orders()
        if self._order_id != before and self.is_asking():
            self._refill()  # switched elsewhere: fill from the order now current

    def _templates_changed(self) -> None:
        """Templates were added, edited or deleted: list them anew, the selection kept."""
        if self.isVisible() and not self.is_asking():
            self._refresh_list(keep=self.current_template_id())

    # -- the list ----------------------------------------------------------------------

    def _search_changed(self, _text: str) -> None:
        self._background_render.cancel()  # the user is choosing another template
        self._set_problem(None)
        self._set_findings(())
        self._refresh_list()

    def _refresh_list(self, keep: str | None = None) -> None:
        """List the replies matching the search, each once in the client's language where
        it has a variant in it; `keep` stays selected if it is still listed, else the best
        match is."""
        text = self.search.text().strip()
        try:
            summaries = matching_replies(self._catalog, text, self._languages)
            problem = None
        except ReplydeskError as error:
            summaries, problem = [], str(error)
        self.model.set_summaries(summaries)
        if summaries:
            kept = self.model.row_of(keep) if keep is not None else -1
            self._set_current_row(max(kept, 0))
        self.empty.setVisible(not summaries)
        if not summaries:
            if problem:
                message = problem
            elif text:
                message = _("No template matches “{search}”.").format(search=text)
            else:
                message = _("No templates yet.")
            self.empty.setText(message)
            self.empty.setAccessibleName(message)

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
            self._set_problem(_("No template to copy: change the search"))
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
        self._set_problem(result.message if result.deferred else _(RENDERING_MESSAGE))
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
            self._set_problem(result.message or _("This template cannot be filled"))
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
        self.show_form_page(multiline=multiline)
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
            labels = listed([result.label(name) for name in result.missing])
            # Translators: {fields} lists the labels of the fields still empty.
            return _("Still missing: {fields}").format(fields=labels)
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
            self._set_problem(_(BLOCKED_TEXT))
        else:
            self._set_problem(_(CONFIRM_TEXT))
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
            more = len(ranked) - FINDINGS_SHOWN
            # Translators: after the first findings listed, how many more there are.
            text = ngettext("… and {count} more", "… and {count} more", more).format(count=more)
            lines.append(html.escape(text))
        self.findings.setText("<br>".join(lines))
        self.findings.setToolTip("\n\n".join(_finding_tip(f) for f in ranked))
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
        self.show_list_page()

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
                self.form_page.setFocus(Qt.FocusReason.OtherFocusReason)
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


def _finding_tip(finding: checker.Finding) -> str:
    """A finding in the tooltip: its message, then why, when the rule says why."""
    if not finding.explanation:
        return finding.message
    # Translators: a checker finding in a tooltip: its message, then the rule's explanation.
    return _("{message}: {explanation}").format(
        message=finding.message, explanation=finding.explanation
    )
