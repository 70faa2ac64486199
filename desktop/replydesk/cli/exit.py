"""The exit statuses of `replydesk`: scripts test these numbers, so they never change."""

from __future__ import annotations

import enum


class ExitStatus(enum.IntEnum):
    """What a run of the command line ended with."""

    OK = 0
    ERROR = 1
    """A ReplydeskError, or a refusal: one line on stderr says why."""
    USAGE = 2
    """A malformed command line (as argparse exits)."""
    FINDINGS = 3
    """The checker found something: `check` reports it, `fill --copy` did not copy."""
    INTERRUPTED = 130
    """Ctrl+C, as a shell reports a process ended by SIGINT (128 + 2)."""
    BROKEN_PIPE = 141
    """The reader went away (`replydesk list | head -1`), as a shell reports SIGPIPE (128 + 13)."""
