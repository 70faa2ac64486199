"""The window and the command line writing at the same moment lose nothing.

One process writes as the window does (editor saves, copies, the order bar, favorites)
while waves of `replydesk import`, `replydesk edit` and `replydesk order` run beside it,
all real processes on one database. Every write the window acknowledged is in the
database, every import that succeeded is there in full, and nothing failed because the
database was busy ("database is locked").
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest
from writers import (
    DATABASE,
    START_TIMEOUT,
    WINDOW_OPS,
    Lines,
    apply_template_op,
    assert_consistent,
    child_env,
    favorite_of,
    op_of,
    parse_acks,
    read_templates,
    replydesk_command,
    run_replydesk,
    target_ids,
    writer_command,
)

BUNDLES = 8
"""Bundles to import, two per wave of command-line processes."""
BUNDLE_TEMPLATES = 150
"""Generated templates in each bundle."""
SEED = 7


@dataclass
class Command:
    args: list[str]
    process: subprocess.Popen[str]
    stdout: str = ""
    stderr: str = ""

    def finish(self) -> None:
        self.stdout, self.stderr = self.process.communicate(timeout=4 * START_TIMEOUT)

    @property
    def ok(self) -> bool:
        return self.process.returncode == 0

    def __str__(self) -> str:
        return f"replydesk {' '.join(self.args)}: exit {self.process.returncode}: {self.stderr}"


Bundles = list[tuple[Path, dict[str, str]]]


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> Bundles:
    """BUNDLES files exported by the app, each of BUNDLE_TEMPLATES new templates; with the
    body of each template by id."""
    folder = tmp_path_factory.mktemp("bundles")
    from replydesk.bench import make_library
    from replydesk.core.bundle import export_file
    from replydesk.core.store import TemplateStore

    made = []
    for number in range(BUNDLES):
        source = folder / f"source{number}"
        store = TemplateStore(source / DATABASE, source / "backups")
        try:
            store.create_templates(make_library(BUNDLE_TEMPLATES, seed=SEED + number))
            bundle = folder / f"bundle{number}.replydesk"
            export_file(store, bundle)
        finally:
            store.close()
        templates = json.loads(bundle.read_text("utf-8"))["templates"]
        made.append((bundle, {str(t["id"]): str(t["body"]) for t in templates}))
    return made


BACKUP_RACE = "cannot back up"


def explain(failures: list[str]) -> str:
    text = "\n".join(failures)
    if BACKUP_RACE in text:
        # Seen before the fix: two imports backing up in the same second chose the same
        # backup name and wrote into one shared ".partial" file, which the first renamed
        # under the second ("attempt to write a readonly database", "disk I/O error").
        text = "BUG: concurrent imports collide on their backup file\n" + text
    return text


def test_imports_started_together_all_succeed(tmp_path: Path, bundles: Bundles) -> None:
    """Imports started at the same moment each make their backup and import in full."""
    data = tmp_path / "data"
    run_replydesk(data, "list")
    env = child_env(data)
    commands = []
    for group in (bundles[:4], bundles[4:]):
        started = [
            Command(
                ["import", "--json", str(bundle)],
                subprocess.Popen(
                    replydesk_command("import", "--json", str(bundle)),
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                ),
            )
            for bundle, _ in group
        ]
        for command in started:
            command.finish()
        commands += started
    assert all(c.ok for c in commands), explain([str(c) for c in commands if not c.ok])
    with closing(sqlite3.connect(data / DATABASE)) as connection:
        assert_consistent(connection)
        found = dict(connection.execute("SELECT id, body FROM template").fetchall())
    for _, bodies in bundles:
        assert all(found.get(i) == body for i, body in bodies.items())
    backups = list((data / "backups").glob("replydesk-*-import*.sqlite3"))
    assert len(backups) == len(bundles), "one backup per import"


def edit_target(db_path: Path, window_ids: list[str]) -> str:
    """A built-in template the window process leaves alone, for `replydesk edit`."""
    with closing(sqlite3.connect(db_path)) as connection:
        rows = connection.execute(
            "SELECT id FROM template WHERE library_version IS NOT NULL ORDER BY id DESC"
        ).fetchall()
    return next(str(row[0]) for row in rows if row[0] not in window_ids)


def test_window_and_command_line_writing_together_lose_nothing(
    tmp_path: Path, bundles: Bundles
) -> None:
    data = tmp_path / "data"
    run_replydesk(data, "list")
    db = data / DATABASE
    ids = target_ids(db)
    edited = edit_target(db, ids)
    with closing(sqlite3.connect(db)) as connection:
        state = read_templates(connection, ids)
    env = child_env(data)

    def start(*args: str) -> Command:
        process = subprocess.Popen(
            replydesk_command(*args),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        return Command(list(args), process)

    # The window process writes until its stdin closes: every wave runs beside it, however
    # long the waves take on this machine.
    window = subprocess.Popen(
        writer_command("window"),
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    output = Lines(window)
    commands: list[Command] = []
    imports: list[tuple[Command, dict[str, str]]] = []
    waves = 0
    try:
        assert output.first.wait(START_TIMEOUT), "the window process never wrote"
        began = time.monotonic()
        while 2 * waves < BUNDLES:
            first, second = bundles[2 * waves], bundles[2 * waves + 1]
            wave = [
                # Neither goes to a running window: --on-conflict other than "mine", --json.
                start("import", "--on-conflict", "keep-both", str(first[0])),
                start("import", "--json", str(second[0])),
                start("edit", edited, "--name", f"Edited on the command line {waves}"),
                start("order", "add", "--set", f"client_name=CLI client {waves}"),
            ]
            imports += [(wave[0], first[1]), (wave[1], second[1])]
            for command in wave:
                command.finish()
            commands += wave
            waves += 1
            assert window.poll() is None, f"the window process stopped during wave {waves}"
        overlap = time.monotonic() - began
    finally:
        assert window.stdin is not None
        window.stdin.close()  # the window process stops writing and exits
        try:
            window.wait(timeout=START_TIMEOUT)
        except subprocess.TimeoutExpired:
            window.kill()
            window.wait()
    acks, errors = parse_acks(output.join())
    assert window.returncode == 0, window.stderr.read() if window.stderr else ""

    failed = [str(c) for c in commands if not c.ok]
    locked = [str(c) for c in commands if "locked" in c.stderr or "busy" in c.stderr]
    assert not errors and not locked, f"BUG: busy database: {errors + locked}"
    assert not failed, explain(failed)

    order_line = next(line for line in output.lines if line.startswith("order "))
    order_id = int(order_line.split()[1])
    notes = ""
    current: str | None = None
    for number in acks:
        op, template_id = op_of(number, WINDOW_OPS, ids)
        if op == "order":
            notes = f"note {number}"
        elif op == "current":
            current = str(order_id) if favorite_of(number) else None
        else:
            state[template_id] = apply_template_op(state[template_id], op, number)

    with closing(sqlite3.connect(db)) as connection:
        assert_consistent(connection)
        assert read_templates(connection, ids) == state, "a write of the window was lost"
        row = connection.execute("SELECT notes FROM orders WHERE id = ?", (order_id,)).fetchone()
        assert row == (notes,), "the window's last order edit was lost"
        setting = connection.execute(
            "SELECT value FROM setting WHERE key = 'current_order'"
        ).fetchone()
        assert setting == (None if current is None else (current,))
        found = dict(connection.execute("SELECT id, body FROM template").fetchall())
        for command, bodies in imports:
            missing = [i for i, body in bodies.items() if found.get(i) != body]
            assert not missing, f"{command.args}: {len(missing)} templates missing or changed"
        name = connection.execute("SELECT name FROM template WHERE id = ?", (edited,)).fetchone()
        assert name == (f"Edited on the command line {waves - 1}",)
        clients = {
            str(r[0]) for r in connection.execute("SELECT client_name FROM orders").fetchall()
        }
        assert {f"CLI client {w}" for w in range(waves)} <= clients
    print(
        f"\ntwo writers: the window process acknowledged {len(acks)} writes, all kept; "
        f"beside it {waves} waves in {overlap:.1f} s: "
        f"{len(imports)} imports ({sum(len(b) for _, b in imports)} templates), "
        f"{len(commands) - len(imports)} edit/order commands; none failed or found the "
        "database locked"
    )
