"""The worst peak memory and time of hostile input, per category, against a floor.

`python -m replydesk.bench_hostile [--json] [--only WORD]` runs each hostile case (the
issue's examples and their kin: render bombs, bodies that break the compiler, zip bombs
of every compression method, a FIFO to import, a 10 MB kind to list, malformed instance
requests, an imported bomb selected in the window) in a fresh interpreter, and reports
what it cost above the floor: the same interpreter doing the same kind of work on an
ordinary input (a plain render, a small import). Memory is the child's peak resident
set (getrusage of the waited child); time is its wall time. docs/security.md quotes the
figures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
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
import json, os, tempfile, zipfile, bz2, lzma
from pathlib import Path
from replydesk.core.bundle import read_bundle, FORMAT_NAME, FORMAT_VERSION
from replydesk.core.errors import ReplydeskError
folder = Path(tempfile.mkdtemp())
{build}
try:
    bundle = read_bundle(path)
    outcome = f"read {{len(bundle.templates)}} templates"
except ReplydeskError as error:
    outcome = str(error)
print(json.dumps(outcome[:300]))
"""

_ZIP = """
path = folder / "bomb.zip"
with zipfile.ZipFile(path, "w", compression=zipfile.{method}) as archive:
    archive.writestr("template.md", "---\\nname: x\\nkind: greeting\\nlanguage: en\\n---\\n"
        + "0" * {size})
"""

_JSON = """
path = folder / "big.json"
templates = [
    {{"id": f"00000000-0000-4000-8000-{{i:012d}}", "name": f"T{{i}}", "kind": "greeting",
      "language": "en", "body": "Hi {{{{ client_name }}}} " + "x" * {body_size}}}
    for i in range({count})
]
path.write_text(json.dumps({{"format": FORMAT_NAME, "version": FORMAT_VERSION,
                             "templates": templates}}))
"""

_FIFO = """
path = folder / "template.md"
os.mkfifo(path)
"""

_LIST = """
import contextlib, io, json, os, sys, tempfile
from pathlib import Path
home = Path(tempfile.mkdtemp())
os.environ["REPLYDESK_DATA_DIR"] = str(home)
from replydesk.core.models import TemplateData
from replydesk.core.store import TemplateStore
from replydesk.core import paths
with TemplateStore(paths.database_path(), paths.backup_dir()) as store:
    store.create_template(TemplateData(name="Long kind", kind="k" * {kind_size},
                                       language="en", body="Hi"))
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


@dataclass
class Case:
    category: str
    name: str
    code: str


def cases() -> list[Case]:
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
    found.append(
        Case("floor", "small import", _IMPORT.format(build=_JSON.format(body_size=10, count=3)))
    )
    for method in ("ZIP_DEFLATED", "ZIP_BZIP2", "ZIP_LZMA"):
        build = _ZIP.format(method=method, size=1_000_000_000)
        found.append(Case("import", f"zip bomb, {method[4:].lower()}", _IMPORT.format(build=build)))
    found += [
        Case(
            "import",
            "largest JSON bundle",
            _IMPORT.format(build=_JSON.format(body_size=1000, count=2000)),
        ),
        Case("import", "a FIFO named template.md", _IMPORT.format(build=_FIFO)),
        Case("list", "one 10 MB kind", _LIST.format(kind_size=10_000_000)),
        Case(
            "socket", "JSON nested 60,000 deep", _SOCKET.format(line=b"[" * 60_000 + b"]" * 60_000)
        ),
        Case(
            "socket",
            "a NUL in a path",
            _SOCKET.format(line=b'{"command": "import", "args": ["a\\u0000b"]}'),
        ),
    ]
    bodies = [*RENDER_BOMBS.values()][:4]
    found.append(
        Case("window", "imported bombs selected", _WINDOW.format(bodies=bodies, origin="import"))
    )
    return found


def run_case(case: Case) -> dict[str, Any]:
    """Run one case in a fresh interpreter: its wall time, peak RSS and last word."""
    env = dict(os.environ, PYTHONPATH=str(PACKAGE_ROOT), PYTHONDONTWRITEBYTECODE="1")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(case.code)], stdout=out, stderr=err, env=env
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
        errors = err.read().decode(errors="replace").strip().splitlines()
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
        "peak_mib": round(usage.ru_maxrss / 1024, 1),  # Linux: KiB
        "outcome": message[:200],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m replydesk.bench_hostile")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--only", help="run only the cases whose name or category has WORD")
    args = parser.parse_args(argv)
    selected = [
        c
        for c in cases()
        if not args.only or args.only in c.name or args.only in c.category or c.category == "floor"
    ]
    rows = [run_case(case) for case in selected]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    floor = {row["case"]: row for row in rows if row["category"] == "floor"}
    base = floor.get("plain render", {"peak_mib": 0.0, "seconds": 0.0})
    print(f"{'category':<13} {'case':<30} {'time s':>7} {'peak MiB':>9} {'+floor':>7}  outcome")
    for row in rows:
        extra = row["peak_mib"] - base["peak_mib"]
        print(
            f"{row['category']:<13} {row['case'][:30]:<30} {row['seconds']:>7.2f} "
            f"{row['peak_mib']:>9.1f} {extra:>+7.1f}  {row['outcome'][:70]}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
