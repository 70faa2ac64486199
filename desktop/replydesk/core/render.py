"""Render template bodies in the sandbox, with locale-aware filters and field discovery."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import decimal
import functools
import math
import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from types import TracebackType
from typing import Any

from jinja2 import (
    StrictUndefined,
    Template,
    TemplateSyntaxError,
    UndefinedError,
    meta,
    nodes,
    pass_context,
)
from jinja2.lexer import TokenStream
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
    resolved_default,
)
from replydesk.core.i18n import N_, _, ngettext
from replydesk.core.sandbox import (
    ACTIVE_BUDGET,
    MAX_INT_BITS,
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
        raise RenderProblem(_not_a_number(what, repr(value)))
    if isinstance(value, (Decimal, int, float)):
        if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
            # Translators: {filter} is the name of a template filter (money, number, plural).
            message = _("{filter}: the number has too many digits")
            raise RenderBudgetExceeded(message.format(filter=what))
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    else:
        parsed = _parsed(what, field_type, value, currency)  # at most MAX_INTEGER_DIGITS
        assert isinstance(parsed, (Decimal, int))
        number = Decimal(parsed)
    return _bounded(number, what)


def _not_a_number(what: str, value: str) -> str:
    # Translators: {filter} is the name of a template filter (money, number, plural);
    # {value} is the value it was given.
    return _("{filter}: {value} is not a number").format(filter=what, value=value)


MAX_FILTER_DIGITS = 40
"""Digits before or after the point of a number given to money, number or plural: Babel
writes every digit out (1e999999 took a minute of processor time in one call)."""


def _bounded(number: Decimal, what: str) -> Decimal:
    if not number.is_finite():
        raise RenderProblem(_not_a_number(what, shown(str(number))))
    whole = max(number.adjusted() + 1, 0)
    fraction = max(-int(number.as_tuple().exponent), 0)
    if whole > MAX_FILTER_DIGITS or fraction > MAX_FILTER_DIGITS:
        message = ngettext(
            "{filter}: the number has more than {limit} digit before or after the point",
            "{filter}: the number has more than {limit} digits before or after the point",
            MAX_FILTER_DIGITS,
        )
        raise RenderBudgetExceeded(message.format(filter=what, limit=MAX_FILTER_DIGITS))
    return number


def _as_date(value: Any, what: str) -> dt.date:
    """A date for a filter: typed dates pass through, text is read like a date field's."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise RenderProblem(_not_a_date(what, repr(value)))
    if isinstance(value, (int, float, Decimal)):
        raise RenderProblem(_not_a_date(what, shown(value)))
    day = _parsed(what, FieldType.DATE, value)
    assert isinstance(day, dt.date)
    return day


def _not_a_date(what: str, value: str) -> str:
    # Translators: {filter} is the name of a template filter (date, days_until); {value}
    # is the value it was given.
    return _("{filter}: {value} is not a date").format(filter=what, value=value)


MONEY_STYLES = ("standard", "chat")

# How people write a currency in a chat message, where it differs from the standard mark
# ("150 lei", not "150,00 RON"); a word goes after the amount in every language.
CHAT_CURRENCY_MARKS = {
    "USD": "$",
    "EUR": "€",
    "GBP": "£",
    "RUB": "₽",
    "RON": "lei",
    "HUF": "Ft",
    "CZK": "Kč",
    "PLN": "zł",
    "UAH": "₴",
    "KZT": "₸",
}


@pass_context
def money_filter(
    context: Context, value: Any, currency: str | None = None, style: str = "standard"
) -> str:
    """`{{ price|money }}`: the amount with the currency, formatted for the template's language;
    `|money(style='chat')` as people write it in a message: a whole amount without decimals
    and the currency as written in chat ("1 500 ₽", "150 lei", "25 000 Ft", "$120").

    A typed amount is never rounded: one with more decimals than the currency shows
    ("0.0125" a word, 1.5 yen; a typed amount has at most MONEY_DECIMALS) is written with
    all of them; others get the currency's usual digits. An amount the template computed
    with more decimals than anyone types (`price / 3`) is rounded to the currency's digits.
    """
    if is_empty(value):
        return ""
    if style not in MONEY_STYLES:
        # Translators: "money" is the template filter and standard and chat its styles as
        # a template writes them: keep them in English.
        message = _("money: style {style} is not standard or chat")
        raise RenderProblem(message.format(style=repr(style)))
    from babel.numbers import format_currency, get_decimal_symbol

    code = str(currency or context.get("currency") or context.get(CURRENCY_KEY) or "USD").upper()
    amount = _as_decimal(value, "money", FieldType.MONEY, currency=code)
    locale = _context_locale(context)
    typed = -amount.as_tuple().exponent <= MONEY_DECIMALS  # type: ignore[operator]
    if style == "chat":
        return _chat_money(amount, code, locale, typed=typed)
    text = str(format_currency(amount, code, locale=locale, decimal_quantization=not typed))
    if amount == amount.to_integral_value() and _cash_digits(code) == 0:
        # Forints and the like are written without decimals in everyday use.
        decimal = re.escape(get_decimal_symbol(locale))
        text = re.sub(decimal + r"0+(?!\d)", "", text)
    return text


def _chat_money(amount: Decimal, code: str, locale: Any, *, typed: bool) -> str:
    """The amount as written in a chat message (see money_filter)."""
    from babel.numbers import format_currency, format_decimal

    mark = CHAT_CURRENCY_MARKS.get(code)
    if code == "RON" and amount == 1:
        mark = "leu"  # one leu, two lei
    if amount == amount.to_integral_value():
        number = str(format_decimal(amount.to_integral_value(), format="#,##0", locale=locale))
    else:
        digits = max(_cash_digits(code), 2)
        if typed:
            digits = max(digits, -int(amount.as_tuple().exponent))
        pattern = "#,##0." + "0" * digits
        number = str(format_decimal(amount, format=pattern, locale=locale))
    standard = str(format_currency(1, code, locale=locale))
    symbol_first = not standard[:1].isdigit()  # "$1.00" in English, "1,00 $" elsewhere
    if mark is None:
        mark = standard.replace(str(format_decimal(1, format="0.00", locale=locale)), "")
        mark = mark.replace("1", "").strip("\u00a0 ")
    if mark.isalpha() or not symbol_first:
        return f"{number}\u00a0{mark}"
    sign, digits_only = ("-", number[1:]) if number.startswith("-") else ("", number)
    return f"{sign}{mark}{digits_only}"


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
    """`{{ deadline|date }}` or `|date('short'|'medium'|'long'|'full')`, localized;
    `|date('chat')` as people write it in a message: the day and the month's name, and the
    year only when it is not this year ("2 декабря", "December 2", "december 2.")."""
    if is_empty(value):
        return ""
    if style not in {"short", "medium", "long", "full", "chat"}:
        # Translators: "date" is the template filter and short, medium, long, full and
        # chat are its styles as a template writes them: keep them in English.
        message = _("date: style {style} is not short, medium, long, full or chat")
        raise RenderProblem(message.format(style=repr(style)))
    from babel.dates import format_date, format_skeleton

    day = _as_date(value, "date")
    locale = _context_locale(context)
    if style != "chat":
        return str(format_date(day, format=style, locale=locale))
    if day.year == dt.date.today().year:
        return str(format_skeleton("MMMMd", day, locale=locale))
    text = str(format_skeleton("yMMMMd", day, locale=locale))
    return _YEAR_MARK.sub("", text)  # "2 декабря 2027 г." → "2 декабря 2027"


_YEAR_MARK = re.compile(r"\s*(г\.|р\.)$")


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
        # Translators: "plural" is the template filter; {category} is a form it was given
        # (the forms are zero, one, two, few, many and other, kept in English).
        message = _("plural: unknown category {category}")
        raise RenderProblem(message.format(category=repr(unknown[0])))
    if "other" not in forms:
        # Translators: "plural" is the template filter and 'other' its form: keep both.
        raise RenderProblem(_("plural: the 'other' form is required"))
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
    return TemplateSyntaxProblem(error.message or _("syntax error"), error.lineno)


MAX_TEMPLATE_FIELDS = 200
"""Values one template may ask for (its fields and the variables it reads); real ones ask
for a dozen or two."""


def _too_deep(line: int | None) -> TemplateSyntaxProblem:
    message = _("the template is nested too deeply (brackets, filters or tags inside each other)")
    return TemplateSyntaxProblem(message, line)


def _too_large(line: int | None) -> TemplateSyntaxProblem:
    return TemplateSyntaxProblem(_("a number in the template is too large"), line)


def _too_many_fields(line: int | None) -> TemplateSyntaxProblem:
    message = ngettext(
        "the template asks for more than {limit} value",
        "the template asks for more than {limit} values",
        MAX_TEMPLATE_FIELDS,
    )
    return TemplateSyntaxProblem(message.format(limit=MAX_TEMPLATE_FIELDS), line)


def _failed_line(traceback: TracebackType | None) -> int | None:
    """The template line Jinja's lexer, parser or code generator was at when it gave up
    (a RecursionError has no line of its own): the innermost one its frames were reading."""
    line = None
    while traceback is not None:
        seen = traceback.tb_frame.f_locals
        node = seen.get("node")
        if not isinstance(node, nodes.Node):
            node = seen.get("self")  # a node's own as_const (constant folding) recursing
        stream = getattr(seen.get("self"), "stream", None)
        if isinstance(node, nodes.Node) and isinstance(getattr(node, "lineno", None), int):
            line = node.lineno
        elif isinstance(stream, TokenStream):
            line = stream.current.lineno
        elif isinstance(seen.get("lineno"), int):
            line = seen["lineno"]
        traceback = traceback.tb_next
    return line or None


def _python_line_to_template(source: str, python_line: int | None) -> int | None:
    """The template line of a line of the Python code Jinja generated (its debug_info)."""
    found = re.search(r"^debug_info = '([0-9=&]*)'$", source, re.M)
    if found is None or not python_line or not found.group(1):
        return None
    line = None
    for pair in found.group(1).split("&"):
        template_line, code_line = (int(part) for part in pair.split("="))
        if code_line <= python_line:
            line = template_line
    return line


MAX_TEMPLATE_NODES = 5_000
"""Parts (texts, values, tags, operators) one body may have: compiling costs memory and
time in proportion to them (49,000 `~` took 2.6 s and 377 MB). The largest built-in has
65; a 100,000-character reply with a few hundred values about 2,400."""


def _too_many_nodes_at(line: int | None) -> TemplateSyntaxProblem:
    message = ngettext(
        "the template is too long to check: more than {limit} text, value and tag",
        "the template is too long to check: more than {limit} texts, values and tags",
        MAX_TEMPLATE_NODES,
    )
    return TemplateSyntaxProblem(message.format(limit=f"{MAX_TEMPLATE_NODES:,}"), line)


@dataclasses.dataclass
class _CacheInfo:
    hits: int
    misses: int
    maxsize: int
    currsize: int


class _BodyCache:
    """A least-recently-used cache of a per-body result, bounded by the total number of
    template parts of the bodies it keeps (not only by their count): a few huge bodies
    cannot fill memory the way thousands of entries of 5,000 parts each would. Safe to
    call from the GUI thread and workers at once (the work itself runs unlocked)."""

    def __init__(self, func: Any, max_nodes: int, max_entries: int) -> None:
        functools.update_wrapper(self, func)
        self._lock = threading.Lock()
        self._func = func
        self._max_nodes = max_nodes
        self._max_entries = max_entries
        self._entries: dict[str, tuple[Any, int]] = {}
        self._nodes = 0
        self._hits = 0
        self._misses = 0

    def __call__(self, body: str) -> Any:
        with self._lock:
            found = self._entries.pop(body, None)
            if found is not None:
                self._hits += 1
                self._entries[body] = found  # now the most recent
                return found[0]
            self._misses += 1
        result = self._func(body)
        weight = _node_count(_parse(body)) if self is not _parse else _node_count(result)
        if weight <= self._max_nodes:
            with self._lock:
                previous = self._entries.pop(body, None)  # another thread made it meanwhile
                if previous is not None:
                    self._nodes -= previous[1]
                self._entries[body] = (result, weight)
                self._nodes += weight
                while self._nodes > self._max_nodes or len(self._entries) > self._max_entries:
                    oldest = next(iter(self._entries))
                    self._nodes -= self._entries.pop(oldest)[1]
        return result

    def without_keeping(self, body: str) -> Any:
        """The kept result for `body`, or a fresh one that is not kept: for checking
        thousands of bodies at once (an import), which would only push out the bodies
        in use and leave the collector a heap of trees to walk (stalling every thread)."""
        with self._lock:
            found = self._entries.get(body)
        return self._func(body) if found is None else found[0]

    def cache_clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._nodes = 0
            self._hits = self._misses = 0

    def cache_info(self) -> _CacheInfo:
        return _CacheInfo(self._hits, self._misses, self._max_entries, len(self._entries))


def _node_count(tree: nodes.Node) -> int:
    return _shape(tree).nodes


def _too_many_nodes(tree: nodes.Node) -> TemplateSyntaxProblem:
    """The refusal of a body of too many parts, at the line where the count passes the
    limit in reading order."""
    lines: list[int] = []
    pending: list[nodes.Node] = [tree]
    while pending:
        node = pending.pop()
        pending.extend(node.iter_child_nodes())
        if isinstance(getattr(node, "lineno", None), int):
            lines.append(node.lineno)
    lines.sort()
    return _too_many_nodes_at(lines[min(MAX_TEMPLATE_NODES, len(lines) - 1)])


_MAX_TOKENS = 6 * MAX_TEMPLATE_NODES
"""Words and signs of a body counted before it is parsed (parsing costs twice the count):
a body of 49,000 `~` is refused after reading 30,000 of them. Ordinary bodies have about
two per part."""


def _check_token_count(body: str) -> None:
    if len(body) <= _MAX_TOKENS // 2:  # too short to hold that many tokens (with a margin)
        return
    count = 0
    try:
        for line, _token, _value in ENVIRONMENT.lexer.tokeniter(body, None):
            count += 1
            if count > _MAX_TOKENS:
                raise _too_many_nodes_at(line)
    except TemplateSyntaxError:
        return  # the parser says what is wrong, with its line


def _parse_body(body: str) -> nodes.Template:
    _check_token_count(body)
    try:
        tree = ENVIRONMENT.parse(body)
    except TemplateSyntaxError as error:
        raise _syntax_problem(error) from None
    except RecursionError as error:  # Jinja's parser recurses per nesting level
        raise _too_deep(_failed_line(error.__traceback__)) from None
    except ValueError as error:  # an integer literal of more than 4,300 digits
        raise _too_large(_failed_line(error.__traceback__)) from None
    except MemoryError:
        raise _too_deep(None) from None
    # One walk (not find_all, which recurses once per level) for everything the checks
    # ask of the tree: its size, its depth and the names it reads (see _Shape).
    level: list[nodes.Node] = [tree]  # level by level: the depth costs no tuple per node
    count = depth = 0
    names: set[str] = set()
    while level:
        depth += 1
        below: list[nodes.Node] = []
        for node in level:
            count += 1
            if count > MAX_TEMPLATE_NODES:
                raise _too_many_nodes(tree)
            below.extend(node.iter_child_nodes())
            if isinstance(node, nodes.Name):
                names.add(node.name)
            elif isinstance(node, nodes.Const):
                value = node.value
                if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
                    raise _too_large(node.lineno)
                if isinstance(value, float) and not math.isfinite(value):  # 1e999 is inf
                    raise _too_large(node.lineno)
        level = below
    setattr(tree, _SHAPE, _Shape(count, depth, len(names)))
    return tree


_SHAPE = "replydesk_shape"


@dataclasses.dataclass(frozen=True)
class _Shape:
    """What one walk of a parsed body found, kept on its tree: parts, depth, names read."""

    nodes: int
    depth: int
    names: int


def _shape(tree: nodes.Node) -> _Shape:
    """The shape of a tree from _parse_body (walked again only for another tree)."""
    found = getattr(tree, _SHAPE, None)
    if isinstance(found, _Shape):
        return found
    level: list[nodes.Node] = [tree]
    count = depth = 0
    names: set[str] = set()
    while level:
        depth += 1
        count += len(level)
        names.update(node.name for node in level if isinstance(node, nodes.Name))
        level = [child for node in level for child in node.iter_child_nodes()]
    return _Shape(count, depth, len(names))


_parse = _BodyCache(_parse_body, max_nodes=250_000, max_entries=4096)


@functools.lru_cache(maxsize=4096)
def used_variables(body: str) -> tuple[str, ...]:
    """The variables a body reads without defining them, in order of first use (cached)."""
    tree = _parse(body)
    _compile(body)  # what Python cannot compile is refused before the tree is walked
    try:
        # Runs the code generator, which is where unknown filters and tests are found.
        undeclared = meta.find_undeclared_variables(tree) - set(ENVIRONMENT.globals)
    except TemplateSyntaxError as error:
        raise _syntax_problem(error) from None
    except RecursionError as error:
        raise _too_deep(_failed_line(error.__traceback__)) from None
    ordered: dict[str, None] = {}
    for name_node in tree.find_all(nodes.Name):
        if name_node.name in undeclared and name_node.name not in ordered:
            if len(ordered) == MAX_TEMPLATE_FIELDS:
                raise _too_many_fields(name_node.lineno)
            ordered[name_node.name] = None
    return tuple(ordered)


def _check_field_count(body: str) -> None:
    """Refuse a body that asks for more than MAX_TEMPLATE_FIELDS values (a form of
    thousands of fields); cheap for ordinary bodies, which name far fewer variables."""
    if _shape(_parse(body)).names > MAX_TEMPLATE_FIELDS:
        used_variables(body)  # raises, naming the line of the first field too many


class _UnknownName(TemplateSyntaxProblem):
    """An unknown filter or test: check_parse lets it through (it is reported, with its
    line, when the template is filled)."""


def check_parse(body: str) -> None:
    """Raise TemplateSyntaxProblem (with the line) if the body does not parse, or parses
    but is nested beyond what Python can compile (a deep body is compiled to find out,
    and the compiled template is cached for the fill that follows).

    The check for thousands of imported bodies; an unknown filter is found later, when
    the template is rendered (also with its line).
    """
    shape = _shape(_parse.without_keeping(body))
    if shape.depth > SAFE_DEPTH:
        with contextlib.suppress(_UnknownName):
            _compile(body)
    if shape.names > MAX_TEMPLATE_FIELDS:
        used_variables(body)  # raises, naming the line of the first field too many


SAFE_DEPTH = 12
"""Nodes nested this deep or less always compile: Python's limits (20 nested loops, 100
indents, 200 brackets) are far off. Deeper bodies are compiled to find out (a few ms)."""


def _depth(tree: nodes.Node) -> int:
    """How deeply the nodes of a tree nest (iteratively: no recursion for deep bodies)."""
    return _shape(tree).depth


def check_syntax(body: str) -> None:
    """Raise TemplateSyntaxProblem (with the line) if the body does not parse."""
    _parse(body)
    _compile(body)
    _check_field_count(body)


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


def _compile_body(body: str) -> Template:
    """The body compiled (cached); every way Jinja or Python can refuse it is a
    TemplateSyntaxProblem naming the line: Python limits nesting (20 loops, 100 indents,
    200 brackets) and recursion, which deep bodies reach although Jinja parses them."""
    tree = _parse(body)
    try:
        source = ENVIRONMENT.compile(tree, raw=True)
    except TemplateSyntaxError as error:
        problem = _syntax_problem(error)
        unknown = re.match(r"No (filter|test) named ", error.message or "")
        if unknown:
            raise _UnknownName(problem.short_message, problem.line) from None
        raise problem from None
    except RecursionError as error:
        raise _too_deep(_failed_line(error.__traceback__)) from None
    except ValueError as error:  # an integer too long to write out
        raise _too_large(_failed_line(error.__traceback__)) from None
    assert isinstance(source, str)
    try:
        code = compile(source, "<template>", "exec")
    except (SyntaxError, RecursionError, MemoryError, ValueError) as error:
        line = _python_line_to_template(source, getattr(error, "lineno", None))
        raise _too_deep(line) from None
    return ENVIRONMENT.template_class.from_code(
        ENVIRONMENT, code, ENVIRONMENT.make_globals(None), None
    )


# Compiled code weighs about as much as the tree (some 150 bytes a part): both caches
# stay within a few tens of MB whatever bodies pass through them.
_compile = _BodyCache(_compile_body, max_nodes=100_000, max_entries=512)


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
        # A source naming it, even empty, wins over the default.
        raw = merged[spec.name] if spec.name in merged else resolved_default(spec, merged)
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

_BLANK_RUNS = re.compile(r"\n{3,}")


def tidy(text: str) -> str:
    """Trim line ends and collapse runs of blank lines left by optional parts."""
    # Line by line: the regex r"[ \t]+$" backtracks quadratically on a long run of spaces
    # followed by text (50,000 spaces took 1.8 s, after the render's budget had ended).
    trimmed = "\n".join(line.rstrip(" \t") for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", trimmed).strip("\n")


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
                message = ngettext(
                    "the reply is longer than {limit} character",
                    "the reply is longer than {limit} characters",
                    MAX_OUTPUT_CHARS,
                )
                raise RenderBudgetExceeded(message.format(limit=f"{MAX_OUTPUT_CHARS:,}"))
            budget.check_time()
            chunks.append(chunk)
    except RenderProblem as problem:
        if problem.line is None and (line := _template_line(problem.__traceback__)):
            raise type(problem)(problem.short_message, line) from None
        raise
    except SecurityError as error:
        line = _template_line(error.__traceback__)
        # Translators: {reason} is the template engine's own words (in English).
        message = _("not allowed in a template: {reason}").format(reason=_plain(error))
        raise UnsafeTemplateError(message, line) from None
    except UndefinedError as error:
        raise RenderProblem(_plain(error), _template_line(error.__traceback__)) from None
    except RecursionError:
        raise RenderBudgetExceeded(_("the template recurses too deeply")) from None
    except MemoryError:
        raise RenderBudgetExceeded(_("the template needs too much memory")) from None
    except Exception as error:  # any other failure inside user code becomes a message
        line = _template_line(error.__traceback__)
        if isinstance(error, ValueError) and "int_max_str_digits" in str(error):
            # Python's own refusal to write a huge integer, which names its settings.
            message = _("a number has too many digits to be shown")
            raise RenderBudgetExceeded(message, line) from None
        raise RenderProblem(_plain_words(error), line) from None
    finally:
        ACTIVE_BUDGET.reset(token)
    return tidy("".join(chunks))


# Python's names for the kinds of values a template handles, as a user would say them.
# Translators: a kind of value, put into messages such as "{kind} is not a list" and
# "{kind} and {other} cannot be compared".
_A_NUMBER = N_("a number")
_A_TEXT = N_("a text")
_A_LIST = N_("a list")
_A_SET = N_("a set")
_A_DATE = N_("a date")
_TYPE_WORDS = {
    "int": _A_NUMBER,
    "float": _A_NUMBER,
    "Decimal": _A_NUMBER,
    "decimal.Decimal": _A_NUMBER,
    # Translators: a kind of value (a yes/no field's), as in "yes or no is not a list".
    "bool": N_("yes or no"),
    "str": _A_TEXT,
    "Markup": _A_TEXT,
    # Translators: a kind of value (raw bytes), as in "bytes is not a list".
    "bytes": N_("bytes"),
    "list": _A_LIST,
    "tuple": _A_LIST,
    "range": _A_LIST,
    "generator": _A_LIST,
    "dict": N_("a dictionary"),
    "set": _A_SET,
    "frozenset": _A_SET,
    # Translators: a kind of value (an empty one), as in "nothing has no length".
    "NoneType": N_("nothing"),
    "date": _A_DATE,
    "datetime.date": _A_DATE,
    "datetime": _A_DATE,
    "datetime.datetime": _A_DATE,
}
_UNHASHABLE_WORDS = {
    "list": N_("the items cannot be compared or made unique: they are lists"),
    "dict": N_("the items cannot be compared or made unique: they are dictionaries"),
    "set": N_("the items cannot be compared or made unique: they are sets"),
}
_QUOTED_TYPE = re.compile(r"""['"]([\w.]+)['"]""")
_UNHASHABLE = re.compile(r"unhashable type: '([\w.]+)'")


def _words_for_type(name: str) -> str:
    words = _TYPE_WORDS.get(name)
    return _(words) if words is not None else _("a value of another kind")


def _plain_words(error: Exception) -> str:
    """One plain sentence for a Python error raised while rendering (never its class name
    or Python's own wording about types, operands and hashing)."""
    message = _plain(error)
    if isinstance(error, (ZeroDivisionError, decimal.DivisionByZero)):
        return _("division by zero")
    if isinstance(error, (OverflowError, decimal.Overflow)):
        return _("the number is too large")
    if isinstance(error, decimal.InvalidOperation):
        return _("the numbers cannot be worked out (too many digits, or not a number)")
    if isinstance(error, TypeError):
        return _type_error_words(message)
    if isinstance(error, IndexError):
        return _("the format asks for more values than it is given")
    if isinstance(error, KeyError):
        # Translators: {name} is the key a format string ('{name}' or '%(name)s') names.
        return _("the format names {name}, which it is not given").format(name=message)
    if isinstance(error, (ValueError, ArithmeticError, LookupError, AssertionError)):
        return message or _("a value could not be worked out")
    # Translators: {message} is Python's own words (in English).
    return _("the template could not be rendered ({message})").format(message=message)


def _type_error_words(message: str) -> str:
    """One plain sentence for a TypeError raised while rendering (its `message`)."""
    unhashable = _UNHASHABLE.search(message)
    if unhashable:
        sentence = _UNHASHABLE_WORDS.get(unhashable.group(1))
        if sentence is not None:
            return _(sentence)
        return _("the items cannot be compared or made unique: they are lists or dictionaries")
    kinds = [_words_for_type(name) for name in _QUOTED_TYPE.findall(message)]
    if "not supported between" in message and len(kinds) >= 2:
        # Translators: {kind} and {other} are kinds of values ("a number", "a text").
        return _("{kind} and {other} cannot be compared").format(kind=kinds[0], other=kinds[1])
    if ("unsupported operand" in message or "concatenate" in message) and kinds:
        first, *others = dict.fromkeys(kinds)
        joined = first
        for other in others:
            # Translators: two kinds of values, as in "(a number and a text)".
            joined = _("{kind} and {other}").format(kind=joined, other=other)
        # Translators: {kinds} names the kinds of values ("a number and a text"); "~" is
        # the template's operator that joins texts.
        return _("these values cannot be combined ({kinds}): use ~ to join texts").format(
            kinds=joined
        )
    if "not iterable" in message and kinds:
        # Translators: {kind} is a kind of value ("a number", "a text", "nothing").
        return _("{kind} is not a list").format(kind=kinds[0])
    if "has no len" in message and kinds:
        return _("{kind} has no length").format(kind=kinds[0])
    if "not callable" in message and kinds:
        return _("{kind} cannot be called").format(kind=kinds[0])
    if "not subscriptable" in message and kinds:
        return _("{kind} has no items to pick from").format(kind=kinds[0])
    # Translators: {message} is Python's own words (in English).
    return _("a value of the wrong kind was used ({message})").format(message=message)


_OBJECT_REPR = re.compile(r"<[^<>\n]{0,200}>")
_DUNDER = re.compile(r"__(\w+?)__")


def _plain(error: BaseException) -> str:
    """An error's message without object reprs or dunder names (nothing internal leaks)."""
    internal = _("an internal object")
    message = _OBJECT_REPR.sub(lambda _match: internal, str(error))
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
