"""Rendering in the sandbox: filters per language, missing values, errors with lines."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from replydesk.core import render
from replydesk.core.errors import (
    FieldValueError,
    InvalidValuesError,
    MissingFieldsError,
    RenderBudgetExceeded,
    RenderProblem,
    ReplydeskError,
    TemplateSyntaxProblem,
    UnsafeTemplateError,
)
from replydesk.core.fields import FieldSpec, FieldType


def run(body: str, language: str = "en", **values: object) -> str:
    return render.render(body, values, language=language)


@pytest.mark.parametrize(
    ("language", "currency", "expected"),
    [
        ("en", "USD", "$25.00"),
        ("ru", "RUB", "25,00\xa0₽"),
        ("ro", "RON", "25,00\xa0RON"),
        ("sk", "EUR", "25,00\xa0€"),
        ("hu", "HUF", "25\xa0Ft"),
        ("hu", "EUR", "25,00\xa0EUR"),
    ],
)
def test_money_follows_the_template_language(language: str, currency: str, expected: str) -> None:
    out = run("{{ price|money }}", language, price=Decimal("25"), currency=currency)
    assert out == expected


def test_money_falls_back_to_the_default_currency_and_accepts_an_explicit_one() -> None:
    assert render.render("{{ p|money }}", {"p": 5}, default_currency="EUR") == "€5.00"
    assert run("{{ p|money('GBP') }}", p=Decimal("5")) == "£5.00"


def test_dates_short_medium_long() -> None:
    day = dt.date(2026, 12, 1)
    assert run("{{ d|date('long') }}", d=day) == "December 1, 2026"
    assert run("{{ d|date('long') }}", "ru", d=day) == "1 декабря 2026\u202fг."
    assert run("{{ d|date('short') }}", "ru", d=day) == "01.12.2026"
    assert run("{{ d|date }}", "en", d=day) == "Dec 1, 2026"
    with pytest.raises(RenderProblem, match="style 'weird'"):
        run("{{ d|date('weird') }}", d=day)


@pytest.mark.parametrize(
    ("language", "currency", "amount", "expected"),
    [
        ("ru", "RUB", "1500", "1\xa0500\xa0₽"),
        ("ro", "RON", "150", "150\xa0lei"),
        ("ro", "RON", "1", "1\xa0leu"),
        ("hu", "HUF", "25000", "25\xa0000\xa0Ft"),
        ("en", "USD", "120", "$120"),
        ("en", "EUR", "12.5", "€12.50"),
        ("sk", "EUR", "12.5", "12,50\xa0€"),
        ("ro", "USD", "0.0125", "0,0125\xa0$"),  # a typed amount is never rounded
        ("en", "RON", "99", "99\xa0lei"),  # a word goes after the amount everywhere
        ("ru", "CHF", "10", "10\xa0CHF"),  # no chat mark: the standard one
    ],
)
def test_money_as_written_in_a_chat(
    language: str, currency: str, amount: str, expected: str
) -> None:
    out = run("{{ p|money(style='chat') }}", language, p=Decimal(amount), currency=currency)
    assert out == expected


def test_an_unknown_money_style_is_explained() -> None:
    with pytest.raises(RenderProblem, match="money: style 'fancy' is not standard or chat"):
        run("{{ p|money(style='fancy') }}", p=Decimal("5"))


@pytest.mark.parametrize(
    ("language", "this_year", "next_year"),
    [
        ("en", "December 2", "January 5, {year}"),
        ("ru", "2 декабря", "5 января {year}"),
        ("ro", "2 decembrie", "5 ianuarie {year}"),
        ("sk", "2. decembra", "5. januára {year}"),
        ("hu", "december 2.", "{year}. január 5."),
    ],
)
def test_a_chat_date_leaves_out_this_year(language: str, this_year: str, next_year: str) -> None:
    year = dt.date.today().year
    now = run("{{ d|date('chat') }}", language, d=dt.date(year, 12, 2))
    later = run("{{ d|date('chat') }}", language, d=dt.date(year + 1, 1, 5))
    assert (now, later) == (this_year, next_year.format(year=year + 1))


def test_days_until_counts_from_today() -> None:
    soon = dt.date.today() + dt.timedelta(days=4)
    assert run("{{ d|days_until }}", d=soon) == "4"


@pytest.mark.parametrize(
    ("language", "n", "word"),
    [
        ("ru", 1, "день"),
        ("ru", 3, "дня"),
        ("ru", 5, "дней"),
        ("ru", 21, "день"),
        ("sk", 1, "deň"),
        ("sk", 3, "dni"),
        ("sk", 5, "dní"),
        ("ro", 1, "zi"),
        ("ro", 2, "zile"),
        ("ro", 20, "de zile"),
        ("en", 1, "day"),
        ("en", 2, "days"),
    ],
)
def test_plural_chooses_the_cldr_category(language: str, n: int, word: str) -> None:
    body = (
        '{{ n|plural(one="'
        + {
            "ru": 'день", few="дня", many="дней", other="дня"',
            "sk": 'deň", few="dni", many="dňa", other="dní"',
            "ro": 'zi", few="zile", other="de zile"',
            "en": 'day", other="days"',
        }[language]
        + ") }}"
    )
    assert run(body, language, n=n) == word


def test_plural_needs_other() -> None:
    with pytest.raises(RenderProblem, match="'other' form is required"):
        run('{{ 2|plural(one="x") }}')


def test_missing_values_name_every_field() -> None:
    body = "Hi {{ client_name }}, {{ price|money }} by {{ deadline|date }}. {{ my_name }}"
    fields = render.fields_for(body)
    with pytest.raises(MissingFieldsError) as caught:
        render.prepare_values(fields, {"client_name": "Ann"})
    assert caught.value.fields == ["price", "deadline", "my_name"]
    assert str(caught.value) == "missing required fields: price, deadline, my_name"


def test_bad_values_are_reported_together() -> None:
    fields = render.fields_for("{{ price|money }} {{ deadline|date }}")
    with pytest.raises(InvalidValuesError) as caught:
        render.prepare_values(fields, {"price": "25,x", "deadline": "soon"})
    assert "Price: '25,x' is not an amount" in str(caught.value)
    assert "Deadline: 'soon' is not a date" in str(caught.value)
    assert caught.value.field == "price"  # problems are keyed by name, shown by label
    with pytest.raises(FieldValueError, match=r"^Price: '25,x' is not an amount$"):
        render.prepare_values(fields, {"price": "25,x", "deadline": "today"})


def test_later_sources_win_and_an_empty_value_clears_earlier_ones() -> None:
    optional = FieldSpec("service", FieldType.TEXT, required=False)
    fields = render.fields_for("{{ client_name }} {{ service }}", [optional])
    values = render.prepare_values(
        fields,
        {"client_name": "Order Ann", "service": "Logo"},
        {"client_name": "Set Ann", "service": ""},
    )
    assert values["client_name"] == "Set Ann" and values["service"] == ""


@pytest.mark.parametrize("cleared", [None, "", "   "])
def test_a_cleared_field_renders_empty_not_its_default(cleared: object) -> None:
    declared = [FieldSpec("first_step", FieldType.TEXT, default="a sketch", required=False)]
    body = "Hi.{% if first_step %} First: {{ first_step }}.{% endif %}"
    assert render.fill(body, declared, {}) == "Hi. First: a sketch."
    assert render.fill(body, declared, {"first_step": cleared}) == "Hi."


def test_a_cleared_required_field_is_missing_even_with_a_default() -> None:
    declared = [FieldSpec("step", FieldType.TEXT, default="a sketch")]
    fields = render.fields_for("{{ step }}", declared)
    assert render.prepare_values(fields, {})["step"] == "a sketch"
    with pytest.raises(MissingFieldsError) as caught:
        render.prepare_values(fields, {"step": "typed"}, {"step": None})
    assert caught.value.fields == ["step"]


def test_optional_fields_render_empty_and_defaults_apply() -> None:
    declared = [
        FieldSpec("extra", FieldType.TEXT, default="a gift"),
        FieldSpec("p", FieldType.MONEY, required=False),
    ]
    text = render.fill(
        "{% if notes %}N: {{ notes }}{% endif %}{{ extra }}{{ p|money }}", declared, {}
    )
    assert text == "a gift"


def test_output_is_tidied() -> None:
    assert run("a  \n\n\n\n{% if x %}x{% endif %}\n\nb\n", x="") == "a\n\nb"


def test_syntax_errors_carry_the_line() -> None:
    with pytest.raises(TemplateSyntaxProblem) as caught:
        render.check_syntax("Hello\n{{ client_name\nbye")
    assert caught.value.line == 3 or caught.value.line == 2
    assert str(caught.value).startswith(f"line {caught.value.line}: ")
    with pytest.raises(TemplateSyntaxProblem, match="line 2"):
        render.fields_for("ok\n{% if x %}never closed")


def test_unknown_filters_are_syntax_problems_with_the_line() -> None:
    with pytest.raises(TemplateSyntaxProblem, match=r"^line 2: ") as caught:
        render.fields_for("ok\n{{ client_name|nosuch }}")
    assert caught.value.line == 2
    assert "nosuch" in str(caught.value)  # names the filter (the rest is Jinja's wording)


def test_used_variables_in_order_and_loop_variables_excluded() -> None:
    body = "{{ b }} {% for item in items %}{{ item }}{{ a }}{% endfor %}{{ b }}"
    assert render.used_variables(body) == ("b", "items", "a")


def test_render_errors_carry_the_template_line() -> None:
    with pytest.raises(RenderProblem) as caught:
        run("fine\n{{ 1 / 0 }}")
    assert caught.value.line == 2
    assert str(caught.value) == "line 2: division by zero"


@pytest.mark.parametrize(
    "body",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ self.__init__.__globals__ }}",
        "{{ (1).__class__.__base__ }}",
    ],
)
def test_sandbox_escapes_are_refused(body: str) -> None:
    with pytest.raises((UnsafeTemplateError, RenderProblem)) as caught:
        run(body)
    message = str(caught.value)
    assert message.startswith("line 1: ")
    assert "<" not in message and "__" not in message  # no object repr, no dunder leaks
    assert isinstance(caught.value, UnsafeTemplateError) or "subclasses" not in message


def test_attribute_walk_is_a_security_error() -> None:
    with pytest.raises(UnsafeTemplateError, match="not allowed in a template"):
        run("{{ ''.__class__ }}")


@pytest.mark.parametrize(
    "body",
    [
        "{% for i in range(10**9) %}{% endfor %}",
        "{{ 'x' * 10**8 }}",
        "{{ 2 ** 99999999 }}",
        "{% for i in range(9000) %}{% for j in range(9000) %}xxxxxxxxxx{% endfor %}{% endfor %}",
    ],
)
def test_resource_bombs_stop_with_a_message(body: str) -> None:
    with pytest.raises(RenderBudgetExceeded):
        run(body)


def test_includes_and_imports_cannot_reach_files() -> None:
    with pytest.raises(RenderProblem):
        run("{% include '/etc/passwd' %}")


def test_compiled_templates_and_discovery_are_cached() -> None:
    body = "{{ cached_probe_field }}"
    render.used_variables(body)
    hits = render.used_variables.cache_info().hits
    render.used_variables(body)
    assert render.used_variables.cache_info().hits == hits + 1


def test_check_parse_finds_syntax_errors_but_leaves_filters_to_rendering() -> None:
    with pytest.raises(TemplateSyntaxProblem, match="line 3"):
        render.check_parse("a\nb\n{% if x %}")
    render.check_parse("{{ x|nosuch }}")  # parses; the unknown filter is reported when rendered


# --- one parser: filters and undeclared fields read text as parse_value does ---------------

DEPOSIT_BODY = "Deposit {{ deposit|money }}; pages {{ pages|number }}"


def test_undeclared_variables_are_typed_by_the_filter_they_are_used_with() -> None:
    body = (
        "{{ deposit|money }} {{ pages|number }} {{ n|plural(one='a', other='b') }} "
        "{{ due|date }} {{ left|days_until }} {{ note }} {{ note|upper }}"
    )
    types = {spec.name: spec.type for spec in render.fields_for(body)}
    assert types == {
        "deposit": FieldType.MONEY,
        "pages": FieldType.NUMBER,
        "n": FieldType.NUMBER,
        "due": FieldType.DATE,
        "left": FieldType.DATE,
        "note": FieldType.TEXT,
    }
    assert [spec.name for spec in render.fields_for(body)] == list(types)  # body order kept


def test_filter_typing_leaves_declared_standard_and_conflicting_fields_alone() -> None:
    body = (
        "{{ deposit|money }} {{ when|date }} {{ when|days_until }} {{ x|money }} {{ x|date }} "
        "{{ y|number }} {{ y|plural(one='a', other='b') }} {{ client_name|number }} "
        "{{ total|default(0)|money }} {{ order.price|money }}"
        "{% for item in items %}{{ item|money }}{% endfor %}"
    )
    declared = [FieldSpec("deposit", FieldType.TEXT, "Deposit")]
    types = {spec.name: spec.type for spec in render.fields_for(body, declared)}
    assert types == {
        "deposit": FieldType.TEXT,  # declared: its declaration wins
        "when": FieldType.DATE,  # two filters that read a date agree
        "x": FieldType.TEXT,  # money and date conflict
        "y": FieldType.NUMBER,
        "client_name": FieldType.TEXT,  # a standard field keeps its type
        "total": FieldType.TEXT,  # not passed straight to the filter
        "order": FieldType.TEXT,
        "items": FieldType.TEXT,
    }


def test_undeclared_money_and_number_read_typed_text_like_the_form() -> None:
    assert render.fill(DEPOSIT_BODY, [], {"deposit": "1,250", "pages": "1.250"}) == (
        "Deposit $1,250.00; pages 1,250"
    )
    assert render.fill(DEPOSIT_BODY, [], {"deposit": "1.250,50", "pages": "25,50"}) == (
        "Deposit $1,250.50; pages 25.5"
    )
    with pytest.raises(FieldValueError, match=r"^Deposit: '1.2.3' is not an amount"):
        render.fill(DEPOSIT_BODY, [], {"deposit": "1.2.3", "pages": "1"})
    with pytest.raises(FieldValueError, match=r"^Pages: 'many' is not a number$"):
        render.fill(DEPOSIT_BODY, [], {"deposit": "1", "pages": "many"})


def test_undeclared_fields_get_examples_of_their_type_for_the_preview() -> None:
    from replydesk.core.fields import example_values

    fields = render.fields_for(DEPOSIT_BODY + " {{ due|date('long') }}")
    assert render.render(DEPOSIT_BODY, example_values(fields)) == "Deposit $25.00; pages 3"


@pytest.mark.parametrize(
    ("body", "raw", "expected"),
    [
        ("{{ v|money }}", "1,250", "$1,250.00"),
        ("{{ v|money }}", "1.250,50", "$1,250.50"),
        ("{{ v|money }}", "25,50", "$25.50"),
        ("{{ v|money }}", "$1 250,5", "$1,250.50"),
        ("{{ v|number }}", "1,250", "1,250"),
        ("{{ v|number }}", "1.250,50", "1,250.5"),
        ("{{ v|number }}", "25,50", "25.5"),
        ("{{ v|plural(one='day', other='days') }}", "1", "day"),
        ("{{ v|plural(one='day', other='days') }}", "1.250", "days"),
        ("{{ v|date('long') }}", "01.12.2026", "December 1, 2026"),
        ("{{ v|date('long') }}", "2026-12-01", "December 1, 2026"),
    ],
)
def test_filters_read_text_exactly_as_parse_value(body: str, raw: str, expected: str) -> None:
    # A variable given to two filters of different types stays text: the filter reads it.
    assert run(body, v=raw) == expected


def test_conflicting_filters_read_the_same_text_the_same_way() -> None:
    body = "{{ v|money }} {{ v|number }}"
    assert render.fields_for(body)[0].type is FieldType.TEXT
    assert render.fill(body, [], {"v": "1.250,50"}) == "$1,250.50 1,250.5"
    with pytest.raises(RenderProblem, match=r"^line 1: money: '\+3' is not an amount$"):
        render.fill("{{ d|days_until }} {{ d|money }}", [], {"d": "+3"})


def test_days_until_reads_a_typed_date_like_the_form() -> None:
    assert run("{{ d|days_until }}", d="+4") == "4"
    soon = dt.date.today() + dt.timedelta(days=2)
    assert run("{{ d|days_until }}", d=soon.strftime("%d.%m.%Y")) == "2"


@pytest.mark.parametrize(
    ("body", "raw", "message"),
    [
        ("{{ v|money }}", "25,x", "money: '25,x' is not an amount"),
        ("{{ v|money }}", "Deposit", "money: 'Deposit' is not an amount"),
        ("{{ v|money }}", "1,2,3,4", "money: '1,2,3,4' is not an amount (thousands are grouped"),
        ("{{ v|money }}", "0,00001", "money: '0,00001' has too many decimals"),
        ("{{ v|money }}", "25 EUR", "money: '25 EUR' is not in USD"),
        ("{{ v|money('EUR') }}", "$5", "money: '$5' is not in EUR"),
        ("{{ v|number }}", "NaN", "number: 'NaN' is not a number"),
        ("{{ v|number }}", "1e3", "number: '1e3' is not a number"),
        ("{{ v|plural(other='x') }}", "lots", "plural: 'lots' is not a number"),
        ("{{ v|date }}", "soon", "date: 'soon' is not a date (type YYYY-MM-DD"),
        ("{{ v|date }}", "2026-02-30", "date: '2026-02-30' is not a real date"),
        ("{{ v|days_until }}", "1.2.3", "days_until: '1.2.3' is not a date"),
    ],
)
def test_filters_refuse_what_parse_value_refuses(body: str, raw: str, message: str) -> None:
    with pytest.raises(RenderProblem) as caught:
        run("ok\n" + body, v=raw)
    assert type(caught.value) is RenderProblem
    assert caught.value.line == 2
    assert str(caught.value).startswith(f"line 2: {message}")


@pytest.mark.parametrize(
    ("body", "value", "expected"),
    [
        ("{{ v|money }}", Decimal("12.5"), "$12.50"),
        ("{{ v|money }}", 7, "$7.00"),
        ("{{ v|money }}", 2.5, "$2.50"),
        ("{{ v|number }}", 1250, "1,250"),
        ("{{ v|date('short') }}", dt.date(2026, 12, 1), "12/1/26"),
        ("{{ v|date('short') }}", dt.datetime(2026, 12, 1, 9, 30), "12/1/26"),
    ],
)
def test_typed_values_pass_through_the_filters(body: str, value: object, expected: str) -> None:
    assert run(body, v=value) == expected


@pytest.mark.parametrize(
    ("body", "value"),
    [("{{ v|money }}", True), ("{{ v|number }}", False), ("{{ v|date }}", 5)],
)
def test_typed_values_of_the_wrong_kind_are_refused(body: str, value: object) -> None:
    with pytest.raises(RenderProblem, match=r"^line 1: (money|number|date): .* is not a"):
        run(body, v=value)


# --- amounts are never rounded to the currency's digits --------------------------------------


@pytest.mark.parametrize(
    ("language", "currency", "amount", "expected"),
    [
        ("en", "USD", "0.0125", "$0.0125"),
        ("ru", "RUB", "0.0125", "0,0125\xa0₽"),
        ("ro", "RON", "0.0125", "0,0125\xa0RON"),
        ("sk", "EUR", "0.0125", "0,0125\xa0€"),
        ("hu", "EUR", "0.0125", "0,0125\xa0EUR"),
        ("en", "JPY", "1.5", "¥1.5"),
        ("en", "JPY", "1.50", "¥1.5"),
        ("en", "JPY", "1250", "¥1,250"),
        ("en", "HUF", "2.5", "HUF2.5"),
        ("hu", "HUF", "2.5", "2,5\xa0Ft"),
        ("hu", "HUF", "2.50", "2,5\xa0Ft"),
        ("hu", "HUF", "1250", "1\xa0250\xa0Ft"),
        ("en", "USD", "25", "$25.00"),
        ("en", "USD", "25.5", "$25.50"),
        ("en", "USD", "0.1250", "$0.125"),
        ("ru", "RUB", "1250.5", "1\xa0250,50\xa0₽"),
        ("ro", "RON", "25", "25,00\xa0RON"),
        ("sk", "EUR", "25.00", "25,00\xa0€"),
    ],
)
def test_money_shows_every_decimal_of_the_amount(
    language: str, currency: str, amount: str, expected: str
) -> None:
    out = run("{{ price|money }}", language, price=Decimal(amount), currency=currency)
    assert out == expected


@pytest.mark.parametrize(
    ("typed", "currency", "expected"),
    [("0,0125", "USD", "$0.0125"), ("1,5", "JPY", "¥1.5"), ("2,5", "HUF", "HUF2.5")],
)
def test_a_typed_price_is_shown_as_typed(typed: str, currency: str, expected: str) -> None:
    assert render.fill("{{ price|money }}", [], {"price": typed, "currency": currency}) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "1,250.12345"),
        ("ru", "1\xa0250,12345"),
        ("ro", "1.250,12345"),
        ("hu", "1\xa0250,12345"),
        ("sk", "1\xa0250,12345"),
    ],
)
def test_number_shows_every_decimal(language: str, expected: str) -> None:
    assert run("{{ n|number }}", language, n=Decimal("1250.12345")) == expected
    assert run("{{ n|number }}", language, n=Decimal("2.50")) == (
        "2.5" if language == "en" else "2,5"
    )


def test_a_computed_amount_is_rounded_to_the_currency_but_a_typed_one_never_is() -> None:
    body = "{{ x|money }} / 3 = {{ (x / 3)|money }}"
    assert render.render(body, {"x": Decimal("100")}, language="en") == "$100.00 / 3 = $33.33"
    assert render.render(body, {"x": Decimal("0.0125")}, language="en").startswith("$0.0125 ")


@pytest.mark.parametrize(
    ("body", "declared", "values", "refusal"),
    [
        (
            '{{ n|plural(one="a", other="b") }}',
            [FieldSpec("n", FieldType.NUMBER, default="1e999999")],
            {},
            "'1e999999' is not a number",
        ),
        ('{{ "1e999999"|plural(one="a", other="b") }}', [], {}, "'1e999999' is not a number"),
        ("{{ n|number }}", [], {"n": "9" * 5000}, "is too large"),
    ],
)
def test_numbers_too_large_to_build_are_refused_as_they_are_read(
    body: str, declared: list[FieldSpec], values: dict[str, object], refusal: str
) -> None:
    """Issue 15: `1e999999` built a million-digit integer outside any budget (26 s, then a
    Python message about int_max_str_digits); the one parser refuses it before it is built."""
    with pytest.raises(ReplydeskError, match=re.escape(refusal)):
        render.fill(body, declared, values)
