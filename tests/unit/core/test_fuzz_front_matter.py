"""Fuzzing the front-matter parser: any text gives a template or one clear line, never a crash.

Hostile files ("Reliability and security"): random text, mutations of a good file and YAML
tricks (billion laughs, Python tags, huge numbers, deep nesting, duplicate keys). The
example counts are constants so a run can report how many cases it tried. The work is
bounded by counting, not timed: no document handed on holds more than MAX_YAML_NODES nodes.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, currently_in_test_context, event, example, given, settings
from hypothesis import strategies as st

from replydesk.core import bundle, library
from replydesk.core.bundle import BundleError
from replydesk.core.errors import ReplydeskError

RANDOM_TEXT_EXAMPLES = 300
RANDOM_YAML_EXAMPLES = 300
MUTATED_FILE_EXAMPLES = 400
YAML_TRICK_EXAMPLES = 200
FUZZ_EXAMPLES = (
    RANDOM_TEXT_EXAMPLES + RANDOM_YAML_EXAMPLES + MUTATED_FILE_EXAMPLES + YAML_TRICK_EXAMPLES
)

SOURCE = "fuzz.md"

VALID = """\
---
id: 0b7f1f6e-6a43-4c6a-9d0e-3a1c2b4d5e6f
name: Quote — logo «design»
kind: upsell_options
language: pt-BR
version: 2
revision: 3
base_revision: 2
updated_at: 2026-01-02T03:04:05Z
tags: [quote, logo, 42]
fields:
  - name: extras
    type: choice
    choices: [Icons, Fonts]
    multiple: true
  - {name: price, type: money, label: Total, required: false, default: 25}
---

Hi {{ client_name }}, the logo costs {{ price|money }}.
{% if extras %}Extras: {{ extras }}{% endif %}
"""


def fuzz_settings(examples: int) -> Any:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def unrolled_size(value: object, limit: int) -> int:
    """Nodes in a loaded YAML document as its aliases expand: a shared part counted at each
    use, a part inside itself once (as core.library counts); stops counting past `limit`."""
    count = 0
    inside: set[int] = set()

    def visit(item: object) -> None:
        nonlocal count
        count += 1
        if count > limit or id(item) in inside:
            return
        if isinstance(item, dict):
            children: list[object] = [*item.keys(), *item.values()]
        elif isinstance(item, (list, tuple, set, frozenset)):
            children = list(item)
        else:
            return
        inside.add(id(item))
        for child in children:
            visit(child)
            if count > limit:
                break
        inside.discard(id(item))

    visit(value)
    return count


@contextmanager
def loaded_documents_bounded() -> Iterator[None]:
    """Fail if a document PyYAML loads for the parser has more than MAX_YAML_NODES nodes:
    what the parser works on afterwards is bounded (billion laughs once took a minute)."""
    real_load = yaml.load

    def load(stream: Any, Loader: Any) -> Any:
        document = real_load(stream, Loader=Loader)
        size = unrolled_size(document, library.MAX_YAML_NODES)
        assert size <= library.MAX_YAML_NODES, "a document past the node limit was loaded"
        return document

    with mock.patch.object(yaml, "load", load):
        yield


def parse(text: str) -> library.TemplateFile | ReplydeskError:
    """Parse `text`: a valid template, or a clear error (one line naming the file), having
    loaded no document past the node limit."""
    try:
        with loaded_documents_bounded():
            template = library.parse_template_text(
                text, SOURCE, max_body_chars=bundle.MAX_BODY_CHARS
            )
    except ReplydeskError as error:
        message = str(error)
        assert message.startswith(SOURCE), message
        assert "\n" not in message and "\r" not in message, message
        assert len(message) < 1000, message[:200]
        result: library.TemplateFile | ReplydeskError = error
        outcome = f"refused: {message.removeprefix(SOURCE).lstrip(' :')[:30]}"
    else:
        assert str(uuid.UUID(template.id)) == template.id
        for key in ("name", "kind", "language"):
            value = getattr(template, key)
            assert value and value == value.strip(), (key, value)
        assert library._LANGUAGE.match(template.language)
        assert template.body.endswith("\n") and len(template.body) <= bundle.MAX_BODY_CHARS + 1
        assert all(isinstance(tag, str) for tag in template.tags)
        for count in (template.revision, template.base_revision):
            assert count is None or (type(count) is int and 0 <= count <= library.MAX_REVISION)
        assert template.updated_at is None or isinstance(template.updated_at, str)
        result = template
        outcome = "parsed"
    if currently_in_test_context():  # outcomes in --hypothesis-show-statistics
        event(outcome)
    return result


def test_the_valid_file_parses() -> None:
    template = parse(VALID)
    assert isinstance(template, library.TemplateFile)
    assert (template.name, template.language, template.tags) == (
        "Quote — logo «design»",
        "pt-BR",
        ("quote", "logo", "42"),
    )
    assert [spec.name for spec in template.fields] == ["extras", "price"]
    # The formatter's output reads back the same.
    assert parse(library.format_template_file(template)) == template


# --- random text --------------------------------------------------------------------------


@fuzz_settings(RANDOM_TEXT_EXAMPLES)
@given(
    prefix=st.sampled_from(["", "---\n", "\ufeff---\n", "---\r\n"]),
    middle=st.text(max_size=300),
    close=st.sampled_from(["", "\n---\n", "\n---", "\r\n---\r\n"]),
    body=st.text(max_size=200),
)
def test_random_text(prefix: str, middle: str, close: str, body: str) -> None:
    parse(prefix + middle + close + body)


# --- random YAML of any shape -------------------------------------------------------------

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from([0, -1, 2**31, 2**63, 10**4000, -(10**100)])
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40)
    | st.sampled_from(["", " ", "\x00", "a\nb", "\u2028", "{{", "{% if %}", "en", "xx-YYYY"])
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=12,
)
KEYS = ["id", "name", "kind", "language", "version", "revision", "base_revision"]
KEYS += ["updated_at", "tags", "fields"]
FIELD = st.fixed_dictionaries(
    {"name": st.sampled_from(["extras", "x", "bad name", ""]) | SCALARS},
    optional={
        key: VALUES | st.sampled_from(["text", "choice", "money", "number", "yesno"])
        for key in ("type", "choices", "default", "label", "help", "required", "multiple")
    },
)


def good_meta() -> dict[str, Any]:
    meta = yaml.safe_load(VALID.split("---\n")[1])
    assert isinstance(meta, dict)
    return meta


@fuzz_settings(RANDOM_YAML_EXAMPLES)
@given(
    changes=st.dictionaries(
        st.sampled_from([*KEYS, "extra"]),
        VALUES | st.lists(FIELD, max_size=3),
        max_size=4,
    ),
    dropped=st.sets(st.sampled_from(KEYS), max_size=3),
    whole=st.none() | VALUES,
    body=st.sampled_from(["Hello\n", "", "{{ x }", "{% for %}", "x" * 100_001]),
)
def test_random_yaml(changes: dict[str, Any], dropped: set[str], whole: Any, body: str) -> None:
    if whole is not None:
        meta: Any = whole  # any YAML document at all, a mapping or not
    else:
        meta = {k: v for k, v in {**good_meta(), **changes}.items() if k not in dropped}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    parse(f"---\n{front}---\n{body}")


# --- mutations of a valid file ------------------------------------------------------------

SNIPPETS = st.sampled_from(
    [
        "---\n",
        "\n",
        ":",
        "- ",
        "[",
        "]",
        "{",
        "}",
        "&a ",
        "*a",
        "!!python/object/apply:os.system ['true'] ",
        "!!binary ",
        "? ",
        "<<: ",
        '"',
        "'",
        "\t",
        "\x00",
        "\ufeff",
        "\ud800",
        "{{",
        "{%",
        "9" * 5000,
        "0x" + "f" * 5000,
        "2020-13-45",
        "id: x\n",
    ]
)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = VALID
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "delete", "replace", "line", "truncate"]))
        if op == "insert":
            text = text[:at] + draw(SNIPPETS | st.text(max_size=5)) + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
        elif op == "replace" and at < len(text):
            text = text[:at] + draw(st.characters()) + text[at + 1 :]
        elif op == "line":
            lines = text.splitlines(keepends=True)
            if lines:
                index = draw(st.integers(0, len(lines) - 1))
                other = draw(st.integers(0, len(lines) - 1))
                lines.insert(other, lines[index])  # a duplicated key, a stray '---'...
                text = "".join(lines)
        else:
            text = text[:at]
    return text


@fuzz_settings(MUTATED_FILE_EXAMPLES)
@given(text=mutated())
@example(text=VALID)
def test_mutated_valid_file(text: str) -> None:
    parse(text)


# --- YAML tricks ------------------------------------------------------------------------


def laughs(levels: int, width: int, key: str) -> str:
    """The "billion laughs": each anchor holds `width` aliases of the one before."""
    lines = ["l0: &l0 [lol]"]
    for level in range(1, levels + 1):
        aliases = ", ".join([f"*l{level - 1}"] * width)
        lines.append(f"l{level}: &l{level} [{aliases}]")
    lines.append(f"{key}: *l{levels}")
    return "\n".join(lines) + "\n"


def with_front(extra: str, *, replace: str | None = None) -> str:
    """VALID with `extra` lines at the start of its front matter (`replace` dropped)."""
    _, front, body = VALID.split("---\n", 2)
    kept, dropping = [], False
    for line in front.splitlines(keepends=True):
        if not line.startswith(" "):  # a top-level key; its indented lines go with it
            dropping = line.startswith(f"{replace}:")
        if not dropping:
            kept.append(line)
    return f"---\n{extra}{''.join(kept)}---\n{body}"


@st.composite
def trick(draw: st.DrawFn) -> str:
    key = draw(st.sampled_from(KEYS))
    kind = draw(
        st.sampled_from(["laughs", "deep", "python", "number", "duplicate", "document", "other"])
    )
    if kind == "laughs":
        return with_front(
            laughs(draw(st.integers(1, 12)), draw(st.integers(1, 12)), key), replace=key
        )
    if kind == "deep":
        depth = draw(st.integers(1, 200_000))
        opener, closer = draw(st.sampled_from([("[", "]"), ("{a: ", "}"), ("[{a: ", "}]")]))
        return with_front(f"{key}: {opener * depth}x{closer * depth}\n", replace=key)
    if kind == "python":
        tag = draw(
            st.sampled_from(
                [
                    "!!python/object/apply:os.system ['true']",
                    "!!python/object/new:builtins.dict {}",
                    "!!python/name:os.system",
                    "!!python/module:os",
                    "!!python/tuple [1, 2]",
                    "!!set {a, b}",
                    "!!omap [a: 1]",
                    "!!binary aGVsbG8=",
                    "!!binary '***'",
                    "!<tag:yaml.org,2002:python/object/apply:os.system> ['true']",
                    "!custom x",
                ]
            )
        )
        return with_front(f"{key}: {tag}\n", replace=key)
    if kind == "number":
        number = draw(
            st.sampled_from(
                [
                    *("9" * 4301, "-" + "9" * 10_000, "0x" + "f" * 5000, "0b" + "1" * 20_000),
                    *("1e999999", "-.inf", ".nan", "0o777777777777777777777", "1_000", "2**64"),
                    *("2020-13-45", "2020-02-30T25:61:61Z", "0000-00-00", "9999-12-31 23:59:60"),
                ]
            )
        )
        return with_front(f"{key}: {number}\n", replace=key)
    if kind == "duplicate":
        value = draw(st.sampled_from(["", "x", "[]", "{}", "null", "7", "0b7f1f6e"]))
        return with_front(f"{key}: {value}\n") + ""  # the file's own key comes later
    if kind == "document":
        front = draw(
            st.sampled_from(
                [
                    *("- a\n- b\n", "just text\n", "null\n", "42\n", "~\n", "", "--- !!map\n"),
                    *(
                        "...\n",
                        "a: 1\n---\nb: 2\n",
                        "%YAML 1.1\n---\na: 1\n",
                        "%TAG ! tag:x,2000:\n",
                    ),
                ]
            )
        )
        return f"---\n{front}---\nbody\n"
    other = draw(
        st.sampled_from(
            [
                "<<: {name: merged}\n",
                "<<: [*undefined]\n",
                "? [a, b]\n: c\n",
                "? {a: 1}\n: c\n",
                "&x a: *x\n",
                "x: &x [*x]\n",
                '"\\ud800": 1\n',
                'k: "\\ud800"\n',
                "k: '\x00'\n",
                "\t: tab\n",
                "k: !!str\n",
                "k: |\n  block\n",
            ]
        )
    )
    return with_front(other)


@fuzz_settings(YAML_TRICK_EXAMPLES)
@given(text=trick())
@example(text=with_front(laughs(9, 9, "id"), replace="id"))
@example(text=with_front("fields: " + "[" * 100_000 + "]" * 100_000 + "\n", replace="fields"))
def test_yaml_tricks(text: str) -> None:
    parse(text)


# --- the bugs fuzzing found: each failed before its fix ------------------------------------


def test_the_node_count_follows_aliases_and_stops_at_its_limit() -> None:
    shared = ["lol"] * 3
    assert unrolled_size({"a": shared, "b": shared}, 100) == 1 + 2 + 2 * 4
    looped: list[object] = []
    looped.append(looped)
    assert unrolled_size(looped, 100) == 2  # the list, then itself once
    laughs_loaded = yaml.safe_load(laughs(9, 9, "id"))
    assert unrolled_size(laughs_loaded, 1000) == 1001  # 9**9 leaves, counted to the limit


@pytest.mark.parametrize("key", ["id", "name", "tags", "fields"])
def test_billion_laughs_is_refused_before_anything_is_built(key: str) -> None:
    # Unchecked, an id made of 9 levels of 9 aliases took a minute and printed 2 GB of repr.
    # Refused while reading the events: no document is loaded, let alone expanded.
    with (
        mock.patch.object(yaml, "load", side_effect=AssertionError("the YAML was loaded")),
        pytest.raises(ReplydeskError, match=r"^fuzz\.md: front matter too large"),
    ):
        library.parse_template_text(with_front(laughs(9, 9, key), replace=key), SOURCE)


def test_a_few_aliases_are_fine() -> None:
    text = with_front("common: &tags [quote, logo]\ntags: *tags\n", replace="tags")
    assert library.parse_template_text(text, SOURCE).tags == ("quote", "logo")


@pytest.mark.parametrize(("opener", "closer"), [("[", "]"), ("{a: ", "}")])
def test_deep_nesting_is_refused_not_a_crash(opener: str, closer: str) -> None:
    # libyaml's composer recurses in C: 50,000 levels crashed the process (a segfault).
    # Refused by our depth check, or (PyYAML 6.0.4, flow sequences) by libyaml's own limit
    # first: our words either way, and nothing loaded.
    depth = 50_000
    text = with_front(f"x: {opener * depth}1{closer * depth}\n")
    with (
        mock.patch.object(yaml, "load", side_effect=AssertionError("the YAML was loaded")),
        pytest.raises(ReplydeskError, match=r"^fuzz\.md: front matter nested too deeply$"),
    ):
        library.parse_template_text(text, SOURCE)


def test_block_nesting_counts_too() -> None:
    nested = "".join(f"{'  ' * level}k{level}:\n" for level in range(library.MAX_YAML_DEPTH + 1))
    with pytest.raises(ReplydeskError, match=r"nested too deeply"):
        library.parse_template_text(with_front(nested + "  " * 52 + "x: 1\n"), SOURCE)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("tags: [" + "9" * 5000 + "]", r"front matter: a number too long to read$"),
        ("id: " + "9" * 5000, r"front matter: a number too long to read$"),
        ("updated_at: 2020-13-45", r"^fuzz\.md: front matter: \S"),  # Python's words follow
        ("tags: [0x" + "f" * 5000 + "]", r"'tags' must be a list of words$"),
        ("id: 0x" + "f" * 5000, r"'id' must be a UUID, not a number$"),
        ("id: [[[[1]]]]", r"'id' must be a UUID, not list$"),
        ("id: '" + "x" * 10_000 + "'", r"'id' must be a UUID, not 'xxxx.*\.\.\.$"),
        ("revision: " + str(2**63), r"'revision' must be a whole number from 1 to 2,147,483,647"),
        (
            "fields: [{name: x, type: choice, choices: [0x" + "f" * 5000 + "]}]",
            r"'fields' holds a number too long to show$",
        ),
    ],
    ids=[
        *("huge-int", "huge-id", "bad-date", "hex-tag", "hex-id", "list-id", "long-id"),
        *("big-rev", "hex-choice"),
    ],
)
def test_values_python_cannot_hold_are_explained(line: str, message: str) -> None:
    key = line.split(":")[0]
    with pytest.raises(ReplydeskError, match=message) as caught:
        library.parse_template_text(with_front(line + "\n", replace=key), SOURCE)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 300


def test_a_name_with_a_line_break_is_refused_on_one_line() -> None:
    """A name may not hold a line break (it would forge a row of `replydesk list`); the
    refusal itself is one line, before the broken body is even looked at."""
    text = with_front('name: "two\\nlines"\n', replace="name").replace("{% if", "{% if %}{% if")
    pattern = (
        r"^fuzz\.md: the name holds an invisible or control character \(U\+000A, character 4\)$"
    )
    with pytest.raises(ReplydeskError, match=pattern):
        library.parse_template_text(text, SOURCE)


def test_yaml_never_builds_python_objects(tmp_path: Path) -> None:
    assert issubclass(library._YAML_LOADER, (yaml.SafeLoader, getattr(yaml, "CSafeLoader", ())))
    proof = tmp_path / "ran"
    command = f"import pathlib; pathlib.Path({str(proof)!r}).touch()"
    for tag in ("!!python/object/apply:builtins.exec", "!!python/object/new:builtins.exec"):
        text = with_front(f"name: {tag} [{command!r}]\n", replace="name")
        with pytest.raises(ReplydeskError, match=r"^fuzz\.md: front matter"):
            library.parse_template_text(text, SOURCE)
    assert not proof.exists()


@pytest.mark.parametrize("depth", [library.MAX_YAML_DEPTH + 1, 10_000, 50_000])
@pytest.mark.parametrize(("opener", "closer"), [("[", "]"), ("{a: ", "}"), ("[{a: ", "}]")])
def test_an_md_import_wraps_every_problem_as_a_bundle_error(
    tmp_path: Path, opener: str, closer: str, depth: int
) -> None:
    # Our words whichever refuses first: our depth check, or libyaml's own limit.
    path = tmp_path / "deep.md"
    text = with_front(f"x: {opener * depth}1{closer * depth}\n")
    path.write_text(text, encoding="utf-8")
    message = rf"^{re.escape(str(path))}: front matter nested too deeply$"
    with pytest.raises(BundleError, match=message):
        bundle.read_bundle(path)


@pytest.mark.parametrize(
    "field",
    [
        "{name: " + "1" * 2000 + "}",  # a huge number as the name (hypothesis found it)
        "{name: '" + "x y" * 1000 + "'}",
        "{name: ok, type: '" + "t" * 5000 + "'}",
    ],
    ids=["huge-number-name", "long-name", "long-type"],
)
def test_a_huge_field_value_is_shown_cut_short(field: str) -> None:
    text = with_front(f"fields: [{field}]\n", replace="fields")
    with pytest.raises(ReplydeskError, match=r"^fuzz\.md: field") as caught:
        library.parse_template_text(text, SOURCE)
    assert len(str(caught.value)) < 200
