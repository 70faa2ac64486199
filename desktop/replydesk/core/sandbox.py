"""The template sandbox and its budgets.

`ReplyEnvironment` is Jinja2's immutable sandbox with the render budget wired in: templates
cannot reach internals, change the values they are given, load other templates or turn
internal objects into text, and a render stops with `RenderBudgetExceeded` once it passes
the processor-time, size, range, call-depth or integer limits below. docs/security.md explains each
guarantee and budget; render.py builds the environment and runs renders in it.
"""

from __future__ import annotations

import codecs
import contextvars
import functools
import math
import re
import string
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from types import ModuleType
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Context, Macro, TemplateReference, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedFormatter
from jinja2.utils import concat

from replydesk.core.errors import (
    RenderBudgetExceeded,
    RenderProblem,
    RenderTimeExceeded,
    UnsafeTemplateError,
    shown,
)
from replydesk.core.i18n import _, ngettext

# Budgets: a reply is a few hundred characters; anything near these is an accident or an attack.
# docs/security.md explains each of them.
MAX_OUTPUT_CHARS = 100_000  # the reply, and any single text or list built while rendering
MAX_PRODUCED_CHARS = 1_000_000  # all text produced in one render, macro and block output included
MAX_RENDER_SECONDS = 1.0  # processor time of one render, in the thread that renders
MAX_RANGE = 10_000  # items of one range(), slices or batch size
MAX_CALL_DEPTH = 50  # nested calls: macros calling macros, recursive loops
MAX_INT_BITS = 4_096  # integers built by * and ** (about 1,230 digits)
MAX_EXPONENT = 64

_TICK_EVERY = 64  # loop items between two budget checks: keeps loops cheap, bombs short
_CLOCK_EVERY = 16  # budget checks between two reads of the processor-time clock
_TEXT_TYPES = (str, bytes)
_SIZED_TYPES = (str, bytes, list, tuple, dict, set, frozenset)
_MUTATORS = frozenset(
    {
        "append",
        "extend",
        "insert",
        "pop",
        "popitem",
        "remove",
        "clear",
        "update",
        "setdefault",
        "add",
        "discard",
        "sort",
        "reverse",
        "difference_update",
        "intersection_update",
        "symmetric_difference_update",
    }
)
# str.translate with a table built by maketrans can grow a text a hundred-thousand-fold in one call.
_REFUSED_TEXT_METHODS = frozenset({"translate", "maketrans"})
# The text encodings a template may use: each costs time in proportion to the text
# (punycode and idna are quadratic: 20,000 characters took 82 s).
_ALLOWED_CODECS = frozenset(
    {"utf-8", "ascii", "iso8859-1", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le"}
    | {"utf-32-be"}
)
_REPR_GROWTH = 10  # repr() writes one character as at most 10 ('\U0001f600')
_FLOAT_CHARS = 330  # '{:f}'.format(1e308): 309 digits, a point and the decimals
_DIGITS_PER_BIT = 0.30103  # log10(2): the decimal digits of an n-bit integer
# A replacement field's standard format spec: [[fill]align][sign][z][#][0][width][,_][.precision]
_SPEC = re.compile(r"(?:.?[<>=^])?[-+ ]?z?#?0?(?P<width>\d*)[,_]?(?:\.(?P<precision>\d*))?", re.S)
# One %-conversion: %(key)flags width .precision length type
_PERCENT = re.compile(
    r"%(?:\((?P<key>[^)]*)\))?[-+ #0]*(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d*))?[hlL]?"
    r"(?P<type>.?)",
    re.S,
)


class Budget:
    """What one render may still spend: processor time, the text produced, the call depth.

    Time is the rendering thread's own processor time, not the wall clock: a busy or slow
    machine stretches a render's wall time but not the work it does, so the budget stops
    templates that do too much work and never an ordinary one that waited for a core.
    """

    __slots__ = ("checks_left", "deadline", "depth", "produced", "seconds")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.thread_time() + seconds
        self.produced = 0
        self.depth = 0
        self.checks_left = _CLOCK_EVERY

    def check_time(self) -> None:
        # Reading a thread's processor time is a system call (about 15 times the cost of
        # the monotonic clock), so only every _CLOCK_EVERY-th check reads it.
        self.checks_left -= 1
        if self.checks_left > 0:
            return
        self.checks_left = _CLOCK_EVERY
        if time.thread_time() > self.deadline:
            # Translators: {seconds} is a number of seconds ("1", "0.05"); "s" is seconds.
            message = _("rendering took more than {seconds} s of processor time")
            raise RenderTimeExceeded(message.format(seconds=f"{self.seconds:g}"))

    def produce(self, size: int) -> None:
        self.produced += size
        if self.produced > MAX_PRODUCED_CHARS:
            message = ngettext(
                "the template produces more than {limit} character of text",
                "the template produces more than {limit} characters of text",
                MAX_PRODUCED_CHARS,
            )
            raise RenderBudgetExceeded(message.format(limit=f"{MAX_PRODUCED_CHARS:,}"))


# The budget of the render running in this thread (None while compiling: constant folding
# then runs the size checks only).
ACTIVE_BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar(
    "replydesk_render_budget", default=None
)


def _tick() -> None:
    budget = ACTIVE_BUDGET.get()
    if budget is not None:
        budget.check_time()


def _too_long(what: str = "text") -> RenderBudgetExceeded:
    """The refusal of something that would grow too long: "text" (the text being built),
    "value", "list" or "bytes"."""
    limit = MAX_OUTPUT_CHARS
    if what == "value":
        message = ngettext(
            "a value would be longer than {limit} character",
            "a value would be longer than {limit} characters",
            limit,
        )
    elif what == "list":
        message = ngettext(
            "a list would be longer than {limit} character",
            "a list would be longer than {limit} characters",
            limit,
        )
    elif what == "bytes":
        message = ngettext(
            "the bytes would be longer than {limit} character",
            "the bytes would be longer than {limit} characters",
            limit,
        )
    else:
        message = ngettext(
            "the text would be longer than {limit} character",
            "the text would be longer than {limit} characters",
            limit,
        )
    return RenderBudgetExceeded(message.format(limit=f"{limit:,}"))


def _is_internal(value: Any) -> bool:
    """Functions, classes, modules and template machinery: never shown, never formatted."""
    if isinstance(value, Undefined):
        return False
    return callable(value) or isinstance(value, (ModuleType, TemplateReference, Context))


def _internal_refused(value: Any) -> UnsafeTemplateError:
    if isinstance(value, Macro):
        message = _("not allowed in a template: a macro cannot be turned into text")
    else:
        message = _("not allowed in a template: an internal object cannot be turned into text")
    return UnsafeTemplateError(message)


def _weigh(value: Any) -> int:
    """Roughly how many characters `value` becomes as text; refuses internal objects.

    Walks nested lists and dicts (shared items count every time they appear) and stops as
    soon as the total passes MAX_OUTPUT_CHARS, so a value built to explode is never printed.
    """
    total = 0
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, _TEXT_TYPES):
            total += len(item) + 1
        elif isinstance(item, (list, tuple, set, frozenset)):
            total += len(item) + 1
            if total <= MAX_OUTPUT_CHARS:
                pending.extend(item)
        elif isinstance(item, dict):
            total += len(item) + 1
            if total <= MAX_OUTPUT_CHARS:
                pending.extend(item.keys())
                pending.extend(item.values())
        elif isinstance(item, range):
            total += len(item) + 1
        elif isinstance(item, int) and not isinstance(item, bool):
            total += _int_chars(item)
        elif _is_internal(item):
            raise _internal_refused(item)
        else:
            total += 1
        if total > MAX_OUTPUT_CHARS:
            raise _too_long("value")
    return total


def _int_chars(number: int) -> int:
    """The length of an integer as text; refuses one too large to be shown (Python itself
    refuses to write more than 4,300 digits, with a message about its own settings)."""
    if number.bit_length() > MAX_INT_BITS:
        raise _too_large()
    return int(number.bit_length() * _DIGITS_PER_BIT) + 2


def _too_large() -> RenderBudgetExceeded:
    message = ngettext(
        "a number would have more than {limit} digit",
        "a number would have more than {limit} digits",
        _MAX_INT_DIGITS,
    )
    return RenderBudgetExceeded(message.format(limit=f"{_MAX_INT_DIGITS:,}"))


_MAX_INT_DIGITS = int(MAX_INT_BITS * _DIGITS_PER_BIT) + 1


def _limited(result: Any) -> Any:
    """Refuse a result too large to keep: texts, lists and dicts, and huge integers."""
    if isinstance(result, _SIZED_TYPES) and len(result) > MAX_OUTPUT_CHARS:
        raise _too_long("value")
    if isinstance(result, int) and result.bit_length() > MAX_INT_BITS:
        raise _too_large()
    return result


def _weighed(items: Iterable[Any]) -> Iterator[Any]:
    """A lazy list (a generator from |map, |select...) weighed item by item as it is
    consumed, so that |join, |list or dict() stop before it is all built."""
    budget = ACTIVE_BUDGET.get()
    total = 0
    for item in items:
        total += _weigh(item)
        if total > MAX_OUTPUT_CHARS:
            raise _too_long("list")
        if budget is not None:
            budget.check_time()
        yield item


def _check_width(number: Any) -> None:
    if isinstance(number, int) and number > MAX_OUTPUT_CHARS:
        raise _too_long()


def _value_chars(value: Any, kind: str, precision: int) -> int:
    """How long one formatted value can be: its text, a number written out in full (a
    float or Decimal in 'f' notation), or its repr (`!r`, `%r`: up to 10 per character)."""
    if kind in {"r", "a"}:
        return _weigh(value) * _REPR_GROWTH
    if isinstance(value, float):  # 'f' and '%d' write every digit of 1e308
        return (_FLOAT_CHARS if kind and kind in "fF%diu" else 25) + precision
    if isinstance(value, Decimal) and value.is_finite():
        whole = max(value.adjusted(), 0) + 1
        fraction = max(-value.as_tuple().exponent, 0)  # type: ignore[operator]
        return whole + whole // 3 + fraction + precision + 3
    size = _weigh(value)
    if isinstance(value, int) and kind in {"b", "o", "x", "X", "c"}:
        return value.bit_length() + 3 + precision if kind == "b" else size + precision
    if isinstance(value, int):
        return size + size // 3 + precision  # ',' or '_' grouping adds a third
    if kind in {"s", ""} and isinstance(value, str):
        return size  # a precision cuts text short
    return size + precision


def _check_total(total: int) -> None:
    if total > MAX_OUTPUT_CHARS:
        raise _too_long()


def _check_brace_format(template: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
    """Refuse a str.format template whose fields, all summed, would build a huge text.

    Each field counts as its width or its value's length, whichever is more, plus its
    precision; nested widths (`'{:>{w}}'`) are read from the arguments. The sum of all
    fields is checked before anything is built (one field under the limit repeated 8,000
    times built 6 GB).
    """
    formatter = _formatter()
    auto = iter(range(len(args)))
    total = len(template)

    def lookup(name: str) -> Any:
        head = re.match(r"[^.\[]*", name)
        first = head.group(0) if head else ""
        if not first:
            name = f"{next(auto, len(args))}{name}"
        try:
            return formatter.get_field(name, args, kwargs)[0]
        except (LookupError, AttributeError, TypeError, ValueError):
            return None  # the format call itself reports it

    try:
        fields = list(string.Formatter().parse(template))
    except ValueError:
        return  # a malformed template: str.format says what is wrong
    for _literal, name, spec, conversion in fields:
        _tick()
        if name is None:
            continue
        value = lookup(name)
        spec = spec or ""
        if "{" in spec:  # '{:>{w}.{p}}': each nested field is an argument
            spec = _nested_spec(spec, lookup)
        total += _field_chars(value, spec, conversion or "")
        _check_total(total)


def _nested_spec(spec: str, lookup: Callable[[str], Any]) -> str:
    """The spec str.format will use: Python writes str(value) of every nested field into
    it, whatever the value's type ('{0:{1}}' with '>99999', '{:>{}}' with '99999'), so
    the widths and precisions read from the result are the ones that will be built."""
    parts = []
    try:
        nested = list(string.Formatter().parse(spec))
    except ValueError:
        return spec  # str.format says what is wrong
    for literal, inner, _spec, _conversion in nested:
        parts.append(literal)
        if inner is not None:
            value = lookup(inner)
            if value is not None:
                _weigh(value)  # no internal object, nothing huge
                parts.append(str(value))
    return "".join(parts)


@functools.cache
def _formatter() -> SandboxedFormatter:
    """Reads a field's value as str.format will, through the sandbox's attribute checks."""
    return SandboxedFormatter(ReplyEnvironment())


def _field_chars(value: Any, spec: str, conversion: str) -> int:
    found = _SPEC.match(spec)
    width = _spec_number(found.group("width")) if found else 0
    precision = _spec_number(found.group("precision")) if found else 0
    kind = conversion if conversion in {"r", "a"} else (spec[-1:] if spec[-1:].isalpha() else "")
    if value is not None and not isinstance(value, (str, int, float, Decimal)):
        # dates format through strftime: '%A' is at most a dozen characters
        return max(width, _weigh(value) * _REPR_GROWTH, len(spec) * 12) + precision
    return max(width, _value_chars(value, kind, precision) if value is not None else 0) + precision


def _spec_number(digits: str | None) -> int:
    """A width or precision written in a spec, refused past MAX_OUTPUT_CHARS (read without
    converting a 5,000-digit number, which Python itself refuses)."""
    digits = (digits or "").lstrip("0")
    if len(digits) > len(str(MAX_OUTPUT_CHARS)) or int(digits or 0) > MAX_OUTPUT_CHARS:
        raise _too_long()
    return int(digits or 0)


def _check_percent_format(template: str, values: Any) -> None:
    """The same for `'%5d' % n` and |format: every conversion's width, `*` widths read
    from the values, and every value's length, summed before the text is built."""
    positional = values if isinstance(values, tuple) else (values,)
    mapping = values if isinstance(values, Mapping) else None
    next_value = iter(positional)
    total = len(template)
    for found in _PERCENT.finditer(template):
        _tick()
        kind = found.group("type")
        if kind == "%":
            continue
        sizes = []
        for part in ("width", "precision"):
            given = found.group(part)
            if given == "*":
                star = next(next_value, 0)
                _check_width(star)
                sizes.append(star if isinstance(star, int) else 0)
            else:
                sizes.append(_spec_number(given))
        width, precision = sizes
        if width > MAX_OUTPUT_CHARS or precision > MAX_OUTPUT_CHARS:
            raise _too_long()
        key = found.group("key")
        value = mapping.get(key) if mapping is not None and key is not None else None
        if key is None:
            value = next(next_value, None)
        if kind in {"s", "r", "a"} and isinstance(value, str):
            size = _value_chars(value, kind, 0)
        else:
            size = _value_chars(value, kind, precision) if value is not None else 0
        total += max(width, size) + precision
        _check_total(total)


def _check_format(template: Any, args: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
    """Refuse a format string whose fields, summed, would build a huge text (str.format
    and format_map with `{}` fields, `%` and |format with `%` conversions)."""
    for arg in (*args, *kwargs.values()):
        if isinstance(arg, (tuple, Mapping)):
            for inner in arg.values() if isinstance(arg, Mapping) else arg:
                _weigh(inner)
        else:
            _weigh(arg)
    if isinstance(template, str):
        _check_brace_format(template, args, kwargs)


def _check_percent(template: Any, values: Any) -> None:
    _weigh(values)
    if isinstance(template, str):
        _check_percent_format(template, values)


def _replace_size(text: Any, old: Any, new: Any, count: Any = -1) -> int:
    if not (isinstance(text, _TEXT_TYPES) and isinstance(old, type(text))):
        return 0
    if not isinstance(new, _TEXT_TYPES):
        return 0
    hits = len(text) + 1 if not old else text.count(old)  # type: ignore[arg-type]
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    return len(text) + hits * max(len(new) - len(old), 0)


def _check_text_method(
    name: str, text: str | bytes, args: tuple[Any, ...], kwargs: Mapping[str, Any]
) -> None:
    """Size checks for the str and bytes methods that can build a huge text in one call."""
    if name in {"center", "ljust", "rjust", "zfill"}:
        for arg in args[:1]:
            _check_width(arg)
    elif name == "expandtabs":
        size = int(args[0]) if args and isinstance(args[0], int) else 8
        tab = "\t" if isinstance(text, str) else b"\t"
        if len(text) + text.count(tab) * size > MAX_OUTPUT_CHARS:  # type: ignore[arg-type]
            raise _too_long()
    elif name == "replace" and len(args) >= 2 and _replace_size(text, *args[:3]) > MAX_OUTPUT_CHARS:
        raise _too_long()
    elif name in {"encode", "decode"}:
        _check_codec(args[0] if args else kwargs.get("encoding", "utf-8"))


def _check_codec(encoding: Any) -> None:
    """Only the encodings that take time in proportion to the text: punycode and idna are
    quadratic, and the others are never needed in a reply."""
    try:
        name = codecs.lookup(str(encoding)).name
    except LookupError:
        return  # encode() itself says the encoding is unknown
    if name not in _ALLOWED_CODECS:
        # Translators: {encoding} is the name a template gave (punycode); utf-8, ascii
        # and latin-1 are names to type: keep them.
        message = _(
            "not allowed in a template: the text encoding {encoding} (use utf-8, ascii or latin-1)"
        )
        raise UnsafeTemplateError(message.format(encoding=shown(str(encoding))))


def _check_int_method(name: str, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    """`(1).to_bytes(3 * 10**9, 'big')` would build 3 GB in one call."""
    if name == "to_bytes":
        length = args[0] if args else kwargs.get("length", 1)
        if isinstance(length, int) and length > MAX_OUTPUT_CHARS:
            raise _too_long("bytes")


def _check_join(separator: Any, items: list[Any]) -> None:
    sep = len(separator) if isinstance(separator, _TEXT_TYPES) else 0
    if _weigh(items) + sep * len(items) > MAX_OUTPUT_CHARS:
        raise _too_long()


def budgeted_range(*args: int) -> range:
    _tick()
    result = range(*args)
    if len(result) > MAX_RANGE:
        message = ngettext(
            "range() is limited to {limit} item", "range() is limited to {limit} items", MAX_RANGE
        )
        raise RenderBudgetExceeded(message.format(limit=f"{MAX_RANGE:,}"))
    return result


def _budgeted_items(iterable: Any) -> Iterator[Any]:
    """Every `{% for %}` loop iterates through this, so a loop that prints nothing still stops."""
    budget = ACTIVE_BUDGET.get()
    if budget is None:
        yield from iterable
        return
    for index, item in enumerate(iterable):
        if not index % _TICK_EVERY:
            budget.check_time()
        yield item


def _has_non_finite(value: Any) -> bool:
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, float) and not math.isfinite(item):
            return True
        if isinstance(item, (list, tuple, set, frozenset)):
            pending.extend(item)
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
    return False


def _const_source(value: Any) -> str:
    """Python source for a folded constant that holds inf or nan (only for those: nesting
    is as shallow as the template's own brackets)."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"float({str(value)!r})"
    if isinstance(value, list):
        return "[" + "".join(_const_source(v) + ", " for v in value) + "]"
    if isinstance(value, tuple):
        return "(" + "".join(_const_source(v) + ", " for v in value) + ")"
    if isinstance(value, (set, frozenset)):
        return f"{type(value).__name__}([" + "".join(_const_source(v) + ", " for v in value) + "])"
    if isinstance(value, dict):
        items = "".join(f"{_const_source(k)}: {_const_source(v)}, " for k, v in value.items())
        return "{" + items + "}"
    return repr(value)


class ReplyCodeGenerator(CodeGenerator):
    """Jinja's code generator, routing loops, `~` and constant text through the budget."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._loop_iterables: set[int] = set()

    def visit(self, node: nodes.Node, *args: Any, **kwargs: Any) -> Any:
        if id(node) not in self._loop_iterables:
            return super().visit(node, *args, **kwargs)
        self.write("environment.budgeted_items(")
        super().visit(node, *args, **kwargs)
        self.write(")")
        return None

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        self._loop_iterables.add(id(node.iter))
        super().visit_For(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.budgeted_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")

    def visit_Const(self, node: nodes.Const, frame: Frame) -> None:
        # Constant folding can make inf or nan (`1e308 / 1e-308`), whose repr is no Python
        # name: Jinja wrote `inf` into the code, and the render said "name 'inf' is not
        # defined".
        value = node.as_const(frame.eval_ctx)
        if _has_non_finite(value):
            self.write(_const_source(value))
        else:
            super().visit_Const(node, frame)

    def _output_const_repr(self, group: Any) -> str:
        # Literal text inside a loop or macro counts toward MAX_PRODUCED_CHARS too.
        return f"environment.produce({concat(group)!r})"


class ReplyEnvironment(ImmutableSandboxedEnvironment):
    """The immutable sandbox plus the render budget.

    Immutable: a template must not change the lists and dicts it is given (the same values
    feed the preview again) and list.extend would double a list in every step. Every
    refusal raises at once with a message for the user instead of rendering an undefined.
    """

    code_generator_class = ReplyCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})
    budgeted_items = staticmethod(_budgeted_items)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, type) and attr in _MUTATORS:
            return False  # dict.update(d, ...) would bypass the check on instances
        if isinstance(obj, _TEXT_TYPES) and attr in _REFUSED_TEXT_METHODS:
            return False
        return super().is_safe_attribute(obj, attr, value)

    def unsafe_undefined(self, obj: Any, attribute: str) -> Undefined:
        if attribute in _MUTATORS:
            # Translators: {name} is the method a template called ('append').
            message = _(
                "not allowed in a template: templates cannot change a list or a dictionary ({name})"
            )
            raise UnsafeTemplateError(message.format(name=repr(attribute)))
        if isinstance(obj, _TEXT_TYPES) and attribute in _REFUSED_TEXT_METHODS:
            # Translators: {name} is the method a template called ('translate'); "|replace"
            # is the template filter to use instead: keep it.
            message = _("not allowed in a template: the text method {name} (use |replace)")
            raise UnsafeTemplateError(message.format(name=repr(attribute)))
        name = attribute.strip("_").split("__")[-1] or "_"
        # Translators: {name} is the attribute a template asked for ('class').
        message = _("not allowed in a template: access to the internal attribute {name}")
        raise UnsafeTemplateError(message.format(name=repr(name)))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        template = value.__self__
        formatting = wrapper

        is_map = getattr(value, "__name__", "") == "format_map"

        def checked(*args: Any, **kwargs: Any) -> str:
            if is_map and len(args) == 1 and isinstance(args[0], Mapping) and not kwargs:
                _check_format(template, (), args[0])
            else:
                _check_format(template, args, kwargs)
            return str(_limited(formatting(*args, **kwargs)))

        return checked

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget = ACTIVE_BUDGET.get()
        if budget is not None:
            budget.check_time()
            if budget.depth >= MAX_CALL_DEPTH:
                message = ngettext(
                    "macros and loops are nested more than {limit} level deep",
                    "macros and loops are nested more than {limit} levels deep",
                    MAX_CALL_DEPTH,
                )
                raise RenderBudgetExceeded(message.format(limit=MAX_CALL_DEPTH))
        owner = getattr(__obj, "__self__", None)
        name = getattr(__obj, "__name__", "")
        # A lazy list given to a call (dict(...), str.join) is weighed as it is consumed.
        args = tuple(_weighed(a) if isinstance(a, Iterator) else a for a in args)
        if isinstance(owner, _TEXT_TYPES):
            if name == "join" and args:
                items = list(_weighed(args[0]))
                _check_join(owner, items)
                args = (items, *args[1:])
            else:
                _check_text_method(name, owner, args, kwargs)
        elif isinstance(owner, int):
            _check_int_method(name, args, kwargs)
        if budget is None:
            return _limited(super().call(__context, __obj, *args, **kwargs))
        budget.depth += 1
        try:
            return _limited(super().call(__context, __obj, *args, **kwargs))
        finally:
            budget.depth -= 1

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _tick()
        if operator == "**":
            if _number_magnitude(right) > MAX_EXPONENT:
                raise RenderBudgetExceeded(_("the exponent is too large"))
            bits = (
                left.bit_length() * right if isinstance(left, int) and isinstance(right, int) else 0
            )
            if bits > MAX_INT_BITS:
                raise RenderBudgetExceeded(_("the number would be too large"))
        elif operator == "*":
            if isinstance(left, int) and isinstance(right, int):
                if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                    raise RenderBudgetExceeded(_("the number would be too large"))
            elif _is_sequence(left) or _is_sequence(right):
                sequence, factor = (left, right) if _is_sequence(left) else (right, left)
                if isinstance(factor, int) and _weigh(sequence) * factor > MAX_OUTPUT_CHARS:
                    raise _too_long()
        elif operator == "+" and _is_sequence(left) and _is_sequence(right):
            if _weigh(left) + _weigh(right) > MAX_OUTPUT_CHARS:
                raise _too_long()
        elif operator == "%" and isinstance(left, str):
            _check_percent(left, right)
        return _limited(super().call_binop(context, operator, left, right))

    def get_template(self, *args: Any, **kwargs: Any) -> Any:
        # Translators: include, import and extends are the template's tags: keep them.
        raise UnsafeTemplateError(
            _("not allowed in a template: include, import and extends cannot load other templates")
        )

    select_template = get_template
    get_or_select_template = get_template

    @staticmethod
    def budgeted_concat(parts: tuple[Any, ...]) -> str:
        """`a ~ b`: joined like Jinja does, but never past MAX_OUTPUT_CHARS."""
        size = 0
        for part in parts:
            size += _weigh(part)
        if size > MAX_OUTPUT_CHARS:
            raise _too_long()
        return "".join(str(part) for part in parts)

    @staticmethod
    def produce(text: str) -> str:
        budget = ACTIVE_BUDGET.get()
        if budget is not None:
            budget.produce(len(text))
        return text


def _number_magnitude(value: Any) -> float:
    try:
        return abs(float(value))
    except (TypeError, ValueError, OverflowError):
        return 0.0


def _is_sequence(value: Any) -> bool:
    return isinstance(value, (str, bytes, list, tuple))


def finalize_value(value: Any) -> Any:
    """Every `{{ ... }}` passes here: no internal objects, no huge text, counted output."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, Undefined):
        return value  # printing it raises the usual "is undefined" problem
    elif _is_internal(value):
        raise _internal_refused(value)
    elif isinstance(value, Iterator):
        # Translators: "|join(', ')" is what to add to the template: keep it as it is.
        raise RenderProblem(_("a list built by a filter cannot be shown as is: add |join(', ')"))
    else:
        _weigh(value)
        text = str(value)
    if len(text) > MAX_OUTPUT_CHARS:
        raise _too_long()
    budget = ACTIVE_BUDGET.get()
    if budget is not None:
        budget.produce(len(text))
    return text


# Filter arguments that make a small text huge in one step, checked before the filter runs.
def _check_center(value: Any, width: Any = 80) -> None:
    _check_width(width)


def _check_indent(value: Any, width: Any = 4, *args: Any, **kwargs: Any) -> None:
    step = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    lines = value.count("\n") + 1 if isinstance(value, str) else 1
    if len(str(value)) + lines * max(step, 0) > MAX_OUTPUT_CHARS:
        raise _too_long()


def _check_wordwrap(
    value: Any, width: Any = 79, break_long_words: Any = True, wrapstring: Any = None, **_: Any
) -> None:
    wrap = len(wrapstring) if isinstance(wrapstring, str) else 1
    size = len(value) if isinstance(value, str) else 0
    step = width if isinstance(width, int) and width > 0 else 1
    if size + (size // step + 1) * wrap > MAX_OUTPUT_CHARS:
        raise _too_long()


def _check_replace(value: Any, old: Any = "", new: Any = "", count: Any = None) -> None:
    if _replace_size(value, old, new, -1 if count is None else count) > MAX_OUTPUT_CHARS:
        raise _too_long()


def _check_format_filter(value: Any, *args: Any, **kwargs: Any) -> None:
    _check_percent(value, kwargs or args)  # |format is `value % (kwargs or args)`


def _check_count(value: Any, count: Any = 1, *args: Any, **kwargs: Any) -> None:
    if isinstance(count, int) and count > MAX_RANGE:
        # Translators: batch and slice are the names of template filters: keep them.
        message = ngettext(
            "batch and slice are limited to {limit} item",
            "batch and slice are limited to {limit} items",
            MAX_RANGE,
        )
        raise RenderBudgetExceeded(message.format(limit=f"{MAX_RANGE:,}"))


def _check_int(value: Any, *args: Any, **kwargs: Any) -> None:
    """|int reads text of any length (past 4,300 digits Python refuses it, and Jinja then
    tries a float, which overflows): refuse it with the budget's own message."""
    if isinstance(value, _TEXT_TYPES) and len(value.strip()) > _MAX_INT_DIGITS + 1:
        raise _too_large()


MAX_INDENT = 8
"""The widest indent of |tojson (a 99,999-space indent built 2 GB in one json.dumps)."""
MAX_ROUND_DIGITS = 20
"""The digits |round may keep (or, negative, clear): 10 ** 100000000 hung in one step."""


def _laid_out_chars(value: Any, step: int, keys_indent: bool) -> int:
    """An upper bound of the text of `value` laid out one item per line, each line indented
    `step` more per level (and, for pprint, by the length of the key it follows): what
    |tojson(indent=) and |pprint write. Stops once past MAX_OUTPUT_CHARS."""
    total = 0
    pending: list[tuple[Any, int]] = [(value, 0)]
    while pending:
        item, indent = pending.pop()
        total += indent + 2
        if isinstance(item, dict):
            for key, inner in item.items():
                extra = _weigh(key) + 2 if keys_indent else 0
                total += extra
                pending.append((inner, indent + step + extra))
        elif isinstance(item, (list, tuple, set, frozenset)):
            total += indent  # the closing bracket's line
            pending.extend((inner, indent + step) for inner in item)
        else:
            total += _weigh(item)
        if total > MAX_OUTPUT_CHARS:
            raise _too_long()
    return total


def _check_tojson(value: Any, indent: Any = None) -> None:
    step = len(indent) if isinstance(indent, str) else indent if isinstance(indent, int) else 0
    if step > MAX_INDENT:
        # Translators: "tojson" is the name of a template filter: keep it.
        message = ngettext(
            "tojson: the indent is limited to {limit} space",
            "tojson: the indent is limited to {limit} spaces",
            MAX_INDENT,
        )
        raise RenderBudgetExceeded(message.format(limit=MAX_INDENT))
    if step > 0:
        _laid_out_chars(value, step, keys_indent=False)


def _check_pprint(value: Any, *args: Any, **kwargs: Any) -> None:
    _laid_out_chars(value, 1, keys_indent=True)


def _check_round(value: Any, precision: Any = 0, *args: Any, **kwargs: Any) -> None:
    if isinstance(precision, int) and abs(precision) > MAX_ROUND_DIGITS:
        # Translators: "round" is the name of a template filter: keep it.
        message = ngettext(
            "round: the precision is limited to {limit} digit (-{limit} to {limit})",
            "round: the precision is limited to {limit} digits (-{limit} to {limit})",
            MAX_ROUND_DIGITS,
        )
        raise RenderBudgetExceeded(message.format(limit=MAX_ROUND_DIGITS))


def _check_truncate(value: Any, length: Any = 255, *args: Any, **kwargs: Any) -> None:
    end = args[1] if len(args) > 1 else kwargs.get("end", "...")
    if isinstance(length, int) and isinstance(end, str) and length < len(end):
        # Translators: "truncate" is the name of a template filter: keep it; {length} is
        # the length of the text it ends a cut text with ("...").
        message = _("truncate: the length must be at least {length} (the end's)")
        raise RenderProblem(message.format(length=len(end)))


_FILTER_CHECKS: dict[str, Callable[..., None]] = {
    "int": _check_int,
    "tojson": _check_tojson,
    "pprint": _check_pprint,
    "round": _check_round,
    "truncate": _check_truncate,
    "center": _check_center,
    "indent": _check_indent,
    "wordwrap": _check_wordwrap,
    "replace": _check_replace,
    "format": _check_format_filter,
    "batch": _check_count,
    "slice": _check_count,
}


def budgeted_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that checks the clock, its arguments and the size of what it returns."""
    passes_first = hasattr(func, "jinja_pass_arg")
    check = _FILTER_CHECKS.get(name)

    @functools.wraps(func)
    def budgeted(*args: Any, **kwargs: Any) -> Any:
        _tick()
        given = [_weighed(v) if isinstance(v, Iterator) else v for v in args[passes_first:]]
        if given and isinstance(given[0], Iterator) and name == "join":
            given[0] = list(given[0])  # weighed item by item, so it can be checked as a list
        args = (*args[:passes_first], *given)
        for value in (*given, *kwargs.values()):
            if not isinstance(value, Iterator):
                _weigh(value)
        if name == "join" and given and isinstance(given[0], (list, tuple)):
            _check_join(given[1] if len(given) > 1 else kwargs.get("d", ""), list(given[0]))
        if check is not None:
            check(*given, **kwargs)
        return _limited(func(*args, **kwargs))

    return budgeted
