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
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from replydesk.core.backups import Backup
from replydesk.core.i18n import N_, _
from replydesk.ui.labels import ElidedLabel, WrappingLabel

_ModelIndex = QModelIndex | QPersistentModelIndex


def backup_date(backup: Backup) -> str:
    """The backup's time in the user's time zone, e.g. "2026-11-24 14:05"."""
    from datetime import timezone

    local = backup.created.replace(tzinfo=timezone.utc).astimezone()
    return local.strftime("%Y-%m-%d %H:%M")


def _size(size: int) -> str:
    if size < 1024 * 1024:
        # Translators: a backup's size in kilobytes; {size} is a number such as "1,024".
        return _("{size} KB").format(size=f"{size / 1024:,.0f}")
    # Translators: a backup's size in megabytes; {size} is a number such as "12.5".
    return _("{size} MB").format(size=f"{size / 2**20:,.1f}")


class BackupTableModel(QAbstractTableModel):
    """Backups, newest first: when, why, how many templates, size."""

    # Marked here, translated in headerData.
    HEADERS = (
        # Translators: the column of when a backup was made.
        N_("Made"),
        # Translators: the column of why a backup was made ("daily", "before a restore").
        N_("Why"),
        N_("Templates"),
        N_("Size"),
    )
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
            return _(self.HEADERS[section])
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
            # Translators: in the Templates column, for a backup that cannot be read.
            _("unreadable") if count is None else f"{count:,}",
            _size(backup.size),
        )[index.column()]


class RestoreDialog(QDialog):
    """File → Restore from backup…: pick a backup; `restoreChosen(path)` when confirmed."""

    restoreChosen = Signal(Path)

    def __init__(self, backups: list[Backup], folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Restore from backup"))
        self.model = BackupTableModel(backups, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.setAccessibleName(_("Backups"))
        self.view.setMinimumWidth(_columns_width(self.view))
        self.view.doubleClicked.connect(lambda _index: self._restore())
        hint = WrappingLabel(
            _(
                "Restoring replaces your templates, orders and settings with the backup's. "
                "What you have now is backed up first, so a restore can be undone the same way."
            ),
            self,
        )
        # A path is data: cut in its middle when the dialog is narrow, whole in the tooltip.
        where = ElidedLabel(
            # Translators: {folder} is the backups' folder.
            _("Backups are kept in {folder}").format(folder=folder),
            self,
            mode=Qt.TextElideMode.ElideMiddle,
        )
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty = QLabel(_("There are no backups yet."), self)
        self.empty.setVisible(not backups)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = QPushButton(_("&Restore"), self)
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
            _("Restore from backup"),
            # Translators: {date} is when the backup was made ("2026-11-24 14:05"), {reason}
            # why ("made by hand").
            _(
                "Replace your templates, orders and settings with the backup made "
                "{date} ({reason})?"
            ).format(date=backup_date(backup), reason=backup.reason_text),
        ):
            self.restoreChosen.emit(backup.path)
            self.accept()


def _columns_width(view: QTableView) -> int:
    """The table's width that shows every column's title and values whole."""
    header = view.horizontalHeader()
    columns = sum(
        max(view.sizeHintForColumn(column), header.sectionSizeFromContents(column).width())
        for column in range(header.count())
    )
    bar = view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, view)
    return columns + 2 * view.frameWidth() + bar


class RecoveryPage(QWidget):
    """Shown instead of the panels when the database could not be read at start."""

    restoreChosen = Signal(Path)
    startFreshChosen = Signal()

    def __init__(
        self, problem: str, moved_to: Path, newest: Backup | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        heading = _("Replydesk could not read your templates")
        title = QLabel(f"<b>{heading}</b>", self)
        # Translators: after the problem; {path} is where the damaged database file was
        # moved ("-wal" and "-shm" are the endings of its companion files' names).
        moved = _(
            "Nothing was deleted: the file (with its -wal and -shm, if any) was moved to\n{path}"
        ).format(path=moved_to)
        text = WrappingLabel(f"{problem}\n\n{moved}", self)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        self.restore_button: QPushButton | None = None
        if newest is not None:
            self.restore_button = QPushButton(
                # Translators: {date} is when the backup was made ("2026-11-24 14:05").
                _("&Restore the backup of {date}").format(date=backup_date(newest)),
                self,
            )
            # Translators: a backup's tooltip: why it was made, then its file.
            tip = _("{reason}: {path}").format(reason=newest.reason_text, path=newest.path)
            self.restore_button.setToolTip(tip)
            self.restore_button.setDefault(True)
            self.restore_button.clicked.connect(lambda: self.restoreChosen.emit(newest.path))
            buttons.addWidget(self.restore_button)
        self.fresh_button = QPushButton(_("&Start fresh with the built-in templates"), self)
        self.fresh_button.clicked.connect(self.startFreshChosen.emit)
        buttons.addWidget(self.fresh_button)
        buttons.addStretch(1)
        advice = QLabel(
            _("No backup yet: starting fresh loads the built-in templates.")
            if newest is None
            else _("Other backups: after starting, File → Restore from backup…"),
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
