"""The built-in library and the front-matter format."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from replydesk.core import library
from replydesk.core.errors import LibraryFileError, TemplateSyntaxProblem
from replydesk.core.fields import FieldType, example_values
from replydesk.core.models import Profile
from replydesk.core.render import fields_for, fill, prepare_values, render
from replydesk.core.store import TemplateStore

BUILTIN = library.load_builtin()

# Words that would mean a built-in reply pushes the talk or the money off the platform.
OFF_PLATFORM = re.compile(
    r"whatsapp|telegram|skype|viber|paypal|@\w+\.\w|https?://|www\.|\+\d[\d\s()-]{7,}",
    re.IGNORECASE,
)


def test_every_kind_in_every_language() -> None:
    pairs = Counter((t.language, t.kind) for t in BUILTIN)
    for language in library.LANGUAGES:
        for kind in library.KINDS:
            assert pairs[(language, kind)] >= 1, f"no {kind} template in {language}"
    assert len(BUILTIN) >= 55


def test_ids_are_unique_and_files_are_where_their_front_matter_says() -> None:
    ids = [t.id for t in BUILTIN]
    assert len(ids) == len(set(ids))
    for template in BUILTIN:
        path = Path(template.source)
        assert path.parent.name == template.language
        assert path.stem == template.kind


@pytest.mark.parametrize("template", BUILTIN, ids=lambda t: f"{t.language}/{t.kind}")
def test_builtin_renders_in_its_language_with_sample_values(template: library.TemplateFile) -> None:
    fields = fields_for(template.body, template.fields)
    assert {"client_name", "my_name"} <= {f.name for f in fields}
    values = prepare_values(fields, example_values(fields))
    text = render(template.body, values, language=template.language)
    assert "{{" not in text and "{%" not in text and "}}" not in text
    assert "Anna" in text and "Alex" in text
    assert not OFF_PLATFORM.search(text), OFF_PLATFORM.search(text)
    # Money and dates go through the locale filters, never printed raw.
    assert "120.00" not in text or template.language == "en"
    for field in fields:
        if field.type is FieldType.DATE:
            assert str(values[field.name]) not in text, f"{field.name} printed without |date"


def test_builtin_renders_with_optional_fields_empty() -> None:
    for template in BUILTIN:
        fields = fields_for(template.body, template.fields)
        examples = example_values(fields)
        required = {f.name: examples[f.name] for f in fields if f.required}
        text = render(template.body, prepare_values(fields, required), language=template.language)
        assert "{{" not in text and "None" not in text, template.source


# -- the sign-off: one closing, the name, and the signature of the reply's language ------------

# The closing line each built-in ends with, just before the name.
CLOSINGS = {
    "en": ("Best regards,", "Thank you for your patience!"),
    "ru": ("С уважением,", "Спасибо за понимание!"),
    "ro": ("Cu stimă,", "Cu drag,"),
    "sk": ("S pozdravom",),
    "hu": ("Üdvözlettel:",),
}
ALL_CLOSINGS = [closing.rstrip(",:!") for closings in CLOSINGS.values() for closing in closings]
# Signatures as the profile dialog suggests them: a line about you, no closing, no name.
SIGNATURES = {
    "en": "Logo designer · 300 five-star orders",
    "ru": "Дизайнер логотипов",
    "ro": "Designer de logo-uri",
    "sk": "Grafický dizajnér",
    "hu": "Logótervező",
}
SIGN_OFF = ("{{ my_name }}", "{% if signature %}{{ signature }}{% endif %}")


def test_every_language_has_its_closings_and_a_signature_here() -> None:
    assert set(CLOSINGS) == set(SIGNATURES) == set(library.LANGUAGES)


@pytest.mark.parametrize("template", BUILTIN, ids=lambda t: f"{t.language}/{t.kind}")
def test_builtin_ends_with_one_closing_the_name_and_an_optional_signature(
    template: library.TemplateFile,
) -> None:
    lines = template.body.rstrip("\n").split("\n")
    assert tuple(lines[-2:]) == SIGN_OFF, template.source
    closing = lines[-3].removeprefix("{% endif %}")
    assert closing in CLOSINGS[template.language], template.source
    assert template.body.count("my_name") == 1, template.source
    assert template.body.count("signature") == 2, template.source  # in the last line only
    earlier = "\n".join(lines[:-3])
    for phrase in ALL_CLOSINGS:
        assert phrase not in earlier, (template.source, phrase)


def reply(template: library.TemplateFile, profile: Profile) -> str:
    """The built-in filled with sample values and `profile`'s values for its language."""
    fields = fields_for(template.body, template.fields)
    samples = example_values(fields)
    for name in ("my_name", "signature"):
        samples.pop(name, None)
    return fill(
        template.body,
        template.fields,
        samples,
        profile.values(template.language),
        language=template.language,
    )


@pytest.mark.parametrize("template", BUILTIN, ids=lambda t: f"{t.language}/{t.kind}")
@pytest.mark.parametrize("signed", [True, False], ids=["signature", "no-signature"])
def test_a_reply_has_one_closing_and_only_its_languages_signature(
    template: library.TemplateFile, signed: bool
) -> None:
    signatures = SIGNATURES if signed else {}
    text = reply(template, Profile(my_name="Alex Smith", signatures=signatures))
    for phrase in ALL_CLOSINGS:
        assert text.count(phrase) <= 1, (template.source, phrase)
    assert text.count("Alex Smith") == 1
    own = SIGNATURES[template.language]
    assert text.endswith(f"\nAlex Smith\n{own}" if signed else "\nAlex Smith")
    for language, signature in SIGNATURES.items():
        if language != template.language:
            assert signature not in text, (template.source, language)


@pytest.mark.parametrize(
    "template", [t for t in BUILTIN if t.language != "en"], ids=lambda t: f"{t.language}/{t.kind}"
)
def test_an_english_signature_never_reaches_a_reply_in_another_language(
    template: library.TemplateFile,
) -> None:
    profile = Profile(my_name="Alex Smith", signatures={"en": SIGNATURES["en"]})  # default: English
    text = reply(template, profile)
    assert SIGNATURES["en"] not in text
    assert text.endswith("\nAlex Smith")


def test_round_trip_through_the_file_format() -> None:
    for template in BUILTIN:
        again = library.parse_template_text(library.format_template_file(template), "again")
        assert again == template


GOOD = """---
id: 7d1c8a52-3f0e-4a5e-9b61-2f4f1d6f0a01
name: Test
kind: greeting
language: en
tags: [a, b]
fields:
  - {name: extra, type: money, label: Extra}
---
Hi {{ client_name }}
"""


def test_parses_a_good_file() -> None:
    template = library.parse_template_text(GOOD)
    assert template.tags == ("a", "b")
    assert template.fields[0].type is FieldType.MONEY
    assert template.body == "Hi {{ client_name }}\n"
    assert template.version == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Hi {{ x }}", "no front matter"),
        ("---\nid: [unclosed\n---\nbody", r"front matter at line \d+, column \d+"),
        ("---\n- a list\n---\nbody", "must be a mapping"),
        (GOOD.replace("7d1c8a52-3f0e-4a5e-9b61-2f4f1d6f0a01", "not-a-uuid"), "'id' must be a UUID"),
        (GOOD.replace("name: Test\n", ""), "'name' must be a non-empty text"),
        (GOOD.replace("language: en", "language: English!"), "'language' must be a language code"),
        (GOOD.replace("type: money", "type: colour"), "unknown type 'colour'"),
        (GOOD.replace("tags: [a, b]", "tags: {a: 1}"), "'tags' must be a list"),
    ],
)
def test_bad_files_are_explained(text: str, message: str) -> None:
    with pytest.raises(LibraryFileError, match=message):
        library.parse_template_text(text, "bad.md")


def test_body_syntax_error_names_the_template_and_the_file_line() -> None:
    text = GOOD.replace("Hi {{ client_name }}", "\n\nHi\n{{ x + }}")
    with pytest.raises(TemplateSyntaxProblem) as caught:
        library.parse_template_text(text, "bad.md")
    assert caught.value.line is not None
    assert text.splitlines()[caught.value.line - 1] == "{{ x + }}"
    assert "bad.md (Test)" in str(caught.value)


# --- loading the library into the store -------------------------------------------------------


def copy_library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    for template in BUILTIN[:6]:
        target = root / template.language / f"{template.kind}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(library.format_template_file(template), encoding="utf-8")
    return root


def bump(root: Path, template: library.TemplateFile, body: str) -> None:
    newer = replace(template, version=template.version + 1, body=body)
    path = root / template.language / f"{template.kind}.md"
    path.write_text(library.format_template_file(newer), encoding="utf-8")


def test_first_sync_loads_everything_and_the_second_is_skipped(store: TemplateStore) -> None:
    first = library.sync_builtin(store)
    assert first.added == len(BUILTIN) and store.count_templates() == len(BUILTIN)
    assert library.sync_builtin(store).skipped


def test_newer_builtin_updates_untouched_templates_only(
    store: TemplateStore, tmp_path: Path
) -> None:
    root = copy_library(tmp_path)
    library.sync_builtin(store, root)
    untouched, edited, deleted = BUILTIN[0], BUILTIN[1], BUILTIN[2]
    store.update_template(edited.id, body="My own words {{ client_name }}\n")
    store.delete_template(deleted.id)
    for template in (untouched, edited, deleted):
        bump(root, template, "Newer text {{ client_name }}\n")

    result = library.sync_builtin(store, root)

    assert (result.updated, result.kept_edited, result.added) == (1, 1, 0)
    assert store.get_template(untouched.id).body == "Newer text {{ client_name }}\n"
    assert store.get_template(untouched.id).revision == 2
    assert store.get_template(edited.id).body == "My own words {{ client_name }}\n"
    assert store.get_template(deleted.id).deleted_at is not None
    assert store.get_template(deleted.id).body == deleted.body


def test_a_broken_builtin_file_is_reported_and_nothing_loads(
    store: TemplateStore, tmp_path: Path
) -> None:
    root = copy_library(tmp_path)
    (root / "en" / "zz_broken.md").write_text("---\nid: 1\n---\n", encoding="utf-8")
    with pytest.raises(LibraryFileError, match=r"zz_broken\.md"):
        library.sync_builtin(store, root)
    assert store.count_templates() == 0


# --- the sharing keys (written by an export) -----------------------------------------------------


def test_revision_keys_round_trip_and_are_optional() -> None:
    plain = library.parse_template_text(GOOD)
    assert (plain.revision, plain.base_revision, plain.updated_at) == (None, None, None)
    assert "revision" not in library.format_template_file(plain)

    shared = replace(plain, revision=4, base_revision=3, updated_at="2026-03-01T10:00:00Z")
    text = library.format_template_file(shared)
    assert "revision: 4\nbase_revision: 3\nupdated_at: '2026-03-01T10:00:00Z'\n" in text
    assert library.parse_template_text(text) == shared


def test_an_unquoted_timestamp_is_read_as_text() -> None:
    text = GOOD.replace("tags:", "updated_at: 2026-03-01T10:00:00Z\ntags:")
    assert library.parse_template_text(text).updated_at == "2026-03-01T10:00:00Z"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("revision: 0", "'revision' must be a whole number from 1"),
        ("revision: two", "'revision' must be a whole number from 1"),
        ("revision: true", "'revision' must be a whole number from 1"),
        ("base_revision: -1", "'base_revision' must be a whole number from 0"),
        ("updated_at: [1]", "'updated_at' must be an ISO 8601"),
    ],
)
def test_bad_revision_keys_are_explained(line: str, message: str) -> None:
    with pytest.raises(LibraryFileError, match=message):
        library.parse_template_text(GOOD.replace("tags:", f"{line}\ntags:"), "bad.md")


def test_a_body_over_the_limit_is_refused_before_its_syntax_is_checked() -> None:
    text = GOOD.replace("Hi {{ client_name }}", "{{ x + }}" * 20)
    with pytest.raises(LibraryFileError, match=r"bad\.md: the text of 'Test' is longer than 100"):
        library.parse_template_text(text, "bad.md", max_body_chars=100)


def test_a_library_update_keeps_an_unedited_template_in_step_with_the_team(
    store: TemplateStore, tmp_path: Path
) -> None:
    root = copy_library(tmp_path)
    library.sync_builtin(store, root)
    template = BUILTIN[0]
    bump(root, template, "Newer text {{ client_name }}\n")
    library.sync_builtin(store, root)
    row = store.get_template(template.id)
    assert (row.revision, row.base_revision) == (2, 2)


def test_each_built_in_reply_is_one_family_with_a_variant_in_every_language(
    library_store: TemplateStore,
) -> None:
    families: dict[str, list[str]] = {}
    for row in library_store.list_templates():
        families.setdefault(row.family, []).append(row.language)
    assert set(families) == {
        f"builtin:{kind}" for kind in {r.kind for r in library_store.list_templates()}
    }
    assert all(
        sorted(languages) == ["en", "hu", "ro", "ru", "sk"] for languages in families.values()
    )


def test_a_front_matter_family_is_read_and_written_back() -> None:
    text = (
        "---\nid: 2b6f3c1e-8a4d-4f7b-9c2e-5d1a0e9f7b34\nname: Away\nkind: away_notice\n"
        "language: en\nfamily: away-replies\n---\nBack soon.\n"
    )
    parsed = library.parse_template_text(text, "away.md")
    assert parsed.family == "away-replies"
    assert library.parse_template_text(library.format_template_file(parsed), "again.md") == parsed
    assert library.parse_template_text(text.replace("family: away-replies\n", ""), "x").family == ""
    with pytest.raises(LibraryFileError, match="'family' is longer than 100 characters"):
        library.parse_template_text(text.replace("away-replies", "x" * 101), "long.md")
