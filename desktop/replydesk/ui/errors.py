"""One place for errors nobody caught: logged in full, shown to the user in one calm sentence."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from replydesk.core.errors import ReplydeskError
from replydesk.core.i18n import _

log = logging.getLogger("replydesk")


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    """A modal message; replaceable in tests."""
    QMessageBox.warning(parent, title, text)


def user_message(error: BaseException) -> str:
    if isinstance(error, ReplydeskError):
        return str(error)
    # Translators: {kind} is the error's Python name (KeyError), {error} its own text.
    return _(
        "Something unexpected went wrong. Your templates and orders are safe; "
        "the details are in the log. ({kind}: {error})"
    ).format(kind=type(error).__name__, error=error)


def report_uncaught(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    """sys.excepthook for the window: log the traceback, tell the user without one."""
    if issubclass(kind, KeyboardInterrupt):
        QApplication.quit()
        return
    from replydesk.core.logs import describe_error

    log.error("uncaught error:\n%s", describe_error(kind, error, tb))
    show_error(QApplication.activeWindow(), "Replydesk", user_message(error))


def install() -> None:
    """The excepthook; the log itself is set up by core.logs.setup."""
    sys.excepthook = report_uncaught
