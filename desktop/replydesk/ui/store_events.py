"""The one Qt-side announcer of store changes: every view updates from its signals.

Fed by the store's own announcements (`TemplateStore.changes`, after each committed write,
from whichever thread wrote) and by `StoreWatcher` (any commit to the file, another
process's too). Signals are always delivered on the GUI thread, after the write's caller
has returned (never in the middle of a view's own save), and a burst of writes is
announced once. Given the window's `Catalog`, a change to the templates first reloads
its summaries on a worker thread, so the views' reads after `templatesChanged` are
instant even after an import of thousands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from replydesk.core.changes import Change
from replydesk.core.errors import ReplydeskError
from replydesk.ui.store_watcher import StoreWatcher
from replydesk.ui.tasks import run_in_background

if TYPE_CHECKING:
    from replydesk.core.catalog import Catalog
    from replydesk.core.store import TemplateStore


class StoreEvents(QObject):
    """`changed(Change)` after any write; the per-part signals after writes touching them."""

    changed = Signal(object)  # the Change
    templatesChanged = Signal()  # the list, a template's text, the trash, an import, a restore
    ordersChanged = Signal()  # an order's fields or the current order
    profileChanged = Signal()
    settingsChanged = Signal()
    _announced = Signal(object)  # from the writing thread, queued to the GUI thread

    def __init__(
        self,
        store: TemplateStore,
        parent: QObject | None = None,
        *,
        catalog: Catalog | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._catalog = catalog
        self._templates_seen = self._template_counter()
        self._pending = Change.NONE
        self._refreshing = False  # the catalog reloads; what it is for waits in _held
        self._held = Change.NONE
        self._stopped = False
        self._announced.connect(self._collect, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = store.changes.subscribe(self._announced.emit)
        self._watcher = StoreWatcher(store.path, self)
        self._watcher.changed.connect(self._written_to_file)
        self._watcher.start()

    def check_now(self) -> bool:
        """Look for another process's write now (the watcher also does, a few times a second)."""
        return self._watcher.check()

    def restart(self) -> None:
        """The file was replaced (a restore): read its version afresh, then say all changed."""
        self._watcher.stop()
        self._watcher.start()
        self._templates_seen = self._template_counter()
        self._collect(Change.ALL)

    def stop(self) -> None:
        self._stopped = True
        self._unsubscribe()
        self._watcher.stop()

    def _collect(self, change: Change) -> None:
        if not self._pending:
            QTimer.singleShot(0, self._flush)
        self._pending |= change

    def _flush(self) -> None:
        if self._refreshing:
            return  # said when the catalog has reloaded
        change, self._pending = self._pending, Change.NONE
        if Change.TEMPLATES in change and self._catalog is not None and not self._stopped:
            self._refreshing, self._held = True, change
            run_in_background(self._catalog.refresh, self._refreshed, self._refreshed)
            return
        self._emit(change)

    def _refreshed(self, _outcome: object) -> None:
        """The catalog has reloaded (or could not: the views' own reads then say why)."""
        change, self._held, self._refreshing = self._held, Change.NONE, False
        if self._stopped:
            return
        self._emit(change)
        if self._pending:
            QTimer.singleShot(0, self._flush)

    def _template_counter(self) -> int | None:
        try:
            return self._store.template_changes()
        except ReplydeskError:
            return None

    def _written_to_file(self) -> None:
        """Someone committed (maybe another process): the counter tells whether templates
        moved; orders, the profile and settings cannot be told apart, so all are said."""
        change = Change.ORDERS | Change.PROFILE | Change.SETTINGS
        counter = self._template_counter()
        if counter != self._templates_seen:
            change |= Change.TEMPLATES
        self._collect(change)

    def _emit(self, change: Change) -> None:
        if not change:
            return
        if Change.TEMPLATES in change:
            self._templates_seen = self._template_counter()
        self.changed.emit(change)
        if Change.TEMPLATES in change:
            self.templatesChanged.emit()
        if Change.ORDERS in change:
            self.ordersChanged.emit()
        if Change.PROFILE in change:
            self.profileChanged.emit()
        if Change.SETTINGS in change:
            self.settingsChanged.emit()


__all__ = ["StoreEvents"]
