"""Backups in the window: the restore dialog, and the page shown when the database is damaged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from replydesk.core.backups import Backup

_ModelIndex = QModelIndex | QPersistentModelIndex


def backup_date(backup: Backup) -> str:
    """The backup's time in the user's time zone, e.g. "2026-11-24 14:05"."""
    from datetime import timezone

    local = backup.created.replace(tzinfo=timezone.utc).astimezone()
    return local.strftime("%Y-%m-%d %H:%M")


def _size(size: int) -> str:
    return f"{size / 1024:,.0f} KB" if size < 1024 * 1024 else f"{size / 2**20:,.1f} MB"


class BackupTableModel(QAbstractTableModel):
    """Backups, newest first: when, why, how many templates, size."""

    HEADERS = ("Made", "Why", "Templates", "Size")
    PathRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, backups: list[Backup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backups = backups
        self._counts = {b.path: b.template_count() for b in backups}

    def backup_at(self, row: int) -> Backup:
        return self._backups[row]

    def rowCount(self, parent: _ModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._backups)

    def columnCount(self, parent: _ModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._backups):
            return None
        backup = self._backups[index.row()]
        if role == self.PathRole:
            return str(backup.path)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(backup.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        count = self._counts.get(backup.path)
        return (
            backup_date(backup),
            backup.reason_text,
            "unreadable" if count is None else f"{count:,}",
            _size(backup.size),
        )[index.column()]


class RestoreDialog(QDialog):
    """File → Restore from backup…: pick a backup; `restoreChosen(path)` when confirmed."""

    restoreChosen = Signal(Path)

    def __init__(self, backups: list[Backup], folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.model = BackupTableModel(backups, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.setAccessibleName("Backups")
        self.view.doubleClicked.connect(lambda _index: self._restore())
        hint = QLabel(
            "Restoring replaces your templates, orders and settings with the backup's. "
            "What you have now is backed up first, so a restore can be undone the same way.",
            self,
        )
        hint.setWordWrap(True)
        where = QLabel(f"Backups are kept in {folder}", self)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty = QLabel("There are no backups yet.", self)
        self.empty.setVisible(not backups)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = QPushButton("&Restore", self)
        self.restore_button.setEnabled(bool(backups))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._restore)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addWidget(where)
        layout.addWidget(buttons)
        if backups:
            self.view.selectRow(0)
        self.resize(620, 380)

    def _restore(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return
        backup = self.model.backup_at(rows[0].row())
        from replydesk.ui import confirm

        if confirm.confirm(
            self,
            "Restore from backup",
            f"Replace your templates, orders and settings with the backup made "
            f"{backup_date(backup)} ({backup.reason_text})?",
        ):
            self.restoreChosen.emit(backup.path)
            self.accept()


class RecoveryPage(QWidget):
    """Shown instead of the panels when the database could not be read at start."""

    restoreChosen = Signal(Path)
    startFreshChosen = Signal()

    def __init__(
        self, problem: str, moved_to: Path, newest: Backup | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        title = QLabel("<b>Replydesk could not read your templates</b>", self)
        text = QLabel(
            f"{problem}\n\nNothing was deleted: the file (with its -wal and -shm, if any) was "
            f"moved to\n{moved_to}",
            self,
        )
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        self.restore_button: QPushButton | None = None
        if newest is not None:
            self.restore_button = QPushButton(f"&Restore the backup of {backup_date(newest)}", self)
            self.restore_button.setToolTip(f"{newest.reason_text}: {newest.path}")
            self.restore_button.setDefault(True)
            self.restore_button.clicked.connect(lambda: self.restoreChosen.emit(newest.path))
            buttons.addWidget(self.restore_button)
        self.fresh_button = QPushButton("&Start fresh with the built-in templates", self)
        self.fresh_button.clicked.connect(self.startFreshChosen.emit)
        buttons.addWidget(self.fresh_button)
        buttons.addStretch(1)
        advice = QLabel(
            "No backup yet: starting fresh loads the built-in templates."
            if newest is None
            else "Other backups: after starting, File → Restore from backup…",
            self,
        )
        advice.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 40)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addWidget(advice)
        layout.addStretch(1)
