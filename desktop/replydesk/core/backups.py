"""Backups of the database: made with SQLite's backup API, listed, pruned and restored.

A backup is a self-contained SQLite file in the backup folder, named
`replydesk-<UTC yyyymmdd-hhmmss>-<reason>.sqlite3`. One is made before every schema
upgrade (reason "v<old version>"), before every import ("import"), before a restore
("restore") and once a day when the window opens ("daily"); the newest KEEP_BACKUPS are
kept. A damaged database is never deleted: `move_aside` renames it beside the original.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import uuid
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from replydesk.core.errors import StoreError

log = logging.getLogger("replydesk.backups")

KEEP_BACKUPS = 10
PARTIAL_SUFFIX = ".partial"
STALE_PARTIAL = timedelta(hours=1)
"""A copy left this long was cut short (the process was killed): prune deletes it."""
DAILY = timedelta(days=1)
_NAME = re.compile(r"^replydesk-(\d{8}-\d{6})-([a-z0-9]+)(?:-\d+)?\.sqlite3$")
REASONS = {
    "import": "before an import",
    "restore": "before restoring a backup",
    "daily": "daily",
    "manual": "made by hand",
}


@dataclass(frozen=True)
class Backup:
    path: Path
    created: datetime  # UTC, naive
    reason: str  # a key of REASONS, or "v<N>" (before upgrading from schema N)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def reason_text(self) -> str:
        if self.reason.startswith("v") and self.reason[1:].isdigit():
            return f"before an upgrade (from schema {self.reason[1:]})"
        return REASONS.get(self.reason, self.reason)

    @property
    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0

    def template_count(self) -> int | None:
        """Templates not in the trash, None when the file cannot be read."""
        try:
            with closing(_read_only(self.path)) as connection:
                columns = {row[1] for row in connection.execute("PRAGMA table_info(template)")}
                where = " WHERE deleted_at IS NULL" if "deleted_at" in columns else ""
                query = f"SELECT count(*) FROM template{where}"
                return int(connection.execute(query).fetchone()[0])
        except sqlite3.Error:
            return None


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


# -- making and listing ---------------------------------------------------------------------


def backup_connection(connection: sqlite3.Connection, backup_dir: Path, reason: str) -> Path:
    """Copy the database behind `connection` into a new backup file; its path."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = _now().strftime("%Y%m%d-%H%M%S")
    # Each process copies into its own file: two imports starting in the same second
    # must not write into (or rename) one shared partial file.
    partial = backup_dir / f".replydesk-{uuid.uuid4().hex}{PARTIAL_SUFFIX}"
    try:
        copy = sqlite3.connect(partial)
        try:
            connection.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # self-contained: no -wal/-shm beside it
        finally:
            copy.close()
        target = _claim_name(backup_dir, f"replydesk-{stamp}-{reason}", partial)
    finally:
        partial.unlink(missing_ok=True)  # a backup file is complete or absent
    log.info("backed up the database to %s", target)
    return target


def _claim_name(backup_dir: Path, stem: str, partial: Path) -> Path:
    """Link the finished copy under the first free name: os.link never replaces a file, so
    two processes cannot both take one name (an exists() test then a rename could)."""
    target = backup_dir / f"{stem}.sqlite3"
    counter = 1
    while True:
        try:
            os.link(partial, target)
            return target
        except FileExistsError:
            counter += 1
            target = backup_dir / f"{stem}-{counter}.sqlite3"
        except OSError:  # a file system without hard links (FAT): the exists() test it is
            if not target.exists():
                os.replace(partial, target)
                return target
            counter += 1
            target = backup_dir / f"{stem}-{counter}.sqlite3"


def make_backup(db_path: Path, backup_dir: Path, reason: str, keep: int = KEEP_BACKUPS) -> Path:
    """Back up the database file at `db_path`, then keep only the newest `keep` backups."""
    try:
        connection = sqlite3.connect(db_path, timeout=5)
        try:
            made = backup_connection(connection, backup_dir, reason)
        finally:
            connection.close()
    except (sqlite3.Error, OSError) as error:
        raise StoreError(f"cannot back up {db_path}: {error}") from error
    prune(backup_dir, keep, spare=made)
    return made


def list_backups(backup_dir: Path) -> list[Backup]:
    """The backups in the folder, newest first (files not named like a backup are ignored)."""
    found = []
    try:
        paths = list(backup_dir.iterdir())
    except OSError:
        return []
    for path in paths:
        match = _NAME.match(path.name)
        if match and path.is_file():
            created = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
            found.append(Backup(path, created, match.group(2)))
    # Names tell the second; two backups in the same second go by the file's own time.
    return sorted(found, key=lambda b: (b.created, _mtime(b.path), b.name), reverse=True)


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def prune(backup_dir: Path, keep: int = KEEP_BACKUPS, spare: Path | None = None) -> list[Path]:
    """Delete all but the newest `keep` backups (never `spare`); the paths deleted."""
    removed = []
    for backup in list_backups(backup_dir)[keep:]:
        if spare is not None and backup.path == spare:
            continue
        try:
            backup.path.unlink()
            removed.append(backup.path)
        except OSError:
            pass
    old = (_now() - STALE_PARTIAL).replace(tzinfo=timezone.utc).timestamp()
    for partial in backup_dir.glob(f".replydesk-*{PARTIAL_SUFFIX}"):
        try:
            if partial.stat().st_mtime < old:
                partial.unlink()
                removed.append(partial)
        except OSError:
            pass
    return removed


def daily_backup(
    db_path: Path, backup_dir: Path, now: Callable[[], datetime] = _now
) -> Path | None:
    """A backup when none is younger than a day (any reason counts); else None."""
    newest = next(iter(list_backups(backup_dir)), None)
    if newest is not None and now() - newest.created < DAILY:
        return None
    return make_backup(db_path, backup_dir, "daily")


def find_backup(backup_dir: Path, ref: str) -> Backup:
    """A backup by file name (or its start); the newest for "newest"."""
    backups = list_backups(backup_dir)
    if not backups:
        raise StoreError(f"there are no backups in {backup_dir}")
    if ref == "newest":
        return backups[0]
    matches = [b for b in backups if b.name == ref]
    matches = matches or [b for b in backups if b.name.startswith(ref)]
    if len(matches) != 1:
        what = "no backup" if not matches else f"{len(matches)} backups"
        raise StoreError(f"{what} named “{ref}” in {backup_dir} (see `replydesk backup list`)")
    return matches[0]


# -- damage and restore ----------------------------------------------------------------------


def move_aside(db_path: Path) -> Path:
    """Rename a damaged database (and its -wal/-shm) to `<name>.damaged-<time>`; never deletes."""
    stamp = _now().strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = db_path.with_name(f"{db_path.name}.damaged-{stamp}-{counter}")
    try:
        db_path.replace(target)
        for suffix in ("-wal", "-shm"):
            side = db_path.with_name(db_path.name + suffix)
            if side.exists():
                side.replace(target.with_name(target.name + suffix))
    except OSError as error:
        raise StoreError(f"cannot move the damaged {db_path} aside: {error}") from error
    log.warning("moved the damaged database %s aside to %s", db_path, target)
    return target


def check_backup(path: Path) -> int:
    """The backup's schema version, after SQLite's integrity check; StoreError if unusable."""
    from replydesk.core.migrations import SCHEMA_VERSION

    try:
        with closing(_read_only(path)) as connection:
            problem = connection.execute("PRAGMA integrity_check(1)").fetchone()[0]
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            has_templates = connection.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'template'"
            ).fetchone()[0]
    except sqlite3.Error as error:
        raise StoreError(f"{path.name} cannot be read: {error}") from error
    if problem != "ok":
        raise StoreError(f"{path.name} is damaged: {problem}")
    if not has_templates or version < 1:
        raise StoreError(f"{path.name} is not a Replydesk backup")
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path.name} was made by a newer Replydesk (schema {version})")
    return version


def restore(backup: Path, db_path: Path, backup_dir: Path) -> Path | None:
    """Make the database at `db_path` a copy of `backup` (upgraded to the current schema).

    The current database is backed up first (reason "restore"), or moved aside when it
    cannot be read; the path of that copy is returned. The copy goes through SQLite's
    backup API in one step, so open connections (another window's list, say) see the old
    or the new data, never a mix.
    """
    from replydesk.core import migrations

    check_backup(backup)
    backup_dir.mkdir(parents=True, exist_ok=True)
    staged = backup_dir / f".restore-{uuid.uuid4().hex}.sqlite3"
    try:
        try:
            with closing(_read_only(backup)) as source, closing(sqlite3.connect(staged)) as copy:
                source.backup(copy)
                migrations.upgrade(copy, staged, None)
                new_counter = _changes(copy)
        except sqlite3.Error as error:
            raise StoreError(f"cannot prepare {backup.name}: {error}") from error
        safety = None
        if db_path.exists():
            try:
                safety = make_backup(db_path, backup_dir, "restore")
            except StoreError:
                safety = move_aside(db_path)  # unreadable: keep the file itself
        try:
            with (
                closing(sqlite3.connect(staged)) as copy,
                closing(sqlite3.connect(db_path, timeout=5)) as live,
            ):
                old_counter = _changes(live)
                copy.backup(live)
                # Lists over this file reload when the counter moves: make sure it does.
                live.execute(
                    "UPDATE template_changes SET counter = ?", (old_counter + new_counter + 1,)
                )
                live.commit()
        except sqlite3.Error as error:
            raise StoreError(f"cannot restore {backup.name} into {db_path}: {error}") from error
        log.info("restored %s into %s (what it held is in %s)", backup, db_path, safety)
        return safety
    finally:
        staged.unlink(missing_ok=True)


def _changes(connection: sqlite3.Connection) -> int:
    try:
        return int(connection.execute("SELECT counter FROM template_changes").fetchone()[0])
    except (sqlite3.Error, TypeError):
        return 0
