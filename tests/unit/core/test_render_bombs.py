"""Single operations that would build gigabytes or run for a minute are refused before they run.

The budget used to be checked only between operations, each size check looking at one
argument: one `str.format` call built 6 GB, one `to_bytes` 2.9 GB, one `|join` over a
generator 2.3 GB, one Babel call ran for a minute. Each bomb here runs in a child process
whose address space is capped a few hundred MB above its start, so a regression fails
with a memory error instead of taking the machine down, and the child reports the error
and how much its peak memory (RSS) grew.

Messages are asserted on (which check stopped the bomb), and memory growth; never times.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from typing import Any

import pytest

from replydesk.core import bundle, render
from replydesk.core.errors import (
    MissingFieldsError,
    RenderBudgetExceeded,
    TemplateSyntaxProblem,
    UnsafeTemplateError,
)
from replydesk.core.filling import Filling

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc for the memory cap")

MAX_GROWTH_MB = 50  # peak RSS growth of one refused bomb (the render ceiling is 200 MB)
CAP_MB = 600  # address space the child may add: before these fixes, each bomb hit it
SAFETY_TIMEOUT = 300  # seconds: only so that a hang cannot stall the suite forever

_CHILD = r"""
import json, resource, sys
from decimal import Decimal
from replydesk.core import render

def vm_size():
    for line in open("/proc/self/status"):
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
body, values = json.loads(sys.stdin.read())
values = eval(values)  # the test's own Python literal, e.g. {"n": Decimal("1e999999")}
# Jinja, Babel and a language's data loaded and warm: the baseline
render.render("{{ 1|number }} {{ 1|plural(other='x') }} {{ 1|money }} {{ 'a'|center(3) }}", {})
cap = vm_size() + CAP_MB * 2**20
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    render.render(body, values)
    outcome = ["rendered", ""]
except Exception as error:
    outcome = [type(error).__name__, str(error)]
growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(json.dumps([*outcome, growth // 1024]))
"""


def run_bomb(body: str, values: str = "{}") -> tuple[str, str, int]:
    """Render `body` in a capped child: (error class name, message, peak growth in MB)."""
    done = subprocess.run(
        [sys.executable, "-c", f"CAP_MB = {CAP_MB}\n{_CHILD}"],
        input=json.dumps([body, values]),
        capture_output=True,
        text=True,
        timeout=SAFETY_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    kind, message, growth = json.loads(done.stdout.strip().splitlines()[-1])
    return kind, message, growth


def assert_refused(body: str, kind: str, pattern: str, values: str = "{}") -> None:
    import re

    got, message, growth = run_bomb(body, values)
    assert (got, bool(re.search(pattern, message))) == (kind, True), (got, message)
    assert "\n" not in message and len(message) < 200
    assert growth < MAX_GROWTH_MB, f"{body[:60]}: peak RSS grew {growth} MB"


TOO_LONG = r"^line 1: the text would be longer than 100,000 characters$"

FORMAT_BOMBS = [
    # each width under the limit, 8,000 of them: 6.1 GB before
    "{{ ('{0:😀>99999}' * 8000).format('x') }}",
    "{{ ('{:>{w}}' * 2000).format(*(['x'] * 2000), w=99999) }}",
    "{{ ('{a:>99999}' * 2000).format_map({'a': 'x'}) }}",
    "{{ ('{:.99999f}' * 2000).format(*([1.5] * 2000)) }}",
    "{{ ('%99999d' * 2000) % ((1,) * 2000) }}",
    "{{ ('%*d' * 2000) % ((99999, 1) * 2000) }}",
    "{{ ('%(a)99999s' * 2000) % {'a': 'x'} }}",
    "{{ ('%.99999f' * 2000)|format(*([1.5] * 2000)) }}",
    "{{ ('%(a)99999s' * 2000)|format(a='x') }}",
]


@pytest.mark.parametrize("body", FORMAT_BOMBS)
def test_format_widths_are_summed_before_the_text_is_built(body: str) -> None:
    assert_refused(body, "RenderBudgetExceeded", TOO_LONG)


INT_BOMBS = [
    ("{{ (1).to_bytes(3 * 10**9, 'big') }}", r"the bytes would be longer than 100,000"),
    ("{{ (1).to_bytes(length=3 * 10**9, byteorder='big') }}", r"the bytes would be longer"),
    # 400,000-bit integers: Python refused to print them, with a message about its settings
    ("{{ (1).from_bytes(('x' * 49999).encode(), 'big') }}", r"more than 1,234 digits"),
    ("{{ '%d' % (1).from_bytes(('x' * 49999).encode(), 'big') }}", r"more than 1,234 digits"),
    ("{{ (('f' * 49999)|int(base=16)) % 7 }}", r"more than 1,234 digits"),
    ("{{ ('9' * 5000)|int }}", r"more than 1,234 digits"),
]


@pytest.mark.parametrize(("body", "pattern"), INT_BOMBS)
def test_integer_methods_and_conversions_are_size_checked(body: str, pattern: str) -> None:
    assert_refused(body, "RenderBudgetExceeded", pattern)


LAZY_LIST = r"a list would be longer than 100,000 characters"
GENERATOR_BOMBS = [
    "{{ ('x' * 25000)|map('center', 99999)|join }}",  # 2.3 GB before
    "{{ ('x' * 25000)|map('center', 99999)|list|length }}",
    "{{ ''.join(('x' * 25000)|map('center', 99999)) }}",
    "{{ range(10000)|map('string')|map('center', 99999)|unique|list|length }}",
    "{{ range(10000)|map('string')|map('center', 99999)|sort|length }}",
    "{{ dict(range(10000)|map('string')|map('center', 99999)|batch(2))|length }}",
    "{{ range(10000)|map('string')|map('center', 99999)|batch(2)|list|length }}",
]


@pytest.mark.parametrize("body", GENERATOR_BOMBS)
def test_generators_are_weighed_as_they_are_consumed(body: str) -> None:
    assert_refused(body, "RenderBudgetExceeded", LAZY_LIST)


BABEL_BOMBS = [
    # a typed value (a number as a field or a teammate gives it): a minute in one Babel call
    ("{{ n|plural(one='day', other='days') }}", '{"n": Decimal("1e999999")}'),
    ("{{ n|number }}", '{"n": Decimal("1e999999")}'),
    ("{{ n|money }}", '{"n": Decimal("1e999999")}'),
    ("{{ n|number }}", '{"n": Decimal("1e-999999")}'),
    ("{{ 1e308|number }}", "{}"),
    ("{{ (('9' * 1000)|int)|plural(other='x') }}", "{}"),
]


@pytest.mark.parametrize(("body", "values"), BABEL_BOMBS)
def test_numbers_for_babel_are_bounded_before_babel_runs(body: str, values: str) -> None:
    assert_refused(body, "RenderBudgetExceeded", r"more than 40 digits", values)


def test_number_text_for_the_locale_filters_is_read_with_the_field_digit_limit() -> None:
    with pytest.raises(render.RenderProblem, match=r"plural: '1e999999' is not a number"):
        render.render("{{ '1e999999'|plural(other='x') }}", {})
    with pytest.raises(render.RenderProblem, match=r"is too large"):
        render.render("{{ ('9' * 40)|number }}", {})


def test_ordinary_numbers_still_format() -> None:
    values = {"n": Decimal("1234.5"), "price": Decimal("25.00")}
    text = render.render("{{ n|number }} {{ price|money }} {{ (2**64)|number }}", values)
    assert text == "1,234.5 $25.00 18,446,744,073,709,551,616"
    assert render.render("{{ 2|plural(one='day', other='days') }}", {}) == "days"


@pytest.mark.parametrize("codec", ["punycode", "idna", "rot13", "zlib", "uu", "IDNA", "Punycode"])
def test_only_linear_text_encodings_are_allowed(codec: str) -> None:
    # punycode is quadratic: 20,000 characters took 82 s in one call
    with pytest.raises(UnsafeTemplateError, match=r"not allowed in a template: the text encoding"):
        render.render(f"{{{{ ('é' * 20000).encode('{codec}')|length }}}}", {})
    with pytest.raises(UnsafeTemplateError, match=r"the text encoding"):
        render.render(f"{{{{ b.decode(encoding='{codec}') }}}}", {"b": b"xn--ls8h"})


def test_ordinary_encodings_still_work() -> None:
    body = (
        "{{ 'é'.encode('utf-8')|length }} {{ 'é'.encode('latin-1')|length }} "
        "{{ 'é'.encode()|length }} {{ 'é'.encode('utf-8').decode('UTF8') }}"
    )
    assert render.render(body, {}) == "2 1 2 é"


def test_ordinary_formatting_still_works() -> None:
    body = (
        "[{{ '{:>5}'.format('x') }}] [{{ '{:>{w}}'.format('x', w=3) }}] [{{ '%5d' % 3 }}] "
        "[{{ '%*d' % (3, 1) }}] [{{ '%(a)s'|format(a='b') }}] [{{ '{a}'.format_map({'a': 1}) }}] "
        "[{{ '{:,}'.format(1234567) }}] [{{ '{:.2f}'.format(1.5) }}] "
        "[{{ range(3)|map('string')|join(',') }}] [{{ dict(a=1)|length }}] "
        "[{{ (1).to_bytes(2, 'big')|length }}]"
    )
    assert render.render(body, {}) == (
        "[    x] [  x] [    3] [  1] [b] [1] [1,234,567] [1.50] [0,1,2] [1] [2]"
    )


# Bodies that Jinja parses but Python cannot compile (or Jinja's code generator cannot
# walk): each one gave a SyntaxError, IndentationError, RecursionError or ValueError
# traceback, and bundles accepted them. The deep part is on line 3.
DEEP_BODIES = {
    "21 nested for": "{% for a in l %}" * 21 + "x" + "{% endfor %}" * 21,
    "200 nested if": "{% if a %}" * 200 + "x" + "{% endif %}" * 200,
    "100 nested parentheses": "{{ " + "(" * 100 + "1" + ")" * 100 + " }}",
    "5,000 filters": "{{ 'x'" + "|upper" * 5000 + " }}",
    "5,000 additions": "{{ 1" + " + 1" * 5000 + " }}",
    "5,000 attributes": "{{ a" + ".b" * 5000 + " }}",
    "a 5,000-digit number": "{{ " + "9" * 5000 + " }}",
    "a 50,000-digit hex number": "{{ 0x" + "f" * 50000 + " }}",
}


@pytest.mark.parametrize("body", list(DEEP_BODIES.values()), ids=list(DEEP_BODIES))
def test_bodies_python_cannot_compile_are_syntax_problems_with_a_line(body: str) -> None:
    body = "Hello\n\n" + body + "\nBye"
    checks = [
        ("check_parse", lambda: render.check_parse(body)),
        ("check_syntax", lambda: render.check_syntax(body)),
        ("render", lambda: render.render(body, {"l": [1], "a": 1})),
        ("fill", lambda: render.fill(body, [], {"l": [1], "a": 1})),
    ]
    for name, check in checks:
        render._compile.cache_clear()
        render._parse.cache_clear()
        render.used_variables.cache_clear()
        with pytest.raises(TemplateSyntaxProblem) as caught:
            check()
        message = str(caught.value)
        assert caught.value.line == 3, (name, message)
        assert message.startswith("line 3: ") and "\n" not in message and len(message) < 200


def test_a_bundle_refuses_a_body_python_cannot_compile(tmp_path: Any) -> None:
    body = "Hello\n" + "{% for a in l %}" * 21 + "x" + "{% endfor %}" * 21
    template = {
        "id": "0b7f1f6e-6a43-4c6a-9d0e-3a1c2b4d5e6f",
        "revision": 1,
        "base_revision": 1,
        "updated_at": "2026-01-02T03:04:05Z",
        "name": "Deep",
        "kind": "greeting",
        "language": "en",
        "tags": [],
        "fields": [],
        "body": body,
    }
    path = tmp_path / "deep.replydesk"
    document = {"format": "replydesk-templates", "version": 1, "templates": [template]}
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(bundle.BundleError, match=r"\(Deep\): body line 2: .*nested too deeply"):
        bundle.read_bundle(path)


def test_check_parse_compiles_once_for_the_fill_that_follows() -> None:
    body = "Hello {{ name }}, unique body for the compile cache test"
    render._compile.cache_clear()
    render.check_parse(body)
    assert render.fill(body, [], {"name": "Ann"}) == (
        "Hello Ann, unique body for the compile cache test"
    )
    info = render._compile.cache_info()
    assert (info.misses, info.currsize) == (1, 1)


def test_checking_a_whole_import_leaves_the_parse_cache_to_the_bodies_in_use() -> None:
    """An import checks thousands of bodies; keeping their trees would push out the
    bodies in use and leave the garbage collector a heap to walk (stalling the window)."""
    kept = "Kept {{ name }}"
    render.used_variables(kept)
    before = render._parse.cache_info().currsize
    for number in range(50):
        render.check_parse(f"Imported body {number}: {{{{ name }}}}")
    with pytest.raises(TemplateSyntaxProblem, match="line 1"):
        render.check_parse("Broken {% if %} body never seen before")
    with pytest.raises(TemplateSyntaxProblem, match="values"):
        render.check_parse(" ".join(f"{{{{ w{i} }}}}" for i in range(1500)))
    assert render._parse.cache_info().currsize <= before + 1
    assert render.used_variables(kept) == ("name",)


def test_check_parse_still_lets_unknown_filters_through_to_the_fill() -> None:
    render.check_parse("{{ x|nosuch }}")
    with pytest.raises(TemplateSyntaxProblem, match=r"line 1: No filter named 'nosuch'"):
        render.check_syntax("{{ x|nosuch }}")


def test_a_body_asking_for_thousands_of_values_is_refused_in_one_short_line() -> None:
    """9,000 variables made a 62,000-character error line (and a form of 9,000 fields)."""
    body = " ".join(f"{{{{ v{i} }}}}" for i in range(1500))
    for check in (render.check_parse, render.check_syntax, lambda b: render.fill(b, [], {})):
        with pytest.raises(TemplateSyntaxProblem) as caught:
            check(body)
        assert str(caught.value) == (
            f"line 1: the template asks for more than {render.MAX_TEMPLATE_FIELDS} values"
        )
    lines = "\n".join(f"{{{{ v{i} }}}}" for i in range(render.MAX_TEMPLATE_FIELDS + 1))
    with pytest.raises(TemplateSyntaxProblem) as caught:
        render.check_parse(lines)
    assert caught.value.line == render.MAX_TEMPLATE_FIELDS + 1  # the first one too many
    render.check_parse(" ".join(f"{{{{ v{i} }}}}" for i in range(render.MAX_TEMPLATE_FIELDS)))


def test_a_message_listing_many_names_stays_one_short_line() -> None:
    count = render.MAX_TEMPLATE_FIELDS
    body = " ".join(f"{{{{ v{i} }}}}" for i in range(count))
    with pytest.raises(MissingFieldsError) as caught:
        render.fill(body, [], {})
    more = f"{count - 5:,}"
    assert str(caught.value) == f"missing required fields: v0, v1, v2, v3, v4 and {more} more"
    assert len(caught.value.fields) == count
    numbers = " ".join(f"{{{{ v{i}|number }}}}" for i in range(count))
    with pytest.raises(render.FieldValueError) as invalid:
        render.fill(numbers, [], {f"v{i}": "zz" for i in range(count)})
    assert str(invalid.value).endswith(f"; V4: 'zz' is not a number and {more} more")
    result = Filling(body, [], "en").result()
    assert result.message == f"Fill in: V0, V1, V2, V3, V4 and {more} more"
    invalid_result = Filling(numbers, [], "en", order_values={f"v{i}": "zz" for i in range(count)})
    assert len(invalid_result.result().message) < 200


def test_a_short_list_is_listed_whole() -> None:
    with pytest.raises(MissingFieldsError, match=r"^missing required fields: a, b, c, d, e, f$"):
        render.fill("{{ a }}{{ b }}{{ c }}{{ d }}{{ e }}{{ f }}", [], {})


def test_trailing_spaces_are_trimmed_line_by_line() -> None:
    """tidy() used r"[ \\t]+$", which backtracks quadratically on a long run of spaces
    followed by text: 50,000 spaces took 1.8 s of processor time after the render's
    budget had ended."""
    text = render.render("{{ ' ' * 49990 ~ 'x' ~ ' ' * 49990 }}", {})
    assert text == " " * 49990 + "x"
    assert render.tidy("a \t\n  b  \n\n\n\nc\t") == "a\n  b\n\nc"
    with pytest.raises(RenderBudgetExceeded):
        render.render("{{ ' ' * 49999 ~ 'x' ~ ' ' * 49999 }}", {})


NESTING = {
    "for": ("{% for a in l %}", "{% endfor %}"),
    "for with else": ("{% for a in l %}", "{% else %}y{% endfor %}"),
    "if and for": ("{% if 1 %}{% for a in l %}", "{% endfor %}{% endif %}"),
    "if": ("{% if a %}", "{% elif b %}c{% else %}d{% endif %}"),
    "macro": ("{% macro m() %}", "{% endmacro %}"),
    "call": ("{% call m() %}", "{% endcall %}"),
    "filter": ("{% filter upper %}", "{% endfilter %}"),
    "set": ("{% set x %}", "{% endset %}"),
    "with": ("{% with a=1 %}", "{% endwith %}"),
    "brackets": ("[(", ")]"),
    "filters": ("(", "|string|trim)"),
    "calls": ("f(g(", "))"),
}
EXPRESSIONS = {"brackets", "filters", "calls"}


@pytest.mark.parametrize("name", list(NESTING))
def test_check_parse_compiles_every_body_deeper_than_the_safe_depth(name: str) -> None:
    """check_parse skips Python's compiler for shallow bodies: each kind of nesting up to
    the safe depth compiles, and the first too deep for Python is still refused."""
    opening, closing = NESTING[name]
    for levels in range(1, 60):
        body = opening * levels + "x" + closing * levels
        if name in EXPRESSIONS:
            body = "{{ " + body + " }}"
        try:
            depth = render._depth(render._parse(body))
        except TemplateSyntaxProblem:  # too deep for Jinja's own parser: refused too
            with pytest.raises(TemplateSyntaxProblem, match="nested too deeply"):
                render.check_parse(body)
            return
        if depth <= render.SAFE_DEPTH:
            render._compile.cache_clear()
            render._compile(body)  # would raise if the shortcut were unsafe
            continue
        try:
            render._compile(body)
        except TemplateSyntaxProblem:
            with pytest.raises(TemplateSyntaxProblem, match="nested too deeply"):
                render.check_parse(body)
            return


# Red-team findings: a width given as text, indents and precisions no check looked at.
STRING_WIDTH_BOMBS = [
    "{{ ('{0:>{1}}' * 8000).format('x', '99999') }}",  # 6 s, 1.5 GB before
    "{{ ('{0:😀>{1}}' * 8000).format('x', '99999') }}",  # 2.8 GB before
    "{{ ('{0:{1}}' * 8000).format('x', '>99999') }}",
    "{{ ('{:{}}' * 4000).format(*(['x','>99999']*4000)) }}",
    "{{ ('{:{}{}}' * 4000).format(*(['x', '>', '99999'] * 4000)) }}",
    "{{ ('{0:{1}}' * 2000).format(1.5, '.99999f') }}",
    "{{ '{0:{1}}'.format('x', '>' ~ '9' * 5000) }}",
    "{{ ('%' ~ '9' * 5000 ~ 'd') % 1 }}",
]


@pytest.mark.parametrize("body", STRING_WIDTH_BOMBS)
def test_nested_format_fields_count_whatever_their_type(body: str) -> None:
    assert_refused(body, "RenderBudgetExceeded", TOO_LONG)


LAYOUT_BOMBS = [
    # 11 s, 2 GB before
    ("{{ ([[[[[[[[[[1]]]]]]]]]]*100)|tojson(indent=99999) }}", r"indent is limited to 8"),
    ("{{ [1]|tojson(indent=' ' * 9) }}", r"indent is limited to 8"),
    ("{{ ([[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]*2000)|tojson(indent=8) }}", r"longer than 100,000"),
    # each of 3,000 items indented by the 40,000-character key: 120 MB
    ("{{ {('k' * 40000): range(3000)|list}|pprint }}", r"longer than 100,000"),
    ("{{ 1.5|round(100000000, 'ceil') }}", r"round: the precision is limited to 20"),  # hung
    ("{{ 1.5|round(-100000000, 'floor') }}", r"round: the precision is limited to 20"),
    ("{{ 15|round(-100000000) }}", r"round: the precision is limited to 20"),
    ("{{ 1.5|round(precision=100000000, method='ceil') }}", r"round: the precision"),
]


@pytest.mark.parametrize(("body", "pattern"), LAYOUT_BOMBS)
def test_indents_and_precisions_are_bounded_before_the_filter_runs(body: str, pattern: str) -> None:
    assert_refused(body, "RenderBudgetExceeded", pattern)


def test_ordinary_indents_and_rounding_still_work() -> None:
    body = (
        "{{ {'a': [1, 2]}|tojson(indent=2)|length }} {{ {'a': 1}|pprint }} "
        "{{ 42.55|round(1, 'floor') }} {{ 2.5|round }} {{ 1234|round(-2) }} "
        "{{ 'hello world'|truncate(5) }} {{ '{:{}}'.format('x', '>3') }}"
    )
    assert render.render(body, {}) == "29 {'a': 1} 42.5 2.0 1200 he...   x"


COMPILE_BOMBS = {
    # 2.6 s and 377 MB to compile before, 15 MB of it kept in the compile cache
    "49,000 ~ in 13 ifs": "{% if a %}" * 13
    + "{{ "
    + "~".join(["a"] * 49000)
    + " }}"
    + "{% endif %}" * 13,
    "20,000 outputs": "{{ a }}" * 20000,  # 232 MB
    "6,000 filtered outputs": "{{ a|upper }} x " * 6000,
}


@pytest.mark.parametrize("body", list(COMPILE_BOMBS.values()), ids=list(COMPILE_BOMBS))
def test_a_body_too_large_to_compile_is_refused_before_it_is_compiled(body: str) -> None:
    assert_refused(
        body, "TemplateSyntaxProblem", r"^line 1: the template is too long to check", '{"a": 1}'
    )
    with pytest.raises(TemplateSyntaxProblem, match="too long to check"):
        render.check_parse(body)


def test_an_ordinary_long_body_still_compiles() -> None:
    words = "thanks for your order, we will deliver it on time as agreed " * 6
    body = "".join(
        f"{words}\n{{{{ v{n} }}}} {{% if v{n} %}}{{{{ v{n}|upper }}}}{{% endif %}}\n"
        for n in (i % 150 for i in range(280))
    )
    assert len(body) > 100_000
    render.check_parse(body)
    render.check_syntax(body)
    assert len(render.fields_for(body)) == 150


def test_the_compile_cache_is_bounded_by_the_size_of_what_it_keeps() -> None:
    render._compile.cache_clear()
    bodies = [f"{{{{ a }}}} {i} " * 1600 for i in range(100)]  # about 4,800 parts each
    for body in bodies:
        render._compile(body)
    kept = render._compile.cache_info().currsize
    assert 0 < kept < 40  # 100,000 parts at most
    render._compile.cache_clear()


PLAIN_ERRORS = [
    ("{{ 1e999|int }}", "line 1: a number in the template is too large"),
    ("{{ '%d' % 1e999 }}", "line 1: a number in the template is too large"),
    ("{{ (1e308 / 1e-308)|int }}", "line 1: the number is too large"),  # folded to inf
    ("{{ 1e300 ** 2 }}", "line 1: the number is too large"),
    ("{{ 10 // 0 }}", "line 1: division by zero"),
    ("{{ 10 % 0 }}", "line 1: division by zero"),
    (
        "{{ [[1,2]]|unique|list }}",
        "line 1: the items cannot be compared or made unique: they are lists",
    ),
    (
        "{{ [{'a': 1}]|unique|list }}",
        "line 1: the items cannot be compared or made unique: they are dictionaries",
    ),
    ("{{ [1, 'a']|sort }}", "line 1: a text and a number cannot be compared"),
    (
        "{{ 1 + 'a' }}",
        "line 1: these values cannot be combined (a number and a text): use ~ to join texts",
    ),
    ("{{ 1|length }}", "line 1: a number has no length"),
    ("{{ '{0}'.format() }}", "line 1: the format asks for more values than it is given"),
    ("{{ 'hello'|truncate(1) }}", "line 1: truncate: the length must be at least 3 (the end's)"),
]


@pytest.mark.parametrize(("body", "message"), PLAIN_ERRORS)
def test_python_errors_become_plain_sentences(body: str, message: str) -> None:
    with pytest.raises(
        TemplateSyntaxProblem if "in the template" in message else render.RenderProblem
    ) as caught:
        render.render(body, {})
    assert str(caught.value) == message
    assert "Error" not in str(caught.value)


def test_a_folded_infinity_renders_as_python_writes_it() -> None:
    assert render.render("{{ 1e308 / 1e-308 }} {{ [-1e308 / 1e-308] }}", {}) == "inf [-inf]"
