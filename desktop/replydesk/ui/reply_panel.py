"""The reply side of the window: the order bar, the shown template's form and its preview,
and the one path from a keystroke to the clipboard (see docs/architecture.md)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QSplitter, QStyle, QVBoxLayout, QWidget

from replydesk.core.delivery import (
    BLOCKED_TEXT,
    Verdict,
    confirm_text,
    copy_blocked,
    record_delivery,
    verdict,
)
from replydesk.core.errors import ReplydeskError
from replydesk.core.filling import ORDER_BAR_FIELDS, TRUSTED_ORIGINS, Filling, FillResult
from replydesk.core.i18n import _
from replydesk.core.profile_edits import ProfileEdits
from replydesk.ui.background_render import BackgroundRender
from replydesk.ui.fill_form import FillForm
from replydesk.ui.labels import ElidedLabel
from replydesk.ui.order_bar import OrderBar
from replydesk.ui.preview import PreviewPane

if TYPE_CHECKING:
    from replydesk.core import checker
    from replydesk.core.models import Profile
    from replydesk.core.store import TemplateStore

log = logging.getLogger("replydesk.reply")

PROFILE_SAVE_DELAY_MS = 300  # profile values typed in the form are saved once typing stops
# Alt+letters taken by the window's menus (File, Edit, Template, Help).
MENU_MNEMONICS = "feth"


class ReplyPanel(QWidget):
    """Fills the shown template from the order, the profile and what is typed, shows the
    reply and copies it. Reads and writes go through the store; nothing here is a copy of
    stored state except the profile read when a template is shown (updated on change)."""

    copied = Signal(str)  # the template id whose reply went to the clipboard
    previewUpdated = Signal(object)  # the FillResult the preview now shows
    templateShown = Signal(object)  # the TemplateRow shown, or None
    notice = Signal(str, int)  # a message for the status bar and how long (ms; 0: until next)

    def __init__(self, store: TemplateStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.profile: Profile = store.get_profile()
        self.filling: Filling | None = None
        self.template_id: str | None = None
        self.template_name = ""
        self.findings: list[checker.Finding] = []  # the checker's, for the reply shown
        self.block_copy = False  # read when a template is shown and when settings change
        self.background_render = BackgroundRender(self)  # previews that outgrow the budget
        self._copy_when_ready = False  # Ctrl+Enter while the reply was being prepared
        self._confirmed: tuple[str, str] | None = None  # (template, text) asked to copy anyway
        self._profile_edits = ProfileEdits()
        self._profile_timer = QTimer(self)
        self._profile_timer.setSingleShot(True)
        self._profile_timer.setInterval(PROFILE_SAVE_DELAY_MS)
        self._profile_timer.timeout.connect(self.flush_profile)
        self.order_bar = OrderBar(store)
        self.form = FillForm(
            reserved_mnemonics=OrderBar.MNEMONICS + PreviewPane.MNEMONICS + MENU_MNEMONICS
        )
        self.preview = PreviewPane()
        self.title = _title_label()
        self.fill_side = QWidget()  # the title and the form, beside the preview
        self._form_fit = FormFit(self.fill_side, self)
        self.fill_split = QSplitter(QtCore.Qt.Orientation.Horizontal)
        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        fill_side = self.fill_side
        fill_layout = QVBoxLayout(fill_side)
        fill_layout.setContentsMargins(0, 0, 0, 0)
        fill_layout.addWidget(self.title)
        fill_layout.addWidget(self.form, 1)
        self.fill_split.setObjectName("fillSplit")
        self.fill_split.addWidget(fill_side)
        self.fill_split.addWidget(self.preview)
        self.fill_split.setStretchFactor(0, 2)
        self.fill_split.setStretchFactor(1, 3)
        self.fill_split.setSizes([360, 490])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.order_bar)
        layout.addWidget(self.fill_split, 1)

    def _connect(self) -> None:
        self.order_bar.orderChanged.connect(self._order_changed)
        self.order_bar.saveFailed.connect(lambda message: self.notice.emit(message, 0))
        self.order_bar.notice.connect(lambda message: self.notice.emit(message, 10000))
        self.form.valueChanged.connect(self._value_changed)
        self.form.pinChanged.connect(self._pin_changed)
        self.preview.copyRequested.connect(self.copy_reply)

    # -- showing a template ----------------------------------------------------------

    def show_template(self, template_id: str, *, keep_typed: bool = False) -> None:
        """Build the form for a template and render its preview; `keep_typed` keeps what
        the user typed for this template (when it is shown again after a change)."""
        if not template_id:
            self.show_nothing()
            return
        try:
            row = self._store.get_template(template_id)
        except ReplydeskError as error:
            self.notice.emit(str(error), 5000)
            self.show_nothing()
            return
        self.template_id = row.id
        self.template_name = row.name
        self.title.setText(row.name)
        self.read_block_copy()
        typed = self.filling if keep_typed else None
        self.filling = Filling(
            row.body,
            row.fields,
            row.language,
            order_values=self.order_bar.values(),
            profile_values=self._profile_edits.values_over(self.profile, row.language),
            default_currency=self.profile.default_currency,
            trusted=row.origin in TRUSTED_ORIGINS,
        )
        if typed is not None:
            self.filling.reply_values.update(typed.reply_values)
            self.filling.pinned = set(typed.pinned)
        self._show_form(self.filling)
        self.templateShown.emit(row)
        self.refresh_preview()

    def _show_form(self, filling: Filling) -> None:
        specs = filling.form_fields
        initial = {spec.name: filling.initial_value(spec) for spec in specs}
        pinned = {name for name in filling.pinned if filling.uses(name)}
        self.form.show_fields(specs, initial, self._currency(), pinned=pinned)
        self._form_fit.follow(self.form)
        # New form editors join the end of the focus chain; put the preview back after them.
        editors = self.form.editors()
        if editors:
            QWidget.setTabOrder(editors[-1].focus_widget(), self.preview.text_edit)
            QWidget.setTabOrder(self.preview.text_edit, self.preview.copy_button)

    def show_nothing(self) -> None:
        self.template_id = None
        self.template_name = ""
        self.filling = None
        self.background_render.cancel()
        self._copy_when_ready = False
        self.findings = []
        self.title.setText("")
        self.form.clear()
        self.preview.show_result(FillResult())
        self.order_bar.mark((), {})
        self.templateShown.emit(None)

    def go_to_form(self, template_id: str) -> None:
        """Show `template_id` if it is not shown, then focus its first empty field."""
        if template_id and template_id != self.template_id:
            self.show_template(template_id)
        if not self.form.focus_first_empty():
            self.preview.setFocus()

    def _currency(self) -> str:
        return str(self.order_bar.values().get("currency") or self.profile.default_currency)

    def read_block_copy(self) -> None:
        """Read the "block copy" setting (when a template is shown, and when it changes)."""
        self.block_copy = copy_blocked(self._store)
        self.preview.set_block_copy(self.block_copy)

    # -- changes announced by the store --------------------------------------------------

    def templates_changed(self) -> None:
        """Templates changed (here or elsewhere): show the shown one again if its text did."""
        if self.template_id is None:
            return
        try:
            row = self._store.get_template(self.template_id)
        except ReplydeskError:
            return
        shown = self.filling
        if shown is None or (row.body, row.language) != (shown.body, shown.language):
            self.show_template(row.id, keep_typed=True)
        elif row.name != self.template_name:
            self.template_name = row.name
            self.title.setText(row.name)
            self.templateShown.emit(row)
        else:
            self.templateShown.emit(row)  # its star may have changed

    def profile_changed(self) -> None:
        """The profile changed (here or elsewhere): fill with what the store holds now."""
        try:
            profile = self._store.get_profile()
        except ReplydeskError:
            return
        if profile == self.profile:
            return
        self.profile = profile
        if self.filling is not None:
            values = self._profile_edits.values_over(profile, self.filling.language)
            self.filling.set_profile_values(values, profile.default_currency)
            for editor in self.form.editors():
                name = editor.spec.name
                if self.filling.destination(name) == "profile" and editor.value() != values.get(
                    name
                ):
                    editor.set_value(values.get(name))
            self.refresh_preview()

    def orders_changed(self) -> None:
        self.order_bar.refresh_from_store()

    # -- filling -----------------------------------------------------------------------

    def refresh_preview(self) -> FillResult:
        """Fill the shown template again and show the reply (or what stands in its way).

        A template that needs more than the interactive budget shows "Preparing the
        reply…" and is finished off the GUI thread; its result is shown when it arrives.
        """
        self._copy_when_ready = False  # asked for a reply that is no longer the one shown
        if self.filling is None:
            self.background_render.cancel()
            return FillResult()
        result = self.filling.result()
        if result.needs_more_time:
            self.background_render.finish_fill(self.filling, self._finish_preview)
            result = FillResult(rendering=True)
        else:
            self.background_render.cancel()
        self._show_fill_result(result)
        return result

    def _finish_preview(self, result: FillResult) -> None:
        """The background render's reply for the state shown: show it, copy if asked."""
        self._show_fill_result(result)
        if self._copy_when_ready:
            self._copy_when_ready = False
            self._copy_result(result)

    def _show_fill_result(self, result: FillResult) -> None:
        self.preview.show_result(result)
        self.findings = list(result.findings)
        self.preview.show_findings(self.findings)
        in_bar = set(ORDER_BAR_FIELDS)
        self.form.mark(
            [name for name in result.missing if name not in in_bar],
            {name: message for name, message in result.invalid.items() if name not in in_bar},
        )
        self.order_bar.mark(
            [name for name in result.missing if name in in_bar],
            {name: message for name, message in result.invalid.items() if name in in_bar},
        )
        self.previewUpdated.emit(result)

    def _value_changed(self, name: str, value: object) -> None:
        if self.filling is None:
            return
        self.filling.set_value(name, value)
        destination = self.filling.destination(name)
        if destination == "order":
            self.order_bar.set_extra_value(name, value)  # a pinned note: saved with the order
        elif destination == "profile":
            # One write once typing stops, of this field only (never a stale whole profile).
            self._profile_edits.type(name, self.filling.language, value, self.profile)
            self._profile_timer.start()
        self.refresh_preview()

    def _order_changed(self, values: dict[str, object]) -> None:
        if self.filling is None:
            return
        self.filling.set_order_values(values)
        self.form.set_currency(self._currency())
        for editor in self.form.editors():
            name = editor.spec.name
            if self.filling.destination(name) == "order" and editor.value() != values.get(name):
                editor.set_value(values.get(name))
        self.refresh_preview()

    def _pin_changed(self, name: str, pinned: bool) -> None:
        """The note is kept on the order (for every reply to it), or with this reply only."""
        if self.filling is None:
            return
        self.filling.pin(name, pinned)
        editor = self.form.editor(name)
        value = editor.value() if editor is not None else None
        self.order_bar.set_extra_value(name, value if pinned else None)
        self.refresh_preview()

    def flush_profile(self) -> bool:
        """Save the profile values typed in the form now; False when the store refused."""
        self._profile_timer.stop()
        if not self._profile_edits:
            return True
        try:
            self.profile, replaced = self._profile_edits.save(self._store)
        except ReplydeskError as error:
            # Translators: {error} is the store's own message, a sentence.
            self.notice.emit(_("Could not save the profile: {error}").format(error=error), 5000)
            return False
        if replaced:
            self.notice.emit(
                # Translators: {fields} lists them: "Client (it was Anna), Price (it was 25)".
                _("Your change replaced one made elsewhere: {fields}").format(
                    fields=", ".join(replaced)
                ),
                10000,
            )
        return True

    def flush(self) -> bool:
        """Save what is being typed (the order and the profile) now."""
        saved_order = self.order_bar.flush()
        return self.flush_profile() and saved_order

    # -- copy --------------------------------------------------------------------------

    def copy_reply(self) -> bool:
        """Put the reply on the clipboard and count the use; False when there is no reply.

        A reply still being prepared off the GUI thread is copied as soon as it is ready,
        unless something changes before that.
        """
        if self.filling is None or self.template_id is None:
            return False
        result = None if self.background_render.is_pending() else self.refresh_preview()
        if result is None or result.rendering:
            self._copy_when_ready = True
            self.notice.emit(_("The reply is copied as soon as it is ready…"), 5000)
            return False
        return self._copy_result(result)

    def _copy_result(self, result: FillResult) -> bool:
        assert self.template_id is not None
        if not result.ok or result.text is None:
            # Translators: {reason} says what stands in the way (a missing field, say).
            self.notice.emit(_("Nothing copied: {reason}").format(reason=result.message), 5000)
            return False
        asked = (self.template_id, result.text)
        decision = verdict(
            result.findings, blocked=self.block_copy, confirmed=self._confirmed == asked
        )
        if decision is Verdict.BLOCK:
            self.notice.emit(_(BLOCKED_TEXT), 8000)
            return False
        if decision is Verdict.CONFIRM:
            self._confirmed = asked
            # Translators: ends the question "… {again} to copy anyway" (the key to press).
            again = _("Ctrl+Enter again")
            self.notice.emit(confirm_text(result.findings, again), 10000)
            return False
        self._confirmed = None
        QGuiApplication.clipboard().setText(result.text)
        log.info("copied the reply of %s (%d characters)", self.template_id, len(result.text))
        log.debug("the reply copied:\n%s", result.text)
        self.preview.flash_copied(self.template_name)
        # Translators: {name} is the template's name.
        self.notice.emit(_("Copied “{name}”").format(name=self.template_name), 3000)
        template_id = self.template_id
        # The clipboard first; the count is written right after, off the keystroke's path.
        QTimer.singleShot(0, lambda: self._record_use(template_id))
        self.copied.emit(template_id)
        return True

    def _record_use(self, template_id: str) -> None:
        problem = record_delivery(self._store, template_id, self.order_bar.current_order_id())
        if problem is not None:
            self.notice.emit(problem, 5000)


class FormFit(QObject):
    """Keeps a fill form's fields whole in `side`, the widget the form is in.

    The form's page scrolls up and down, never sideways: narrower than its fields, it
    would cut their labels; so `side` keeps the page's preferred width (a field's help
    keeps the height its lines take at that width). And the page's form layout keeps the
    row heights it worked out for the width it had before: when the width changes, a help
    text that now needs another line would be cut, so its rows are laid out afresh. The
    fields are shown a moment after they are built: the page is measured each time it
    lays them out.
    """

    def __init__(self, side: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._side = side
        self._scroll: QScrollArea | None = None

    def follow(self, form: FillForm) -> None:
        """Fit the page `form` now shows, and again whenever it lays itself out."""
        self._scroll = form.findChild(QScrollArea)
        page = self._scroll.widget() if self._scroll is not None else None
        if page is not None:
            page.installEventFilter(self)
        self._measure()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self._measure()
        elif event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            assert isinstance(event, QResizeEvent)
            layout = watched.layout()
            if layout is not None and event.size().width() != event.oldSize().width():
                layout.invalidate()
        return False

    def _measure(self) -> None:
        scroll = self._scroll
        page = scroll.widget() if scroll is not None else None
        if scroll is None or page is None:
            return
        bar = scroll.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, scroll)
        self._side.setMinimumWidth(page.sizeHint().width() + bar + 2 * scroll.frameWidth())


def _title_label() -> QLabel:
    title = ElidedLabel()  # the template's name: data, cut with "…" (never widens the window)
    title.setObjectName("templateTitle")
    font = title.font()
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    title.setFont(font)
    return title


__all__ = ["PROFILE_SAVE_DELAY_MS", "ReplyPanel"]
