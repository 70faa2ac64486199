"""Field types: what a template asks for, and how a typed-in string becomes a value."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from replydesk.core.errors import FieldValueError, LibraryFileError, shown

FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class FieldType(str, Enum):
    TEXT = "text"
    MULTILINE = "multiline"
    NUMBER = "number"
    MONEY = "money"
    DATE = "date"
    CHOICE = "choice"
    YESNO = "yesno"


@dataclass(frozen=True)
class FieldSpec:
    """One field of a template: its name in the body, its type and how to ask for it."""

    name: str
    type: FieldType = FieldType.TEXT
    label: str = ""
    default: str | None = None
    required: bool = True
    help: str = ""
    choices: tuple[str, ...] = ()
    multiple: bool = False

    @property
    def display_label(self) -> str:
        return self.label or self.name.replace("_", " ").capitalize()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FieldSpec:
        """Build a spec from a front-matter or JSON mapping; raises LibraryFileError on nonsense."""
        if not isinstance(data, Mapping):
            raise LibraryFileError(f"a field must be a mapping, not {type(data).__name__}")
        name = data.get("name")
        if not isinstance(name, str) or not FIELD_NAME.match(name):
            raise LibraryFileError(f"field name {shown(name)} is not a valid identifier")
        raw_type = data.get("type", "text")
        try:
            field_type = FieldType(raw_type)
        except ValueError:
            allowed = ", ".join(t.value for t in FieldType)
            raise LibraryFileError(
                f"field {name}: unknown type {shown(raw_type)} (one of {allowed})"
            ) from None
        choices = data.get("choices") or ()
        if not isinstance(choices, (list, tuple)) or not all(
            isinstance(c, (str, int, float)) for c in choices
        ):
            raise LibraryFileError(f"field {name}: choices must be a list of strings")
        if field_type is FieldType.CHOICE and not choices:
            raise LibraryFileError(f"field {name}: a choice field needs choices")
        default = data.get("default")
        for key in ("label", "help"):
            if not isinstance(data.get(key, ""), str):
                raise LibraryFileError(f"field {name}: {key} must be text")
        if not isinstance(data.get("required", True), bool):
            raise LibraryFileError(f"field {name}: required must be true or false")
        return cls(
            name=name,
            type=field_type,
            label=data.get("label", "") or "",
            default=None if default is None else _default_text(default),
            required=data.get("required", True),
            help=data.get("help", "") or "",
            choices=tuple(str(c) for c in choices),
            multiple=bool(data.get("multiple", False)),
        )

    def to_dict(self) -> dict[str, Any]:
        """The compact mapping stored in the database and in files (defaults left out)."""
        out: dict[str, Any] = {"name": self.name, "type": self.type.value}
        if self.label:
            out["label"] = self.label
        if self.default is not None:
            out["default"] = self.default
        if not self.required:
            out["required"] = False
        if self.help:
            out["help"] = self.help
        if self.choices:
            out["choices"] = list(self.choices)
        if self.multiple:
            out["multiple"] = True
        return out


def _default_text(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# The order's and the profile's fields, which every template may use without declaring them.
ORDER_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("client_name", FieldType.TEXT, "Client name"),
    FieldSpec("order_id", FieldType.TEXT, "Order ID"),
    FieldSpec("service", FieldType.TEXT, "Service"),
    FieldSpec("price", FieldType.MONEY, "Price"),
    FieldSpec("currency", FieldType.TEXT, "Currency", required=False, help="ISO code, e.g. USD"),
    FieldSpec("deadline", FieldType.DATE, "Deadline"),
    FieldSpec("platform", FieldType.TEXT, "Platform", required=False),
    FieldSpec(
        "notes",
        FieldType.MULTILINE,
        "Note to the client",
        required=False,
        help="Added to the replies that include it (greeting, updates)",
    ),
)
PROFILE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("my_name", FieldType.TEXT, "My name"),
    FieldSpec("signature", FieldType.MULTILINE, "Signature", required=False),
)
STANDARD_FIELDS: dict[str, FieldSpec] = {f.name: f for f in ORDER_FIELDS + PROFILE_FIELDS}
ORDER_FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in ORDER_FIELDS)


def specs_from_dicts(items: Iterable[Mapping[str, Any]]) -> list[FieldSpec]:
    """Parse a list of field mappings, refusing two fields with one name."""
    specs = [FieldSpec.from_dict(item) for item in items]
    seen: set[str] = set()
    for spec in specs:
        if spec.name in seen:
            raise LibraryFileError(f"field {spec.name} is declared twice")
        seen.add(spec.name)
    return specs


def resolve_fields(declared: Iterable[FieldSpec], used: Iterable[str]) -> list[FieldSpec]:
    """The fields a template needs: declared ones, then standard and unknown ones it uses.

    Declared fields keep their order; used-but-undeclared names follow in body order,
    typed from the standard fields when known, else as required text.
    """
    result = list(declared)
    names = {spec.name for spec in result}
    for name in used:
        if name in names:
            continue
        names.add(name)
        result.append(STANDARD_FIELDS.get(name) or FieldSpec(name, FieldType.TEXT))
    return result


# --- parsing strings into values ---------------------------------------------------------

_YES = {"yes", "y", "true", "1", "on", "da", "да", "áno", "ano", "igen", "x"}
_NO = {"no", "n", "false", "0", "off", "nu", "нет", "nie", "nem", ""}
_CURRENCY_MARKS = re.compile(
    r"[$€£¥₽₴₸₺₹]|(?<![^\W\d_])(?:USD|EUR|GBP|RUB|RON|HUF|CZK|PLN|UAH|lei|Ft|Kč|руб)\.?(?![^\W\d_])",
    re.I,
)


def parse_value(spec: FieldSpec, raw: object) -> object:
    """Turn user input into the field's typed value. Non-strings pass through when already typed."""
    if not isinstance(raw, str):
        return _check_typed(spec, raw)
    text = raw.strip()
    parser = _PARSERS[spec.type]
    return parser(spec, text if spec.type is not FieldType.MULTILINE else raw.strip("\n"))


def _check_typed(spec: FieldSpec, value: object) -> object:
    expected: dict[FieldType, tuple[type, ...]] = {
        FieldType.NUMBER: (int, Decimal, float),
        FieldType.MONEY: (int, Decimal, float),
        FieldType.DATE: (dt.date,),
        FieldType.YESNO: (bool,),
        FieldType.CHOICE: (str, list, tuple),
    }
    allowed = expected.get(spec.type, (str,))
    if isinstance(value, bool) and spec.type is not FieldType.YESNO:
        raise FieldValueError(spec.name, f"{shown(value)} is not a {spec.type.value}")
    if not isinstance(value, allowed):
        raise FieldValueError(spec.name, f"{shown(value)} is not a {spec.type.value}")
    if isinstance(value, float):
        return Decimal(str(value))
    if spec.type is FieldType.CHOICE and isinstance(value, (list, tuple)):
        return _parse_choice(spec, ", ".join(str(v) for v in value))
    if spec.type is FieldType.CHOICE and isinstance(value, str):
        return _parse_choice(spec, value)
    return value


def _parse_text(spec: FieldSpec, text: str) -> str:
    return text


def _parse_number(spec: FieldSpec, text: str) -> int | Decimal:
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise FieldValueError(spec.name, f"'{text}' is not a number") from None
    if not number.is_finite():
        raise FieldValueError(spec.name, f"'{text}' is not a number")
    return int(number) if number == number.to_integral_value() and "." not in cleaned else number


def _parse_money(spec: FieldSpec, text: str) -> Decimal:
    cleaned = _CURRENCY_MARKS.sub("", text)
    cleaned = re.sub(r"[\s\u00a0\u202f']", "", cleaned)
    # "1.250,50" or "1,250.50": the last separator is the decimal one.
    if "," in cleaned and "." in cleaned:
        decimal_sep = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        cleaned = cleaned.replace(thousands, "").replace(decimal_sep, ".")
    else:
        cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"-?\d+(\.\d{1,4})?", cleaned):
        raise FieldValueError(spec.name, f"'{text}' is not an amount")
    return Decimal(cleaned)


_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d.%m.%y", "%Y.%m.%d", "%Y. %m. %d.")


def _parse_date(spec: FieldSpec, text: str) -> dt.date:
    lowered = text.lower()
    today = dt.date.today()
    if lowered in {"today", "сегодня", "azi", "astăzi", "dnes", "ma"}:
        return today
    if lowered in {"tomorrow", "завтра", "mâine", "maine", "zajtra", "holnap"}:
        return today + dt.timedelta(days=1)
    relative = re.fullmatch(r"\+\s*(\d{1,4})\s*d?", lowered)
    if relative:
        return today + dt.timedelta(days=int(relative.group(1)))
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise FieldValueError(spec.name, f"'{text}' is not a date (use YYYY-MM-DD or DD.MM.YYYY)")


def _parse_choice(spec: FieldSpec, text: str) -> str | list[str]:
    by_lower = {c.lower(): c for c in spec.choices}
    parts = [p.strip() for p in text.split(",")] if spec.multiple else [text]
    picked: list[str] = []
    for part in parts:
        if not part:
            continue
        if part.lower() not in by_lower:
            options = ", ".join(spec.choices)
            raise FieldValueError(spec.name, f"'{part}' is not one of: {options}")
        picked.append(by_lower[part.lower()])
    if spec.multiple:
        return picked
    return picked[0] if picked else ""


def _parse_yesno(spec: FieldSpec, text: str) -> bool:
    lowered = text.lower()
    if lowered in _YES:
        return True
    if lowered in _NO:
        return False
    raise FieldValueError(spec.name, f"'{text}' is not yes or no")


_PARSERS = {
    FieldType.TEXT: _parse_text,
    FieldType.MULTILINE: _parse_text,
    FieldType.NUMBER: _parse_number,
    FieldType.MONEY: _parse_money,
    FieldType.DATE: _parse_date,
    FieldType.CHOICE: _parse_choice,
    FieldType.YESNO: _parse_yesno,
}


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, (str, list, tuple)) and len(value) == 0)


def format_value(spec: FieldSpec, value: object) -> str:
    """The plain text a form shows for a typed value (the inverse of parse_value)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


__all__ = [
    "ORDER_FIELDS",
    "ORDER_FIELD_NAMES",
    "PROFILE_FIELDS",
    "STANDARD_FIELDS",
    "FieldSpec",
    "FieldType",
    "example_value",
    "example_values",
    "format_value",
    "is_empty",
    "parse_value",
    "resolve_fields",
    "specs_from_dicts",
]


_EXAMPLES: dict[str, object] = {
    "client_name": "Anna",
    "order_id": "FO81C2D3",
    "service": "Logo design",
    "price": Decimal("120"),
    "currency": "USD",
    "platform": "Fiverr",
    "notes": "Two colour variants",
    "my_name": "Alex",
    "signature": "Alex, brand designer",
}


def example_value(spec: FieldSpec) -> object:
    """A plausible value for a field, for previews with sample data and for tests."""
    if spec.name in _EXAMPLES:
        return _EXAMPLES[spec.name]
    if spec.default is not None:
        return parse_value(spec, spec.default)
    examples: dict[FieldType, object] = {
        FieldType.TEXT: spec.display_label,
        FieldType.MULTILINE: f"{spec.display_label}: first line\nsecond line",
        FieldType.NUMBER: 3,
        FieldType.MONEY: Decimal("25"),
        FieldType.DATE: dt.date.today() + dt.timedelta(days=5),
        FieldType.YESNO: True,
    }
    if spec.type is FieldType.CHOICE:
        return list(spec.choices[:2]) if spec.multiple else spec.choices[0]
    return examples[spec.type]


def example_values(fields: Iterable[FieldSpec]) -> dict[str, object]:
    return {spec.name: example_value(spec) for spec in fields}
