"""The template sandbox and its budgets.

`ReplyEnvironment` is Jinja2's immutable sandbox with the render budget wired in: templates
cannot reach internals, change the values they are given, load other templates or turn
internal objects into text, and a render stops with `RenderBudgetExceeded` once it passes
the processor-time, size, range, call-depth or integer limits below. docs/security.md explains each
guarantee and budget; render.py builds the environment and runs renders in it.
"""

from __future__ import annotations

import contextvars
import functools
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from types import ModuleType
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Context, Macro, TemplateReference, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import concat

from replydesk.core.errors import (
    RenderBudgetExceeded,
    RenderProblem,
    RenderTimeExceeded,
    UnsafeTemplateError,
)

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
_WIDTH = re.compile(r"\d+")
_NESTED_FIELD = re.compile(r"\{[^{}]*\{")  # '{:>{w}}': the width comes from an argument


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
            raise RenderTimeExceeded(
                f"rendering took more than {self.seconds:g} s of processor time"
            )

    def produce(self, size: int) -> None:
        self.produced += size
        if self.produced > MAX_PRODUCED_CHARS:
            raise RenderBudgetExceeded(
                f"the template produces more than {MAX_PRODUCED_CHARS:,} characters of text"
            )


# The budget of the render running in this thread (None while compiling: constant folding
# then runs the size checks only).
ACTIVE_BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar(
    "replydesk_render_budget", default=None
)


def _tick() -> None:
    budget = ACTIVE_BUDGET.get()
    if budget is not None:
        budget.check_time()


def _too_long(what: str = "the text") -> RenderBudgetExceeded:
    return RenderBudgetExceeded(f"{what} would be longer than {MAX_OUTPUT_CHARS:,} characters")


def _is_internal(value: Any) -> bool:
    """Functions, classes, modules and template machinery: never shown, never formatted."""
    if isinstance(value, Undefined):
        return False
    return callable(value) or isinstance(value, (ModuleType, TemplateReference, Context))


def _internal_refused(value: Any) -> UnsafeTemplateError:
    kind = "a macro" if isinstance(value, Macro) else "an internal object"
    return UnsafeTemplateError(f"not allowed in a template: {kind} cannot be turned into text")


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
        elif _is_internal(item):
            raise _internal_refused(item)
        else:
            total += 1
        if total > MAX_OUTPUT_CHARS:
            raise _too_long("a value")
    return total


def _limited(result: Any) -> Any:
    if isinstance(result, _SIZED_TYPES) and len(result) > MAX_OUTPUT_CHARS:
        raise _too_long("a value")
    return result


def _check_width(number: Any) -> None:
    if isinstance(number, int) and number > MAX_OUTPUT_CHARS:
        raise _too_long()


def _check_format(template: Any, args: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
    """Refuse a format string whose widths (or `*` widths) would pad to a huge text."""
    if isinstance(template, str):
        if any(int(digits) > MAX_OUTPUT_CHARS for digits in _WIDTH.findall(template)):
            raise _too_long()
        if "*" in template or _NESTED_FIELD.search(template):
            for arg in (*args, *kwargs.values()):
                _check_width(arg)
    for arg in (*args, *kwargs.values()):
        if isinstance(arg, (tuple, Mapping)):
            for inner in arg.values() if isinstance(arg, Mapping) else arg:
                _weigh(inner)
        else:
            _weigh(arg)


def _replace_size(text: Any, old: Any, new: Any, count: Any = -1) -> int:
    if not (isinstance(text, _TEXT_TYPES) and isinstance(old, type(text))):
        return 0
    if not isinstance(new, _TEXT_TYPES):
        return 0
    hits = len(text) + 1 if not old else text.count(old)  # type: ignore[arg-type]
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    return len(text) + hits * max(len(new) - len(old), 0)


def _check_text_method(name: str, text: str | bytes, args: tuple[Any, ...]) -> None:
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


def _check_join(separator: Any, items: list[Any]) -> None:
    sep = len(separator) if isinstance(separator, _TEXT_TYPES) else 0
    if _weigh(items) + sep * len(items) > MAX_OUTPUT_CHARS:
        raise _too_long()


def budgeted_range(*args: int) -> range:
    _tick()
    result = range(*args)
    if len(result) > MAX_RANGE:
        raise RenderBudgetExceeded(f"range() is limited to {MAX_RANGE:,} items")
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
            raise UnsafeTemplateError(
                f"not allowed in a template: templates cannot change a list or a dictionary"
                f" ({attribute!r})"
            )
        if isinstance(obj, _TEXT_TYPES) and attribute in _REFUSED_TEXT_METHODS:
            raise UnsafeTemplateError(
                f"not allowed in a template: the text method {attribute!r} (use |replace)"
            )
        name = attribute.strip("_").split("__")[-1] or "_"
        raise UnsafeTemplateError(
            f"not allowed in a template: access to the internal attribute {name!r}"
        )

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        template = value.__self__
        formatting = wrapper

        def checked(*args: Any, **kwargs: Any) -> str:
            _check_format(template, args, kwargs)
            return str(_limited(formatting(*args, **kwargs)))

        return checked

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget = ACTIVE_BUDGET.get()
        if budget is not None:
            budget.check_time()
            if budget.depth >= MAX_CALL_DEPTH:
                raise RenderBudgetExceeded(
                    f"macros and loops are nested more than {MAX_CALL_DEPTH} levels deep"
                )
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, _TEXT_TYPES):
            name = getattr(__obj, "__name__", "")
            if name == "join" and args:
                items = list(args[0])
                _check_join(owner, items)
                args = (items, *args[1:])
            else:
                _check_text_method(name, owner, args)
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
                raise RenderBudgetExceeded("the exponent is too large")
            bits = (
                left.bit_length() * right if isinstance(left, int) and isinstance(right, int) else 0
            )
            if bits > MAX_INT_BITS:
                raise RenderBudgetExceeded("the number would be too large")
        elif operator == "*":
            if isinstance(left, int) and isinstance(right, int):
                if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                    raise RenderBudgetExceeded("the number would be too large")
            elif _is_sequence(left) or _is_sequence(right):
                sequence, factor = (left, right) if _is_sequence(left) else (right, left)
                if isinstance(factor, int) and _weigh(sequence) * factor > MAX_OUTPUT_CHARS:
                    raise _too_long()
        elif operator == "+" and _is_sequence(left) and _is_sequence(right):
            if _weigh(left) + _weigh(right) > MAX_OUTPUT_CHARS:
                raise _too_long()
        elif operator == "%" and isinstance(left, str):
            values = right if isinstance(right, tuple) else (right,)
            _check_format(left, values, right if isinstance(right, Mapping) else {})
        return _limited(super().call_binop(context, operator, left, right))

    def get_template(self, *args: Any, **kwargs: Any) -> Any:
        raise UnsafeTemplateError(
            "not allowed in a template: include, import and extends cannot load other templates"
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
        raise RenderProblem("a list built by a filter cannot be shown as is: add |join(', ')")
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
    _check_format(value, args, kwargs)


def _check_count(value: Any, count: Any = 1, *args: Any, **kwargs: Any) -> None:
    if isinstance(count, int) and count > MAX_RANGE:
        raise RenderBudgetExceeded(f"batch and slice are limited to {MAX_RANGE:,} items")


_FILTER_CHECKS: dict[str, Callable[..., None]] = {
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
        given = list(args[1:] if passes_first else args)
        if given and isinstance(given[0], Iterator) and name == "join":
            given[0] = list(given[0])  # materialized once, so it can be weighed
            args = (*args[:1], *given) if passes_first else tuple(given)
        for value in (*given, *kwargs.values()):
            if not isinstance(value, Iterator):
                _weigh(value)
        if name == "join" and given and isinstance(given[0], (list, tuple)):
            _check_join(given[1] if len(given) > 1 else kwargs.get("d", ""), list(given[0]))
        if check is not None:
            check(*given, **kwargs)
        return _limited(func(*args, **kwargs))

    return budgeted
