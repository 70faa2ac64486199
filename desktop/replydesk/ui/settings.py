"""The window's own state (geometry, splitters, last template) in the data folder: one
home for its keys."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QSplitter, QWidget

from replydesk.core import paths

_GEOMETRY = "window/geometry"
_LAST_TEMPLATE = "window/lastTemplate"


def window_settings() -> QSettings:
    """Kept beside the database, so REPLYDESK_DATA_DIR moves it too (portable installs, tests)."""
    return QSettings(str(paths.data_dir() / "window.ini"), QSettings.Format.IniFormat)


class WindowState:
    """Reads and writes the window's state; a value that is missing or of the wrong type
    (an edited or older file) is left at Qt's default."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def restore_geometry(self, window: QWidget) -> None:
        geometry = self._settings.value(_GEOMETRY)
        if isinstance(geometry, QByteArray):
            window.restoreGeometry(geometry)

    def restore_splitter(self, splitter: QSplitter) -> None:
        state = self._settings.value(_splitter_key(splitter))
        if isinstance(state, QByteArray):
            splitter.restoreState(state)

    def last_template(self) -> str | None:
        value = self._settings.value(_LAST_TEMPLATE)
        return value if isinstance(value, str) and value else None

    def save(
        self, window: QWidget, splitters: tuple[QSplitter, ...], last_template: str | None
    ) -> None:
        self._settings.setValue(_GEOMETRY, window.saveGeometry())
        for splitter in splitters:
            self._settings.setValue(_splitter_key(splitter), splitter.saveState())
        if splitters:
            self._settings.setValue(_LAST_TEMPLATE, last_template or "")
        self._settings.sync()


def _splitter_key(splitter: QSplitter) -> str:
    return f"window/{splitter.objectName()}"


__all__ = ["WindowState", "window_settings"]
