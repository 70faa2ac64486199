"""Resource bombs: every one stops within the budget with a clear message.

The time budget is the rendering thread's processor time, so these tests measure that
too (never the wall clock, which a busy machine stretches).
"""

from __future__ import annotations

import resource
import sys
import time

import pytest

from replydesk.core import render, sandbox
from replydesk.core.errors import RenderBudgetExceeded, RenderTimeExceeded, ReplydeskError

MARGIN_SECONDS = 1.0  # of processor time: what a render may spend past its budget
MAX_GROWTH_BYTES = 200 * 1024 * 1024
# ru_maxrss is in kilobytes on Linux and in bytes on macOS.
RSS_UNIT = 1 if sys.platform == "darwin" else 1024

BOMBS: list[tuple[str, str]] = [
    ("range-billion", "{% for i in range(10**9) %}{% endfor %}"),
    ("range-huge-literal", "{{ range(1000000000)|list|length }}"),
    (
        "nested-loops-silent",
        "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
    ),
    (
        "nested-loops-output",
        "{% for i in range(10000) %}{% for j in range(10000) %}x{% endfor %}{% endfor %}",
    ),
    (
        "nested-loops-over-list",
        "{% set l = range(10000)|list %}{% for i in l %}{% for j in l %}{% endfor %}{% endfor %}",
    ),
    ("string-times-billion", "{{ 'x' * 10**9 }}"),
    ("string-times-times", "{{ 'ab' * 10**5 * 10**5 }}"),
    ("list-times-billion", "{{ [1, 2] * 10**9 }}"),
    ("nested-list-times", "{% set a = [0] * 50000 %}{{ [a] * 50000 }}"),
    (
        "nested-list-literals",
        "{% set a = ['x' * 50000] %}{% set b = [a, a, a, a] %}{% set c = [b, b, b, b] %}{{ c }}",
    ),
    (
        "concat-doubling",
        "{% set s = 'x' * 60000 %}{% set s = s ~ s %}{% set s = s ~ s %}{{ s|length }}",
    ),
    ("plus-doubling", "{% set s = 'x' * 60000 %}{% set s = s + s %}{{ s|length }}"),
    (
        "list-plus-doubling",
        "{% set l = range(10000)|list %}{% set l = l + l + l + l + l + l + l + l + l + l + l %}"
        "{{ l|length }}",
    ),
    ("replace-empty", "{{ ('x' * 1000)|replace('', 'y' * 1000) }}"),
    ("replace-growth", "{{ ('x' * 100000)|replace('x', 'xx') }}"),
    ("replace-method", "{{ ('x' * 1000).replace('x', 'y' * 1000) }}"),
    ("format-filter-width", "{{ '%1000000000s'|format('x') }}"),
    ("format-filter-star", "{{ '%*s'|format(1000000000, 'x') }}"),
    ("percent-operator-width", "{{ '%1000000000d' % 1 }}"),
    ("format-method-width", "{{ '{:>1000000000}'.format('x') }}"),
    ("format-method-nested-width", "{{ '{:>{w}}'.format('x', w=1000000000) }}"),
    ("join-huge", "{% set a = 'x' * 50000 %}{{ [a, a, a]|join }}"),
    ("join-separator", "{{ range(10000)|join('x' * 10000) }}"),
    ("join-generator", "{{ range(10000)|map('string')|join('y' * 10000) }}"),
    ("str-join-method", "{{ ('x' * 10000).join(range(10000)|map('string')) }}"),
    ("center-filter", "{{ 'x'|center(10**9) }}"),
    ("center-method", "{{ 'x'.center(10**9) }}"),
    ("ljust-method", "{{ 'x'.ljust(10**9) }}"),
    ("zfill-method", "{{ '1'.zfill(10**9) }}"),
    ("expandtabs-method", "{{ ('\t' * 1000).expandtabs(10**6) }}"),
    ("indent-width", "{{ ('x\n' * 10000)|indent(10**5, first=true, blank=true) }}"),
    ("indent-string", "{{ ('x\n' * 10000)|indent('y' * 10000) }}"),
    ("wordwrap-wrapstring", "{{ ('x ' * 50000)|wordwrap(1, wrapstring='y' * 100000) }}"),
    ("truncate-end", "{{ ('x' * 100000)|truncate(10**9, end='y' * 100000) ~ 'z' * 100000 }}"),
    ("slice-count", "{{ range(10)|slice(10**9)|list|length }}"),
    ("batch-fill", "{{ [1]|batch(10**9, 0)|list|length }}"),
    ("power-tower", "{{ 10**(10**10) }}"),
    ("power-huge", "{{ 2**100000000 }}"),
    ("power-steps", "{% set a = 2**64 %}{% set a = a**64 %}{% set a = a**64 %}{{ a }}"),
    (
        "multiply-squaring",
        "{% set a = 7**60 %}{% set a = a * a %}{% set a = a * a %}{% set a = a * a %}"
        "{% set a = a * a %}{% set a = a * a %}{% set a = a * a %}{{ a }}",
    ),
    ("macro-recursion", "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}"),
    (
        "macro-mutual-recursion",
        "{% macro f(n) %}{{ g(n) }}{% endmacro %}{% macro g(n) %}{{ f(n + 1) }}{% endmacro %}"
        "{{ f(0) }}",
    ),
    (
        "macro-exponential",
        "{% macro f(n) %}{% if n < 60 %}{{ f(n + 1) }}{{ f(n + 1) }}{% endif %}{% endmacro %}"
        "{{ f(0) }}",
    ),
    (
        "macro-doubling-output",
        "{% macro f(n) %}{% if n < 30 %}{{ f(n + 1) }}{{ f(n + 1) }}{% else %}"
        "{{ 'x' * 90000 }}{% endif %}{% endmacro %}{{ f(0)|length }}",
    ),
    (
        "macro-loop-buffer",
        "{% macro f() %}{% for i in range(10000) %}{{ 'x' * 100000 }}{% endfor %}{% endmacro %}"
        "{{ f()|length }}",
    ),
    (
        "set-block-buffer",
        "{% set t %}{% for i in range(10000) %}{% for j in range(10000) %}xxxxxxxxxx{% endfor %}"
        "{% endfor %}{% endset %}{{ t|length }}",
    ),
    (
        "caller-recursion",
        "{% macro f() %}{% call f() %}{% endcall %}{{ caller() }}{% endmacro %}{% call f() %}"
        "{% endcall %}",
    ),
    ("recursive-loop", "{% for x in l recursive %}{{ loop(l) }}{% endfor %}"),
    (
        "recursive-loop-wide",
        "{% for x in range(10) recursive %}{% if loop.depth < 12 %}"
        "{{ loop(range(10)) }}{% endif %}{% endfor %}",
    ),
    ("enormous-output", "{% for i in range(10000) %}{{ 'x' * 99999 }}{% endfor %}"),
    ("lipsum-billion", "{{ lipsum(10**9) }}"),
    ("cycler-loop", "{% for i in range(10**9) %}{{ cycler('a', 'b').next() }}{% endfor %}"),
]


@pytest.mark.parametrize("body", [body for _, body in BOMBS], ids=[i for i, _ in BOMBS])
def test_bomb_is_cut_off_in_time_with_a_message(body: str) -> None:
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * RSS_UNIT
    started = time.thread_time()
    with pytest.raises(ReplydeskError) as caught:
        render.render(body, {"l": [1, 2]})
    spent = time.thread_time() - started
    growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * RSS_UNIT - rss_before
    assert spent <= sandbox.MAX_RENDER_SECONDS + MARGIN_SECONDS
    assert growth < MAX_GROWTH_BYTES
    message = str(caught.value)
    assert "\n" not in message and len(message) < 200
    assert "<" not in message and "__" not in message


@pytest.mark.parametrize(
    "body",
    [
        "{% for i in range(10**9) %}{% endfor %}",
        "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
        "{{ 'x' * 10**9 }}",
        "{{ '{:>1000000000}'.format('x') }}",
        "{{ 2**100000000 }}",
        "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
        "{% macro f() %}{% for i in range(10000) %}{{ 'x' * 100000 }}{% endfor %}{% endmacro %}"
        "{{ f() }}",
    ],
)
def test_bombs_are_budget_errors(body: str) -> None:
    with pytest.raises(RenderBudgetExceeded):
        render.render(body, {})


def test_the_time_budget_is_a_parameter() -> None:
    body = "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}"
    started = time.thread_time()
    with pytest.raises(RenderTimeExceeded, match=r"more than 0\.1 s of processor time"):
        render.render(body, {}, time_budget=0.1)
    assert time.thread_time() - started < 0.1 + MARGIN_SECONDS


def test_time_spent_waiting_is_not_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    """A render that waits (as one does for a core on a busy machine) is not stopped."""

    def nap(seconds: float) -> str:
        time.sleep(seconds)
        return "rested"

    napping = sandbox.budgeted_filter("nap", nap)
    monkeypatch.setitem(render.ENVIRONMENT.filters, "nap", napping)
    body = "{% for i in range(64) %}{{ 0.005|nap }}{% endfor %}"  # 0.32 s of sleeping
    assert render.render(body, {}, time_budget=0.05) == "rested" * 64


def test_the_language_data_is_loaded_before_the_budget_starts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Loading a language's formatting data (tens of ms, once) never counts as rendering."""
    events: list[str] = []
    load = render._load_formatting.__wrapped__

    def recording_load(language: str) -> None:
        events.append(f"load {language}")
        load(language)

    class RecordingBudget(sandbox.Budget):
        def __init__(self, seconds: float) -> None:
            events.append("budget")
            super().__init__(seconds)

    monkeypatch.setattr(render, "_load_formatting", recording_load)
    monkeypatch.setattr(render, "Budget", RecordingBudget)
    text = render.render("{{ price|money('HUF') }}", {"price": 25000}, language="hu")
    assert text.replace("\xa0", " ") == "25 000 Ft"
    assert events == ["load hu", "budget"]
    events.clear()  # a body without the language's filters loads nothing
    assert render.render("{{ a }}", {"a": "b"}, language="hu") == "b"
    assert events == ["budget"]


def test_replies_up_to_the_budget_still_render() -> None:
    body = "{% for i in range(1000) %}{{ 'x' * 99 }}\n{% endfor %}"
    assert len(render.render(body, {})) == 100 * 1000 - 1
    # Jinja reads 10**10**10 as (10**10)**10: a 101-digit number, not a bomb.
    assert render.render("{{ 2**64 }} {{ 'ab' * 3 }} {{ 10**10**10 }}", {}) == (
        f"{2**64} ababab {10**100}"
    )
