"""Known Jinja2 sandbox escapes and template injections: each is refused, nothing leaks."""

from __future__ import annotations

from pathlib import Path

import pytest

from replydesk.core import render
from replydesk.core.errors import ReplydeskError, TemplateSyntaxProblem, UnsafeTemplateError

FILE_SECRET = "file-secret-7f3a9c"
ENV_SECRET = "env-secret-51d0e2"
LEAK_MARKERS = ("<class", "<function", "<module", "<built-in", "__", "os.", "environ")

PAYLOADS: list[tuple[str, str]] = [
    ("subclasses-via-str-mro", "{{ ''.__class__.__mro__[1].__subclasses__() }}"),
    ("subclasses-via-tuple-bases", "{{ ().__class__.__bases__[0].__subclasses__() }}"),
    ("class-mro", "{{ x.__class__.__mro__ }}"),
    ("list-class", "{{ [].__class__ }}"),
    ("dict-global-class", "{{ dict.__class__ }}"),
    ("range-global-class", "{{ range.__class__ }}"),
    ("range-globals", "{{ range.__globals__ }}"),
    ("range-globals-os", "{{ range.__globals__['os'] }}"),
    ("range-builtins", "{{ range.__builtins__ }}"),
    ("init-globals", "{{ x.__init__.__globals__ }}"),
    ("dict-mro-method", "{{ dict.mro() }}"),
    ("cycler-os", "{{ cycler.__init__.__globals__.os }}"),
    ("joiner-globals", "{{ joiner.__init__.__globals__ }}"),
    ("namespace-globals", "{{ namespace.__init__.__globals__ }}"),
    ("lipsum-globals", "{{ lipsum.__globals__ }}"),
    ("self-context", "{{ self._TemplateReference__context }}"),
    ("self-init-globals", "{{ self.__init__.__globals__ }}"),
    ("self-shown", "{{ self }}"),
    ("request-config", "{{ request.application.__globals__ }}{{ config.items() }}"),
    ("format-method-class", "{{ '{0.__class__}'.format(x) }}"),
    ("format-method-globals", "{{ '{0.__globals__}'.format(range) }}"),
    ("format-map", "{{ '{a.__class__.__mro__}'.format_map({'a': x}) }}"),
    ("format-index-dunder", "{{ '{0[__class__]}'.format(items) }}"),
    ("format-function", "{{ '{0}'.format(range) }}"),
    ("percent-filter-function", "{{ '%s'|format(range) }}"),
    ("percent-operator-function", "{{ '%s' % dict }}"),
    ("attr-filter", "{{ x|attr('__class__') }}"),
    ("attr-filter-escaped", "{{ x|attr('\\x5f\\x5fclass\\x5f\\x5f') }}"),
    (
        "attr-chain-subclasses",
        "{{ x|attr('\\x5f\\x5fclass\\x5f\\x5f')|attr('\\x5f\\x5fbase\\x5f\\x5f')"
        "|attr('\\x5f\\x5fsubclasses\\x5f\\x5f')() }}",
    ),
    ("getitem-escaped", "{{ x['\\x5f\\x5fclass\\x5f\\x5f'] }}"),
    ("map-attribute", "{{ items|map(attribute='__class__')|list }}"),
    ("selectattr", "{{ items|selectattr('__class__')|list }}"),
    ("sort-attribute", "{{ items|sort(attribute='__class__') }}"),
    ("groupby-dunder", "{{ items|groupby('__class__') }}"),
    ("sum-attribute", "{{ items|sum(attribute='__class__') }}"),
    ("is-defined-probe", "{{ x.__class__ is defined }}"),
    ("set-leak-function", "{% set f = range %}{{ f }}"),
    ("set-block-leak", "{% set t %}{{ dict }}{% endset %}{{ t }}"),
    ("concat-function", "{{ range ~ '' }}"),
    ("string-filter-function", "{{ dict|string }}"),
    ("join-function", "{{ [range, dict]|join(',') }}"),
    ("list-of-functions", "{{ [range] }}"),
    ("pprint-function", "{{ range|pprint }}"),
    ("macro-shown", "{% macro m() %}{% endmacro %}{{ m }}"),
    ("loop-shown", "{% for i in items %}{{ loop }}{% endfor %}"),
    ("method-shown", "{{ x.upper }}"),
    ("list-pop", "{{ items.pop() }}"),
    ("list-append", "{% set _ = items.append(1) %}{{ items }}"),
    ("dict-update", "{{ mapping.update({'a': 1}) }}"),
    ("dict-unbound-update", "{{ dict.update(mapping, {'a': 1}) }}"),
    ("dict-unbound-pop", "{{ dict.pop(mapping, 'k') }}"),
    ("include-secret", "{% include secret_path %}"),
    ("import-secret", "{% import secret_path as s %}"),
    ("from-import-secret", "{% from secret_path import x %}"),
    ("extends-secret", "{% extends secret_path %}"),
    ("include-passwd", "{% include '/etc/passwd' %}"),
    ("debug-tag", "{% debug %}"),
    ("os-environ", "{{ os.environ }}"),
    ("open-file", "{{ open(secret_path).read() }}"),
    ("env-via-globals", "{{ range.__globals__.os.environ }}"),
    ("index-error-repr", "{{ [1].index(range) }}"),
    ("str-translate", "{{ x.translate(x.maketrans('a', 'b')) }}"),
]


@pytest.fixture
def values(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    secret = tmp_path / "secret.txt"
    secret.write_text(FILE_SECRET, encoding="utf-8")
    monkeypatch.setenv("REPLYDESK_TEST_SECRET", ENV_SECRET)
    monkeypatch.chdir(tmp_path)  # a relative include would look here first
    return {
        "x": "abc",
        "items": [{"a": 1}, {"a": 2}],
        "mapping": {"k": 1},
        "secret_path": str(secret),
    }


def assert_no_leak(text: str) -> None:
    for marker in (*LEAK_MARKERS, FILE_SECRET, ENV_SECRET):
        assert marker not in text, f"{marker!r} leaked: {text!r}"


def refusal(call: object) -> ReplydeskError:
    assert callable(call)
    with pytest.raises(ReplydeskError) as caught:
        call()
    return caught.value


@pytest.mark.parametrize(("body"), [body for _, body in PAYLOADS], ids=[i for i, _ in PAYLOADS])
def test_payload_is_refused_by_render_without_leaking(body: str, values: dict[str, object]) -> None:
    error = refusal(lambda: render.render(body, values))
    message = str(error)
    assert "\n" not in message and message.strip()
    assert_no_leak(message)


@pytest.mark.parametrize(("body"), [body for _, body in PAYLOADS], ids=[i for i, _ in PAYLOADS])
def test_payload_is_refused_by_fill_without_leaking(body: str, values: dict[str, object]) -> None:
    # fill() turns every unknown name (cycler, os, request...) into an empty field first.
    error = refusal(lambda: render.fill(body, (), values))
    assert_no_leak(str(error))


def test_payload_list_is_large_and_ids_are_unique() -> None:
    ids = [i for i, _ in PAYLOADS]
    assert len(ids) >= 30
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ("{{ x.__class__ }}", "access to the internal attribute 'class'"),
        ("{{ mapping|attr('__init__') }}", "access to the internal attribute 'init'"),
        ("{{ items.pop() }}", "templates cannot change a list or a dictionary ('pop')"),
        ("{% include secret_path %}", "include, import and extends cannot load other templates"),
        ("{{ range }}", "an internal object cannot be turned into text"),
    ],
)
def test_refusals_say_what_was_refused(body: str, fragment: str, values: dict[str, object]) -> None:
    with pytest.raises(UnsafeTemplateError) as caught:
        render.render(body, values)
    assert str(caught.value) == f"line 1: not allowed in a template: {fragment}"


def test_refused_mutation_leaves_the_values_unchanged(values: dict[str, object]) -> None:
    for body in ("{{ items.pop() }}", "{{ mapping.clear() }}", "{{ dict.update(mapping, a=2) }}"):
        with pytest.raises(UnsafeTemplateError):
            render.render(body, values)
    assert values["items"] == [{"a": 1}, {"a": 2}]
    assert values["mapping"] == {"k": 1}


def test_debug_tag_does_not_exist() -> None:
    with pytest.raises(TemplateSyntaxProblem, match="unknown tag 'debug'"):
        render.render("{% debug %}", {})


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("{{ '{:>5}'.format(x) }}|{{ '%-4s'|format(x) }}|{{ '%s!' % x }}", "  abc|abc |abc!"),
        ("{{ items|map(attribute='a')|join(', ') }}", "1, 2"),
        ("{{ items|sort(attribute='a', reverse=true)|map(attribute='a')|list }}", "[2, 1]"),
        ("{% macro m(n) %}<{{ n }}>{% endmacro %}{{ m(1) ~ m(2) }}", "<1><2>"),
        ("{% for i in range(3) %}{{ loop.index }}{% endfor %}", "123"),
        ("{% set d = dict(a=1) %}{{ d.a }} {{ mapping.k }} {{ [1, 2] + [3] }}", "1 1 [1, 2, 3]"),
        ("{{ x|upper|center(7) }}.{{ x.replace('b', 'B') }}", "  ABC  .aBc"),
    ],
)
def test_ordinary_templates_still_work(body: str, expected: str, values: dict[str, object]) -> None:
    assert render.render(body, values) == expected
