"""`replydesk backup list|create|restore`: works on the database file itself, so it works
when the database is damaged."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from replydesk.cli.exit import ExitStatus
from replydesk.cli.output import path_text, print_json, print_table, say_error
from replydesk.cli.streams import Streams
from replydesk.core.errors import ReplydeskError, StoreError
from replydesk.core.i18n import _, ngettext, pgettext


def backup_command(args: argparse.Namespace, streams: Streams) -> ExitStatus:
    """Run `backup ACTION`; a ReplydeskError is one line on stderr and ExitStatus.ERROR."""
    from replydesk.core import paths

    actions = {"list": list_backups, "create": create_backup, "restore": restore_backup}
    try:
        return actions[args.backup_command](paths.backup_dir(), args, streams.stdout)
    except ReplydeskError as error:
        say_error(error, streams.stderr)
        return ExitStatus.ERROR


def list_backups(folder: Path, args: argparse.Namespace, out: TextIO) -> ExitStatus:
    """The backups in `folder`, newest first."""
    from replydesk.core import backups

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
        return ExitStatus.OK
    if not found:
        print(_("No backups yet in {folder}").format(folder=path_text(folder)), file=out)
        return ExitStatus.OK
    table = [
        [
            path_text(Path(b.name)),
            b.created.strftime("%Y-%m-%d %H:%M UTC"),
            b.reason_text,
            # Translators: in the TEMPLATES column, for a backup that cannot be read.
            _("unreadable") if (count := b.template_count()) is None else str(count),
        ]
        for b in found
    ]
    headers = [
        pgettext("column", "BACKUP"),
        # Translators: the column of when a backup was made.
        pgettext("column", "MADE"),
        # Translators: the column of why a backup was made (by hand, before an import).
        pgettext("column", "WHY"),
        pgettext("column", "TEMPLATES"),
    ]
    print_table(table, headers, out)
    # Translators: under the table of backups; {count} backups are in {folder}, of which
    # the newest {kept} are kept (older ones are deleted).
    summary = ngettext(
        "{count} in {folder} (the newest {kept} are kept)",
        "{count} in {folder} (the newest {kept} are kept)",
        len(found),
    )
    kept = backups.KEEP_BACKUPS
    print("\n" + summary.format(count=len(found), folder=path_text(folder), kept=kept), file=out)
    return ExitStatus.OK


def create_backup(folder: Path, args: argparse.Namespace, out: TextIO) -> ExitStatus:
    """Back the database up into `folder` now."""
    from replydesk.core import backups, migrations, paths

    database = paths.database_path()
    if not database.exists():
        raise StoreError(_("there is no database to back up at {path}").format(path=database))
    backups.check_wal(database)  # a -wal from another database is not backed up as ours
    migrations.check_file(database)  # nor is another app's file
    made = backups.make_backup(database, folder, "manual")
    print(_("Backed up to {path}").format(path=path_text(made)), file=out)
    return ExitStatus.OK


def restore_backup(folder: Path, args: argparse.Namespace, out: TextIO) -> ExitStatus:
    """Replace the database with a backup from `folder`, keeping what it held; refused
    while the window runs (it has the database open)."""
    from replydesk.core import backups, paths
    from replydesk.instance import send_command

    database = paths.database_path()
    chosen = backups.find_backup(folder, args.backup)
    if send_command("status") is not None:
        raise StoreError(
            # Translators: "File → Restore from backup…" names the window's menu item.
            _(
                "Replydesk is running: restore from its window (File → Restore from backup…), "
                "or quit it first"
            )
        )
    kept = backups.restore(chosen.path, database, folder)
    # Translators: {name} is the backup's file name, {reason} why it was made ("made by hand").
    restored = _("Restored {name} ({reason}).").format(name=chosen.name, reason=chosen.reason_text)
    print(restored, file=out)
    if kept is not None:
        print(
            _("What the database held before is in {path}").format(path=path_text(kept)),
            file=out,
        )
    return ExitStatus.OK
