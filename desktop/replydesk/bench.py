"""Performance figures of Replydesk over a large library, each against a floor.

`python -m replydesk.bench [--n N] [--runs R] [--json]` generates N templates into a
temporary data folder, measures start-up, summoning, the window's keystroke paths,
import, export, the command line and memory, and prints a table (or JSON). Every
whole-process figure is compared with a floor measured in the same run, A and B
alternating so that drift on the machine cancels out.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from replydesk.core.library import KINDS, LANGUAGES

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
"""The folder holding the `replydesk` package, put on the children's PYTHONPATH."""
BUILTIN_ID = "a0e49115-eaec-45cb-be21-315ff745bac1"  # English "Away notice"
START_TIMEOUT = 120.0
QUERIES = ("refund", "deadline extension", "thanks review", "scope questions", "upwork logo")

WORDS = {
    "en": [
        "thanks",
        "order",
        "logo",
        "design",
        "review",
        "refund",
        "deadline",
        "delivery",
        "scope",
        "questions",
        "client",
        "website",
        "banner",
        "update",
        "progress",
        "quality",
        "revision",
        "extra",
        "options",
        "message",
        "platform",
    ],
    "ru": [
        "спасибо",
        "заказ",
        "логотип",
        "дизайн",
        "отзыв",
        "возврат",
        "срок",
        "сдача",
        "вопросы",
        "клиент",
        "сайт",
        "баннер",
        "правки",
        "качество",
        "сообщение",
        "платформа",
    ],
    "ro": [
        "mulțumesc",
        "comandă",
        "logo",
        "design",
        "recenzie",
        "rambursare",
        "termen",
        "livrare",
        "întrebări",
        "client",
        "site",
        "banner",
        "revizie",
        "calitate",
        "mesaj",
    ],
    "sk": [
        "ďakujem",
        "objednávka",
        "logo",
        "dizajn",
        "recenzia",
        "vrátenie",
        "termín",
        "dodanie",
        "otázky",
        "klient",
        "web",
        "banner",
        "úprava",
        "kvalita",
        "správa",
    ],
    "hu": [
        "köszönöm",
        "rendelés",
        "logó",
        "dizájn",
        "értékelés",
        "visszatérítés",
        "határidő",
        "szállítás",
        "kérdések",
        "ügyfél",
        "weboldal",
        "banner",
        "javítás",
        "minőség",
        "üzenet",
    ],
}
SNIPPETS = (
    "Hi {{ client_name }},",
    "Order #{{ order_id }} for “{{ service }}” ({{ price|money }}).",
    "I'll deliver by {{ deadline|date('long') }}{% if deadline|days_until > 0 %} (in "
    "{{ deadline|days_until }} {{ deadline|days_until|plural(one='day', other='days') }})"
    "{% endif %}.",
    "{% if platform %}We keep all talk on {{ platform }}.{% endif %}",
    "{{ my_name }}{% if signature %}\n{{ signature }}{% endif %}",
)
FIELD_TYPES = ("text", "multiline", "number", "money", "date", "yesno")


@dataclass
class Figure:
    name: str
    samples: list[float] = field(default_factory=list)
    floors: list[float] = field(default_factory=list)
    target: float = 0.0
    ratio_target: bool = True
    error: str | None = None
    note: str | None = None

    def as_dict(self) -> dict[str, Any]:
        median = statistics.median(self.samples) if self.samples else None
        p95 = percentile(self.samples, 95) if self.samples else None
        floor = statistics.median(self.floors) if self.floors else None
        ratio = median / floor if self.ratio_target and median and floor else None
        value = ratio if self.ratio_target else p95
        met = None if value is None or self.error else value <= self.target
        return {
            "name": self.name,
            "median": median,
            "p95": p95,
            "floor": floor,
            "ratio": ratio,
            "target": self.target,
            "target_kind": "ratio" if self.ratio_target else "p95",
            "met": met,
            "error": self.error,
            "note": self.note,
        }


def percentile(samples: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    rank = max(1, min(len(ordered), -(-len(ordered) * pct // 100)))
    return ordered[int(rank) - 1]


# --- the library ------------------------------------------------------------------------


def _body(rng: random.Random, language: str, fields: list[dict[str, Any]]) -> str:
    target = rng.randint(200, 4096)
    words = WORDS[language]
    parts: list[str] = [SNIPPETS[0]]
    extra = [f"{{{{ {f['name']} }}}}" for f in fields]
    size = len(parts[0])
    while size < target:
        roll = rng.random()
        if roll < 0.25:
            piece = rng.choice(SNIPPETS[1:])
        elif roll < 0.35 and extra:
            piece = rng.choice(extra)
        else:
            piece = " ".join(rng.choice(words) for _ in range(rng.randint(6, 18))).capitalize()
            piece += "."
        parts.append(piece)
        size += len(piece) + 1
    parts.append(SNIPPETS[-1])
    return "\n".join(parts)


def make_library(n: int, seed: int = 7) -> list[Any]:
    """N TemplateData of every kind and language, bodies of 200 B to 4 KB."""
    from replydesk.core.models import TemplateData

    rng = random.Random(seed)
    result = []
    for number in range(n):
        language = LANGUAGES[number % len(LANGUAGES)]
        kind = KINDS[(number // len(LANGUAGES)) % len(KINDS)]
        fields = [
            {
                "name": f"extra{i}",
                "type": rng.choice(FIELD_TYPES),
                "label": f"Extra {i}",
                "required": rng.random() < 0.5,
            }
            for i in range(rng.randint(0, 8))
        ]
        words = WORDS[language]
        name = f"{kind.replace('_', ' ').capitalize()} {rng.choice(words)} {number}"
        result.append(
            TemplateData(
                name=name,
                kind=kind,
                language=language,
                body=_body(rng, language, fields),
                fields=fields,
                tags=rng.sample(words, rng.randint(0, 3)),
            )
        )
    return result


def build_data_dir(folder: Path, n: int) -> None:
    """A data folder with the built-in library and N generated templates (one transaction)."""
    from replydesk.core.library import sync_builtin
    from replydesk.core.store import TemplateStore

    store = TemplateStore(folder / "replydesk.sqlite3", folder / "backups")
    try:
        sync_builtin(store)
        store.create_templates(make_library(n))
    finally:
        store.close()


def export_bundle(folder: Path, target: Path) -> int:
    from replydesk.core.bundle import export_file
    from replydesk.core.store import TemplateStore

    store = TemplateStore(folder / "replydesk.sqlite3", folder / "backups")
    try:
        return export_file(store, target)
    finally:
        store.close()


# --- processes ----------------------------------------------------------------------------


def child_env(data_dir: Path | None = None, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(PACKAGE_ROOT), env.get("PYTHONPATH", "")) if p
    )
    env["QT_QPA_PLATFORM"] = "offscreen"
    if data_dir is not None:
        env["REPLYDESK_DATA_DIR"] = str(data_dir)
    env.update(extra)
    return env


@dataclass
class Outcome:
    wall: float
    start: float
    maxrss_kib: int
    output: str


def _high_water_kib(pid: int) -> int:
    """The process's peak resident set so far (VmHWM), 0 when /proc cannot tell."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def run_process(
    args: Sequence[str],
    env: dict[str, str],
    timeout: float = START_TIMEOUT,
    *,
    track_memory: bool = False,
) -> Outcome:
    """Run a process to its end: wall time, its peak resident set, its stdout.

    The peak is VmHWM read while it runs (with `track_memory`): the rusage of a child
    starts from the parent's own peak on Linux, so it says nothing about a small child.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.time()
        env = {**env, "REPLYDESK_BENCH_T0": repr(start)}
        began = time.perf_counter()
        process = subprocess.Popen(args, env=env, stdout=out, stderr=err)
        deadline = began + timeout
        peak = 0
        while True:
            if track_memory:
                peak = max(peak, _high_water_kib(process.pid))
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                raise RuntimeError(f"{' '.join(args[1:])}: no end after {timeout:g} s")
            time.sleep(0.002)
        wall = time.perf_counter() - began
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        output = out.read().decode("utf-8", "replace")
        if process.returncode != 0:
            message = err.read().decode("utf-8", "replace").strip().splitlines()[-3:]
            raise RuntimeError(f"exit {process.returncode}: {' | '.join(message)}")
        return Outcome(wall, start, peak or int(usage.ru_maxrss), output)


def read_trace(path: Path) -> dict[str, float]:
    events: dict[str, float] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            name, _, stamp = line.partition(" ")
            events.setdefault(name, float(stamp))
    return events


BARE_WINDOW = textwrap.dedent(
    """
    import os, time
    from PySide6.QtWidgets import QApplication, QMainWindow
    class W(QMainWindow):
        done = False
        def paintEvent(self, event):
            super().paintEvent(event)
            if not self.done:
                self.done = True
                with open(os.environ["REPLYDESK_TRACE_FILE"], "a") as f:
                    f.write(f"first-paint {time.time()!r}\\n")
                QApplication.instance().quit()
    app = QApplication([])
    w = W()
    w.resize(1000, 700)
    w.show()
    app.exec()
    """
)


def cold_start(data_dir: Path, work: Path, runs: int) -> tuple[Figure, Figure, Figure]:
    paint = Figure("cold start: first paint", target=1.5)
    ready = Figure("cold start: ready", target=4.0)
    memory = Figure("memory: peak RSS until ready (MB)", target=2.5)
    trace = work / "trace.txt"
    panels: list[float] = []  # from the list shown to the order bar and form built
    for number in range(runs * 2):
        app_turn = (number % 2 == 0) == (number // 2 % 2 == 0)  # A B, B A, A B ...
        trace.unlink(missing_ok=True)
        env = child_env(data_dir, REPLYDESK_TRACE_FILE=str(trace), REPLYDESK_QUIT_AFTER_READY="1")
        if app_turn:
            outcome = run_process([sys.executable, "-m", "replydesk"], env, track_memory=True)
            events = read_trace(trace)
            if not {"first-paint", "listed", "ready"} <= events.keys():
                raise RuntimeError(f"the trace file lacks events: {sorted(events)}")
            paint.samples.append(events["first-paint"] - outcome.start)
            # Ready for the user: the list shown and the search box taking input.
            ready.samples.append(events["listed"] - outcome.start)
            panels.append(events["ready"] - events["listed"])
            memory.samples.append(outcome.maxrss_kib / 1024)
        else:
            outcome = run_process([sys.executable, "-c", BARE_WINDOW], env, track_memory=True)
            first = read_trace(trace)["first-paint"] - outcome.start
            paint.floors.append(first)
            ready.floors.append(first)
            memory.floors.append(outcome.maxrss_kib / 1024)
    ready.note = (
        f"list shown and searchable; order bar and form {statistics.median(panels):.3f} s later"
    )
    return paint, ready, memory


def summon(data_dir: Path, work: Path, runs: int) -> list[Figure]:
    wall = Figure("summon: `quick` process (wall)", target=2.0)
    shown = Figure("summon: to palette shown", target=2.0)
    trace = work / "summon-trace.txt"
    trace.unlink(missing_ok=True)
    env = child_env(data_dir, REPLYDESK_TRACE_FILE=str(trace))
    os.environ["REPLYDESK_DATA_DIR"] = str(data_dir)
    from replydesk.instance import send_command

    instance = subprocess.Popen(
        [sys.executable, "-m", "replydesk"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            reply = send_command("status")
            if reply is not None and reply.get("ok") and not reply.get("starting"):
                break
            if instance.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the background instance did not become ready")
            time.sleep(0.05)
        floor_args = [sys.executable, "-c", "from PySide6.QtNetwork import QLocalSocket"]
        for number in range(runs * 2):
            if (number % 2 == 0) == (number // 2 % 2 == 0):
                before = len(trace.read_text().splitlines()) if trace.exists() else 0
                outcome = run_process([sys.executable, "-m", "replydesk", "quick"], env)
                wall.samples.append(outcome.wall)
                stamps = _palette_stamps(trace, before, outcome.start)
                if stamps:
                    shown.samples.append(stamps[0] - outcome.start)
                send_command("status")  # let the palette settle before the next one
            else:
                floor = run_process(floor_args, env).wall
                wall.floors.append(floor)
                shown.floors.append(floor)
    finally:
        instance.terminate()
        try:
            instance.wait(10)
        except subprocess.TimeoutExpired:
            instance.kill()
            instance.wait()
    return [wall, shown] if shown.samples else [wall]


def _palette_stamps(trace: Path, skip: int, after: float) -> list[float]:
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        if trace.exists():
            lines = trace.read_text().splitlines()[skip:]
            found = [
                float(s)
                for name, _, s in (x.partition(" ") for x in lines)
                if name == "palette-shown" and float(s) >= after
            ]
            if found:
                return found
        if not _lead_traces_palette():
            return []
        time.sleep(0.01)
    return []


def _lead_traces_palette() -> bool:
    for name in ("ui/palette.py", "ui/resident.py"):
        path = PACKAGE_ROOT / "replydesk" / name
        if path.exists() and "palette-shown" in path.read_text(encoding="utf-8"):
            return True
    return False


IMPORT_FLOOR = textwrap.dedent(
    """
    import json, sys
    import sqlmodel, jinja2
    data = json.load(open(sys.argv[1], encoding="utf-8"))
    env = jinja2.Environment()
    for template in data["templates"]:
        env.parse(template["body"])
    """
)
EXPORT_FLOOR = textwrap.dedent(
    """
    import json, sys
    import sqlmodel, jinja2
    data = json.load(open(sys.argv[1], encoding="utf-8"))
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, indent=2)
    """
)


def alternate(
    figure: Figure, runs: int, measure: Callable[[], float], floor: Callable[[], float]
) -> Figure:
    for number in range(runs * 2):
        if (number % 2 == 0) == (number // 2 % 2 == 0):
            figure.samples.append(measure())
        else:
            figure.floors.append(floor())
    return figure


def fitting_bundle(bundle: Path, work: Path) -> tuple[Path, str | None]:
    """The bundle, or its first templates that fit the size an import accepts (and a note)."""
    from replydesk.core.bundle import MAX_BUNDLE_BYTES

    size = bundle.stat().st_size
    if size <= MAX_BUNDLE_BYTES:
        return bundle, None
    data = json.loads(bundle.read_text(encoding="utf-8"))
    total = len(data["templates"])
    keep = int(total * MAX_BUNDLE_BYTES * 0.95 / size)
    while True:
        data["templates"] = data["templates"][:keep]
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        if len(text.encode("utf-8")) <= MAX_BUNDLE_BYTES:
            break
        keep = int(keep * 0.95)
    trimmed = work / "library-fitting.replydesk"
    trimmed.write_text(text, encoding="utf-8")
    note = (
        f"the {total}-template bundle ({size / 2**20:.1f} MiB) exceeds the import limit of "
        f"{MAX_BUNDLE_BYTES / 2**20:g} MiB; measured with its first {keep} templates"
    )
    return trimmed, note


def import_export(data_dir: Path, work: Path, bundle: Path, runs: int) -> list[Figure]:
    figures = []
    counter = iter(range(1_000_000))
    full_bundle = bundle
    bundle, note = fitting_bundle(bundle, work)

    def do_import() -> float:
        fresh = work / f"import-{next(counter)}"
        try:
            command = [sys.executable, "-m", "replydesk", "import", str(bundle), "--json"]
            return run_process(command, child_env(fresh)).wall
        finally:
            shutil.rmtree(fresh, ignore_errors=True)

    def import_floor() -> float:
        return run_process([sys.executable, "-c", IMPORT_FLOOR, str(bundle)], child_env()).wall

    figures.append(
        _guard(
            lambda: alternate(
                Figure("import", target=2.0, note=note), runs, do_import, import_floor
            ),
            "import",
            2.0,
        )
    )
    out = work / "export.replydesk"
    copy = work / "export-floor.json"

    def do_export() -> float:
        command = [sys.executable, "-m", "replydesk", "export", "-o", str(out)]
        return run_process(command, child_env(data_dir)).wall

    def export_floor() -> float:
        command = [sys.executable, "-c", EXPORT_FLOOR, str(full_bundle), str(copy)]
        return run_process(command, child_env()).wall

    figures.append(
        _guard(
            lambda: alternate(Figure("export", target=3.0), runs, do_export, export_floor),
            "export",
            3.0,
        )
    )
    return figures


def command_line(data_dir: Path, runs: int) -> Figure:
    env = child_env(data_dir)
    fill = [
        sys.executable, "-m", "replydesk", "fill", BUILTIN_ID,
        "--set", "client_name=Ana", "--set", "back_on=2026-12-01", "--set", "my_name=Sam",
    ]  # fmt: skip
    floor = [sys.executable, "-c", "import sqlmodel, jinja2"]
    return alternate(
        Figure("command line: fill", target=1.5),
        runs,
        lambda: run_process(fill, env).wall,
        lambda: run_process(floor, env).wall,
    )


# --- in the window (a child process runs this) ----------------------------------------------


def ui_samples(data_dir: Path, runs: int) -> dict[str, list[float]]:
    """Keystroke timings in a real MainWindow over the store; runs in its own process."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["REPLYDESK_DATA_DIR"] = str(data_dir)
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest

    from replydesk.app import make_application, open_store
    from replydesk.core.fields import example_values
    from replydesk.ui.main_window import MainWindow
    from replydesk.ui.settings import window_settings

    app = make_application([])
    window = MainWindow(window_settings())
    window.resize(1200, 800)
    window.show()
    QCoreApplication.processEvents()
    store = open_store()
    window.set_store(store)
    QCoreApplication.processEvents()
    templates = window.templates
    box = templates.search_box()
    samples: dict[str, list[float]] = {"search": [], "select": [], "copy": []}
    try:
        for _ in range(runs):
            for query in QUERIES:
                box.clear()
                QCoreApplication.processEvents()
                for char in query:
                    began = time.perf_counter()
                    QTest.keyClick(box, ord(char.upper()))  # Qt.Key_A.. and Key_Space
                    QCoreApplication.processEvents()
                    samples["search"].append(time.perf_counter() - began)
        box.clear()
        QCoreApplication.processEvents()
        rng = random.Random(11)
        ids = [s.id for s in templates.model().summaries()]
        picks = rng.sample(ids, min(len(ids), 40 * runs))
        clipboard = QGuiApplication.clipboard()
        announced: list[bool] = []  # the list was told of a copy's use count
        assert window.events is not None  # the window has its store
        window.events.templatesChanged.connect(lambda: announced.append(True))
        for template_id in picks:
            began = time.perf_counter()
            if not templates.select(template_id):
                raise RuntimeError(f"template {template_id} is not listed")
            QCoreApplication.processEvents()
            if window.template_id != template_id:
                raise RuntimeError("the template was not shown after select()")
            samples["select"].append(time.perf_counter() - began)
            filling = window.filling
            if filling is not None:  # fill what is missing (untimed), so there is a reply
                for name, value in example_values(filling.fields).items():
                    filling.set_value(name, value)
                window.refresh_preview()
            clipboard.clear()
            announced.clear()
            began = time.perf_counter()
            copied = window.copy_reply()
            elapsed = time.perf_counter() - began
            if copied:
                if clipboard.text() != window.preview.text():
                    raise RuntimeError("the clipboard does not hold the reply")
                samples["copy"].append(elapsed)
            # The use count's write and the list's reload (on a worker) finish off the timed
            # path, before the next select is timed.
            settle_by = time.perf_counter() + 10
            while copied and not announced and time.perf_counter() < settle_by:
                QCoreApplication.processEvents()
                time.sleep(0.001)
            QCoreApplication.processEvents()
        if not samples["copy"]:
            raise RuntimeError("no template could be copied")
    finally:
        window.keep_running_in_tray = False
        window.close()
        store.close()
        app.processEvents()
    return samples


def in_window(data_dir: Path, runs: int) -> list[Figure]:
    command = [sys.executable, "-m", "replydesk.bench", "--ui-child", str(data_dir),
               "--runs", str(runs)]  # fmt: skip
    outcome = run_process(command, child_env(data_dir), timeout=600)
    samples = json.loads(outcome.output.strip().splitlines()[-1])
    return [
        Figure("search as you type (per key)", samples["search"], target=0.016,
               ratio_target=False),
        Figure("select and preview", samples["select"], target=0.016, ratio_target=False),
        Figure("copy", samples["copy"], target=0.005, ratio_target=False),
    ]  # fmt: skip


STALL_TICK_MS = 5  # the GUI thread's heartbeat while an import runs


def stall_samples(data_dir: Path, bundle: Path) -> dict[str, float]:
    """The GUI thread's longest stall while a real MainWindow reads, previews and applies
    an import of `bundle` (the user presses the dialog's Import button); in its own
    process. A timer ticks every STALL_TICK_MS; the longest gap between ticks beyond the
    tick itself is the longest time the window could not answer input."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["REPLYDESK_DATA_DIR"] = str(data_dir)
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QPushButton

    from replydesk.app import make_application, open_store, warm_up
    from replydesk.ui.main_window import MainWindow
    from replydesk.ui.settings import window_settings
    from replydesk.ui.tasks import settle_heap

    app = make_application([])
    window = MainWindow(window_settings())
    window.show()
    store = open_store()
    window.set_store(store)
    QCoreApplication.processEvents()
    warm_up()  # as the app's start-up does (off the GUI thread) once the window has its store
    settle_heap()
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0] - STALL_TICK_MS / 1000)
        last[0] = now

    outcome: dict[str, object] = {}
    window.importFinished.connect(lambda result: outcome.setdefault("done", str(result)))
    heartbeat = QTimer()
    heartbeat.setInterval(STALL_TICK_MS)
    heartbeat.timeout.connect(tick)
    began = time.perf_counter()
    try:
        heartbeat.start()
        last[0] = time.perf_counter()
        if not window.import_file(bundle):
            raise RuntimeError("the window refused the import")
        deadline = began + 600
        pressed = False
        while "done" not in outcome and time.perf_counter() < deadline:
            app.processEvents()
            dialog = window.import_dialog
            if dialog is not None and not pressed and dialog.isVisible():
                buttons = [
                    b for b in dialog.findChildren(QPushButton)
                    if b.text().replace("&", "").startswith("Import") and b.isEnabled()
                ]  # fmt: skip
                if buttons:
                    buttons[0].click()
                    pressed = True
            time.sleep(0.001)
        if "done" not in outcome:
            raise RuntimeError(f"the import did not finish (Import pressed: {pressed})")
    finally:
        heartbeat.stop()
        window.keep_running_in_tray = False
        window.close()
        store.close()
    return {
        "longest_stall": max(gaps) if gaps else 0.0,
        "ticks": float(len(gaps)),
        "seconds": time.perf_counter() - began,
    }


def import_stall(work: Path, bundle: Path, runs: int) -> Figure:
    bundle, note = fitting_bundle(bundle, work)
    figure = Figure(
        "GUI stall during an import (longest)", target=0.100, ratio_target=False, note=note
    )
    for run in range(max(1, min(runs, 3))):
        fresh = work / f"stall-{run}"
        command = [sys.executable, "-m", "replydesk.bench", "--stall-child", str(fresh),
                   "--bundle", str(bundle)]  # fmt: skip
        try:
            outcome = run_process(command, child_env(fresh), timeout=900)
        finally:
            shutil.rmtree(fresh, ignore_errors=True)
        figure.samples.append(json.loads(outcome.output.strip().splitlines()[-1])["longest_stall"])
    return figure


def core_paths(runs: int) -> list[Figure]:
    """The core's per-reply costs, in this process: rendering each built-in template with
    example values (compiled once, as the window does) and checking a 4 KB reply."""
    from replydesk.core import library
    from replydesk.core.checker import check
    from replydesk.core.fields import example_values
    from replydesk.core.render import fields_for, prepare_values, render

    replies = []
    for template in library.load_builtin():
        fields = fields_for(template.body, template.fields)
        replies.append((template.body, prepare_values(fields, example_values(fields)), template))
    text = (library.load_builtin()[0].body * 10)[:4096] + " +7 912 345 67 89"
    rendering, checking = [], []
    for _ in range(max(runs, 1) * 10):
        for body, values, template in replies:
            began = time.perf_counter()
            render(body, values, language=template.language)
            rendering.append(time.perf_counter() - began)
        began = time.perf_counter()
        check(text, language="ru", order_language="ru")  # the language guess included
        checking.append(time.perf_counter() - began)
    rendering = rendering[len(replies) :]  # the first round compiles and loads languages
    return [
        Figure("render a built-in reply", rendering, target=0.002, ratio_target=False),
        Figure("check a 4 KB reply", checking[1:], target=0.010, ratio_target=False),
    ]


# --- driver -------------------------------------------------------------------------------


def _guard(measure: Callable[[], Figure], name: str, target: float) -> Figure:
    try:
        return measure()
    except Exception as error:
        return Figure(name, target=target, error=f"{type(error).__name__}: {error}")


def _guard_many(
    measure: Callable[[], Sequence[Figure]], names: Sequence[tuple[str, float, bool]]
) -> list[Figure]:
    try:
        return list(measure())
    except Exception as error:
        message = f"{type(error).__name__}: {error}"
        return [Figure(n, target=t, ratio_target=r, error=message) for n, t, r in names]


def run_all(n: int, runs: int, log: Callable[[str], None]) -> list[Figure]:
    work = Path(tempfile.mkdtemp(prefix="replydesk-bench-"))
    data_dir = work / "data"
    figures: list[Figure] = []
    try:
        log(f"generating {n} templates in {data_dir}")
        began = time.perf_counter()
        build_data_dir(data_dir, n)
        bundle = work / "library.replydesk"
        export_bundle(data_dir, bundle)
        log(f"  done in {time.perf_counter() - began:.1f} s")
        steps: list[tuple[str, Callable[[], Sequence[Figure]], list[tuple[str, float, bool]]]] = [
            (
                "cold start",
                lambda: cold_start(data_dir, work, runs),
                [
                    ("cold start: first paint", 1.5, True),
                    ("cold start: ready", 4.0, True),
                    ("memory: peak RSS until ready (MB)", 2.5, True),
                ],
            ),
            ("summon", lambda: summon(data_dir, work, runs),
             [("summon: `quick` process (wall)", 2.0, True)]),
            (
                "in the window",
                lambda: in_window(data_dir, runs),
                [
                    ("search as you type (per key)", 0.016, False),
                    ("select and preview", 0.016, False),
                    ("copy", 0.005, False),
                ],
            ),
            ("import and export", lambda: import_export(data_dir, work, bundle, runs),
             [("import", 2.0, True), ("export", 3.0, True)]),
            ("the window during an import", lambda: [import_stall(work, bundle, runs)],
             [("GUI stall during an import (longest)", 0.100, False)]),
            ("command line", lambda: [command_line(data_dir, runs)],
             [("command line: fill", 1.5, True)]),
            ("the core's per-reply paths", lambda: core_paths(runs),
             [("render a built-in reply", 0.002, False), ("check a 4 KB reply", 0.010, False)]),
        ]  # fmt: skip
        for label, measure, names in steps:
            log(f"measuring {label}")
            figures.extend(_guard_many(measure, names))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return figures


def format_table(n: int, rows: list[dict[str, Any]]) -> str:
    def num(value: float | None, digits: int = 3) -> str:
        return "-" if value is None else f"{value:.{digits}f}"

    lines = [
        f"Replydesk with {n} templates (seconds; memory in MB)",
        f"{'figure':<36} {'median':>9} {'p95':>9} {'floor':>9} {'ratio':>7} {'target':>12}  met",
    ]
    for row in rows:
        target = (
            f"ratio ≤ {row['target']:g}"
            if row["target_kind"] == "ratio"
            else f"p95 ≤ {row['target']:g}"
        )
        met = "ERROR" if row["error"] else ("yes" if row["met"] else "NO")
        lines.append(
            f"{row['name']:<36} {num(row['median'], 4):>9} {num(row['p95'], 4):>9} "
            f"{num(row['floor'], 3):>9} {num(row['ratio'], 2):>7} {target:>12}  {met}"
        )
        if row["error"]:
            lines.append(f"    error: {row['error']}")
        if row.get("note"):
            lines.append(f"    note: {row['note']}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m replydesk.bench", description=__doc__)
    parser.add_argument("--n", type=int, default=10_000, help="templates to generate")
    parser.add_argument("--runs", type=int, default=5, help="runs of each measurement")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--ui-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--stall-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--bundle", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    runs = max(1, args.runs)
    if args.ui_child is not None or args.stall_child is not None:
        status = 0
        try:
            if args.ui_child is not None:
                samples: object = ui_samples(args.ui_child, runs)
            else:
                samples = stall_samples(args.stall_child, args.bundle)
            print(json.dumps(samples), flush=True)
        except Exception as error:
            print(f"{type(error).__name__}: {error}", file=sys.stderr)
            status = 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)  # skip the interpreter's teardown of live Qt objects

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    figures = run_all(args.n, runs, log)
    rows = [figure.as_dict() for figure in figures]
    if args.json:
        print(json.dumps({"n": args.n, "figures": rows}, indent=2))
    else:
        print(format_table(args.n, rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
