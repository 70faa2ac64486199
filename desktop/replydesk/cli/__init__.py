"""The `replydesk` command line: a thin layer over the core.

`main` parses the command line and hands the command to the module that runs it; each
module imports what is heavy (the store, Qt) only when its command runs, so launching the
window or forwarding to the running one stays quick.
"""

from __future__ import annotations

from collections.abc import Sequence

from replydesk.cli.backup import backup_command
from replydesk.cli.commands import run_store_command
from replydesk.cli.desktop_menu import DESKTOP_MENU_COMMANDS, desktop_menu
from replydesk.cli.forwarding import start_or_forward
from replydesk.cli.parser import build_parser
from replydesk.cli.streams import Streams
from replydesk.cli.transfer import import_in_window
from replydesk.core import i18n, logs

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run `replydesk ARGV` (sys.argv's when None) on this process's streams; its exit
    status (an ExitStatus, or the window's own when it ran). It speaks the language of
    $LANG/$LC_MESSAGES (the window then applies the one chosen in its settings)."""
    i18n.use(None)
    args = build_parser().parse_args(argv)
    streams = Streams.of_process()
    if args.command is None:
        return start_or_forward(
            "show",
            streams.stderr,
            smoke_test=args.smoke_test,
            minimized=args.minimized,
            debug=args.debug,
        )
    if args.command == "quick":
        return start_or_forward("quick", streams.stderr, debug=args.debug)
    logs.setup(args.debug)
    if args.command in DESKTOP_MENU_COMMANDS:
        return desktop_menu(args.command, streams)
    if args.command == "backup":
        return backup_command(args, streams)
    if args.command == "import" and (forwarded := import_in_window(args, streams)) is not None:
        return forwarded
    return run_store_command(args, streams)
