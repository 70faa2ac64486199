"""The window's own state (geometry, splitters, last template, the app's language) in the
data folder: one home for its keys. Read before the store opens: the language is chosen
before the first widget is made."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QSplitter, QWidget

from replydesk.core import paths

_GEOMETRY = "window/geometry"
_LAST_TEMPLATE = "window/lastTemplate"
_LANGUAGE = "app/language"  # a core.i18n code; "" or missing: the system's


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

    def language(self) -> str:
        """The language chosen in Profile and settings; "" follows the system."""
        value = self._settings.value(_LANGUAGE)
        return value if isinstance(value, str) else ""

    def set_language(self, code: str) -> None:
        """Speak `code` ("" for the system's) from the next start."""
        self._settings.setValue(_LANGUAGE, code)
        self._settings.sync()

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
