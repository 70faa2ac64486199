"""Schema versions and forward upgrades: `PRAGMA user_version`, one SQL script per step.

Tables are created only here, never by `SQLModel.metadata.create_all`, so an old database
and a new one always end up with the same schema. To change the schema, append a script to
`MIGRATIONS` (never edit a released one) and update `models.py` to match; the tests check
that the two agree.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from replydesk.core.errors import StoreError

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

MIGRATIONS: list[str] = [_V1, _V2, _V3]
"""`MIGRATIONS[i]` upgrades a database at version i to version i + 1."""

SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def upgrade(
    dbapi_connection: sqlite3.Connection, db_path: Path, backup_dir: Path | None
) -> Path | None:
    """Bring the database to SCHEMA_VERSION; return the backup made first, if any.

    A new, empty database gets every step without a backup. An older one is copied to
    `backup_dir` first (unless it is None: a copy being restored), then each step runs in
    its own transaction that also sets `user_version`, so a failed step leaves the
    database at the previous version.
    """
    version = schema_version(dbapi_connection)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"this database was made by a newer Replydesk (schema {version}); please update the app"
        )
    if version == SCHEMA_VERSION:
        return None
    backup: Path | None = None
    if version > 0:
        if backup_dir is not None:
            backup = backup_database(dbapi_connection, backup_dir, version)
    elif _has_tables(dbapi_connection):
        raise StoreError(f"{db_path} is a SQLite database, but not a Replydesk one")
    for step in range(version, SCHEMA_VERSION):
        _apply(dbapi_connection, step)
    return backup


def backup_database(dbapi_connection: sqlite3.Connection, backup_dir: Path, version: int) -> Path:
    """A backup (core.backups) named for the schema version it was made from."""
    from replydesk.core import backups

    made = backups.backup_connection(dbapi_connection, backup_dir, f"v{version}")
    backups.prune(backup_dir, spare=made)
    return made


def _has_tables(connection: sqlite3.Connection) -> bool:
    return connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0


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
