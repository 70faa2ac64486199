"""The log: a rotating file in the user's log folder, private by default.

Without `--debug` the log holds what happened (start-up, backups, imports, errors with
their type and where they came from) but never a template body, a reply or an order's
values: code logs those only at DEBUG level, and an error's message (which may quote a
value) is left out of its traceback. `replydesk --debug` logs everything.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from replydesk.core import paths

LOG_NAME = "replydesk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3  # replydesk.log.1 … .3 besides the current one
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

log = logging.getLogger("replydesk")
_state = {"debug": False}


def debug_enabled() -> bool:
    return _state["debug"]


def setup(debug: bool = False, *, stderr_level: int = logging.WARNING) -> Path | None:
    """Log to the rotating file (and warnings to stderr); the file's path, None if the
    log folder cannot be written (then only stderr). Calling again replaces the handlers."""
    _state["debug"] = debug
    log.setLevel(logging.DEBUG if debug else logging.INFO)
    log.propagate = False
    for handler in list(log.handlers):
        log.removeHandler(handler)
        handler.close()
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.DEBUG if debug else stderr_level)
    console.setFormatter(logging.Formatter("replydesk: %(levelname)s: %(message)s"))
    log.addHandler(console)
    try:
        path = paths.log_dir() / LOG_NAME
        handler = RotatingLog(path)
    except OSError as error:
        log.warning("cannot write the log file: %s", error)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    log.addHandler(handler)
    return path


class RotatingLog(logging.FileHandler):
    """Appends to `path`; past MAX_BYTES it becomes `path.1` (`.1` becomes `.2`, …, the
    oldest beyond BACKUP_COUNT is dropped). logging.handlers' own rotating handler does the
    same but its import costs the window's first paint several milliseconds."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # A path that is not UTF-8 (a folder name in another encoding) reaches messages as
        # lone surrogates: written as \udcff instead of failing the whole record.
        super().__init__(path, encoding="utf-8", delay=True, errors="backslashreplace")
        self.path = path

    def emit(self, record: logging.LogRecord) -> None:
        try:
            stream = self.stream
            size = stream.tell() if stream is not None else _size(self.path)
            if size >= MAX_BYTES:
                self._rotate()
        except OSError:
            self.handleError(record)
        super().emit(record)

    def _rotate(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        for number in range(BACKUP_COUNT - 1, 0, -1):
            older = self.path.with_name(f"{self.path.name}.{number}")
            if older.exists():
                os.replace(older, self.path.with_name(f"{self.path.name}.{number + 1}"))
        if self.path.exists():
            os.replace(self.path, self.path.with_name(f"{self.path.name}.1"))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def describe_error(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> str:
    """A traceback for the log: in full with --debug, else without the error's message
    (it may quote a template or an order value), only its type and where it was raised."""
    if debug_enabled():
        return "".join(traceback.format_exception(kind, error, tb))
    frames = "".join(traceback.format_tb(tb))
    return f"Traceback (most recent call last):\n{frames}{kind.__module__}.{kind.__qualname__}"
