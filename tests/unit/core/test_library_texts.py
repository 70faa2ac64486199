"""Every built-in reply reads as finished text whatever the user leaves empty: each one is
rendered from sample values in every combination of its optional fields (and every
choice), and nothing may be left over: no brace, no blank line twice, no dangling
punctuation, and nothing the reply checker would flag."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import pytest

from replydesk.core import checker, library
from replydesk.core.fields import FieldSpec, FieldType, example_values
from replydesk.core.render import fields_for, prepare_values, render

BUILTIN = library.load_builtin()
MAX_COMBINATIONS = 4096  # a reply with more would be too many replies in one

# What a sentence left half-filled looks like, each with why it is wrong.
LEFTOVERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (why, re.compile(pattern, re.MULTILINE))
    for why, pattern in (
        ("a template tag", r"\{\{|\}\}|\{%|%\}|\{#|#\}"),
        ("a value printed as None", r"\bNone\b"),
        ("a blank line twice", r"\n[ \t]*\n[ \t]*\n"),
        ("a space before punctuation", r"[^\s–—-] +[,.;:!?)»”]"),
        ("two marks in a row", r"[,;:]\s*[,.;:!?]|(?<![.?!])\.\.(?!\.)|[!?],"),
        ("an empty bracket or quote", r"\(\s*\)|«\s*»|„\s*[“”]|“\s*”|\"\s*\""),
        ("a line starting with punctuation", r"^[ \t]*[,.;:!?)]"),
        ("spaces at the end of a line", r"[ \t]+$"),
        ("two spaces inside a line", r"\S {2,}\S"),
        ("a number sign without a number", r"(?:#|№)(?!\w|[ \u00a0\u202f][\dA-Z])"),
        ("a bracket opened with a comma", r"\(\s*[,.;:]|[,;:]\s*\)"),
    )
)


def value_choices(spec: FieldSpec, sample: object) -> list[object]:
    """The values a field is tried with: each choice, yes and no, or the sample; and
    empty when the field may be left empty."""
    if spec.type is FieldType.CHOICE and not spec.multiple:
        tried: list[object] = list(spec.choices)
    elif spec.type is FieldType.YESNO:
        tried = [True, False]
    else:
        tried = [sample]
    return tried + ([""] if not spec.required else [])


def renders(template: library.TemplateFile) -> Iterator[tuple[dict[str, object], str]]:
    fields = fields_for(template.body, template.fields)
    samples = example_values(fields)
    names = [spec.name for spec in fields]
    options = [value_choices(spec, samples[spec.name]) for spec in fields]
    count = 1
    for tried in options:
        count *= len(tried)
    assert count <= MAX_COMBINATIONS, f"{template.source}: {count} combinations"
    for combination in itertools.product(*options):
        given = dict(zip(names, combination, strict=True))
        values = prepare_values(fields, given)
        yield given, render(template.body, values, language=template.language)


@pytest.mark.parametrize("template", BUILTIN, ids=lambda t: f"{t.language}_{t.kind}")
def test_every_combination_reads_as_finished_text(template: library.TemplateFile) -> None:
    for given, text in renders(template):
        filled = {name: value for name, value in given.items() if value != ""}
        for why, pattern in LEFTOVERS:
            found = pattern.search(text)
            assert found is None, (
                f"{template.source}: {why} at"
                f" {text[max(found.start() - 30, 0) : found.end() + 30]!r} with {sorted(filled)}"
            )
        assert text == text.strip() + "\n" or text == text.strip(), template.source


@pytest.mark.parametrize("template", BUILTIN, ids=lambda t: f"{t.language}_{t.kind}")
def test_the_checker_finds_nothing_in_any_combination(template: library.TemplateFile) -> None:
    for given, text in renders(template):
        findings = checker.check(text, language=template.language, order_language=template.language)
        assert findings == [], (
            template.source,
            sorted(name for name, value in given.items() if value != ""),
            [(f.rule, text[f.start : f.end]) for f in findings],
        )


def test_at_least_26_kinds_in_each_language() -> None:
    assert len(library.KINDS) >= 26
    for language in library.LANGUAGES:
        kinds = {t.kind for t in BUILTIN if t.language == language}
        assert kinds == set(library.KINDS), (language, sorted(set(library.KINDS) - kinds))


def test_the_library_readme_says_when_to_use_each_kind() -> None:
    readme = (library.builtin_paths()[0].parent.parent / "README.md").read_text("utf-8")
    for kind in library.KINDS:
        lines = [line for line in readme.splitlines() if f"`{kind}`" in line and "—" in line]
        assert lines, f"templates/README.md has no line saying when to use {kind}"


def test_each_check_sees_what_it_is_for() -> None:
    """Every leftover pattern catches the slip it names (a check that cannot fail is none)."""
    slips = {
        "a template tag": "Hello {{ name }}",
        "a value printed as None": "Your order None is ready.",
        "a blank line twice": "Hello,\n\n\nthanks.",
        "a space before punctuation": "Thanks for the order , Anna.",
        "two marks in a row": "It is ready,. Thanks.",
        "an empty bracket or quote": "The service “” is ready.",
        "a line starting with punctuation": "Hello\n, Anna.",
        "spaces at the end of a line": "Hello \nAnna",
        "two spaces inside a line": "Your  order",
        "a number sign without a number": "Order # is ready.",
        "a bracket opened with a comma": "Ready (, as agreed).",
    }
    assert set(slips) == {why for why, _pattern in LEFTOVERS}
    for why, pattern in LEFTOVERS:
        assert pattern.search(slips[why]), why
