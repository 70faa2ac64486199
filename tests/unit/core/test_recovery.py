"""Recovery never destroys: what is at the database path is recognised before anything
writes to it, failed starts never rotate good backups away, a -wal from another database is
kept aside, damaged rows and stray files in backups/ are read or skipped with one message."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from replydesk.core import backups, logs, migrations, paths
from replydesk.core.catalog import Catalog, open_current
from replydesk.core.errors import DamagedDatabaseError, StoreError
from replydesk.core.migrations import NotReplydeskError
from replydesk.core.models import TemplateData
from replydesk.core.store import SEARCH_INDEX_REBUILT, SearchIndexError, TemplateStore


def add(store: TemplateStore, name: str, body: str = "Hi {{ client_name }}") -> str:
    return store.create_template(
        TemplateData(name=name, kind="greeting", language="en", body=body)
    ).id


def names(store: TemplateStore) -> list[str]:
    return sorted(row.name for row in store.list_templates())


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sql(path: Path, *statements: str) -> None:
    with closing(sqlite3.connect(path)) as connection, connection:
        for statement in statements:
            connection.execute(statement)


def usable_backups(folder: Path) -> list[backups.Backup]:
    return [backup for backup in backups.list_backups(folder) if backup.usable]


# -- a failed upgrade at start -------------------------------------------------------------


def test_failed_upgrades_never_rotate_good_backups_away(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "replydesk.sqlite3"
    folder = tmp_path / "backups"
    with TemplateStore(path, folder) as store:
        add(store, "Kept")
        good = [backups.make_backup(path, folder, "manual") for _ in range(backups.KEEP_BACKUPS)]
    broken = "INSERT INTO no_such_table VALUES (1);"
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(migrations.MIGRATIONS))
    for _ in range(12):
        with pytest.raises(StoreError, match=r"cannot upgrade .* from schema 4") as error:
            TemplateStore(path, folder)
        assert "Traceback" not in str(error.value)
    assert {b.path for b in backups.list_backups(folder)} == set(good)
    failed = sorted(folder.glob(f"*{backups.FAILED_UPGRADE_SUFFIX}"))
    assert len(failed) == 1  # one copy of the file that would not upgrade, not twelve
    assert migrations.check_file(failed[0]) == 4
    assert migrations.check_file(path) == 4  # left as it was


# -- a file that is not ours at the database path -------------------------------------------


def other_app_database(path: Path, user_version: int, application_id: int = 0) -> None:
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        connection.execute("INSERT INTO notes (text) VALUES ('not a template')")
        connection.execute(f"PRAGMA user_version = {user_version}")
        if application_id:
            connection.execute(f"PRAGMA application_id = {application_id}")


@pytest.mark.parametrize(
    ("user_version", "application_id"),
    [(0, 0), (1, 0), (2, 0), (3, 0), (4, 0), (69, 0), (0, 0x4D504B47), (4, 0x12345678)],
)
def test_another_apps_database_is_refused_untouched(
    tmp_path: Path, user_version: int, application_id: int
) -> None:
    path = tmp_path / "replydesk.sqlite3"
    other_app_database(path, user_version, application_id)
    before = digest(path)
    for check in (True, False):
        with pytest.raises(NotReplydeskError) as error:
            TemplateStore(path, tmp_path / "backups", check=check)
        assert "newer Replydesk" not in str(error.value)
        assert "not a Replydesk" in str(error.value)
    assert digest(path) == before  # not switched to WAL, not upgraded: not written at all
    assert not path.with_name(path.name + "-wal").exists()
    assert not (tmp_path / "backups").exists() or not list((tmp_path / "backups").iterdir())
    assert open_current(path) is None


def test_a_replydesk_look_alike_with_our_tables_but_another_app_id_is_refused(
    tmp_path: Path,
) -> None:
    path = tmp_path / "replydesk.sqlite3"
    TemplateStore(path).close()
    sql(path, "PRAGMA application_id = 7")
    with pytest.raises(NotReplydeskError):
        TemplateStore(path)


def test_only_our_own_newer_database_is_called_newer(tmp_path: Path) -> None:
    path = tmp_path / "replydesk.sqlite3"
    TemplateStore(path).close()
    sql(path, "PRAGMA user_version = 69")
    with pytest.raises(StoreError, match="made by a newer Replydesk") as error:
        TemplateStore(path)
    assert not isinstance(error.value, NotReplydeskError)


def test_an_old_database_without_application_id_still_opens(tmp_path: Path) -> None:
    path = tmp_path / "replydesk.sqlite3"
    with closing(sqlite3.connect(path)) as connection:
        for step in range(3):
            connection.executescript(migrations.MIGRATIONS[step])
        connection.execute("PRAGMA user_version = 3")
    with TemplateStore(path, tmp_path / "backups") as store:
        add(store, "After the upgrade")
        assert names(store) == ["After the upgrade"]
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA application_id").fetchone()[0] == (
            migrations.APPLICATION_ID
        )


def test_restoring_over_another_apps_file_keeps_it_aside_out_of_the_rotation(
    tmp_path: Path,
) -> None:
    path = tmp_path / "replydesk.sqlite3"
    folder = tmp_path / "backups"
    with TemplateStore(path, folder) as store:
        add(store, "Mine")
    good = backups.make_backup(path, folder, "manual")
    path.unlink()
    other_app_database(path, 2)
    before = digest(path)
    kept = backups.restore(good, path, folder)
    assert kept is not None and ".not-replydesk-" in kept.name and kept.parent == tmp_path
    assert digest(kept) == before
    assert [b.path for b in backups.list_backups(folder)] == [good]
    with TemplateStore(path, folder) as store:
        assert names(store) == ["Mine"]


# -- a -wal from another database ------------------------------------------------------------


def wal_of_another_database(tmp_path: Path, name: str) -> Path:
    """The -wal a Replydesk database left (killed before it folded the -wal back)."""
    other = tmp_path / "other" / "replydesk.sqlite3"
    with TemplateStore(other) as store:
        add(store, "Setup")
    store = TemplateStore(other)
    holder = sqlite3.connect(other)  # keeps the -wal from being folded back on close
    holder.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    add(store, name, body="Their text")
    wal = tmp_path / "other.sqlite3-wal"
    shutil.copyfile(other.with_name(other.name + "-wal"), wal)
    holder.close()
    store.close()
    return wal


def test_a_wal_from_another_database_is_kept_aside_and_the_original_opens(
    tmp_path: Path,
) -> None:
    path = tmp_path / "mine" / "replydesk.sqlite3"
    with TemplateStore(path) as store:
        add(store, "Setup")
        add(store, "Original")
    original = digest(path)
    foreign = wal_of_another_database(tmp_path, "Theirs")
    shutil.copyfile(foreign, path.with_name(path.name + "-wal"))
    assert open_current(path) is None  # the list waits for the store's check
    with TemplateStore(path) as store:
        assert names(store) == ["Original", "Setup"]
        assert any("belonged to another database" in notice for notice in store.notices)
    kept = next(path.parent.glob("replydesk.sqlite3.wal-mismatch-*[0-9]"))
    assert digest(kept) == original
    assert digest(kept.with_name(kept.name + "-wal")) == digest(foreign)  # the pair, as it was


def test_our_own_wal_left_by_a_killed_process_is_applied(tmp_path: Path) -> None:
    path = tmp_path / "live" / "replydesk.sqlite3"
    with TemplateStore(path) as store:
        add(store, "Setup")
    store = TemplateStore(path)
    holder = sqlite3.connect(path)
    holder.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    add(store, "Written before the kill")
    # What a SIGKILL leaves: the file and its -wal, nobody holding them.
    left = tmp_path / "left" / "replydesk.sqlite3"
    left.parent.mkdir()
    shutil.copyfile(path, left)
    shutil.copyfile(path.with_name(path.name + "-wal"), left.with_name(left.name + "-wal"))
    holder.close()
    store.close()
    with TemplateStore(left) as reopened:
        assert names(reopened) == ["Setup", "Written before the kill"]
        assert reopened.notices == []
    assert not list(left.parent.glob("*wal-mismatch*"))


def test_a_wal_in_use_by_this_process_is_not_touched(store: TemplateStore) -> None:
    add(store, "Open here")
    with TemplateStore(store.path, store.backup_dir) as second:
        assert "Open here" in names(second)
        assert second.notices == []
    add(store, "Still writable")
    assert "Still writable" in names(store)


# -- damaged rows, a missing counter, a damaged search index ----------------------------------


def test_malformed_rows_are_read_with_what_is_readable(store: TemplateStore) -> None:
    good = add(store, "Good")
    bad = add(store, "Bad fields")
    worse = add(store, "Bad times")
    sql(
        store.path,
        f"UPDATE template SET fields_json = 'not json {{', tags_json = '[[[' WHERE id = '{bad}'",
        f"UPDATE template SET created_at = '2026-13-45 99:99', updated_at = 'yesterday',"
        f" last_used_at = 12, deleted_at = NULL WHERE id = '{worse}'",
        "UPDATE orders SET deadline = 'someday'",
    )
    assert store.get_template(bad).fields == []
    assert store.get_template(bad).tags == []
    row = store.get_template(worse)
    assert row.created_at == datetime(1970, 1, 1) and row.last_used_at is None
    assert sorted(store.unreadable_templates()) == ["Bad fields", "Bad times"]
    assert {r.id for r in store.list_templates()} >= {good, bad, worse}
    store.update_template(worse, body="Saved again")
    assert store.get_template(worse).body == "Saved again"
    catalog = Catalog(store.path)
    try:
        assert {s.name for s in catalog.search("bad")} == {"Bad fields", "Bad times"}
    finally:
        catalog.close()


def test_a_missing_change_counter_reads_as_zero_and_is_put_back(store: TemplateStore) -> None:
    add(store, "One")
    sql(store.path, "DELETE FROM template_changes")
    assert store.template_changes() == 0
    catalog = Catalog(store.path)
    try:
        add(store, "Two")
        assert [s.name for s in catalog.search("two")] == ["Two"]  # still reloads
    finally:
        catalog.close()
    with TemplateStore(store.path, store.backup_dir) as reopened:
        before = reopened.template_changes()
        add(reopened, "Three")
        assert reopened.template_changes() > before


def damage_search_index(path: Path) -> None:
    # The index loses a row the templates still have: searches miss it, checks fail.
    with closing(sqlite3.connect(path)) as connection, connection:
        rowid, name, tags, body = connection.execute(
            "SELECT rowid, name, tags_json, body FROM template WHERE name = 'Findable'"
        ).fetchone()
        connection.execute(
            "INSERT INTO template_fts (template_fts, rowid, name, tags_json, body)"
            " VALUES ('delete', ?, ?, ?, ?)",
            (rowid, name, tags, body),
        )


def test_the_start_up_check_rebuilds_a_damaged_search_index(tmp_path: Path) -> None:
    path = tmp_path / "replydesk.sqlite3"
    with TemplateStore(path) as store:
        add(store, "Findable")
    damage_search_index(path)
    with TemplateStore(path, check=True) as store:
        assert store.notices == [SEARCH_INDEX_REBUILT]
    damage_search_index(path)
    with TemplateStore(path, check=False) as store:  # the window's, after the list opened
        assert store.notices == []
        assert store.check_search_index() is True
        assert store.notices == [SEARCH_INDEX_REBUILT]
        assert store.check_search_index() is False
    catalog = open_current(path)
    assert catalog is not None
    try:
        assert [s.name for s in catalog.search("findable")] == ["Findable"]
    finally:
        catalog.close()


def test_a_command_meeting_a_damaged_index_can_rebuild_it(tmp_path: Path) -> None:
    path = tmp_path / "replydesk.sqlite3"
    with TemplateStore(path) as store:
        add(store, "Findable")
    damage_search_index(path)
    with TemplateStore(path, check=False) as store:
        with pytest.raises(SearchIndexError):
            store.update_template(store.find_template("Findable").id, name="Renamed")
        store.rebuild_search_index()
        store.update_template(store.find_template("Findable").id, name="Renamed")
        assert [row.name for row in store.list_templates(search="renamed")] == ["Renamed"]


def test_garbage_at_the_path_is_damaged_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "replydesk.sqlite3"
    path.write_bytes(b"not a database at all\n" * 100)
    with pytest.raises(DamagedDatabaseError):
        TemplateStore(path)
    assert path.read_bytes() == b"not a database at all\n" * 100


def test_a_fifo_at_the_path_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "replydesk.sqlite3"
    os.mkfifo(path)
    # In a process of its own: a regression would block on the FIFO, not hang the suite.
    script = (
        "import sys\n"
        "from replydesk.core.catalog import open_current\n"
        "from replydesk.core.errors import DamagedDatabaseError\n"
        "from replydesk.core.store import TemplateStore\n"
        "assert open_current(sys.argv[1]) is None\n"
        "try:\n    TemplateStore(sys.argv[1])\n"
        "except DamagedDatabaseError as error:\n    print(error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        timeout=60,  # a safety net, not a speed check
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "is not a regular file" in result.stdout
    moved = backups.move_aside(path)
    assert not path.exists() and moved.exists()


# -- the backup folder -------------------------------------------------------------------------


def stray_files(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    strays = [
        folder / "replydesk-20261399-999999-daily.sqlite3",  # an impossible date
        folder / "replydesk-20260101-000000-manual.sqlite3",  # empty
        folder / "replydesk-20260102-000000-manual.sqlite3",  # not SQLite
        folder / "replydesk-29991231-235959-daily.sqlite3",  # far in the future, garbage
    ]
    strays[0].write_bytes(b"")
    strays[1].write_bytes(b"")
    strays[2].write_text("hello")
    strays[3].write_text("from the future")
    directory = folder / "replydesk-20260103-000000-manual.sqlite3"
    directory.mkdir()
    return [*strays, directory]


def test_stray_files_in_backups_are_never_counted_nor_deleted(store: TemplateStore) -> None:
    folder = store.backup_dir
    strays = stray_files(folder)
    made = backups.daily_backup(store.path, folder)
    assert made is not None  # a garbage "backup" dated in the future does not stop it
    for _ in range(backups.KEEP_BACKUPS + 2):
        backups.make_backup(store.path, folder, "manual")
    assert len(usable_backups(folder)) == backups.KEEP_BACKUPS
    assert all(stray.exists() for stray in strays)
    listed = backups.list_backups(folder)
    unreadable = [b for b in listed if not b.usable]
    assert {b.name for b in unreadable} == {strays[1].name, strays[2].name, strays[3].name}
    assert all(b.template_count() is None for b in unreadable)
    assert backups.find_backup(folder, "newest").usable or True  # no exception


def test_leftovers_of_killed_copies_are_cleaned_when_provably_stale(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_pid = int(dead.stdout)
    hexes = [uuid.uuid4().hex for _ in range(6)]
    of_dead = [
        folder / f".replydesk-{dead_pid}-{hexes[0]}.partial",
        folder / f".replydesk-{dead_pid}-{hexes[0]}.partial-journal",
        folder / f".restore-{dead_pid}-{hexes[1]}.sqlite3",
        folder / f".restore-{dead_pid}-{hexes[1]}.sqlite3-journal",
    ]
    old_style = folder / f".replydesk-{hexes[2]}.partial-journal"
    of_live = folder / f".replydesk-{os.getpid()}-{hexes[3]}.partial"
    young_unknown = folder / f".restore-{hexes[4]}.sqlite3"
    unrelated = folder / "notes.txt"
    for path in [*of_dead, old_style, of_live, young_unknown, unrelated]:
        path.write_bytes(b"x")
    long_ago = (datetime.now() - timedelta(hours=2)).timestamp()
    os.utime(old_style, (long_ago, long_ago))
    removed = backups.prune(folder)
    assert sorted(removed) == sorted([*of_dead, old_style])
    assert of_live.exists() and young_unknown.exists() and unrelated.exists()


# -- a data folder whose name is not UTF-8 -----------------------------------------------------


@pytest.fixture
def odd_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = Path(os.fsdecode(os.fsencode(tmp_path) + b"/data-\xff\xfe"))
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(folder))
    return folder


def test_a_data_folder_that_is_not_utf8_backs_up_and_restores(
    odd_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log_file = logs.setup()
    try:
        with TemplateStore.open_default() as store:
            add(store, "Before")
            made = backups.make_backup(store.path, store.backup_dir, "manual")
            add(store, "After")
        assert backups.list_backups(paths.backup_dir())[0].template_count() == 1
        backups.restore(made, paths.database_path(), paths.backup_dir())
        with TemplateStore.open_default() as store:
            assert names(store) == ["Before"]
    finally:
        logs.setup()  # closes the file handler
    assert "Logging error" not in capsys.readouterr().err
    assert log_file is not None
    text = log_file.read_text(encoding="utf-8")
    assert "backed up the database to" in text and "\\udcff" in text
