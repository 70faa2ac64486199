"""Fuzzing `replydesk import`: any file is imported correctly or refused in one clear line.

Hostile files ("Reliability and security"): random JSON, mutations of a valid `.replydesk`
file (bytes and structure), random and mutated zips. Every example reads, plans and applies
an import (what the CLI does) on a fresh database, and checks that a refusal is a
ReplydeskError of one line that leaves the database exactly as it was, and that a success
put the file's templates in the store. The example counts are constants so a run can
report how many cases it tried.
"""

from __future__ import annotations

import copy
import io
import json
import math
import os
import shutil
import sqlite3
import stat
import tempfile
import threading
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, currently_in_test_context, event, example, given, settings
from hypothesis import strategies as st
from test_hostile_import import BOMB_MAKERS, zip_with  # bombs whose headers lie

from replydesk.core import bundle, library, template_texts
from replydesk.core.bundle import BundleError, read_bundle
from replydesk.core.errors import ReplydeskError
from replydesk.core.merge import Choice, Status, apply_plan, plan_import
from replydesk.core.models import TemplateData
from replydesk.core.store import TemplateStore

RANDOM_JSON_EXAMPLES = 200
MUTATED_BUNDLE_EXAMPLES = 400
RANDOM_ZIP_EXAMPLES = 150
MUTATED_ZIP_EXAMPLES = 200
FUZZ_EXAMPLES = (
    RANDOM_JSON_EXAMPLES + MUTATED_BUNDLE_EXAMPLES + RANDOM_ZIP_EXAMPLES + MUTATED_ZIP_EXAMPLES
)

NEW_ID = "0b7f1f6e-6a43-4c6a-9d0e-3a1c2b4d5e6f"  # not in the store: added
EDITED_ID = "5e2d9c1a-8b7f-4e3d-a2c1-0f9e8d7c6b5a"  # edited locally: a conflict, kept
SAME_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"  # the same content: identical
TRASHED_ID = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"  # in the trash, not in the file

TEMPLATES: list[dict[str, Any]] = [
    {
        "id": NEW_ID,
        "revision": 3,
        "base_revision": 2,
        "updated_at": "2026-01-02T03:04:05Z",
        "name": "Quote — logo «design»",
        "kind": "upsell_options",
        "language": "pt-BR",
        "tags": ["quote", "logo"],
        "fields": [
            {"name": "extras", "type": "choice", "choices": ["Icons", "Fonts"], "multiple": True},
            {"name": "price", "type": "money", "label": "Total", "required": False},
        ],
        "body": "Hi {{ client_name }}, the logo costs {{ price|money }}.\n{{ extras }}\n",
    },
    {
        "id": EDITED_ID,
        "revision": 2,
        "name": "Привет",
        "kind": "greeting",
        "language": "ru",
        "tags": [],
        "fields": [],
        "body": "Здравствуйте, {{ client_name }}!\n",
    },
    {
        "id": SAME_ID,
        "name": "Away",
        "kind": "away_notice",
        "language": "en",
        "body": "I am away until {{ deadline }}.\n",
    },
]
DOCUMENT: dict[str, Any] = {
    "format": "replydesk-templates",
    "version": 1,
    "app_version": "0.1.0",
    "exported_at": "2026-03-01T10:00:00Z",
    "templates": TEMPLATES,
    "orders": [{"id": 1, "client_name": "Ann", "price": 25.5}],
    "profile": {"name": "Me"},
}


def fuzz_settings(examples: int) -> Any:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# --- the store each example imports into ---------------------------------------------------


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding an edited, an identical and a trashed template; copied per example."""
    folder = tmp_path_factory.mktemp("seed")
    store = TemplateStore(folder / "replydesk.sqlite3", folder / "backups")
    try:
        edited = TEMPLATES[1]
        store.create_template(
            TemplateData(
                id=EDITED_ID,
                name=edited["name"],
                kind=edited["kind"],
                language=edited["language"],
                body="Old text {{ client_name }}\n",
            )
        )
        store.update_template(EDITED_ID, body="My edit {{ client_name }}\n")
        same = TEMPLATES[2]
        store.create_template(
            TemplateData(
                id=SAME_ID,
                name=same["name"],
                kind=same["kind"],
                language=same["language"],
                body=same["body"],
            )
        )
        store.create_template(
            TemplateData(id=TRASHED_ID, name="Gone", kind="delivery", language="en", body="x\n")
        )
        store.delete_template(TRASHED_ID)
    finally:
        store.close()
    return folder / "replydesk.sqlite3"


@contextmanager
def fresh_store(seeded_db: Path) -> Iterator[tuple[TemplateStore, Path]]:
    """A copy of the seeded database in a folder of its own; yields it and the folder."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        shutil.copy(seeded_db, folder / "replydesk.sqlite3")
        store = TemplateStore(folder / "replydesk.sqlite3", folder / "backups")
        try:
            yield store, folder
        finally:
            store.close()


def dump(store: TemplateStore) -> list[str]:
    """Every row of every table, the trash and the search index included."""
    with closing(sqlite3.connect(store.path)) as connection:
        return list(connection.iterdump())


@dataclass
class Result:
    """What importing one file did: the error, or the templates read."""

    error: ReplydeskError | None = None
    templates: tuple[bundle.IncomingTemplate, ...] = ()


def import_file(seeded_db: Path, name: str, data: bytes) -> Result:
    """Import `data` (saved as `name`) as the CLI does, into a fresh copy of the database,
    and check the outcome: a correct import, or one clear line and nothing changed."""
    with fresh_store(seeded_db) as (store, folder):
        path = folder / name
        path.write_bytes(data)
        before = dump(store)
        local = {row.id: row for row in store.list_templates(include_deleted=True)}
        try:
            plan = plan_import(store, read_bundle(path))
            apply_plan(store, plan)
        except ReplydeskError as error:
            message = str(error)
            assert message and "\n" not in message and "\r" not in message, message
            if isinstance(error, BundleError):
                assert message.startswith(str(path)), message
            assert dump(store) == before
            record(f"refused: {message.removeprefix(str(path)).lstrip(': ')[:40]}")
            return Result(error=error)
        for item in plan.items:
            row = store.get_template(item.incoming.id)
            incoming, mine = item.incoming, local.get(item.incoming.id)
            if item.status in (Status.NEW, Status.UPDATE):
                assert item.choice is Choice.THEIRS
                got = (row.name, row.kind, row.language, row.body, tuple(row.tags), row.revision)
                assert got == (
                    incoming.name,
                    incoming.kind,
                    incoming.language,
                    incoming.body,
                    incoming.tags,
                    incoming.revision,
                )
                assert tuple(row.fields) == incoming.fields and row.deleted_at is None
            else:  # identical, or a conflict kept as mine: the local row is untouched
                assert mine is not None
                assert (row.body, row.revision, row.deleted_at) == (
                    mine.body,
                    mine.revision,
                    mine.deleted_at,
                )
        expected_ids = {item.incoming.id for item in plan.items} | set(local)
        assert {row.id for row in store.list_templates(include_deleted=True)} == expected_ids
        record(f"imported {len(plan.items)} templates")
        return Result(templates=plan_templates(plan))


def record(outcome: str) -> None:
    """Count outcomes in --hypothesis-show-statistics, so a run shows both kinds happen."""
    if currently_in_test_context():
        event(outcome)


def plan_templates(plan: Any) -> tuple[bundle.IncomingTemplate, ...]:
    return tuple(item.incoming for item in plan.items)


def matches_json(result: Result, data: bytes) -> None:
    """The templates read are those of the JSON file (last of duplicate keys, as JSON does)."""
    if result.error is not None:
        return
    document = json.loads(data.decode("utf-8-sig"))
    entries = document["templates"]
    assert len(entries) == len(result.templates)
    for entry, template in zip(entries, result.templates, strict=True):
        assert template.id == entry["id"].strip().lower()
        assert template.body == entry["body"]
        for key in ("name", "kind", "language"):
            assert getattr(template, key) == entry[key].strip()
        tags = entry.get("tags") or []
        assert template.tags == tuple(str(tag).strip() for tag in tags)
        assert template.revision == (entry.get("revision") or 1)


def as_bytes(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()


def test_the_valid_bundle_imports_as_the_merge_rules_say(seeded_db: Path) -> None:
    data = as_bytes(DOCUMENT)
    result = import_file(seeded_db, "team.replydesk", data)
    assert result.error is None
    assert [t.id for t in result.templates] == [NEW_ID, EDITED_ID, SAME_ID]
    matches_json(result, data)


# --- JSON: random documents -----------------------------------------------------------------

JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from([0, -1, 1, 2, 2**31, 2**63, 2**64, 10**30])
    | st.floats()
    | st.text(max_size=30)
    | st.sampled_from(["", " ", "\x00", "\ud800", "\ufeff", "a\nb", "{{", "{% if %}", NEW_ID])
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=15,
)
TEMPLATE_KEYS = ["id", "name", "kind", "language", "body", "tags", "fields", "revision"]
TEMPLATE_KEYS += ["base_revision", "updated_at"]
# A template of the valid file with random values for some keys, or a random object.
RANDOM_TEMPLATE = st.builds(
    lambda template, changes, dropped: {
        k: v for k, v in {**template, **changes}.items() if k not in dropped
    },
    st.sampled_from(TEMPLATES),
    st.dictionaries(st.sampled_from(TEMPLATE_KEYS), JSON_VALUES, max_size=2),
    st.sets(st.sampled_from(TEMPLATE_KEYS), max_size=1),
) | st.dictionaries(st.sampled_from(TEMPLATE_KEYS), JSON_VALUES)


def mostly(value: Any, otherwise: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """`value` three times in four, else a draw from `otherwise`."""
    return st.integers(0, 3).flatmap(lambda n: st.just(value) if n else otherwise)


@fuzz_settings(RANDOM_JSON_EXAMPLES)
@given(
    document=JSON_VALUES
    | st.fixed_dictionaries(
        {
            "format": mostly("replydesk-templates", JSON_SCALARS),
            "version": mostly(1, JSON_SCALARS),
            "templates": st.lists(RANDOM_TEMPLATE, max_size=3, unique_by=lambda t: str(t.get("id")))
            | JSON_VALUES,
        },
        optional={"orders": JSON_VALUES, "profile": JSON_VALUES},
    )
)
def test_random_json(seeded_db: Path, document: Any) -> None:
    data = json.dumps(document).encode()  # ASCII: lone surrogates become \ud800 escapes
    matches_json(import_file(seeded_db, "random.replydesk", data), data)


# --- JSON: mutations of the valid bundle ----------------------------------------------------


class Raw(str):
    """JSON text put into the output as it is (a deep array, an over-long number)."""


class Pairs(list[tuple[str, Any]]):
    """An object written with its keys in this order, duplicates included."""


def encode(value: Any) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, Pairs):
        return "{" + ", ".join(f"{json.dumps(k)}: {encode(v)}" for k, v in value) + "}"
    if isinstance(value, dict):
        return encode(Pairs(value.items()))
    if isinstance(value, list):
        return "[" + ", ".join(encode(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path in `value`: the keys and indexes leading to each part."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths(item, (*prefix, index))


ODD_VALUES = JSON_VALUES | st.sampled_from(
    [
        Raw("[" * 100_000 + "]" * 100_000),
        Raw("[" * 500 + "]" * 500),
        Raw("9" * 5000),
        Raw("-" + "9" * 4301),
        Raw("1e99999"),
        Raw("NaN"),
        Raw("-Infinity"),
        Raw("1.0"),
        Raw('"\\ud800"'),
        Raw('"\\udfff\\ud800"'),
        Raw('"\\u0000"'),
        "x" * 100_001,
        " " + NEW_ID.upper() + " ",
        "{% for %}",
        {"name": "x", "type": "colour"},
        [{"name": "x"}, {"name": "x"}],
    ]
)


def odd_value(draw: st.DrawFn) -> Any:
    # A copy: sampled values are shared between examples, and later mutations change them.
    return copy.deepcopy(draw(ODD_VALUES))


def structural(draw: st.DrawFn, document: Any, op: str) -> Any:
    """Delete, replace, repeat or duplicate the part at one path of `document` (changed in
    place; the new document is returned). "duplicate" writes a key twice, so it comes last."""
    path = draw(st.sampled_from(list(paths(document))))
    if not path:
        return odd_value(draw) if op == "replace" else document
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if op == "delete":
        del parent[last]
    elif op == "replace":
        parent[last] = odd_value(draw)
    elif op == "duplicate" and isinstance(parent, dict):
        # The same key twice, first or last, with another value (JSON keeps the last).
        items = list(parent.items())
        items.insert(draw(st.integers(0, len(items))), (last, odd_value(draw)))
        if len(path) == 1:
            return Pairs(items)
        grand = document
        for step in path[:-2]:
            grand = grand[step]
        grand[path[-2]] = Pairs(items)
    elif isinstance(parent, list):
        parent.append(parent[last])  # an id twice, an order twice
    return document


def byte_mutation(draw: st.DrawFn, data: bytes) -> bytes:
    at = draw(st.integers(0, len(data)))
    op = draw(st.sampled_from(["flip", "truncate", "insert", "delete", "bom", "encoding"]))
    if op == "flip" and at < len(data):
        return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    if op == "truncate":
        return data[:at]
    if op == "insert":
        odd = st.sampled_from([b"\x00", b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xef\xbb\xbf"])
        return data[:at] + draw(odd | st.binary(min_size=1, max_size=4)) + data[at:]
    if op == "delete":
        return data[:at] + data[at + draw(st.integers(1, 40)) :]
    if op == "bom":
        return draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b""])) + data
    encoding = draw(st.sampled_from(["utf-16", "latin-1", "cp1251"]))
    return data.decode("utf-8", "replace").encode(encoding, "replace")


@st.composite
def mutated_bundle(draw: st.DrawFn) -> bytes:
    document = json.loads(json.dumps(DOCUMENT))
    for _ in range(draw(st.integers(0, 3))):
        document = structural(
            draw, document, draw(st.sampled_from(["delete", "replace", "append"]))
        )
    if draw(st.booleans()):
        document = structural(draw, document, "duplicate")
    data = encode(document).encode("utf-8", "surrogatepass")
    for _ in range(draw(st.integers(0, 2))):
        data = byte_mutation(draw, data)
    return data


@fuzz_settings(MUTATED_BUNDLE_EXAMPLES)
@given(data=mutated_bundle())
@example(data=as_bytes(DOCUMENT))
@example(data=b"\xef\xbb\xbf" + as_bytes(DOCUMENT))
def test_mutated_bundle(seeded_db: Path, data: bytes) -> None:
    matches_json(import_file(seeded_db, "team.replydesk", data), data)


# --- zips -----------------------------------------------------------------------------------


def md_file(template: dict[str, Any]) -> bytes:
    parsed = library.template_from_mapping(template, template["body"], "test")
    return library.format_template_file(parsed).encode()


MD_FILES = {f"{t['language']}/{bundle.slug(t['name'])}.md": md_file(t) for t in TEMPLATES}
ENTRY_NAMES = st.sampled_from(
    [
        *MD_FILES,
        "team.replydesk",
        "README.md",
        ".hidden.md",
        "__MACOSX/._a.md",
        "folder/",
        "../evil.md",
        "..\\evil.md",
        "a/..\\..\\evil.md",
        "/etc/evil.md",
        "\\evil.md",
        "C:evil.md",
        "c:\\evil.md",
        "a\nb.md",
        "ok\x00.md",
        "dir/../a.md",
        "ünïcode/名前.md",
    ]
) | st.text(max_size=12).map(lambda name: name + ".md")
ENTRY_DATA = st.sampled_from([*MD_FILES.values(), as_bytes(DOCUMENT)]) | st.binary(max_size=64)


@dataclass(frozen=True)
class Entry:
    name: str
    data: bytes
    compression: int
    external_attr: int
    flag_bits: int


ENTRIES = st.builds(
    Entry,
    name=ENTRY_NAMES,
    data=ENTRY_DATA,
    compression=st.sampled_from(
        [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]
    ),
    external_attr=st.sampled_from([0, 0o100644 << 16, (stat.S_IFLNK | 0o777) << 16, 0x10])
    | st.integers(0, 2**32 - 1),
    flag_bits=st.sampled_from([0, 0, 0x1, 0x800, 0x8]),
)


def zip_of(entries: list[Entry]) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as archive:
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name": wanted here
        for entry in entries:
            info = zipfile.ZipInfo(entry.name, date_time=(2026, 1, 2, 3, 4, 5))
            info.compress_type = entry.compression
            info.external_attr = entry.external_attr
            info.flag_bits |= entry.flag_bits & 0x1  # "encrypted", though it is not
            archive.writestr(info, entry.data)
    return buffer.getvalue()


def valid_zip(with_bundle: bool) -> bytes:
    if with_bundle:
        entries = [Entry("shared/team.replydesk", as_bytes(DOCUMENT), zipfile.ZIP_DEFLATED, 0, 0)]
    else:
        entries = [Entry(n, d, zipfile.ZIP_DEFLATED, 0, 0) for n, d in MD_FILES.items()]
    return zip_of(entries)


@fuzz_settings(RANDOM_ZIP_EXAMPLES)
@given(entries=st.lists(ENTRIES, min_size=0, max_size=5))
@example(entries=[Entry("\x00.md", b"", zipfile.ZIP_STORED, 0, 0)])
def test_random_zip(seeded_db: Path, entries: list[Entry]) -> None:
    import_file(seeded_db, "random.zip", zip_of(entries))


@st.composite
def mutated_zip(draw: st.DrawFn) -> bytes:
    data = valid_zip(draw(st.booleans()))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["flip", "truncate", "insert", "delete", "size"]))
        if op == "flip" and at < len(data):
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
        elif op == "truncate":
            data = data[:at]
        elif op == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
        elif op == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 30)) :]
        else:  # a size field (compressed or not) in a header set to a lie
            data = lie_about_sizes(data, draw(st.sampled_from([0, 1, 2**31, 2**32 - 1])))
    return data


@fuzz_settings(MUTATED_ZIP_EXAMPLES)
@given(data=mutated_zip())
@example(data=valid_zip(True))
@example(data=valid_zip(False))
def test_mutated_zip(seeded_db: Path, data: bytes) -> None:
    result = import_file(seeded_db, "shared.zip", data)
    if data in (valid_zip(True), valid_zip(False)):
        assert result.error is None and len(result.templates) == len(TEMPLATES)


# --- zip safety: what test_bundle.py does not cover -----------------------------------------


def lie_about_sizes(data: bytes, size: int, *, compressed: bool = False) -> bytes:
    """Set every central-directory entry's uncompressed (or compressed) size to `size`."""
    out = bytearray(data)
    offset = 24 if not compressed else 20
    start = out.find(b"PK\x01\x02")
    while start != -1:
        out[start + offset : start + offset + 4] = size.to_bytes(4, "little")
        start = out.find(b"PK\x01\x02", start + 4)
    return bytes(out)


def refused(seeded_db: Path, name: str, data: bytes, message: str) -> None:
    result = import_file(seeded_db, name, data)
    assert result.error is not None, "imported"
    assert isinstance(result.error, BundleError)
    assert message in str(result.error), str(result.error)


@pytest.mark.parametrize(
    "name",
    ["..\\evil.md", "en\\..\\..\\evil.md", "\\evil.md", "\\\\server\\share\\evil.md", "c:evil.md"],
)
def test_backslash_and_drive_paths_are_refused(seeded_db: Path, name: str) -> None:
    data = zip_of([Entry(name, next(iter(MD_FILES.values())), zipfile.ZIP_DEFLATED, 0, 0)])
    refused(seeded_db, "shared.zip", data, "points outside the archive")


@pytest.mark.parametrize("mode", [0o120777, 0o120644, 0o120000])
def test_symlink_entries_are_refused_whatever_their_permissions(seeded_db: Path, mode: int) -> None:
    data = zip_of([Entry("en/link.md", b"/etc/passwd", zipfile.ZIP_STORED, mode << 16, 0)])
    refused(seeded_db, "shared.zip", data, "is a symbolic link")


def test_a_zip_missing_its_first_byte_is_refused(seeded_db: Path) -> None:
    # Every entry's offset then points one byte early; the first one before the start of the
    # file, and zipfile raised ValueError ("negative seek value -1").
    refused(seeded_db, "shared.zip", valid_zip(False)[1:], "not a zip file, or a damaged one")


def test_an_entry_without_a_name_is_refused(seeded_db: Path) -> None:
    # zipfile cuts names at a NUL byte; the empty name crashed ZipInfo.is_dir (IndexError).
    data = zip_of([Entry("\x00.md", next(iter(MD_FILES.values())), zipfile.ZIP_STORED, 0, 0)])
    refused(seeded_db, "shared.zip", data, "an entry has no name")


def test_a_declared_huge_size_is_refused_before_reading(seeded_db: Path) -> None:
    data = lie_about_sizes(valid_zip(False), 2**32 - 1)
    refused(seeded_db, "shared.zip", data, "unpacks to more than 64 MiB")


def test_an_entry_bigger_than_it_says_is_refused(seeded_db: Path) -> None:
    # The header says 10 bytes; decompressing stops just past them.
    data = lie_about_sizes(valid_zip(False), 10)
    refused(seeded_db, "shared.zip", data, "is larger than it says")


def test_a_high_ratio_bzip2_bomb_is_refused(seeded_db: Path) -> None:
    data = zip_of([Entry("bomb.md", b"\x00" * (8 * 1024 * 1024), zipfile.ZIP_BZIP2, 0, 0)])
    assert len(data) < 1000
    refused(seeded_db, "bomb.zip", data, "compressed over 100 times")


def test_many_entries_are_refused_before_any_is_read(seeded_db: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for number in range(bundle.MAX_TEMPLATES + 1):
            archive.writestr(f"{number}.md", b"")
    refused(seeded_db, "many.zip", buffer.getvalue(), "more than 20,000 templates")


# --- JSON readers: the bugs fuzzing found; each failed before its fix ------------------------


def with_first(**changes: Any) -> dict[str, Any]:
    return {**DOCUMENT, "templates": [{**TEMPLATES[0], **changes}]}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"format": "replydesk-templates", "version": ' + b"9" * 5000 + b"}", "too long"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (encode(with_first(name="\ud800")).encode("utf-8", "surrogatepass"), "not UTF-8"),
        (json.dumps(with_first(name="\ud800")).encode(), "not valid Unicode"),
        (json.dumps(with_first(tags=["\udc80"])).encode(), "not valid Unicode"),
        (as_bytes(with_first(id="a\nb")), r"template #1 (a\nb): 'id' must be a UUID"),
        (
            # A name that forges a second row in `replydesk list` is refused outright.
            as_bytes(with_first(name="two\nlines", body="{% if %}")),
            "the name holds an invisible or control character (U+000A, character 4)",
        ),
        (as_bytes(with_first(revision=2**63)), "'revision' must be a whole number from 1 to"),
        (as_bytes(with_first(base_revision=2**64)), "'base_revision' must be a whole number"),
        (as_bytes(with_first(revision=1.0)), "'revision' must be a whole number"),
    ],
    ids=[
        *("huge-int", "deep", "raw-surrogate", "escaped-surrogate", "surrogate-tag"),
        *("id-newline", "name-newline", "revision-2**63", "base-2**64", "float-revision"),
    ],
)
def test_json_that_python_or_sqlite_cannot_hold_is_explained(
    seeded_db: Path, data: bytes, message: str
) -> None:
    refused(seeded_db, "team.replydesk", data, message)


def test_nan_infinity_and_duplicate_keys_read_as_json_does(seeded_db: Path) -> None:
    text = encode(
        Pairs(
            [
                *DOCUMENT.items(),
                ("format", "replydesk-templates"),
                ("version", 1),
                ("app_version", Raw("NaN")),
                ("exported_at", Raw("-Infinity")),
                ("orders", [{"price": Raw("Infinity")}, {"price": Raw("NaN")}]),
            ]
        )
    )
    result = import_file(seeded_db, "team.replydesk", text.encode())
    assert result.error is None
    read = read_bundle_bytes(text.encode())
    assert read.app_version is None and read.exported_at is None
    assert math.isinf(read.orders[0]["price"]) and math.isnan(read.orders[1]["price"])
    duplicate = text.replace('"name": "Away"', '"name": "Away", "name": "Later"', 1)
    assert read_bundle_bytes(duplicate.encode()).templates[2].name == "Later"


def read_bundle_bytes(data: bytes) -> bundle.Bundle:
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "team.replydesk"
        path.write_bytes(data)
        return read_bundle(path)


# --- issue 15: hostile files bounded in memory, never blocking, with bounded texts ----------

HOSTILE_ZIP_EXAMPLES = 60
HOSTILE_TEXT_EXAMPLES = 150


@fuzz_settings(HOSTILE_ZIP_EXAMPLES)
@given(
    method=st.sampled_from([zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]),
    size=st.integers(0, 4 * 1024 * 1024),
    declared=st.integers(0, 2 * 1024 * 1024),
    name=st.sampled_from(["en/bomb.md", "team.replydesk"]),
)
def test_lying_bombs_of_every_method(
    seeded_db: Path, method: int, size: int, declared: int, name: str
) -> None:
    data = zip_with(name, method, BOMB_MAKERS[method](size), declared)
    result = import_file(seeded_db, "bomb.zip", data)
    assert result.error is not None  # zeros are never templates, whatever the sizes say


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA], ids=["bzip2", "lzma"])
def test_a_lying_bomb_leaves_the_library_unchanged(seeded_db: Path, method: int) -> None:
    # Before: the whole 64 MiB went to the decompressor at once (the 6.2 GB, smaller).
    data = zip_with("en/bomb.md", method, BOMB_MAKERS[method](64 * 1024 * 1024), 1024 * 1024)
    refused(seeded_db, "bomb.zip", data, "the entry 'en/bomb.md' is larger than it says")


HOSTILE_TEXT = st.text(
    st.characters(codec="utf-8")
    | st.sampled_from(["\n", "\x1b", "\u202e", "\u200b", "\u200d", "\ufeff", "\u3164", "\u2028"]),
    min_size=1,
    max_size=80,
) | st.sampled_from(["n" * 200, "n" * 201, "k" * 60, "k" * 61])


@fuzz_settings(HOSTILE_TEXT_EXAMPLES)
@given(
    name=HOSTILE_TEXT,
    kind=HOSTILE_TEXT,
    tags=st.lists(HOSTILE_TEXT, max_size=32),
    form=st.sampled_from(["team.replydesk", "quote.md"]),
)
def test_names_kinds_and_tags_are_bounded_everywhere(
    seeded_db: Path, name: str, kind: str, tags: list[str], form: str
) -> None:
    template = {**TEMPLATES[0], "name": name, "kind": kind, "tags": tags}
    if form == "quote.md":
        meta = {k: v for k, v in template.items() if k != "body"}
        data = f"---\n{json.dumps(meta)}\n---\n{template['body']}".encode()
    else:
        data = json.dumps({**DOCUMENT, "templates": [template]}).encode("utf-8", "surrogatepass")
    result = import_file(seeded_db, form, data)
    for incoming in result.templates:  # imported: every text passes the one check
        template_texts.check_template_texts(incoming.name, incoming.kind, incoming.tags, "imported")
        assert len(incoming.name) <= template_texts.MAX_NAME_CHARS


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_folder_with_a_named_pipe_is_refused_and_changes_nothing(seeded_db: Path) -> None:
    with fresh_store(seeded_db) as (store, folder):
        shared = folder / "shared"
        shared.mkdir()
        (shared / "quote.md").write_bytes(next(iter(MD_FILES.values())))
        os.mkfifo(shared / "zz.md")
        before = dump(store)
        errors: list[ReplydeskError] = []

        def run() -> None:
            try:
                apply_plan(store, plan_import(store, read_bundle(shared)))
            except ReplydeskError as error:
                errors.append(error)

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        thread.join(600)  # a safety net only: it used to block forever
        if thread.is_alive():
            os.close(os.open(shared / "zz.md", os.O_WRONLY | os.O_NONBLOCK))
            pytest.fail("the import blocked on a named pipe")
        (error,) = errors
        assert (
            str(error)
            == f"{shared / 'zz.md'}: a named pipe, not a file of templates; nothing was read"
        )
        assert dump(store) == before
