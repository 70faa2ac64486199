"""Talking to the running Replydesk: hand it a command, or start the window when none runs.

replydesk.instance (Qt's network module) and replydesk.app are imported only when needed:
every launch asks first, before any window paints (docs/ipc.md).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from replydesk import instance_address
from replydesk.cli.exit import ExitStatus
from replydesk.cli.output import say_error
from replydesk.core.errors import ReplydeskError
from replydesk.core.i18n import _


def forward(command: str, args: Sequence[str] = (), err: TextIO | None = None) -> ExitStatus | None:
    """Hand a command to the running window; None when no instance is running. What it
    says goes to `err` (this process's stderr when not given)."""
    err = sys.stderr if err is None else err
    try:
        if instance_address.nobody_listening():
            return None
    except ReplydeskError:  # no data folder to name the socket by: the window says why
        return None
    from replydesk.instance import send_command

    reply = send_command(command, args)
    if reply is None:
        return None
    if not reply.get("ok"):
        refused = reply.get("error", _("the running Replydesk refused the command"))
        say_error(refused, err, limit=500)
        return ExitStatus.ERROR
    if command == "import":
        opened = _("the import preview is open in the running Replydesk")
        print(f"replydesk: {opened}", file=err)
    return ExitStatus.OK


def start_or_forward(
    command: str,
    err: TextIO,
    *,
    smoke_test: bool = False,
    minimized: bool = False,
    debug: bool = False,
) -> int:
    """Bring the running instance forward (or give it the command), else start the app;
    the app's own exit status when it ran."""
    if not smoke_test:
        forwarded = forward(command, err=err)
        if forwarded is not None:
            return forwarded
    from replydesk.app import run

    return run(
        smoke_test=smoke_test,
        minimized=minimized,
        command=None if command == "show" else command,
        debug=debug,
    )
