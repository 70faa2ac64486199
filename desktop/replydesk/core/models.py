"""Database tables (SQLModel) and the plain records the store takes in.

The tables are created only by the scripts in `schema.py`; these classes describe them to the ORM.
Datetimes are naive UTC (`NaiveDatetime`: SQLModel would otherwise insist on aware ones).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from pydantic import NaiveDatetime
from sqlalchemy import Date, DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

from replydesk.core.catalog import load_json_list
from replydesk.core.errors import FieldValueError
from replydesk.core.fields import ORDER_FIELD_NAMES, value_text
from replydesk.core.i18n import _

# Where a template comes from (`TemplateRow.origin`).
USER_ORIGIN = "user"
"""Written (or copied) by the user."""
BUILTIN_ORIGIN = "builtin"
"""From the built-in library (core.library)."""
IMPORT_ORIGIN = "import"
"""Imported from someone else's file (core.merge)."""
TRUSTED_ORIGINS = frozenset({USER_ORIGIN, BUILTIN_ORIGIN})
"""Where the templates come from that may render on the GUI thread: the user's own and
the built-in library. Templates from other people (imported) always render off it."""


def utcnow() -> datetime:
    """The current time as a naive UTC datetime, the form every table stores."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def dump_json(value: object) -> str:
    """JSON as the store writes it: readable non-ASCII, so the search index sees real words."""
    return json.dumps(value, ensure_ascii=False)


FALLBACK_TIME = datetime(1970, 1, 1)
"""What a stored time that does not parse reads as (when the column may not be empty)."""


class ReadableDateTime(TypeDecorator[datetime]):
    """A DATETIME column that reads a value it cannot parse (written by something else) as
    FALLBACK_TIME, or None where the column may be empty, instead of failing the whole read."""

    impl = DateTime
    cache_ok = True

    def __init__(self, *, optional: bool = False) -> None:
        super().__init__()
        self.optional = optional

    def result_processor(self, dialect: Dialect, coltype: object) -> Any:
        parse = self.impl_instance.dialect_impl(dialect).result_processor(dialect, coltype)
        return _lenient(parse, datetime, None if self.optional else FALLBACK_TIME)


class ReadableDate(TypeDecorator[date]):
    """A DATE column that reads a value it cannot parse as None (the column may be empty)."""

    impl = Date
    cache_ok = True

    def result_processor(self, dialect: Dialect, coltype: object) -> Any:
        parse = self.impl_instance.dialect_impl(dialect).result_processor(dialect, coltype)
        return _lenient(parse, date, None)


def _lenient(parse: Any, kind: type, fallback: object) -> Any:
    """A result processor that reads with `parse` (SQLAlchemy's own, may be None) and gives
    `fallback` for a value that does not read as a `kind`, instead of raising."""

    def process(value: object) -> object:
        if value is None or isinstance(value, kind):
            return value
        try:
            parsed = parse(value) if parse is not None else value
        except (ValueError, TypeError, OverflowError):
            return fallback
        return parsed if isinstance(parsed, kind) else fallback

    return process


def _time(*, optional: bool = False) -> Any:
    return ReadableDateTime(optional=optional)


class TemplateRow(SQLModel, table=True):
    """One reply template; a template in the trash has `deleted_at` set."""

    __tablename__ = "template"

    id: str = Field(primary_key=True)
    name: str
    kind: str = Field(index=True)
    language: str = Field(index=True)
    body: str
    fields_json: str = "[]"
    tags_json: str = "[]"
    favorite: bool = False
    created_at: NaiveDatetime = Field(default_factory=utcnow, sa_type=_time())
    updated_at: NaiveDatetime = Field(default_factory=utcnow, sa_type=_time())
    revision: int = 1
    base_revision: int = 0
    use_count: int = 0
    last_used_at: NaiveDatetime | None = Field(default=None, sa_type=_time(optional=True))
    deleted_at: NaiveDatetime | None = Field(default=None, sa_type=_time(optional=True))
    origin: str = USER_ORIGIN
    library_version: int | None = None
    library_revision: int | None = None
    family: str = Field(default="", index=True)
    """Templates that share a family are one reply's variants, one per language ("": a
    template on its own)."""

    @property
    def fields(self) -> list[dict[str, Any]]:
        """The template's own field declarations, as stored (those that are not a JSON
        object, or a value that is not JSON at all, read as none)."""
        try:
            value = json.loads(self.fields_json or "[]")
        except (ValueError, TypeError, RecursionError):
            return []
        return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []

    @property
    def tags(self) -> list[str]:
        return load_json_list(self.tags_json)

    def parts(self) -> dict[str, object]:
        """The parts a user edits (name, kind, language, body, fields, tags), as stored."""
        return {
            "name": self.name,
            "kind": self.kind,
            "language": self.language,
            "body": self.body,
            "fields": self.fields,
            "tags": self.tags,
        }

    @property
    def is_edited_since_library(self) -> bool:
        """True when the user changed a built-in template after the library last wrote it."""
        return self.library_revision is not None and self.revision != self.library_revision


class OrderRow(SQLModel, table=True):
    """A client's order: the values most replies are filled from. One column per order
    field (core.fields.ORDER); any other value is a custom field kept in custom_json."""

    __tablename__ = "orders"
    __table_args__: ClassVar[dict[str, Any]] = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    client_name: str = ""
    order_id: str = ""
    service: str = ""
    price: str = ""  # a Decimal as text, "" when unknown
    currency: str = ""
    deadline: date | None = Field(default=None, sa_type=ReadableDate)
    platform: str = ""
    notes: str = ""
    language: str = ""  # the client's language code, "" when not known
    custom_json: str = "{}"
    created_at: NaiveDatetime = Field(default_factory=utcnow, sa_type=_time())
    updated_at: NaiveDatetime = Field(default_factory=utcnow, sa_type=_time())
    last_used_at: NaiveDatetime = Field(default_factory=utcnow, sa_type=_time())

    @property
    def custom(self) -> dict[str, str]:
        try:
            value = json.loads(self.custom_json or "{}")
        except (ValueError, TypeError, RecursionError):
            return {}
        return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}

    def values(self) -> dict[str, object]:
        """Every non-empty value: price as Decimal, deadline as date, the rest (custom too) str."""
        result: dict[str, object] = {}
        for name in ORDER_FIELD_NAMES:
            raw = getattr(self, name)
            if raw is None or raw == "":
                continue
            result[name] = Decimal(raw) if name == "price" else raw
        for name, text in self.custom.items():
            if text != "" and name not in result:
                result[name] = text
        return result

    def apply_values(self, values: Mapping[str, object]) -> None:
        """Merge typed values into the columns; None or "" clears; unknown names are custom."""
        custom = self.custom
        for name, value in values.items():
            if name == "price":
                self.price = _price_text(value)
            elif name == "deadline":
                self.deadline = _deadline_value(value)
            elif name in ORDER_FIELD_NAMES:
                setattr(self, name, value_text(value, name))
            elif value is None or value == "":
                custom.pop(name, None)
            else:
                custom[name] = value_text(value, name)
        self.custom_json = dump_json(custom)

    @classmethod
    def from_values(cls, values: Mapping[str, object]) -> OrderRow:
        """A new, unsaved order holding `values`."""
        order = cls()
        order.apply_values(values)
        return order


def _not_an_amount(value: object) -> str:
    # Translators: {value} is the text given for a price.
    return _("'{value}' is not an amount").format(value=value)


def _price_text(value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, str)):
        # Translators: {value} is what was given, as Python writes it.
        raise FieldValueError("price", _("{value} is not an amount").format(value=repr(value)))
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise FieldValueError("price", _not_an_amount(value)) from None
    if not amount.is_finite():
        raise FieldValueError("price", _not_an_amount(value))
    return str(amount)


def _deadline_value(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            # Translators: {value} is the text given for a date.
            message = _("'{value}' is not a date").format(value=value)
            raise FieldValueError("deadline", message) from None
    # Translators: {value} is what was given, as Python writes it.
    raise FieldValueError("deadline", _("{value} is not a date").format(value=repr(value)))


class SettingRow(SQLModel, table=True):
    """One key/value setting (profile, current order, window state...)."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True)
    value: str


@dataclass
class TemplateData:
    """What it takes to create a template; `id` None means a new UUID4.

    `library_version` is set by the built-in library loader; the new row then records
    `library_revision` so later user edits can be told apart from the library's text.
    """

    name: str
    kind: str
    language: str
    body: str
    id: str | None = None
    fields: list[dict[str, Any]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    favorite: bool = False
    origin: str = USER_ORIGIN
    revision: int = 1
    base_revision: int | None = None  # None: the same as revision (nothing unshared yet)
    library_version: int | None = None
    family: str = ""  # the reply this is a language's variant of ("": on its own)

    def new_row(self) -> TemplateRow:
        """A new, unsaved row for this data (created and updated now)."""
        now = utcnow()
        return TemplateRow(
            id=self.id or str(uuid.uuid4()),
            name=self.name,
            kind=self.kind,
            language=self.language,
            body=self.body,
            fields_json=dump_json(self.fields),
            tags_json=dump_json(self.tags),
            favorite=self.favorite,
            origin=self.origin,
            revision=self.revision,
            base_revision=self.revision if self.base_revision is None else self.base_revision,
            created_at=now,
            updated_at=now,
            library_version=self.library_version,
            library_revision=self.revision if self.library_version is not None else None,
            family=self.family,
        )


@dataclass
class Profile:
    """The user's own details, filled into every reply.

    `signatures` maps a reply language ("en", "ro"...) to the text added under replies in
    that language, after the template's closing and the name. A language without an entry
    gets no signature: a Russian reply never carries the English one.

    Older databases hold one `profile.signature` setting. The store reads it as the
    signature of the stored default language only ("en" unless the user chose another),
    and the first profile write moves it to that language's own key, so a later change of
    the default language does not carry it along.
    """

    my_name: str = ""
    default_language: str = "en"
    default_currency: str = "USD"
    signatures: dict[str, str] = field(default_factory=dict)

    def signature_for(self, language: str) -> str:
        """The signature of replies in `language`; "" when that language has none."""
        return self.signatures.get(language, "")

    def values(self, language: str | None = None) -> dict[str, str]:
        """The template values of a reply in `language` (by default the default language):
        my_name, and that language's own signature; only those that are set."""
        signature = self.signature_for(language or self.default_language)
        return {
            name: value
            for name, value in (("my_name", self.my_name), ("signature", signature))
            if value
        }
