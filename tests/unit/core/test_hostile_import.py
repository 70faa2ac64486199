"""Hostile import files (issue 15, "Memory and time"): bounded, never blocking, one clear line.

Zip bombs of every compression method stay within a memory ceiling (measured in a child
process, since the whole point is a peak); named pipes, sockets and devices are refused
without being opened for a blocking read; names, kinds and tags have limits and no
hidden characters; bodies are checked by render.check_parse with the template and the
line named.
"""

from __future__ import annotations

import json
import lzma
import os
import socket
import struct
import subprocess
import sys
import threading
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from replydesk.bench_hostile import (  # zips whose headers lie
    BOMB_MAKERS,
    bzip2_zeros,
    lzma_zeros,
    zip_with,
)
from replydesk.core import bundle, library, template_texts
from replydesk.core.bundle import BundleError, read_bundle
from replydesk.core.errors import LibraryFileError, ReplydeskError
from replydesk.core.merge import copy_name

TEMPLATE_ID = "0b7f1f6e-6a43-4c6a-9d0e-3a1c2b4d5e6f"
# Far above what reading a refused bomb needs (a few MB), far below what the old reader
# reached (the whole bomb in one piece): memory, not time, so a slow machine passes.
RSS_CEILING = 300 * 1024 * 1024
# A bomb that the old reader decompressed in one call: 512 MiB of zeros.
BOMB_BYTES = 512 * 1024 * 1024
# The header's lie: under the ratio check's floor, so only the streaming limit stops it.
DECLARED = 1024 * 1024
SAFETY_TIMEOUT = 600  # seconds; only a hang would reach it


@pytest.fixture(scope="module")
def bombs(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """One lying 512 MiB bomb per compression method, a few KB to a few hundred on disk."""
    folder = tmp_path_factory.mktemp("bombs")
    made = {}
    for method, make in BOMB_MAKERS.items():
        path = folder / f"bomb-{method}.zip"
        path.write_bytes(zip_with("bomb.md", method, make(BOMB_BYTES), DECLARED))
        made[method] = path
    return made


CHILD = """
import sys
from replydesk.core.bundle import BundleError, read_bundle

def peak():
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024

before = peak()
try:
    read_bundle(sys.argv[1])
    message = "imported"
except BundleError as error:
    message = str(error)
print(peak() - before)
print(message)
"""


def read_in_child(path: Path) -> tuple[int, str]:
    """Read `path` in a fresh interpreter: how much its peak RSS grew, and the outcome."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        capture_output=True,
        text=True,
        timeout=SAFETY_TIMEOUT,
        check=True,
    )
    growth, message = done.stdout.split("\n", 1)
    return int(growth), message.strip()


needs_proc = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="Linux /proc")


@needs_proc
@pytest.mark.parametrize(
    "method",
    [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA, zipfile.ZIP_DEFLATED],
    ids=["bzip2", "lzma", "deflate"],
)
def test_a_bomb_stays_within_the_memory_ceiling(bombs: dict[int, Path], method: int) -> None:
    # Before: bzip2 and LZMA entries went to the decompressor whole, without an output
    # limit, and were cut only afterwards (a 2.4 KB bzip2 zip reached 6.2 GB).
    path = bombs[method]
    assert path.stat().st_size < 1_000_000  # deflate tops out near 1,000:1
    growth, message = read_in_child(path)
    assert message == f"{path}: the entry 'bomb.md' is larger than it says"
    assert growth < RSS_CEILING, f"peak RSS grew by {growth / 2**20:.0f} MiB"


@pytest.mark.parametrize("method", list(BOMB_MAKERS), ids=["bzip2", "lzma", "deflate"])
def test_a_small_lying_bomb_is_refused_in_one_line(tmp_path: Path, method: int) -> None:
    path = tmp_path / "bomb.zip"
    path.write_bytes(zip_with("en/bomb.md", method, BOMB_MAKERS[method](8 << 20), 1000))
    with pytest.raises(BundleError, match=r"the entry 'en/bomb\.md' is larger than it says$"):
        read_bundle(path)


def md_text(
    name: str = "Quote", kind: str = "greeting", body: str = "Hi {{ client_name }}\n"
) -> str:
    meta = {"id": TEMPLATE_ID, "name": name, "kind": kind, "language": "en", "tags": ["a"]}
    return f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n{body}"


@pytest.mark.parametrize(
    "method",
    [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA],
    ids=["stored", "deflate", "bzip2", "lzma"],
)
def test_honest_zips_of_every_method_still_read(tmp_path: Path, method: int) -> None:
    path = tmp_path / "shared.zip"
    body = "Hi {{ client_name }}, " + "the same line again. " * 4_000 + "\n"
    with zipfile.ZipFile(path, "w", method) as archive:
        archive.writestr("en/quote.md", md_text(body=body))
    (template,) = read_bundle(path).templates
    assert template.body == body and template.name == "Quote"


def test_an_unknown_compression_method_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "shared.zip"
    data = md_text().encode()
    path.write_bytes(zip_with("en/quote.md", 9, data, len(data), zlib.crc32(data)))  # Deflate64
    with pytest.raises(
        BundleError, match=r"'en/quote\.md' uses compression method 9, which Replydesk does not"
    ):
        read_bundle(path)


def test_a_damaged_stream_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "shared.zip"
    payload = bytearray(bzip2_zeros(1 << 20))
    payload[20] ^= 0xFF
    path.write_bytes(zip_with("en/quote.md", zipfile.ZIP_BZIP2, bytes(payload), 1 << 20))
    with pytest.raises(BundleError, match=r"not a zip file, or a damaged one|is damaged") as caught:
        read_bundle(path)
    assert "\n" not in str(caught.value)


def test_an_lzma_header_asking_for_a_4_gib_dictionary_reserves_nothing(tmp_path: Path) -> None:
    data = md_text().encode()
    header = bytearray(lzma_zeros(0)[:9])  # lc=3, lp=0, pb=2: preset 1's
    header[5:9] = struct.pack("<I", 0xFFFFFFFF)
    compressor = lzma.LZMACompressor(
        lzma.FORMAT_RAW, filters=[{"id": lzma.FILTER_LZMA1, "preset": 1}]
    )
    stream = compressor.compress(data) + compressor.flush()
    path = tmp_path / "shared.zip"
    entry = zip_with(
        "en/q.md", zipfile.ZIP_LZMA, bytes(header) + stream, len(data), zlib.crc32(data)
    )
    path.write_bytes(entry)
    assert read_bundle(path).templates[0].name == "Quote"


def test_a_zip_of_a_million_entries_is_refused_before_they_are_built(tmp_path: Path) -> None:
    # 64 MiB of central directory is over a million entries: zipfile would build an object
    # for each before the count was checked.
    record = (
        struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0)
        + b"a"
    )
    count = bundle.MAX_ZIP_ENTRIES + 1
    directory = record * count
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, len(directory), 0, 0)
    path = tmp_path / "many.zip"
    path.write_bytes(directory + end)
    with pytest.raises(BundleError, match=f"holds more than {bundle.MAX_ZIP_ENTRIES:,} entries$"):
        read_bundle(path)


# --- only regular files are read ----------------------------------------------------------


def read_with_a_safety_net(path: Path, unblock: Path | None = None) -> ReplydeskError:
    """read_bundle(path)'s refusal; a read that blocks fails the test instead of hanging it."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            read_bundle(path)
            outcome.append(None)
        except BaseException as error:
            outcome.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(SAFETY_TIMEOUT)
    if thread.is_alive():
        if unblock is not None:  # let the stuck open() and read() return
            os.close(os.open(unblock, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail(f"reading {path} blocked")
    (error,) = outcome
    assert isinstance(error, BundleError), error
    assert "\n" not in str(error)
    return error


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "pipe-target"
    os.mkfifo(path)
    yield path


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")


@needs_fifo
@pytest.mark.parametrize("suffix", [".md", ".zip", ".replydesk", ".json"])
def test_a_named_pipe_given_directly_is_refused(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"team{suffix}"
    os.mkfifo(path)
    error = read_with_a_safety_net(path, unblock=path)
    assert str(error) == f"{path}: a named pipe, not a file of templates; nothing was read"


@needs_fifo
def test_a_link_to_a_named_pipe_is_refused(tmp_path: Path, fifo: Path) -> None:
    link = tmp_path / "team.md"
    link.symlink_to(fifo)
    error = read_with_a_safety_net(link, unblock=fifo)
    assert "a named pipe" in str(error) and str(error).startswith(str(link))


@needs_fifo
@pytest.mark.parametrize("linked", [False, True], ids=["pipe", "link-to-pipe"])
def test_a_folder_holding_a_named_pipe_is_refused(tmp_path: Path, linked: bool) -> None:
    folder = tmp_path / "shared"
    (folder / "en").mkdir(parents=True)
    (folder / "en" / "quote.md").write_text(md_text(), encoding="utf-8")
    pipe = folder / "en" / ("pipe" if linked else "zz.md")
    os.mkfifo(pipe)
    if linked:
        (folder / "en" / "zz.md").symlink_to(pipe)
    error = read_with_a_safety_net(folder, unblock=pipe)
    assert str(error).startswith(str(folder / "en" / "zz.md")) and "a named pipe" in str(error)


def test_a_device_is_refused_without_reading(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    link = tmp_path / "team.replydesk"
    link.symlink_to("/dev/zero")  # would read 64 MiB of zeros, then refuse them
    error = read_with_a_safety_net(link)
    assert str(error) == f"{link}: a device, not a file of templates; nothing was read"


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="Unix sockets")
def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.md"
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(path))
        error = read_with_a_safety_net(path)
    assert "a socket, not a file of templates" in str(error)


def test_a_dangling_link_in_a_folder_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "quote.md").write_text(md_text(), encoding="utf-8")
    (folder / "gone.md").symlink_to(folder / "nowhere.md")
    error = read_with_a_safety_net(folder)
    assert str(error) == f"{folder / 'gone.md'}: a link to nothing; not imported"


@needs_fifo
def test_export_next_to_a_named_pipe_does_not_block(tmp_path: Path) -> None:
    # An earlier export's file is looked for by its id prefix; a pipe with that name was
    # opened for reading and blocked the export.
    from replydesk.core.models import TemplateData
    from replydesk.core.store import TemplateStore

    store = TemplateStore(tmp_path / "db.sqlite3", tmp_path / "backups")
    try:
        row = store.create_template(
            TemplateData(id=TEMPLATE_ID, name="Quote", kind="greeting", language="en", body="x\n")
        )
        (tmp_path / "out" / "ru").mkdir(parents=True)
        os.mkfifo(tmp_path / "out" / "ru" / f"old-{row.id[:8]}.md")
        done = threading.Event()

        def export() -> None:
            bundle.export_folder(store, tmp_path / "out")
            done.set()

        thread = threading.Thread(target=export, daemon=True)
        thread.start()
        thread.join(SAFETY_TIMEOUT)
        assert done.is_set(), "export blocked on a named pipe"
        assert (tmp_path / "out" / "en" / f"quote-{row.id[:8]}.md").is_file()
    finally:
        store.close()


# --- names, kinds and tags ----------------------------------------------------------------


def bundle_bytes(**changes: Any) -> bytes:
    template = {
        "id": TEMPLATE_ID,
        "name": "Quote",
        "kind": "greeting",
        "language": "en",
        "tags": ["quote"],
        "fields": [],
        "body": "Hi {{ client_name }}\n",
        **changes,
    }
    document = {"format": bundle.FORMAT_NAME, "version": 1, "templates": [template]}
    return json.dumps(document, ensure_ascii=False).encode()


HIDDEN = "holds an invisible or control character"
TEXT_CASES = [
    ({"kind": "k" * 10_000_000}, "the kind is longer than 60 characters"),
    ({"name": "n" * 201}, "the name is longer than 200 characters"),
    ({"tags": ["t" * 61]}, "tag 1 is longer than 60 characters"),
    ({"tags": [str(n) for n in range(31)]}, "more than 30 tags"),
    ({"tags": list(range(1_000_000))}, "more than 30 tags"),
    ({"name": "Refund offer \u202eexe.fdp"}, f"the name {HIDDEN} (U+202E, character 14)"),
    ({"name": "Gree\u200bting"}, "(U+200B, character 5)"),
    ({"name": "\u3164"}, "(U+3164, character 1)"),
    ({"name": "x\x1b]52;c;aGk=\x07"}, "(U+001B, character 2)"),
    ({"kind": "greeting\n| forged | row |"}, f"the kind {HIDDEN} (U+000A"),
    ({"tags": ["ok", "a\u2028b"]}, f"tag 2 {HIDDEN} (U+2028"),
    ({"name": "\ufeffQuote"}, "(U+FEFF, character 1)"),
]  # fmt: skip
TEXT_IDS = [
    *("kind-10MB", "name-201", "tag-61", "31-tags", "million-tags", "rlo", "zwsp"),
    *("hangul-filler", "osc52", "kind-newline", "tag-line-separator", "bom"),
]


@pytest.mark.parametrize(("changes", "message"), TEXT_CASES, ids=TEXT_IDS)
def test_json_names_kinds_and_tags_are_bounded(
    tmp_path: Path, changes: dict[str, Any], message: str
) -> None:
    path = tmp_path / "team.replydesk"
    path.write_bytes(bundle_bytes(**changes))
    with pytest.raises(BundleError) as caught:
        read_bundle(path)
    assert str(caught.value).startswith(f"{path}: template #1 ({TEMPLATE_ID}): ")
    assert message in str(caught.value) and len(str(caught.value)) < 300


@pytest.mark.parametrize(("changes", "message"), TEXT_CASES, ids=TEXT_IDS)
def test_front_matter_names_kinds_and_tags_are_bounded(
    tmp_path: Path, changes: dict[str, Any], message: str
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    meta = {"id": TEMPLATE_ID, "name": "Quote", "kind": "greeting", "language": "en", **changes}
    text = f"---\n{json.dumps(meta)}\n---\nHi\n"  # JSON is YAML; escapes kept as they are
    (folder / "quote.md").write_text(text, encoding="utf-8")
    if len(changes.get("tags", ())) > library.MAX_YAML_NODES:
        message = "front matter too large"  # YAML's own bound comes first
    with pytest.raises(BundleError) as caught:
        read_bundle(folder)
    assert str(caught.value).startswith(f"{folder / 'quote.md'}: ")
    assert message in str(caught.value) and len(str(caught.value)) < 300


def test_the_longest_allowed_texts_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "team.replydesk"
    name, kind, tags = "n" * 200, "k" * 60, [f"{n:02d}" + "t" * 58 for n in range(30)]
    path.write_bytes(bundle_bytes(name=name, kind=kind, tags=tags))
    (template,) = read_bundle(path).templates
    assert (template.name, template.kind, template.tags) == (name, kind, tuple(tags))


def test_ordinary_text_of_every_script_is_accepted() -> None:
    template_texts.check_template_texts(
        "Привет — «logo» Árvíztűrő 名前 😀 ", "upsell_options", ["ščť", "تست"], "x"
    )
    with pytest.raises(LibraryFileError, match=r"^src: the name holds"):
        template_texts.check_template_texts("a\tb", "kind", [], "src")


def test_a_copy_of_a_long_name_still_fits(tmp_path: Path) -> None:
    suffix = " (from team.replydesk)"
    name = copy_name("n" * 200, suffix)
    assert len(name) == template_texts.MAX_NAME_CHARS and name.endswith("…" + suffix)
    template_texts.check_template_texts(name, "kind", [], "copy")
    assert copy_name("Quote", suffix) == "Quote" + suffix


# --- bodies that break Python's compiler -------------------------------------------------

DEEP_BODIES = {
    "for-25": "{% for a in b %}" * 25 + "x" + "{% endfor %}" * 25,
    "if-300": "{% if a %}" * 300 + "x" + "{% endif %}" * 300,
    "parentheses-200": "{{ " + "(" * 200 + "1" + ")" * 200 + " }}",
    "filters-5000": "{{ a" + "|e" * 5000 + " }}",
}


@pytest.mark.parametrize("body", DEEP_BODIES.values(), ids=DEEP_BODIES.keys())
def test_a_json_body_that_breaks_the_compiler_is_refused_naming_it(
    tmp_path: Path, body: str
) -> None:
    path = tmp_path / "team.replydesk"
    path.write_bytes(bundle_bytes(name="Deep one", body="Hello\n" + body + "\n"))
    with pytest.raises(BundleError) as caught:
        read_bundle(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: template #1 ({TEMPLATE_ID}) (Deep one): body line 2: ")
    assert "\n" not in message and len(message) < 500


@pytest.mark.parametrize("body", DEEP_BODIES.values(), ids=DEEP_BODIES.keys())
def test_a_front_matter_body_that_breaks_the_compiler_is_refused_naming_it(
    tmp_path: Path, body: str
) -> None:
    path = tmp_path / "deep.md"
    path.write_text(md_text(name="Deep one", body="Hello\n" + body + "\n"), encoding="utf-8")
    with pytest.raises(ReplydeskError) as caught:
        read_bundle(path)
    message = str(caught.value)
    assert message.startswith(f"{path} (Deep one): line 5: "), message
    assert "\n" not in message and len(message) < 500
