"""Backups of the database: made with SQLite's backup API, listed, pruned and restored.

A backup is a self-contained SQLite file in the backup folder, named
`replydesk-<UTC yyyymmdd-hhmmss>-<reason>.sqlite3`. One is made before every schema
upgrade (reason "v<old version>"), before every import ("import"), before a restore
("restore") and once a day when the window opens ("daily"); the newest KEEP_BACKUPS are
kept. A damaged database is never deleted: `move_aside` (core.recovery) renames it beside
the original.

Making a backup and restoring one take a `Progress`: SQLite's backup API copies
BACKUP_STEP_PAGES pages at a time, and reports (and hears Cancel) between steps. A
cancelled copy leaves no new file, and a cancelled restore leaves the database as it was.

Only files that look like SQLite databases count among the kept ones: a stray file named
like a backup (empty, garbage, a directory, an impossible date) is listed as unreadable or
ignored, never counted, never deleted. Copies cut short by a killed process (`.partial`,
`.restore-…` and their `-journal`) are deleted once provably stale: their process is gone
or they have not changed for STALE_PARTIAL.
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

from replydesk.core import paths, schema
from replydesk.core.errors import NotReplydeskError, StoreError
from replydesk.core.i18n import N_, _, ngettext
from replydesk.core.progress import NO_PROGRESS, Cancelled, Progress
from replydesk.core.recovery import (
    JOURNAL_SUFFIX,
    SIDE_FILES,
    aside_name,
    check_file,
    check_journal,
    check_wal,
    hold,
    journal_is_hot,
    move_aside,
    release,
    wal_to_check,
)
from replydesk.core.schema import SQLITE_MAGIC

log = logging.getLogger("replydesk.backups")

KEEP_BACKUPS = 10
PARTIAL_SUFFIX = ".partial"
STALE_PARTIAL = timedelta(minutes=10)
"""A copy unchanged this long was cut short (its process was killed): prune deletes it."""
DAILY = timedelta(days=1)
CLOCK_SKEW = timedelta(days=1)
"""A name dated further in the future than this is not believed: the file's time is used."""
_NAME = re.compile(r"^replydesk-(\d{8}-\d{6})-([a-z0-9]+)(?:-\d+)?\.sqlite3$")
# What a killed backup or restore leaves behind: `.replydesk-[<pid>-]<hex>.partial`,
# `.restore-[<pid>-]<hex>.sqlite3`, each possibly with SQLite's -journal/-wal/-shm.
_LEFTOVER = re.compile(
    r"^\.(?:replydesk-(?:(\d+)-)?[0-9a-f]{32}\.partial|restore-(?:(\d+)-)?[0-9a-f]{32}\.sqlite3)"
    r"(?:-journal|-wal|-shm)?$"
)
BACKUP_STEP_PAGES = 256
"""Pages SQLite's backup API copies per step (1 MiB at the default page size): progress
is reported, and Cancel heard, between steps."""
FAILED_UPGRADE_SUFFIX = ".upgrade-failed.sqlite3"
"""The copy made before an upgrade that failed: not a backup (not listed, never pruned)."""
# Why a backup was made, as its list shows it (translated where shown: Backup.reason_text).
REASONS = {
    # Translators: why a backup was made, in the list of backups.
    "import": N_("before an import"),
    # Translators: why a backup was made, in the list of backups.
    "restore": N_("before restoring a backup"),
    # Translators: why a backup was made, in the list of backups: the one made once a day.
    "daily": N_("daily"),
    # Translators: why a backup was made, in the list of backups: by the user's command.
    "manual": N_("made by hand"),
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
            # Translators: why a backup was made; {version} is the database's schema number.
            return _("before an upgrade (from schema {version})").format(version=self.reason[1:])
        reason = REASONS.get(self.reason)
        return self.reason if reason is None else _(reason)

    @property
    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0

    @property
    def usable(self) -> bool:
        """Whether the file looks like a SQLite database (not whether it is a healthy one)."""
        return looks_like_sqlite(self.path)

    def template_count(self) -> int | None:
        """Templates not in the trash, None when the file cannot be read."""
        try:
            with closing(schema.read_only(self.path)) as connection:
                columns = {row[1] for row in connection.execute("PRAGMA table_info(template)")}
                where = " WHERE deleted_at IS NULL" if "deleted_at" in columns else ""
                query = f"SELECT count(*) FROM template{where}"
                return int(connection.execute(query).fetchone()[0])
        except sqlite3.Error:
            return None


def looks_like_sqlite(path: Path) -> bool:
    """A regular file that starts with SQLite's header (cheap: reads 16 bytes)."""
    try:
        if not path.is_file():
            return False
        # O_NONBLOCK: a FIFO swapped in after the test must not block the caller.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            return os.read(descriptor, len(SQLITE_MAGIC)) == SQLITE_MAGIC
        finally:
            os.close(descriptor)
    except OSError:
        return False


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


# -- making and listing ---------------------------------------------------------------------


def copy_database(
    source: sqlite3.Connection, target: sqlite3.Connection, progress: Progress, what: str
) -> None:
    """Copy `source` into `target` with SQLite's backup API, BACKUP_STEP_PAGES at a time,
    telling `progress` the pages copied and `what` is done (one of the texts below, marked
    for translation: translated here); Cancelled (from `progress`) stops it."""
    label = _(what)

    def report(_status: int, remaining: int, total: int) -> None:
        progress.step(total - remaining, total, label)

    source.backup(target, pages=BACKUP_STEP_PAGES, progress=report)


# What the progress bar says while a database is copied (translated by copy_database).
BACKING_UP = N_("Backing up the database")
READING_BACKUP = N_("Reading the backup")
BACKING_UP_CURRENT = N_("Backing up the current database")


def backup_connection(
    connection: sqlite3.Connection,
    backup_dir: Path,
    reason: str,
    progress: Progress = NO_PROGRESS,
    *,
    what: str = BACKING_UP,
) -> Path:
    """Copy the database behind `connection` into a new backup file; its path. StoreError
    (one sentence naming the folder) when the backup folder cannot be made or written;
    Cancelled, leaving no file, when `progress` is cancelled before the copy is named."""
    paths.ensure_folder(backup_dir)
    stamp = _now().strftime("%Y%m%d-%H%M%S")
    # Each process copies into its own file: two imports starting in the same second
    # must not write into (or rename) one shared partial file.
    # The process id in the name tells a later prune whether the copy is still being made.
    partial = backup_dir / f".replydesk-{os.getpid()}-{uuid.uuid4().hex}{PARTIAL_SUFFIX}"
    _create_empty(partial)
    try:
        copy = sqlite3.connect(partial)
        try:
            copy_database(connection, copy, progress, what)
            copy.execute("PRAGMA journal_mode=DELETE")  # self-contained: no -wal/-shm beside it
        finally:
            copy.close()
        progress.check()  # the last moment to cancel: the copy is not named yet
        target = _claim_name(backup_dir, f"replydesk-{stamp}-{reason}", partial)
    finally:
        partial.unlink(missing_ok=True)  # a backup file is complete or absent
        partial.with_name(partial.name + "-journal").unlink(missing_ok=True)
    log.info("backed up the database to %s", target)
    return target


def _create_empty(path: Path) -> None:
    """Create the new file `path` (SQLite then writes into it): a folder that cannot be
    written is told as such, not as SQLite's "unable to open database file"."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as error:
        reason = error.strerror or str(error)
        # Translators: {reason} is the system's reason ("Permission denied").
        message = _("cannot write in the backup folder {path}: {reason}")
        raise StoreError(message.format(path=path.parent, reason=reason)) from None


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


def make_backup(
    db_path: Path,
    backup_dir: Path,
    reason: str,
    keep: int = KEEP_BACKUPS,
    progress: Progress = NO_PROGRESS,
) -> Path:
    """Back up the database file at `db_path`, then keep only the newest `keep` backups.
    Cancelled (from `progress`) leaves no new file and deletes none."""
    made = _backup_file(db_path, backup_dir, reason, progress, BACKING_UP)
    prune(backup_dir, keep, spare=made)
    return made


def _backup_file(
    db_path: Path, backup_dir: Path, reason: str, progress: Progress, what: str
) -> Path:
    """A new backup of the file at `db_path` (not pruned yet)."""
    try:
        # Read only: closing a read-write connection may fold a -wal into the file.
        connection = schema.read_only(db_path)
        try:
            return backup_connection(connection, backup_dir, reason, progress, what=what)
        finally:
            connection.close()
    except StoreError:
        raise  # the backup folder's own sentence (paths.FolderError is an OSError too)
    except (sqlite3.Error, OSError) as error:
        # Translators: {reason} is the system's or SQLite's reason.
        message = _("cannot back up {path}: {reason}")
        raise StoreError(message.format(path=db_path, reason=error)) from error


def list_backups(backup_dir: Path) -> list[Backup]:
    """The backups in the folder, newest first (files not named like a backup, folders and
    names with an impossible date are ignored; a name dated in the future goes by the
    file's own time)."""
    found = []
    try:
        paths = list(backup_dir.iterdir())
    except OSError:
        return []
    latest = _now() + CLOCK_SKEW
    for path in paths:
        match = _NAME.match(path.name)
        if not match or not path.is_file():
            continue
        try:
            created = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
        except ValueError:
            log.warning("ignored %s in the backup folder: its name is not a date", path.name)
            continue
        if created > latest:
            created = datetime.fromtimestamp(_mtime(path) / 1e9, timezone.utc).replace(tzinfo=None)
        found.append(Backup(path, created, match.group(2)))
    # Names tell the second; two backups in the same second go by the file's own time.
    return sorted(found, key=lambda b: (b.created, _mtime(b.path), b.name), reverse=True)


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def prune(backup_dir: Path, keep: int = KEEP_BACKUPS, spare: Path | None = None) -> list[Path]:
    """Delete all but the newest `keep` usable backups (never `spare`, never a file that is
    not a SQLite database: those are not counted either), and the stale leftovers of killed
    copies (see clean_leftovers); the paths deleted."""
    removed = []
    usable = [backup for backup in list_backups(backup_dir) if backup.usable]
    for backup in usable[keep:]:
        if spare is not None and backup.path == spare:
            continue
        try:
            backup.path.unlink()
            removed.append(backup.path)
        except OSError:
            pass
    return removed + clean_leftovers(backup_dir)


def clean_leftovers(backup_dir: Path) -> list[Path]:
    """Delete what killed backups and restores left (`.partial`, `.restore-…`, their
    -journal/-wal/-shm) once provably stale: the process named in it is gone, or the file
    has not changed for STALE_PARTIAL; the paths deleted."""
    removed = []
    old = (_now() - STALE_PARTIAL).replace(tzinfo=timezone.utc).timestamp()
    try:
        names = [entry.name for entry in os.scandir(backup_dir)]
    except OSError:
        return []
    for name in names:
        match = _LEFTOVER.match(name)
        if match is None:
            continue
        path = backup_dir / name
        pid = match.group(1) or match.group(2)
        try:
            if (pid is not None and not _alive(int(pid))) or path.stat().st_mtime < old:
                path.unlink()
                removed.append(path)
        except OSError:
            pass
    if removed:
        log.info("deleted %d leftover(s) of interrupted backups in %s", len(removed), backup_dir)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError, OSError):
        return True  # someone else's process (or a number we cannot ask about): keep it
    return True


def daily_backup(
    db_path: Path, backup_dir: Path, now: Callable[[], datetime] = _now
) -> Path | None:
    """A backup when no usable one is younger than a day (any reason counts); else None.
    Stale leftovers of killed copies are deleted either way."""
    clean_leftovers(backup_dir)
    newest = next((b for b in list_backups(backup_dir) if b.usable), None)
    if newest is not None and timedelta(0) <= now() - newest.created < DAILY:
        return None
    return make_backup(db_path, backup_dir, "daily")


def find_backup(backup_dir: Path, ref: str) -> Backup:
    """A backup by file name (or its start); the newest for "newest"."""
    backups = list_backups(backup_dir)
    if not backups:
        raise StoreError(_("there are no backups in {folder}").format(folder=backup_dir))
    if ref == "newest":
        return backups[0]
    matches = [b for b in backups if b.name == ref]
    matches = matches or [b for b in backups if b.name.startswith(ref)]
    if not matches:
        # Translators: {name} is what the user typed, {folder} the backup folder;
        # `replydesk backup list` is a command (not translated).
        message = _("no backup named “{name}” in {folder} (see `replydesk backup list`)")
        raise StoreError(message.format(name=ref, folder=backup_dir))
    if len(matches) > 1:
        # Translators: {name} is what the user typed, {folder} the backup folder;
        # `replydesk backup list` is a command (not translated).
        message = ngettext(
            "{count} backup named “{name}” in {folder} (see `replydesk backup list`)",
            "{count} backups named “{name}” in {folder} (see `replydesk backup list`)",
            len(matches),
        )
        raise StoreError(message.format(count=len(matches), name=ref, folder=backup_dir))
    return matches[0]


def failed_upgrade_copy(backup_dir: Path, db_path: Path, version: int) -> Path | None:
    """The copy kept after a failed upgrade from `version`, if it is still as new as the
    database (then a new attempt needs no new copy); None otherwise."""
    copies = sorted(backup_dir.glob(f"replydesk-*-v{version}{FAILED_UPGRADE_SUFFIX}"))
    if not copies:
        return None
    changed = max(_mtime(db_path), _mtime(db_path.with_name(db_path.name + "-wal")))
    newest = max(copies, key=_mtime)
    return newest if _mtime(newest) >= changed else None


def keep_failed_upgrade(made: Path, version: int) -> Path:
    """Take the backup made before an upgrade that failed out of the rotation: renamed
    `…-v<N>.upgrade-failed.sqlite3`, replacing an older one for the same version (the
    database itself was left as it was)."""
    target = made.with_name(re.sub(r"(-\d+)?\.sqlite3$", FAILED_UPGRADE_SUFFIX, made.name))
    try:
        os.replace(made, target)
    except OSError:
        return made
    for older in made.parent.glob(f"replydesk-*-v{version}{FAILED_UPGRADE_SUFFIX}"):
        if older != target:
            older.unlink(missing_ok=True)
    log.warning(
        "the upgrade from schema %d failed; kept the copy made before it as %s", version, target
    )
    return target


# -- restoring a backup ----------------------------------------------------------------------


def check_backup(path: Path) -> int:
    """The backup's schema version, after SQLite's integrity check; StoreError if unusable."""
    try:
        with closing(schema.read_only(path)) as connection:
            problem = connection.execute("PRAGMA integrity_check(1)").fetchone()[0]
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            has_templates = connection.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'template'"
            ).fetchone()[0]
    except sqlite3.Error as error:
        # Translators: {name} is the backup's file name, {reason} SQLite's reason.
        message = _("{name} cannot be read: {reason}")
        raise StoreError(message.format(name=path.name, reason=error)) from error
    if problem != "ok":
        # Translators: {name} is the backup's file name, {problem} SQLite's report.
        message = _("{name} is damaged: {problem}")
        raise StoreError(message.format(name=path.name, problem=problem))
    if not has_templates or version < 1:
        raise StoreError(_("{name} is not a Replydesk backup").format(name=path.name))
    if version > schema.SCHEMA_VERSION:
        # Translators: {name} is the backup's file name, {version} its schema number.
        message = _("{name} was made by a newer Replydesk (schema {version})")
        raise StoreError(message.format(name=path.name, version=version))
    return version


def restore(
    backup: Path, db_path: Path, backup_dir: Path, progress: Progress = NO_PROGRESS
) -> Path | None:
    """Make the database at `db_path` a copy of `backup` (upgraded to the current schema).

    The current database is backed up first (reason "restore"), or moved aside when it is
    not a (healthy) Replydesk database; the path of that copy is returned. The copy into
    the database goes through SQLite's backup API in one step, so open connections
    (another window's list, say) see the old or the new data, never a mix.

    Until that copy starts, Cancelled (from `progress`) stops the restore with nothing
    changed: no new file, the database as it was.
    """
    db_path = Path(os.path.realpath(db_path))  # a link stays a link, to the restored file
    check_backup(backup)
    paths.ensure_folder(backup_dir)
    staged = backup_dir / f".restore-{os.getpid()}-{uuid.uuid4().hex}.sqlite3"
    safety: Path | None = None
    try:
        try:
            with (
                closing(schema.read_only(backup)) as source,
                closing(sqlite3.connect(staged)) as copy,
            ):
                copy_database(source, copy, progress, READING_BACKUP)
                schema.apply_migrations(copy, schema.schema_version(copy))
                new_counter = _changes(copy)
                new_identity = schema.database_id(copy) or uuid.uuid4().hex
        except sqlite3.Error as error:
            # Translators: {name} is the backup's file name, {reason} SQLite's reason.
            message = _("cannot prepare {name}: {reason}")
            raise StoreError(message.format(name=backup.name, reason=error)) from error
        unusable = _unusable(db_path)
        if db_path.exists() and unusable is None:
            safety = _backup_file(db_path, backup_dir, "restore", progress, BACKING_UP_CURRENT)
        progress.check()  # the last moment to cancel: nothing is changed yet
        if unusable is not None:
            # Not a (healthy) Replydesk database: keep the file itself, with its -wal
            # and -shm, out of the backup rotation, where nothing will prune it.
            label = "not-replydesk" if isinstance(unusable, NotReplydeskError) else "damaged"
            safety = move_aside(db_path, label)
        _replace_contents(staged, db_path, backup, new_counter, new_identity)
    except Cancelled:
        if safety is not None:
            safety.unlink(missing_ok=True)
        raise
    finally:
        staged.unlink(missing_ok=True)
    if safety is not None and unusable is None:
        prune(backup_dir, spare=safety)
    log.info("restored %s into %s (what it held is in %s)", backup, db_path, safety)
    return safety


def _unusable(db_path: Path) -> StoreError | None:
    """Why the file at `db_path` is not a healthy Replydesk database; None when it is, or
    when there is no file."""
    if not db_path.exists():
        return None
    try:
        check_wal(db_path)
        check_file(db_path)
    except StoreError as error:
        return error
    return None


def _replace_contents(
    staged: Path, db_path: Path, backup: Path, new_counter: int, new_identity: str
) -> None:
    """Copy the prepared database over the live one in one step, moving its change counter
    on (lists over this file reload when it moves) and keeping its database id (the file
    stays the same database: see recovery.check_wal)."""
    try:
        with (
            closing(sqlite3.connect(staged)) as copy,
            closing(sqlite3.connect(db_path, timeout=5)) as live,
        ):
            old_counter = _changes(live)
            identity = schema.database_id(live)
            copy.backup(live)
            live.execute(
                "INSERT OR REPLACE INTO template_changes (id, counter, database_id)"
                " VALUES (1, ?, ?)",
                (old_counter + new_counter + 1, identity or new_identity),
            )
            live.commit()
    except sqlite3.Error as error:
        # Translators: {name} is the backup's file name, {reason} SQLite's reason.
        message = _("cannot restore {name} into {path}: {reason}")
        raise StoreError(message.format(name=backup.name, path=db_path, reason=error)) from error


def _changes(connection: sqlite3.Connection) -> int:
    try:
        return int(connection.execute("SELECT counter FROM template_changes").fetchone()[0])
    except (sqlite3.Error, TypeError):
        return 0


__all__ = [
    "BACKUP_STEP_PAGES",
    "FAILED_UPGRADE_SUFFIX",
    "JOURNAL_SUFFIX",
    "KEEP_BACKUPS",
    "REASONS",
    "SIDE_FILES",
    "SQLITE_MAGIC",
    "Backup",
    "aside_name",
    "backup_connection",
    "check_backup",
    "check_file",
    "check_journal",
    "check_wal",
    "clean_leftovers",
    "copy_database",
    "daily_backup",
    "failed_upgrade_copy",
    "find_backup",
    "hold",
    "journal_is_hot",
    "keep_failed_upgrade",
    "list_backups",
    "looks_like_sqlite",
    "make_backup",
    "move_aside",
    "prune",
    "release",
    "restore",
    "wal_to_check",
]
