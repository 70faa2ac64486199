"""The one Qt-side announcer of store changes: every view updates from its signals.

Fed by the store's own announcements (`TemplateStore.changes`, after each committed write,
from whichever thread wrote) and by `StoreWatcher` (any commit to the file, another
process's too). Signals are always delivered on the GUI thread, after the write's caller
has returned (never in the middle of a view's own save), and a burst of writes is
announced once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from replydesk.core.changes import Change
from replydesk.core.errors import ReplydeskError
from replydesk.ui.store_watcher import StoreWatcher

if TYPE_CHECKING:
    from replydesk.core.store import TemplateStore


class StoreEvents(QObject):
    """`changed(Change)` after any write; the per-part signals after writes touching them."""

    changed = Signal(object)  # the Change
    templatesChanged = Signal()  # the list, a template's text, the trash, an import, a restore
    ordersChanged = Signal()  # an order's fields or the current order
    profileChanged = Signal()
    settingsChanged = Signal()
    _announced = Signal(object)  # from the writing thread, queued to the GUI thread

    def __init__(self, store: TemplateStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._templates_seen = self._template_counter()
        self._pending = Change.NONE
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
        self._unsubscribe()
        self._watcher.stop()

    def _collect(self, change: Change) -> None:
        if not self._pending:
            QTimer.singleShot(0, self._flush)
        self._pending |= change

    def _flush(self) -> None:
        change, self._pending = self._pending, Change.NONE
        self._emit(change)

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
