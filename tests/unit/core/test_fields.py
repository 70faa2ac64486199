"""Field types: parsing typed-in strings, declarations, discovery of standard fields."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from replydesk.core.errors import FieldValueError, LibraryFileError
from replydesk.core.fields import (
    STANDARD_FIELDS,
    FieldSpec,
    FieldType,
    example_value,
    format_value,
    parse_value,
    resolve_fields,
    specs_from_dicts,
)

MONEY = FieldSpec("price", FieldType.MONEY)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("25", Decimal("25")),
        ("25.50", Decimal("25.50")),
        ("25,50", Decimal("25.50")),
        ("1 250,00", Decimal("1250.00")),
        ("1.250,50", Decimal("1250.50")),
        ("1,250.50", Decimal("1250.50")),
        ("$25", Decimal("25")),
        ("25 €", Decimal("25")),
        ("3000 руб.", Decimal("3000")),
    ],
)
def test_money_accepts_the_ways_people_type_amounts(raw: str, expected: Decimal) -> None:
    assert parse_value(MONEY, raw) == expected


@pytest.mark.parametrize("raw", ["25,x", "abc", "1.2.3", "25..0"])
def test_money_refuses_non_amounts_naming_the_field(raw: str) -> None:
    with pytest.raises(FieldValueError) as caught:
        parse_value(MONEY, raw)
    assert str(caught.value) == f"price: '{raw}' is not an amount"


def test_number_parses_integers_and_decimals() -> None:
    spec = FieldSpec("count", FieldType.NUMBER)
    assert parse_value(spec, "12") == 12
    assert isinstance(parse_value(spec, "12"), int)
    assert parse_value(spec, "12,5") == Decimal("12.5")
    with pytest.raises(FieldValueError, match="count: 'twelve' is not a number"):
        parse_value(spec, "twelve")
    with pytest.raises(FieldValueError):
        parse_value(spec, "nan")


def test_dates_in_iso_european_and_relative_forms() -> None:
    spec = FieldSpec("deadline", FieldType.DATE)
    assert parse_value(spec, "2026-12-01") == dt.date(2026, 12, 1)
    assert parse_value(spec, "01.12.2026") == dt.date(2026, 12, 1)
    assert parse_value(spec, "01/12/2026") == dt.date(2026, 12, 1)
    assert parse_value(spec, "today") == dt.date.today()
    assert parse_value(spec, "+3") == dt.date.today() + dt.timedelta(days=3)
    with pytest.raises(FieldValueError, match=r"deadline: '31\.02\.2026' is not a date"):
        parse_value(spec, "31.02.2026")


def test_choice_single_and_multiple() -> None:
    single = FieldSpec("size", FieldType.CHOICE, choices=("Small", "Large"))
    assert parse_value(single, "large") == "Large"
    with pytest.raises(FieldValueError, match="'Huge' is not one of: Small, Large"):
        parse_value(single, "Huge")
    multi = FieldSpec("extras", FieldType.CHOICE, choices=("A", "B", "C"), multiple=True)
    assert parse_value(multi, "a, C") == ["A", "C"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("yes", True), ("no", False), ("да", True), ("nem", False), ("áno", True), ("1", True)],
)
def test_yesno_in_the_library_languages(raw: str, expected: bool) -> None:
    assert parse_value(FieldSpec("rush", FieldType.YESNO), raw) is expected


def test_yesno_refuses_anything_else() -> None:
    with pytest.raises(FieldValueError, match="rush: 'maybe' is not yes or no"):
        parse_value(FieldSpec("rush", FieldType.YESNO), "maybe")


def test_typed_values_pass_through_and_wrong_types_are_refused() -> None:
    assert parse_value(MONEY, Decimal("3")) == Decimal("3")
    with pytest.raises(FieldValueError):
        parse_value(MONEY, True)
    with pytest.raises(FieldValueError):
        parse_value(FieldSpec("d", FieldType.DATE), 5)


def test_spec_round_trips_through_dict() -> None:
    spec = FieldSpec("extras", FieldType.CHOICE, "Extras", "A", False, "pick", ("A", "B"), True)
    assert FieldSpec.from_dict(spec.to_dict()) == spec
    assert FieldSpec.from_dict({"name": "x"}).to_dict() == {"name": "x", "type": "text"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "bad name"}, "not a valid identifier"),
        ({"name": "x", "type": "colour"}, "unknown type 'colour'"),
        ({"name": "x", "type": "choice"}, "needs choices"),
        ({"name": "x", "required": "maybe"}, "required must be true or false"),
        ("x", "must be a mapping"),
    ],
)
def test_bad_declarations_are_explained(data: object, message: str) -> None:
    with pytest.raises(LibraryFileError, match=message):
        FieldSpec.from_dict(data)  # type: ignore[arg-type]


def test_duplicate_declarations_are_refused() -> None:
    with pytest.raises(LibraryFileError, match="declared twice"):
        specs_from_dicts([{"name": "a"}, {"name": "a"}])


def test_resolve_keeps_declared_then_types_standard_and_unknown_fields() -> None:
    declared = [FieldSpec("client_name", FieldType.TEXT, "Buyer", required=False)]
    resolved = resolve_fields(declared, ["client_name", "price", "mood"])
    assert [f.name for f in resolved] == ["client_name", "price", "mood"]
    assert resolved[0].label == "Buyer" and resolved[0].required is False
    assert resolved[1] == STANDARD_FIELDS["price"]
    assert resolved[2].type is FieldType.TEXT and resolved[2].required


def test_example_values_parse_back_from_their_text() -> None:
    for spec in [
        *STANDARD_FIELDS.values(),
        FieldSpec("n", FieldType.NUMBER),
        FieldSpec("c", FieldType.CHOICE, choices=("A", "B"), multiple=True),
        FieldSpec("y", FieldType.YESNO),
    ]:
        value = example_value(spec)
        assert parse_value(spec, format_value(spec, value)) == value
