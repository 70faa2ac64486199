"""Writer processes for the crash-safety and two-writer tests, and what the tests share.

Run as a script (the tests start it with the interpreter that runs them):

    python writers.py saver FIRST     write forever from counter FIRST (until killed)
    python writers.py window          write like the window until stdin closes, then exit 0

Both open the database of REPLYDESK_DATA_DIR with the store API the window uses and
print one line per committed write, `<counter> <op> <target>`, flushed after the commit:
a line on stdout is an acknowledged write. A write the store refused prints
`ERROR <counter> <op> <message>` (the window shows such a message and the edit is lost).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path

import replydesk

WRITERS = Path(__file__).resolve()
PACKAGE_ROOT = Path(replydesk.__file__).resolve().parent.parent
DATABASE = "replydesk.sqlite3"
START_TIMEOUT = 60.0
"""Seconds a process may take to start or to end, generous for a busy machine."""
TARGETS = 8
"""How many built-in templates the writers change (the first by id)."""

SAVER_OPS = ("edit", "use", "favorite", "body")
WINDOW_OPS = ("edit", "use", "order", "current", "favorite")
_MARKER = re.compile(r"\A<<(\d+)>>\n")


# --- what the tests and the writers agree on ---------------------------------------------


def child_env(data_dir: Path) -> dict[str, str]:
    """The environment of a Replydesk process on `data_dir`, the package importable
    from wherever this interpreter imports it (the source tree or an installed wheel)."""
    runtime = data_dir.parent / "run"  # a private socket folder: no running window found
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {
        **os.environ,
        "REPLYDESK_DATA_DIR": str(data_dir),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_RUNTIME_DIR": str(runtime),
        "PYTHONPATH": os.pathsep.join(
            p for p in (str(PACKAGE_ROOT), os.environ.get("PYTHONPATH", "")) if p
        ),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DISPLAY", None)
    return env


def replydesk_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "replydesk", *args]


def writer_command(*args: str) -> list[str]:
    return [sys.executable, str(WRITERS), *args]


def run_replydesk(data_dir: Path, *args: str, timeout: float = 120) -> None:
    """Run one command to its end; fail loudly when it does not exit 0."""
    result = subprocess.run(
        replydesk_command(*args),
        env=child_env(data_dir),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise AssertionError(
            f"replydesk {' '.join(args)}: exit {result.returncode}\n{result.stderr}"
        )


def marker_body(counter: int) -> str:
    """A body only a complete write of `counter` produces: the counter at both ends and a
    filler of 1 to 9 KB (several database pages) derived from it."""
    seed = hashlib.sha256(str(counter).encode()).hexdigest()
    size = 1000 + (counter * 7919) % 8000
    filler = (seed * (size // len(seed) + 1))[:size]
    return f"<<{counter}>>\n{filler}\n<</{counter}>>"


def marker_of(body: str) -> int | None:
    """The counter of a complete marker body; None for any other text (a torn write too)."""
    match = _MARKER.match(body)
    if match is None:
        return None
    counter = int(match.group(1))
    return counter if body == marker_body(counter) else None


def target_ids(db_path: Path) -> list[str]:
    """The templates the writers change: the first TARGETS built-in ones by id."""
    with closing(sqlite3.connect(db_path, timeout=30)) as connection:
        rows = connection.execute(
            "SELECT id FROM template WHERE library_version IS NOT NULL AND deleted_at IS NULL "
            "ORDER BY id LIMIT ?",
            (TARGETS,),
        ).fetchall()
    return [str(row[0]) for row in rows]


def op_of(counter: int, ops: tuple[str, ...], ids: list[str]) -> tuple[str, str]:
    """The write number `counter` makes: its kind and the template it changes."""
    return ops[counter % len(ops)], ids[(counter * 3) % len(ids)]


def favorite_of(counter: int) -> bool:
    return (counter // 7) % 2 == 0


@dataclass(frozen=True)
class TemplateState:
    body: str
    name: str
    use_count: int
    favorite: bool


def read_templates(connection: sqlite3.Connection, ids: list[str]) -> dict[str, TemplateState]:
    state = {}
    for template_id in ids:
        row = connection.execute(
            "SELECT body, name, use_count, favorite FROM template WHERE id = ?", (template_id,)
        ).fetchone()
        assert row is not None, f"template {template_id} is gone"
        state[template_id] = TemplateState(str(row[0]), str(row[1]), int(row[2]), bool(row[3]))
    return state


def apply_template_op(state: TemplateState, op: str, counter: int) -> TemplateState:
    """What write number `counter` does to a template (the writers' own rule)."""
    if op == "edit":
        return replace(state, body=marker_body(counter), name=f"Saved {counter}")
    if op == "body":
        return replace(state, body=marker_body(counter))
    if op == "use":
        return replace(state, use_count=state.use_count + 1)
    if op == "favorite":
        return replace(state, favorite=favorite_of(counter))
    return state


def parse_acks(lines: list[str]) -> tuple[list[int], list[str]]:
    """The counters acknowledged on stdout (complete lines only) and the ERROR lines."""
    acks, errors = [], []
    for line in lines:
        if not line.endswith("\n"):
            continue  # cut by the kill: it was never acknowledged
        if line.startswith("ERROR "):
            errors.append(line.strip())
        elif line[:1].isdigit():
            acks.append(int(line.split()[0]))
    return acks, errors


# --- processes ---------------------------------------------------------------------------


def kill(process: subprocess.Popen[str]) -> bool:
    """SIGKILL the process if it still runs; whether it did (then it is reaped)."""
    alive = process.poll() is None
    if alive:
        process.send_signal(signal.SIGKILL)
    process.wait(timeout=START_TIMEOUT)
    return alive and process.returncode == -signal.SIGKILL


class Lines:
    """A process's stdout, read line by line on a thread; `first` is set on the first line."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self.first = threading.Event()
        self._process = process
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        for line in self._lines():
            self.lines.append(line)
            self.first.set()
        self.first.set()

    def _lines(self) -> Iterator[str]:
        assert self._process.stdout is not None
        while True:
            line = self._process.stdout.readline()
            if not line:
                return
            yield line

    def join(self) -> list[str]:
        self._thread.join(timeout=START_TIMEOUT)
        return self.lines


# --- checking a database -----------------------------------------------------------------


def database_files(db_path: Path) -> list[Path]:
    return [db_path.with_name(db_path.name + suffix) for suffix in ("", "-wal", "-shm")]


def snapshot(db_path: Path, folder: Path) -> Path:
    """Copy the database as a killed process left it (with its -wal and -shm) into `folder`,
    so that checking it leaves the original for the next process to recover."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for path in database_files(db_path):
        if path.exists():
            shutil.copyfile(path, folder / path.name)
    return folder / db_path.name


def reset_database(pristine: Path, db_path: Path) -> None:
    """Put the pristine database back (no process has it open)."""
    for path in database_files(db_path):
        path.unlink(missing_ok=True)
    shutil.copyfile(pristine, db_path)


def assert_consistent(connection: sqlite3.Connection) -> None:
    """SQLite's integrity check and the search index's own check both pass."""
    problems = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
    assert problems == ["ok"], f"integrity_check: {problems[:5]}"
    # Raises "database disk image is malformed" when the index and the table disagree.
    connection.execute("INSERT INTO template_fts(template_fts, rank) VALUES('integrity-check', 1)")
    connection.commit()


# --- the writer processes ----------------------------------------------------------------


def _ack(counter: int, op: str, target: object) -> None:
    sys.stdout.write(f"{counter} {op} {target}\n")
    sys.stdout.flush()


def saver(first: int) -> int:
    """Save templates as the editor and the list do, as fast as it can, until killed."""
    from replydesk.core.store import TemplateStore

    store = TemplateStore.open_default()  # the window's way: quick_check first
    ids = target_ids(store.path)
    deadline = time.monotonic() + 300  # never outlive a test that lost track of it
    counter = first
    while time.monotonic() < deadline:
        op, template_id = op_of(counter, SAVER_OPS, ids)
        if op == "edit":
            store.update_template(template_id, name=f"Saved {counter}", body=marker_body(counter))
        elif op == "body":
            store.update_template(template_id, body=marker_body(counter))
        elif op == "use":
            store.record_use(template_id)
        else:
            store.set_favorite(template_id, favorite_of(counter))
        _ack(counter, op, template_id)
        counter += 1
    store.close()
    return 0


def window() -> int:
    """Write as the window does (editor, copy, order bar, favorites) until stdin closes:
    the test says when, whatever the machine's speed."""
    from replydesk.core.errors import ReplydeskError
    from replydesk.core.store import TemplateStore

    stopped = threading.Event()

    def wait_for_stdin_to_close() -> None:
        sys.stdin.read()
        stopped.set()

    threading.Thread(target=wait_for_stdin_to_close, daemon=True).start()
    store = TemplateStore.open_default()
    ids = target_ids(store.path)
    order = store.create_order({"client_name": "Window client"})
    sys.stdout.write(f"order {order.id}\n")
    sys.stdout.flush()
    deadline = time.monotonic() + 3600  # never outlive a test that lost track of it
    counter = 0
    while not stopped.is_set() and time.monotonic() < deadline:
        op, template_id = op_of(counter, WINDOW_OPS, ids)
        target: object = template_id
        try:
            if op == "edit":
                store.update_template(
                    template_id, name=f"Saved {counter}", body=marker_body(counter)
                )
            elif op == "use":
                store.record_use(template_id)
            elif op == "favorite":
                store.set_favorite(template_id, favorite_of(counter))
            elif op == "order":
                assert order.id is not None
                store.update_order(order.id, {"notes": f"note {counter}"})
                target = order.id
            else:
                store.current_order_id = order.id if favorite_of(counter) else None
                target = order.id
        except ReplydeskError as error:
            sys.stdout.write(f"ERROR {counter} {op} {error}\n".replace("\n", " ") + "\n")
            sys.stdout.flush()
        else:
            _ack(counter, op, target)
        counter += 1
        time.sleep(0.002)  # a person's pace is slower; this keeps the CPU for the others
    store.close()
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "saver":
        sys.exit(saver(int(sys.argv[2])))
    sys.exit(window())
