"""The `replydesk` command line's grammar: every command, option and help text (argparse),
and the reading of `--set FIELD=VALUE`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from replydesk import __version__
from replydesk.cli.exit import ExitStatus
from replydesk.core import i18n
from replydesk.core.fields import ORDER_FIELD_NAMES
from replydesk.core.i18n import N_, _, pgettext

# argparse's own messages that a user can meet, word for word as Python 3.10-3.12's
# argparse.py has them: argparse translates them itself (see `use_catalogue`).
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ignored explicit argument %r"),
    N_("not allowed with argument %s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("can't open '%(filename)s': %(error)s"),
)


def use_catalogue() -> None:
    """Have argparse's own messages ("usage: ", "the following arguments are required")
    translated through our catalogue: argparse looks up `_` and `ngettext` among its
    module's globals each time it makes a message."""
    vars(argparse).update(_=i18n.gettext, ngettext=i18n.ngettext)


class UsageError(Exception):
    """A malformed command line found after parsing (exit 2, ExitStatus.USAGE)."""


class ReplydeskArgumentParser(argparse.ArgumentParser):
    """argparse, exiting with ExitStatus.USAGE on a malformed command line."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(
            ExitStatus.USAGE,
            _("%(prog)s: error: %(message)s\n") % {"prog": self.prog, "message": message},
        )


def build_parser() -> argparse.ArgumentParser:
    """The parser of every `replydesk` command line."""
    use_catalogue()  # before the parsers are made: their help option's text is made then
    json_help = _("print JSON")
    template_help = _("id, id prefix or exact name")
    # Translators: a placeholder of the usage lines (`replydesk show TEMPLATE`): one word
    # in capitals, without spaces. The help texts name some of them (FILE, LANG).
    template = pgettext("usage placeholder", "TEMPLATE")
    # Translators: how `--set` is written (`--set client_name=Anna`); keep the "=".
    assignment = pgettext("usage placeholder", "FIELD=VALUE")
    file = pgettext("usage placeholder", "FILE")
    order_ref = pgettext("usage placeholder", "ORDER")
    kind = pgettext("usage placeholder", "KIND")
    lang = pgettext("usage placeholder", "LANG")
    action = pgettext("usage placeholder", "ACTION")

    parser = ReplydeskArgumentParser(
        prog="replydesk",
        description=_(
            "Reply templates filled from an order's fields. Without a command, opens the window."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"replydesk {__version__}",
        help=_("show program's version number and exit"),
    )
    parser.add_argument(
        "--minimized",
        action="store_true",
        help=_("start in the tray without showing the window (used at login)"),
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help=_(
            "log everything, template text and order values included (the log is private "
            "by default)"
        ),
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help=_("open the window, render a built-in template and quit (0 when it works)"),
    )
    commands = parser.add_subparsers(
        dest="command",
        metavar=pgettext("usage placeholder", "COMMAND"),
        parser_class=ReplydeskArgumentParser,
    )

    p = commands.add_parser("list", help=_("list templates"))
    p.add_argument("--kind", metavar=kind, help=_("only this kind (e.g. greeting, refund_offer)"))
    p.add_argument("--lang", metavar=lang, help=_("only this language (en, ru, ro, sk, hu)"))
    p.add_argument(
        "--search",
        metavar=pgettext("usage placeholder", "SEARCH"),
        help=_("words to find in the name, tags or body"),
    )
    p.add_argument("--json", action="store_true", help=json_help)

    p = commands.add_parser(
        "show",
        help=_("show one template and its fields"),
        description=_(
            "Show one template, its fields and its text. Control, bidi and "
            "zero-width characters (an ANSI or OSC 52 escape, a right-to-left override) are "
            "shown as \\x1b or \\u202e escapes, on a terminal and in a pipe or file alike "
            "(`| less` or `| cat` reach a terminal too), as git quotes odd file names; "
            "newlines and tabs are kept. --raw prints the text exactly as stored; --json "
            "gives every value exactly, JSON-escaped."
        ),
    )
    p.add_argument("template", metavar=template, help=template_help)
    p.add_argument("--json", action="store_true", help=json_help)
    p.add_argument(
        "--raw",
        action="store_true",
        help=_(
            "print the text exactly as stored, control characters included (for a file; "
            "never for a terminal you do not trust the template on)"
        ),
    )

    p = commands.add_parser("fill", help=_("fill a template and print the reply"))
    p.add_argument("template", metavar=template, help=template_help)
    p.add_argument(
        "--order",
        metavar=order_ref,
        help=_("a saved order (number or order id); default: the current order"),
    )
    p.add_argument(
        "--set",
        metavar=assignment,
        action="append",
        default=[],
        help=_("a field's value (repeatable)"),
    )
    p.add_argument("--copy", action="store_true", help=_("also put the reply on the clipboard"))
    p.add_argument(
        "--anyway",
        action="store_true",
        help=_("with --copy: copy even when the checker finds an error (unless blocked)"),
    )
    p.add_argument("--json", action="store_true", help=json_help)

    p = commands.add_parser(
        "check",
        help=_("check a reply for contacts, off-platform payment, links and placeholders"),
    )
    p.add_argument(
        "file", nargs="?", default="-", metavar=file, help=_("the reply (default: stdin)")
    )
    p.add_argument(
        "--platform",
        metavar=pgettext("usage placeholder", "PLATFORM"),
        help=_("the order's platform, for its length limit (e.g. Fiverr)"),
    )
    p.add_argument("--lang", metavar=lang, help=_("the reply's language (en, ru, ro, sk, hu)"))
    p.add_argument(
        "--order-language",
        metavar=lang,
        help=_("the client's language (the order's): a warning when the reply is in another"),
    )
    p.add_argument("--json", action="store_true", help=json_help)

    p = commands.add_parser("edit", help=_("change a template (bumps its revision)"))
    p.add_argument("template", metavar=template, help=template_help)
    p.add_argument("--name", metavar=pgettext("usage placeholder", "NAME"), help=_("new name"))
    p.add_argument(
        "--body-file",
        type=Path,
        metavar=file,
        # Translators: FILE is the placeholder of the usage line (`--body-file FILE`).
        help=_("new body from FILE ('-' for stdin)"),
    )
    p.add_argument(
        "--tags", metavar=pgettext("usage placeholder", "TAGS"), help=_("comma-separated tags")
    )
    p.add_argument("--kind", metavar=kind, help=_("new kind"))
    p.add_argument("--lang", metavar=lang, help=_("new language"))

    order = commands.add_parser("order", help=_("keep an order's fields for reuse"))
    order_commands = order.add_subparsers(
        dest="order_command", metavar=action, required=True, parser_class=ReplydeskArgumentParser
    )
    p = order_commands.add_parser("add", help=_("save a new order"))
    p.add_argument(
        "--set",
        metavar=assignment,
        action="append",
        default=[],
        # Translators: {fields} lists the order's field names ("client_name, order_id, …"),
        # typed as they are.
        help=_("{fields}, or any custom field (repeatable)").format(
            fields=", ".join(ORDER_FIELD_NAMES)
        ),
    )
    p.add_argument("--current", action="store_true", help=_("make it the current order"))
    p.add_argument("--json", action="store_true", help=json_help)
    p = order_commands.add_parser("list", help=_("recent orders"))
    p.add_argument("--limit", type=int, default=20, metavar=pgettext("usage placeholder", "LIMIT"))
    p.add_argument("--json", action="store_true", help=json_help)
    p = order_commands.add_parser("show", help=_("one order"))
    p.add_argument("order", metavar=order_ref, help=_("number or order id"))
    p.add_argument("--json", action="store_true", help=json_help)
    p = order_commands.add_parser("edit", help=_("change an order's fields"))
    p.add_argument("order", metavar=order_ref, help=_("number or order id"))
    p.add_argument("--set", metavar=assignment, action="append", default=[])
    p.add_argument("--current", action="store_true", help=_("make it the current order"))
    p.add_argument("--json", action="store_true", help=json_help)

    commands.add_parser(
        "quick",
        help=_("open the quick-paste palette (bind a global shortcut of your desktop to this)"),
    )

    commands.add_parser(
        "install-desktop",
        help=_("add Replydesk to the application menu (Linux and other freedesktop systems)"),
    )
    commands.add_parser("uninstall-desktop", help=_("take Replydesk out of the application menu"))

    p = commands.add_parser("export", help=_("export templates to a .replydesk file or a folder"))
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar=file,
        help=_("the .replydesk file (or the folder with --format folder)"),
    )
    p.add_argument("--kind", metavar=kind, help=_("only this kind"))
    p.add_argument("--lang", metavar=lang, help=_("only this language"))
    p.add_argument(
        "--id",
        action="append",
        default=[],
        metavar=pgettext("usage placeholder", "ID"),
        help=_("only this template (id, id prefix or exact name; repeatable)"),
    )
    p.add_argument(
        "--format",
        choices=["json", "folder"],
        default="json",
        # Translators: "json" and "folder" are the values of --format: keep them.
        help=_("json: one .replydesk file (default); folder: front-matter files"),
    )
    p.add_argument(
        "--with-orders",
        action="store_true",
        help=_("include orders and the profile (never by default)"),
    )

    p = commands.add_parser("import", help=_("import templates: preview, then merge"))
    p.add_argument(
        "path",
        type=Path,
        metavar=pgettext("usage placeholder", "PATH"),
        help=_("a .replydesk file, a folder or zip of template files, or one .md file"),
    )
    p.add_argument("--dry-run", action="store_true", help=_("show the preview, change nothing"))
    p.add_argument(
        "--on-conflict",
        choices=["mine", "theirs", "keep-both"],
        default="mine",
        help=_("what to do when both sides changed a template (default: keep mine)"),
    )
    p.add_argument("--json", action="store_true", help=json_help)

    backup = commands.add_parser("backup", help=_("list, make or restore database backups"))
    backup_commands = backup.add_subparsers(
        dest="backup_command", metavar=action, required=True, parser_class=ReplydeskArgumentParser
    )
    p = backup_commands.add_parser("list", help=_("the backups, newest first"))
    p.add_argument("--json", action="store_true", help=json_help)
    backup_commands.add_parser("create", help=_("back up the database now"))
    p = backup_commands.add_parser(
        "restore", help=_("replace the database with a backup (the current one is kept)")
    )
    p.add_argument(
        "backup",
        metavar=pgettext("usage placeholder", "BACKUP"),
        # Translators: `backup list` is a command and "newest" a value the user types:
        # keep both as they are.
        help=_('a file name from `backup list` (or its start), or "newest"'),
    )

    p = commands.add_parser(
        "profile",
        help=_("show or set your name, signatures and defaults"),
        description=_(
            "Show the profile, or change only the values given (the others stay as "
            "they are). A signature belongs to one reply language: it is added under replies "
            "in that language, after the template's own closing and your name."
        ),
    )
    p.add_argument(
        "--name",
        metavar=pgettext("usage placeholder", "NAME"),
        # Translators: {{ my_name }} is template syntax: keep it as it is.
        help=_("your name, used as {{ my_name }} by every built-in template"),
    )
    p.add_argument(
        "--signature",
        metavar=pgettext("usage placeholder", "TEXT"),
        # Translators: {{ signature }} is template syntax and "" an empty value: keep them.
        help=_(
            'the signature of replies in one language ({{ signature }}); "" removes it. '
            "Leave it empty if your templates already end with your name."
        ),
    )
    p.add_argument(
        "--for-language",
        metavar=lang,
        help=_(
            "the reply language --signature is for (en, ru, ro, sk, hu...); "
            "by default the default language"
        ),
    )
    p.add_argument(
        "--language",
        metavar=pgettext("usage placeholder", "LANGUAGE"),
        help=_("default language for new templates"),
    )
    p.add_argument(
        "--currency",
        metavar=pgettext("usage placeholder", "CURRENCY"),
        help=_("default currency (ISO code, e.g. USD)"),
    )
    p.add_argument("--json", action="store_true", help=json_help)
    return parser


def parse_assignments(items: Sequence[str]) -> dict[str, str]:
    """The values of repeated `--set FIELD=VALUE` options, by field name."""
    values: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            # Translators: FIELD=VALUE is how --set is written; {item} is what was typed.
            raise UsageError(_("--set takes FIELD=VALUE, not {item!r}").format(item=item))
        values[name.strip()] = value
    return values
