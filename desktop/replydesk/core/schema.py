"""What a Replydesk database is: its schema, version by version, and how one is recognised.

`PRAGMA user_version` is the schema version; `MIGRATIONS[i]` is the SQL script that takes a
database from version i to i + 1. Tables are created only by these scripts, never by
`SQLModel.metadata.create_all`, so an old database and a new one always end up with the
same schema. To change the schema, append a script (never edit a released one) and update
`models.py` to match; the tests check that the two agree.

Everything here reads a database or applies the scripts to one; making a copy before an
upgrade is `migrations.upgrade`'s business, recognising a file before it is opened
`recovery.check_file`'s.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

from replydesk.core.errors import DamagedDatabaseError, NotReplydeskError, StoreError
from replydesk.core.i18n import _

APPLICATION_ID = 0x52504C59  # "RPLY", in the SQLite header of every database since schema 4
HEADER_BYTES = 100
SQLITE_MAGIC = b"SQLite format 3\x00"

_V1 = """
CREATE TABLE template (
    id VARCHAR NOT NULL PRIMARY KEY,
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    language VARCHAR NOT NULL,
    body VARCHAR NOT NULL,
    fields_json VARCHAR NOT NULL DEFAULT '[]',
    tags_json VARCHAR NOT NULL DEFAULT '[]',
    favorite BOOLEAN NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    base_revision INTEGER NOT NULL DEFAULT 0,
    use_count INTEGER NOT NULL DEFAULT 0,
    last_used_at DATETIME,
    origin VARCHAR NOT NULL DEFAULT 'user'
);

CREATE TABLE orders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_name VARCHAR NOT NULL DEFAULT '',
    order_id VARCHAR NOT NULL DEFAULT '',
    service VARCHAR NOT NULL DEFAULT '',
    price VARCHAR NOT NULL DEFAULT '',
    currency VARCHAR NOT NULL DEFAULT '',
    deadline DATE,
    platform VARCHAR NOT NULL DEFAULT '',
    notes VARCHAR NOT NULL DEFAULT '',
    custom_json VARCHAR NOT NULL DEFAULT '{}',
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    last_used_at DATETIME NOT NULL
);

CREATE TABLE setting (
    key VARCHAR NOT NULL PRIMARY KEY,
    value VARCHAR NOT NULL
);
"""

# The search index reads its text from `template` by rowid (external content), so the
# triggers must hand it exactly the old values on update and delete. The rowid of a table
# without an INTEGER PRIMARY KEY may change on VACUUM: after a VACUUM, run
# `INSERT INTO template_fts(template_fts) VALUES ('rebuild')`.
_V2 = """
ALTER TABLE template ADD COLUMN deleted_at DATETIME;
ALTER TABLE template ADD COLUMN library_version INTEGER;
ALTER TABLE template ADD COLUMN library_revision INTEGER;

CREATE INDEX ix_template_kind ON template (kind);
CREATE INDEX ix_template_language ON template (language);
-- Finding a template by name ignores ASCII case (TemplateStore.find_template).
CREATE INDEX ix_template_name_nocase ON template (name COLLATE NOCASE);

CREATE VIRTUAL TABLE template_fts USING fts5(
    name, tags_json, body,
    content='template', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);

CREATE TRIGGER template_fts_insert AFTER INSERT ON template BEGIN
    INSERT INTO template_fts (rowid, name, tags_json, body)
    VALUES (new.rowid, new.name, new.tags_json, new.body);
END;

CREATE TRIGGER template_fts_delete AFTER DELETE ON template BEGIN
    INSERT INTO template_fts (template_fts, rowid, name, tags_json, body)
    VALUES ('delete', old.rowid, old.name, old.tags_json, old.body);
END;

CREATE TRIGGER template_fts_update AFTER UPDATE OF name, tags_json, body ON template BEGIN
    INSERT INTO template_fts (template_fts, rowid, name, tags_json, body)
    VALUES ('delete', old.rowid, old.name, old.tags_json, old.body);
    INSERT INTO template_fts (rowid, name, tags_json, body)
    VALUES (new.rowid, new.name, new.tags_json, new.body);
END;

INSERT INTO template_fts (template_fts) VALUES ('rebuild');
"""

# Search as you type: a prefix index for one- and two-letter prefixes (the first keys
# typed match most of a large library), and a counter that every change to `template`
# bumps, so that a list (core.catalog) knows cheaply, across processes, when to reload.
_V3 = """
DROP TRIGGER template_fts_insert;
DROP TRIGGER template_fts_delete;
DROP TRIGGER template_fts_update;
DROP TABLE template_fts;

CREATE VIRTUAL TABLE template_fts USING fts5(
    name, tags_json, body,
    content='template', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2',
    prefix='1 2'
);

CREATE TRIGGER template_fts_insert AFTER INSERT ON template BEGIN
    INSERT INTO template_fts (rowid, name, tags_json, body)
    VALUES (new.rowid, new.name, new.tags_json, new.body);
END;

CREATE TRIGGER template_fts_delete AFTER DELETE ON template BEGIN
    INSERT INTO template_fts (template_fts, rowid, name, tags_json, body)
    VALUES ('delete', old.rowid, old.name, old.tags_json, old.body);
END;

CREATE TRIGGER template_fts_update AFTER UPDATE OF name, tags_json, body ON template BEGIN
    INSERT INTO template_fts (template_fts, rowid, name, tags_json, body)
    VALUES ('delete', old.rowid, old.name, old.tags_json, old.body);
    INSERT INTO template_fts (rowid, name, tags_json, body)
    VALUES (new.rowid, new.name, new.tags_json, new.body);
END;

INSERT INTO template_fts (template_fts) VALUES ('rebuild');

CREATE TABLE template_changes (
    id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    counter INTEGER NOT NULL
);
INSERT INTO template_changes (id, counter) VALUES (1, 0);

CREATE TRIGGER template_changes_insert AFTER INSERT ON template BEGIN
    UPDATE template_changes SET counter = counter + 1;
END;
CREATE TRIGGER template_changes_update AFTER UPDATE ON template BEGIN
    UPDATE template_changes SET counter = counter + 1;
END;
CREATE TRIGGER template_changes_delete AFTER DELETE ON template BEGIN
    UPDATE template_changes SET counter = counter + 1;
END;
"""

# Recognisable: the application id in the header, and a random id of this database's own
# beside the change counter. Every change to a template rewrites that row, so a -wal that
# changes templates carries the id of the database it was written for (recovery.check_wal).
_V4 = f"""
PRAGMA application_id = {APPLICATION_ID};
ALTER TABLE template_changes ADD COLUMN database_id VARCHAR;
INSERT OR IGNORE INTO template_changes (id, counter) VALUES (1, 0);
UPDATE template_changes SET database_id = lower(hex(randomblob(16)));
"""

# An order says which language its client writes in (core.fields.ORDER "language"), and
# the same reply in several languages is one family of templates, a variant per language
# ("" : a template on its own). The built-in library's are families by kind.
_V5 = """
ALTER TABLE orders ADD COLUMN language VARCHAR NOT NULL DEFAULT '';
ALTER TABLE template ADD COLUMN family VARCHAR NOT NULL DEFAULT '';
CREATE INDEX ix_template_family ON template (family);
UPDATE template SET family = 'builtin:' || kind WHERE origin = 'builtin';
"""

MIGRATIONS: list[str] = [_V1, _V2, _V3, _V4, _V5]
"""`MIGRATIONS[i]` upgrades a database at version i to version i + 1."""

SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def newer_schema_error(version: int) -> StoreError:
    """The refusal of a database made by a newer Replydesk."""
    # Translators: {version} is the database's schema number.
    message = _(
        "this database was made by a newer Replydesk (schema {version}); please update the app"
    )
    return StoreError(message.format(version=version))


@functools.cache
def expected_tables(version: int) -> dict[str, frozenset[str]]:
    """The tables (name -> column names) a Replydesk database at `version` has."""
    with closing(sqlite3.connect(":memory:")) as connection:
        for step in range(min(version, len(MIGRATIONS))):
            connection.executescript(MIGRATIONS[step])
        return _tables(connection)


def _tables(connection: sqlite3.Connection) -> dict[str, frozenset[str]]:
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE 'template_fts_%'"
        )
    ]
    return {
        name: frozenset(row[1] for row in connection.execute(f'PRAGMA table_info("{name}")'))
        for name in names
    }


def has_tables(connection: sqlite3.Connection) -> bool:
    return connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0


def check_schema(connection: sqlite3.Connection, path: Path) -> int:
    """The schema version of the database behind `connection` (read only), once it is
    recognised as a Replydesk one; NotReplydeskError, or StoreError for a newer one of ours."""
    version = schema_version(connection)
    application_id = int(connection.execute("PRAGMA application_id").fetchone()[0])
    if application_id not in (0, APPLICATION_ID):
        message = _("{path} is another app's database, not a Replydesk one")
        raise NotReplydeskError(message.format(path=path), path)
    tables = _tables(connection)
    if version == 0 and not tables and application_id == 0:
        return 0  # a new, empty database
    newest = min(version, SCHEMA_VERSION)
    expected = expected_tables(newest)
    ours = version > 0 and all(
        name in tables and columns <= tables[name] for name, columns in expected.items()
    )
    if version <= SCHEMA_VERSION:
        # Up to date or older: exactly the tables that version has (with their columns).
        ours = ours and all(tables.get(name) == columns for name, columns in expected.items())
    if version >= 4 and application_id != APPLICATION_ID:
        ours = False  # every database since schema 4 carries our application id
    if not ours:
        message = _("{path} is a SQLite database, but not a Replydesk one")
        raise NotReplydeskError(message.format(path=path), path)
    if version > SCHEMA_VERSION:
        raise newer_schema_error(version)
    return version


def read_header(path: Path) -> bytes | None:
    """The first 100 bytes of the file; None when there is no file or it is empty.
    DamagedDatabaseError for something else than a regular file (a FIFO would block)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise DamagedDatabaseError(_("{path} is not a regular file").format(path=path), path)
        with open(path, "rb") as file:
            header = file.read(HEADER_BYTES)
    except FileNotFoundError:
        return None
    except OSError as error:
        # Translators: {reason} is the system's reason ("Permission denied").
        message = _("cannot read {path}: {reason}")
        raise StoreError(message.format(path=path, reason=error)) from error
    return header or None


def read_only(path: Path, *, untouched: bool = False) -> sqlite3.Connection:
    """A read-only connection (a URI: the path's bytes are percent-encoded, so a folder
    whose name is not UTF-8 works too). `untouched`: when no -wal or -journal lies beside
    the file (nobody is writing to it), open it as immutable, so that not even an empty
    -wal and -shm are created beside a file that may not be ours."""
    absolute = Path(os.path.realpath(path))  # SQLite keeps a link's -wal beside its target
    uri = f"{absolute.as_uri()}?mode=ro"
    if untouched and not any(
        absolute.with_name(absolute.name + suffix).exists() for suffix in ("-wal", "-journal")
    ):
        uri += "&immutable=1"
    return sqlite3.connect(uri, uri=True, timeout=5)


def database_id(connection: sqlite3.Connection) -> str | None:
    """This database's own id (schema 4 and later), None when it has none."""
    try:
        row = connection.execute("SELECT database_id FROM template_changes").fetchone()
    except sqlite3.Error:
        return None
    return str(row[0]) if row is not None and row[0] is not None else None


def apply_migrations(connection: sqlite3.Connection, version: int) -> None:
    """Run the scripts from `version` up to SCHEMA_VERSION, each in its own transaction
    that also sets `user_version`: a failed step (sqlite3.Error) leaves the database at
    the version before it."""
    for step in range(version, SCHEMA_VERSION):
        _apply(connection, step)


def _apply(connection: sqlite3.Connection, step: int) -> None:
    # executescript runs statements as they come, so BEGIN/COMMIT are in the script itself;
    # on failure the transaction is still open and rolled back here.
    script = f"BEGIN;\n{MIGRATIONS[step]}\nPRAGMA user_version = {step + 1};\nCOMMIT;"
    try:
        connection.executescript(script)
    except sqlite3.Error:
        if connection.in_transaction:
            connection.rollback()
        raise


__all__ = [
    "APPLICATION_ID",
    "HEADER_BYTES",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SQLITE_MAGIC",
    "apply_migrations",
    "check_schema",
    "database_id",
    "expected_tables",
    "has_tables",
    "newer_schema_error",
    "read_header",
    "read_only",
    "schema_version",
]
