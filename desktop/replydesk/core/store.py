"""TemplateStore: every read and write of the database goes through this one class."""

from __future__ import annotations

import dataclasses
import logging
import re
import sqlite3
import uuid
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, cast, overload

from sqlalchemy import Engine, column, event, func, insert, literal_column, table
from sqlalchemy import text as sql_text
from sqlalchemy.engine import URL, Connection
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.sql.elements import ColumnClause, ColumnElement
from sqlmodel import Session, col, create_engine, delete, select

from replydesk.core import backups, migrations, paths, revisions
from replydesk.core.catalog import (
    distinct_values,
    ranked,
    search_index_ok,
    search_query,
    search_tiers,
)
from replydesk.core.changes import Change, ChangeFeed
from replydesk.core.errors import (
    AmbiguousNameError,
    ChangedElsewhereError,
    DamagedDatabaseError,
    NotFoundError,
    StoreError,
    VariantClashError,
)
from replydesk.core.i18n import N_, _, ngettext, primary_language
from replydesk.core.models import (
    OrderRow,
    Profile,
    SettingRow,
    TemplateData,
    TemplateRow,
    dump_json,
    utcnow,
)
from replydesk.core.progress import NO_PROGRESS, Progress
from replydesk.core.revisions import LibraryVerdict
from replydesk.core.template_texts import check_template_texts

log = logging.getLogger("replydesk.store")

MIN_ID_PREFIX = 6
CURRENT_ORDER_KEY = "current_order"
_PROFILE_KEYS = {
    "my_name": "profile.my_name",
    "default_language": "profile.default_language",
    "default_currency": "profile.default_currency",
}
# The signature of replies in one language is `profile.signature.<language>`; the change key
# update_profile takes for it is `signature.<language>` (see signature_key).
_SIGNATURE_SETTING = "profile.signature."
# Before signatures were per language: one signature, read as the default language's.
_OLD_SIGNATURE_SETTING = "profile.signature"
_PROFILE_LANGUAGE = re.compile(r"[a-z]{2,3}([_-][A-Za-z0-9]{2,8})?")


def signature_key(language: str) -> str:
    """The update_profile key of the signature of replies in `language`."""
    return f"signature.{language}"


def _setting_change(key: str) -> Change:
    """What writing the setting `key` changes."""
    if key.startswith("profile."):
        return Change.PROFILE
    if key == CURRENT_ORDER_KEY:
        return Change.ORDERS
    return Change.SETTINGS


def _profile_setting(key: str) -> str:
    """The setting an update_profile key is stored in; ValueError for an unknown key."""
    if key in _PROFILE_KEYS:
        return _PROFILE_KEYS[key]
    language = key.removeprefix("signature.")
    if language != key and _PROFILE_LANGUAGE.fullmatch(language):
        return _SIGNATURE_SETTING + language
    raise ValueError(f"{key!r} is not a profile key")


_WRITE_OPTION = "replydesk_write"
_ANNOUNCE = "replydesk_announce"  # in a writing session's info: the Change to announce
_PROGRESS_EVERY = 50  # templates between progress reports (and chances to cancel)

_fts = table("template_fts", column("rowid"))
_fts_table: ColumnClause[Any] = literal_column("template_fts")
_template_rowid: ColumnClause[Any] = literal_column("template.rowid")


# -- what an import writes ----------------------------------------------------------------


@dataclass(frozen=True)
class Seen:
    """A template as a plan saw it: a write that expects it refuses if it changed since."""

    revision: int
    deleted_at: datetime | None


@dataclass(frozen=True)
class AddTemplate:
    """Add a teammate's template under its own id; refused if that id exists by now.
    `data` holds its revisions (revisions.received)."""

    data: TemplateData


@dataclass(frozen=True)
class ReplaceTemplate:
    """Take theirs over mine: `data` (with their revision) replaces the template of
    `data.id`, which also leaves the trash; refused unless it is still as `seen`."""

    data: TemplateData
    seen: Seen


@dataclass(frozen=True)
class AddCopy:
    """Keep both: add `data` as a new template (its own new id, revisions.NEW)."""

    data: TemplateData


ImportAction = AddTemplate | ReplaceTemplate | AddCopy


# SQLite result codes meaning "this file is not a (healthy) database".
_NOT_A_DATABASE = {"SQLITE_NOTADB", "SQLITE_CORRUPT", "SQLITE_CORRUPT_VTAB"}
_REBUILD_SEARCH_INDEX = "INSERT INTO template_fts (template_fts) VALUES ('rebuild')"
SEARCH_INDEX_REBUILT = N_("The search index was damaged; it has been rebuilt from your templates.")


class SearchIndexError(DamagedDatabaseError):
    """The search index disagrees with the templates: rebuilt by rebuild_search_index."""


def _casefold(value: object) -> str | None:
    return value.casefold() if isinstance(value, str) else None


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # BEGIN is emitted by _on_begin instead of the driver, so reads are transactional too.
    dbapi_connection.isolation_level = None
    for pragma in (
        "journal_mode=WAL",
        "foreign_keys=ON",
        "busy_timeout=5000",
        "synchronous=NORMAL",
    ):
        dbapi_connection.execute(f"PRAGMA {pragma}")
    dbapi_connection.create_function("casefold", 1, _casefold, deterministic=True)


def _on_begin(connection: Connection) -> None:
    # Writers take the write lock up front: a deferred transaction that reads and then
    # writes can fail at once with SQLITE_BUSY in WAL mode, whatever busy_timeout says.
    if connection.get_execution_options().get(_WRITE_OPTION):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


def _reason(error: BaseException) -> str:
    original = error.orig if isinstance(error, DBAPIError) else error
    return str(original).strip() or type(original).__name__


def _is_not_a_database(error: BaseException) -> bool:
    original = error.orig if isinstance(error, DBAPIError) else error
    name = getattr(original, "sqlite_errorname", None)  # Python 3.11+
    if name is not None:
        return name in _NOT_A_DATABASE
    text = str(original)
    return "file is not a database" in text or "malformed" in text


def _is_favorite(row: TemplateRow) -> bool:
    return row.favorite


class TemplateStore:
    """The database: templates, orders and settings, each change in one transaction.

    Rows returned are detached copies; change them through the store's methods.
    """

    def __init__(
        self, db_path: Path | str, backup_dir: Path | None = None, *, check: bool = True
    ) -> None:
        """Open (or create) the database; `check` runs SQLite's quick_check first, which
        reads the whole file, and the search index's own check (the window does; a one-shot
        command leaves it to the first read that meets a damaged page).

        Nothing is written to the file before it is recognised as a Replydesk database
        (migrations.check_file); a -wal beside it that is not its own is kept aside first
        (backups.check_wal). What the opening repaired or kept aside is in `notices`."""
        self._check = check
        self.notices: list[str] = []
        self.changes = ChangeFeed()  # every committed write is announced here
        given = Path(db_path).expanduser()
        # A link is followed (the database kept in a synced folder, say): its -wal, -shm and
        # -journal are beside the file it points to, as SQLite keeps them.
        self.path = given.resolve()
        self.backup_dir = backup_dir if backup_dir is not None else self.path.parent / "backups"
        if given.is_symlink() and not self.path.parent.is_dir():
            # Its folder is not there (a synced drive not mounted): an empty database made
            # in its place would hide the templates.
            message = _("{link} is a link to {path}, whose folder is missing: is it mounted?")
            raise StoreError(message.format(link=given, path=self.path))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            # Translators: {reason} is the system's reason ("Permission denied").
            message = _("cannot create the folder {path}: {reason}")
            raise StoreError(message.format(path=self.path.parent, reason=error)) from error
        kept = backups.check_wal(self.path)
        if kept is not None:
            # Translators: a notice when the database opens; {name} is the database file's
            # name, {kept} the name of the copy kept aside. "-wal" is SQLite's file.
            message = _(
                "The -wal file beside {name} belonged to another database; it was"
                " kept aside as {kept} and your templates opened as they were."
            )
            self.notices.append(message.format(name=self.path.name, kept=kept.name))
        # A journal of its own is rolled back (as SQLite is meant to), another one kept aside.
        kept = backups.check_journal(self.path)
        if kept is not None:
            # Translators: a notice when the database opens; {name} is the database file's
            # name, {kept} the name of the copy kept aside. "-journal" is SQLite's file.
            message = _(
                "The -journal file beside {name} was not its own; it was kept"
                " aside as {kept} and your templates opened as they were."
            )
            self.notices.append(message.format(name=self.path.name, kept=kept.name))
        migrations.check_file(self.path, quick_check=check)
        self._engine: Engine = create_engine(
            URL.create("sqlite", database=str(self.path)),
            connect_args={"check_same_thread": False},
        )
        event.listen(self._engine, "connect", _on_connect)
        event.listen(self._engine, "begin", _on_begin)
        self._writer = self._engine.execution_options(**{_WRITE_OPTION: True})
        self._held = False
        try:
            self.upgrade_backup: Path | None = self._upgrade()
        except StoreError:
            self._engine.dispose()
            raise
        except (SQLAlchemyError, sqlite3.Error, OSError) as error:
            self._engine.dispose()
            if _is_not_a_database(error):
                message = _("{path} is not a Replydesk database, or it is damaged")
                raise DamagedDatabaseError(message.format(path=self.path), self.path) from error
            # Translators: {reason} is SQLite's reason.
            message = _("cannot open {path}: {reason}")
            raise StoreError(message.format(path=self.path, reason=_reason(error))) from error
        backups.hold(self.path)
        self._held = True

    @classmethod
    def open_default(cls, *, check: bool = True) -> TemplateStore:
        """The user's own database in the data folder. The backup folder is only named: a
        file in its place stops the backups (they say so), not the templates."""
        folder = paths.backup_dir(create=False)
        try:
            paths.ensure_folder(folder)  # at best: made here as it always was
        except paths.FolderError as error:
            log.info("no backup folder: %s", error)
        return cls(paths.database_path(), folder, check=check)

    def _upgrade(self) -> Path | None:
        raw = self._engine.raw_connection()
        try:
            connection = cast(sqlite3.Connection, raw.driver_connection)
            made = migrations.upgrade(connection, self.path, self.backup_dir)
            self._repair(connection)
            return made
        finally:
            raw.close()

    def _repair(self, connection: sqlite3.Connection) -> None:
        """Put back what a damaged file may lack: the change counter's one row (lists reload
        when it moves) and, with `check`, a search index that disagrees with the templates."""
        missing = connection.execute("SELECT count(*) FROM template_changes").fetchone()[0] != 1
        if missing:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("DELETE FROM template_changes")
            connection.execute(
                "INSERT INTO template_changes (id, counter, database_id)"
                " VALUES (1, 1, lower(hex(randomblob(16))))"
            )
            connection.execute("COMMIT")
        if self._check:
            self._check_search_index(connection)

    def check_search_index(self) -> bool:
        """The window's start-up check of the search index against the templates (it reads
        the whole index: 0.2 s for 10,000 templates); rebuilt when it disagrees, with a
        notice. Whether it had to be rebuilt."""
        with self._database_errors():
            raw = self._engine.raw_connection()
            try:
                return self._check_search_index(cast(sqlite3.Connection, raw.driver_connection))
            finally:
                raw.close()

    def _check_search_index(self, connection: sqlite3.Connection) -> bool:
        if search_index_ok(connection):
            return False
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(_REBUILD_SEARCH_INDEX)
        connection.execute("COMMIT")
        log.warning("the search index of %s was damaged; rebuilt it", self.path)
        self.notices.append(_(SEARCH_INDEX_REBUILT))
        return True

    def unreadable_templates(self) -> list[str]:
        """Names of templates with a part that cannot be read as written (fields or tags
        that are not JSON, a time that does not parse, a name that is not text): they are
        shown with what can be read. At most 20 names."""
        bad_time = "({0} IS NOT NULL AND (typeof({0}) != 'text' OR datetime({0}) IS NULL))"
        query = (
            "SELECT name FROM template WHERE deleted_at IS NULL AND ("
            "typeof(name) != 'text' OR typeof(kind) != 'text' OR typeof(body) != 'text'"
            " OR json_valid(fields_json) = 0 OR json_valid(tags_json) = 0 OR "
            + " OR ".join(bad_time.format(c) for c in ("created_at", "updated_at", "last_used_at"))
            + ") LIMIT 20"
        )
        with self._reading() as session:
            rows = session.execute(sql_text(query)).all()
        return [str(row[0]) for row in rows]

    def rebuild_search_index(self) -> None:
        """Rebuild the search index from the templates (after it was found damaged)."""
        with self._writing(Change.TEMPLATES) as session:
            session.execute(sql_text(_REBUILD_SEARCH_INDEX))
        log.info("rebuilt the search index of %s", self.path)  # the caller tells the user

    # -- backups -----------------------------------------------------------------------

    def backup_now(self, reason: str, progress: Progress = NO_PROGRESS) -> Path:
        """A copy of the database in the backup folder (backups.make_backup); changes
        nothing in the store, so announces nothing. Cancelled, it leaves no file."""
        return backups.make_backup(self.path, self.backup_dir, reason, progress=progress)

    def restore_backup(self, backup: Path, progress: Progress = NO_PROGRESS) -> Path | None:
        """Make the database a copy of `backup` (backups.restore); returns the copy made of
        what it held. Everything may have changed: Change.ALL is announced.

        Cancelled before the copy into the database starts, nothing changes and nothing is
        announced; once started it runs to the end (SQLite copies it in one step)."""
        kept = backups.restore(backup, self.path, self.backup_dir, progress)
        self.changes.announce(Change.ALL)
        return kept

    def close(self) -> None:
        """Close every connection (the WAL is folded back into the file)."""
        self._engine.dispose()
        if self._held:
            self._held = False
            backups.release(self.path)

    def __enter__(self) -> TemplateStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- sessions ----------------------------------------------------------------------

    @contextmanager
    def _database_errors(self) -> Iterator[None]:
        """SQLite's errors (through the ORM or straight from sqlite3) as StoreErrors."""
        try:
            yield
        except (DBAPIError, sqlite3.Error) as error:
            original = error.orig if isinstance(error, DBAPIError) else error
            if getattr(original, "sqlite_errorname", None) == "SQLITE_CORRUPT_VTAB":
                message = _("the search index of {path} is damaged")
                raise SearchIndexError(message.format(path=self.path), self.path) from error
            reason = _reason(error)
            if _is_not_a_database(error):
                # Translators: {reason} is SQLite's reason.
                message = _("{path} is damaged: {reason}")
                raise DamagedDatabaseError(
                    message.format(path=self.path, reason=reason), self.path
                ) from error
            # Translators: {reason} is SQLite's reason.
            message = _("{path}: {reason}")
            raise StoreError(message.format(path=self.path, reason=reason)) from error

    @contextmanager
    def _writing(self, change: Change) -> Iterator[Session]:
        """A session in one write transaction: committed on success, rolled back on error;
        `change` is announced to `changes`' listeners once it is committed (a write that
        finds nothing to do says so with _touched_nothing)."""
        with (
            self._database_errors(),
            Session(self._writer, expire_on_commit=False) as session,
            session.begin(),
        ):
            session.info[_ANNOUNCE] = change
            yield session
        self.changes.announce(session.info[_ANNOUNCE])

    @staticmethod
    def _touched_nothing(session: Session) -> None:
        """The write under way changes nothing: nothing is announced."""
        session.info[_ANNOUNCE] = Change.NONE

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        """A session in one read transaction (a consistent snapshot), rolled back at the end."""
        with self._database_errors(), Session(self._engine, expire_on_commit=False) as session:
            yield session

    # -- templates ---------------------------------------------------------------------

    def create_template(self, data: TemplateData) -> TemplateRow:
        """Add a template; a new UUID4 id unless `data.id` is given. Raises
        LibraryFileError for a name, kind or tag past the limits of core.template_texts."""
        check_template_texts(data.name, data.kind, data.tags, "template")
        row = data.new_row()
        with self._writing(Change.TEMPLATES) as session:
            if session.get(TemplateRow, row.id) is not None:
                message = _("a template with id {id} already exists")
                raise StoreError(message.format(id=row.id))
            session.add(row)
        return row

    def add_variant(self, source_id: str, data: TemplateData) -> TemplateRow:
        """Add `data` as a variant of template `source_id`'s reply (in another language),
        in one transaction: a template on its own first gets a family of its own (an edit:
        one revision more), which the new template shares. Checks as create_template."""
        check_template_texts(data.name, data.kind, data.tags, "template")
        with self._writing(Change.TEMPLATES) as session:
            source = self._template(session, source_id)
            if not source.family:
                source.family = f"family:{uuid.uuid4()}"
                revisions.edit(source)
            row = dataclasses.replace(data, family=source.family).new_row()
            session.add(row)
        return row

    def join_reply(self, template_id: str, reply_id: str) -> TemplateRow:
        """Make template `template_id` a variant of template `reply_id`'s reply, in one
        transaction: a reply on its own first gets a family (an edit), which the template
        then shares (an edit: one revision more). VariantClashError when the reply already
        has a variant in the template's language, or the template is one of its variants."""
        with self._writing(Change.TEMPLATES) as session:
            row = self._template(session, template_id)
            reply = self._template(session, reply_id)
            if row.id == reply.id or (row.family and row.family == reply.family):
                message = _("“{name}” is already a variant of that reply")
                raise VariantClashError(message.format(name=row.name))
            language = primary_language(row.language)
            siblings = self._variants(session, reply.family) if reply.family else [reply]
            clash = next((s for s in siblings if primary_language(s.language) == language), None)
            if clash is not None:
                message = _("The reply already has a variant in this language: “{name}”")
                raise VariantClashError(message.format(name=clash.name))
            if not reply.family:
                reply.family = f"family:{uuid.uuid4()}"
                revisions.edit(reply)
            row.family = reply.family
            revisions.edit(row)
        return row

    def get_template(self, template_id: str) -> TemplateRow:
        """The template with this id, even if it is in the trash."""
        with self._reading() as session:
            return self._template(session, template_id)

    @staticmethod
    def _template(session: Session, template_id: str) -> TemplateRow:
        row = session.get(TemplateRow, template_id)
        if row is None:
            raise NotFoundError(_("no template with id {id}").format(id=template_id))
        return row

    def find_template(self, ref: str) -> TemplateRow:
        """A template by exact id, unique id prefix (6+ characters) or name, ignoring case.

        Templates in the trash are not found.
        """
        ref = ref.strip()
        alive = col(TemplateRow.deleted_at).is_(None)
        with self._reading() as session:
            row = session.exec(select(TemplateRow).where(TemplateRow.id == ref, alive)).first()
            if row is not None:
                return row
            if len(ref) >= MIN_ID_PREFIX:
                by_prefix = session.exec(
                    select(TemplateRow)
                    .where(col(TemplateRow.id).startswith(ref, autoescape=True), alive)
                    .order_by(col(TemplateRow.id))
                ).all()
                if by_prefix:
                    return self._one(ref, list(by_prefix))
            # NOCASE folds ASCII only; other names go through Python's casefold (slower).
            same_name = (
                col(TemplateRow.name).collate("NOCASE") == ref
                if ref.isascii()
                else func.casefold(TemplateRow.name) == ref.casefold()
            )
            by_name = session.exec(
                select(TemplateRow).where(same_name, alive).order_by(col(TemplateRow.id))
            ).all()
        if not by_name:
            raise NotFoundError(_("no template matches '{ref}'").format(ref=ref))
        return self._one(ref, list(by_name))

    @staticmethod
    def _one(ref: str, rows: list[TemplateRow]) -> TemplateRow:
        if len(rows) == 1:
            return rows[0]
        candidates = ", ".join(f"{row.id} ({row.name}, {row.language})" for row in rows)
        # Translators: {candidates} lists the templates: "<id> (<name>, <language>), ...".
        message = ngettext(
            "'{ref}' matches {count} template: {candidates}",
            "'{ref}' matches {count} templates: {candidates}",
            len(rows),
        )
        raise AmbiguousNameError(message.format(ref=ref, count=len(rows), candidates=candidates))

    def update_template(
        self,
        template_id: str,
        *,
        name: str | None = None,
        kind: str | None = None,
        language: str | None = None,
        body: str | None = None,
        fields: list[dict[str, Any]] | None = None,
        tags: list[str] | None = None,
        family: str | None = None,
        expected_revision: int | None = None,
    ) -> TemplateRow:
        """Change the given parts; revision and updated_at move only if something changed.
        (`family` makes it a variant of another language's template, "" one on its own.)

        With `expected_revision` (the revision the caller read), write only if the stored
        row is still at that revision and not in the trash; otherwise raise
        ChangedElsewhereError and write nothing. The check and the write are one
        transaction holding the write lock, so no other process can write in between.
        A name, kind or tag past the limits of core.template_texts raises LibraryFileError.
        """
        check_template_texts(name or "", kind or "", tags or (), "template")
        with self._writing(Change.TEMPLATES) as session:
            row = self._template(session, template_id)
            if expected_revision is not None and (
                row.revision != expected_revision or row.deleted_at is not None
            ):
                given: dict[str, object] = {
                    "name": name,
                    "kind": kind,
                    "language": language,
                    "body": body,
                    "fields": fields,
                    "tags": tags,
                }
                stored = row.parts()
                raise ChangedElsewhereError(
                    row.id,
                    row.name,
                    expected=expected_revision,
                    revision=row.revision,
                    parts=tuple(
                        part
                        for part, value in given.items()
                        if value is not None and stored[part] != value
                    ),
                    in_trash=row.deleted_at is not None,
                )
            changed = False
            named = (("name", name), ("kind", kind), ("language", language), ("family", family))
            for attr, value in named:
                if value is not None and getattr(row, attr) != value:
                    setattr(row, attr, value)
                    changed = True
            if body is not None and row.body != body:
                row.body = body
                changed = True
            if fields is not None and row.fields != fields:
                row.fields_json = dump_json(fields)
                changed = True
            if tags is not None and row.tags != tags:
                row.tags_json = dump_json(tags)
                changed = True
            if changed:
                revisions.edit(row)
            else:
                self._touched_nothing(session)
        return row

    def create_templates(self, datas: Sequence[TemplateData]) -> int:
        """Add many templates in one transaction (all or none); returns how many. The same
        checks as create_template; an id that exists already raises StoreError."""
        for data in datas:
            check_template_texts(data.name, data.kind, data.tags, "template")
        if not datas:
            return 0
        rows = [data.new_row() for data in datas]
        values = [{name: getattr(row, name) for name in TemplateRow.model_fields} for row in rows]
        with self._writing(Change.TEMPLATES) as session:
            session.execute(insert(TemplateRow), values)
        return len(rows)

    def apply_import(
        self, actions: Sequence[ImportAction], progress: Progress = NO_PROGRESS
    ) -> None:
        """Carry out an import's actions in one transaction: all of them or, when one is
        refused (StoreError: the template changed since the plan saw it) or `progress` is
        cancelled (Cancelled), none."""
        if not actions:
            return
        total = len(actions)
        with self._writing(Change.TEMPLATES) as session:
            for number, action in enumerate(actions):
                if number % _PROGRESS_EVERY == 0:
                    # Translators: shown in the progress bar while an import is written.
                    progress.step(number, total, _("Importing"))
                else:
                    progress.check()  # a cancel stops it at the next template
                self._apply(session, action)
            session.flush()
            progress.step(total, total, _("Importing"))  # the last chance to cancel

    def _apply(self, session: Session, action: ImportAction) -> None:
        data = action.data
        if isinstance(action, AddCopy):
            session.add(data.new_row())
            return
        row = session.get(TemplateRow, data.id) if data.id is not None else None
        seen = action.seen if isinstance(action, ReplaceTemplate) else None
        if (None if row is None else Seen(row.revision, row.deleted_at)) != seen:
            # Translators: {name} is the template's name, quoted.
            message = _(
                "{name} changed since the import was previewed; nothing was imported, "
                "please import again"
            )
            raise StoreError(message.format(name=repr(data.name)))
        if row is None:
            session.add(data.new_row())
            return
        self._write_content(row, data)
        row.origin = data.origin
        row.deleted_at = None
        revisions.take_theirs(row, data.revision)

    @staticmethod
    def _write_content(row: TemplateRow, data: TemplateData) -> None:
        row.name = data.name
        row.kind = data.kind
        row.language = data.language
        row.body = data.body
        row.fields_json = dump_json(data.fields)
        row.tags_json = dump_json(data.tags)
        row.family = data.family

    def apply_library(self, datas: Sequence[TemplateData]) -> Counter[LibraryVerdict]:
        """Merge the built-in library's templates (each with its id and library_version)
        in one transaction, as revisions.library_verdict says; how many got each verdict."""
        verdicts: Counter[LibraryVerdict] = Counter()
        with self._writing(Change.TEMPLATES) as session:
            for data in datas:
                if data.id is None or data.library_version is None:
                    raise ValueError(f"{data.name!r} is not a built-in template")
                row = session.get(TemplateRow, data.id)
                verdict = revisions.library_verdict(row, data.library_version)
                verdicts[verdict] += 1
                if verdict is LibraryVerdict.ADD:
                    session.add(data.new_row())
                elif verdict is LibraryVerdict.UPDATE and row is not None:
                    self._write_content(row, data)
                    revisions.library_update(row, data.library_version)
            if not verdicts[LibraryVerdict.ADD] and not verdicts[LibraryVerdict.UPDATE]:
                self._touched_nothing(session)
        return verdicts

    def set_favorite(self, template_id: str, favorite: bool) -> TemplateRow:
        """Star or unstar; not an edit, so the revision stays."""
        with self._writing(Change.TEMPLATES) as session:
            row = self._template(session, template_id)
            row.favorite = favorite
        return row

    def delete_template(self, template_id: str) -> TemplateRow:
        """Move to the trash."""
        with self._writing(Change.TEMPLATES) as session:
            row = self._template(session, template_id)
            if row.deleted_at is None:
                row.deleted_at = utcnow()
        return row

    def restore_template(self, template_id: str) -> TemplateRow:
        """Take out of the trash."""
        with self._writing(Change.TEMPLATES) as session:
            row = self._template(session, template_id)
            row.deleted_at = None
        return row

    def purge_template(self, template_id: str) -> None:
        """Delete for good."""
        with self._writing(Change.TEMPLATES) as session:
            session.delete(self._template(session, template_id))

    def empty_trash(self) -> int:
        """Delete every template in the trash for good; returns how many."""
        with self._writing(Change.TEMPLATES) as session:
            in_trash = col(TemplateRow.deleted_at).is_not(None)
            return int(session.exec(delete(TemplateRow).where(in_trash)).rowcount)

    def list_trash(self) -> list[TemplateRow]:
        """Templates in the trash, most recently deleted first."""
        with self._reading() as session:
            return list(
                session.exec(
                    select(TemplateRow)
                    .where(col(TemplateRow.deleted_at).is_not(None))
                    .order_by(col(TemplateRow.deleted_at).desc(), col(TemplateRow.name))
                ).all()
            )

    def record_use(self, template_id: str) -> TemplateRow:
        """Count one more use (a copy) of the template."""
        with self._writing(Change.TEMPLATES) as session:
            row = self._template(session, template_id)
            row.use_count += 1
            row.last_used_at = utcnow()
        return row

    def variants(self, family: str) -> list[TemplateRow]:
        """The templates of `family` not in the trash (one reply's variants), by language;
        none for the empty family (each such template stands on its own)."""
        if not family:
            return []
        with self._reading() as session:
            return self._variants(session, family)

    @staticmethod
    def _variants(session: Session, family: str) -> list[TemplateRow]:
        return list(
            session.exec(
                select(TemplateRow)
                .where(TemplateRow.family == family)
                .where(col(TemplateRow.deleted_at).is_(None))
                .order_by(col(TemplateRow.language), col(TemplateRow.id))
            ).all()
        )

    def list_templates(
        self,
        kind: str | None = None,
        language: str | None = None,
        search: str | None = None,
        include_deleted: bool = False,
        limit: int | None = None,
    ) -> list[TemplateRow]:
        """Templates, favorites first, then best search match, most used, name: the order
        of Catalog.search, whose ranking (core.catalog.ranked) this uses.

        `search` matches templates whose name, tags or body contain every word as a word
        prefix, ignoring case and diacritics; blank text does not filter.
        """
        statement = select(TemplateRow)
        if not include_deleted:
            statement = statement.where(col(TemplateRow.deleted_at).is_(None))
        if kind:
            statement = statement.where(TemplateRow.kind == kind)
        if language:
            statement = statement.where(TemplateRow.language == language)
        statement = statement.order_by(
            col(TemplateRow.favorite).desc(),
            col(TemplateRow.use_count).desc(),
            col(TemplateRow.name).collate("NOCASE"),
            col(TemplateRow.id),
        )
        query = search_query(search) if search else None
        with self._reading() as session:
            if query is None:
                if limit is not None:
                    statement = statement.limit(limit)
                return list(session.exec(statement).all())
            # Only the rows the search index matches reach Python, to be ranked there.
            matching = statement.add_columns(_template_rowid).join(
                _fts, _fts.c.rowid == _template_rowid
            )
            rows = session.execute(matching.where(_fts_table.match(query))).all()
            tiers = search_tiers(self._driver_connection(session), query)
        found = ranked(((rowid, row) for row, rowid in rows), tiers, _is_favorite)
        return found if limit is None else found[:limit]

    @staticmethod
    def _driver_connection(session: Session) -> sqlite3.Connection:
        """The sqlite3 connection under `session` (in its transaction)."""
        return cast(sqlite3.Connection, session.connection().connection.driver_connection)

    def count_templates(self, include_deleted: bool = False) -> int:
        statement = select(func.count()).select_from(TemplateRow)
        if not include_deleted:
            statement = statement.where(col(TemplateRow.deleted_at).is_(None))
        with self._reading() as session:
            return int(session.exec(statement).one())

    def kinds(self) -> list[str]:
        """The distinct kinds of templates not in the trash, sorted."""
        return self._distinct("kind")

    def languages(self) -> list[str]:
        """The distinct languages of templates not in the trash, sorted."""
        return self._distinct("language")

    def _distinct(self, column: Literal["kind", "language"]) -> list[str]:
        with self._reading() as session:
            return distinct_values(self._driver_connection(session), column)

    # -- orders ------------------------------------------------------------------------

    def create_order(self, values: Mapping[str, object]) -> OrderRow:
        """A new order from typed values (Decimal price, date deadline, str the rest)."""
        order = OrderRow.from_values(values)
        with self._writing(Change.ORDERS) as session:
            session.add(order)
        return order

    def update_order(self, order_id: int, values: Mapping[str, object]) -> OrderRow:
        """Merge values into the order; None or "" clears a value."""
        with self._writing(Change.ORDERS) as session:
            order = self._order(session, order_id)
            order.apply_values(values)
            order.updated_at = utcnow()
        return order

    def change_order(
        self,
        order_id: int,
        changes: Mapping[str, object],
        seen: Mapping[str, object],
    ) -> tuple[OrderRow, dict[str, object]]:
        """Write `changes` (None or "" clears) to the order, field by field, in one
        transaction; other fields keep what is stored, whoever wrote it.

        `seen` holds the order's values as the writer last read them. Returns the order as
        now stored and, for each changed field that someone else had changed since, the
        value this write replaced (the caller tells the user; nothing else is lost).
        """
        with self._writing(Change.ORDERS) as session:
            order = self._order(session, order_id)
            stored = order.values()
            overwritten = {
                name: stored[name]
                for name in changes
                if stored.get(name) != seen.get(name)
                and stored.get(name) is not None
                and stored.get(name) != changes[name]
            }
            order.apply_values(changes)
            order.updated_at = utcnow()
        return order, overwritten

    def template_changes(self) -> int:
        """The counter every change to a template bumps (triggers, from any process)."""
        with self._reading() as session:
            counter = session.execute(sql_text("SELECT counter FROM template_changes"))
            # No row (a damaged file; put back at the next open): nothing to compare, 0.
            value = counter.scalar()
            return int(value) if isinstance(value, int) else 0

    def get_order(self, order_id: int) -> OrderRow:
        with self._reading() as session:
            return self._order(session, order_id)

    @staticmethod
    def _order(session: Session, order_id: int) -> OrderRow:
        order = session.get(OrderRow, order_id)
        if order is None:
            raise NotFoundError(_("no order with id {id}").format(id=order_id))
        return order

    @staticmethod
    def _recent_first() -> list[ColumnElement[Any]]:
        last_touched = func.max(col(OrderRow.last_used_at), col(OrderRow.updated_at))
        return [last_touched.desc(), col(OrderRow.id).desc()]

    def find_order(self, ref: str) -> OrderRow:
        """An order by its number in Replydesk, else by its order id (most recent first)."""
        ref = ref.strip()
        with self._reading() as session:
            if ref.isascii() and ref.isdigit():
                order = session.get(OrderRow, int(ref))
                if order is not None:
                    return order
            order = session.exec(
                select(OrderRow).where(OrderRow.order_id == ref).order_by(*self._recent_first())
            ).first()
        if order is None:
            raise NotFoundError(_("no order with number or order id '{ref}'").format(ref=ref))
        return order

    def list_orders(self, limit: int = 20) -> list[OrderRow]:
        """Orders, most recently used or changed first."""
        with self._reading() as session:
            return list(
                session.exec(select(OrderRow).order_by(*self._recent_first()).limit(limit)).all()
            )

    def touch_order(self, order_id: int) -> OrderRow:
        """Mark the order as just used (it moves to the top of the list)."""
        with self._writing(Change.ORDERS) as session:
            order = self._order(session, order_id)
            order.last_used_at = utcnow()
        return order

    def delete_order(self, order_id: int) -> None:
        """Delete the order; it stops being the current one."""
        with self._writing(Change.ORDERS) as session:
            session.delete(self._order(session, order_id))
            current = session.get(SettingRow, CURRENT_ORDER_KEY)
            if current is not None and current.value == str(order_id):
                session.delete(current)

    # -- settings and profile ----------------------------------------------------------

    @overload
    def get_setting(self, key: str, default: str) -> str: ...

    @overload
    def get_setting(self, key: str, default: None = None) -> str | None: ...

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        with self._reading() as session:
            row = session.get(SettingRow, key)
        return default if row is None else row.value

    def set_setting(self, key: str, value: str | None) -> None:
        """Store a setting; None removes it."""
        with self._writing(_setting_change(key)) as session:
            self._set(session, key, value)

    @staticmethod
    def _set(session: Session, key: str, value: str | None) -> None:
        row = session.get(SettingRow, key)
        if value is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(SettingRow(key=key, value=value))
        else:
            row.value = value

    def get_profile(self) -> Profile:
        """The profile as stored, with a signature per language (see Profile)."""
        with self._reading() as session:
            return self._read_profile(session)

    def update_profile(self, changes: Mapping[str, str | None]) -> Profile:
        """Write only the given profile keys, in one transaction; returns the profile as
        now stored (everyone's changes to other keys kept). The one way to write the
        profile: a caller passes what it changed, never a whole Profile, so a copy read
        before another process wrote cannot put old values back.

        Keys: "my_name", "default_language", "default_currency", and `signature.<language>`
        (signature_key(language), e.g. "signature.ro") for one language's signature;
        "signature" alone means the default language's (the one this call leaves). None or
        "" removes a key, so its default comes back ("" name, "en", "USD", no signature).
        An unknown key or a malformed language code raises ValueError and writes nothing.
        """
        with self._writing(Change.PROFILE) as session:
            stored = self._read_profile(session, pin_old_signature=True)
            language = changes.get("default_language") or stored.default_language
            settings: dict[str, str | None] = {}
            for key, value in changes.items():
                setting = _profile_setting(signature_key(language) if key == "signature" else key)
                if setting in settings:
                    raise ValueError(f"the profile key {setting!r} is given twice")
                settings[setting] = value or None
            for setting, value in settings.items():
                self._set(session, setting, value)
            session.flush()
            return self._read_profile(session)

    def _read_profile(self, session: Session, *, pin_old_signature: bool = False) -> Profile:
        """The stored profile; with `pin_old_signature` (in a write transaction), the
        signature of older databases moves to its language's own key first."""
        rows = session.exec(
            select(SettingRow).where(col(SettingRow.key).startswith("profile.", autoescape=True))
        ).all()
        stored = {row.key: row.value for row in rows}
        profile = Profile()
        for attr, key in _PROFILE_KEYS.items():
            if key in stored:
                setattr(profile, attr, stored[key])
        for key, value in stored.items():
            if key.startswith(_SIGNATURE_SETTING) and value:
                profile.signatures[key.removeprefix(_SIGNATURE_SETTING)] = value
        old = stored.get(_OLD_SIGNATURE_SETTING)
        if old is not None:
            language = profile.default_language
            if old and language not in profile.signatures:
                profile.signatures[language] = old
                if pin_old_signature:
                    self._set(session, _profile_setting(signature_key(language)), old)
            if pin_old_signature:
                self._set(session, _OLD_SIGNATURE_SETTING, None)
                session.flush()
        return profile

    @property
    def current_order_id(self) -> int | None:
        """The order replies are filled from, if one is chosen."""
        value = self.get_setting(CURRENT_ORDER_KEY)
        return int(value) if value is not None and value.isdigit() else None

    @current_order_id.setter
    def current_order_id(self, order_id: int | None) -> None:
        self.set_setting(CURRENT_ORDER_KEY, None if order_id is None else str(order_id))
