"""`replydesk export` and `import`: templates to a file or folder, and back with a preview."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from replydesk.cli.exit import ExitStatus
from replydesk.cli.forwarding import forward
from replydesk.cli.output import print_json, print_table
from replydesk.cli.parser import UsageError
from replydesk.cli.streams import Streams
from replydesk.core.display import one_line
from replydesk.core.i18n import _, ngettext, pgettext

if TYPE_CHECKING:
    from replydesk.core.store import TemplateStore


def export_command(store: TemplateStore, args: argparse.Namespace, streams: Streams) -> ExitStatus:
    """Write the chosen templates to a .replydesk file, or a folder of front-matter files."""
    from replydesk.core.bundle import export_file, export_folder

    ids = [store.find_template(ref).id for ref in args.id]
    filters: dict[str, Any] = {"ids": ids, "kind": args.kind, "language": args.lang}
    if args.format == "folder":
        if args.with_orders:
            raise UsageError(_("--with-orders needs --format json"))
        count = export_folder(store, args.output, **filters)
    else:
        count = export_file(store, args.output, with_orders=args.with_orders, **filters)
    # Translators: {path} is the file or folder written.
    exported = ngettext(
        "exported {count} template to {path}", "exported {count} templates to {path}", count
    ).format(count=count, path=one_line(str(args.output), 500))
    print(f"replydesk: {exported}", file=streams.stderr)
    return ExitStatus.OK


def import_in_window(args: argparse.Namespace, streams: Streams) -> ExitStatus | None:
    """A plain `replydesk import PATH` opens its preview in the running window; None when
    no window runs or the options ask for the command line's own import."""
    if args.dry_run or args.json or args.on_conflict != "mine":
        return None
    return forward("import", [str(args.path.resolve())], streams.stderr)


def import_command(store: TemplateStore, args: argparse.Namespace, streams: Streams) -> ExitStatus:
    """Preview what importing a file would do, then do it (unless --dry-run)."""
    from replydesk.core.bundle import read_bundle
    from replydesk.core.merge import (
        Choice,
        Status,
        apply_plan,
        outcome_part,
        plan_import,
        status_text,
    )

    out = streams.stdout
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
            data["outcome"] = outcome.counts()
        print_json(data, out)
        return ExitStatus.OK
    rows = [
        [item.status.value, item.choice.value, item.incoming.language, item.incoming.name]
        for item in plan.items
    ]
    headers = [
        pgettext("column", "STATUS"),
        pgettext("column", "ACTION"),
        pgettext("column", "LANG"),
        pgettext("column", "NAME"),
    ]
    print_table(rows, headers, out)
    counts = ", ".join(status_text(Status(status), n) for status, n in plan.counts().items() if n)
    # Translators: the templates of a file to import; {counts} lists them by status
    # ("3 new, 1 conflict"), or says "none".
    summary = ngettext("{count} template: {counts}", "{count} templates: {counts}", len(plan.items))
    none = pgettext("templates", "none")
    out.write("\n" + summary.format(count=len(plan.items), counts=counts or none) + "\n")
    if outcome is None:
        out.write(_("dry run: nothing changed") + "\n")
    else:
        done = ", ".join(outcome_part(what, n) for what, n in outcome.counts().items())
        # Translators: {outcome} lists what the import did ("2 added, 1 updated, 0 kept").
        out.write(_("imported: {outcome}").format(outcome=done) + "\n")
    return ExitStatus.OK
