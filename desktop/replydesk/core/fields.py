"""Field types: what a template asks for, and how a typed-in string becomes a value."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from enum import Enum
from typing import Any

from replydesk.core.errors import FieldValueError, LibraryFileError, shown
from replydesk.core.i18n import LANGUAGES, N_, _, ngettext, pgettext

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
        """The label the user sees: a standard field's in the user's language, a template's
        own as it is written, else the name made readable ("due_date" is "Due date")."""
        if self.label:
            standard = STANDARD_FIELDS.get(self.name)
            return _(self.label) if standard and standard.label == self.label else self.label
        return self.name.replace("_", " ").capitalize()

    @property
    def display_help(self) -> str:
        """The help the user sees: a standard field's in the user's language, a template's
        own as it is written."""
        if self.help:
            standard = STANDARD_FIELDS.get(self.name)
            return _(self.help) if standard and standard.help == self.help else self.help
        return ""

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FieldSpec:
        """Build a spec from a front-matter or JSON mapping; raises LibraryFileError on nonsense."""
        if not isinstance(data, Mapping):
            # Translators: {type} is a YAML/JSON type name (list, str, int).
            raise LibraryFileError(
                _("a field must be a mapping, not {type}").format(type=type(data).__name__)
            )
        name = data.get("name")
        if not isinstance(name, str) or not FIELD_NAME.match(name):
            raise LibraryFileError(
                _("field name {name} is not a valid identifier").format(name=shown(name))
            )
        raw_type = data.get("type", "text")
        try:
            field_type = FieldType(raw_type)
        except ValueError:
            allowed = ", ".join(t.value for t in FieldType)
            # Translators: {allowed} lists the type names a file may use (text, number...).
            message = _("field {name}: unknown type {type} (one of {allowed})")
            raise LibraryFileError(
                message.format(name=name, type=shown(raw_type), allowed=allowed)
            ) from None
        choices = data.get("choices") or ()
        if not isinstance(choices, (list, tuple)) or not all(
            isinstance(c, (str, int, float)) for c in choices
        ):
            # Translators: "choices" is the key of the template file: keep it.
            message = _("field {name}: choices must be a list of strings")
            raise LibraryFileError(message.format(name=name))
        if field_type is FieldType.CHOICE and not choices:
            raise LibraryFileError(
                _("field {name}: a choice field needs choices").format(name=name)
            )
        default = data.get("default")
        for key in ("label", "help"):
            if not isinstance(data.get(key, ""), str):
                # Translators: {key} is the file's key "label" or "help" (kept in English).
                message = _("field {name}: {key} must be text")
                raise LibraryFileError(message.format(name=name, key=key))
        if not isinstance(data.get("required", True), bool):
            # Translators: "required", "true" and "false" are words of the template file.
            message = _("field {name}: required must be true or false")
            raise LibraryFileError(message.format(name=name))
        return cls(
            name=name,
            type=field_type,
            label=data.get("label", "") or "",
            default=None if default is None else value_text(default),
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


@dataclass(frozen=True)
class OrderField:
    """One of the order's own fields, and where the user types it: once per order in the
    order bar, or `per_reply` in the fill form (kept with that reply unless pinned to the
    order: the note)."""

    spec: FieldSpec
    per_reply: bool = False


# The order's fields: the one declaration every other view of them is derived from (the
# store's columns, the order bar, the fill form, where a typed value is kept).
ORDER: tuple[OrderField, ...] = (
    OrderField(FieldSpec("client_name", FieldType.TEXT, N_("Client name"))),
    OrderField(FieldSpec("order_id", FieldType.TEXT, N_("Order ID"))),
    # Translators: the order's field: what the client ordered (a logo design, a translation).
    OrderField(FieldSpec("service", FieldType.TEXT, N_("Service"))),
    OrderField(FieldSpec("price", FieldType.MONEY, N_("Price"))),
    OrderField(
        FieldSpec(
            "currency",
            FieldType.TEXT,
            N_("Currency"),
            required=False,
            help=N_("ISO code, e.g. USD"),
        )
    ),
    OrderField(FieldSpec("deadline", FieldType.DATE, N_("Deadline"))),
    # Translators: the order's field: the freelance marketplace (Fiverr, Upwork, Kwork).
    OrderField(FieldSpec("platform", FieldType.TEXT, N_("Platform"), required=False)),
    OrderField(
        FieldSpec(
            "language",
            FieldType.CHOICE,
            # Translators: the order's field: the language the client writes in.
            N_("Client's language"),
            required=False,
            # Translators: the help of the order's language field.
            help=N_("The checker warns when a reply is in another language"),
            choices=tuple(LANGUAGES),
        )
    ),
    OrderField(
        FieldSpec(
            "notes",
            FieldType.MULTILINE,
            N_("Note to the client"),
            required=False,
            help=N_("Added to the replies that include it (greeting, updates)"),
        ),
        per_reply=True,
    ),
)
ORDER_FIELDS: tuple[FieldSpec, ...] = tuple(field.spec for field in ORDER)
ORDER_FIELD_NAMES: tuple[str, ...] = tuple(spec.name for spec in ORDER_FIELDS)
ORDER_BAR_FIELDS: tuple[str, ...] = tuple(f.spec.name for f in ORDER if not f.per_reply)
"""The order's fields typed once, in the order bar above the fill form."""
PER_REPLY_ORDER_FIELDS: tuple[str, ...] = tuple(f.spec.name for f in ORDER if f.per_reply)
"""The order's fields typed in the fill form: kept with one reply unless pinned."""

PROFILE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("my_name", FieldType.TEXT, N_("My name")),
    FieldSpec("signature", FieldType.MULTILINE, N_("Signature"), required=False),
)
PROFILE_FIELD_NAMES: tuple[str, ...] = tuple(spec.name for spec in PROFILE_FIELDS)
# The order's and the profile's fields, which every template may use without declaring them.
STANDARD_FIELDS: dict[str, FieldSpec] = {f.name: f for f in ORDER_FIELDS + PROFILE_FIELDS}


def field_spec(name: str) -> FieldSpec:
    """The spec of a field known only by name: the standard field's, else a text field."""
    return STANDARD_FIELDS.get(name) or FieldSpec(name)


def field_label(name: str) -> str:
    """The label of a field known only by name: the standard field's, else its name."""
    return field_spec(name).display_label


def specs_from_dicts(items: Iterable[Mapping[str, Any]]) -> list[FieldSpec]:
    """Parse a list of field mappings, refusing two fields with one name."""
    specs = [FieldSpec.from_dict(item) for item in items]
    seen: set[str] = set()
    for spec in specs:
        if spec.name in seen:
            raise LibraryFileError(_("field {name} is declared twice").format(name=spec.name))
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
#
# One parser for what a person types, used alike by the window's editors, the command line
# and the store: it never asks the operating system's or Qt's locale, so "25,50" is 25.50
# on every machine. Messages name the field by its label ("Price: '25,x' is not an amount").

_YES = {"yes", "y", "true", "1", "on", "da", "да", "áno", "ano", "igen", "x"}
_NO = {"no", "n", "false", "0", "off", "nu", "нет", "nie", "nem", ""}

CURRENCY_CHOICES: tuple[str, ...] = (
    *("USD", "EUR", "GBP", "RUB", "RON", "MDL", "HUF", "CZK", "PLN", "UAH", "KZT"),
    *("TRY", "INR", "CHF", "CAD", "AUD"),
)
"""The currencies the window offers to pick (any other three-letter code may be typed),
the most used by our users first."""
_MARKED_CODES = (*CURRENCY_CHOICES, "SEK", "NOK", "DKK", "BGN", "JPY", "CNY")
_CURRENCY_CODES = "|".join(_MARKED_CODES)  # codes an amount may carry ("25 EUR"), all checked
_CURRENCY_WORDS = r"lei|leu|Ft|Kč|zł|руб|р|грн|тг"
# A currency mark may stand before or after an amount ("$25", "25 $", "EUR 25", "25 lei");
# it is only read past, never converted. Words end at a non-letter ("25 USDX" is no amount).
_MARK = rf"(?:[$€£¥₽₴₸₺₹]|(?:{_CURRENCY_CODES}|{_CURRENCY_WORDS})\.?(?![^\W\d_]))"
_LEADING_MARK = re.compile(rf"{_MARK}\s*", re.I)
_TRAILING_MARK = re.compile(rf"\s*(?<![^\W\d_]){_MARK}$", re.I)
_ASCII_DIGITS = "0123456789"  # "٣" and other scripts' digits are not read
_MINUS = "-\u2212"  # hyphen-minus and the minus sign
_SPACES = " \u00a0\u202f\u2009"  # space, no-break, narrow no-break and thin space
_APOSTROPHES = "'\u2019"
_GROUPING_KIND = {**{c: " " for c in _SPACES}, **{c: "'" for c in _APOSTROPHES}}
_DIGITS_OR_SEPARATOR = re.compile(rf"[0-9]+|[.,{_SPACES}{_APOSTROPHES}]|.", re.S)
MAX_INTEGER_DIGITS = 18
"""Longer whole parts are refused (no order costs a quintillion; nor is it a count)."""
MONEY_DECIMALS = 4
"""An amount may have up to this many decimals ("0.0125" a word); more is refused."""


MAX_NUMBER_DECIMALS = 20
"""A number may have up to this many decimals; more is refused (no reply needs them)."""
MAX_VALUE_CHARS = 100
"""Typed numbers, amounts and dates longer than this are refused before they are read."""
_SHORT_TYPES = frozenset({FieldType.NUMBER, FieldType.MONEY, FieldType.DATE})


def _too_long_to_read(spec: FieldSpec, text: str) -> FieldValueError:
    count = len(text)
    if spec.type is FieldType.NUMBER:
        message = ngettext(
            "the number typed is too large to read ({count} character; at most {limit})",
            "the number typed is too large to read ({count} characters; at most {limit})",
            count,
        )
    elif spec.type is FieldType.MONEY:
        message = ngettext(
            "the amount typed is too large to read ({count} character; at most {limit})",
            "the amount typed is too large to read ({count} characters; at most {limit})",
            count,
        )
    else:
        message = ngettext(
            "the date typed is too large to read ({count} character; at most {limit})",
            "the date typed is too large to read ({count} characters; at most {limit})",
            count,
        )
    return _refusal(spec, message.format(count=f"{count:,}", limit=MAX_VALUE_CHARS))


def _refusal(spec: FieldSpec, message: str) -> FieldValueError:
    """A FieldValueError for `spec` (its `field` the name, as callers key problems by name)
    whose message starts with the label the user sees: "Price: '25,x' is not an amount"."""
    return FieldValueError(spec.name, message, label=spec.display_label)


def parse_value(spec: FieldSpec, raw: object, *, currency: str | None = None) -> object:
    """Turn user input into the field's typed value. Non-strings pass through when already
    typed (and are checked as typed text is: no negative amount, no implausible date).

    The same text gives the same value everywhere (no locale is consulted); text that does
    not parse, or that could mean two things, raises FieldValueError with a message that
    names the field by its label. Nothing is guessed:
    - `currency` is the amount's currency (the order's): an amount typed with another
      currency's mark ("25 EUR" or "¥25" in a USD order) is refused, never read as 25 USD;
    - amounts are never negative ("-3" is refused); numbers may be;
    - "03/04/2027" (slashes, both numbers 12 or less) is refused: 3 April or March 4?
      ("25/12/2026" is day first, "12/25/2026" month first, "05/05/2027" either);
    - dates before 1900 or more than MAX_YEARS_AHEAD years from today are refused;
    - the standard `currency` field (a text field named "currency") is an ISO 4217 code:
      three ASCII letters, upper-cased ("usd" is "USD"), or a mark that stands for one
      currency only ("€" is "EUR", "Ft" "HUF"); "$", "¥" and "lei" are refused as several.
    """
    if not isinstance(raw, str):
        return _check_typed(spec, raw)
    text = raw.strip()
    if spec.name == "currency" and spec.type is FieldType.TEXT:
        return _parse_currency(spec, text)
    if spec.type in _SHORT_TYPES and len(text) > MAX_VALUE_CHARS:
        raise _too_long_to_read(spec, text)
    parser = _PARSERS[spec.type]
    value = parser(spec, text if spec.type is not FieldType.MULTILINE else raw.strip("\n"))
    if spec.type is FieldType.MONEY and currency and currency.strip():
        _check_currency(spec, text, _order_currency(currency))
    return value


# The currencies a mark may stand for ("$" is any dollar, "¥" yen or yuan). Every mark the
# amount parser reads past (_MARK) is here, or is a code of _CURRENCY_CODES: all are checked.
_MARK_CURRENCIES: dict[str, frozenset[str]] = {
    "$": frozenset({"USD", "CAD", "AUD"}),
    "¥": frozenset({"JPY", "CNY"}),
    "€": frozenset({"EUR"}),
    "£": frozenset({"GBP"}),
    "₽": frozenset({"RUB"}),
    "₴": frozenset({"UAH"}),
    "₸": frozenset({"KZT"}),
    "₺": frozenset({"TRY"}),
    "₹": frozenset({"INR"}),
    "lei": frozenset({"RON", "MDL"}),
    "leu": frozenset({"RON", "MDL"}),
    "ft": frozenset({"HUF"}),
    "kč": frozenset({"CZK"}),
    "zł": frozenset({"PLN"}),
    "руб": frozenset({"RUB"}),
    "р": frozenset({"RUB"}),
    "грн": frozenset({"UAH"}),
    "тг": frozenset({"KZT"}),
}


_CURRENCY_CODE = re.compile(r"[A-Za-z]{3}")  # ASCII only: no re.I, under which "\u212a" is k
# Translators: how to type a currency; keep the codes USD, EUR, RON.
CURRENCY_EXAMPLES = N_("three letters, e.g. USD, EUR, RON")
"""How to type a currency, as its refusal says."""


def _parse_currency(spec: FieldSpec, text: str) -> str:
    """An ISO 4217 code ("usd" → "USD"), or the code of a mark that stands for one currency
    only ("€" → "EUR", "lei"... is RON or MDL: refused). Empty stays empty."""
    if not text:
        return ""
    meant = _MARK_CURRENCIES.get(text.rstrip(".").lower())  # "руб." is "руб"
    if meant is None and _CURRENCY_CODE.fullmatch(text):
        return text.upper()
    if meant is not None and len(meant) == 1:
        return next(iter(meant))
    if meant is not None:
        *others, last = sorted(meant)
        # Translators: {text} is a currency mark typed ('$', 'lei'); {others} and {last}
        # are currency codes ("CAD, AUD" and "USD").
        message = _("{text} could be {others} or {last}: type the one meant")
        raise _refusal(spec, message.format(text=shown(text), others=", ".join(others), last=last))
    message = _("{text} is not a currency code ({examples})")
    raise _refusal(spec, message.format(text=shown(text), examples=_(CURRENCY_EXAMPLES)))


def _order_currency(currency: str) -> str:
    """The code of the order's currency as given (the store's, a form's): read as the
    currency field reads it, else taken upper-cased as it is."""
    try:
        return _parse_currency(STANDARD_FIELDS["currency"], currency.strip())
    except FieldValueError:
        return currency.strip().upper()


def _check_currency(spec: FieldSpec, text: str, currency: str) -> None:
    mark = _LEADING_MARK.match(text.lstrip("".join(_MINUS)).lstrip()) or _TRAILING_MARK.search(text)
    if mark is None:
        return
    word = mark.group(0).strip().rstrip(".").lower()
    meant = _MARK_CURRENCIES.get(word) or (
        frozenset({word.upper()}) if re.fullmatch(_CURRENCY_CODES, word.upper()) else None
    )
    if meant is not None and currency not in meant:
        # Translators: {text} is an amount typed with a currency mark ('25 EUR');
        # {currency} is the order's currency code (USD).
        message = _(
            "{text} is not in {currency}: type the amount alone, or change the order's currency"
        )
        raise _refusal(spec, message.format(text=shown(text), currency=currency))


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
        raise _not_of_type(spec, shown(value))
    if not isinstance(value, allowed):
        raise _not_of_type(spec, shown(value))
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal) and not value.is_finite():
        raise _not_of_type(spec, shown(str(value)))
    if isinstance(value, (int, Decimal)) and spec.type in (FieldType.NUMBER, FieldType.MONEY):
        _check_typed_size(spec, value)
    if spec.type is FieldType.MONEY and isinstance(value, (int, Decimal)):
        if value < 0:
            raise _negative(spec, shown(str(value)))
        if isinstance(value, Decimal) and value.is_signed():
            value = abs(value)  # -0.00: no minus reaches a reply
    if spec.type is FieldType.DATE and isinstance(value, dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        _check_plausible(spec, day.isoformat(), day, dt.date.today())
    if spec.type is FieldType.CHOICE and isinstance(value, (list, tuple)):
        return _parse_choice(spec, ", ".join(str(v) for v in value))
    if spec.type is FieldType.CHOICE and isinstance(value, str):
        return _parse_choice(spec, value)
    return value


# A value a program gave (a teammate's file, the command line) of another type than the
# field's: the field's type is named as the file names it.
_NOT_OF_TYPE = {
    # Translators: {value} is a value given by a file or the command line, not typed.
    FieldType.TEXT: N_("{value} is not a text"),
    FieldType.MULTILINE: N_("{value} is not a multiline"),
    FieldType.NUMBER: N_("{value} is not a number"),
    FieldType.MONEY: N_("{value} is not a money"),
    FieldType.DATE: N_("{value} is not a date"),
    FieldType.CHOICE: N_("{value} is not a choice"),
    FieldType.YESNO: N_("{value} is not a yesno"),
}


def _not_of_type(spec: FieldSpec, value: str) -> FieldValueError:
    return _refusal(spec, _(_NOT_OF_TYPE[spec.type]).format(value=value))


def _negative(spec: FieldSpec, text: str) -> FieldValueError:
    return _refusal(
        spec, _("{text} is negative: type the amount without a minus").format(text=text)
    )


def _check_typed_size(spec: FieldSpec, value: int | Decimal) -> None:
    """A typed number (a teammate's, the command line's) within what typed text may hold:
    at most MAX_INTEGER_DIGITS whole digits (1e308, 10**5000 and
    Decimal('1E+999999') are refused without writing them out, and so is a number whose
    first digit lies more than MAX_NUMBER_DECIMALS places after the point)."""
    if isinstance(value, int):
        if abs(value) >= 10**MAX_INTEGER_DIGITS:
            raise _number_too_large(spec)
        return
    if value and value.adjusted() >= MAX_INTEGER_DIGITS:
        raise _number_too_large(spec)
    places = max(-int(value.as_tuple().exponent), 0)
    if places > MAX_NUMBER_DECIMALS and value and value.adjusted() < -MAX_NUMBER_DECIMALS:
        message = _("the number has too many decimals (at most {limit})")
        raise _refusal(spec, message.format(limit=MAX_NUMBER_DECIMALS))


def _number_too_large(spec: FieldSpec) -> FieldValueError:
    message = ngettext(
        "the number is too large (more than {limit} digit)",
        "the number is too large (more than {limit} digits)",
        MAX_INTEGER_DIGITS,
    )
    return _refusal(spec, message.format(limit=MAX_INTEGER_DIGITS))


def _parse_text(spec: FieldSpec, text: str) -> str:
    return text


@dataclass(frozen=True)
class _Amount:
    """An amount as read from text: sign, whole digits, decimal digits (None: none typed)."""

    negative: bool
    whole: str
    fraction: str | None

    def decimal(self) -> Decimal:
        digits = self.whole + ("." + self.fraction if self.fraction is not None else "")
        number = Decimal(digits)
        return -number if self.negative and number else number


def _not_read(spec: FieldSpec, text: str, amount: bool, grouping: bool = False) -> FieldValueError:
    """The refusal of text that is no amount (or no number): "'25,x' is not an amount",
    saying how thousands are grouped when they were grouped wrong."""
    if amount and grouping:
        message = _("{text} is not an amount (thousands are grouped in threes: 1 250 000,50)")
    elif amount:
        message = _("{text} is not an amount")
    elif grouping:
        message = _("{text} is not a number (thousands are grouped in threes: 1 250 000,50)")
    else:
        message = _("{text} is not a number")
    return _refusal(spec, message.format(text=shown(text)))


def _read_amount(spec: FieldSpec, text: str, amount: bool) -> _Amount:
    """Read "25,50", "1 250,00", "1.250,50", "1,250.50", "$25", "25 lei", "-1'250.5"...

    The last "," or "." is the decimal separator, unless it is the only separator and three
    digits follow it ("1,250", "2.500": thousands). Thousands separators (one kind: "."
    "," a space or an apostrophe) must group the digits in threes; anything else is refused.
    """
    rest = text
    negative = False
    if rest[:1] in _MINUS:
        negative, rest = True, rest[1:].lstrip()
    leading = _LEADING_MARK.match(rest)
    if leading:
        rest = rest[leading.end() :]
        if not negative and rest[:1] in _MINUS:
            negative, rest = True, rest[1:].lstrip()
    trailing = _TRAILING_MARK.search(rest)
    if trailing and not leading:
        rest = rest[: trailing.start()]
    if not rest:
        raise _not_read(spec, text, amount)
    tokens = _DIGITS_OR_SEPARATOR.findall(rest)
    runs: list[str] = []  # digit runs, with "" where two separators meet
    separators: list[str] = []
    expect_digits = True
    for token in tokens:
        if token[0] in _ASCII_DIGITS:  # never two runs in a row: a run takes every digit
            runs.append(token)
            expect_digits = False
        elif token in ".," or token in _GROUPING_KIND:
            if expect_digits:
                runs.append("")
            separators.append(_GROUPING_KIND.get(token, token))
            expect_digits = True
        else:
            raise _not_read(spec, text, amount)  # a letter, a sign, "e", a second currency mark
    if expect_digits:  # it ends in a separator ("25,") or holds no digit at all
        raise _not_read(spec, text, amount)
    if runs[0] == "" and len(runs) == 2 and separators[0] in ".,":
        return _Amount(negative, "0", runs[1])  # ",5": a fraction without its zero
    if "" in runs:  # "1..2", ",5,0", "1 ,5"
        raise _not_read(spec, text, amount)
    fraction: str | None = None
    grouping = separators
    last = separators[-1] if separators else None
    if last in (".", ",") and last not in separators[:-1]:
        lone = len(separators) == 1
        if not (lone and len(runs[1]) == 3 and not runs[0].startswith("0")):
            fraction = runs.pop()
            grouping = separators[:-1]
    if len(set(grouping)) > 1 or not _grouped_in_threes(runs, bool(grouping)):
        raise _not_read(spec, text, amount, grouping=True)
    whole = "".join(runs)
    if len(whole.lstrip("0")) > MAX_INTEGER_DIGITS:
        raise _refusal(spec, _("{text} is too large").format(text=shown(text)))
    return _Amount(negative, whole, fraction)


def _grouped_in_threes(runs: list[str], grouped: bool) -> bool:
    if not grouped:
        return len(runs) == 1
    head, *groups = runs
    return 1 <= len(head) <= 3 and not head.startswith("0") and all(len(g) == 3 for g in groups)


def _parse_number(spec: FieldSpec, text: str) -> int | Decimal:
    amount = _read_amount(spec, text, amount=False)
    if len(amount.fraction or "") > MAX_NUMBER_DECIMALS:
        message = _("{text} has too many decimals (at most {limit})")
        raise _refusal(spec, message.format(text=shown(text), limit=MAX_NUMBER_DECIMALS))
    if amount.fraction is None:
        return int(amount.decimal())
    return amount.decimal()


def _parse_money(spec: FieldSpec, text: str) -> Decimal:
    """An amount with two decimals ("25" → 25.00, "25,5" → 25.50), or four when more were
    typed ("0,0125"): the value is then the same before and after the form shows it back
    in its canonical form, even where a template prints it raw (`{{ price }}`)."""
    amount = _read_amount(spec, text, amount=True)
    if amount.decimal() < 0:  # "-25", "$-25" ("-0" is 0): an amount is never below zero
        raise _negative(spec, shown(text))
    places = len(amount.fraction or "")
    if places > MONEY_DECIMALS:
        message = _("{text} has too many decimals for an amount (at most {limit})")
        raise _refusal(spec, message.format(text=shown(text), limit=MONEY_DECIMALS))
    return amount.decimal().quantize(_PLACES[2 if places <= 2 else MONEY_DECIMALS])


_PLACES = {places: Decimal(1).scaleb(-places) for places in (2, MONEY_DECIMALS)}
_TODAY_WORDS = {"today", "сегодня", "azi", "astăzi", "astazi", "dnes", "ma"}
_TOMORROW_WORDS = {"tomorrow", "завтра", "mâine", "maine", "zajtra", "holnap"}
_RELATIVE = re.compile(r"\+\s*([0-9]{1,4})\s*(?:d|days?)?", re.I)
# (pattern, order of its groups): year first, or day first with a 2- or 4-digit year, or
# with slashes ("??y": day or month first, see _slash_day_month). Dots and dashes are
# always day first ("01.12.2026", "01-12-2026": the European forms); slashes are written
# both ways ("01/12/2026" is 1 December in Europe, January 12 in the US).
_DATE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), order)
    for pattern, order in (
        (r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", "ymd"),  # 2026-12-01, 2026-12-1
        (r"([0-9]{4})([0-9]{2})([0-9]{2})", "ymd"),  # 20261201, as the old date edit took it
        (r"([0-9]{4})\.\s*([0-9]{1,2})\.\s*([0-9]{1,2})\.?", "ymd"),  # 2026.12.01, 2026. 12. 01.
        (r"([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})", "ymd"),  # 2026/12/01
        (r"([0-9]{1,2})\.\s*([0-9]{1,2})\.\s*([0-9]{4}|[0-9]{2})", "dmy"),  # 1.12.2026, 1. 12. 26
        (r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})", "??y"),  # 25/12/2026, 12/25/2026
        (r"([0-9]{1,2})-([0-9]{1,2})-([0-9]{4})", "dmy"),  # 01-12-2026
    )
)


def _month_with_day(month: int) -> str:
    """A month's name as it stands beside a day ("3 April", "March 4"); not
    calendar.month_name: that follows the process's locale, not the app's language."""
    names = (
        pgettext("month beside a day", "January"),
        pgettext("month beside a day", "February"),
        pgettext("month beside a day", "March"),
        pgettext("month beside a day", "April"),
        pgettext("month beside a day", "May"),
        pgettext("month beside a day", "June"),
        pgettext("month beside a day", "July"),
        pgettext("month beside a day", "August"),
        pgettext("month beside a day", "September"),
        pgettext("month beside a day", "October"),
        pgettext("month beside a day", "November"),
        pgettext("month beside a day", "December"),
    )
    return names[month - 1]


def _month_of_year(month: int) -> str:
    """A month's name as it stands before a year ("February 2026 has 28 days")."""
    names = (
        pgettext("month of a year", "January"),
        pgettext("month of a year", "February"),
        pgettext("month of a year", "March"),
        pgettext("month of a year", "April"),
        pgettext("month of a year", "May"),
        pgettext("month of a year", "June"),
        pgettext("month of a year", "July"),
        pgettext("month of a year", "August"),
        pgettext("month of a year", "September"),
        pgettext("month of a year", "October"),
        pgettext("month of a year", "November"),
        pgettext("month of a year", "December"),
    )
    return names[month - 1]


# Translators: the date field's placeholder and the forms its refusal names; the letters
# YYYY-MM-DD may be your language's, the examples must stay as they are (they are read).
DATE_EXAMPLES = N_("YYYY-MM-DD, 01.12.2026, +3")
"""The ways to type a date, as a placeholder and a message show them."""
EARLIEST_DATE = dt.date(1900, 1, 1)
"""Earlier dates are refused (a typo: "0026-12-01", "1026-12-01")."""
MAX_YEARS_AHEAD = 20
"""Dates more than this many years from today are refused ("9999-12-31", "+9999")."""


def date_window(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The first and the last date a date field accepts, seen from `today` (by default the
    real today, as "+3" and "tomorrow" are read)."""
    today = today or dt.date.today()
    try:
        latest = today.replace(year=today.year + MAX_YEARS_AHEAD)
    except ValueError:  # 29 February, and no leap year then
        latest = today.replace(year=today.year + MAX_YEARS_AHEAD, day=28)
    return EARLIEST_DATE, latest


def _parse_date(spec: FieldSpec, text: str) -> dt.date:
    lowered = text.lower()
    today = dt.date.today()
    if lowered in _TODAY_WORDS:
        return today
    if lowered in _TOMORROW_WORDS:
        return today + dt.timedelta(days=1)
    relative = _RELATIVE.fullmatch(lowered)
    if relative:
        day = today + dt.timedelta(days=int(relative.group(1)))
        return _check_plausible(spec, text, day, today)
    for pattern, order in _DATE_PATTERNS:
        found = pattern.fullmatch(text)
        if not found:
            continue
        groups = found.groups()
        numbers = [int(g) for g in groups]
        year_digits = groups[order.index("y")]
        # A two-digit year is 20yy ("1.12.26" is 2026), never 19yy: a deadline is near
        # today, and one in 2099 is refused below as too far, asking for four digits.
        two_digits = len(year_digits) == 2
        year = numbers[order.index("y")] + (2000 if two_digits else 0)
        if order == "??y":
            day_no, month = _slash_day_month(spec, text, numbers[:2], year, today, two_digits)
        else:
            day_no, month = numbers[order.index("d")], numbers[order.index("m")]
        day = _real_date(spec, text, year, month, day_no)
        return _check_plausible(spec, text, day, today, two_digit_year=two_digits)
    message = _("{text} is not a date (type {examples})")
    raise _refusal(spec, message.format(text=shown(text), examples=_(DATE_EXAMPLES)))


def _slash_day_month(
    spec: FieldSpec,
    text: str,
    numbers: list[int],
    year: int,
    today: dt.date,
    two_digit_year: bool,
) -> tuple[int, int]:
    """The day and the month of "first/second/year": day first when the first is over 12
    ("25/12/2026"), month first when the second is ("12/25/2026"), either when they are
    the same ("05/05/2027"). When both could be the month ("03/04/2027") it is refused,
    naming both readings, unless neither is a plausible date (then that is said)."""
    first, second = numbers
    if first > 12 or first == second or not first or not second or year < dt.MINYEAR:
        return first, second  # day first: _real_date refuses "00/05/2027", "13/13/2027"
    if second > 12:
        return second, first
    readings = (dt.date(year, second, first), dt.date(year, first, second))
    try:
        _check_plausible(spec, text, readings[1], today, two_digit_year=two_digit_year)
    except FieldValueError:
        _check_plausible(spec, text, readings[0], today, two_digit_year=two_digit_year)
    # Translators: '03/04/2027' could be 3 April (day first) or March 4 (month first):
    # type 2027-04-03 or 2027-03-04. Keep the two readings' orders (day first, then month first).
    message = _(
        "{text} could be {day} {month} or {other_month} {other_day}: type {date} or {other_date}"
    )
    raise _refusal(
        spec,
        message.format(
            text=shown(text),
            day=first,
            month=_month_with_day(second),
            other_month=_month_with_day(first),
            other_day=second,
            date=readings[0].isoformat(),
            other_date=readings[1].isoformat(),
        ),
    )


def _check_plausible(
    spec: FieldSpec, text: str, day: dt.date, today: dt.date, *, two_digit_year: bool = False
) -> dt.date:
    """The date, or a refusal when it is before EARLIEST_DATE or more than MAX_YEARS_AHEAD
    years from today (a typo, "+9999", or "1.12.99" read as 2099)."""
    earliest, latest = date_window(today)
    if day < earliest:
        message = _("{text} is before {year}: type a later date")
        raise _refusal(spec, message.format(text=shown(text), year=earliest.year))
    if day > latest and two_digit_year:
        # Translators: {text} is a date typed with a two-digit year ('1.12.99'); {date}
        # is how it reads (2099-12-01).
        message = ngettext(
            "{text} reads as {date}, more than {years} year from today: "
            "type the year with four digits",
            "{text} reads as {date}, more than {years} years from today: "
            "type the year with four digits",
            MAX_YEARS_AHEAD,
        )
        raise _refusal(
            spec, message.format(text=shown(text), date=day.isoformat(), years=MAX_YEARS_AHEAD)
        )
    if day > latest:
        message = ngettext(
            "{text} is more than {years} year from today: type a date up to {date}",
            "{text} is more than {years} years from today: type a date up to {date}",
            MAX_YEARS_AHEAD,
        )
        raise _refusal(
            spec, message.format(text=shown(text), years=MAX_YEARS_AHEAD, date=latest.isoformat())
        )
    return day


def _real_date(spec: FieldSpec, text: str, year: int, month: int, day: int) -> dt.date:
    """The date, or a refusal that says what is impossible about it ("2026-02-30")."""
    if not 1 <= year <= dt.MAXYEAR:
        message = _("{text} is not a real date: there is no year {year}")
        raise _refusal(spec, message.format(text=shown(text), year=year))
    if not 1 <= month <= 12:
        message = _("{text} is not a real date: there is no month {month}")
        raise _refusal(spec, message.format(text=shown(text), month=month))
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        # Translators: '2026-02-30' is not a real date: February 2026 has 28 days.
        message = ngettext(
            "{text} is not a real date: {month} {year} has {count} day",
            "{text} is not a real date: {month} {year} has {count} days",
            last,
        )
        raise _refusal(
            spec,
            message.format(text=shown(text), month=_month_of_year(month), year=year, count=last),
        )
    return dt.date(year, month, day)


def _parse_choice(spec: FieldSpec, text: str) -> str | list[str]:
    by_lower = {c.lower(): c for c in spec.choices}
    parts = [p.strip() for p in text.split(",")] if spec.multiple else [text]
    picked: list[str] = []
    for part in parts:
        if not part:
            continue
        if part.lower() not in by_lower:
            options = ", ".join(spec.choices)
            message = _("{text} is not one of: {options}")
            raise _refusal(spec, message.format(text=shown(part), options=options))
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
    raise _refusal(spec, _("{text} is not yes or no").format(text=shown(text)))


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
    """The canonical text of a typed value, as the form shows it back: the inverse of
    parse_value (`parse_value(spec, format_value(spec, v)) == v` for every value it gives).
    The one value-to-text conversion: the store's text columns and the search list's
    rows (`value_text`) go through it too.

    Amounts have two decimals ("1250.50"; four when they need more), numbers are written as
    typed without grouping ("2.5", "1250"), dates in ISO form ("2026-12-01"), yes/no as
    "yes" or "no", several choices joined with ", "; None is "", and bytes (from a
    database written by something else) are read as UTF-8.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ", ".join(format_value(spec, v) for v in value)
    if isinstance(value, (int, Decimal, float)) and spec.type in (
        FieldType.MONEY,
        FieldType.NUMBER,
    ):
        return _number_text(spec, Decimal(str(value)) if isinstance(value, float) else value)
    return str(value)


def value_text(value: object, name: str = "") -> str:
    """format_value for a value known only by its field's name (a standard field's
    canonical text, else plain text); without a name, plain text."""
    return format_value(field_spec(name) if name else _PLAIN, value)


_PLAIN = FieldSpec("value")


def _number_text(spec: FieldSpec, value: int | Decimal) -> str:
    if isinstance(value, int):
        return str(value) if spec.type is FieldType.NUMBER else f"{value}.00"
    if not value.is_finite():
        return str(value)
    if value == 0:
        value = abs(value)  # "-0.00" reads as a mistake
    if spec.type is FieldType.MONEY:
        # Two decimals, or four for an amount written with three or four (the same digits
        # as parse_value gives, so that reading the text back changes nothing).
        written = -int(value.as_tuple().exponent)
        for places in (2, MONEY_DECIMALS):
            exact = value.quantize(_PLACES[places], rounding=ROUND_HALF_EVEN)
            if written <= places and exact == value:
                return f"{exact:f}"
        exact = value.quantize(_PLACES[MONEY_DECIMALS], rounding=ROUND_HALF_EVEN)
        return f"{exact:f}" if exact == value else f"{value:f}"
    text = f"{value:f}"
    sign, whole, fraction = _sign_whole_fraction(text)
    if len(fraction) != 3 or whole == "0":
        return text
    # Three decimals after a lone separator read as thousands ("1.250" is 1250): the whole
    # part is grouped instead ("1 250.125" is the number typed as "1.250,125"), or, when
    # it has no groups, a zero added ("1.2500", the same number).
    if len(whole) > 3:
        return f"{sign}{_grouped(whole, ' ')}.{fraction}"
    return text + "0"


def _sign_whole_fraction(text: str) -> tuple[str, str, str]:
    sign = "-" if text.startswith("-") else ""
    whole, _point, fraction = text.removeprefix("-").partition(".")
    return sign, whole, fraction


def _grouped(whole: str, separator: str) -> str:
    head = len(whole) % 3 or 3
    groups = [whole[:head], *(whole[i : i + 3] for i in range(head, len(whole), 3))]
    return separator.join(groups)


__all__ = [
    "CURRENCY_CHOICES",
    "CURRENCY_EXAMPLES",
    "DATE_EXAMPLES",
    "EARLIEST_DATE",
    "MAX_INTEGER_DIGITS",
    "MAX_YEARS_AHEAD",
    "MONEY_DECIMALS",
    "ORDER",
    "ORDER_BAR_FIELDS",
    "ORDER_FIELDS",
    "ORDER_FIELD_NAMES",
    "PER_REPLY_ORDER_FIELDS",
    "PROFILE_FIELDS",
    "PROFILE_FIELD_NAMES",
    "STANDARD_FIELDS",
    "FieldSpec",
    "FieldType",
    "OrderField",
    "date_window",
    "example_value",
    "example_values",
    "field_label",
    "field_spec",
    "format_value",
    "is_empty",
    "parse_value",
    "resolve_fields",
    "specs_from_dicts",
    "value_text",
]


# The sample values of a template's preview; the texts in the user's language.
_EXAMPLES: dict[str, object] = {
    # Translators: a client's first name, a sample value in a template's preview.
    "client_name": N_("Anna"),
    "order_id": "FO81C2D3",
    # Translators: what a client ordered, a sample value in a template's preview.
    "service": N_("Logo design"),
    "price": Decimal("120"),
    "currency": "USD",
    "platform": "Fiverr",
    # Translators: a note to the client, a sample value in a template's preview.
    "notes": N_("Two colour variants"),
    # Translators: the freelancer's first name, a sample value in a template's preview.
    "my_name": N_("Alex"),
    # Translators: the line under the freelancer's name (a sample signature in a preview).
    "signature": N_("Brand designer"),  # under the name, not a second one
}
_TRANSLATED_EXAMPLES = frozenset({"client_name", "service", "notes", "my_name", "signature"})


_PRICE = next(spec for spec in ORDER_FIELDS if spec.name == "price")
_SHARE_OF_PRICE = re.compile(r"^\s*(\d{1,3}(?:[.,]\d{1,2})?)\s*%\s*$")


def share_of_price(spec: FieldSpec) -> Decimal | None:
    """The share of the order's price a money field's default names ("15%" → 0.15), or None
    when its default is an amount (or it is not a money field)."""
    match = _SHARE_OF_PRICE.match(spec.default or "") if spec.type is FieldType.MONEY else None
    return Decimal(match.group(1).replace(",", ".")) / 100 if match else None


def resolved_default(spec: FieldSpec, values: Mapping[str, object]) -> object | None:
    """The default field `spec` takes beside `values` (the order's among them): its
    `default`, except that a money default written as a share of the price ("15%": an
    extra's price follows the order's amount and currency) is that share of `values`'
    price, as a whole amount (to the cent under 1); None without a price to take it from."""
    share = share_of_price(spec)
    if share is None:
        return spec.default
    try:
        price = parse_value(_PRICE, values.get("price"))
    except FieldValueError:
        return None
    if not isinstance(price, Decimal) or price <= 0:
        return None
    amount = price * share
    whole = amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return whole if whole >= 1 else amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def example_value(spec: FieldSpec) -> object:
    """A plausible value for a field, for previews with sample data and for tests."""
    if spec.name in _TRANSLATED_EXAMPLES:
        return _(str(_EXAMPLES[spec.name]))
    if spec.name in _EXAMPLES:
        return _EXAMPLES[spec.name]
    default = resolved_default(spec, _EXAMPLES)
    if default is not None:
        return parse_value(spec, default)
    examples: dict[FieldType, object] = {
        FieldType.TEXT: spec.display_label,
        # Translators: the sample value of a multi-line field in a preview; {label} is the
        # field's label.
        FieldType.MULTILINE: _("{label}: first line\nsecond line").format(label=spec.display_label),
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
