"""The `replydesk` command line: a thin layer over the core."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from replydesk import __version__
from replydesk.core.display import one_line, shown_block
from replydesk.core.errors import DamagedDatabaseError, ReplydeskError, StoreError

log = logging.getLogger("replydesk.cli")
FILLED_BLOCK_NOTE = (
    "replydesk: the reply contains invisible or control characters, shown as \\u… or \\x… "
    "escapes; redirected to a file or copied (--copy) it is exact"
)
BROKEN_PIPE_STATUS = 141  # as a shell reports a process ended by SIGPIPE (128 + 13)

if TYPE_CHECKING:
    from replydesk.core.models import OrderRow, TemplateRow
    from replydesk.core.store import TemplateStore


class UsageError(Exception):
    """A malformed command line (exit 2)."""


class ReplydeskArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return start_or_forward(
            "show", smoke_test=args.smoke_test, minimized=args.minimized, debug=args.debug
        )
    if args.command == "quick":
        return start_or_forward("quick", debug=args.debug)
    from replydesk.core import logs

    logs.setup(args.debug)
    if args.command in ("install-desktop", "uninstall-desktop"):
        return desktop_menu(args.command, sys.stdout)
    if args.command == "backup":
        try:
            return backup_command(args, sys.stdout)
        except ReplydeskError as error:
            say_error(error)
            return 1
    if args.command == "import" and not (args.dry_run or args.json or args.on_conflict != "mine"):
        forwarded = forward("import", [str(args.path.resolve())])
        if forwarded is not None:
            return forwarded
    try:
        handler = HANDLERS[args.command]
        from replydesk.core.store import TemplateStore

        with TemplateStore.open_default(check=False) as store:
            from replydesk.core.library import sync_builtin

            sync_builtin(store)
            status = handler(store, args, sys.stdout)
            sys.stdout.flush()  # a reader that went away is met here, not at exit
            return status
    except BrokenPipeError:
        # The reader stopped reading (`replydesk list | head -1`): nothing more to tell it.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return BROKEN_PIPE_STATUS
    except UsageError as error:
        parser.exit(2, f"replydesk: error: {error}\n")
    except DamagedDatabaseError as error:
        from replydesk.core.store import SearchIndexError

        if isinstance(error, SearchIndexError):
            return rebuild_search_index(error)
        print(
            f"replydesk: {error}\nStart Replydesk to recover it (it is moved aside, never "
            "deleted), or restore a backup: `replydesk backup list`, "
            "`replydesk backup restore newest`.",
            file=sys.stderr,
        )
        return 1
    except ReplydeskError as error:
        say_error(error)
        return 1
    except KeyboardInterrupt:
        return 130


def rebuild_search_index(error: ReplydeskError) -> int:
    """The search index was found damaged: rebuild it now (as the window's start-up check
    would) and say so; 1, since the command itself did not run."""
    from replydesk.core.store import TemplateStore

    try:
        with TemplateStore.open_default(check=False) as store:
            store.rebuild_search_index()
    except ReplydeskError as failure:
        say_error(f"{error}, and it could not be rebuilt: {failure}")
        return 1
    print(
        f"replydesk: {error}; it has been rebuilt from your templates: run the command again.",
        file=sys.stderr,
    )
    return 1


def path_text(path: Path) -> str:
    """A path as printed: bytes that are not UTF-8 (a folder named in another encoding)
    shown as \\xff escapes instead of failing the output."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def backup_command(args: argparse.Namespace, out: TextIO) -> int:
    """`replydesk backup list|create|restore`: works even when the database is damaged."""
    from replydesk.core import backups, paths

    folder = paths.backup_dir()
    if args.backup_command == "list":
        found = backups.list_backups(folder)
        if args.json:
            print_json(
                [
                    {
                        "name": path_text(Path(b.name)),
                        "path": path_text(b.path),
                        "created": b.created.isoformat() + "Z",
                        "reason": b.reason_text,
                        "templates": b.template_count(),
                        "bytes": b.size,
                    }
                    for b in found
                ],
                out,
            )
            return 0
        if not found:
            print(f"No backups yet in {path_text(folder)}", file=out)
            return 0
        table = [
            [
                path_text(Path(b.name)),
                b.created.strftime("%Y-%m-%d %H:%M UTC"),
                b.reason_text,
                "unreadable" if (count := b.template_count()) is None else str(count),
            ]
            for b in found
        ]
        print_table(table, ["BACKUP", "MADE", "WHY", "TEMPLATES"], out)
        print(
            f"\n{len(found)} in {path_text(folder)} (the newest {backups.KEEP_BACKUPS} are kept)",
            file=out,
        )
        return 0
    database = paths.database_path()
    if args.backup_command == "create":
        if not database.exists():
            raise StoreError(f"there is no database to back up at {database}")
        from replydesk.core import migrations

        backups.check_wal(database)  # a -wal from another database is not backed up as ours
        migrations.check_file(database)  # nor is another app's file
        made = backups.make_backup(database, folder, "manual")
        print(f"Backed up to {path_text(made)}", file=out)
        return 0
    chosen = backups.find_backup(folder, args.backup)
    from replydesk.instance import send_command

    if send_command("status") is not None:
        raise StoreError(
            "Replydesk is running: restore from its window (File → Restore from backup…), "
            "or quit it first"
        )
    kept = backups.restore(chosen.path, database, folder)
    print(f"Restored {chosen.name} ({chosen.reason_text}).", file=out)
    if kept is not None:
        print(f"What the database held before is in {path_text(kept)}", file=out)
    return 0


# --- the running instance -------------------------------------------------------------------


def forward(command: str, args: Sequence[str] = ()) -> int | None:
    """Hand a command to the running window; None when no instance is running."""
    from replydesk.instance_address import nobody_listening

    try:
        if nobody_listening():
            return None
    except ReplydeskError:  # no data folder to name the socket by: the window says why
        return None
    from replydesk.instance import send_command

    reply = send_command(command, args)
    if reply is None:
        return None
    if not reply.get("ok"):
        say_error(reply.get("error", "the running Replydesk refused the command"), limit=500)
        return 1
    if command == "import":
        print("replydesk: the import preview is open in the running Replydesk", file=sys.stderr)
    return 0


def start_or_forward(
    command: str, *, smoke_test: bool = False, minimized: bool = False, debug: bool = False
) -> int:
    """Bring the running instance forward (or give it the command), else start the app."""
    if not smoke_test:
        forwarded = forward(command)
        if forwarded is not None:
            return forwarded
    from replydesk.app import run

    return run(
        smoke_test=smoke_test,
        minimized=minimized,
        command=None if command == "show" else command,
        debug=debug,
    )


def desktop_menu(command: str, out: TextIO) -> int:
    """install-desktop / uninstall-desktop: the application-menu entry, no store needed."""
    from replydesk.core.desktop_entry import install_desktop, uninstall_desktop

    try:
        if command == "install-desktop":
            for path in install_desktop():
                out.write(f"wrote {path}\n")
        else:
            removed = uninstall_desktop()
            for path in removed:
                out.write(f"removed {path}\n")
            if not removed:
                out.write("Replydesk was not in the application menu: nothing to remove\n")
    except ReplydeskError as error:
        say_error(error)
        return 1
    return 0


# --- helpers --------------------------------------------------------------------------------


def say_error(error: object, limit: int = 1000) -> None:
    """One line on stderr: "replydesk: " and the error, whose text may quote what someone
    typed or a file held (a pasted path with an escape in it): escaped like every name, at
    most `limit` characters."""
    print(f"replydesk: {one_line(str(error), limit)}", file=sys.stderr)


def parse_assignments(items: Sequence[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--set takes FIELD=VALUE, not {item!r}")
        values[name.strip()] = value
    return values


def template_summary(row: TemplateRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "kind": row.kind,
        "language": row.language,
        "tags": row.tags,
        "favorite": row.favorite,
        "revision": row.revision,
        "use_count": row.use_count,
    }


def template_fields(row: TemplateRow) -> list[Any]:
    from replydesk.core.fields import specs_from_dicts
    from replydesk.core.render import fields_for

    return fields_for(row.body, specs_from_dicts(row.fields))


def print_json(data: object, out: TextIO) -> None:
    """JSON with readable letters of every script; control, bidi and zero-width characters
    (and lone surrogates) as \\u escapes, which JSON reads back as the same text."""
    from replydesk.core.display import json_text

    out.write(json_text(json.dumps(data, ensure_ascii=False, indent=2, default=str)) + "\n")


CELL_LIMIT = 60
"""A table cell's width at most, in characters: a longer one is cut with "…"."""


def print_table(rows: list[list[str]], headers: list[str], out: TextIO) -> None:
    """Columns padded to their widest cell; every cell escaped (core.display) and cut at
    CELL_LIMIT, with a note under the table when one was."""
    from replydesk.core.display import CELL_NOTE, shown_line

    escaped = cut = False
    shown: list[list[str]] = []
    for row in rows:
        cells = []
        for cell in row:
            text, hidden, shortened = shown_line(cell, CELL_LIMIT)
            escaped = escaped or hidden
            cut = cut or shortened
            cells.append(text)
        shown.append(cells)
    widths = [
        max(len(h), *(len(r[i]) for r in shown)) if shown else len(h) for i, h in enumerate(headers)
    ]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    out.write(line.rstrip() + "\n")
    for cells in shown:
        out.write("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip() + "\n")
    notes = [CELL_NOTE] if escaped else []
    if cut:
        notes.append(
            f"Cells longer than {CELL_LIMIT} characters are cut short with “…” "
            "(--json prints them whole)."
        )
    if notes:
        out.write("\n" + "\n".join(notes) + "\n")


def parse_order_values(assignments: dict[str, str], currency: str) -> dict[str, object]:
    """Typed order values from --set; the price is read in the currency the order will
    have (`currency` set here, else `currency`, the order's or the profile's)."""
    from replydesk.core.fields import STANDARD_FIELDS, parse_value

    values: dict[str, object] = {}
    names = sorted(assignments, key=lambda name: name != "currency")  # the currency first
    for name in names:
        raw = assignments[name]
        spec = STANDARD_FIELDS.get(name)
        in_currency = str(values.get("currency") or currency)
        values[name] = parse_value(spec, raw, currency=in_currency) if spec and raw.strip() else raw
    return values


def order_id(order: OrderRow) -> int:
    """A saved order's number (the database has assigned it)."""
    assert order.id is not None
    return order.id


def order_json(order: OrderRow, current_id: int | None) -> dict[str, Any]:
    values = {
        k: (v.isoformat() if hasattr(v, "isoformat") else str(v)) for k, v in order.values().items()
    }
    return {"id": order.id, "current": order.id == current_id, "values": values}


# --- commands -------------------------------------------------------------------------------


def cmd_list(store: TemplateStore, args: argparse.Namespace, out: TextIO) -> int:
    rows = store.list_templates(kind=args.kind, language=args.lang, search=args.search)
    if args.json:
        print_json([template_summary(r) for r in rows], out)
        return 0
    table = [[r.id[:8], r.language, r.kind, ("★ " if r.favorite else "") + r.name] for r in rows]
    print_table(table, ["ID", "LANG", "KIND", "NAME"], out)
    return 0


def cmd_show(store: TemplateStore, args: argparse.Namespace, out: TextIO) -> int:
    row = store.find_template(args.template)
    fields = template_fields(row)
    if args.json:
        data = template_summary(row)
        data["body"] = row.body
        data["fields"] = [
            {
                "name": f.name,
                "type": f.type.value,
                "label": f.display_label,
                "required": f.required,
                "default": f.default,
                "choices": list(f.choices),
                "multiple": f.multiple,
                "help": f.help,
            }
            for f in fields
        ]
        print_json(data, out)
        return 0
    from replydesk.core.display import BLOCK_NOTE

    out.write(f"{one_line(row.name)}\n")
    details = f"id {row.id} · {row.kind} · {row.language} · revision {row.revision}"
    out.write(one_line(details))
    out.write(f" · tags: {one_line(', '.join(row.tags))}\n" if row.tags else "\n")
    out.write("\nFields:\n")
    for f in fields:
        flags = "required" if f.required else "optional"
        default = f", default {f.default!r}" if f.default is not None else ""
        out.write(one_line(f"  {f.name:<16} {f.type.value:<9} {flags}{default}") + "\n")
    body, escaped, _ = (
        (row.body.rstrip(), False, False) if args.raw else shown_block(row.body.rstrip())
    )
    out.write("\n" + body + "\n")
    if escaped:
        out.flush()
        print(BLOCK_NOTE, file=sys.stderr)
    return 0


def cmd_fill(store: TemplateStore, args: argparse.Namespace, out: TextIO) -> int:
    """Fill by the one path the window and the palette use (core.filling), and deliver
    by the same rules (core.delivery): a reply with checker errors is copied only with
    --anyway, and never while copying is blocked on errors."""
    from replydesk.core import delivery
    from replydesk.core.errors import InvalidValuesError, MissingFieldsError
    from replydesk.core.fields import FieldType
    from replydesk.core.filling import filling_for
    from replydesk.core.sandbox import MAX_RENDER_SECONDS

    assignments = parse_assignments(args.set)
    row = store.find_template(args.template)
    order_number: int | None = None
    if args.order:
        order = store.find_order(args.order)
        order_number = order_id(order)
        store.touch_order(order_number)
    filling = filling_for(store, row.id, order_id=order_number)
    used = {f.name for f in filling.fields}
    if any(f.type is FieldType.MONEY for f in filling.fields):
        used.add("currency")  # the amounts are shown in it
    unused = sorted(set(assignments) - used)
    for name in unused:
        print(f"replydesk: note: this template does not use '{name}'", file=sys.stderr)
    for name, value in assignments.items():
        filling.set_value(name, value)
    result = filling.result(time_budget=MAX_RENDER_SECONDS)
    if result.error is not None:  # one line naming the template (and the line, if known)
        raise ReplydeskError(f"{one_line(row.name, 80)}: {result.error}") from result.error
    if result.invalid:
        problems = list(result.problems)
        raise problems[0] if len(problems) == 1 else InvalidValuesError(problems)
    if result.missing:
        raise MissingFieldsError(list(result.missing))
    assert result.text is not None
    text = result.text
    log.info("filled template %s (%d characters)", row.id, len(text))
    log.debug("the reply:\n%s", text)
    if args.json:
        print_json(
            {"text": text, "template": row.id, "findings": findings_json(result.findings)}, out
        )
    elif out.isatty():  # a terminal never gets a reply's control characters raw
        shown = shown_block(text)
        out.write(shown.text + "\n")
        if shown.escaped:
            print(FILLED_BLOCK_NOTE, file=sys.stderr)
    else:
        out.write(text + "\n")
    out.flush()
    for line in finding_lines(text, result.findings):
        print(f"replydesk: {line}", file=sys.stderr)
    if not args.copy:
        delivery.record_delivery(store, row.id, None)
        return 0
    decision = delivery.verdict(
        result.findings, blocked=delivery.copy_blocked(store), confirmed=args.anyway
    )
    if decision is delivery.Verdict.BLOCK:
        print(f"replydesk: {delivery.BLOCKED_TEXT}", file=sys.stderr)
        return 3
    if decision is delivery.Verdict.CONFIRM:
        print(
            f"replydesk: {delivery.confirm_text(result.findings, 'Add --anyway')}; not copied",
            file=sys.stderr,
        )
        return 3
    copied = copy_to_clipboard(text)
    if copied == 0:
        delivery.record_delivery(store, row.id, None)
    return copied


def findings_json(findings: Sequence[Any]) -> list[dict[str, Any]]:
    return [
        {
            "severity": f.severity.value,
            "start": f.start,
            "end": f.end,
            "rule": f.rule,
            "message": f.message,
        }
        for f in findings
    ]


def finding_lines(text: str, findings: Sequence[Any]) -> list[str]:
    """ "severity line:col rule: message" for each finding of the checker."""
    from replydesk.core.checker import line_col

    lines = []
    for f in findings:
        line, col = line_col(text, f.start)
        lines.append(f"{f.severity.value} {line}:{col} {f.rule}: {f.message}")
    return lines


def cmd_check(store: TemplateStore, args: argparse.Namespace, out: TextIO) -> int:
    """Exit 0 when the reply is clean, 3 when the checker found something."""
    from replydesk.core.checker import check

    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text("utf-8")
    except OSError as error:
        raise ReplydeskError(f"cannot read {args.file}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ReplydeskError(f"cannot read {args.file}: not UTF-8 text") from None
    findings = check(text, language=args.lang, platform=args.platform)
    if args.json:
        print_json(findings_json(findings), out)
    else:
        for line in finding_lines(text, findings):
            out.write(line + "\n")
    return 3 if findings else 0


def copy_to_clipboard(text: str) -> int:
    import pyperclip

    try:
        pyperclip.copy(text)
    except pyperclip.PyperclipException as error:
        reason = str(error).splitlines()[0] if str(error) else "no clipboard available"
        print(f"replydesk: could not copy to the clipboard: {reason}", file=sys.stderr)
        return 1
    print("replydesk: copied to the clipboard", file=sys.stderr)
    return 0


def cmd_edit(store: TemplateStore, args: argparse.Namespace, out: TextIO) -> int:
    from replydesk.core.render import check_syntax

    row = store.find_template(args.template)
    body = None
    if args.body_file is not None:
        try:
            body = (
                sys.stdin.read()
                if str(args.body_file) == "-"
                else args.body_file.read_text("utf-8")
            )
        except (OSError, UnicodeDecodeError) as error:
            raise ReplydeskError(f"cannot read {args.body_file}: {error}") from None
        check_syntax(body)
    tags = None if args.tags is None else [t.strip() for t in args.tags.split(",") if t.strip()]
    updated = store.update_template(
        row.id, name=args.name, body=body, tags=tags, kind=args.kind, language=args.lang
    )
    from replydesk.core.display import one_line

    out.write(f"{one_line(updated.name)}: revision {updated.revision}\n")
    return 0


def cmd_order(store: TemplateStore, args: argparse.Namespace, out: TextIO) -> int:
    action = args.order_command
    if action == "list":
        orders = store.list_orders(limit=args.limit)
        current = store.current_order_id
        if args.json:
            print_json([order_json(o, current) for o in orders], out)
            return 0
        table = [
            [("* " if o.id == current else "  ") + str(o.id), o.order_id, o.client_name, o.service]
            for o in orders
        ]
        print_table(table, ["  #", "ORDER ID", "CLIENT", "SERVICE"], out)
        return 0
    if action == "add":
        default = store.get_profile().default_currency
        order = store.create_order(parse_order_values(parse_assignments(args.set), default))
    elif action == "edit":
        order = store.find_order(args.order)
        currency = order.currency or store.get_profile().default_currency
        values = parse_order_values(parse_assignments(args.set), currency)
        order = store.update_order(order_id(order), values)
    else:
        order = store.find_order(args.order)
    if getattr(args, "current", False):
        store.current_order_id = order.id
    if args.json:
        print_json(order_json(order, store.current_order_id), out)
        return 0
    from replydesk.core.display import one_line

    out.write(f"order {order.id}\n")
    for name, value in order.values().items():
        out.write(one_line(f"  {name:<12} {value}") + "\n")
    return 0


def cmd_profile(store: TemplateStore, args: argparse.Namespace, out: TextIO) -> int:
    from replydesk.core.store import signature_key

    if args.for_language is not None and args.signature is None:
        raise UsageError("--for-language says which language --signature is for: give both")
    changes: dict[str, str | None] = {
        key: value
        for key, value in (
            ("my_name", args.name),
            ("default_language", args.language),
            ("default_currency", args.currency.upper() if args.currency else None),
        )
        if value is not None
    }
    language = (args.for_language or "").strip()
    if args.signature is not None:
        changes[signature_key(language) if language else "signature"] = (
            args.signature.rstrip() or None
        )
    try:
        profile = store.update_profile(changes) if changes else store.get_profile()
    except ValueError:  # the one key update_profile can refuse here: the language's
        raise UsageError(
            f"--for-language takes a language code such as en or ru, not {language!r}"
        ) from None
    data: dict[str, Any] = {
        "my_name": profile.my_name,
        "default_language": profile.default_language,
        "default_currency": profile.default_currency,
        # The default language's, the one signature there was before languages had their own.
        "signature": profile.signature_for(profile.default_language),
        "signatures": dict(sorted(profile.signatures.items())),
    }
    if args.json:
        print_json(data, out)
        return 0
    for key in ("my_name", "default_language", "default_currency"):
        out.write(f"{key:<17} {data[key]}\n")
    if not profile.signatures:
        out.write(f"{'signatures':<17} (none)\n")
    for code, text in data["signatures"].items():
        lines = text.splitlines() or [""]
        out.write(f"{signature_key(code):<17} {lines[0]}\n")
        for line in lines[1:]:
            out.write(f"{'':<17} {line}\n")
    return 0


def cmd_export(store: TemplateStore, args: argparse.Namespace, out: TextIO) -> int:
    from replydesk.core.bundle import export_file, export_folder

    ids = [store.find_template(ref).id for ref in args.id]
    filters: dict[str, Any] = {"ids": ids, "kind": args.kind, "language": args.lang}
    if args.format == "folder":
        if args.with_orders:
            raise UsageError("--with-orders needs --format json")
        count = export_folder(store, args.output, **filters)
    else:
        count = export_file(store, args.output, with_orders=args.with_orders, **filters)
    noun = "template" if count == 1 else "templates"
    print(
        f"replydesk: exported {count} {noun} to {one_line(str(args.output), 500)}", file=sys.stderr
    )
    return 0


def cmd_import(store: TemplateStore, args: argparse.Namespace, out: TextIO) -> int:
    from replydesk.core.bundle import read_bundle
    from replydesk.core.merge import Choice, Status, apply_plan, plan_import

    plan = plan_import(store, read_bundle(args.path))
    plan.choose_all(Choice(args.on_conflict), (Status.CONFLICT,))
    outcome = None if args.dry_run else apply_plan(store, plan)
    if args.json:
        data: dict[str, Any] = {
            "templates": [
                {
                    "id": item.incoming.id,
                    "name": item.incoming.name,
                    "status": item.status.value,
                    "action": item.choice.value,
                }
                for item in plan.items
            ],
            "counts": plan.counts(),
            "dry_run": args.dry_run,
        }
        if outcome is not None:
            data["outcome"] = outcome_counts(outcome)
        print_json(data, out)
        return 0
    rows = [
        [item.status.value, item.choice.value, item.incoming.language, item.incoming.name]
        for item in plan.items
    ]
    print_table(rows, ["STATUS", "ACTION", "LANG", "NAME"], out)
    counts = ", ".join(f"{n} {status}" for status, n in plan.counts().items() if n)
    out.write(f"\n{len(plan.items)} templates: {counts or 'none'}\n")
    if outcome is None:
        out.write("dry run: nothing changed\n")
    else:
        done = ", ".join(f"{n} {what}" for what, n in outcome_counts(outcome).items())
        out.write(f"imported: {done}\n")
    return 0


def outcome_counts(outcome: Any) -> dict[str, int]:
    return {
        name: getattr(outcome, name) for name in ("added", "updated", "copies", "kept", "unchanged")
    }


HANDLERS = {
    "list": cmd_list,
    "show": cmd_show,
    "fill": cmd_fill,
    "check": cmd_check,
    "edit": cmd_edit,
    "order": cmd_order,
    "profile": cmd_profile,
    "export": cmd_export,
    "import": cmd_import,
}
