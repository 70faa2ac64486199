"""The main window: a shell that composes the list, the reply panel, the menus and the
status bar, and runs the window's long work (import, restore) in the background."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import QMimeData, QSettings, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QPaintEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from replydesk import __version__
from replydesk.core.errors import ReplydeskError
from replydesk.core.i18n import LANGUAGES, N_, _
from replydesk.ui.errors import show_error
from replydesk.ui.settings import WindowState
from replydesk.ui.window_actions import WindowActions

log = logging.getLogger("replydesk.window")

if TYPE_CHECKING:
    # Imported where first used instead: the window paints before jinja2, the checker's
    # rules and the database layer are loaded (start-up is measured against a bare window).
    from PySide6.QtGui import QAction

    from replydesk.core import checker
    from replydesk.core.backups import Backup
    from replydesk.core.catalog import Catalog
    from replydesk.core.filling import Filling, FillResult
    from replydesk.core.merge import MergePlan
    from replydesk.core.models import Profile, TemplateRow
    from replydesk.core.progress import Progress
    from replydesk.core.store import TemplateStore
    from replydesk.ui.background_render import BackgroundRender
    from replydesk.ui.backup_dialog import RecoveryPage
    from replydesk.ui.editor import TemplateEditor
    from replydesk.ui.export_dialog import ExportDialog
    from replydesk.ui.fill_form import FillForm
    from replydesk.ui.import_dialog import ImportDialog
    from replydesk.ui.join_dialog import JoinReplyDialog
    from replydesk.ui.order_bar import OrderBar
    from replydesk.ui.preview import PreviewPane
    from replydesk.ui.profile_dialog import ProfileDialog
    from replydesk.ui.reply_panel import ReplyPanel
    from replydesk.ui.store_events import StoreEvents
    from replydesk.ui.tasks import BackgroundTask, ProgressStrip
    from replydesk.ui.template_list import TemplateListPanel
    from replydesk.ui.trash_dialog import TrashDialog
    from replydesk.ui.undo_delete import UndoDelete
    from replydesk.ui.variant_bar import VariantBar
    from replydesk.ui.welcome import WelcomeDialog

WINDOW_TITLE = "Replydesk"  # the app's name: not translated
LOADING_TEXT = N_("Opening your templates…")  # translated where shown


class MainWindow(QMainWindow):
    """The window a freelancer keeps open all day.

    It shows at once; the app then opens the database off the GUI thread in two steps:
    `set_catalog` shows the list (search works), `set_store` builds the rest. Its parts
    (`templates`, `reply` and the reply's `order_bar`, `form`, `preview`) are views; the
    store is the one home of what they show, and `events` announces its changes.
    """

    firstPainted = Signal()
    listed = Signal()  # the list is shown and searchable (set_catalog)
    ready = Signal()  # every panel is built (set_store)
    startFailed = Signal(str)
    hiddenToTray = Signal()
    quitRequested = Signal()
    copied = Signal(str)  # the template id whose reply went to the clipboard
    previewUpdated = Signal(object)  # the FillResult the preview now shows
    importFinished = Signal(object)  # the ImportOutcome, or the error that stopped it

    def __init__(self, settings: QSettings) -> None:
        super().__init__()
        self.state = WindowState(settings)
        self.catalog: Catalog | None = None
        self.store: TemplateStore | None = None
        self.events: StoreEvents | None = None
        self._templates: TemplateListPanel | None = None
        self._reply: ReplyPanel | None = None
        self._variants: VariantBar | None = None  # the selected reply's languages
        self._undo: UndoDelete | None = None
        self._progress: ProgressStrip | None = None
        self._task: BackgroundTask | None = None  # the window's long work now running
        self.main_split: QSplitter | None = None
        self.right_side: QStackedWidget | None = None
        self.keep_running_in_tray = False  # set by the resident app when there is a tray
        self._painted = False
        self._select_when_listed: str | None = None  # saved or restored, not listed yet
        self._reading_import: Path | None = None  # being read off the GUI thread
        self.import_dialog: ImportDialog | None = None  # the open import preview
        # The dialogs last opened (each deletes itself when closed).
        self.editor: TemplateEditor | None = None
        self.trash_dialog: TrashDialog | None = None
        self.profile_dialog: ProfileDialog | None = None
        self.export_dialog: ExportDialog | None = None
        self.join_dialog: JoinReplyDialog | None = None
        self.welcome: WelcomeDialog | None = None
        self.setWindowTitle(WINDOW_TITLE)
        self.resize(1180, 760)
        self.pages = QStackedWidget()
        self.loading = QLabel(_(LOADING_TEXT))
        self.loading_page = _centred(self.loading)
        self.pages.addWidget(self.loading_page)
        self.setCentralWidget(self.pages)
        self.setAcceptDrops(True)
        self.state.restore_geometry(self)
        self.actions_ = WindowActions(self)
        self._connect_actions()
        self._update_actions()

    # -- parts -------------------------------------------------------------------------

    @property
    def templates(self) -> TemplateListPanel:
        """The template list (after set_catalog)."""
        assert self._templates is not None, "the list is shown by set_catalog"
        return self._templates

    @property
    def reply(self) -> ReplyPanel:
        """The order bar, form and preview of the shown template (after set_store)."""
        assert self._reply is not None, "the reply panel is built by set_store"
        return self._reply

    @property
    def order_bar(self) -> OrderBar:
        return self.reply.order_bar

    @property
    def form(self) -> FillForm:
        return self.reply.form

    @property
    def preview(self) -> PreviewPane:
        return self.reply.preview

    @property
    def title(self) -> QLabel:
        return self.reply.title

    @property
    def fill_split(self) -> QSplitter:
        return self.reply.fill_split

    @property
    def background_render(self) -> BackgroundRender:
        return self.reply.background_render

    @property
    def filling(self) -> Filling | None:
        return None if self._reply is None else self._reply.filling

    @property
    def template_id(self) -> str | None:
        return None if self._reply is None else self._reply.template_id

    @property
    def template_name(self) -> str:
        return "" if self._reply is None else self._reply.template_name

    @property
    def profile(self) -> Profile | None:
        return None if self._reply is None else self._reply.profile

    @property
    def findings(self) -> list[checker.Finding]:
        return [] if self._reply is None else self._reply.findings

    @property
    def progress_strip(self) -> ProgressStrip:
        """The status bar's progress bar and Cancel of the window's long work."""
        assert self._progress is not None, "built by set_store"
        return self._progress

    @property
    def undo_action(self) -> QAction:
        return self.actions_.undo

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
        self.loading.setText(_(LOADING_TEXT))
        self.pages.setCurrentWidget(self.loading_page)

    def show_start_error(self, message: str) -> None:
        """The store could not be opened: say so in place of the panels."""
        problem = _("Replydesk could not open your templates.")
        self.loading.setText(f"{problem}\n\n{message}")
        self.loading.setWordWrap(True)
        self.loading.setMinimumWidth(560)  # a wrapped label would otherwise be a narrow column
        self.loading.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.startFailed.emit(message)

    def set_catalog(self, catalog: Catalog) -> None:
        """Show the template list (search works at once); the rest waits for `set_store`."""
        from replydesk.ui.template_list import TemplateListPanel

        self.catalog = catalog
        self._templates = TemplateListPanel(catalog)
        self.right_side = QStackedWidget()
        self.right_side.addWidget(
            QLabel(_(LOADING_TEXT), alignment=QtCore.Qt.AlignmentFlag.AlignCenter)
        )
        self.main_split = QSplitter(QtCore.Qt.Orientation.Horizontal)
        self.main_split.setObjectName("mainSplit")
        self.main_split.addWidget(self._templates)
        self.main_split.addWidget(self.right_side)
        self.main_split.setStretchFactor(0, 1)
        self.main_split.setStretchFactor(1, 3)
        self.main_split.setSizes([330, 850])
        self.state.restore_splitter(self.main_split)
        self.pages.addWidget(self.main_split)
        self.pages.setCurrentWidget(self.main_split)
        self._templates.focus_search()
        self.listed.emit()

    def set_store(self, store: TemplateStore) -> None:
        """Build the order bar, form and preview over an open store; the list too, over
        the store's file, unless `set_catalog` came first."""
        from replydesk.ui.reply_panel import ReplyPanel
        from replydesk.ui.store_events import StoreEvents
        from replydesk.ui.tasks import ProgressStrip
        from replydesk.ui.undo_delete import UndoDelete

        self.store = store
        if self.catalog is None:
            from replydesk.core.catalog import Catalog

            self.set_catalog(Catalog(store.path))
        assert self.right_side is not None
        self.events = StoreEvents(store, self, catalog=self.catalog)
        from replydesk.ui.variant_bar import VariantBar

        self._reply = ReplyPanel(store, self)
        variants = self._variants = VariantBar()
        filling = QWidget()
        column = QVBoxLayout(filling)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(variants)
        column.addWidget(self._reply, 1)
        self.right_side.addWidget(filling)
        self.right_side.setCurrentWidget(filling)
        self._undo = UndoDelete(store, self.actions_.undo, self.statusBar())
        self._progress = ProgressStrip()
        self.statusBar().addPermanentWidget(self._progress)
        self._connect_parts(self._reply, self.events, self._undo)
        # Opening the store may have added built-in templates: list them too.
        self.templates.reload_filters()
        self._follow_order(self._reply.order_bar.values())
        self.templates.refresh()
        self._show_reply_languages()
        self._show_variants()
        self._update_actions()
        self._restore_panels()
        from replydesk.ui.welcome import maybe_show_welcome

        self.welcome = maybe_show_welcome(self, store, on_saved=self._reply.profile_changed)
        self.ready.emit()

    def _show_reply_languages(self) -> None:
        """The list shows the languages the user writes replies in (the welcome asks)."""
        from replydesk.core import settings

        if self.store is None:
            return
        try:
            codes = settings.REPLY_LANGUAGES.read(self.store)
        except ReplydeskError as error:  # the list then shows every language
            log.warning("the reply languages cannot be read: %s", error)
            return
        self.templates.show_reply_languages(codes)

    def _follow_order(self, values: dict[str, object]) -> None:
        """The list shows each reply in the client's language (the order's)."""
        language = values.get("language")
        self.templates.show_order_language(language if isinstance(language, str) else "")
        self._show_variants()  # the same variant may now stand in for the client's language

    def _show_variants(self) -> None:
        """The variant bar (and Separate from its reply) follows the selected reply."""
        if self._variants is not None:
            self._variants.show_variants(*self.templates.current_variants())
        self._update_actions()

    def _connect_parts(self, reply: ReplyPanel, events: StoreEvents, undo: UndoDelete) -> None:
        self.templates.currentTemplateChanged.connect(reply.show_template)
        self.templates.currentTemplateChanged.connect(self._show_variants)
        if self._variants is not None:
            self._variants.variantChosen.connect(self.templates.pick_variant)
        reply.order_bar.orderChanged.connect(self._follow_order)
        self.templates.activated.connect(reply.go_to_form)
        reply.notice.connect(self.show_notice)
        reply.copied.connect(self.copied)
        reply.previewUpdated.connect(self.previewUpdated)
        reply.templateShown.connect(self._template_shown)
        events.templatesChanged.connect(self._templates_changed)
        events.ordersChanged.connect(reply.orders_changed)
        events.profileChanged.connect(reply.profile_changed)
        events.settingsChanged.connect(reply.read_block_copy)
        events.settingsChanged.connect(self._show_reply_languages)
        undo.notice.connect(self.show_notice)
        undo.restored.connect(self.select_template)

    def _connect_actions(self) -> None:
        actions = self.actions_
        actions.new.triggered.connect(self.new_template)
        actions.quit.triggered.connect(self.quit_app)
        actions.import_.triggered.connect(self.choose_import)
        actions.export.triggered.connect(self.choose_export)
        actions.copy.triggered.connect(self.copy_reply)
        actions.find.triggered.connect(self.focus_search)
        actions.profile.triggered.connect(self.edit_profile)
        actions.edit.triggered.connect(self.edit_template)
        actions.duplicate.triggered.connect(self.duplicate_template)
        actions.add_variant.triggered.connect(self.add_variant)
        actions.join_reply.triggered.connect(self.join_reply)
        actions.separate.triggered.connect(self.separate_variant)
        actions.favorite.triggered.connect(self.toggle_favorite)
        actions.delete.triggered.connect(self.delete_template)
        actions.trash.triggered.connect(self.show_trash)
        actions.restore.triggered.connect(self.choose_backup)
        actions.about.triggered.connect(self.show_about)

    def _update_actions(self) -> None:
        variants, _chosen = self.templates.current_variants() if self.store else ([], None)
        self.actions_.enable(
            store=self.store is not None,
            template=self.template_id is not None,
            variant=len(variants) > 1,
        )

    def _template_shown(self, row: TemplateRow | None) -> None:
        self.actions_.favorite.setChecked(row is not None and row.favorite)
        self._update_actions()

    def _templates_changed(self) -> None:
        """Announced by the store: any template changed, here or in another process."""
        self.templates.reload_filters()
        self.templates.refresh()
        self._show_variants()  # a variant may have been added or taken away
        if self._select_when_listed is not None:
            self.select_template(self._select_when_listed)
        self.reply.templates_changed()
        if self.template_id is not None and not self.templates.current_id():
            self.reply.show_nothing()  # the shown one left the list (trash, filter)

    # -- what the app and the resident use -------------------------------------------

    def show_notice(self, message: str, milliseconds: int = 5000) -> None:
        """Say something in the status bar (0: until the next message)."""
        self.statusBar().showMessage(message, milliseconds)

    def flush_pending(self) -> bool:
        """Save what is being typed (the order, the profile) now: before another part
        reads the store (the palette), before a restore, on close."""
        return self._reply is None or self._reply.flush()

    def show_template(self, template_id: str, *, keep_typed: bool = False) -> None:
        self.reply.show_template(template_id, keep_typed=keep_typed)

    def refresh_preview(self) -> FillResult:
        return self.reply.refresh_preview()

    def copy_reply(self) -> bool:
        """Put the reply on the clipboard (see ReplyPanel.copy_reply)."""
        return self._reply is not None and self._reply.copy_reply()

    def flush_profile(self) -> bool:
        return self._reply is None or self._reply.flush_profile()

    def switch_order(self, order_id: int | None) -> None:
        """Fill replies from this order (the palette chose it)."""
        self.reply.order_bar.switch_to(order_id)

    def focus_search(self) -> None:
        if self.store is not None:
            self.templates.focus_search()

    def task_running(self) -> bool:
        """True while the window's long work (an import being applied, a restore) runs."""
        return self._task is not None and self._task.is_running()

    # -- editing ---------------------------------------------------------------------

    def _open_editor(
        self,
        template_id: str | None,
        duplicate: bool = False,
        variant_language: str | None = None,
    ) -> None:
        from replydesk.ui.editor import TemplateEditor

        assert self.store is not None and self.profile is not None
        defaults = {"language": self.profile.default_language}
        editor = TemplateEditor(
            self.store,
            template_id,
            duplicate=duplicate,
            variant_language=variant_language,
            defaults=defaults,
            events=self.events,
            parent=self,
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

    def add_variant(self) -> None:
        """Write the shown reply in another language: the client's when the reply has no
        variant in it, else the first of the app's languages it lacks."""
        if not self.template_id:
            return
        variants, _chosen = self.templates.current_variants()
        have = {variant.language for variant in variants}
        client = self._reply.order_bar.values().get("language") if self._reply else None
        wanted = [client] if isinstance(client, str) and client else []
        missing = [code for code in (*wanted, *LANGUAGES) if code not in have]
        language = missing[0] if missing else (*wanted, "en")[0]  # the editor can change it
        self._open_editor(self.template_id, duplicate=True, variant_language=language)

    def join_reply(self) -> None:
        """Choose another reply for the shown template to be a variant of."""
        from replydesk.ui.join_dialog import JoinReplyDialog

        summary = self.templates.current_summary()
        if self.store is None or self.catalog is None or summary is None:
            return
        dialog = JoinReplyDialog(self.store, self.catalog, summary, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.joined.connect(self._joined)
        self.join_dialog = dialog
        dialog.open()

    def _joined(self, template_id: str) -> None:
        self.select_template(template_id)
        # Translators: said in the status bar once a template joined another reply.
        self.show_notice(_("It is now a variant of that reply, in its own language."))

    def separate_variant(self) -> None:
        """Make the shown variant a reply of its own (the others stay one reply)."""
        summary = self.templates.current_summary()
        if self.store is None or summary is None or not summary.family:
            return
        try:
            self.store.update_template(summary.id, family="")
        except ReplydeskError as error:
            self.show_notice(str(error))
            return
        self.select_template(summary.id)
        message = _("“{name}” is now a reply of its own.")
        self.show_notice(message.format(name=summary.name))

    def select_template(self, template_id: str) -> None:
        """Select and show a template; one just written is selected once the store's
        announcement has listed it (the search is cleared if it hides it)."""
        self._select_when_listed = None
        if self.templates.select(template_id):
            return
        self.templates.search_box().clear()
        if not self.templates.select(template_id):
            self._select_when_listed = template_id

    def _template_saved(self, template_id: str) -> None:
        self.reply.show_template(template_id)
        self.select_template(template_id)
        self.show_notice(_("Template saved"), 3000)

    def toggle_favorite(self) -> None:
        if self.store is None or self.template_id is None:
            return
        try:
            self.store.set_favorite(self.template_id, self.actions_.favorite.isChecked())
        except ReplydeskError as error:
            self.show_notice(str(error), 5000)

    def delete_template(self) -> None:
        """Move the current template to the trash; Undo brings it back."""
        if self._undo is None or self.template_id is None:
            return
        self._undo.delete(self.template_id, self.template_name)

    def undo_delete(self) -> None:
        if self._undo is not None:
            self._undo.undo()

    def show_trash(self) -> None:
        from replydesk.ui.trash_dialog import TrashDialog

        assert self.store is not None and self._undo is not None
        dialog = TrashDialog(self.store, self)
        dialog.restored.connect(self._undo.forget)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        self.trash_dialog = dialog
        dialog.open()

    def edit_profile(self) -> None:
        from replydesk.ui.profile_dialog import ProfileDialog

        assert self.store is not None
        dialog = ProfileDialog(self.store, self, window_state=self.state)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        self.profile_dialog = dialog
        dialog.open()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            _("About Replydesk"),
            f"<b>Replydesk {__version__}</b><br>"
            + _("Reply templates filled from an order's fields, copied in one keystroke."),
        )

    # -- restore ---------------------------------------------------------------------

    def choose_backup(self) -> None:
        """File → Restore from backup…"""
        from replydesk.core.backups import list_backups
        from replydesk.ui.backup_dialog import RestoreDialog

        assert self.store is not None
        dialog = RestoreDialog(list_backups(self.store.backup_dir), self.store.backup_dir, self)
        dialog.restoreChosen.connect(self.restore_backup)
        dialog.exec()

    def restore_backup(self, backup: Path) -> bool:
        """Replace the data with a backup's (the current data is backed up first) off the
        GUI thread; the store's announcement then shows it everywhere. False (and a
        message) while other long work runs."""
        assert self.store is not None
        if self.task_running():
            self.show_notice(_(TASK_BUSY_MESSAGE), 6000)
            return False
        self.flush_pending()
        store = self.store
        self._run_task(
            # Translators: the status bar's progress; {backup} is the backup's file name.
            _("Restoring {backup}…").format(backup=backup.name),
            lambda progress: store.restore_backup(backup, progress),
            lambda safety: self._restored(backup, safety),
            lambda error: self._task_failed(_("Restore from backup"), error),
        )
        return True

    def _restored(self, backup: Path, safety: Path | None) -> None:
        assert self.events is not None
        self.events.restart()  # the file may be a new one: read its version afresh
        self.reply.order_bar.reload()
        self.reply.show_template(self.templates.current_id() or "")
        if safety is not None:
            # Translators: {backup} and {safety} are backup file names; {safety} holds the
            # data from before the restore.
            notice = _("Restored {backup}; what you had is in {safety}").format(
                backup=backup.name, safety=safety.name
            )
        else:
            # Translators: {backup} is the backup's file name.
            notice = _("Restored {backup}").format(backup=backup.name)
        self.show_notice(notice, 10000)

    def _run_task(
        self,
        title: str,
        work: Callable[[Progress], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[object], None],
    ) -> None:
        """Run the window's long work with the status bar's progress and Cancel."""
        from replydesk.ui.tasks import BackgroundTask

        assert self._progress is not None
        task = BackgroundTask(title, work, self)
        task.done.connect(on_done)
        task.failed.connect(on_error)
        self._task = task
        self._progress.follow(task)
        task.start()

    def _task_failed(self, title: str, error: object) -> None:
        if not isinstance(error, ReplydeskError):
            raise error if isinstance(error, BaseException) else RuntimeError(error)
        from replydesk.core.progress import Cancelled

        if isinstance(error, Cancelled):
            self.show_notice(str(error), 6000)
        else:
            show_error(self, title, str(error))

    # -- window state ----------------------------------------------------------------

    def _restore_panels(self) -> None:
        self.state.restore_splitter(self.reply.fill_split)
        last = self.state.last_template()
        if last:
            self.templates.select(last)
        current = self.templates.current_id()
        if current and current != self.template_id:
            self.reply.show_template(current)

    def save_state(self) -> None:
        splitters: tuple[QSplitter, ...] = ()
        if self.main_split is not None and self._reply is not None:
            splitters = (self.main_split, self._reply.fill_split)
        self.state.save(self, splitters, self.template_id)

    def quit_app(self) -> None:
        """File → Quit: really quit, even with a tray."""
        self.keep_running_in_tray = False
        self.quitRequested.emit()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush_pending()
        self.save_state()
        if self.keep_running_in_tray:
            event.ignore()
            self.hide()
            self.hiddenToTray.emit()
            return
        if self.events is not None:
            self.events.stop()
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
        # The file patterns stay as they are; only their descriptions are translated.
        templates, everything = _("Replydesk templates"), _("All files")
        file_types = f"{templates} (*.replydesk *.zip *.md);;{everything} (*)"
        path, _file_type = QFileDialog.getOpenFileName(
            self, _("Import templates"), str(Path.home()), file_types
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> bool:
        """Read a file or folder of templates off the GUI thread, then show what importing
        it would do. One import at a time: False (and a message) while another is being
        read or previewed."""
        from replydesk.core.bundle import read_bundle
        from replydesk.core.merge import plan_import
        from replydesk.ui.tasks import settle_heap

        if self.store is None:
            return False
        if self.import_in_progress():
            self.show_notice(_(IMPORT_BUSY_MESSAGE), 6000)
            return False
        if self.task_running():
            self.show_notice(_(TASK_BUSY_MESSAGE), 6000)
            return False
        store = self.store

        def read_and_plan(progress: Progress) -> MergePlan:
            plan = plan_import(store, read_bundle(path, progress), progress)
            settle_heap()  # the plan lives while its preview is open: out of the collector's walks
            return plan

        self._reading_import = path
        self._run_task(
            # Translators: the status bar's progress; {file} is the name of the file imported.
            _("Reading {file}…").format(file=path.name or path),
            read_and_plan,
            self._preview_import,
            self._import_failed,
        )
        return True

    def import_in_progress(self) -> bool:
        """True while an import is being read, previewed or applied."""
        return self._reading_import is not None or self.import_dialog is not None

    def _import_failed(self, error: object) -> None:
        try:
            self._task_failed(_("Import templates"), error)
        finally:
            self._reading_import = None  # not before: the message counts as the import

    def _preview_import(self, plan: MergePlan) -> None:
        from replydesk.ui.import_dialog import ImportDialog

        self._reading_import = None
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
        """The list already shows the imported templates (the store announced them)."""
        # Translators: {outcome} says what the import did ("2 added, 1 updated").
        self.show_notice(_("Imported: {outcome}").format(outcome=outcome), 6000)
        self.importFinished.emit(outcome)

    def choose_export(self) -> None:
        from replydesk.ui.export_dialog import ExportDialog

        if self.store is None:
            return
        dialog = ExportDialog(self.store, self.template_id, self)
        dialog.exported.connect(lambda message: self.show_notice(message, 6000))
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        self.export_dialog = dialog
        dialog.open()


def _centred(label: QLabel) -> QWidget:
    """A page with `label` in its middle, centred by stretches, not an alignment flag:
    PySide builds the Qt namespace's enums on first use (about 10 ms), which the first
    paint need not wait for."""
    page = QWidget()
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(label)
    row.addStretch(1)
    column = QVBoxLayout(page)
    column.addStretch(1)
    column.addLayout(row)
    column.addStretch(2)
    return page


IMPORTABLE_SUFFIXES = (".replydesk", ".zip", ".md", ".json")
# Marked here, translated where they are shown.
IMPORT_BUSY_MESSAGE = N_("An import is already open in Replydesk: finish it first")
TASK_BUSY_MESSAGE = N_("Replydesk is busy with an import or a restore: wait for it or cancel it")


def _dropped_paths(mime: QMimeData) -> list[Path]:
    """Local files or folders that can be imported, from a drop."""
    found = []
    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.is_dir() or path.suffix.lower() in IMPORTABLE_SUFFIXES:
                found.append(path)
    return found
