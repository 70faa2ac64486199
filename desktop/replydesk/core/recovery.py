"""Before a database file is opened: recognise it as ours, and settle what a process that
was killed left beside it.

`check_file` recognises the file without writing to it (SQLite's header, then, read only,
`application_id` or, for older files, the tables each schema version has); another app's
database is refused untouched (NotReplydeskError). A hot rollback journal beside the file
(a transaction cut short) is settled first (`check_journal`), and a -wal that nobody has
open is checked against the file before it is applied (`check_wal`). What does not belong
to the file, and a damaged database (`move_aside`), is kept aside, never deleted.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import tempfile
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

from replydesk.core import schema
from replydesk.core.errors import DamagedDatabaseError, NotReplydeskError, StoreError
from replydesk.core.i18n import _

log = logging.getLogger("replydesk.recovery")


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


# -- recognising the file ------------------------------------------------------------------


def check_file(path: Path, *, quick_check: bool = False) -> int | None:
    """Recognise the file at `path` without writing to it: its schema version, None when
    there is no database yet (no file, or an empty one). DamagedDatabaseError for a file
    that is not SQLite (or, with `quick_check`, is damaged), NotReplydeskError for another
    app's database, StoreError for one made by a newer Replydesk.

    A hot rollback journal beside the file (a transaction cut short) is settled first
    (check_journal): rolled back once the file is recognised as ours, else kept aside;
    only then is the file read as it is."""
    header = schema.read_header(path)
    if header is None:
        return None
    if len(header) < schema.HEADER_BYTES or not header.startswith(schema.SQLITE_MAGIC):
        raise DamagedDatabaseError(_not_ours(path), path)
    application_id = int.from_bytes(header[68:72], "big")
    if application_id not in (0, schema.APPLICATION_ID):
        message = _("{path} is another app's database, not a Replydesk one")
        raise NotReplydeskError(message.format(path=path), path)
    check_journal(path)
    try:
        with closing(schema.read_only(path, untouched=True)) as connection:
            if quick_check:
                problem = connection.execute("PRAGMA quick_check(1)").fetchone()[0]
                if problem != "ok":
                    # Translators: {problem} is SQLite's report.
                    message = _("{path} is damaged ({problem})")
                    raise DamagedDatabaseError(message.format(path=path, problem=problem), path)
            return schema.check_schema(connection, path)
    except sqlite3.DatabaseError as error:
        name = getattr(error, "sqlite_errorname", "")
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_CANTOPEN", "SQLITE_IOERR")) or (
            name.startswith("SQLITE_READONLY")
        ):
            # Translators: {reason} is SQLite's reason.
            message = _("cannot read {path}: {reason}")
            raise StoreError(message.format(path=path, reason=error)) from error
        raise DamagedDatabaseError(_not_ours(path), path) from error


def _not_ours(path: Path) -> str:
    return _("{path} is not a Replydesk database, or it is damaged").format(path=path)


# -- a damaged database ----------------------------------------------------------------------


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
        # Translators: {reason} is the system's reason ("Permission denied").
        message = _("cannot move the damaged {path} aside: {reason}")
        raise StoreError(message.format(path=db_path, reason=error)) from error
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
    with tempfile.TemporaryDirectory(prefix="replydesk-wal-") as folder:
        alone = Path(folder) / "alone.sqlite3"
        joined = Path(folder) / "joined.sqlite3"
        shutil.copyfile(db_path, alone)
        shutil.copyfile(db_path, joined)
        shutil.copyfile(wal, joined.with_name(joined.name + "-wal"))
        identity: str | None = None
        try:
            with closing(sqlite3.connect(alone)) as connection:
                identity = schema.database_id(connection)
        except sqlite3.Error:
            pass  # the file alone may be empty or incomplete: the -wal holds the rest
        try:
            with closing(sqlite3.connect(joined)) as connection:
                problem = connection.execute("PRAGMA integrity_check(1)").fetchone()[0]
                if problem != "ok":
                    return f"together they are damaged: {' '.join(str(problem).split())}"
                schema.check_schema(connection, db_path)
                if identity is not None and schema.database_id(connection) != identity:
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
        with closing(schema.read_only(db_path)) as connection:
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
            # Translators: {reason} is the system's reason ("Permission denied").
            message = _("cannot keep {path} aside: {reason}")
            raise StoreError(message.format(path=journal, reason=error)) from error
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
            raise DamagedDatabaseError(_not_ours(db_path), db_path)
        kept = aside_name(db_path, "journal-mismatch")
        shutil.copy2(db_path, kept)
        os.replace(journal, kept.with_name(kept.name + JOURNAL_SUFFIX))
    except (OSError, sqlite3.Error) as error:
        # Translators: {reason} is the system's or SQLite's reason.
        message = _("cannot settle the unfinished change in {path}: {reason}")
        raise StoreError(message.format(path=journal, reason=error)) from error
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
        joined_problem = StoreError("it comes from another database")  # only logged
    return joined_problem, alone_problem


def _healthy_replydesk(copy: Path, db_path: Path) -> tuple[StoreError | None, str | None]:
    """(None, its database id) for a healthy Replydesk database (one made by a newer
    Replydesk too: check_file says so later); else (the problem, None)."""
    try:
        with closing(sqlite3.connect(copy)) as connection:
            problem = connection.execute("PRAGMA integrity_check(1)").fetchone()[0]
            if problem != "ok":
                problem = " ".join(str(problem).split())  # SQLite's report spans lines
                # Translators: {reason} is SQLite's report.
                message = _("{path} is damaged: {reason}")
                return DamagedDatabaseError(
                    message.format(path=db_path, reason=problem), db_path
                ), None
            try:
                schema.check_schema(connection, db_path)
            except DamagedDatabaseError as error:
                return error, None
            except StoreError:
                pass  # ours, from a newer Replydesk
            return None, schema.database_id(connection)
    except sqlite3.Error as error:
        # Translators: {reason} is SQLite's reason.
        message = _("{path} cannot be read: {reason}")
        return DamagedDatabaseError(message.format(path=db_path, reason=error), db_path), None


__all__ = [
    "JOURNAL_SUFFIX",
    "SIDE_FILES",
    "aside_name",
    "check_file",
    "check_journal",
    "check_wal",
    "hold",
    "journal_is_hot",
    "move_aside",
    "release",
    "wal_to_check",
]
