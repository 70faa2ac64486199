"""Announces changes to the database made by anyone: another process or this one.

SQLite's `data_version` changes whenever another connection commits to the file. The
watcher reads it on its own connection a few times a second (a cheap read of a counter in
the shared memory of the WAL) and emits `changed` once per change, so the panels show
what the store holds instead of keeping copies that go stale.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger("replydesk.watcher")

INTERVAL_MS = 400


class StoreWatcher(QObject):
    """Emits `changed` after any commit to the database file (another process's too)."""

    changed = Signal()

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self._connection: sqlite3.Connection | None = None
        self._version: int | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        self._version = self._read()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _read(self) -> int | None:
        try:
            if self._connection is None:
                self._connection = sqlite3.connect(
                    f"{self._path.as_uri()}?mode=ro", uri=True, check_same_thread=False
                )
            row = self._connection.execute("PRAGMA data_version").fetchone()
        except sqlite3.Error as error:
            log.debug("cannot read the data version: %s", error)
            if self._connection is not None:
                self._connection.close()
                self._connection = None
            return None
        return int(row[0])

    def check(self) -> bool:
        """Read the version now; emits `changed` (and returns True) when it moved."""
        version = self._read()
        if version is None or version == self._version:
            return False
        self._version = version
        self.changed.emit()
        return True


__all__ = ["INTERVAL_MS", "StoreWatcher"]
