"""The template list and its search: every live template's summary, held in memory.

A `Catalog` reads the database file with the standard library's sqlite3 only (no ORM),
so a window can list and search templates before the rest of the database layer has
loaded. It loads the summaries once, in list order, and reloads them only when the
`template_changes` counter (bumped by triggers on every change, from any process) moved.
A search asks the full-text index for matching rowids (fast even for one letter, thanks
to its prefix index) and orders them in Python:

    favorites first; then templates whose name matches, then whose tags match, then whose
    body matches; within each, the most used first, then by name.

That ranking (`search_tiers` and `ranked`) is the only one: `TemplateStore.list_templates`
uses it too, so `replydesk list --search` and the window agree.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import Literal, NamedTuple, TypeVar

from replydesk.core import variants
from replydesk.core.errors import StoreError
from replydesk.core.i18n import _, primary_language

# The list order without a search; summaries are loaded in it and searches keep it.
LIST_ORDER_SQL = "favorite DESC, use_count DESC, name COLLATE NOCASE, id"
# The search index's columns searched for the name and tags tiers.
NAME_COLUMN = "name"
TAGS_COLUMN = "tags_json"


class TemplateSummary(NamedTuple):
    """What a list shows of a template: no body, cheap to hold by the thousand."""

    id: str
    name: str
    kind: str
    language: str
    tags: list[str]
    favorite: bool
    use_count: int
    family: str = ""  # the reply this is a language's variant of ("": on its own)


def load_json_list(text: str | None) -> list[str]:
    """A stored JSON list of words (tags); anything else reads as empty."""
    try:
        value = json.loads(text or "[]")
    except (ValueError, TypeError, RecursionError):
        return []
    return [str(item) for item in value] if isinstance(value, list) else []


def search_query(text: str) -> str | None:
    """An FTS5 query matching every word of `text` as a prefix, in any order.

    Words without a letter or digit are ignored; None when nothing is left to search.
    """
    words = [word for word in text.split() if any(char.isalnum() for char in word)]
    if not words:
        return None
    return " AND ".join('"' + word.replace('"', '""') + '"*' for word in words)


def column_query(column: str, query: str) -> str:
    """`query` restricted to one column of the search index."""
    return f"{{{column}}} : ({query})"


def _text(value: object) -> str:
    """A cell read with sqlite3 as text (no field types here: the list needs the standard
    library only, to show before the rest loads)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return "" if value is None else str(value)


def _counter(connection: sqlite3.Connection) -> object:
    """The change counter; without its row (a damaged file; the store puts it back), a new
    object each time, so that every read reloads."""
    row = connection.execute("SELECT counter FROM template_changes").fetchone()
    return row[0] if row is not None else object()


def search_index_ok(connection: sqlite3.Connection) -> bool:
    """FTS5's own check of the index against the templates (reads the whole index)."""
    try:
        connection.execute(
            "INSERT INTO template_fts (template_fts, rank) VALUES ('integrity-check', 1)"
        )
    except sqlite3.DatabaseError as error:
        # Busy or locked: cannot tell now (the next start checks again); else damaged.
        return getattr(error, "sqlite_errorname", "") in ("SQLITE_BUSY", "SQLITE_LOCKED")
    return True


def _matching_rowids(connection: sqlite3.Connection, query: str) -> set[int]:
    rows = connection.execute(
        "SELECT rowid FROM template_fts WHERE template_fts MATCH ?", (query,)
    ).fetchall()
    return {row[0] for row in rows}


def search_tiers(connection: sqlite3.Connection, query: str) -> dict[int, int]:
    """The rowids of the templates the search_query `query` matches -> 0 (the name
    matches), 1 (the tags match) or 2 (the body only)."""
    tiers = dict.fromkeys(_matching_rowids(connection, query), 2)
    if tiers:
        for column, tier in ((TAGS_COLUMN, 1), (NAME_COLUMN, 0)):
            matching = _matching_rowids(connection, column_query(column, query))
            tiers.update(dict.fromkeys(matching, tier))
    return tiers


Item = TypeVar("Item")


def ranked(
    listed: Iterable[tuple[int, Item]], tiers: dict[int, int], favorite: Callable[[Item], bool]
) -> list[Item]:
    """The items (with their rowids, in list order) that `tiers` holds, best first:
    favorites first, then by tier; list order within each."""
    buckets: list[list[Item]] = [[] for _ in range(6)]
    for rowid, item in listed:
        tier = tiers.get(rowid)
        if tier is not None:
            buckets[tier if favorite(item) else 3 + tier].append(item)
    return [item for bucket in buckets for item in bucket]


def distinct_values(
    connection: sqlite3.Connection, column: Literal["kind", "language"]
) -> list[str]:
    """The distinct kinds or languages of the templates not in the trash, sorted."""
    rows = connection.execute(
        f"SELECT DISTINCT {column} FROM template WHERE deleted_at IS NULL"
    ).fetchall()
    return sorted({_text(row[0]) for row in rows})


def _is_favorite(summary: TemplateSummary) -> bool:
    return summary.favorite


class _Entry(NamedTuple):
    rowid: int
    summary: TemplateSummary


def _load(
    path: Path, connection: sqlite3.Connection, seen: object
) -> tuple[object, list[_Entry]] | None:
    """The change counter and the summaries in list order, or None when the counter is
    still `seen` (nothing changed)."""
    try:
        if _counter(connection) == seen:
            return None
        connection.execute("BEGIN")
        try:
            counter = _counter(connection)
            rows = connection.execute(
                "SELECT rowid, id, name, kind, language, tags_json, favorite, use_count, family"
                f" FROM template WHERE deleted_at IS NULL ORDER BY {LIST_ORDER_SQL}"
            ).fetchall()
        finally:
            connection.execute("COMMIT")
    except sqlite3.Error as error:
        # Translators: {path} is the database file; {error} is SQLite's words (English).
        message = _("cannot read the templates in {path}: {error}")
        raise StoreError(message.format(path=path, error=error)) from error
    tags_cache: dict[str, list[str]] = {}  # most libraries repeat a few tag lists
    entries = []
    for rowid, id_, name, kind, language, tags_json, favorite, use_count, family in rows:
        tags = tags_cache.get(tags_json)
        if tags is None:
            tags = tags_cache[tags_json] = load_json_list(tags_json)
        # A row written by something else may hold any type: show it as text.
        entries.append(
            _Entry(
                rowid,
                TemplateSummary(
                    _text(id_),
                    _text(name),
                    _text(kind),
                    _text(language),
                    tags,
                    bool(favorite),
                    use_count if isinstance(use_count, int) else 0,
                    _text(family),
                ),
            )
        )
    return counter, entries


def _cannot_read(path: Path, error: sqlite3.Error) -> str:
    # Translators: {path} is the database file; {error} is SQLite's words (English).
    return _("cannot read {path}: {error}").format(path=path, error=error)


class Catalog:
    """Summaries of the templates not in the trash, searched in memory.

    Safe to create on one thread and use on another; calls are serialized by a lock.
    `refresh()` reloads on a worker thread without holding up searches meanwhile.
    """

    def __init__(self, db_path: Path | str) -> None:
        self.path = Path(db_path)
        self._lock = threading.Lock()  # the summaries and the searches' connection
        self._refresh_lock = threading.Lock()  # the refreshing connection
        self._connection: sqlite3.Connection | None = self._connect()
        self._refresh_connection: sqlite3.Connection | None = None
        from replydesk.core import backups

        backups.hold(self.path)  # this process has the file open (see backups.check_wal)
        self._counter: object = None
        self._entries: list[_Entry] = []
        self._families: dict[str, list[TemplateSummary]] | None = None  # by family
        self._by_id: dict[str, TemplateSummary] | None = None
        try:
            with self._lock:
                self._reload_if_changed()
        except StoreError:
            self.close()
            raise

    def _connect(self) -> sqlite3.Connection:
        try:
            # Never creates the file: a catalog is only opened over an existing database.
            connection = sqlite3.connect(
                f"{self.path.resolve().as_uri()}?mode=rw",
                uri=True,
                check_same_thread=False,
                isolation_level=None,
            )
            connection.execute("PRAGMA query_only = ON")
            connection.execute("PRAGMA busy_timeout = 5000")
        except sqlite3.Error as error:
            raise StoreError(_cannot_read(self.path, error)) from error
        return connection

    def close(self) -> None:
        with self._refresh_lock:  # a refresh under way finishes first
            if self._refresh_connection is not None:
                self._refresh_connection.close()
                self._refresh_connection = None
        with self._lock:
            if self._connection is not None:
                from replydesk.core import backups

                self._connection.close()
                backups.release(self.path)
            self._connection = None

    # -- reading -------------------------------------------------------------------------

    def refresh(self) -> bool:
        """Reload the summaries if the file changed since they were loaded; True if it had.

        For a worker thread: the reading runs on a connection of its own, so searches
        meanwhile answer at once (from the summaries as they were); the new summaries
        then replace the old in one step."""
        with self._refresh_lock:
            with self._lock:
                if self._connection is None:
                    return False
                connection = self._refresh_connection
                seen = self._counter
            if connection is None:
                connection = self._refresh_connection = self._connect()
            loaded = _load(self.path, connection, seen)
        if loaded is None:
            return False
        with self._lock:
            if self._connection is None or self._counter is not seen:
                return False  # closed, or a search reloaded meanwhile (it reloads again if need be)
            self._counter, self._entries = loaded
            self._families = self._by_id = None
        return True

    def _reload_if_changed(self) -> sqlite3.Connection:
        """Reload the summaries when the change counter moved since the last load; the
        searches' connection (the caller holds the lock)."""
        connection = self._connection
        if connection is None:
            message = _("cannot read {path}: the list is closed")
            raise StoreError(message.format(path=self.path))
        loaded = _load(self.path, connection, self._counter)
        if loaded is not None:
            self._counter, self._entries = loaded
            self._families = self._by_id = None
        return connection

    # -- the list ------------------------------------------------------------------------

    def search(
        self,
        text: str | None = None,
        kind: str | None = None,
        language: str | Collection[str] | None = None,
    ) -> list[TemplateSummary]:
        """The templates of `kind` and `language` (one code, or any of several: the user's
        reply languages) whose name, tags or body contain every word of `text` as a word
        prefix (ignoring case and diacritics), best first."""
        languages = {language} if isinstance(language, str) else set(language or ())
        with self._lock:
            connection = self._reload_if_changed()
            entries: Iterable[_Entry] = self._entries
            if kind:
                entries = [e for e in entries if e.summary.kind == kind]
            if languages - {""}:
                entries = [e for e in entries if e.summary.language in languages]
            query = search_query(text) if text else None
            if query is None:
                return [entry.summary for entry in entries]
            try:
                tiers = search_tiers(connection, query)
            except sqlite3.Error as error:
                message = _("cannot search {path}: {error}")
                raise StoreError(message.format(path=self.path, error=error)) from error
        return ranked(entries, tiers, _is_favorite)

    def summaries(self) -> list[TemplateSummary]:
        """Every template not in the trash, in list order."""
        return self.search()

    def kinds(self) -> list[str]:
        """The distinct kinds of templates not in the trash, sorted."""
        return self._distinct("kind")

    def languages(self) -> list[str]:
        """The distinct languages of templates not in the trash, sorted."""
        return self._distinct("language")

    def _distinct(self, column: Literal["kind", "language"]) -> list[str]:
        with self._lock:
            self._reload_if_changed()
            return sorted({getattr(entry.summary, column) for entry in self._entries})

    def variants(self, summary: TemplateSummary) -> list[TemplateSummary]:
        """The variants of `summary`'s reply (itself included; only itself when it has no
        family), in list order."""
        if not summary.family:
            return [summary]
        with self._lock:
            self._reload_if_changed()
            return list(self._by_family().get(summary.family, [summary]))

    def summary(self, template_id: str) -> TemplateSummary | None:
        """The template `template_id` as listed; None when it is not (trash, gone)."""
        with self._lock:
            self._reload_if_changed()
            return self._summaries_by_id().get(template_id)

    def _summaries_by_id(self) -> dict[str, TemplateSummary]:
        """Every listed template by id (made once per load)."""
        if self._by_id is None:
            self._by_id = {entry.summary.id: entry.summary for entry in self._entries}
        return self._by_id

    def _by_family(self) -> dict[str, list[TemplateSummary]]:
        """The templates of each family, in list order (made once per load)."""
        if self._families is None:
            families: dict[str, list[TemplateSummary]] = {}
            for entry in self._entries:
                if entry.summary.family:
                    families.setdefault(entry.summary.family, []).append(entry.summary)
            self._families = families
        return self._families

    def replies(
        self,
        matches: Iterable[TemplateSummary],
        languages: Sequence[str],
        picked: Collection[str] = (),
        allowed: Collection[str] = (),
    ) -> list[TemplateSummary]:
        """Each reply of `matches` (a search's results, best first) once, at its best
        place, in the variant `languages` prefer among all its variants in `allowed`
        languages (all when empty): a reply found by its English name is listed in the
        client's language when it has a variant in it, and in the variant found when it
        has none in `languages`."""
        with self._lock:
            self._reload_if_changed()
            families = self._by_family()
        chosen: list[TemplateSummary] = []
        seen: set[str] = set()
        for match in matches:
            key = variants.family_key(match)
            if key in seen:
                continue
            seen.add(key)
            family = families.get(match.family, [match]) if match.family else [match]
            if allowed:
                family = [v for v in family if v.language in allowed] or [match]
            found = match if match in family else None
            chosen.append(variants.choose(family, languages, picked, found).variant)
        return chosen

    def replies_without(
        self, language: str, text: str | None = None, besides: str = ""
    ) -> list[TemplateSummary]:
        """The replies a template in `language` can join: those matching `text` (all for
        None), best first, each once in the variant found, with no variant in `language`
        (primary subtags compared) and other than the reply of family key `besides`."""
        wanted = primary_language(language) or ""
        listed = self.replies(self.search(text), ())
        with self._lock:
            families = self._by_family()
        return [
            reply
            for reply in listed
            if variants.family_key(reply) != besides
            and all(
                (primary_language(v.language) or "") != wanted
                for v in (families.get(reply.family, [reply]) if reply.family else [reply])
            )
        ]

    def recent(self, limit: int = 8) -> list[TemplateSummary]:
        """The most recently used templates, newest first (never-used ones are left out)."""
        with self._lock:
            connection = self._reload_if_changed()
            try:
                rows = connection.execute(
                    "SELECT id FROM template WHERE deleted_at IS NULL AND last_used_at IS NOT NULL"
                    " ORDER BY last_used_at DESC LIMIT ?",
                    (limit,),
                ).fetchall()
            except sqlite3.Error as error:
                raise StoreError(_cannot_read(self.path, error)) from error
            by_id = self._summaries_by_id()
        return [by_id[row[0]] for row in rows if row[0] in by_id]


def open_current(db_path: Path | str) -> Catalog | None:
    """A catalog over an existing, healthy database already at the current schema; else
    None (a first start, an upgrade to make or a damaged file: the store deals with those)."""
    from replydesk.core import backups, migrations
    from replydesk.core.migrations import SCHEMA_VERSION

    path = Path(db_path)
    # A -wal nobody has open must be checked before anything reads it: the store does.
    if not path.is_file() or backups.wal_to_check(path):
        return None
    try:
        if migrations.check_file(path) != SCHEMA_VERSION:
            return None
        catalog = Catalog(path)
    except StoreError:
        return None
    try:
        connection = catalog._connection
        assert connection is not None
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        # The window's start-up check (TemplateStore's), made here since the list comes first.
        # (The search index's own check, slower, waits for the store: app.open_store.)
        healthy = connection.execute("PRAGMA quick_check(1)").fetchone()[0] == "ok"
    except sqlite3.Error:
        version, healthy = None, False
    if version != SCHEMA_VERSION or not healthy:
        catalog.close()
        return None
    return catalog
