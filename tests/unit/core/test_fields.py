"""Field types: parsing typed-in strings, declarations, discovery of standard fields."""

from __future__ import annotations

import datetime as dt
import locale
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replydesk.core.errors import FieldValueError, LibraryFileError, MissingFieldsError
from replydesk.core.fields import (
    CURRENCY_CHOICES,
    STANDARD_FIELDS,
    FieldSpec,
    FieldType,
    date_window,
    example_value,
    format_value,
    parse_value,
    resolve_fields,
    specs_from_dicts,
    value_text,
)

MONEY = FieldSpec("price", FieldType.MONEY, "Price")
NUMBER = FieldSpec("count", FieldType.NUMBER)
DATE = FieldSpec("deadline", FieldType.DATE, "Deadline")
CURRENCY = STANDARD_FIELDS["currency"]
TODAY = dt.date.today()
EARLIEST, LATEST = date_window()  # 1900-01-01 and 20 years from today, as the parser sees it

# One table for the ways people type amounts: every spelling here means the same in every
# locale, in the window and on the command line (the widgets and the CLI use parse_value).
AMOUNTS: list[tuple[str, Decimal]] = [
    ("25", Decimal("25")),
    ("25.50", Decimal("25.50")),
    ("25,50", Decimal("25.50")),
    ("25,5", Decimal("25.5")),
    ("0,5", Decimal("0.5")),
    (",5", Decimal("0.5")),
    ("0.500", Decimal("0.5")),  # a leading zero is never a group: 0.5, not 500
    ("1 250,00", Decimal("1250.00")),
    ("1.250,00", Decimal("1250.00")),
    ("1,250.50", Decimal("1250.50")),
    ("1 250.50", Decimal("1250.50")),
    ("1'250.50", Decimal("1250.50")),
    ("1\u2019250.50", Decimal("1250.50")),
    ("1\u00a0250,50", Decimal("1250.50")),
    ("1\u202f250,50", Decimal("1250.50")),
    ("1\u2009250,50", Decimal("1250.50")),
    ("1,250", Decimal("1250")),  # a lone separator and three digits: thousands
    ("2.500", Decimal("2500")),
    ("1.250.000", Decimal("1250000")),
    ("1,250,000", Decimal("1250000")),
    ("1 250 000", Decimal("1250000")),
    ("1.250.000,75", Decimal("1250000.75")),
    ("1,250,000.75", Decimal("1250000.75")),
    ("1.250,125", Decimal("1250.125")),
    ("25.1234", Decimal("25.1234")),
    ("$25", Decimal("25")),
    ("$ 25", Decimal("25")),
    ("25 $", Decimal("25")),
    ("25$", Decimal("25")),
    ("25 USD", Decimal("25")),
    ("25 usd", Decimal("25")),
    ("EUR 25", Decimal("25")),
    ("25 €", Decimal("25")),
    ("€25,50", Decimal("25.50")),
    ("25 lei", Decimal("25")),
    ("25 RON", Decimal("25")),
    ("1 250 Ft", Decimal("1250")),
    ("1.250 Ft", Decimal("1250")),
    ("3000 руб.", Decimal("3000")),
    ("3 000 ₽", Decimal("3000")),
    ("250 Kč", Decimal("250")),
    ("  25,50  ", Decimal("25.50")),
    ("007", Decimal("7")),
]
# Numbers may be signed; amounts may not (a reply never says "-$3.00").
NEGATIVE_AMOUNTS: list[tuple[str, Decimal]] = [
    ("-3", Decimal("-3")),
    ("-25", Decimal("-25")),
    ("-$25", Decimal("-25")),
    ("$-25", Decimal("-25")),
    ("- 25 USD", Decimal("-25")),
    ("\u221225,50", Decimal("-25.50")),
    ("-0,01", Decimal("-0.01")),
]

# Text that is no amount: refused, never read as some other number.
NOT_AMOUNTS = [
    "abc",
    "25,x",
    "25,50,1",
    "1..2",
    "1.2.3",
    "25..0",
    "1,,250",
    "25,",
    "25.",
    ".",
    "1e5",
    "1E5",
    "inf",
    "Infinity",
    "NaN",
    "nan",
    "$",
    "USD",
    "lei",
    "$25$",
    "$25 USD",
    "25 USDX",
    "25 $ 50",
    "--25",
    "+25",
    "0x19",
    "25%",
    "١٢",  # other scripts' digits
    "1,25,000",  # lakh grouping is not grouping in threes
    "1.250,000.5",
    "1 250.000,50",  # two kinds of thousands separators
    "12 5",
    "1234,567",  # three digits after a lone separator are thousands, and 1234 is no group
    "0,250.5",
]


@pytest.mark.parametrize(("raw", "expected"), AMOUNTS)
def test_money_accepts_the_ways_people_type_amounts(raw: str, expected: Decimal) -> None:
    value = parse_value(MONEY, raw)
    assert value == expected
    assert isinstance(value, Decimal)


@pytest.mark.parametrize(("raw", "expected"), AMOUNTS + NEGATIVE_AMOUNTS)
def test_numbers_read_amounts_alike(raw: str, expected: Decimal) -> None:
    value = parse_value(NUMBER, raw)
    assert value == expected
    # Whole when no decimals were typed (the table writes the expected value as typed).
    exponent = expected.as_tuple().exponent
    assert isinstance(exponent, int)
    assert isinstance(value, int) is (exponent >= 0), raw


@pytest.mark.parametrize("raw", NOT_AMOUNTS)
def test_money_refuses_non_amounts_naming_the_field_by_its_label(raw: str) -> None:
    with pytest.raises(FieldValueError) as caught:
        parse_value(MONEY, raw)
    assert caught.value.field == "price"
    assert str(caught.value).startswith(f"Price: {raw!r} is not an amount")


@pytest.mark.parametrize("raw", [raw for raw, _ in NEGATIVE_AMOUNTS])
def test_money_refuses_negative_amounts(raw: str) -> None:
    with pytest.raises(FieldValueError) as caught:
        parse_value(MONEY, raw)
    assert caught.value.field == "price"
    assert str(caught.value) == f"Price: {raw!r} is negative: type the amount without a minus"


def test_minus_zero_is_zero_and_a_typed_negative_amount_is_refused_too() -> None:
    for raw in ("-0", "-0,00", "$-0"):
        value = parse_value(MONEY, raw)
        assert (value, str(value)) == (Decimal("0"), "0.00"), raw
    with pytest.raises(FieldValueError) as caught:
        parse_value(MONEY, Decimal("-25.50"))
    assert str(caught.value) == "Price: '-25.50' is negative: type the amount without a minus"
    with pytest.raises(FieldValueError, match=r"^Price: '-3' is negative"):
        parse_value(MONEY, -3)
    assert str(parse_value(MONEY, Decimal("-0.00"))) == "0.00"
    assert parse_value(NUMBER, Decimal("-25.50")) == Decimal("-25.50")  # numbers are signed


@pytest.mark.parametrize("raw", NOT_AMOUNTS)
def test_numbers_refuse_them_too(raw: str) -> None:
    with pytest.raises(FieldValueError) as caught:
        parse_value(NUMBER, raw)
    assert caught.value.field == "count"
    assert str(caught.value).startswith(f"Count: {raw!r} is not a number")


def test_the_message_is_the_plain_sentence_for_plain_mistakes() -> None:
    with pytest.raises(FieldValueError) as caught:
        parse_value(MONEY, "25,x")
    assert str(caught.value) == "Price: '25,x' is not an amount"


def test_badly_grouped_thousands_are_explained() -> None:
    with pytest.raises(FieldValueError) as caught:
        parse_value(MONEY, "25,50,1")
    assert str(caught.value) == (
        "Price: '25,50,1' is not an amount (thousands are grouped in threes: 1 250 000,50)"
    )


def test_an_amount_has_at_most_four_decimals() -> None:
    assert parse_value(MONEY, "0,0125") == Decimal("0.0125")
    with pytest.raises(FieldValueError) as caught:
        parse_value(MONEY, "25,12345")
    assert str(caught.value) == (
        "Price: '25,12345' has too many decimals for an amount (at most 4)"
    )
    assert parse_value(NUMBER, "3,14159") == Decimal("3.14159")  # a number may have more


def test_huge_numbers_are_refused_not_rounded() -> None:
    assert parse_value(NUMBER, "9" * 18) == int("9" * 18)
    with pytest.raises(FieldValueError, match="is too large"):
        parse_value(NUMBER, "9" * 19)
    with pytest.raises(FieldValueError, match="is too large"):
        parse_value(MONEY, "1" + "0" * 30)


def test_a_long_bad_value_is_cut_short_in_the_message() -> None:
    with pytest.raises(FieldValueError) as caught:
        parse_value(MONEY, "25," + "x" * 5000)
    assert len(str(caught.value)) < 120


def test_the_message_uses_the_label_and_the_field_its_name() -> None:
    labelled = FieldSpec("fee_total", FieldType.MONEY, "Total fee")
    with pytest.raises(FieldValueError) as caught:
        parse_value(labelled, "lots")
    assert str(caught.value) == "Total fee: 'lots' is not an amount"
    assert caught.value.field == "fee_total"
    unlabelled = FieldSpec("fee_total", FieldType.MONEY)
    with pytest.raises(FieldValueError, match=r"^Fee total: 'lots' is not an amount$"):
        parse_value(unlabelled, "lots")


def test_number_parses_integers_and_decimals() -> None:
    assert parse_value(NUMBER, "12") == 12
    assert isinstance(parse_value(NUMBER, "12"), int)
    assert parse_value(NUMBER, "12,5") == Decimal("12.5")
    assert parse_value(NUMBER, "12.0") == Decimal("12.0")
    assert isinstance(parse_value(NUMBER, "12.0"), Decimal)  # decimals typed: a Decimal
    assert parse_value(NUMBER, "-4") == -4
    with pytest.raises(FieldValueError, match=r"^Count: 'twelve' is not a number$"):
        parse_value(NUMBER, "twelve")
    with pytest.raises(FieldValueError):
        parse_value(NUMBER, "nan")


DATES: list[tuple[str, dt.date]] = [
    ("2026-12-01", dt.date(2026, 12, 1)),
    ("2026-12-1", dt.date(2026, 12, 1)),
    ("2026-3-20", dt.date(2026, 3, 20)),
    ("2027-03-20", dt.date(2027, 3, 20)),
    ("2026-12-15", dt.date(2026, 12, 15)),
    ("01.12.2026", dt.date(2026, 12, 1)),
    ("1.12.2026", dt.date(2026, 12, 1)),
    ("1.12.26", dt.date(2026, 12, 1)),
    ("20.3.2027", dt.date(2027, 3, 20)),
    ("1. 12. 2026", dt.date(2026, 12, 1)),
    ("25/12/2026", dt.date(2026, 12, 25)),  # slashes: day first when the first is over 12
    ("12/25/2026", dt.date(2026, 12, 25)),  # month first when the second is
    ("13/1/27", dt.date(2027, 1, 13)),
    ("1/13/27", dt.date(2027, 1, 13)),
    ("05/05/2027", dt.date(2027, 5, 5)),  # either, when both are the same
    ("01-12-2026", dt.date(2026, 12, 1)),  # dashes and dots: always day first
    ("12.01.2026", dt.date(2026, 1, 12)),
    ("1900-01-01", dt.date(1900, 1, 1)),
    ("2026.12.01", dt.date(2026, 12, 1)),
    ("2026. 12. 01.", dt.date(2026, 12, 1)),  # Hungarian
    ("2026. 12. 1.", dt.date(2026, 12, 1)),
    ("2026/12/01", dt.date(2026, 12, 1)),
    ("2028-02-29", dt.date(2028, 2, 29)),
    ("20261201", dt.date(2026, 12, 1)),  # ISO's basic form, as the old date edit took digits
    ("  2026-12-01 ", dt.date(2026, 12, 1)),
]


@pytest.mark.parametrize(("raw", "expected"), DATES)
def test_dates_in_iso_european_and_hungarian_forms(raw: str, expected: dt.date) -> None:
    assert parse_value(DATE, raw) == expected


@pytest.mark.parametrize(
    ("raw", "days"),
    [
        ("today", 0),
        ("Today", 0),
        ("сегодня", 0),
        ("azi", 0),
        ("astăzi", 0),
        ("dnes", 0),
        ("ma", 0),
        ("tomorrow", 1),
        ("завтра", 1),
        ("mâine", 1),
        ("maine", 1),
        ("zajtra", 1),
        ("holnap", 1),
        ("+3", 3),
        ("+3d", 3),
        ("+ 3", 3),
        ("+3 days", 3),
        ("+0", 0),
        ("+30", 30),
    ],
)
def test_relative_dates(raw: str, days: int) -> None:
    assert parse_value(DATE, raw) == dt.date.today() + dt.timedelta(days=days)


@pytest.mark.parametrize(
    ("raw", "readings"),
    [
        ("03/04/2027", "3 April or March 4: type 2027-04-03 or 2027-03-04"),
        ("12/01/2026", "12 January or December 1: type 2026-01-12 or 2026-12-01"),
        ("01/12/2026", "1 December or January 12: type 2026-12-01 or 2026-01-12"),
        ("1/12/26", "1 December or January 12: type 2026-12-01 or 2026-01-12"),
        ("3/4/2027", "3 April or March 4: type 2027-04-03 or 2027-03-04"),
    ],
)
def test_a_slash_date_that_reads_both_ways_is_refused_naming_both(raw: str, readings: str) -> None:
    """ "03/04/2027" is 3 April in Europe and March 4 in the US: no side is picked."""
    with pytest.raises(FieldValueError) as caught:
        parse_value(DATE, raw)
    assert str(caught.value) == f"Deadline: {raw!r} could be {readings}"
    assert caught.value.field == "deadline"


def test_dates_more_than_twenty_years_ahead_or_before_1900_are_refused() -> None:
    assert date_window(dt.date(2026, 12, 2)) == (dt.date(1900, 1, 1), dt.date(2046, 12, 2))
    assert date_window(dt.date(2080, 2, 29))[1] == dt.date(2100, 2, 28)  # 2100: no 29th
    assert date_window() == date_window(TODAY)
    assert parse_value(DATE, LATEST.isoformat()) == LATEST
    assert parse_value(DATE, f"+{(LATEST - TODAY).days}") == LATEST
    too_far = f"Deadline: {{!r}} is more than 20 years from today: type a date up to {LATEST}"
    for raw in (
        (LATEST + dt.timedelta(days=1)).isoformat(),
        "9999-12-31",
        f"+{(LATEST - TODAY).days + 1}",
        "+9999",
        f"31/12/{LATEST.year + 1}",
    ):
        with pytest.raises(FieldValueError) as caught:
            parse_value(DATE, raw)
        assert str(caught.value) == too_far.format(raw), raw
    for raw in ("0001-01-01", "1899-12-31", "31.12.1899", "1026-12-01"):
        with pytest.raises(FieldValueError) as caught:
            parse_value(DATE, raw)
        assert str(caught.value) == f"Deadline: {raw!r} is before 1900: type a later date"


def test_a_two_digit_year_is_20yy_and_one_too_far_asks_for_four_digits() -> None:
    """ "1.12.99" is not guessed to be 1999: two digits are 20yy, and 2099 is too far."""
    assert parse_value(DATE, "1.12.26") == dt.date(2026, 12, 1)
    assert parse_value(DATE, "1.12.1999") == dt.date(1999, 12, 1)
    for raw, read in [("1.12.99", "2099-12-01"), ("25/12/99", "2099-12-25")]:
        with pytest.raises(FieldValueError) as caught:
            parse_value(DATE, raw)
        assert str(caught.value) == (
            f"Deadline: {raw!r} reads as {read}, more than 20 years from today: "
            "type the year with four digits"
        )


def test_a_typed_date_out_of_the_window_is_refused_too() -> None:
    with pytest.raises(FieldValueError, match=r"^Deadline: '9999-12-31' is more than 20 years"):
        parse_value(DATE, dt.date(9999, 12, 31))
    with pytest.raises(FieldValueError, match=r"^Deadline: '0001-01-01' is before 1900"):
        parse_value(DATE, dt.datetime(1, 1, 1, 12, 0))
    assert parse_value(DATE, dt.date(2026, 12, 1)) == dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("2026-02-30", "February 2026 has 28 days"),
        ("31.02.2026", "February 2026 has 28 days"),
        ("29.02.2027", "February 2027 has 28 days"),
        ("2026-04-31", "April 2026 has 30 days"),
        ("2026-13-01", "there is no month 13"),
        ("2026-00-10", "there is no month 0"),
        ("20261301", "there is no month 13"),
        ("00.12.2026", "December 2026 has 31 days"),
        ("0000-01-01", "there is no year 0"),
        ("00/05/2027", "May 2027 has 31 days"),
        ("13/13/2027", "there is no month 13"),
        ("31/02/2027", "February 2027 has 28 days"),
        ("02/31/2027", "February 2027 has 28 days"),  # month first: there is no month 31
    ],
)
def test_an_impossible_date_is_refused_saying_why(raw: str, why: str) -> None:
    with pytest.raises(FieldValueError) as caught:
        parse_value(DATE, raw)
    assert str(caught.value) == f"Deadline: {raw!r} is not a real date: {why}"
    assert caught.value.field == "deadline"


@pytest.mark.parametrize(
    "raw", ["soon", "2026-12", "12/2026", "2026-12-01T10:00", "+", "+3w", "-3", "1.12", "2026121"]
)
def test_other_text_is_not_a_date(raw: str) -> None:
    with pytest.raises(FieldValueError) as caught:
        parse_value(DATE, raw)
    assert str(caught.value) == (
        f"Deadline: {raw!r} is not a date (type YYYY-MM-DD, 01.12.2026, +3)"
    )


@pytest.mark.parametrize(
    ("spec", "value", "text"),
    [
        (MONEY, Decimal("1250.5"), "1250.50"),
        (MONEY, Decimal("1250.50"), "1250.50"),
        (MONEY, Decimal("25"), "25.00"),
        (MONEY, 25, "25.00"),
        (MONEY, Decimal("0"), "0.00"),
        (MONEY, Decimal("-0"), "0.00"),
        (MONEY, Decimal("0.0125"), "0.0125"),
        (MONEY, Decimal("25.125"), "25.1250"),  # "25.125" would read as 25125
        (MONEY, Decimal("1E+3"), "1000.00"),
        (NUMBER, 12, "12"),
        (NUMBER, Decimal("2.5"), "2.5"),
        (NUMBER, Decimal("-25.5"), "-25.5"),
        (NUMBER, Decimal("12.0"), "12.0"),
        (NUMBER, Decimal("1250.125"), "1 250.125"),  # as typed "1.250,125": grouped
        (NUMBER, Decimal("-1250000.125"), "-1 250 000.125"),
        (NUMBER, Decimal("1.125"), "1.1250"),  # "1.125" would read as 1125
        (NUMBER, Decimal("0.125"), "0.125"),
        (NUMBER, Decimal("1E-7"), "0.0000001"),
        (DATE, dt.date(2026, 12, 1), "2026-12-01"),
    ],
)
def test_format_value_shows_the_canonical_text(spec: FieldSpec, value: object, text: str) -> None:
    assert format_value(spec, value) == text
    assert parse_value(spec, text) == value


@pytest.mark.parametrize(
    ("raw", "written"),
    [
        ("25", "25.00"),
        ("25,5", "25.50"),
        ("25.50", "25.50"),
        ("1,250", "1250.00"),
        ("0.500", "0.5000"),
        ("0,0125", "0.0125"),
        ("1.250,125", "1250.1250"),
    ],
)
def test_amounts_have_two_decimals_or_four(raw: str, written: str) -> None:
    """So that `{{ price }}` prints "25.50" whether typed "25,5" or "25.50"."""
    assert str(parse_value(MONEY, raw)) == written


@pytest.mark.parametrize(
    ("spec", "raw"),
    [
        *(
            (spec, raw)
            for spec in (MONEY, NUMBER)
            for raw in [raw for raw, _ in AMOUNTS] + ["0,125", "1.250,125", "0,0125"]
        ),
        *((NUMBER, raw) for raw, _ in NEGATIVE_AMOUNTS),  # no negative amount is read
    ],
)
def test_the_canonical_text_reads_back_as_the_very_same_value(spec: FieldSpec, raw: str) -> None:
    """Shown back canonical, a value does not change at all, not even how many decimals it
    has (a template that prints it raw prints the same before and after)."""
    value = parse_value(spec, raw)
    again = parse_value(spec, format_value(spec, value))
    assert (type(again), str(again)) == (type(value), str(value))


def test_the_parser_ignores_the_process_locale() -> None:
    """Under every C locale installed here, the same text gives the same value."""
    before = locale.setlocale(locale.LC_ALL)
    tried = 0
    try:
        for name in ("C", "C.UTF-8", "en_US.UTF-8", "ru_RU.UTF-8", "hu_HU.UTF-8", "de_DE.UTF-8"):
            try:
                locale.setlocale(locale.LC_ALL, name)
            except locale.Error:
                continue
            tried += 1
            for raw, expected in AMOUNTS:
                assert parse_value(MONEY, raw) == expected, (name, raw)
            for raw, day in DATES:
                assert parse_value(DATE, raw) == day, (name, raw)
    finally:
        locale.setlocale(locale.LC_ALL, before)
    assert tried >= 1


# -- properties: every spelling of a value reads as that value, and the canonical text of a
# value reads back as it ----------------------------------------------------------------

_GROUPINGS = [" ", "\u00a0", "\u202f", "'", ".", ","]
_MARKS = ["", "$", "$ ", "€", "EUR ", "USD "]
_TRAILING_MARKS = ["", " $", "$", " €", " USD", " EUR", " lei", " Ft", " руб.", " Kč"]


def _grouped(whole: str, separator: str) -> str:
    head = len(whole) % 3 or 3
    return separator.join([whole[:head], *(whole[i : i + 3] for i in range(head, len(whole), 3))])


@st.composite
def _spelling(draw: st.DrawFn, value: Decimal, *, marks: bool) -> str:
    """One way a person may type `value`: a comma or a dot, thousands grouped or not, a
    currency mark before or after. A three-digit fraction gets a fourth digit, as typing
    "25.125" means 25125 (three digits after a lone separator are thousands)."""
    sign = "-" if value < 0 else ""
    whole, _, fraction = f"{abs(value):f}".partition(".")
    if len(fraction) == 3:
        fraction += "0"
    grouping = draw(st.sampled_from(["", *_GROUPINGS])) if len(whole) > 3 else ""
    if grouping in (".", ","):
        point = "," if grouping == "." else "."
    else:
        point = draw(st.sampled_from([".", ","]))
    text = _grouped(whole, grouping) if grouping else whole
    if fraction:
        text += point + fraction
    if marks and draw(st.booleans()):
        return sign + draw(st.sampled_from(_MARKS)) + text
    return sign + text + (draw(st.sampled_from(_TRAILING_MARKS)) if marks else "")


_money_values = st.builds(  # amounts are never negative (numbers are, below)
    lambda cents, places: (Decimal(cents) / 10**places).quantize(Decimal(1).scaleb(-places)),
    st.integers(min_value=0, max_value=10**13),
    st.sampled_from([0, 1, 2, 2, 2, 4]),
)
_number_values = st.one_of(
    st.integers(min_value=-(10**15), max_value=10**15),
    st.decimals(
        min_value=-(10**12), max_value=10**12, places=6, allow_nan=False, allow_infinity=False
    ),
)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), value=_money_values)
def test_every_spelling_of_an_amount_reads_as_it(data: st.DataObject, value: Decimal) -> None:
    spellings = {format_value(MONEY, value), f"{value:f}"}
    spellings |= {data.draw(_spelling(value, marks=True)) for _ in range(4)}
    for text in spellings:
        assert parse_value(MONEY, text) == value, text
        assert parse_value(NUMBER, text) == value, text


@settings(max_examples=300, deadline=None)
@given(data=st.data(), value=_number_values)
def test_every_spelling_of_a_number_reads_as_it(data: st.DataObject, value: int | Decimal) -> None:
    canonical = format_value(NUMBER, value)
    assert parse_value(NUMBER, canonical) == value
    for _ in range(4):
        text = data.draw(_spelling(Decimal(value), marks=False))
        parsed = parse_value(NUMBER, text)
        assert parsed == value, text
        assert isinstance(parsed, int) == ("." not in f"{Decimal(value):f}"), text


def _date_spellings(day: dt.date) -> set[str]:
    """The ways to type `day` that mean it alone: with slashes only when the day is over 12
    (day first or month first) or is the month's number (other slash dates are refused)."""
    y, m, d = day.year, day.month, day.day
    spellings = {
        day.isoformat(),
        f"{y}-{m}-{d}",
        f"{d:02}.{m:02}.{y}",
        f"{d}.{m}.{y}",
        f"{d}. {m}. {y}",
        f"{d:02}-{m:02}-{y}",
        f"{y}.{m:02}.{d:02}",
        f"{y}. {m:02}. {d:02}.",
        f"{y}/{m:02}/{d:02}",
    }
    if d > 12 or d == m:
        spellings |= {f"{d:02}/{m:02}/{y}", f"{d}/{m}/{y}", f"{m:02}/{d:02}/{y}", f"{m}/{d}/{y}"}
    if y >= 2000:  # two digits are 20yy
        spellings.add(f"{d}.{m}.{y % 100:02}")
        if d > 12 or d == m:
            spellings |= {f"{d:02}/{m:02}/{y % 100:02}", f"{m}/{d}/{y % 100:02}"}
    return spellings


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=EARLIEST, max_value=LATEST))
def test_every_spelling_of_a_date_reads_as_it(day: dt.date) -> None:
    assert format_value(DATE, day) == day.isoformat()
    for text in _date_spellings(day):
        assert parse_value(DATE, text) == day, text


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=(LATEST - TODAY).days))
def test_relative_dates_read_as_days_from_today(days: int) -> None:
    expected = dt.date.today() + dt.timedelta(days=days)
    for text in (f"+{days}", f"+{days}d", f"+ {days}"):
        assert parse_value(DATE, text) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from("0123456789.,' \u00a0-$€eEinfaNUSD+xl"), min_size=1, max_size=14
    )
)
def test_text_is_read_as_the_value_it_shows_or_refused(text: str) -> None:
    """Whatever comes in, the value read (if any) reads back from its canonical text, and a
    refusal is a FieldValueError naming the field, never another exception."""
    for spec in (MONEY, NUMBER, DATE):
        try:
            value = parse_value(spec, text)
        except FieldValueError as error:
            assert error.field == spec.name
            assert str(error).startswith(f"{spec.display_label}: ")
            continue
        again = parse_value(spec, format_value(spec, value))
        assert (type(again), str(again)) == (type(value), str(value))


def test_choice_single_and_multiple() -> None:
    single = FieldSpec("size", FieldType.CHOICE, choices=("Small", "Large"))
    assert parse_value(single, "large") == "Large"
    with pytest.raises(FieldValueError, match=r"^Size: 'Huge' is not one of: Small, Large$"):
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
    with pytest.raises(FieldValueError, match=r"^Rush: 'maybe' is not yes or no$"):
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


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("25 EUR", "USD"),
        ("€25", "USD"),
        ("25 lei", "EUR"),
        ("1 250 Ft", "RON"),
        ("$25", "EUR"),
        ("¥2500", "USD"),  # yen or yuan, never dollars
        ("25 ¥", "USD"),
        ("2500 JPY", "CNY"),
    ],
)
def test_an_amount_in_another_currency_is_refused_not_relabelled(text: str, currency: str) -> None:
    price = STANDARD_FIELDS["price"]
    with pytest.raises(FieldValueError, match=f"^Price: .* is not in {currency}: "):
        parse_value(price, text, currency=currency)


@pytest.mark.parametrize(
    ("text", "currency", "value"),
    [
        ("25 EUR", "EUR", "25.00"),
        ("€25", "eur", "25.00"),
        ("$25", "CAD", "25.00"),
        ("25 lei", "RON", "25.00"),
        ("25", "HUF", "25.00"),
        ("¥2500", "JPY", "2500.00"),
        ("2 500 ¥", "CNY", "2500.00"),
        ("€25", "€", "25.00"),  # an order's currency given as its mark is read as its code
    ],
)
def test_an_amount_in_its_own_currency_or_without_a_mark_is_read(
    text: str, currency: str, value: str
) -> None:
    assert parse_value(STANDARD_FIELDS["price"], text, currency=currency) == Decimal(value)


# Every currency mark the amount parser reads past: the signs, the words, some codes.
MARKS = (
    *("$", "€", "£", "¥", "₽", "₴", "₸", "₺", "₹"),
    *("lei", "leu", "Ft", "Kč", "zł", "руб", "р", "грн", "тг"),
    *("USD", "EUR", "JPY", "CNY", "RON"),
)


@pytest.mark.parametrize("mark", MARKS)
def test_every_mark_an_amount_may_carry_is_checked_against_the_currency(mark: str) -> None:
    """In an order in XTS (ISO's code for tests: no mark stands for it), every amount with a
    mark the parser reads past is refused: none goes through unchecked."""
    price = STANDARD_FIELDS["price"]
    for text in (f"{mark}25", f"25 {mark}"):
        assert parse_value(price, text) == Decimal("25"), text  # a mark the parser reads
        with pytest.raises(FieldValueError, match=r"^Price: .* is not in XTS: "):
            parse_value(price, text, currency="XTS")


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("USD", "USD"),
        ("usd", "USD"),
        (" eur ", "EUR"),
        ("Ron", "RON"),
        ("XTS", "XTS"),  # any three letters: the code of a currency this list does not know
        ("", ""),  # optional: empty stays empty
        ("  ", ""),
        ("€", "EUR"),  # a mark that stands for one currency only is read as its code
        ("£", "GBP"),
        ("₽", "RUB"),
        ("руб", "RUB"),
        ("руб.", "RUB"),
        ("Ft", "HUF"),
        ("Kč", "CZK"),
        ("zł", "PLN"),
        ("грн", "UAH"),
    ],
)
def test_the_currency_is_an_iso_code(raw: str, code: str) -> None:
    assert parse_value(CURRENCY, raw) == code
    assert parse_value(CURRENCY, format_value(CURRENCY, code)) == code


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("dollars", "is not a currency code (three letters, e.g. USD, EUR, RON)"),
        ("US", "is not a currency code (three letters, e.g. USD, EUR, RON)"),
        ("USDX", "is not a currency code (three letters, e.g. USD, EUR, RON)"),
        ("U.S", "is not a currency code (three letters, e.g. USD, EUR, RON)"),
        ("ÜSD", "is not a currency code (three letters, e.g. USD, EUR, RON)"),
        ("\u212aZT", "is not a currency code (three letters, e.g. USD, EUR, RON)"),  # Kelvin
        ("123", "is not a currency code (three letters, e.g. USD, EUR, RON)"),
        ("$", "could be AUD, CAD or USD: type the one meant"),
        ("¥", "could be CNY or JPY: type the one meant"),
        ("lei", "could be MDL or RON: type the one meant"),  # three letters, but no code
        ("LEU", "could be MDL or RON: type the one meant"),
    ],
)
def test_anything_else_is_refused_as_a_currency(raw: str, why: str) -> None:
    with pytest.raises(FieldValueError) as caught:
        parse_value(CURRENCY, raw)
    assert str(caught.value) == f"Currency: {raw!r} {why}"
    assert caught.value.field == "currency"


def test_only_the_currency_field_is_read_as_a_code() -> None:
    assert parse_value(FieldSpec("service", FieldType.TEXT), "dollars") == "dollars"
    relabelled = FieldSpec("currency", FieldType.TEXT, "Paid in")
    with pytest.raises(FieldValueError, match=r"^Paid in: 'dollars' is not a currency code"):
        parse_value(relabelled, "dollars")


TYPED_NUMBER = FieldSpec("n", FieldType.NUMBER)
TYPED_AMOUNT = FieldSpec("price", FieldType.MONEY)


@pytest.mark.parametrize(
    ("spec", "raw"),
    [
        (TYPED_NUMBER, "1" * 5_000_000),  # 2 s to read before
        (TYPED_NUMBER, "0." + "0" * 1_000_000 + "1"),
        (TYPED_AMOUNT, "0." + "0" * 1_000_000 + "1"),
        (FieldSpec("d", FieldType.DATE), "2026-01-01" + "1" * 200),
    ],
)
def test_overlong_typed_text_is_refused_before_it_is_read(spec: FieldSpec, raw: str) -> None:
    with pytest.raises(FieldValueError, match=r"typed is too large to read \(.* at most 100\)"):
        parse_value(spec, raw)


def test_a_number_with_too_many_decimals_is_refused() -> None:
    with pytest.raises(FieldValueError, match=r"has too many decimals \(at most 20\)"):
        parse_value(TYPED_NUMBER, "0." + "0" * 30 + "1")
    assert parse_value(TYPED_NUMBER, "0." + "0" * 18 + "1") == Decimal("0." + "0" * 18 + "1")


@pytest.mark.parametrize(
    "value",
    [1e308, Decimal("1E+999999"), 10**5000, -(10**5000), Decimal("1E-999999")],
    ids=["1e308", "1E+999999", "10**5000", "-10**5000", "1E-999999"],
)
@pytest.mark.parametrize("spec", [TYPED_NUMBER, TYPED_AMOUNT])
def test_typed_numbers_out_of_range_are_field_errors(spec: FieldSpec, value: object) -> None:
    with pytest.raises(FieldValueError) as caught:
        parse_value(spec, value)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 120


def test_typed_numbers_in_range_still_pass() -> None:
    assert parse_value(TYPED_NUMBER, 10**17) == 10**17
    assert parse_value(TYPED_NUMBER, 0.1 + 0.2) == Decimal("0.30000000000000004")
    assert parse_value(TYPED_AMOUNT, Decimal("25.50")) == Decimal("25.50")


# -- one value-to-text conversion -------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        ("Anna", "Anna"),
        (b"caf\xc3\xa9", "café"),  # a column written by something else, as bytes
        (b"\xff", "\ufffd"),  # not UTF-8: read with a replacement, never an error
        (True, "yes"),
        (False, "no"),
        (dt.date(2026, 12, 1), "2026-12-01"),
        (dt.datetime(2026, 12, 1, 10, 30), "2026-12-01"),
        (["A", "B"], "A, B"),
        ([True, dt.date(2026, 1, 2)], "yes, 2026-01-02"),
        (7, "7"),
    ],
)
def test_a_value_known_by_no_field_is_plain_text(value: object, text: str) -> None:
    assert value_text(value) == text


def test_a_value_known_by_a_standard_name_gets_that_fields_text() -> None:
    assert value_text(Decimal("1250.5"), "price") == "1250.50"
    assert value_text(Decimal("1250.5"), "mood") == "1250.5"  # an unknown field is text
    assert value_text(dt.date(2026, 12, 1), "deadline") == "2026-12-01"
    assert value_text(Decimal("1250.5"), "price") == format_value(
        STANDARD_FIELDS["price"], Decimal("1250.5")
    )


def test_a_front_matter_default_is_kept_as_the_text_the_field_reads() -> None:
    day = FieldSpec.from_dict({"name": "due", "type": "date", "default": dt.date(2026, 12, 1)})
    flag = FieldSpec.from_dict({"name": "rush", "type": "yesno", "default": True})
    picks = FieldSpec.from_dict(
        {"name": "c", "type": "choice", "choices": ["A", "B"], "multiple": True, "default": ["A"]}
    )
    assert (day.default, flag.default, picks.default) == ("2026-12-01", "yes", "A")
    assert parse_value(day, day.default) == dt.date(2026, 12, 1)
    assert parse_value(flag, flag.default) is True


# -- the currencies offered --------------------------------------------------------------------


def test_the_currencies_offered_are_distinct_codes_most_used_first() -> None:
    assert len(set(CURRENCY_CHOICES)) == len(CURRENCY_CHOICES)
    assert CURRENCY_CHOICES[:5] == ("USD", "EUR", "GBP", "RUB", "RON")
    # Every code either of the window's lists offered before is still offered.
    assert {"HUF", "CZK", "PLN", "UAH", "KZT", "MDL", "CHF", "CAD", "AUD"} <= set(CURRENCY_CHOICES)


@pytest.mark.parametrize("code", CURRENCY_CHOICES)
def test_every_currency_offered_is_read_as_itself_and_marks_amounts(code: str) -> None:
    assert parse_value(CURRENCY, code) == code
    assert parse_value(CURRENCY, code.lower()) == code
    price = STANDARD_FIELDS["price"]
    assert parse_value(price, f"25 {code}", currency=code) == Decimal("25.00")
    other = "EUR" if code != "EUR" else "USD"
    with pytest.raises(FieldValueError, match=f"is not in {other}"):
        parse_value(price, f"25 {code}", currency=other)


# -- a money default as a share of the order's price -------------------------------------


def test_a_money_default_can_be_a_share_of_the_orders_price() -> None:
    from replydesk.core.fields import example_value, resolved_default, share_of_price
    from replydesk.core.render import prepare_values

    extra = FieldSpec("extra_price", FieldType.MONEY, "Extra", default="20%")
    assert share_of_price(extra) == Decimal("0.2")
    assert share_of_price(FieldSpec("fee", FieldType.MONEY, "Fee", default="20")) is None
    assert share_of_price(FieldSpec("note", FieldType.TEXT, "Note", default="20%")) is None
    # A Hungarian order of 25 000 Ft: the extra is 5 000 Ft, not "+10 Ft".
    values = prepare_values([extra], {"price": Decimal("25000"), "currency": "HUF"})
    assert values["extra_price"] == Decimal("5000")
    assert resolved_default(extra, {"price": "1 500"}) == Decimal("300")  # typed text too
    assert resolved_default(extra, {"price": Decimal("0.5")}) == Decimal("0.10")
    assert resolved_default(extra, {"price": Decimal("123")}) == Decimal("25")  # whole
    assert example_value(extra) == Decimal("24")  # 20% of the sample price, 120
    # What the user typed wins; without a price, a required field is asked for.
    typed = prepare_values([extra], {"price": Decimal("100"), "extra_price": "7"})
    assert typed["extra_price"] == Decimal("7")
    with pytest.raises(MissingFieldsError):
        prepare_values([extra], {"currency": "USD"})
    optional = FieldSpec("extra_price", FieldType.MONEY, "Extra", default="15%", required=False)
    assert prepare_values([optional], {"price": "nonsense"})["extra_price"] == ""
