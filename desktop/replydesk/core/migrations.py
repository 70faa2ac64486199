"""Upgrading a database to the current schema, with a backup made first.

The schema itself, its scripts and how a database is recognised are in `schema.py`;
recognising a file before it is opened is `recovery.check_file`. Their names stay
importable from here.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from replydesk.core import backups, schema
from replydesk.core.errors import NotReplydeskError, StoreError
from replydesk.core.i18n import _
from replydesk.core.recovery import check_file
from replydesk.core.schema import (
    APPLICATION_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    check_schema,
    database_id,
    expected_tables,
    read_header,
    read_only,
    schema_version,
)

log = logging.getLogger("replydesk.migrations")


def upgrade(
    dbapi_connection: sqlite3.Connection, db_path: Path, backup_dir: Path | None
) -> Path | None:
    """Bring the database to SCHEMA_VERSION; return the backup made first, if any.

    A new, empty database gets every step without a backup. An older one is copied to
    `backup_dir` first (unless it is None), then each step runs in its own transaction
    that also sets `user_version`, so a failed step leaves the database at the previous
    version.

    Older backups are pruned only once the upgrade succeeded. When it fails, its copy is
    kept out of the rotation (backups.keep_failed_upgrade: one per schema version, not
    listed, never pruned), so failed starts never push good backups out, and a StoreError
    says so.
    """
    version = schema.schema_version(dbapi_connection)
    if version > schema.SCHEMA_VERSION:
        raise schema.newer_schema_error(version)
    if version == schema.SCHEMA_VERSION:
        return None
    backup: Path | None = None
    if version > 0:
        if (
            backup_dir is not None
            and backups.failed_upgrade_copy(backup_dir, db_path, version) is None
        ):
            try:
                backup = backups.backup_connection(dbapi_connection, backup_dir, f"v{version}")
            except (StoreError, OSError, sqlite3.Error) as error:
                # Never an upgrade without its copy first: the file stays as it was.
                # Translators: {version} is the database's schema number, {reason} why the
                # backup copy failed.
                message = _(
                    "cannot upgrade {path} from schema {version}: the copy made first"
                    " failed ({reason}); the file was left as it was"
                )
                raise StoreError(
                    message.format(path=db_path, version=version, reason=error)
                ) from error
    elif schema.has_tables(dbapi_connection):
        message = _("{path} is a SQLite database, but not a Replydesk one")
        raise NotReplydeskError(message.format(path=db_path), db_path)
    try:
        schema.apply_migrations(dbapi_connection, version)
    except sqlite3.Error as error:
        kept = backups.failed_upgrade_copy(backup_dir, db_path, version) if backup_dir else None
        if backup is not None:
            kept = backups.keep_failed_upgrade(backup, version)
        log.error("cannot upgrade %s from schema %d: %s", db_path, version, error)
        if kept is not None:
            # Translators: {version} and {left_at} are schema numbers (from, and where the
            # file is now), {reason} SQLite's reason, {copy} the path of the copy kept.
            message = _(
                "cannot upgrade {path} from schema {version}: {reason}; the file was left at"
                " schema {left_at}; a copy from before the attempt is in {copy}"
            )
        else:
            # Translators: {version} and {left_at} are schema numbers (from, and where the
            # file is now), {reason} SQLite's reason.
            message = _(
                "cannot upgrade {path} from schema {version}: {reason}; the file was left at"
                " schema {left_at}"
            )
        left_at = schema.schema_version(dbapi_connection)
        raise StoreError(
            message.format(path=db_path, version=version, reason=error, left_at=left_at, copy=kept)
        ) from error
    if backup is not None and backup_dir is not None:
        backups.prune(backup_dir, spare=backup)
    return backup


__all__ = [
    "APPLICATION_ID",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "NotReplydeskError",
    "check_file",
    "check_schema",
    "database_id",
    "expected_tables",
    "read_header",
    "read_only",
    "schema_version",
    "upgrade",
]
