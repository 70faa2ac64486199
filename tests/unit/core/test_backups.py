"""Backups: made with SQLite's backup API, listed newest first, pruned, restored, moved aside."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from replydesk.core import backups, migrations
from replydesk.core.catalog import Catalog
from replydesk.core.errors import StoreError
from replydesk.core.models import TemplateData
from replydesk.core.progress import Cancelled, Progress
from replydesk.core.store import TemplateStore


def names(store: TemplateStore) -> list[str]:
    return sorted(row.name for row in store.list_templates())


def add(store: TemplateStore, name: str) -> str:
    data = TemplateData(name=name, kind="greeting", language="en", body="Hi {{ client_name }}")
    return store.create_template(data).id


def integrity(path: Path) -> str:
    with closing(sqlite3.connect(path)) as connection:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])


def test_a_backup_is_a_complete_self_contained_copy(store: TemplateStore) -> None:
    add(store, "One")
    made = backups.make_backup(store.path, store.backup_dir, "manual")
    assert made.parent == store.backup_dir
    assert not list(store.backup_dir.glob(".*.partial"))
    assert not made.with_name(made.name + "-wal").exists()
    assert integrity(made) == "ok"
    (listed,) = backups.list_backups(store.backup_dir)
    assert (listed.path, listed.reason, listed.reason_text) == (made, "manual", "made by hand")
    assert listed.template_count() == 1
    assert listed.size == made.stat().st_size > 0


def test_backups_are_listed_newest_first_and_pruned_to_the_newest(
    store: TemplateStore, tmp_path: Path
) -> None:
    folder = store.backup_dir
    folder.mkdir(parents=True, exist_ok=True)
    for day in range(1, 13):
        source = backups.make_backup(store.path, tmp_path / "elsewhere", "manual")
        source.replace(folder / f"replydesk-202601{day:02d}-120000-daily.sqlite3")
    (folder / "notes.txt").write_text("not a backup")
    listed = backups.list_backups(folder)
    assert [b.created.day for b in listed] == list(range(12, 0, -1))
    removed = backups.prune(folder, keep=5)
    assert len(removed) == 7
    assert [b.created.day for b in backups.list_backups(folder)] == [12, 11, 10, 9, 8]
    assert (folder / "notes.txt").exists()  # only backups are ever deleted


def test_making_a_backup_keeps_the_newest_ten(store: TemplateStore) -> None:
    for _ in range(backups.KEEP_BACKUPS + 3):
        backups.make_backup(store.path, store.backup_dir, "manual")
    assert len(backups.list_backups(store.backup_dir)) == backups.KEEP_BACKUPS


def test_the_daily_backup_waits_a_day(store: TemplateStore) -> None:
    first = backups.daily_backup(store.path, store.backup_dir)
    assert first is not None and "-daily" in first.name
    assert backups.daily_backup(store.path, store.backup_dir) is None  # one a day
    later = backups.list_backups(store.backup_dir)[0].created + timedelta(hours=25)
    second = backups.daily_backup(store.path, store.backup_dir, now=lambda: later)
    assert second is not None and second != first


def test_an_import_makes_a_backup_first(store: TemplateStore, tmp_path: Path) -> None:
    from replydesk.core import bundle, merge

    with TemplateStore(tmp_path / "other.sqlite3", tmp_path / "other-backups") as other:
        add(other, "Sent")
        target = tmp_path / "sent.replydesk"
        bundle.export_file(other, target)
    read = bundle.read_bundle(target)
    outcome = merge.apply_plan(store, merge.plan_import(store, read))
    assert outcome.backup is not None
    assert backups.list_backups(store.backup_dir)[0].reason == "import"


def test_find_backup_by_name_prefix_or_newest(store: TemplateStore) -> None:
    first = backups.make_backup(store.path, store.backup_dir, "manual")
    second = backups.make_backup(store.path, store.backup_dir, "daily")
    assert backups.find_backup(store.backup_dir, "newest").path == second
    assert backups.find_backup(store.backup_dir, first.name).path == first
    with pytest.raises(StoreError, match="2 backups named"):
        backups.find_backup(store.backup_dir, "replydesk-")
    with pytest.raises(StoreError, match="no backup named “nope”"):
        backups.find_backup(store.backup_dir, "nope")


def test_restore_puts_the_data_back_and_keeps_what_was_there(
    store: TemplateStore, catalog: Catalog
) -> None:
    add(store, "Before")
    made = backups.make_backup(store.path, store.backup_dir, "manual")
    add(store, "After")
    assert [s.name for s in catalog.search()] == ["After", "Before"]
    safety = backups.restore(made, store.path, store.backup_dir)
    assert names(store) == ["Before"]  # the open store sees the restored data
    assert [s.name for s in catalog.search()] == ["Before"]  # and so does an open list
    assert safety is not None and "-restore" in safety.name
    # The restore itself can be undone: the data before it is in that backup.
    backups.restore(safety, store.path, store.backup_dir)
    assert names(store) == ["After", "Before"]
    assert integrity(store.path) == "ok"


def test_restoring_an_older_schema_upgrades_it(store: TemplateStore, tmp_path: Path) -> None:
    add(store, "Kept")
    old = tmp_path / "old.sqlite3"
    with closing(sqlite3.connect(old)) as connection:
        connection.executescript(migrations.MIGRATIONS[0])
        connection.execute(
            "INSERT INTO template (id, name, kind, language, body, created_at, updated_at)"
            " VALUES ('t1', 'From v1', 'greeting', 'en', 'Hi', '2025-01-01', '2025-01-01')"
        )
        connection.execute("PRAGMA user_version = 1")
        connection.commit()
    backups.restore(old, store.path, store.backup_dir)
    assert names(store) == ["From v1"]
    assert [row.name for row in store.list_templates(search="from")] == ["From v1"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"garbage" * 1000, "cannot be read"),
        (b"", "not a Replydesk backup"),
    ],
)
def test_a_bad_backup_is_refused_and_nothing_changes(
    store: TemplateStore, tmp_path: Path, content: bytes, message: str
) -> None:
    add(store, "Mine")
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(content)
    with pytest.raises(StoreError, match=message):
        backups.restore(bad, store.path, store.backup_dir)
    assert names(store) == ["Mine"]


def test_a_truncated_backup_is_refused(store: TemplateStore, tmp_path: Path) -> None:
    for number in range(300):
        add(store, f"Template {number}")
    made = backups.make_backup(store.path, store.backup_dir, "manual")
    truncated = tmp_path / "truncated.sqlite3"
    truncated.write_bytes(made.read_bytes()[: made.stat().st_size // 2])
    with pytest.raises(StoreError, match=r"damaged|cannot be read"):
        backups.check_backup(truncated)


def test_a_backup_from_a_newer_app_is_refused(store: TemplateStore, tmp_path: Path) -> None:
    made = backups.make_backup(store.path, store.backup_dir, "manual")
    with closing(sqlite3.connect(made)) as connection:
        connection.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError, match="newer Replydesk"):
        backups.check_backup(made)


def test_restoring_over_a_damaged_database_moves_it_aside(
    store: TemplateStore, tmp_path: Path
) -> None:
    add(store, "Good")
    made = backups.make_backup(store.path, store.backup_dir, "manual")
    path = store.path
    store.close()
    path.write_bytes(b"damaged" * 500)
    kept = backups.restore(made, path, store.backup_dir)
    assert kept is not None and kept.name.startswith("replydesk.sqlite3.damaged-")
    assert kept.read_bytes() == b"damaged" * 500
    with TemplateStore(path, store.backup_dir) as reopened:
        assert names(reopened) == ["Good"]


def test_move_aside_takes_the_wal_and_shm_along(tmp_path: Path) -> None:
    db = tmp_path / "replydesk.sqlite3"
    for suffix, content in (("", b"main"), ("-wal", b"wal"), ("-shm", b"shm")):
        (tmp_path / f"replydesk.sqlite3{suffix}").write_bytes(content)
    moved = backups.move_aside(db)
    assert not db.exists() and not (tmp_path / "replydesk.sqlite3-wal").exists()
    assert moved.read_bytes() == b"main"
    assert moved.with_name(moved.name + "-wal").read_bytes() == b"wal"
    again = tmp_path / "replydesk.sqlite3"
    again.write_bytes(b"second")
    assert backups.move_aside(again) != moved  # never overwrites an earlier one


def test_reason_texts() -> None:
    made = datetime(2026, 1, 2, 3, 4, 5)
    assert backups.Backup(Path("x"), made, "v2").reason_text == "before an upgrade (from schema 2)"
    assert backups.Backup(Path("x"), made, "import").reason_text == "before an import"


# -- progress and cancelling -----------------------------------------------------------------


def filled(store: TemplateStore, count: int = 40) -> None:
    """Enough templates for a copy of several steps (one page each, see `small_steps`)."""
    for number in range(count):
        data = TemplateData(name=f"T{number}", kind="note", language="en", body="x" * 3000)
        store.create_template(data)


@pytest.fixture
def small_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backups, "BACKUP_STEP_PAGES", 1)


def folder_files(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()} if folder.exists() else set()


def cancel_at(step: int, seen: list[tuple[int, int, str]]) -> Progress:
    """A Progress that the user cancels once `step` steps were reported."""

    def report(done: int, total: int, what: str) -> None:
        seen.append((done, total, what))
        if len(seen) == step:
            progress.cancel()

    progress = Progress(report)
    return progress


@pytest.mark.usefixtures("small_steps")
def test_a_backup_reports_its_pages_as_it_copies(store: TemplateStore) -> None:
    filled(store)
    seen: list[tuple[int, int, str]] = []
    made = backups.make_backup(
        store.path,
        store.backup_dir,
        "manual",
        progress=Progress(lambda done, total, what: seen.append((done, total, what))),
    )
    assert len(seen) > 3
    assert [done for done, _, _ in seen] == sorted(done for done, _, _ in seen)
    assert {total for _, total, _ in seen} == {seen[-1][1]} and seen[-1][1] > 3
    assert {what for _, _, what in seen} == {backups.BACKING_UP}
    assert integrity(made) == "ok"


@pytest.mark.usefixtures("small_steps")
@pytest.mark.parametrize("step", [1, 3])
def test_a_cancelled_backup_leaves_no_file(store: TemplateStore, step: int) -> None:
    filled(store)
    before = store.path.read_bytes()
    old = backups.make_backup(store.path, store.backup_dir, "manual")
    files = folder_files(store.backup_dir)
    seen: list[tuple[int, int, str]] = []
    with pytest.raises(Cancelled):
        backups.make_backup(store.path, store.backup_dir, "daily", progress=cancel_at(step, seen))
    assert len(seen) == step
    assert folder_files(store.backup_dir) == files  # no new backup, no partial copy
    assert old.exists() and store.path.read_bytes() == before


@pytest.mark.usefixtures("small_steps")
def test_a_backup_cancelled_after_its_last_page_is_not_kept(store: TemplateStore) -> None:
    filled(store)
    seen: list[tuple[int, int, str]] = []

    def report(done: int, total: int, what: str) -> None:
        seen.append((done, total, what))
        if done == total:
            progress.cancel()  # Cancel pressed as the copy finishes, before it is named

    progress = Progress(report)
    with pytest.raises(Cancelled):
        backups.make_backup(store.path, store.backup_dir, "manual", progress=progress)
    assert seen[-1][0] == seen[-1][1]
    assert folder_files(store.backup_dir) == set()


@pytest.mark.usefixtures("small_steps")
def test_a_restore_reads_the_backup_then_backs_up_the_current_database(
    store: TemplateStore,
) -> None:
    filled(store)
    made = backups.make_backup(store.path, store.backup_dir, "manual")
    add(store, "After")
    seen: list[tuple[int, int, str]] = []
    progress = Progress(lambda done, total, what: seen.append((done, total, what)))
    safety = backups.restore(made, store.path, store.backup_dir, progress)
    assert "After" not in names(store)
    assert safety is not None and "After" in _names_in(safety)
    phases = [what for _, _, what in seen]
    reading = phases.count(backups.READING_BACKUP)
    assert reading > 3 and phases[:reading] == [backups.READING_BACKUP] * reading
    assert set(phases[reading:]) == {backups.BACKING_UP_CURRENT}


def _names_in(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as connection:
        return {name for (name,) in connection.execute("SELECT name FROM template")}


@pytest.mark.usefixtures("small_steps")
@pytest.mark.parametrize("phase", ["reading", "backing up", "naming the safety copy"])
def test_a_cancelled_restore_changes_nothing(store: TemplateStore, phase: str) -> None:
    filled(store)
    made = backups.make_backup(store.path, store.backup_dir, "manual")
    add(store, "After")
    files = folder_files(store.backup_dir)
    seen: list[tuple[int, int, str]] = []

    def report(done: int, total: int, what: str) -> None:
        seen.append((done, total, what))
        backing_up = what == backups.BACKING_UP_CURRENT
        if (
            (phase == "reading" and len(seen) == 2)
            or (phase == "backing up" and backing_up)
            or (phase == "naming the safety copy" and backing_up and done == total)
        ):
            progress.cancel()

    progress = Progress(report)
    with pytest.raises(Cancelled):
        backups.restore(made, store.path, store.backup_dir, progress)
    assert folder_files(store.backup_dir) == files  # no safety copy, no staged file
    assert "After" in names(store)
    assert integrity(store.path) == "ok"


def test_a_restore_cancelled_once_the_safety_copy_is_made_deletes_it(
    store: TemplateStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(store, "Before")
    made = backups.make_backup(store.path, store.backup_dir, "manual")
    add(store, "After")
    files = folder_files(store.backup_dir)
    progress = Progress()
    backup_file = backups._backup_file

    def then_cancel(*args: Any, **kwargs: Any) -> Path:
        copy = backup_file(*args, **kwargs)
        assert copy.exists()
        progress.cancel()  # pressed from the GUI thread while the copy was being named
        return copy

    monkeypatch.setattr(backups, "_backup_file", then_cancel)
    with pytest.raises(Cancelled):
        backups.restore(made, store.path, store.backup_dir, progress)
    assert folder_files(store.backup_dir) == files
    assert names(store) == ["After", "Before"]


def test_a_restore_whose_safety_copy_fails_stops_and_keeps_the_database(
    store: TemplateStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(store, "Before")
    made = backups.make_backup(store.path, store.backup_dir, "manual")
    add(store, "After")
    files = folder_files(store.backup_dir)

    def disk_full(*_args: object, **_kwargs: object) -> Path:
        raise StoreError("cannot back up replydesk.sqlite3: database or disk is full")

    monkeypatch.setattr(backups, "backup_connection", disk_full)
    with pytest.raises(StoreError, match="disk is full"):
        backups.restore(made, store.path, store.backup_dir)
    assert names(store) == ["After", "Before"]  # not restored over, not moved aside
    assert folder_files(store.backup_dir) == files
    assert not list(store.path.parent.glob("*.damaged-*"))
