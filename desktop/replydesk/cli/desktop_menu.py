"""`replydesk install-desktop` and `uninstall-desktop`: the application-menu entry."""

from __future__ import annotations

from replydesk.cli.exit import ExitStatus
from replydesk.cli.output import say_error
from replydesk.cli.streams import Streams
from replydesk.core.errors import ReplydeskError
from replydesk.core.i18n import _

DESKTOP_MENU_COMMANDS = ("install-desktop", "uninstall-desktop")


def desktop_menu(command: str, streams: Streams) -> ExitStatus:
    """Add or remove the application-menu entry and name the files; no store needed."""
    from replydesk.core.desktop_entry import install_desktop, uninstall_desktop

    out = streams.stdout
    try:
        if command == "install-desktop":
            for path in install_desktop():
                # Translators: {path} is a file the command wrote (the menu entry, its icon).
                out.write(_("wrote {path}").format(path=path) + "\n")
        else:
            removed = uninstall_desktop()
            for path in removed:
                # Translators: {path} is a file the command deleted.
                out.write(_("removed {path}").format(path=path) + "\n")
            if not removed:
                out.write(_("Replydesk was not in the application menu: nothing to remove") + "\n")
    except ReplydeskError as error:
        say_error(error, streams.stderr)
        return ExitStatus.ERROR
    return ExitStatus.OK
