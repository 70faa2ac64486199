"""The window's own settings (geometry, splitters, last selection) in the data folder."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from replydesk.core import paths


def window_settings() -> QSettings:
    """Kept beside the database, so REPLYDESK_DATA_DIR moves it too (portable installs, tests)."""
    return QSettings(str(paths.data_dir() / "window.ini"), QSettings.Format.IniFormat)
