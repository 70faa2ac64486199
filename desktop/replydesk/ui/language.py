"""The window's language: the user's choice (or the system's) for Replydesk's own
catalogue (`core.i18n`) and for Qt's standard dialogs and buttons (`qtbase_*.qm`).

Chosen once at start-up, before any widget exists: a change in *Profile and settings*
applies from the next start (the dialog says so).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from replydesk.core import i18n

_installed: list[QTranslator] = []


def qt_translations_dirs(code: str) -> list[Path]:
    """Where Qt's own translations of `code` are: PySide6's, then ours, which fill what
    PySide6 lacks (Romanian is not shipped; Slovak misses the standard buttons) and win
    where both translate."""
    qt = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    return [qt, i18n.locale_dir() / code]


def apply_language(choice: str | None) -> str:
    """Speak `choice` (None or "": the system's) in the catalogue and in Qt's dialogs;
    the code in use. Call once the QApplication exists and before widgets are made."""
    code = i18n.use(choice)
    app = QCoreApplication.instance()
    for translator in _installed:
        if app is not None:
            app.removeTranslator(translator)
    _installed.clear()
    if code == i18n.SOURCE_LANGUAGE or app is None:
        return code
    for folder in qt_translations_dirs(code):  # the last installed is asked first
        translator = QTranslator(app)
        if translator.load(f"qtbase_{code}", str(folder)):
            app.installTranslator(translator)
            _installed.append(translator)
    return code


__all__ = ["apply_language", "qt_translations_dirs"]
