"""Rendering in the sandbox: filters per language, missing values, errors with lines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from replydesk.core import render
from replydesk.core.errors import (
    FieldValueError,
    InvalidValuesError,
    MissingFieldsError,
    RenderBudgetExceeded,
    RenderProblem,
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
    assert str(caught.value).startswith("line 2: ZeroDivisionError: ")


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
