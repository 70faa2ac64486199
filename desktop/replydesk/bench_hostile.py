"""The worst peak memory and time of hostile input, per category, against a floor.

`python -m replydesk.bench_hostile [--json] [--only WORD]` runs each hostile case (the
issue's examples and their kin: render bombs, bodies that break the compiler, zip bombs
of every compression method, a FIFO to import, a 10 MB kind to list, malformed instance
requests, an imported bomb selected in the window) in a fresh interpreter, and reports
what it cost above the floor: the same interpreter doing the same kind of work on an
ordinary input (a plain render, a small import). Memory is the child's peak resident
set (VmHWM, reported by the child as it exits); time is its wall time. docs/security.md quotes the
figures.
"""

from __future__ import annotations

import argparse
import bz2
import json
import lzma
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import textwrap
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
CASE_TIMEOUT = 300.0

_RENDER = """
import json
from replydesk.core.errors import ReplydeskError
from replydesk.core.render import render
try:
    text = render({body!r}, {values!r}, language="en")
    outcome = f"rendered {{len(text):,}} characters"
except ReplydeskError as error:
    outcome = str(error)
print(json.dumps(outcome))
"""

_CHECK = """
import json
from replydesk.core.errors import ReplydeskError
from replydesk.core.render import check_syntax
try:
    check_syntax({body!r})
    outcome = "accepted"
except ReplydeskError as error:
    outcome = str(error)
print(json.dumps(outcome))
"""

_FILL = """
import json
from replydesk.core.errors import ReplydeskError
from replydesk.core.filling import Filling
fields = [{{"name": "count", "type": "number"}}]
filling = Filling("{{{{ count }}}} items", fields, "en", order_values={{"count": {raw!r}}})
print(json.dumps(filling.result(time_budget=1.0).message or "filled"))
"""

_IMPORT = """
import json
from replydesk.core.bundle import read_bundle
from replydesk.core.errors import ReplydeskError
try:
    bundle = read_bundle({path!r})
    outcome = f"read {{len(bundle.templates)}} templates"
except ReplydeskError as error:
    outcome = str(error)
print(json.dumps(outcome[:300]))
"""

_LIST = """
import contextlib, io, json, os, sqlite3, sys
os.environ["REPLYDESK_DATA_DIR"] = {home!r}
from replydesk.core import paths
from replydesk.core.models import TemplateData
from replydesk.core.store import TemplateStore
with TemplateStore(paths.database_path(), paths.backup_dir()) as store:
    row = store.create_template(TemplateData(name="Long kind", kind="greeting",
                                             language="en", body="Hi"))
with sqlite3.connect(paths.database_path()) as db:  # as an older Replydesk could store it
    db.execute("UPDATE template SET kind = ? WHERE id = ?", ("k" * {kind_size}, row.id))
from replydesk import cli
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = cli.main(["list"])
print(json.dumps(f"exit {{code}}, printed {{len(out.getvalue()):,}} characters"),
      file=sys.__stdout__)
"""

_SOCKET = """
import json
from replydesk.instance import parse_request
try:
    parse_request({line!r})
    outcome = "parsed"
except Exception as error:
    outcome = f"{{type(error).__name__}}: {{error}}"
print(json.dumps(outcome[:300]))
"""

_WINDOW = """
import json, os, tempfile, time
from pathlib import Path
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
home = Path(tempfile.mkdtemp())
os.environ["REPLYDESK_DATA_DIR"] = str(home)
from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication
from replydesk.core import paths
from replydesk.core.catalog import Catalog
from replydesk.core.models import TemplateData
from replydesk.core.store import TemplateStore
from replydesk.ui.main_window import MainWindow
from replydesk.ui.settings import window_settings
app = QApplication([])
store = TemplateStore(paths.database_path(), paths.backup_dir())
ids = [store.create_template(TemplateData(name=f"Bomb {{i}}", kind="greeting",
       language="en", body=body, origin={origin!r})).id for i, body in enumerate({bodies!r})]
window = MainWindow(window_settings())
window.set_catalog(Catalog(paths.database_path()))
window.set_store(store)
window.show()
gaps = []
clock = QElapsedTimer()
clock.start()
last = [clock.elapsed()]
def tick():
    now = clock.elapsed()
    gaps.append(now - last[0])
    last[0] = now
timer = QTimer()
timer.timeout.connect(tick)
timer.start(5)
pending = list(ids)
def next_bomb():
    if not pending:
        app.quit()
        return
    window.templates.refresh()
    window.templates.select(pending.pop(0))
    QTimer.singleShot(2500, next_bomb)
QTimer.singleShot(200, next_bomb)
app.exec()
print(json.dumps(f"longest GUI-thread stall {{max(gaps)}} ms over {{len(gaps)}} ticks"))
"""

RENDER_BOMBS = {
    "format widths summed": "{{ ('{0:x>99999}' * 8000).format('x') }}",
    "int.to_bytes": "{{ (1).to_bytes(3 * 10**9, 'big') }}",
    "map(center)|join over 25,000": "{{ range(10000)|map('string')|map('center', 99999)|join }}",
    "plural of 1e999999": "{{ '1e999999'|plural(one='item', other='items') }}",
    "punycode": "{{ ('ü' * 20000).encode('punycode') }}",
    "nested loops": (
        "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}"
    ),
    "repetition": "{{ 'x' * 10000 * 10000 }}",
    "recursive macro": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
}
COMPILER_BOMBS = {
    "30 nested for": "{% for a in [1] %}" * 30 + "x" + "{% endfor %}" * 30,
    "300 nested if": "{% if 1 %}" * 300 + "x" + "{% endif %}" * 300,
    "150 nested parentheses": "{{ " + "(" * 150 + "1" + ")" * 150 + " }}",
    "5,000 filters": "{{ x" + "|string" * 5000 + " }}",
    "9,000 variables": "".join(f"{{{{ v{i} }}}}" for i in range(9000)),
}


# --- zip bombs whose headers lie (the tests use them too) ----------------------------------


def zip_with(name: str, method: int, payload: bytes, declared: int, crc: int = 0) -> bytes:
    """A one-entry zip whose headers say `declared` bytes, whatever `payload` unpacks to."""
    encoded = name.encode()
    local = struct.pack(
        "<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 0x21, crc, len(payload), declared,
        len(encoded), 0,
    )  # fmt: skip
    central = struct.pack(
        "<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, method, 0, 0x21, crc, len(payload), declared,
        len(encoded), 0, 0, 0, 0, 0o100644 << 16, 0,
    )  # fmt: skip
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(central) + len(encoded),
        len(local) + len(encoded) + len(payload), 0,
    )  # fmt: skip
    return local + encoded + payload + central + encoded + end


def zeros(compress: Callable[[bytes], bytes], flush: Callable[[], bytes], size: int) -> bytes:
    chunk = bytes(1024 * 1024)
    return b"".join([*(compress(chunk) for _ in range(size // len(chunk))), flush()])


def bzip2_zeros(size: int) -> bytes:
    compressor = bz2.BZ2Compressor(9)
    return zeros(compressor.compress, compressor.flush, size)


def lzma_zeros(size: int) -> bytes:
    """Zip's LZMA: version, properties size, the LZMA1 properties, then a raw stream."""
    lc, lp, pb, dict_size = 3, 0, 2, 1 << 20
    compressor = lzma.LZMACompressor(
        lzma.FORMAT_RAW,
        filters=[
            {"id": lzma.FILTER_LZMA1, "preset": 1, "lc": lc, "lp": lp, "pb": pb},
        ],
    )
    header = b"\x09\x14\x05\x00" + bytes([(pb * 5 + lp) * 9 + lc]) + struct.pack("<I", dict_size)
    return header + zeros(compressor.compress, compressor.flush, size)


def deflate_zeros(size: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return zeros(compressor.compress, compressor.flush, size)


BOMB_MAKERS = {
    zipfile.ZIP_BZIP2: bzip2_zeros,
    zipfile.ZIP_LZMA: lzma_zeros,
    zipfile.ZIP_DEFLATED: deflate_zeros,
}


@dataclass
class Case:
    category: str
    name: str
    code: str


BOMB_BYTES = 512 * 1024 * 1024  # what each bomb unpacks to
BOMB_DECLARED = 1024 * 1024  # what its headers say


def write_fixtures(folder: Path) -> dict[str, Path]:
    """The import cases' files: lying bombs of each method, bundles, a named pipe."""
    made: dict[str, Path] = {}
    front = b"---\nname: Bomb\nkind: greeting\nlanguage: en\n---\n"
    for method, label in ((zipfile.ZIP_DEFLATED, "deflate"), (zipfile.ZIP_BZIP2, "bzip2"),
                          (zipfile.ZIP_LZMA, "lzma")):  # fmt: skip
        path = folder / f"bomb-{label}.zip"
        payload = BOMB_MAKERS[method](BOMB_BYTES)
        path.write_bytes(zip_with("bomb.md", method, payload, BOMB_DECLARED))
        made[f"zip bomb, {label}"] = path
    honest = folder / "honest.zip"
    with (
        zipfile.ZipFile(honest, "w", zipfile.ZIP_BZIP2) as archive,
        archive.open("bomb.md", "w") as entry,
    ):
        entry.write(front)
        for _ in range(BOMB_BYTES // (1 << 20)):
            entry.write(bytes(1 << 20))
    made["zip bomb, honest headers"] = honest
    for label, count, body_size in (
        ("small import", 3, 10),
        ("largest JSON bundle", 20_000, 2_800),
    ):
        path = folder / f"{count}.replydesk"
        templates = [
            {"id": f"00000000-0000-4000-8000-{i:012d}", "name": f"Template {i}",
             "kind": "greeting", "language": "en",
             "body": "Hi {{ client_name }}, " + "word " * (body_size // 5)}
            for i in range(count)
        ]  # fmt: skip
        document = {"format": "replydesk-templates", "version": 1, "templates": templates}
        path.write_text(json.dumps(document), encoding="utf-8")
        made[label] = path
    fifo = folder / "template.md"
    os.mkfifo(fifo)
    made["a FIFO named template.md"] = fifo
    return made


def cases(fixtures: dict[str, Path], home: Path) -> list[Case]:
    found = [Case("floor", "plain render", _RENDER.format(body="Hi {{ x }}", values={"x": "A"}))]
    found += [
        Case("render", name, _RENDER.format(body=body, values={}))
        for name, body in RENDER_BOMBS.items()
    ]
    found += [
        Case("number field", "a typed 1e999999", _FILL.format(raw="1e999999")),
        Case("number field", "a typed 5,000-digit number", _FILL.format(raw="9" * 5000)),
    ]
    found += [
        Case("compile", name, _CHECK.format(body=body)) for name, body in COMPILER_BOMBS.items()
    ]
    for label, path in fixtures.items():
        category = "floor" if label == "small import" else "import"
        found.append(Case(category, label, _IMPORT.format(path=str(path))))
    found += [
        Case("list", "one 10 MB kind", _LIST.format(home=str(home), kind_size=10_000_000)),
        Case("socket", "JSON nested 60,000 deep",
             _SOCKET.format(line=b"[" * 60_000 + b"]" * 60_000)),
        Case("socket", "a NUL in a path", _SOCKET.format(
            line=b'{"v": 1, "command": "import", "args": ["a\\u0000b"], "cwd": "/"}')),
    ]  # fmt: skip
    bodies = [*RENDER_BOMBS.values()][:4]
    found.append(
        Case("window", "imported bombs selected", _WINDOW.format(bodies=bodies, origin="import"))
    )
    return found


# The child's own peak (VmHWM belongs to the process image, new at exec; getrusage's
# ru_maxrss would carry the forking parent's), said on stderr as it exits.
_PEAK_REPORT = """
import atexit as _atexit, sys as _sys
def _report_peak():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                _sys.stderr.write(f"PEAK_KIB {line.split()[1]}\\n")
_atexit.register(_report_peak)
"""


def run_case(case: Case) -> dict[str, Any]:
    """Run one case in a fresh interpreter: its wall time, peak RSS and last word."""
    env = dict(os.environ, PYTHONPATH=str(PACKAGE_ROOT), PYTHONDONTWRITEBYTECODE="1")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", _PEAK_REPORT + textwrap.dedent(case.code)],
            stdout=out,
            stderr=err,
            env=env,
        )
        # wait4, not Popen.wait: it returns the child's own resource usage.
        deadline = started + CASE_TIMEOUT
        while True:
            pid, _status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                child.kill()
                _pid, _status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.01)
        seconds = time.perf_counter() - started
        child.returncode = 0  # reaped here; keep Popen from waiting again
        out.seek(0)
        err.seek(0)
        lines = out.read().decode(errors="replace").strip().splitlines()
        said = err.read().decode(errors="replace").strip().splitlines()
    errors = [line for line in said if not line.startswith("PEAK_KIB ")]
    peaks = [line for line in said if line.startswith("PEAK_KIB ")]
    if seconds >= CASE_TIMEOUT:
        message = f"still running after {CASE_TIMEOUT:.0f} s: killed"
    elif lines:
        try:
            message = str(json.loads(lines[-1]))
        except json.JSONDecodeError:
            message = lines[-1]
    else:
        message = "no answer: " + (errors[-1] if errors else "(nothing on stderr)")
    return {
        "category": case.category,
        "case": case.name,
        "seconds": round(seconds, 2),
        "peak_mib": round(_peak_kib(peaks, usage.ru_maxrss) / 1024, 1),
        "outcome": message[:200],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m replydesk.bench_hostile")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--only", help="run only the cases whose name or category has WORD")
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="replydesk-hostile-"))
    try:
        fixtures = write_fixtures(scratch)
        home = scratch / "home"
        home.mkdir()
        rows = run_selected(cases(fixtures, home), args.only)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print_table(rows)
    return 0


def run_selected(found: list[Case], only: str | None) -> list[dict[str, Any]]:
    """Run the cases whose name or category holds `only` (all without), floors always."""
    return [
        run_case(case)
        for case in found
        if not only or only in case.name or only in case.category or case.category == "floor"
    ]


def _peak_kib(said: list[str], fallback: int) -> int:
    """The peak the child reported, else (killed before it could) getrusage's figure."""
    return int(said[-1].split()[1]) if said else fallback


def print_table(rows: list[dict[str, Any]]) -> None:
    floor = {row["case"]: row for row in rows if row["category"] == "floor"}
    base = floor.get("plain render", {"peak_mib": 0.0, "seconds": 0.0})
    print(f"{'category':<13} {'case':<30} {'time s':>7} {'peak MiB':>9} {'+floor':>7}  outcome")
    for row in rows:
        extra = row["peak_mib"] - base["peak_mib"]
        print(
            f"{row['category']:<13} {row['case'][:30]:<30} {row['seconds']:>7.2f} "
            f"{row['peak_mib']:>9.1f} {extra:>+7.1f}  {row['outcome'][:70]}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
