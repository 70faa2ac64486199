"""The main window: menus, shortcuts, and the wiring between list, order bar, form and preview."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QByteArray, QMimeData, QSettings, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QPaintEvent,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from replydesk import __version__
from replydesk.core.errors import ReplydeskError
from replydesk.ui.background_render import BackgroundRender
from replydesk.ui.errors import show_error

log = logging.getLogger("replydesk.window")

if TYPE_CHECKING:
    # Imported where first used instead: the window paints before jinja2, the checker's
    # rules and the database layer are loaded (start-up is measured against a bare window).
    from replydesk.core import checker
    from replydesk.core.backups import Backup
    from replydesk.core.catalog import Catalog
    from replydesk.core.filling import Filling, FillResult
    from replydesk.core.merge import MergePlan
    from replydesk.core.models import Profile
    from replydesk.core.store import TemplateStore
    from replydesk.ui.backup_dialog import RecoveryPage
    from replydesk.ui.fill_form import FillForm
    from replydesk.ui.import_dialog import ImportDialog
    from replydesk.ui.order_bar import OrderBar
    from replydesk.ui.preview import PreviewPane
    from replydesk.ui.template_list import TemplateListPanel

WINDOW_TITLE = "Replydesk"
UNDO_SECONDS = 10
PROFILE_SAVE_DELAY_MS = 300  # profile values typed in the form are saved once typing stops


class MainWindow(QMainWindow):
    """The window a freelancer keeps open all day.

    It shows at once; the app then opens the database off the GUI thread in two steps:
    `set_catalog` shows the list (search works), `set_store` builds the rest.
    """

    firstPainted = Signal()
    listed = Signal()  # the list is shown and searchable (set_catalog)
    ready = Signal()  # every panel is built (set_store)
    startFailed = Signal(str)
    hiddenToTray = Signal()
    quitRequested = Signal()
    copied = Signal(str)  # the template id whose reply went to the clipboard
    previewUpdated = Signal(object)  # the FillResult the preview now shows

    def __init__(self, settings: QSettings) -> None:
        super().__init__()
        self.settings = settings
        self.catalog: Catalog | None = None
        self.store: TemplateStore | None = None
        self.profile: Profile | None = None
        self.filling: Filling | None = None
        self.template_id: str | None = None
        self.findings: list[checker.Finding] = []  # the checker's, for the reply shown
        self.block_copy = False  # store setting "block_copy", read when a template is shown
        self.template_name = ""
        self._painted = False
        self.keep_running_in_tray = False  # set by the resident app when there is a tray
        self._deleted: list[tuple[str, str]] = []  # (id, name) of deletions that can be undone
        self.background_render = BackgroundRender(self)  # previews that outgrow the budget
        self._copy_when_ready = False  # Ctrl+Enter while the reply was being prepared
        self._confirmed: tuple[str, str] | None = None  # (template, text) asked to copy anyway
        self._reading_import: Path | None = None  # being read off the GUI thread
        self.import_dialog: ImportDialog | None = None  # the open import preview
        self._profile_changes: dict[str, str | None] = {}  # typed in the form, not saved yet
        self._profile_seen: dict[str, str] = {}  # what the store held when typing began
        self._profile_timer = QTimer(self)
        self._profile_timer.setSingleShot(True)
        self._profile_timer.setInterval(PROFILE_SAVE_DELAY_MS)
        self._profile_timer.timeout.connect(self.flush_profile)
        self.setWindowTitle(WINDOW_TITLE)
        self.resize(1180, 760)
        self.pages = QStackedWidget()
        self.loading = QLabel("Opening your templates…")
        # Centred by stretches, not an alignment flag: PySide builds the Qt namespace's
        # enums on first use (about 10 ms), which the first paint need not wait for.
        loading_page = QWidget()
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.loading)
        row.addStretch(1)
        column = QVBoxLayout(loading_page)
        column.addStretch(1)
        column.addLayout(row)
        column.addStretch(2)
        self.loading_page = loading_page
        self.pages.addWidget(loading_page)
        self.setCentralWidget(self.pages)
        self.setAcceptDrops(True)
        self._restore_geometry()
        self._build_actions()
        self._build_menus()
        self._set_store_actions_enabled(False)

    # -- start-up --------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.firstPainted.emit)

    def show_recovery(self, problem: str, moved_to: Path, newest: Backup | None) -> RecoveryPage:
        """The database was damaged and moved aside: offer the newest backup or a fresh start.

        The app connects to the page's restoreChosen and startFreshChosen signals."""
        from replydesk.ui.backup_dialog import RecoveryPage

        page = RecoveryPage(problem, moved_to, newest)
        self.pages.addWidget(page)
        self.pages.setCurrentWidget(page)
        self.startFailed.emit(problem)
        return page

    def show_loading(self) -> None:
        """Back to "Opening your templates…" (after a choice on the recovery page)."""
        self.loading.setText("Opening your templates…")
        self.pages.setCurrentWidget(self.loading_page)

    def show_start_error(self, message: str) -> None:
        """The store could not be opened: say so in place of the panels."""
        self.loading.setText(f"Replydesk could not open your templates.\n\n{message}")
        self.loading.setWordWrap(True)
        self.loading.setMinimumWidth(560)  # a wrapped label would otherwise be a narrow column
        self.loading.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.startFailed.emit(message)

    def set_catalog(self, catalog: Catalog) -> None:
        """Show the template list (search works at once); the rest waits for `set_store`."""
        from replydesk.ui.template_list import TemplateListPanel

        self.catalog = catalog
        self.templates: TemplateListPanel = TemplateListPanel(catalog)
        self.right_side = QStackedWidget()
        self.right_side.addWidget(
            QLabel("Opening your templates…", alignment=QtCore.Qt.AlignmentFlag.AlignCenter)
        )
        self.main_split = QSplitter(QtCore.Qt.Orientation.Horizontal)
        self.main_split.setObjectName("mainSplit")
        self.main_split.addWidget(self.templates)
        self.main_split.addWidget(self.right_side)
        self.main_split.setStretchFactor(0, 1)
        self.main_split.setStretchFactor(1, 3)
        self.main_split.setSizes([330, 850])
        self._restore_splitter(self.main_split)
        self.pages.addWidget(self.main_split)
        self.pages.setCurrentWidget(self.main_split)
        self.templates.focus_search()
        self.listed.emit()

    def set_store(self, store: TemplateStore) -> None:
        """Build the order bar, form and preview over an open store; the list too, over
        the store's file, unless `set_catalog` came first."""
        from replydesk.ui.fill_form import FillForm
        from replydesk.ui.order_bar import OrderBar
        from replydesk.ui.preview import PreviewPane
        from replydesk.ui.store_watcher import StoreWatcher

        self.store = store
        if self.catalog is None:
            from replydesk.core.catalog import Catalog

            self.set_catalog(Catalog(store.path))
        self.profile = store.get_profile()
        self.order_bar: OrderBar = OrderBar(store)
        # Alt+letters already taken by the menus, the order bar and the preview.
        self.form: FillForm = FillForm(
            reserved_mnemonics=OrderBar.MNEMONICS + PreviewPane.MNEMONICS + "feth"
        )
        self.preview: PreviewPane = PreviewPane()
        self.title = QLabel()
        self.title.setObjectName("templateTitle")
        self.title.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)

        fill_side = QWidget()
        fill_layout = QVBoxLayout(fill_side)
        fill_layout.setContentsMargins(0, 0, 0, 0)
        fill_layout.addWidget(self.title)
        fill_layout.addWidget(self.form, 1)
        self.fill_split = QSplitter(QtCore.Qt.Orientation.Horizontal)
        self.fill_split.setObjectName("fillSplit")
        self.fill_split.addWidget(fill_side)
        self.fill_split.addWidget(self.preview)
        self.fill_split.setStretchFactor(0, 2)
        self.fill_split.setStretchFactor(1, 3)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        right_layout.addWidget(self.order_bar)
        right_layout.addWidget(self.fill_split, 1)
        self.fill_split.setSizes([360, 490])
        self.right_side.addWidget(right)
        self.right_side.setCurrentWidget(right)

        # Opening the store may have added built-in templates: list them too.
        self.templates.reload_filters()
        self.templates.refresh()
        self.templates.currentTemplateChanged.connect(self.show_template)
        self.templates.activated.connect(self._go_to_form)
        self.order_bar.orderChanged.connect(self._order_changed)
        self.order_bar.saveFailed.connect(lambda message: self.statusBar().showMessage(message))
        self.order_bar.notice.connect(lambda message: self.statusBar().showMessage(message, 10000))
        self.form.valueChanged.connect(self._value_changed)
        self.form.pinChanged.connect(self._pin_changed)
        self.watcher = StoreWatcher(store.path, self)
        self.watcher.changed.connect(self._store_changed)
        self.watcher.start()
        self._templates_seen = store.template_changes()
        self.preview.copyRequested.connect(self.copy_reply)
        self._set_store_actions_enabled(True)
        self._restore_panels()
        from replydesk.ui.welcome import maybe_show_welcome

        self.welcome = maybe_show_welcome(self, store, on_saved=self._profile_saved)
        self.ready.emit()

    # -- actions and menus -----------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: object,
        shortcuts: tuple[str | QKeySequence.StandardKey, ...] = (),
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action("&New template…", self.new_template, ("Ctrl+N",))
        self.quit_action = self._action("&Quit", self.quit_app, ("Ctrl+Q",))
        self.import_action = self._action(
            "&Import templates…",
            self.choose_import,
            ("Ctrl+I",),
            "Import a .replydesk file, a zip or a folder of template files",
        )
        self.export_action = self._action(
            "E&xport templates…",
            self.choose_export,
            ("Ctrl+Shift+E",),
            "Export templates to a .replydesk file or a folder",
        )
        self.copy_action = self._action(
            "&Copy reply",
            self.copy_reply,
            ("Ctrl+Return", "Ctrl+Enter"),
            "Copy the filled reply to the clipboard",
        )
        self.find_action = self._action(
            "&Find template", self.focus_search, ("Ctrl+F", "Ctrl+K"), "Search templates"
        )
        self.undo_action = self._action("&Undo delete", self.undo_delete, ("Ctrl+Z",))
        self.profile_action = self._action("&Profile and settings…", self.edit_profile)
        self.edit_action = self._action("&Edit…", self.edit_template, ("F2", "Ctrl+E"))
        self.duplicate_action = self._action("&Duplicate…", self.duplicate_template, ("Ctrl+D",))
        self.favorite_action = self._action("&Favorite", self.toggle_favorite, ("Ctrl+B",))
        self.favorite_action.setCheckable(True)
        self.delete_action = self._action("&Move to trash", self.delete_template, ("Del",))
        self.trash_action = self._action("&Trash…", self.show_trash)
        self.restore_action = self._action(
            "&Restore from backup…",
            self.choose_backup,
            tip="Put back the templates, orders and settings of an earlier backup",
        )
        self.about_action = self._action("&About Replydesk", self.show_about)
        self.undo_action.setEnabled(False)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.new_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.copy_action)
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.profile_action)
        template_menu = bar.addMenu("&Template")
        for action in (self.edit_action, self.duplicate_action, self.favorite_action):
            template_menu.addAction(action)
        template_menu.addSeparator()
        template_menu.addAction(self.delete_action)
        template_menu.addAction(self.trash_action)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about_action)

    def _set_store_actions_enabled(self, enabled: bool) -> None:
        for action in (
            self.new_action,
            self.copy_action,
            self.find_action,
            self.profile_action,
            self.trash_action,
            self.restore_action,
        ):
            action.setEnabled(enabled)
        self._update_template_actions()

    def _update_template_actions(self) -> None:
        has_template = self.store is not None and self.template_id is not None
        for action in (
            self.edit_action,
            self.duplicate_action,
            self.favorite_action,
            self.delete_action,
        ):
            action.setEnabled(has_template)

    # -- showing and filling a template ----------------------------------------------

    def show_template(self, template_id: str, *, keep_typed: bool = False) -> None:
        """Build the form for a template and render its preview; `keep_typed` keeps what
        the user typed for this template (when it is shown again after a change)."""
        assert self.store is not None and self.profile is not None
        if not template_id:
            self._show_nothing()
            return
        try:
            row = self.store.get_template(template_id)
        except ReplydeskError as error:
            self.statusBar().showMessage(str(error), 5000)
            self._show_nothing()
            return
        self.template_id = row.id
        self.template_name = row.name
        self.title.setText(row.name)
        self.favorite_action.setChecked(row.favorite)
        # Read here, not per keystroke; the settings dialog's close shows the template again.
        self._read_block_copy()
        from replydesk.core.filling import TRUSTED_ORIGINS, Filling

        typed = self.filling if keep_typed and self.filling is not None else None
        self.filling = Filling(
            row.body,
            row.fields,
            row.language,
            order_values=self.order_bar.values(),
            profile_values=self._profile_values(row.language),
            default_currency=self.profile.default_currency,
            trusted=row.origin in TRUSTED_ORIGINS,
        )
        if typed is not None:
            self.filling.reply_values.update(typed.reply_values)
            self.filling.pinned = set(typed.pinned)
        specs = self.filling.form_fields
        initial = {spec.name: self.filling.initial_value(spec) for spec in specs}
        pinned = {name for name in self.filling.pinned if self.filling.uses(name)}
        self.form.show_fields(specs, initial, self._currency(), pinned=pinned)
        self._chain_preview_after_form()
        self._update_template_actions()
        self.refresh_preview()

    def _chain_preview_after_form(self) -> None:
        """New form editors join the end of the focus chain; put the preview back after them."""
        editors = self.form.editors()
        if editors:
            QWidget.setTabOrder(editors[-1].focus_widget(), self.preview.text_edit)
            QWidget.setTabOrder(self.preview.text_edit, self.preview.copy_button)

    def _show_nothing(self) -> None:
        self.template_id = None
        self.filling = None
        self.background_render.cancel()
        self._copy_when_ready = False
        self.findings = []
        self.title.setText("")
        self.form.clear()
        from replydesk.core.filling import FillResult

        self.preview.show_result(FillResult())
        self.order_bar.mark((), {})
        self._update_template_actions()

    def _profile_values(self, language: str) -> dict[str, object]:
        """The profile's values for a reply in `language`, with what was typed on top."""
        assert self.profile is not None
        from replydesk.core.store import signature_key

        values: dict[str, object] = dict(self.profile.values(language))
        for name in ("my_name", "signature"):
            key = signature_key(language) if name == "signature" else name
            if key in self._profile_changes:
                values[name] = self._profile_changes[key]
        return values

    def _currency(self) -> str:
        assert self.profile is not None
        return str(self.order_bar.values().get("currency") or self.profile.default_currency)

    def _read_block_copy(self) -> None:
        from replydesk.core.delivery import copy_blocked

        assert self.store is not None
        self.block_copy = copy_blocked(self.store)
        self.preview.set_block_copy(self.block_copy)

    def refresh_preview(self) -> FillResult:
        """Fill the shown template again and show the reply (or what stands in its way).

        A template that needs more than the interactive budget shows "Preparing the
        reply…" and is finished off the GUI thread; its result is shown when it arrives.
        """
        from replydesk.core.filling import FillResult

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
        from replydesk.core.filling import ORDER_BAR_FIELDS

        assert self.filling is not None
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
        if self.filling is None or self.store is None or self.profile is None:
            return
        self.filling.set_value(name, value)
        destination = self.filling.destination(name)
        if destination == "order":
            self.order_bar.set_extra_value(name, value)  # a pinned note: saved with the order
        elif destination == "profile":
            # One write once typing stops, of this field only (never a stale whole profile).
            from replydesk.core.store import signature_key

            # A signature typed for a reply in Russian is the Russian one.
            key = signature_key(self.filling.language) if name == "signature" else name
            if key not in self._profile_changes:
                self._profile_seen[key] = self._stored_profile_value(key)
            self._profile_changes[key] = None if value is None else str(value)
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
        if not self._profile_changes or self.store is None:
            return True
        from replydesk.core.fields import field_label

        changes, self._profile_changes = self._profile_changes, {}
        seen, self._profile_seen = self._profile_seen, {}
        try:
            stored = self.store.get_profile()
            self.profile = self.store.update_profile(changes)
        except ReplydeskError as error:
            self._profile_changes = {**changes, **self._profile_changes}
            self._profile_seen = {**seen, **self._profile_seen}
            self.statusBar().showMessage(f"Could not save the profile: {error}", 5000)
            return False
        replaced = [
            f"{field_label(key.partition('.')[0])} (it was “{_profile_value(stored, key)}”)"
            for key in changes
            if _profile_value(stored, key) != seen.get(key, _profile_value(stored, key))
        ]
        if replaced:
            self.statusBar().showMessage(
                "Your change replaced one made elsewhere: " + ", ".join(replaced), 10000
            )
        return True

    def _stored_profile_value(self, key: str) -> str:
        assert self.profile is not None
        return _profile_value(self.profile, key)

    def _store_changed(self) -> None:
        """Something was written to the database (maybe by another process): show it."""
        if self.store is None:
            return
        self.order_bar.refresh_from_store()
        try:
            profile = self.store.get_profile()
            changes = self.store.template_changes()
        except ReplydeskError:
            return
        if profile != self.profile and self.filling is not None:
            self.profile = profile
            values = self._profile_values(self.filling.language)
            self.filling.set_profile_values(values, profile.default_currency)
            self._show_profile_values(values)
            self.refresh_preview()
        self.profile = profile
        if changes != self._templates_seen:
            self._templates_seen = changes
            self._templates_changed()
            if self.template_id is not None:
                self._show_again_if_changed(self.template_id)

    def _show_profile_values(self, values: dict[str, object]) -> None:
        """The form's profile fields show what the store holds (unless being typed)."""
        assert self.filling is not None
        for editor in self.form.editors():
            name = editor.spec.name
            if self.filling.destination(name) == "profile" and editor.value() != values.get(name):
                editor.set_value(values.get(name))

    def _show_again_if_changed(self, template_id: str) -> None:
        assert self.store is not None
        try:
            row = self.store.get_template(template_id)
        except ReplydeskError:
            return
        shown = self.filling
        if shown is None or (row.body, row.language) != (shown.body, shown.language):
            self.show_template(template_id, keep_typed=True)
        elif row.name != self.template_name:
            self.template_name = row.name
            self.title.setText(row.name)

    def _go_to_form(self, template_id: str) -> None:
        if template_id and template_id != self.template_id:
            self.show_template(template_id)
        if not self.form.focus_first_empty():
            self.preview.setFocus()

    # -- copy ------------------------------------------------------------------------

    def copy_reply(self) -> bool:
        """Put the reply on the clipboard and count the use; False when there is no reply.

        A reply still being prepared off the GUI thread is copied as soon as it is ready,
        unless something changes before that.
        """
        if self.store is None or self.filling is None or self.template_id is None:
            return False
        result = None if self.background_render.is_pending() else self.refresh_preview()
        if result is None or result.rendering:
            self._copy_when_ready = True
            self.statusBar().showMessage("The reply is copied as soon as it is ready…", 5000)
            return False
        return self._copy_result(result)

    def _copy_result(self, result: FillResult) -> bool:
        from replydesk.core.delivery import BLOCKED_TEXT, Verdict, confirm_text, verdict

        assert self.template_id is not None
        if not result.ok or result.text is None:
            self.statusBar().showMessage(f"Nothing copied: {result.message}", 5000)
            return False
        asked = (self.template_id, result.text)
        decision = verdict(
            result.findings, blocked=self.block_copy, confirmed=self._confirmed == asked
        )
        if decision is Verdict.BLOCK:
            self.statusBar().showMessage(BLOCKED_TEXT, 8000)
            return False
        if decision is Verdict.CONFIRM:
            self._confirmed = asked
            self.statusBar().showMessage(confirm_text(result.findings, "Ctrl+Enter again"), 10000)
            return False
        self._confirmed = None
        QGuiApplication.clipboard().setText(result.text)
        log.info("copied the reply of %s (%d characters)", self.template_id, len(result.text))
        log.debug("the reply copied:\n%s", result.text)
        self.preview.flash_copied(self.template_name)
        self.statusBar().showMessage(f"Copied “{self.template_name}”", 3000)
        template_id = self.template_id
        # The clipboard first; the count is written right after, off the keystroke's path.
        QTimer.singleShot(0, lambda: self._record_use(template_id))
        self.copied.emit(template_id)
        return True

    def _record_use(self, template_id: str) -> None:
        from replydesk.core.delivery import record_delivery

        if self.store is None:
            return
        problem = record_delivery(self.store, template_id, self.order_bar.current_order_id())
        if problem is not None:
            self.statusBar().showMessage(problem, 5000)

    # -- editing ---------------------------------------------------------------------

    def _open_editor(self, template_id: str | None, duplicate: bool = False) -> None:
        from replydesk.ui.editor import TemplateEditor

        assert self.store is not None and self.profile is not None
        defaults = {"language": self.profile.default_language}
        editor = TemplateEditor(
            self.store, template_id, duplicate=duplicate, defaults=defaults, parent=self
        )
        editor.saved.connect(self._template_saved)
        editor.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        self.editor = editor
        editor.open()

    def new_template(self) -> None:
        self._open_editor(None)

    def edit_template(self) -> None:
        if self.template_id:
            self._open_editor(self.template_id)

    def duplicate_template(self) -> None:
        if self.template_id:
            self._open_editor(self.template_id, duplicate=True)

    def _template_saved(self, template_id: str) -> None:
        self._templates_changed()
        if not self.templates.select(template_id):
            self.templates.search_box().clear()
            self.templates.select(template_id)
        self.show_template(template_id)
        self.statusBar().showMessage("Template saved", 3000)

    def toggle_favorite(self) -> None:
        if self.store is None or self.template_id is None:
            return
        row = self.store.set_favorite(self.template_id, self.favorite_action.isChecked())
        self.templates.refresh()
        self.templates.select(row.id)

    def delete_template(self) -> None:
        """Move the current template to the trash; Undo brings it back."""
        if self.store is None or self.template_id is None:
            return
        template_id, name = self.template_id, self.template_name
        self.store.delete_template(template_id)
        self._deleted.append((template_id, name))
        self.undo_action.setEnabled(True)
        self.undo_action.setText(f"&Undo delete “{name}”")
        self.templates.refresh()
        self._show_undo_notice(name)
        if not self.templates.current_id():
            self._show_nothing()

    def _show_undo_notice(self, name: str) -> None:
        bar = self.statusBar()
        if getattr(self, "undo_button", None) is None:
            self.undo_button = QPushButton("Undo")
            self.undo_button.setAccessibleName("Undo delete")
            self.undo_button.setFlat(True)
            self.undo_button.clicked.connect(self.undo_delete)
            bar.addPermanentWidget(self.undo_button)
        self.undo_button.show()
        bar.showMessage(f"Moved “{name}” to the trash", UNDO_SECONDS * 1000)
        QTimer.singleShot(UNDO_SECONDS * 1000, self._hide_undo_if_stale)

    def _hide_undo_if_stale(self) -> None:
        if not self.statusBar().currentMessage() and getattr(self, "undo_button", None):
            self.undo_button.hide()

    def undo_delete(self) -> None:
        if self.store is None or not self._deleted:
            return
        template_id, name = self._deleted.pop()
        try:
            self.store.restore_template(template_id)
        except ReplydeskError as error:
            self.statusBar().showMessage(str(error), 5000)
            return
        self.undo_action.setEnabled(bool(self._deleted))
        self.undo_action.setText(
            f"&Undo delete “{self._deleted[-1][1]}”" if self._deleted else "&Undo delete"
        )
        if getattr(self, "undo_button", None) is not None and not self._deleted:
            self.undo_button.hide()
        self.templates.refresh()
        self.templates.select(template_id)
        self.statusBar().showMessage(f"Restored “{name}”", 3000)

    def choose_backup(self) -> None:
        """File → Restore from backup…"""
        from replydesk.core.backups import list_backups
        from replydesk.ui.backup_dialog import RestoreDialog

        assert self.store is not None
        dialog = RestoreDialog(list_backups(self.store.backup_dir), self.store.backup_dir, self)
        dialog.restoreChosen.connect(self.restore_backup)
        dialog.exec()

    def restore_backup(self, backup: Path) -> None:
        """Replace the data with a backup's (the current data is backed up first), then
        show it: the list, the current order, the profile and the template."""
        from replydesk.core.backups import restore

        assert self.store is not None
        self.order_bar.flush()
        self.flush_profile()
        try:
            safety = restore(backup, self.store.path, self.store.backup_dir)
        except ReplydeskError as error:
            show_error(self, "Restore from backup", str(error))
            return
        self.watcher.stop()  # the file may be a new one: read its version afresh
        self.watcher.start()
        self.profile = self.store.get_profile()
        self.order_bar.reload()
        self.templates.reload_filters()
        self.templates.refresh()
        current = self.templates.current_id()
        self.show_template(current or "")
        kept = f"; what you had is in {safety.name}" if safety is not None else ""
        self.statusBar().showMessage(f"Restored {backup.name}{kept}", 10000)

    def show_trash(self) -> None:
        from replydesk.ui.dialogs import TrashDialog

        assert self.store is not None
        dialog = TrashDialog(self.store, self)
        dialog.changed.connect(self._templates_changed)
        dialog.restored.connect(self._forget_deleted)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        self.trash_dialog = dialog
        dialog.open()

    def _templates_changed(self) -> None:
        self.templates.reload_filters()
        self.templates.refresh()

    def _forget_deleted(self, template_id: str) -> None:
        self._deleted = [item for item in self._deleted if item[0] != template_id]
        self.undo_action.setEnabled(bool(self._deleted))

    def edit_profile(self) -> None:
        from replydesk.ui.dialogs import ProfileDialog

        assert self.store is not None
        dialog = ProfileDialog(self.store, self)
        dialog.accepted.connect(self._profile_saved)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        self.profile_dialog = dialog
        dialog.open()

    def _profile_saved(self) -> None:
        assert self.store is not None
        self.profile = self.store.get_profile()
        if self.template_id:
            self.show_template(self.template_id)

    def focus_search(self) -> None:
        if self.store is not None:
            self.templates.focus_search()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "About Replydesk",
            f"<b>Replydesk {__version__}</b><br>Reply templates filled from an order's "
            "fields, copied in one keystroke.",
        )

    # -- window state ----------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)

    def _restore_splitter(self, splitter: QSplitter) -> None:
        state = self.settings.value(f"window/{splitter.objectName()}")
        if isinstance(state, QByteArray):
            splitter.restoreState(state)

    def _restore_panels(self) -> None:
        self._restore_splitter(self.fill_split)
        last = self.settings.value("window/lastTemplate")
        if isinstance(last, str) and last:
            self.templates.select(last)
        current = self.templates.current_id()
        if current and current != self.template_id:
            self.show_template(current)

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        if self.store is not None:
            for splitter in (self.main_split, self.fill_split):
                self.settings.setValue(f"window/{splitter.objectName()}", splitter.saveState())
            self.settings.setValue("window/lastTemplate", self.template_id or "")
        self.settings.sync()

    def quit_app(self) -> None:
        """File → Quit: really quit, even with a tray."""
        self.keep_running_in_tray = False
        self.quitRequested.emit()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.store is not None:
            self.order_bar.flush()
            self.flush_profile()
        self.save_state()
        if self.keep_running_in_tray:
            event.ignore()
            self.hide()
            self.hiddenToTray.emit()
            return
        if self.store is not None:
            self.watcher.stop()
        super().closeEvent(event)

    # -- import and export -----------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.store is not None and _dropped_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_file(paths[0])

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Import templates",
            str(Path.home()),
            "Replydesk templates (*.replydesk *.zip *.md);;All files (*)",
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> bool:
        """Read a file or folder of templates off the GUI thread, then show what importing
        it would do. One import at a time: False (and a message) while another is being
        read or previewed."""
        from replydesk.core.bundle import read_bundle
        from replydesk.core.merge import plan_import
        from replydesk.ui.tasks import run_in_background

        if self.store is None:
            return False
        if self.import_in_progress():
            self.statusBar().showMessage(IMPORT_BUSY_MESSAGE, 6000)
            return False
        store = self.store
        self._reading_import = path
        self.statusBar().showMessage(f"Reading {path.name or path}…")
        run_in_background(
            lambda: plan_import(store, read_bundle(path)), self._preview_import, self._import_failed
        )
        return True

    def import_in_progress(self) -> bool:
        """True while an import is being read or its preview is open."""
        return self._reading_import is not None or self.import_dialog is not None

    def _import_failed(self, error: BaseException) -> None:
        self.statusBar().clearMessage()
        try:
            if not isinstance(error, ReplydeskError):
                raise error  # a bug, not a bad file: the excepthook reports it
            show_error(self, "Import templates", str(error))
        finally:
            self._reading_import = None  # not before: the message counts as the import

    def _preview_import(self, plan: MergePlan) -> None:
        from replydesk.ui.import_dialog import ImportDialog

        self._reading_import = None
        self.statusBar().clearMessage()
        if self.store is None:
            return
        dialog = ImportDialog(self.store, plan, self)
        dialog.imported.connect(self._imported)
        dialog.finished.connect(self._import_closed)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        self.import_dialog = dialog
        dialog.open()

    def _import_closed(self) -> None:
        self.import_dialog = None

    def _imported(self, outcome: object) -> None:
        self._templates_changed()
        if self.template_id:
            self.show_template(self.template_id)
        self.statusBar().showMessage(f"Imported: {outcome}", 6000)

    def choose_export(self) -> None:
        from replydesk.ui.export_dialog import ExportDialog

        if self.store is None:
            return
        dialog = ExportDialog(self.store, self.template_id, self)
        dialog.exported.connect(lambda message: self.statusBar().showMessage(message, 6000))
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        self.export_dialog = dialog
        dialog.open()


IMPORTABLE_SUFFIXES = (".replydesk", ".zip", ".md", ".json")
IMPORT_BUSY_MESSAGE = "An import is already open in Replydesk: finish it first"


def _profile_value(profile: Profile, key: str) -> str:
    """A profile value by its update_profile key ("my_name", "signature.ru")."""
    if key.startswith("signature."):
        return profile.signature_for(key.removeprefix("signature."))
    return str(getattr(profile, key, ""))


def _dropped_paths(mime: QMimeData) -> list[Path]:
    """Local files or folders that can be imported, from a drop."""
    found = []
    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.is_dir() or path.suffix.lower() in IMPORTABLE_SUFFIXES:
                found.append(path)
    return found
