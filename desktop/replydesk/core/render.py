"""Render template bodies in the sandbox, with locale-aware filters and field discovery."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from types import TracebackType
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, meta, nodes, pass_context
from jinja2.runtime import Context
from jinja2.sandbox import SecurityError

from replydesk.core.errors import (
    FieldValueError,
    InvalidValuesError,
    MissingFieldsError,
    RenderBudgetExceeded,
    RenderProblem,
    TemplateSyntaxProblem,
    UnsafeTemplateError,
    shown,
)
from replydesk.core.fields import (
    MONEY_DECIMALS,
    STANDARD_FIELDS,
    FieldSpec,
    FieldType,
    is_empty,
    parse_value,
    resolve_fields,
)
from replydesk.core.sandbox import (
    ACTIVE_BUDGET,
    MAX_OUTPUT_CHARS,
    MAX_RENDER_SECONDS,
    Budget,
    ReplyEnvironment,
    budgeted_filter,
    budgeted_range,
    finalize_value,
)

LOCALE_KEY = "_locale"
CURRENCY_KEY = "_default_currency"
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")


# --- filters ---------------------------------------------------------------------------------


LOCALE_FILTERS = frozenset({"money", "number", "date", "plural"})


@functools.lru_cache(maxsize=32)
def _locale(language: str) -> Any:
    """Babel's locale for a language, its data loaded (Babel reads it on first use)."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en")
    locale.plural_form  # noqa: B018 (touching any data loads the locale's whole file)
    return locale


@functools.lru_cache(maxsize=8)
def _load_formatting(language: str) -> None:
    """Import Babel's formatters and load the language's data, once per process.

    Runs before a render's budget starts, so that a one-time cost of tens of milliseconds
    never counts against the first template rendered in a language.
    """
    import babel.dates
    import babel.numbers

    _locale(language)
    _cash_digits("USD")
    babel.numbers.format_currency(1, "USD", locale=_locale(language))
    babel.dates.format_date(dt.date(2000, 1, 1), locale=_locale(language))


def _context_locale(context: Context) -> Any:
    return _locale(str(context.get(LOCALE_KEY) or "en"))


def _parsed(what: str, field_type: FieldType, value: Any, currency: str | None = None) -> object:
    """A filter's text input read by the one parser the forms use (`parse_value`), so that
    "1,250" or "25,50" means the same in a filter as in a field; a refusal names the filter
    ("money: '25,x' is not an amount")."""
    spec = FieldSpec(what, field_type, label=what)
    try:
        return parse_value(spec, value if isinstance(value, str) else str(value), currency=currency)
    except FieldValueError as problem:
        raise RenderProblem(str(problem)) from None


def _as_decimal(
    value: Any, what: str, field_type: FieldType = FieldType.NUMBER, currency: str | None = None
) -> Decimal:
    """A number for a filter: typed numbers pass through, text is read like a field's."""
    if isinstance(value, bool):
        raise RenderProblem(f"{what}: {value!r} is not a number")
    if isinstance(value, (Decimal, int, float)):
        return Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    number = _parsed(what, field_type, value, currency)
    assert isinstance(number, (Decimal, int))
    return Decimal(number)


def _as_date(value: Any, what: str) -> dt.date:
    """A date for a filter: typed dates pass through, text is read like a date field's."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise RenderProblem(f"{what}: {value!r} is not a date")
    if isinstance(value, (int, float, Decimal)):
        raise RenderProblem(f"{what}: {shown(value)} is not a date")
    day = _parsed(what, FieldType.DATE, value)
    assert isinstance(day, dt.date)
    return day


@pass_context
def money_filter(context: Context, value: Any, currency: str | None = None) -> str:
    """`{{ price|money }}`: the amount with the currency, formatted for the template's language.

    A typed amount is never rounded: one with more decimals than the currency shows
    ("0.0125" a word, 1.5 yen; a typed amount has at most MONEY_DECIMALS) is written with
    all of them; others get the currency's usual digits. An amount the template computed
    with more decimals than anyone types (`price / 3`) is rounded to the currency's digits.
    """
    if is_empty(value):
        return ""
    from babel.numbers import format_currency, get_decimal_symbol

    code = str(currency or context.get("currency") or context.get(CURRENCY_KEY) or "USD").upper()
    amount = _as_decimal(value, "money", FieldType.MONEY, currency=code)
    locale = _context_locale(context)
    typed = -amount.as_tuple().exponent <= MONEY_DECIMALS  # type: ignore[operator]
    text = str(format_currency(amount, code, locale=locale, decimal_quantization=not typed))
    if amount == amount.to_integral_value() and _cash_digits(code) == 0:
        # Forints and the like are written without decimals in everyday use.
        decimal = re.escape(get_decimal_symbol(locale))
        text = re.sub(decimal + r"0+(?!\d)", "", text)
    return text


@functools.lru_cache(maxsize=64)
def _cash_digits(code: str) -> int:
    from babel.core import get_global

    fractions = get_global("currency_fractions")
    return int(fractions.get(code, fractions["DEFAULT"])[2])


@pass_context
def number_filter(context: Context, value: Any) -> str:
    """`{{ n|number }}`: a number with the language's separators, all its decimals shown."""
    if is_empty(value):
        return ""
    from babel.numbers import format_decimal

    number = _as_decimal(value, "number")
    return str(format_decimal(number, locale=_context_locale(context), decimal_quantization=False))


@pass_context
def date_filter(context: Context, value: Any, style: str = "medium") -> str:
    """`{{ deadline|date }}` or `|date('short'|'medium'|'long'|'full')`, localized."""
    if is_empty(value):
        return ""
    if style not in {"short", "medium", "long", "full"}:
        raise RenderProblem(f"date: style {style!r} is not short, medium, long or full")
    from babel.dates import format_date

    return str(format_date(_as_date(value, "date"), format=style, locale=_context_locale(context)))


def days_until_filter(value: Any) -> int | str:
    """`{{ deadline|days_until }}`: whole days from today (negative once the date has passed)."""
    if is_empty(value):
        return ""
    return (_as_date(value, "days_until") - dt.date.today()).days


@pass_context
def plural_filter(context: Context, value: Any, **forms: str) -> str:
    """`{{ n|plural(one="day", other="days") }}`: the form for n's CLDR plural category."""
    unknown = sorted(set(forms) - set(PLURAL_CATEGORIES))
    if unknown:
        raise RenderProblem(f"plural: unknown category {unknown[0]!r}")
    if "other" not in forms:
        raise RenderProblem("plural: the 'other' form is required")
    number = _as_decimal(value, "plural")
    category = _context_locale(context).plural_form(abs(number))
    return forms.get(category, forms["other"])


def make_environment() -> ReplyEnvironment:
    env = ReplyEnvironment(
        undefined=StrictUndefined, autoescape=False, auto_reload=False, finalize=finalize_value
    )
    env.filters.update(
        money=money_filter,
        number=number_filter,
        date=date_filter,
        days_until=days_until_filter,
        plural=plural_filter,
    )
    env.filters = {name: budgeted_filter(name, func) for name, func in env.filters.items()}
    env.globals = {"range": budgeted_range, "dict": dict}
    return env


ENVIRONMENT = make_environment()


# --- parsing and field discovery ------------------------------------------------------------


def _syntax_problem(error: TemplateSyntaxError) -> TemplateSyntaxProblem:
    return TemplateSyntaxProblem(error.message or "syntax error", error.lineno)


_TOO_DEEP = "the template is nested too deeply (brackets, filters or tags inside each other)"


@functools.lru_cache(maxsize=4096)
def _parse(body: str) -> nodes.Template:
    try:
        return ENVIRONMENT.parse(body)
    except TemplateSyntaxError as error:
        raise _syntax_problem(error) from None
    except RecursionError:  # Jinja's parser and code generator recurse per nesting level
        raise TemplateSyntaxProblem(_TOO_DEEP, None) from None


@functools.lru_cache(maxsize=4096)
def used_variables(body: str) -> tuple[str, ...]:
    """The variables a body reads without defining them, in order of first use (cached)."""
    tree = _parse(body)
    try:
        # Runs the code generator, which is where unknown filters and tests are found.
        undeclared = meta.find_undeclared_variables(tree) - set(ENVIRONMENT.globals)
    except TemplateSyntaxError as error:
        raise _syntax_problem(error) from None
    except RecursionError:
        raise TemplateSyntaxProblem(_TOO_DEEP, None) from None
    ordered: list[str] = []
    for name_node in tree.find_all(nodes.Name):
        if name_node.name in undeclared and name_node.name not in ordered:
            ordered.append(name_node.name)
    return tuple(ordered)


def check_parse(body: str) -> None:
    """Raise TemplateSyntaxProblem (with the line) if the body does not parse.

    The cheap check for thousands of imported bodies; an unknown filter is found later,
    when the template is rendered (also with its line).
    """
    try:
        ENVIRONMENT.parse(body)
    except TemplateSyntaxError as error:
        raise _syntax_problem(error) from None
    except RecursionError:
        raise TemplateSyntaxProblem(_TOO_DEEP, None) from None


def check_syntax(body: str) -> None:
    """Raise TemplateSyntaxProblem (with the line) if the body does not parse."""
    _parse(body)
    _compile(body)


# The type a filter reads its input as: an unknown variable used with it gets that type.
FILTER_TYPES: dict[str, FieldType] = {
    "money": FieldType.MONEY,
    "number": FieldType.NUMBER,
    "plural": FieldType.NUMBER,
    "date": FieldType.DATE,
    "days_until": FieldType.DATE,
}


@functools.lru_cache(maxsize=4096)
def _filter_types(body: str) -> tuple[tuple[str, FieldType], ...]:
    """The variables the body passes straight to a typed filter (`{{ deposit|money }}`),
    with the type that filter reads; a variable given to filters of two types is left out."""
    used = set(used_variables(body))
    found: dict[str, set[FieldType]] = {}
    for node in _parse(body).find_all(nodes.Filter):
        field_type = FILTER_TYPES.get(node.name)
        if field_type is not None and isinstance(node.node, nodes.Name) and node.node.name in used:
            found.setdefault(node.node.name, set()).add(field_type)
    return tuple((name, types.pop()) for name, types in found.items() if len(types) == 1)


def fields_for(body: str, declared: Sequence[FieldSpec] = ()) -> list[FieldSpec]:
    """Declared fields plus the standard and unknown ones the body uses.

    An unknown variable is text, unless the body formats it with a typed filter: then it
    is read as that filter reads it (`|money` an amount, `|number` and `|plural` a number,
    `|date` and `|days_until` a date), so "1,250" typed for it means 1250 in the form too.
    """
    fields = resolve_fields(declared, used_variables(body))
    inferred = dict(_filter_types(body))
    if not inferred:
        return fields
    known = {spec.name for spec in declared} | set(STANDARD_FIELDS)
    return [
        dataclasses.replace(spec, type=inferred[spec.name])
        if spec.name in inferred and spec.name not in known
        else spec
        for spec in fields
    ]


@functools.lru_cache(maxsize=4096)
def _uses_locale(body: str) -> bool:
    """Whether a body calls the filters that format for a language (money, dates...)."""
    return any(node.name in LOCALE_FILTERS for node in _parse(body).find_all(nodes.Filter))


@functools.lru_cache(maxsize=512)
def _compile(body: str) -> Any:
    try:
        return ENVIRONMENT.from_string(body)
    except TemplateSyntaxError as error:
        raise _syntax_problem(error) from None
    except RecursionError:
        raise TemplateSyntaxProblem(_TOO_DEEP, None) from None


# --- values ---------------------------------------------------------------------------------


def prepare_values(
    fields: Sequence[FieldSpec],
    *sources: Mapping[str, object],
    default_currency: str | None = None,
) -> dict[str, object]:
    """Merge value sources (later ones win), parse each by its field's type, apply
    defaults, and check required fields.

    Empty means empty: a source that holds a field with an empty value (None or "", the
    user cleared it) hides earlier sources and the field's default, so an optional
    sentence disappears and a required field is missing. A default fills a field only
    while no source names it.

    Amounts are read in the `currency` value, else `default_currency` (an amount typed with
    another currency's mark is refused). Raises FieldValueError for values that do not
    parse (all of them in one message) and MissingFieldsError naming every required field
    without a value.
    """
    merged: dict[str, object] = {}
    for source in sources:
        merged.update(source)
    values: dict[str, object] = {k: v for k, v in merged.items() if not is_empty(v)}
    currency = str(merged.get("currency") or default_currency or "") or None
    problems: list[FieldValueError] = []
    missing: list[str] = []
    for spec in fields:
        raw = merged.get(spec.name, spec.default)  # a source naming it, even empty, wins
        if isinstance(raw, str) and not raw.strip():
            raw = ""
        if is_empty(raw):
            if spec.required:
                missing.append(spec.name)
            values[spec.name] = [] if spec.multiple else ""
            continue
        try:
            values[spec.name] = parse_value(spec, raw, currency=currency)
        except FieldValueError as problem:
            problems.append(problem)
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise InvalidValuesError(problems)
    if missing:
        raise MissingFieldsError(missing)
    return values


# --- rendering ------------------------------------------------------------------------------

_TRAILING_SPACE = re.compile(r"[ \t]+$", re.M)
_BLANK_RUNS = re.compile(r"\n{3,}")


def tidy(text: str) -> str:
    """Trim line ends and collapse runs of blank lines left by optional parts."""
    return _BLANK_RUNS.sub("\n\n", _TRAILING_SPACE.sub("", text)).strip("\n")


def render(
    body: str,
    values: Mapping[str, object],
    *,
    language: str = "en",
    default_currency: str = "USD",
    time_budget: float = MAX_RENDER_SECONDS,
) -> str:
    """Render a body with prepared values; every failure is a RenderProblem with a line.

    The render stops with RenderTimeExceeded after `time_budget` seconds of the calling
    thread's processor time (compiling and loading the language's data are not counted),
    or with RenderBudgetExceeded once it produces too much text (see the MAX_* constants
    and docs/security.md).
    """
    template = _compile(body)
    if _uses_locale(body):
        _load_formatting(language)
    context = {**values, LOCALE_KEY: language, CURRENCY_KEY: default_currency}
    budget = Budget(time_budget)
    token = ACTIVE_BUDGET.set(budget)
    chunks: list[str] = []
    size = 0
    try:
        stream: Iterator[str] = template.generate(context)
        for chunk in stream:
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise RenderBudgetExceeded(
                    f"the reply is longer than {MAX_OUTPUT_CHARS:,} characters"
                )
            budget.check_time()
            chunks.append(chunk)
    except RenderProblem as problem:
        if problem.line is None and (line := _template_line(problem.__traceback__)):
            raise type(problem)(problem.short_message, line) from None
        raise
    except SecurityError as error:
        line = _template_line(error.__traceback__)
        raise UnsafeTemplateError(f"not allowed in a template: {_plain(error)}", line) from None
    except UndefinedError as error:
        raise RenderProblem(_plain(error), _template_line(error.__traceback__)) from None
    except RecursionError:
        raise RenderBudgetExceeded("the template recurses too deeply") from None
    except MemoryError:
        raise RenderBudgetExceeded("the template needs too much memory") from None
    except Exception as error:  # any other failure inside user code becomes a message
        line = _template_line(error.__traceback__)
        raise RenderProblem(f"{type(error).__name__}: {_plain(error)}", line) from None
    finally:
        ACTIVE_BUDGET.reset(token)
    return tidy("".join(chunks))


_OBJECT_REPR = re.compile(r"<[^<>\n]{0,200}>")
_DUNDER = re.compile(r"__(\w+?)__")


def _plain(error: BaseException) -> str:
    """An error's message without object reprs or dunder names (nothing internal leaks)."""
    message = _OBJECT_REPR.sub("an internal object", str(error))
    return _DUNDER.sub(r"\1", message)


def _template_line(traceback: TracebackType | None) -> int | None:
    """The template line of the innermost template frame in a traceback."""
    line = None
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == "<template>":
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


def fill(
    body: str,
    declared: Sequence[FieldSpec],
    *sources: Mapping[str, object],
    language: str = "en",
    default_currency: str = "USD",
) -> str:
    """Discover fields, prepare values from the sources, and render: the whole fill in one call."""
    fields = fields_for(body, declared)
    values = prepare_values(fields, *sources, default_currency=default_currency)
    return render(body, values, language=language, default_currency=default_currency)
