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


class UsageError(Exception):
    """A malformed command line found after parsing (exit 2, ExitStatus.USAGE)."""


class ReplydeskArgumentParser(argparse.ArgumentParser):
    """argparse, exiting with ExitStatus.USAGE on a malformed command line."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(ExitStatus.USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The parser of every `replydesk` command line."""
    parser = ReplydeskArgumentParser(
        prog="replydesk",
        description="Reply templates filled from an order's fields. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"replydesk {__version__}")
    parser.add_argument(
        "--minimized",
        action="store_true",
        help="start in the tray without showing the window (used at login)",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help="log everything, template text and order values included (the log is private "
        "by default)",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the window, render a built-in template and quit (0 when it works)",
    )
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=ReplydeskArgumentParser
    )

    p = commands.add_parser("list", help="list templates")
    p.add_argument("--kind", help="only this kind (e.g. greeting, refund_offer)")
    p.add_argument("--lang", help="only this language (en, ru, ro, sk, hu)")
    p.add_argument("--search", help="words to find in the name, tags or body")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = commands.add_parser(
        "show",
        help="show one template and its fields",
        description="Show one template, its fields and its text. Control, bidi and "
        "zero-width characters (an ANSI or OSC 52 escape, a right-to-left override) are "
        "shown as \\x1b or \\u202e escapes, on a terminal and in a pipe or file alike "
        "(`| less` or `| cat` reach a terminal too), as git quotes odd file names; newlines "
        "and tabs are kept. --raw prints the text exactly as stored; --json gives every "
        "value exactly, JSON-escaped.",
    )
    p.add_argument("template", metavar="TEMPLATE", help="id, id prefix or exact name")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--raw",
        action="store_true",
        help="print the text exactly as stored, control characters included (for a file; "
        "never for a terminal you do not trust the template on)",
    )

    p = commands.add_parser("fill", help="fill a template and print the reply")
    p.add_argument("template", metavar="TEMPLATE", help="id, id prefix or exact name")
    p.add_argument(
        "--order",
        metavar="ORDER",
        help="a saved order (number or order id); default: the current order",
    )
    p.add_argument(
        "--set",
        metavar="FIELD=VALUE",
        action="append",
        default=[],
        help="a field's value (repeatable)",
    )
    p.add_argument("--copy", action="store_true", help="also put the reply on the clipboard")
    p.add_argument(
        "--anyway",
        action="store_true",
        help="with --copy: copy even when the checker finds an error (unless blocked)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")

    p = commands.add_parser(
        "check", help="check a reply for contacts, off-platform payment, links and placeholders"
    )
    p.add_argument(
        "file", nargs="?", default="-", metavar="FILE", help="the reply (default: stdin)"
    )
    p.add_argument("--platform", help="the order's platform, for its length limit (e.g. Fiverr)")
    p.add_argument("--lang", help="the reply's language (en, ru, ro, sk, hu)")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = commands.add_parser("edit", help="change a template (bumps its revision)")
    p.add_argument("template", metavar="TEMPLATE", help="id, id prefix or exact name")
    p.add_argument("--name", help="new name")
    p.add_argument(
        "--body-file", type=Path, metavar="FILE", help="new body from FILE ('-' for stdin)"
    )
    p.add_argument("--tags", help="comma-separated tags")
    p.add_argument("--kind", help="new kind")
    p.add_argument("--lang", help="new language")

    order = commands.add_parser("order", help="keep an order's fields for reuse")
    order_commands = order.add_subparsers(
        dest="order_command", metavar="ACTION", required=True, parser_class=ReplydeskArgumentParser
    )
    p = order_commands.add_parser("add", help="save a new order")
    p.add_argument(
        "--set",
        metavar="FIELD=VALUE",
        action="append",
        default=[],
        help="client_name, order_id, service, price, currency, deadline, platform, "
        "notes, or any custom field (repeatable)",
    )
    p.add_argument("--current", action="store_true", help="make it the current order")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = order_commands.add_parser("list", help="recent orders")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true", help="print JSON")
    p = order_commands.add_parser("show", help="one order")
    p.add_argument("order", metavar="ORDER", help="number or order id")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = order_commands.add_parser("edit", help="change an order's fields")
    p.add_argument("order", metavar="ORDER", help="number or order id")
    p.add_argument("--set", metavar="FIELD=VALUE", action="append", default=[])
    p.add_argument("--current", action="store_true", help="make it the current order")
    p.add_argument("--json", action="store_true", help="print JSON")

    commands.add_parser(
        "quick",
        help="open the quick-paste palette (bind a global shortcut of your desktop to this)",
    )

    commands.add_parser(
        "install-desktop",
        help="add Replydesk to the application menu (Linux and other freedesktop systems)",
    )
    commands.add_parser("uninstall-desktop", help="take Replydesk out of the application menu")

    p = commands.add_parser("export", help="export templates to a .replydesk file or a folder")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE",
        help="the .replydesk file (or the folder with --format folder)",
    )
    p.add_argument("--kind", help="only this kind")
    p.add_argument("--lang", help="only this language")
    p.add_argument(
        "--id",
        action="append",
        default=[],
        metavar="ID",
        help="only this template (id, id prefix or exact name; repeatable)",
    )
    p.add_argument(
        "--format",
        choices=["json", "folder"],
        default="json",
        help="json: one .replydesk file (default); folder: front-matter files",
    )
    p.add_argument(
        "--with-orders",
        action="store_true",
        help="include orders and the profile (never by default)",
    )

    p = commands.add_parser("import", help="import templates: preview, then merge")
    p.add_argument(
        "path",
        type=Path,
        metavar="PATH",
        help="a .replydesk file, a folder or zip of template files, or one .md file",
    )
    p.add_argument("--dry-run", action="store_true", help="show the preview, change nothing")
    p.add_argument(
        "--on-conflict",
        choices=["mine", "theirs", "keep-both"],
        default="mine",
        help="what to do when both sides changed a template (default: keep mine)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")

    backup = commands.add_parser("backup", help="list, make or restore database backups")
    backup_commands = backup.add_subparsers(
        dest="backup_command", metavar="ACTION", required=True, parser_class=ReplydeskArgumentParser
    )
    p = backup_commands.add_parser("list", help="the backups, newest first")
    p.add_argument("--json", action="store_true", help="print JSON")
    backup_commands.add_parser("create", help="back up the database now")
    p = backup_commands.add_parser(
        "restore", help="replace the database with a backup (the current one is kept)"
    )
    p.add_argument(
        "backup",
        metavar="BACKUP",
        help='a file name from `backup list` (or its start), or "newest"',
    )

    p = commands.add_parser(
        "profile",
        help="show or set your name, signatures and defaults",
        description="Show the profile, or change only the values given (the others stay as "
        "they are). A signature belongs to one reply language: it is added under replies in "
        "that language, after the template's own closing and your name.",
    )
    p.add_argument("--name", help="your name, used as {{ my_name }} by every built-in template")
    p.add_argument(
        "--signature",
        metavar="TEXT",
        help='the signature of replies in one language ({{ signature }}); "" removes it. '
        "Leave it empty if your templates already end with your name.",
    )
    p.add_argument(
        "--for-language",
        metavar="LANG",
        help="the reply language --signature is for (en, ru, ro, sk, hu...); "
        "by default the default language",
    )
    p.add_argument("--language", help="default language for new templates")
    p.add_argument("--currency", help="default currency (ISO code, e.g. USD)")
    p.add_argument("--json", action="store_true", help="print JSON")
    return parser


def parse_assignments(items: Sequence[str]) -> dict[str, str]:
    """The values of repeated `--set FIELD=VALUE` options, by field name."""
    values: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--set takes FIELD=VALUE, not {item!r}")
        values[name.strip()] = value
    return values
