"""The commands that work on the store: which function runs each, and the one way a
failure of any of them is told (a line on stderr and its ExitStatus)."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from replydesk.cli import filling, orders, templates, transfer
from replydesk.cli.exit import ExitStatus
from replydesk.cli.output import say_error
from replydesk.cli.parser import UsageError
from replydesk.cli.streams import Streams
from replydesk.core.errors import DamagedDatabaseError, ReplydeskError
from replydesk.core.i18n import N_, _

if TYPE_CHECKING:
    from replydesk.core.store import TemplateStore

StoreCommand = Callable[["TemplateStore", argparse.Namespace, Streams], ExitStatus]

STORE_COMMANDS: dict[str, StoreCommand] = {
    "list": templates.list_command,
    "show": templates.show_command,
    "edit": templates.edit_command,
    "fill": filling.fill_command,
    "check": filling.check_command,
    "order": orders.order_command,
    "profile": orders.profile_command,
    "export": transfer.export_command,
    "import": transfer.import_command,
}

# Translators: the commands in `backquotes` are typed as they are: keep them.
DAMAGED_ADVICE = N_(
    "Start Replydesk to recover it (it is moved aside, never deleted), or restore a backup: "
    "`replydesk backup list`, `replydesk backup restore newest`."
)


def run_store_command(args: argparse.Namespace, streams: Streams) -> ExitStatus:
    """Open the user's store (the built-in library brought up to date) and run the command."""
    command = STORE_COMMANDS[args.command]
    try:
        from replydesk.core.library import sync_builtin
        from replydesk.core.store import TemplateStore

        with TemplateStore.open_default(check=False) as store:
            sync_builtin(store)
            status = command(store, args, streams)
            streams.stdout.flush()  # a reader that went away is met here, not at exit
            return status
    except BrokenPipeError:
        # The reader stopped reading (`replydesk list | head -1`): nothing more to tell it.
        os.dup2(os.open(os.devnull, os.O_WRONLY), streams.stdout.fileno())
        return ExitStatus.BROKEN_PIPE
    except UsageError as error:
        print(_("replydesk: error: {error}").format(error=error), file=streams.stderr)
        return ExitStatus.USAGE
    except DamagedDatabaseError as error:
        from replydesk.core.store import SearchIndexError

        if isinstance(error, SearchIndexError):
            return rebuild_search_index(error, streams)
        print(f"replydesk: {error}\n{_(DAMAGED_ADVICE)}", file=streams.stderr)
        return ExitStatus.ERROR
    except ReplydeskError as error:
        say_error(error, streams.stderr)
        return ExitStatus.ERROR
    except KeyboardInterrupt:
        return ExitStatus.INTERRUPTED


def rebuild_search_index(error: ReplydeskError, streams: Streams) -> ExitStatus:
    """The search index was found damaged: rebuild it now (as the window's start-up check
    would) and say so; ERROR, since the command itself did not run."""
    from replydesk.core.store import TemplateStore

    try:
        with TemplateStore.open_default(check=False) as store:
            store.rebuild_search_index()
    except ReplydeskError as failure:
        # Translators: {error} says what was found damaged (the search index), {failure} why
        # rebuilding it failed.
        message = _("{error}, and it could not be rebuilt: {failure}")
        say_error(message.format(error=error, failure=failure), streams.stderr)
        return ExitStatus.ERROR
    # Translators: {error} says what was found damaged (the search index).
    rebuilt = _("{error}; it has been rebuilt from your templates: run the command again.")
    print(f"replydesk: {rebuilt.format(error=error)}", file=streams.stderr)
    return ExitStatus.ERROR
