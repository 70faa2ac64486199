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

if TYPE_CHECKING:
    from replydesk.core.merge import ImportOutcome
    from replydesk.core.store import TemplateStore


def export_command(store: TemplateStore, args: argparse.Namespace, streams: Streams) -> ExitStatus:
    """Write the chosen templates to a .replydesk file, or a folder of front-matter files."""
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
        f"replydesk: exported {count} {noun} to {one_line(str(args.output), 500)}",
        file=streams.stderr,
    )
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
    from replydesk.core.merge import Choice, Status, apply_plan, plan_import

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
            data["outcome"] = outcome_counts(outcome)
        print_json(data, out)
        return ExitStatus.OK
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
    return ExitStatus.OK


def outcome_counts(outcome: ImportOutcome) -> dict[str, int]:
    """How many templates an import added, updated, copied, kept and left unchanged."""
    return {
        name: getattr(outcome, name) for name in ("added", "updated", "copies", "kept", "unchanged")
    }
