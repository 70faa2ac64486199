"""Backups of the database: made with SQLite's backup API, listed, pruned and restored.

A backup is a self-contained SQLite file in the backup folder, named
`replydesk-<UTC yyyymmdd-hhmmss>-<reason>.sqlite3`. One is made before every schema
upgrade (reason "v<old version>"), before every import ("import"), before a restore
("restore") and once a day when the window opens ("daily"); the newest KEEP_BACKUPS are
kept. A damaged database is never deleted: `move_aside` renames it beside the original.

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
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from replydesk.core import paths
from replydesk.core.errors import DamagedDatabaseError, StoreError
from replydesk.core.migrations import NotReplydeskError

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
SQLITE_MAGIC = b"SQLite format 3\x00"
FAILED_UPGRADE_SUFFIX = ".upgrade-failed.sqlite3"
"""The copy made before an upgrade that failed: not a backup (not listed, never pruned)."""
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

    @property
    def usable(self) -> bool:
        """Whether the file looks like a SQLite database (not whether it is a healthy one)."""
        return looks_like_sqlite(self.path)

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


def _read_only(path: Path) -> sqlite3.Connection:
    # as_uri() percent-encodes the path's bytes, so a folder name that is not UTF-8 works.
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


# -- making and listing ---------------------------------------------------------------------


def backup_connection(connection: sqlite3.Connection, backup_dir: Path, reason: str) -> Path:
    """Copy the database behind `connection` into a new backup file; its path. StoreError
    (one sentence naming the folder) when the backup folder cannot be made or written."""
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
            connection.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # self-contained: no -wal/-shm beside it
        finally:
            copy.close()
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
        raise StoreError(f"cannot write in the backup folder {path.parent}: {reason}") from None


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
        # Read only: closing a read-write connection may fold a -wal into the file.
        connection = _read_only(db_path)
        try:
            made = backup_connection(connection, backup_dir, reason)
        finally:
            connection.close()
    except StoreError:
        raise  # the backup folder's own sentence (paths.FolderError is an OSError too)
    except (sqlite3.Error, OSError) as error:
        raise StoreError(f"cannot back up {db_path}: {error}") from error
    prune(backup_dir, keep, spare=made)
    return made


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
        raise StoreError(f"there are no backups in {backup_dir}")
    if ref == "newest":
        return backups[0]
    matches = [b for b in backups if b.name == ref]
    matches = matches or [b for b in backups if b.name.startswith(ref)]
    if len(matches) != 1:
        what = "no backup" if not matches else f"{len(matches)} backups"
        raise StoreError(f"{what} named “{ref}” in {backup_dir} (see `replydesk backup list`)")
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


# -- damage and restore ----------------------------------------------------------------------


SIDE_FILES = ("-wal", "-shm", "-journal")
"""What SQLite keeps beside a database file: it goes wherever the file goes."""


def move_aside(db_path: Path, label: str = "damaged") -> Path:
    """Rename a damaged database (and its -wal/-shm/-journal) to `<name>.<label>-<time>`;
    never deletes, and never leaves a -journal behind to be rolled into a fresh database
    made at the path. `label` says why: "damaged", "not-replydesk"…

    A link at the path is followed: the file it points to is moved (beside itself), and
    the link is left to point at the fresh database made there."""
    db_path = Path(os.path.realpath(db_path))
    target = aside_name(db_path, label)
    try:
        db_path.replace(target)
        for suffix in SIDE_FILES:
            side = db_path.with_name(db_path.name + suffix)
            if side.exists():
                side.replace(target.with_name(target.name + suffix))
    except OSError as error:
        raise StoreError(f"cannot move the damaged {db_path} aside: {error}") from error
    log.warning("moved the database %s aside to %s (%s)", db_path, target, label)
    return target


def aside_name(db_path: Path, label: str) -> Path:
    """A free name beside `db_path` for a copy kept aside: `<name>.<label>-<time>[-n]`
    (free together with its -wal, -shm and -journal)."""
    stamp = _now().strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.name}.{label}-{stamp}")
    counter = 1
    while any(target.with_name(target.name + suffix).exists() for suffix in ("", *SIDE_FILES)):
        counter += 1
        target = db_path.with_name(f"{db_path.name}.{label}-{stamp}-{counter}")
    return target


# -- a -wal beside the database that is not its own -----------------------------------------

_open_here: dict[Path, int] = {}
"""Database files this process has open (TemplateStore, Catalog): see check_wal."""
_SHM_DMS_BYTE = 128  # SQLite's "dead man switch" lock in the -shm: held by every connection


def hold(db_path: Path) -> None:
    """Note that this process opened the database (its -wal is then its own)."""
    key = Path(os.path.realpath(db_path))
    _open_here[key] = _open_here.get(key, 0) + 1


def release(db_path: Path) -> None:
    key = Path(os.path.realpath(db_path))
    left = _open_here.get(key, 0) - 1
    if left > 0:
        _open_here[key] = left
    else:
        _open_here.pop(key, None)


def wal_to_check(db_path: Path) -> bool:
    """Whether a -wal beside the database holds frames that nobody has open: left by a
    killed process (its own), or put there from another database (check_wal tells)."""
    db_path = Path(os.path.realpath(db_path))  # SQLite keeps a link's -wal beside its target
    wal = db_path.with_name(db_path.name + "-wal")
    try:
        if wal.stat().st_size <= 32:  # no frames: nothing it could change
            return False
    except OSError:
        return False
    return Path(os.path.realpath(db_path)) not in _open_here


def check_wal(db_path: Path) -> Path | None:
    """Before the database is opened: when a -wal nobody has open lies beside it, apply it
    to a copy (never to the file) and check the result: a healthy database, ours, with the
    same database id as the file alone. A -wal that fails this did not belong to the file
    (or is damaged): the pair is kept aside as `<name>.wal-mismatch-<time>` (with the -wal,
    so SQLite reads them together as they were) and the file opens without it. The path
    of the copy kept aside, None when the -wal is the file's own (or cannot be checked)."""
    db_path = Path(os.path.realpath(db_path))
    if not wal_to_check(db_path):
        return None
    try:
        import fcntl
    except ImportError:  # Windows: SQLite's locks are not POSIX locks there
        return None
    wal = db_path.with_name(db_path.name + "-wal")
    shm = db_path.with_name(db_path.name + "-shm")
    descriptor = None
    try:
        if shm.exists():
            # Every connection holds a shared lock on this byte: if it cannot be taken, a
            # live process has the database open and the -wal is in use (it is its own).
            descriptor = os.open(shm, os.O_RDWR)
            try:
                fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _SHM_DMS_BYTE)
            except OSError:
                return None
        problem = _wal_problem(db_path, wal)
        if problem is None:
            return None
        kept = aside_name(db_path, "wal-mismatch")
        shutil.copy2(db_path, kept)
        os.replace(wal, kept.with_name(kept.name + "-wal"))
        shm.unlink(missing_ok=True)
    except OSError as error:
        log.warning("cannot check the -wal beside %s: %s", db_path, error)
        return None
    finally:
        if descriptor is not None:
            os.close(descriptor)
    log.warning(
        "the -wal beside %s did not belong to it (%s); kept aside as %s", db_path, problem, kept
    )
    return kept


def _wal_problem(db_path: Path, wal: Path) -> str | None:
    """Why the database with this -wal is not the database alone, updated; None if it is."""
    from replydesk.core import migrations

    with tempfile.TemporaryDirectory(prefix="replydesk-wal-") as folder:
        alone = Path(folder) / "alone.sqlite3"
        joined = Path(folder) / "joined.sqlite3"
        shutil.copyfile(db_path, alone)
        shutil.copyfile(db_path, joined)
        shutil.copyfile(wal, joined.with_name(joined.name + "-wal"))
        identity: str | None = None
        try:
            with closing(sqlite3.connect(alone)) as connection:
                identity = migrations.database_id(connection)
        except sqlite3.Error:
            pass  # the file alone may be empty or incomplete: the -wal holds the rest
        try:
            with closing(sqlite3.connect(joined)) as connection:
                problem = connection.execute("PRAGMA integrity_check(1)").fetchone()[0]
                if problem != "ok":
                    return f"together they are damaged: {' '.join(str(problem).split())}"
                migrations.check_schema(connection, db_path)
                if identity is not None and migrations.database_id(connection) != identity:
                    return "it comes from another database"
        except StoreError as error:
            return str(error)
        except sqlite3.Error as error:
            return f"together they cannot be read: {error}"
    return None


# -- a rollback journal beside the database (a transaction cut short) ---------------------

JOURNAL_SUFFIX = "-journal"


def journal_is_hot(db_path: Path) -> bool:
    """Whether SQLite finds a hot rollback journal beside the file: one that a read-write
    open would roll back into it (a read-only open refuses with SQLITE_READONLY_ROLLBACK).
    A journal in use by a live writer is not hot."""
    if not db_path.with_name(db_path.name + JOURNAL_SUFFIX).is_file():
        return False
    try:
        with closing(_read_only(db_path)) as connection:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as error:
        return getattr(error, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK"
    return False


def check_journal(db_path: Path) -> Path | None:
    """Before the database is opened: settle a hot rollback journal beside it, first on a
    copy. When the copy rolled back is a healthy Replydesk database, the same (database id)
    as the file alone, the journal is the file's own: the file is opened read-write once,
    so that SQLite rolls the unfinished change back, as it is meant to. When only the file
    alone is one, the journal came from another database (or is damaged): the pair is kept
    aside as `<name>.journal-mismatch-<time>` (with the -journal, so that SQLite reads them
    together as they were) and the file opens without it. When neither is, the file is not
    ours: NotReplydeskError or DamagedDatabaseError, nothing touched (move_aside takes the
    -journal with it). The path kept aside; None when there was nothing to settle or the
    journal was rolled back."""
    db_path = Path(os.path.realpath(db_path))
    journal = db_path.with_name(db_path.name + JOURNAL_SUFFIX)
    if _is_empty(db_path) and journal.is_file() and not _is_empty(journal):
        # No database to roll it into: SQLite would delete it when it makes a new one.
        kept = aside_name(db_path, "journal-orphan")
        try:
            os.replace(journal, kept.with_name(kept.name + JOURNAL_SUFFIX))
        except OSError as error:
            raise StoreError(f"cannot keep {journal} aside: {error}") from error
        log.warning("kept the -journal beside the missing %s aside as %s-journal", db_path, kept)
        return kept.with_name(kept.name + JOURNAL_SUFFIX)
    if not journal_is_hot(db_path):
        return None
    try:
        joined, alone = _journal_problems(db_path, journal)
        if joined is None:
            uri = f"{db_path.as_uri()}?mode=rw"
            with closing(sqlite3.connect(uri, uri=True, timeout=5)) as connection:
                connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            log.info("rolled back an unfinished change left in %s", journal)
            return None
        if alone is not None:
            if isinstance(joined, NotReplydeskError) or isinstance(alone, NotReplydeskError):
                which = joined if isinstance(joined, NotReplydeskError) else alone
                raise NotReplydeskError(str(which), db_path)
            raise DamagedDatabaseError(
                f"{db_path} is not a Replydesk database, or it is damaged", db_path
            )
        kept = aside_name(db_path, "journal-mismatch")
        shutil.copy2(db_path, kept)
        os.replace(journal, kept.with_name(kept.name + JOURNAL_SUFFIX))
    except (OSError, sqlite3.Error) as error:
        raise StoreError(f"cannot settle the unfinished change in {journal}: {error}") from error
    log.warning(
        "the -journal beside %s did not belong to it (%s); kept aside as %s", db_path, joined, kept
    )
    return kept


def _is_empty(path: Path) -> bool:
    """No file (or link to one) at `path`, or an empty one; False for anything else."""
    try:
        return os.stat(path).st_size == 0
    except FileNotFoundError:
        return True
    except OSError:
        return False


def _journal_problems(db_path: Path, journal: Path) -> tuple[StoreError | None, StoreError | None]:
    """What is wrong with the database rolled back with this journal, and with the file
    alone (each None when it is a healthy Replydesk database), both checked on copies."""
    with tempfile.TemporaryDirectory(prefix="replydesk-journal-") as folder:
        alone = Path(folder) / "alone.sqlite3"
        joined = Path(folder) / "joined.sqlite3"
        shutil.copyfile(db_path, alone)
        shutil.copyfile(db_path, joined)
        shutil.copyfile(journal, joined.with_name(joined.name + JOURNAL_SUFFIX))
        alone_problem, alone_id = _healthy_replydesk(alone, db_path)
        joined_problem, joined_id = _healthy_replydesk(joined, db_path)  # rolled back here
    if joined_problem is None and alone_id is not None and joined_id != alone_id:
        joined_problem = StoreError("it comes from another database")
    return joined_problem, alone_problem


def _healthy_replydesk(copy: Path, db_path: Path) -> tuple[StoreError | None, str | None]:
    """(None, its database id) for a healthy Replydesk database (one made by a newer
    Replydesk too: check_file says so later); else (the problem, None)."""
    from replydesk.core import migrations

    try:
        with closing(sqlite3.connect(copy)) as connection:
            problem = connection.execute("PRAGMA integrity_check(1)").fetchone()[0]
            if problem != "ok":
                problem = " ".join(str(problem).split())  # SQLite's report spans lines
                return DamagedDatabaseError(f"{db_path} is damaged: {problem}", db_path), None
            try:
                migrations.check_schema(connection, db_path)
            except DamagedDatabaseError as error:
                return error, None
            except StoreError:
                pass  # ours, from a newer Replydesk
            return None, migrations.database_id(connection)
    except sqlite3.Error as error:
        return DamagedDatabaseError(f"{db_path} cannot be read: {error}", db_path), None


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

    db_path = Path(os.path.realpath(db_path))  # a link stays a link, to the restored file
    check_backup(backup)
    paths.ensure_folder(backup_dir)
    staged = backup_dir / f".restore-{os.getpid()}-{uuid.uuid4().hex}.sqlite3"
    try:
        try:
            with closing(_read_only(backup)) as source, closing(sqlite3.connect(staged)) as copy:
                source.backup(copy)
                migrations.upgrade(copy, staged, None)
                new_counter = _changes(copy)
                new_identity = migrations.database_id(copy) or uuid.uuid4().hex
        except sqlite3.Error as error:
            raise StoreError(f"cannot prepare {backup.name}: {error}") from error
        safety = None
        if db_path.exists():
            try:
                check_wal(db_path)
                migrations.check_file(db_path)
                safety = make_backup(db_path, backup_dir, "restore")
            except StoreError as error:
                # Not a (healthy) Replydesk database: keep the file itself, with its -wal
                # and -shm, out of the backup rotation, where nothing will prune it.
                label = "not-replydesk" if isinstance(error, NotReplydeskError) else "damaged"
                safety = move_aside(db_path, label)
        try:
            with (
                closing(sqlite3.connect(staged)) as copy,
                closing(sqlite3.connect(db_path, timeout=5)) as live,
            ):
                old_counter = _changes(live)
                identity = migrations.database_id(live)
                copy.backup(live)
                # Lists over this file reload when the counter moves: make sure it does.
                # The file stays the same database (its id: see check_wal).
                live.execute(
                    "INSERT OR REPLACE INTO template_changes (id, counter, database_id)"
                    " VALUES (1, ?, ?)",
                    (old_counter + new_counter + 1, identity or new_identity),
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
