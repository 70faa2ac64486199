"""The .replydesk file and template folders: export, read back, and refuse bad input."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
import yaml

from replydesk.core import bundle, library
from replydesk.core.bundle import BundleError, export_file, export_folder, read_bundle
from replydesk.core.errors import NotFoundError
from replydesk.core.merge import Status, apply_plan, plan_import
from replydesk.core.models import TemplateData, TemplateRow
from replydesk.core.progress import Cancelled, Progress
from replydesk.core.store import TemplateStore

TEMPLATE_ID = "0b7f1f6e-6a43-4c6a-9d0e-3a1c2b4d5e6f"
OTHER_ID = "5e2d9c1a-8b7f-4e3d-a2c1-0f9e8d7c6b5a"


@pytest.fixture
def other_store(tmp_path: Path) -> Iterator[TemplateStore]:
    """A second user's store, in its own folder."""
    opened = TemplateStore(tmp_path / "other" / "replydesk.sqlite3", tmp_path / "other" / "backups")
    try:
        yield opened
    finally:
        opened.close()


def add_quote(store: TemplateStore, **changes: Any) -> TemplateRow:
    data = TemplateData(
        id=TEMPLATE_ID,
        name="Quote — logo",
        kind="upsell_options",
        language="en",
        body="Hi {{ client_name }}, the logo costs {{ price|money }}.\n{{ extras }}\n",
        fields=[
            {"name": "extras", "type": "choice", "choices": ["Icons", "Fonts"], "multiple": True},
            {"name": "price", "type": "money", "label": "Total", "required": False},
        ],
        tags=["quote", "logo"],
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return store.create_template(data)


def content(row: TemplateRow) -> tuple[Any, ...]:
    return (
        row.id,
        row.name,
        row.kind,
        row.language,
        row.body,
        row.fields,
        row.tags,
        row.revision,
        row.family,
    )


def dump(store: TemplateStore) -> list[str]:
    """Every row of every table, the trash and the search index included."""
    with closing(sqlite3.connect(store.path)) as connection:
        return list(connection.iterdump())


def entry(**changes: Any) -> dict[str, Any]:
    template: dict[str, Any] = {
        "id": TEMPLATE_ID,
        "revision": 1,
        "base_revision": 1,
        "updated_at": "2026-01-02T03:04:05Z",
        "name": "Hello",
        "kind": "greeting",
        "language": "en",
        "tags": ["a"],
        "fields": [],
        "body": "Hello {{ client_name }}\n",
    }
    template.update(changes)
    return template


def write_bundle(path: Path, templates: list[Any], **top: Any) -> Path:
    data = {"format": "replydesk-templates", "version": 1, "templates": templates, **top}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


MD = """---
id: {id}
name: {name}
kind: greeting
language: en
revision: 3
base_revision: 2
tags: [hello]
---
Hello {{{{ client_name }}}}
"""


# --- export and the round trip ---------------------------------------------------------------


def test_everything_exported_is_imported_with_the_same_identity(
    library_store: TemplateStore, other_store: TemplateStore, tmp_path: Path
) -> None:
    add_quote(library_store)
    edited = library_store.list_templates(language="ru")[0]
    library_store.update_template(edited.id, body="Правка {{ client_name }}\n")
    path = tmp_path / "team.replydesk"

    count = export_file(library_store, path)
    plan = plan_import(other_store, read_bundle(path))
    outcome = apply_plan(other_store, plan)

    mine = {row.id: content(row) for row in library_store.list_templates()}
    theirs = {row.id: content(row) for row in other_store.list_templates()}
    assert count == len(mine) == outcome.added
    assert theirs == mine
    # Imported means shared: the receiver's copies start in step with the team.
    received = other_store.get_template(edited.id)
    assert (received.revision, received.base_revision) == (2, 2)
    assert other_store.get_template(TEMPLATE_ID).origin == "import"


def test_export_file_layout(store: TemplateStore, tmp_path: Path) -> None:
    add_quote(store)
    path = tmp_path / "out.replydesk"
    export_file(store, path)
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert "Quote — logo" in text  # readable, not \u escapes
    assert text.startswith('{\n  "format"')  # indented
    assert (data["format"], data["version"]) == ("replydesk-templates", 1)
    assert data["exported_at"].endswith("Z") and data["app_version"]
    assert "orders" not in data and "profile" not in data
    (template,) = data["templates"]
    assert set(template) == {
        "id",
        "revision",
        "base_revision",
        "updated_at",
        "name",
        "kind",
        "language",
        "tags",
        "fields",
        "body",
    }
    assert template["updated_at"].endswith("Z")
    assert not list(tmp_path.glob(".*.tmp"))


def test_orders_and_profile_only_with_orders(store: TemplateStore, tmp_path: Path) -> None:
    add_quote(store)
    for number in range(25):  # more than list_orders' default page
        store.create_order({"client_name": f"Client {number}", "price": "10"})
    store.update_profile({"my_name": "Alex", "signature.en": "Alex, designer"})

    plain = bundle.bundle_data(store)
    full = bundle.bundle_data(store, with_orders=True)

    assert "orders" not in plain and "profile" not in plain
    assert len(full["orders"]) == 25
    assert {"client_name", "price", "deadline", "custom"} <= set(full["orders"][0])
    assert full["profile"]["my_name"] == "Alex"
    path = tmp_path / "with-orders.replydesk"
    export_file(store, path, with_orders=True)
    read = read_bundle(path)
    assert len(read.orders) == 25 and read.profile is not None
    assert read.profile["signatures"] == {"en": "Alex, designer"}
    assert read.profile["signature"] == "Alex, designer"  # the default language's, as before


def test_filters_and_unknown_ids(library_store: TemplateStore) -> None:
    add_quote(library_store)
    trashed = library_store.list_templates(language="hu")[0]
    library_store.delete_template(trashed.id)

    everything = bundle.bundle_data(library_store)["templates"]
    assert trashed.id not in {t["id"] for t in everything}
    assert len(everything) == library_store.count_templates()
    only = bundle.bundle_data(library_store, ids=[TEMPLATE_ID])["templates"]
    assert [t["id"] for t in only] == [TEMPLATE_ID]
    by_kind = bundle.bundle_data(library_store, kind="delivery")["templates"]
    assert by_kind and {t["kind"] for t in by_kind} == {"delivery"}
    by_language = bundle.bundle_data(library_store, language="sk")["templates"]
    assert by_language and {t["language"] for t in by_language} == {"sk"}

    with pytest.raises(NotFoundError):
        bundle.bundle_data(library_store, ids=["9b8a7c6d-0000-4000-8000-000000000000"])
    with pytest.raises(NotFoundError, match="trash"):
        bundle.bundle_data(library_store, ids=[trashed.id])


def test_a_failed_write_leaves_the_old_file(
    store: TemplateStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_quote(store)
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "out.replydesk"
    path.write_text("the old file", encoding="utf-8")

    def broken_replace(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(bundle.os, "replace", broken_replace)
    with pytest.raises(BundleError, match="No space left"):
        export_file(store, path)
    assert path.read_text(encoding="utf-8") == "the old file"
    assert [p.name for p in path.parent.iterdir()] == ["out.replydesk"]


class CancelAt(Progress):
    """Cancels once the export says it has done `at` templates."""

    def __init__(self, at: int) -> None:
        super().__init__(self._seen)
        self.at = at

    def _seen(self, done: int, total: int, what: str) -> None:
        if done >= self.at:
            self.cancel()


@pytest.mark.parametrize("at", [0, 50, 150])
def test_a_cancelled_export_leaves_the_old_file(
    library_store: TemplateStore, tmp_path: Path, at: int
) -> None:
    """Cancel at any template, up to the last moment before the rename: the file that was
    there stays, and nothing is left beside it."""
    library_store.create_templates(
        [
            TemplateData(name=f"Reply {n}", kind="greeting", language="en", body="Hi")
            for n in range(200)
        ]
    )
    assert library_store.count_templates() > 150
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "out.replydesk"
    path.write_text("the old file", encoding="utf-8")
    with pytest.raises(Cancelled):
        export_file(library_store, path, CancelAt(at))
    assert path.read_text(encoding="utf-8") == "the old file"
    assert [p.name for p in path.parent.iterdir()] == ["out.replydesk"]


def test_an_export_cancelled_at_the_end_writes_nothing(
    store: TemplateStore, tmp_path: Path
) -> None:
    add_quote(store)
    path = tmp_path / "out.replydesk"
    with pytest.raises(Cancelled):
        export_file(store, path, CancelAt(1))  # its last report: one of one done
    assert not path.exists()
    assert export_file(store, path) == 1  # and a second export works


def test_a_cancelled_folder_export_leaves_the_folder_as_it_was(
    library_store: TemplateStore, tmp_path: Path
) -> None:
    folder = tmp_path / "shared"
    export_folder(library_store, folder)
    before = {p: p.read_bytes() for p in folder.glob("*/*.md")}
    for row in library_store.list_templates(language="en"):
        library_store.update_template(row.id, name=row.name + " (renamed)")
    with pytest.raises(Cancelled):
        export_folder(library_store, folder, progress=CancelAt(len(before)))
    assert {p: p.read_bytes() for p in folder.glob("*/*.md")} == before
    assert sorted(folder.rglob(".*")) == []


def test_a_variant_keeps_its_family_and_its_own_identity_both_ways(
    library_store: TemplateStore, other_store: TemplateStore, tmp_path: Path
) -> None:
    """The built-in greeting's five variants travel as five templates of one family; a
    teammate's new variant of my reply arrives as a template of its own in that family."""
    greeting = [row for row in library_store.list_templates() if row.kind == "greeting"]
    assert {row.family for row in greeting} == {"builtin:greeting"}
    assert sorted(row.language for row in greeting) == ["en", "hu", "ro", "ru", "sk"]
    add_quote(other_store, family="quote-family")
    other_store.create_template(
        TemplateData(
            name="Ofertă — logo", kind="upsell_options", language="ro",
            body="Bună ziua, {{ client_name }}!\n", family="quote-family",
        )
    )  # fmt: skip
    path = tmp_path / "team.replydesk"
    assert export_file(other_store, path) == 2
    data = json.loads(path.read_text(encoding="utf-8"))
    assert {t["family"] for t in data["templates"]} == {"quote-family"}
    plan = plan_import(library_store, read_bundle(path))
    assert [item.status for item in plan.items] == [Status.NEW, Status.NEW]
    apply_plan(library_store, plan)
    variants = library_store.variants("quote-family")
    assert sorted(row.language for row in variants) == ["en", "ro"]
    assert len({row.id for row in variants}) == 2

    # A teammate makes my template a variant of theirs: an update that names the family.
    mine = library_store.get_template(TEMPLATE_ID)
    moved = entry(id=TEMPLATE_ID, revision=mine.revision + 1, base_revision=mine.revision,
                  name=mine.name, kind=mine.kind, language=mine.language, tags=mine.tags,
                  fields=mine.fields, body=mine.body, family="offers")  # fmt: skip
    (item,) = plan_import(
        library_store, read_bundle(write_bundle(tmp_path / "m.replydesk", [moved]))
    ).items
    assert item.status is Status.UPDATE
    assert "-family: quote-family\n+family: offers" in item.diff()


def test_a_file_without_families_reads_as_templates_on_their_own(tmp_path: Path) -> None:
    (template,) = read_bundle(write_bundle(tmp_path / "old.replydesk", [entry()])).templates
    assert template.family == ""


def test_folder_round_trip_keeps_identity(
    library_store: TemplateStore, other_store: TemplateStore, tmp_path: Path
) -> None:
    add_quote(library_store)
    library_store.update_template(TEMPLATE_ID, tags=["quote"])
    folder = tmp_path / "shared"

    count = export_folder(library_store, folder)
    files = sorted(folder.glob("*/*.md"))
    assert count == len(files) == library_store.count_templates()
    assert (folder / "en" / f"quote-logo-{TEMPLATE_ID[:8]}.md").is_file()
    (folder / "README.md").write_text("# not a template", encoding="utf-8")

    apply_plan(other_store, plan_import(other_store, read_bundle(folder)))

    mine = {row.id: content(row) for row in library_store.list_templates()}
    theirs = {row.id: content(row) for row in other_store.list_templates()}
    assert theirs.keys() == mine.keys()
    assert theirs[TEMPLATE_ID] == mine[TEMPLATE_ID]
    incoming = {t.id: t for t in read_bundle(folder).templates}[TEMPLATE_ID]
    assert (incoming.revision, incoming.base_revision) == (2, 1)
    # The files normalise blank lines around a text; nothing else changes.
    assert all(
        plan.status is Status.IDENTICAL
        for plan in plan_import(library_store, read_bundle(folder)).items
    )


def test_exporting_a_renamed_template_again_replaces_its_old_file(
    store: TemplateStore, tmp_path: Path
) -> None:
    add_quote(store)
    folder = tmp_path / "shared"
    export_folder(store, folder)
    store.update_template(TEMPLATE_ID, name="Quote — brand book", language="ro")
    export_folder(store, folder)
    assert [p.relative_to(folder).as_posix() for p in folder.glob("*/*.md")] == [
        f"ro/quote-brand-book-{TEMPLATE_ID[:8]}.md"
    ]
    assert read_bundle(folder).templates[0].name == "Quote — brand book"


def test_one_md_file(tmp_path: Path) -> None:
    path = tmp_path / "hello.md"
    path.write_text(MD.format(id=TEMPLATE_ID, name="Hello"), encoding="utf-8")
    read = read_bundle(path)
    (template,) = read.templates
    assert (template.id, template.name, template.revision, template.base_revision) == (
        TEMPLATE_ID,
        "Hello",
        3,
        2,
    )
    assert template.tags == ("hello",) and read.source == str(path)


def test_an_md_file_without_revisions_counts_as_revision_one(tmp_path: Path) -> None:
    builtin = library.builtin_paths()[0]
    template = read_bundle(builtin).templates[0]
    assert (template.revision, template.base_revision, template.updated_at) == (1, 1, None)


def zip_bytes(files: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_of_front_matter_files(store: TemplateStore, tmp_path: Path) -> None:
    add_quote(store)
    folder = tmp_path / "shared"
    export_folder(store, folder)
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.md")}
    files["__MACOSX/._junk.md"] = b"\x00\x01"
    path = tmp_path / "shared.zip"
    path.write_bytes(zip_bytes(files))

    read = read_bundle(path)

    assert [t.id for t in read.templates] == [TEMPLATE_ID]
    assert read.templates[0].fields == tuple(store.get_template(TEMPLATE_ID).fields)
    assert read.source == str(path)


def test_a_zip_holding_one_replydesk_file(store: TemplateStore, tmp_path: Path) -> None:
    add_quote(store)
    inner = tmp_path / "inner.replydesk"
    export_file(store, inner)
    path = tmp_path / "mail.zip"
    path.write_bytes(zip_bytes({"team.replydesk": inner.read_bytes()}))
    read = read_bundle(path)
    assert [t.body for t in read.templates] == [store.get_template(TEMPLATE_ID).body]
    assert read.source == str(path)


# --- validation -----------------------------------------------------------------------------


def doc(*templates: Any, **top: Any) -> dict[str, Any]:
    return {"format": "replydesk-templates", "version": 1, "templates": list(templates), **top}


def without(key: str, **changes: Any) -> dict[str, Any]:
    return {k: v for k, v in entry(**changes).items() if k != key}


BROKEN_JSON = '{"format": "replydesk-templates",\n  "version": 1\n  "templates": []}'
SYNTAX_MD = MD.format(id=TEMPLATE_ID, name="Hello").replace("Hello {{", "\n{% if %}\nHello {{")

# (file name, content: bytes and str are written as they are, anything else as JSON, message)
VALIDATION_CASES: list[tuple[str, Any, str]] = [
    ("not-ours.replydesk", {"templates": []}, r"not a Replydesk file"),
    ("list.replydesk", [1, 2], r"not a Replydesk file"),
    ("notes.txt", "hello", r"notes\.txt: not a Replydesk file"),
    ("future.replydesk", {**doc(), "version": 2}, r"unknown format version 2 .*reads version 1"),
    ("broken.replydesk", BROKEN_JSON, r"not valid JSON at line 3, column 3"),
    ("latin1.replydesk", b"\xff\xfe\xfa", r"latin1\.replydesk: not UTF-8"),
    ("no-name.replydesk", doc(without("name")), r"template #1 \(.*\): the key 'name' is missing"),
    (
        "no-body.replydesk",
        doc(entry(), without("body", id=OTHER_ID)),
        rf"template #2 \({OTHER_ID}\): the key 'body' is missing",
    ),
    ("name.replydesk", doc(entry(name=5)), r"template #1 .*'name' must be a non-empty text"),
    ("tags.replydesk", doc(entry(tags="a, b")), r"template #1 .*'tags' must be a list"),
    ("revision.replydesk", doc(entry(revision="two")), r"'revision' must be a whole number"),
    ("body-type.replydesk", doc(entry(body=["x"])), r"'body' must be text"),
    ("id.replydesk", doc(entry(id="nope")), r"'id' must be a UUID"),
    ("entry.replydesk", doc("a string"), r"template #1: must be an object"),
    ("templates.replydesk", {**doc(), "templates": {"a": 1}}, r"'templates' must be a list"),
    (
        "syntax.replydesk",
        doc(entry(body="Hello\n{{ client_name }\n")),
        r"syntax\.replydesk: template #1 .*\(Hello\): body line 2: ",
    ),
    (
        "twice.replydesk",
        doc(entry(), entry(name="Again")),
        rf"template #1 and template #2 have the same id {TEMPLATE_ID}",
    ),
    (
        "field.replydesk",
        doc(entry(fields=[{"name": "bad name", "type": "text"}])),
        r"field name 'bad name' is not a valid identifier",
    ),
    (
        "field-twice.replydesk",
        doc(entry(fields=[{"name": "x"}, {"name": "x", "type": "number"}])),
        r"field x is declared twice",
    ),
    (
        "field-type.replydesk",
        doc(entry(fields=[{"name": "x", "type": "colour"}])),
        r"field x: unknown type 'colour'",
    ),
    ("orders.replydesk", doc(orders={"a": 1}), r"'orders' must be a list"),
    (
        "deep-body.replydesk",
        doc(entry(body="{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}")),
        r"nested too deeply",
    ),
    ("yaml.md", "---\nid: [unclosed\n---\nbody\n", r"yaml\.md: front matter at line \d+, column"),
    (
        "deep.md",
        MD.format(id=TEMPLATE_ID, name="Deep").replace("[hello]", "[" * 50_000 + "]" * 50_000),
        r"deep\.md: front matter nested too deeply$",
    ),
    # Nested in the text, not the front matter: Jinja's parser recursed out of the stack.
    (
        "deep-body.md",
        MD.format(id=TEMPLATE_ID, name="Deep").replace(
            "Hello", "{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}"
        ),
        r"deep-body\.md",
    ),
    ("syntax.md", SYNTAX_MD, r"syntax\.md \(Hello\): line 11: "),
    ("empty.zip", b"PK\x05\x06" + b"\x00" * 18, r"empty\.zip: no template files"),
    ("garbage.zip", b"not a zip at all", r"garbage\.zip: not a zip file"),
]


def write_input(path: Path, content: Any) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return path


def refused(store: TemplateStore, path: Path, message: str) -> BundleError:
    """Reading `path` fails with one line naming the file; the store is untouched."""
    before = dump(store)
    with pytest.raises(BundleError, match=message) as caught:
        plan_import(store, read_bundle(path))
    assert "\n" not in str(caught.value)
    assert str(path) in str(caught.value)
    assert dump(store) == before
    return caught.value


@pytest.mark.parametrize(
    ("name", "content", "message"), VALIDATION_CASES, ids=[c[0] for c in VALIDATION_CASES]
)
def test_bad_input_is_refused_in_one_line_naming_the_file(
    store: TemplateStore, tmp_path: Path, name: str, content: Any, message: str
) -> None:
    add_quote(store)
    refused(store, write_input(tmp_path / name, content), message)


class YamlRefusingFirst:
    """PyYAML as another version may be: it refuses nesting deeper than `limit` itself, in
    words of its own, before a single event reaches our checks (libyaml 6.0.4 does so for
    flow sequences 1,000 deep); everything else is PyYAML's."""

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def __getattr__(self, name: str) -> Any:
        return getattr(yaml, name)

    def parse(self, stream: str, Loader: Any) -> Any:
        depth = 0
        for index, char in enumerate(stream):
            depth += char in "[{"
            if depth > self.limit:
                mark = yaml.Mark("<unicode string>", index, 0, index, None, 0)
                raise yaml.scanner.ScannerError(None, None, "words of its own", mark)
        return yaml.parse(stream, Loader=Loader)


@pytest.mark.parametrize(
    ("limit", "depth", "message"),
    [
        (60, 100_000, r"nested too deeply$"),
        (1_000, 100_000, r"nested too deeply$"),
        (10, 20, r"front matter at line \d+, column \d+: not valid YAML \(words of its own\)$"),
    ],
    ids=["above-our-limit", "libyaml-limit", "below-our-limit"],
)
def test_yaml_refused_by_pyyaml_itself_is_our_one_line(
    store: TemplateStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    limit: int,
    depth: int,
    message: str,
) -> None:
    monkeypatch.setattr(library, "yaml", YamlRefusingFirst(limit))
    md = MD.replace("tags: [hello]", "tags: " + "[" * depth + "]" * depth)
    refused(store, write_input(tmp_path / "deep.md", md.format(id=TEMPLATE_ID, name="Hi")), message)


@pytest.mark.parametrize(
    "raised",
    [yaml.YAMLError("two\nlines"), yaml.reader.ReaderError("x", 0, 0, "y", "z"), RecursionError()],
    ids=["yaml-error", "reader-error", "recursion-error"],
)
def test_whatever_the_yaml_parser_raises_is_a_bundle_error(
    store: TemplateStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, raised: BaseException
) -> None:
    def parse(stream: str, Loader: Any) -> Any:
        raise raised

    monkeypatch.setattr(library.yaml, "parse", parse)
    path = write_input(tmp_path / "any.md", MD.format(id=TEMPLATE_ID, name="Hi"))
    refused(store, path, r"any\.md: front matter(: not valid YAML| nested too deeply to read)$")


def test_the_syntax_error_line_is_the_line_of_the_file() -> None:
    assert SYNTAX_MD.splitlines()[10] == "{% if %}"


def test_limits(store: TemplateStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert bundle.MAX_BUNDLE_BYTES == 64 * 1024 * 1024
    assert (bundle.MAX_TEMPLATES, bundle.MAX_BODY_CHARS) == (20_000, 100_000)
    long_body = "x" * 100_001
    refused(store, write_input(tmp_path / "long.replydesk", doc(entry(body=long_body))), "longer")
    md = MD.format(id=TEMPLATE_ID, name="Long").replace("Hello", long_body)
    refused(store, write_input(tmp_path / "long.md", md), r"longer than 100,000 characters")

    monkeypatch.setattr(bundle, "MAX_TEMPLATES", 1)
    two = doc(entry(), entry(id=OTHER_ID))
    refused(store, write_input(tmp_path / "many.replydesk", two), r"more than 1 templates")

    monkeypatch.setattr(bundle, "MAX_BUNDLE_BYTES", 100)
    refused(store, write_input(tmp_path / "big.replydesk", doc(entry())), r"larger than")


def test_a_missing_path(store: TemplateStore, tmp_path: Path) -> None:
    refused(store, tmp_path / "gone.replydesk", "no such file")


def test_an_empty_bundle_is_valid(tmp_path: Path) -> None:
    assert read_bundle(write_input(tmp_path / "none.replydesk", doc())).templates == ()


# --- zip safety ---------------------------------------------------------------------------------


def good_md(name: str = "Hello", template_id: str = TEMPLATE_ID) -> bytes:
    return MD.format(id=template_id, name=name).encode()


def symlink_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("en/link.md")
        link.external_attr = (0o120777 << 16) | 0x20
        archive.writestr(link, "/etc/passwd")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"../evil.md": good_md()}, r"'\.\./evil\.md' points outside the archive"),
        ({"en/../../evil.md": good_md()}, r"points outside the archive"),
        ({"/etc/evil.md": good_md()}, r"'/etc/evil\.md' points outside the archive"),
        ({"C:/evil.md": good_md()}, r"points outside the archive"),
        ({"a.md": good_md(), "b.md": good_md("Again")}, r"a\.md and b\.md have the same id"),
        ({"a.replydesk": b"{}", "b.md": good_md()}, r"both a \.replydesk file and \.md files"),
        ({"a.replydesk": b"{}", "b.replydesk": b"{}"}, r"holds 2 \.replydesk files"),
        ({"bomb.md": b"0" * (5 * 1024 * 1024)}, r"compressed over 100 times"),
        ({"en/bad.md": b"---\nid: 1\n---\n"}, r"\.zip: en/bad\.md: 'id' must be a UUID"),
    ],
    ids=["dotdot", "nested-dotdot", "absolute", "drive", "same-id", "mixed", "two", "ratio", "bad"],
)
def test_unsafe_or_bad_zips_are_refused(
    store: TemplateStore, tmp_path: Path, files: dict[str, bytes], message: str
) -> None:
    (tmp_path / "in").mkdir()
    path = tmp_path / "in" / "shared.zip"
    path.write_bytes(zip_bytes(files))
    refused(store, path, message)
    assert [p.name for p in path.parent.rglob("*")] == ["shared.zip"]  # nothing unpacked


def test_zip_symlinks_are_refused(store: TemplateStore, tmp_path: Path) -> None:
    path = tmp_path / "links.zip"
    path.write_bytes(symlink_zip())
    refused(store, path, r"'en/link\.md' is a symbolic link")


def test_zip_that_unpacks_too_large_is_refused(
    store: TemplateStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Many small entries, each too small to count as a bomb: only their total gives it away.
    files = {f"{n}.md": good_md(f"T{n}") + b"x" * 60_000 for n in range(4)}
    path = tmp_path / "big.zip"
    path.write_bytes(zip_bytes(files))
    assert path.stat().st_size < 10_000
    monkeypatch.setattr(bundle, "MAX_BUNDLE_BYTES", 200_000)
    refused(store, path, r"unpacks to more than")


def test_zip_with_too_many_entries_is_refused(
    store: TemplateStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "many.zip"
    path.write_bytes(zip_bytes({f"{n}.md": good_md() for n in range(3)}))
    monkeypatch.setattr(bundle, "MAX_TEMPLATES", 2)
    refused(store, path, r"more than 2 templates")


# --- folders ----------------------------------------------------------------------------------


def test_folder_links_to_outside_are_not_followed(store: TemplateStore, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_bytes(good_md("Secret", OTHER_ID))
    folder = tmp_path / "shared"
    (folder / "en").mkdir(parents=True)
    (folder / "en" / "hello.md").write_bytes(good_md())
    (folder / "linked-folder").symlink_to(outside, target_is_directory=True)

    assert [t.name for t in read_bundle(folder).templates] == ["Hello"]

    (folder / "en" / "secret.md").symlink_to(outside / "secret.md")
    refused(store, folder, r"secret\.md: a link to a file outside")


def test_folder_problems_name_the_file(store: TemplateStore, tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    (folder / "en").mkdir(parents=True)
    refused(store, folder, "no template files")
    (folder / "en" / "a.md").write_bytes(good_md())
    (folder / "en" / "b.md").write_bytes(good_md("Again"))
    refused(store, folder, r"en/a\.md and en/b\.md have the same id")
    (folder / "en" / "b.md").write_text("---\nname: [x\n---\n", encoding="utf-8")
    refused(store, folder, r"en/b\.md: front matter at line \d+, column \d+")
