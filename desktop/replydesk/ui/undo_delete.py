"""Moving templates to the trash with Undo: the undo list, the action's text and the
status bar's Undo button."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton, QStatusBar

from replydesk.core.errors import ReplydeskError
from replydesk.core.i18n import _, pgettext
from replydesk.core.store import TemplateStore

UNDO_SECONDS = 10


class UndoDelete(QObject):
    """Deletes through the store and brings back the last deleted on Undo."""

    restored = Signal(str)  # the id brought back
    notice = Signal(str, int)

    def __init__(self, store: TemplateStore, action: QAction, status_bar: QStatusBar) -> None:
        super().__init__(action)
        self._store = store
        self._action = action
        self._bar = status_bar
        self._deleted: list[tuple[str, str]] = []  # (id, name) that can be brought back
        # Translators: a small button in the status bar that brings a deleted template back.
        self.button = QPushButton(pgettext("status bar button", "Undo"))
        self.button.setAccessibleName(_("Undo delete"))
        self.button.setFlat(True)
        self.button.clicked.connect(self.undo)
        self.button.hide()
        status_bar.addPermanentWidget(self.button)
        action.triggered.connect(self.undo)

    def delete(self, template_id: str, name: str) -> bool:
        try:
            self._store.delete_template(template_id)
        except ReplydeskError as error:
            self.notice.emit(str(error), 5000)
            return False
        self._deleted.append((template_id, name))
        self._show_state()
        self.button.show()
        # Translators: {name} is the template's name.
        moved = _("Moved “{name}” to the trash").format(name=name)
        self._bar.showMessage(moved, UNDO_SECONDS * 1000)
        QTimer.singleShot(UNDO_SECONDS * 1000, self._hide_if_stale)
        return True

    def undo(self) -> None:
        if not self._deleted:
            return
        template_id, name = self._deleted[-1]
        try:
            self._store.restore_template(template_id)
        except ReplydeskError as error:
            self.notice.emit(str(error), 5000)
            return
        self._deleted.pop()
        self._show_state()
        if not self._deleted:
            self.button.hide()
        self.restored.emit(template_id)
        # Translators: {name} is the template's name.
        self.notice.emit(_("Restored “{name}”").format(name=name), 3000)

    def forget(self, template_id: str) -> None:
        """Restored from the trash dialog: nothing to undo for it any more."""
        self._deleted = [item for item in self._deleted if item[0] != template_id]
        self._show_state()

    def _show_state(self) -> None:
        self._action.setEnabled(bool(self._deleted))
        if self._deleted:
            # Translators: the Edit menu's item; {name} is the last deleted template's name.
            text = _("&Undo delete “{name}”").format(name=self._deleted[-1][1])
        else:
            text = _("&Undo delete")
        self._action.setText(text)

    def _hide_if_stale(self) -> None:
        if not self._bar.currentMessage():
            self.button.hide()


__all__ = ["UNDO_SECONDS", "UndoDelete"]
