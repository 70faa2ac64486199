"""Killing Replydesk (SIGKILL) in the middle of an import or a save loses nothing committed
and leaves a consistent database: all of a change or none of it.

Real processes are killed at random (seeded) moments; after every kill the database as
the process left it is checked: SQLite's integrity check, the search index's check, and
the change itself. The next process starts on the killed state (it has to recover it),
except after a finished import, when the pristine database is put back.
"""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from writers import (
    DATABASE,
    SAVER_OPS,
    START_TIMEOUT,
    Lines,
    TemplateState,
    apply_template_op,
    assert_consistent,
    child_env,
    kill,
    marker_of,
    op_of,
    parse_acks,
    read_templates,
    replydesk_command,
    reset_database,
    run_replydesk,
    snapshot,
    target_ids,
    writer_command,
)

SEED = 20240611
IMPORT_KILLS = 30
"""Imports killed (attempts that finish before their kill do not count)."""
SAVE_KILLS = 30
"""Saving processes killed."""
BUNDLE_TEMPLATES = 200
"""Generated templates in the imported bundle (beside the built-in ones it also holds)."""


@dataclass
class Tally:
    """What the kills hit, for the summary line."""

    kills: int = 0
    finished_first: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)

    def count(self, outcome: str) -> None:
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A pristine database with the built-in library, made by the app on its first run."""
    data = tmp_path_factory.mktemp("pristine") / "data"
    run_replydesk(data, "list")
    return data / DATABASE


# --- imports -----------------------------------------------------------------------------


def make_bundle(folder: Path) -> tuple[Path, dict[str, str]]:
    """A bundle exported by the app from a library of BUNDLE_TEMPLATES generated templates
    (and the built-in ones); with the body of each template by id."""
    from replydesk.bench import build_data_dir, export_bundle

    build_data_dir(folder / "source", BUNDLE_TEMPLATES)
    bundle = folder / "bundle.replydesk"
    export_bundle(folder / "source", bundle)
    templates = json.loads(bundle.read_text("utf-8"))["templates"]
    return bundle, {str(t["id"]): str(t["body"]) for t in templates}


def imported(db_path: Path, bodies: dict[str, str]) -> int:
    """How many of the bundle's templates the database holds, each with the bundle's body."""
    with closing(sqlite3.connect(db_path)) as connection:
        assert_consistent(connection)
        found = dict(connection.execute("SELECT id, body FROM template").fetchall())
    present = [i for i in bodies if i in found]
    assert all(found[i] == bodies[i] for i in present), "an imported body differs"
    return len(present)


def import_backups(data: Path) -> list[Path]:
    return sorted((data / "backups").glob("*import*"))


def test_killing_an_import_keeps_all_of_it_or_none(library: Path, tmp_path: Path) -> None:
    bundle, bodies = make_bundle(tmp_path / "bundle")
    with closing(sqlite3.connect(library)) as connection:
        local = {row[0] for row in connection.execute("SELECT id FROM template")}
    new = len(set(bodies) - local)
    assert new == BUNDLE_TEMPLATES
    data = tmp_path / "data"
    data.mkdir()
    db = data / DATABASE
    env = child_env(data)
    # keep-both: a non-interactive import that never goes to a running window.
    command = replydesk_command("import", "--on-conflict", "keep-both", str(bundle))

    lifetime = 0.0
    for _ in range(2):  # the slower of two: the first may run on a cold disk cache
        reset_database(library, db)
        began = time.monotonic()
        subprocess.run(command, env=env, capture_output=True, check=True, timeout=START_TIMEOUT)
        lifetime = max(lifetime, time.monotonic() - began)
        assert imported(db, bodies) == len(bodies), "an import left alone imports everything"

    rng = random.Random(SEED)
    tally = Tally()
    reset_database(library, db)
    attempts = 0
    while tally.kills < IMPORT_KILLS:
        attempts += 1
        assert attempts < IMPORT_KILLS * 4, f"too few kills landed: {tally}"
        backups_before = len(import_backups(data))
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        # Half of the kills anywhere in the lifetime, half late in it, where the backup
        # and the write transaction are (a busy machine stretches the lifetime).
        late = rng.random() < 0.5
        time.sleep(
            rng.uniform(0.6 * lifetime, 1.2 * lifetime) if late else rng.uniform(0.0, lifetime)
        )
        if not kill(process):
            tally.finished_first += 1
            lifetime *= 0.8  # the machine got faster than when measured: kill earlier
            assert process.returncode == 0, process.communicate()[1]
            assert imported(db, bodies) == len(bodies)
            reset_database(library, db)
            continue
        tally.kills += 1
        copy = snapshot(db, tmp_path / "killed")
        count = imported(copy, bodies)
        assert count in (len(bodies) - new, len(bodies)), (
            f"kill {tally.kills}: {count - (len(bodies) - new)} of {new} templates imported"
        )
        done = count == len(bodies)
        started = len(import_backups(data)) > backups_before
        tally.count("all" if done else "none, after its backup" if started else "none")
        if done:
            reset_database(library, db)
        # Otherwise the next import starts on the killed state and has to recover it.
    # The last killed state, opened and recovered by the app itself, then checked.
    run_replydesk(data, "list")
    with closing(sqlite3.connect(db)) as connection:
        assert_consistent(connection)
    leftovers = sorted(p.name for p in (data / "backups").glob(".*.partial"))
    print(
        f"\ncrash safety, imports: {tally.kills} kills survived "
        f"({', '.join(f'{n} {k}' for k, n in sorted(tally.outcomes.items()))}); "
        f"{tally.finished_first} finished before their kill; import lifetime "
        f"{lifetime:.2f} s; {len(leftovers)} partial backup files left behind"
    )


# --- saves -------------------------------------------------------------------------------


def test_killing_saves_loses_no_acknowledged_write(library: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    db = data / DATABASE
    reset_database(library, db)
    ids = target_ids(db)
    with closing(sqlite3.connect(db)) as connection:
        state = read_templates(connection, ids)
    env = child_env(data)
    rng = random.Random(SEED)
    counter = 0
    kills = acknowledged = in_flight_committed = 0
    while kills < SAVE_KILLS:
        process = subprocess.Popen(
            writer_command("saver", str(counter)),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        lines = Lines(process)
        assert lines.first.wait(START_TIMEOUT), "the saver never saved"
        time.sleep(rng.uniform(0.0, 0.4))
        assert kill(process), f"the saver stopped by itself: {process.communicate()[1]}"
        kills += 1
        acks, errors = parse_acks(lines.join())
        assert not errors, errors
        assert acks == list(range(counter, counter + len(acks))), "acks out of order"
        for number in acks:
            op, template_id = op_of(number, SAVER_OPS, ids)
            state[template_id] = apply_template_op(state[template_id], op, number)
        acknowledged += len(acks)
        # The write in flight at the kill may or may not have committed; nothing else may
        # differ from the acknowledged writes, and nothing may be half written.
        in_flight = counter + len(acks)
        op, template_id = op_of(in_flight, SAVER_OPS, ids)
        with_in_flight = {
            **state,
            template_id: apply_template_op(state[template_id], op, in_flight),
        }
        with closing(sqlite3.connect(snapshot(db, tmp_path / "killed"))) as connection:
            assert_consistent(connection)
            found = read_templates(connection, ids)
        torn = {
            i: s.body[:40]
            for i, s in found.items()
            if s.body != state[i].body and marker_of(s.body) is None
        }
        assert not torn, f"kill {kills}: torn bodies {torn}"
        assert found in (state, with_in_flight), (
            f"kill {kills} after write {in_flight - 1}: "
            f"{describe_difference(state, with_in_flight, found)}"
        )
        if found == with_in_flight and found != state:
            in_flight_committed += 1
        state = found
        counter = in_flight + 1
    run_replydesk(data, "list")
    with closing(sqlite3.connect(db)) as connection:
        assert_consistent(connection)
        assert read_templates(connection, ids) == state
    print(
        f"\ncrash safety, saves: {kills} kills survived; {acknowledged} acknowledged writes "
        f"all kept; the write in flight had committed at {in_flight_committed} kills"
    )


def describe_difference(
    acked: dict[str, TemplateState],
    with_in_flight: dict[str, TemplateState],
    found: dict[str, TemplateState],
) -> str:
    parts = []
    for template_id, state in found.items():
        if state not in (acked[template_id], with_in_flight[template_id]):
            parts.append(
                f"{template_id}: found {short(state)}, acknowledged {short(acked[template_id])}"
            )
    return "; ".join(parts)


def short(state: TemplateState) -> str:
    return (
        f"(body #{marker_of(state.body)}, {state.name!r}, used {state.use_count}, "
        f"favorite {state.favorite})"
    )
