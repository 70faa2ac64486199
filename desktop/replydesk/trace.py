"""Start-up and summon events for the benchmark: "<event> <time.time()>" lines appended to
$REPLYDESK_TRACE_FILE when it is set; nothing otherwise. Standard library only."""

from __future__ import annotations

import os
import time

TRACE_FILE_ENV = "REPLYDESK_TRACE_FILE"
_TRACE_FILE = os.environ.get(TRACE_FILE_ENV) or None


def tracing() -> bool:
    """True when the benchmark asked for a trace."""
    return _TRACE_FILE is not None


def trace(event: str) -> None:
    """Append "<event> <time.time()>" to $REPLYDESK_TRACE_FILE (for the benchmark); else nothing."""
    if _TRACE_FILE is None:
        return
    stamp = time.time()
    try:
        with open(_TRACE_FILE, "a", encoding="utf-8") as file:
            file.write(f"{event} {stamp!r}\n")
    except OSError:
        pass


__all__ = ["TRACE_FILE_ENV", "trace", "tracing"]
