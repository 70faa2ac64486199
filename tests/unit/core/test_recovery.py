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
from collections.abc import Callable
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from replydesk.core import backups, logs, migrations, paths, schema
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
    released = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, broken])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", len(schema.MIGRATIONS))
    for _ in range(12):
        refused = rf"cannot upgrade .* from schema {released}\b"
        with pytest.raises(StoreError, match=refused) as error:
            TemplateStore(path, folder)
        assert "Traceback" not in str(error.value)
    assert {b.path for b in backups.list_backups(folder)} == set(good)
    failed = sorted(folder.glob(f"*{backups.FAILED_UPGRADE_SUFFIX}"))
    assert len(failed) == 1  # one copy of the file that would not upgrade, not twelve
    assert migrations.check_file(failed[0]) == released
    assert migrations.check_file(path) == released  # left as it was


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


# -- the backup folder and the data folder: a file, a link, a folder that cannot be written --


def test_a_file_named_backups_stops_only_the_backups(data_dir: Path) -> None:
    with TemplateStore.open_default() as store:
        add(store, "Kept")
    shutil.rmtree(data_dir / "backups", ignore_errors=True)
    (data_dir / "backups").write_text("not a folder")
    with TemplateStore.open_default() as store:  # every command that needs no backup works
        assert names(store) == ["Kept"]
        with pytest.raises(StoreError) as error:
            backups.daily_backup(store.path, store.backup_dir)
    said = str(error.value)
    assert said.endswith(f"{data_dir / 'backups'} is a file, not a folder: move it away"), said
    with pytest.raises(StoreError, match="backups is a file, not a folder: move it away"):
        paths.backup_dir()
    assert backups.list_backups(paths.backup_dir(create=False)) == []
    assert (data_dir / "backups").read_text() == "not a folder"


def test_an_upgrade_needing_a_copy_into_a_file_named_backups_leaves_the_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "replydesk.sqlite3"
    with closing(sqlite3.connect(path)) as connection:
        for step in range(3):
            connection.executescript(migrations.MIGRATIONS[step])
        connection.execute("PRAGMA user_version = 3")
    (tmp_path / "backups").write_text("x")
    with pytest.raises(StoreError, match=r"from schema 3: the copy made first failed") as error:
        TemplateStore(path, tmp_path / "backups")
    assert "is a file, not a folder" in str(error.value)
    assert migrations.check_file(path) == 3


def test_a_broken_link_as_backups_is_named(data_dir: Path, tmp_path: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "backups").symlink_to(tmp_path / "gone")
    with pytest.raises(StoreError, match="is a link to a folder that does not exist"):
        paths.backup_dir()
    with TemplateStore.open_default() as store:
        add(store, "Kept")
        with pytest.raises(StoreError, match="is a link to a folder that does not exist"):
            backups.make_backup(store.path, store.backup_dir, "manual")


def test_backups_as_a_link_to_another_folder_go_there(data_dir: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "synced" / "backups"
    elsewhere.mkdir(parents=True)
    data_dir.mkdir(parents=True)
    (data_dir / "backups").symlink_to(elsewhere)
    with TemplateStore.open_default() as store:
        add(store, "Kept")
        made = backups.make_backup(store.path, paths.backup_dir(), "manual")
    assert made.resolve().parent == elsewhere.resolve()
    assert [b.name for b in backups.list_backups(paths.backup_dir())] == [made.name]


def test_a_data_folder_that_is_a_file_is_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "data"
    blocked.write_text("x")
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(blocked))
    for call in (paths.data_dir, paths.database_path, paths.backup_dir, TemplateStore.open_default):
        with pytest.raises(StoreError) as error:
            call()
        assert str(error.value) == f"{blocked} is a file, not a folder: move it away"
    assert logs.setup() is None  # the log does without its folder (FolderError is an OSError)
    with pytest.raises(StoreError, match=r"data is a file, not a folder"):
        paths.ensure_folder(blocked / "backups")


def unwritable(folder: Path) -> Callable[[], None]:
    """Make `folder` refuse new files, for real (chmod; as root, chattr +i); the undo."""
    folder.chmod(0o555)
    if not os.access(folder, os.W_OK):
        return lambda: folder.chmod(0o755)
    folder.chmod(0o755)
    if shutil.which("chattr") and subprocess.run(["chattr", "+i", str(folder)]).returncode == 0:

        def undo() -> None:
            subprocess.run(["chattr", "-i", str(folder)], check=True)

        return undo
    pytest.skip("cannot make a folder unwritable here")


def test_a_backup_folder_that_cannot_be_written_is_named(store: TemplateStore) -> None:
    add(store, "Kept")
    folder = paths.backup_dir()
    undo = unwritable(folder)
    try:
        with pytest.raises(StoreError) as error:
            backups.make_backup(store.path, folder, "manual")
        assert str(error.value).startswith(f"cannot write in the backup folder {folder}: ")
        assert names(store) == ["Kept"]
    finally:
        undo()
    assert list(folder.iterdir()) == []


# -- a hot rollback journal beside the database ----------------------------------------------

_CUT_SHORT = """
import os, sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA journal_mode=DELETE")
connection.execute("PRAGMA cache_size=1")  # pages spill into the file before the commit
connection.execute("BEGIN")
for statement in sys.argv[2:]:
    connection.execute(statement)
connection.execute("CREATE TABLE spill (x)")
connection.executemany("INSERT INTO spill VALUES (?)", [("y" * 500,)] * 3000)
os._exit(0)  # killed mid-transaction: the -journal is hot
"""


def cut_short(path: Path, *statements: str) -> Path:
    """Leave a real hot -journal beside `path`: a process killed in the middle of a
    transaction that ran `statements`. The journal's path."""
    subprocess.run([sys.executable, "-c", _CUT_SHORT, str(path), *statements], check=True)
    journal = path.with_name(path.name + "-journal")
    assert journal.stat().st_size > 0
    assert backups.journal_is_hot(path)
    return journal


def test_our_own_hot_journal_is_rolled_back(tmp_path: Path) -> None:
    path = tmp_path / "replydesk.sqlite3"
    with TemplateStore(path, tmp_path / "backups") as store:
        add(store, "Kept")
    cut_short(path, "DELETE FROM template")
    assert migrations.check_file(path) == migrations.SCHEMA_VERSION
    with TemplateStore(path, tmp_path / "backups") as store:
        assert names(store) == ["Kept"]
        assert store.notices == []
    assert not path.with_name(path.name + "-journal").exists()
    assert list(tmp_path.glob("*mismatch*")) == []


def test_a_hot_journal_is_rolled_back_for_a_manual_backup_too(tmp_path: Path) -> None:
    path = tmp_path / "replydesk.sqlite3"
    with TemplateStore(path) as store:
        add(store, "Kept")
    cut_short(path, "DELETE FROM template")
    migrations.check_file(path)  # what `replydesk backup create` calls first
    made = backups.make_backup(path, tmp_path / "backups", "manual")
    assert backups.Backup(made, datetime.now(), "manual").template_count() == 1


def test_another_databases_hot_journal_is_kept_aside(tmp_path: Path) -> None:
    path = tmp_path / "replydesk.sqlite3"
    with TemplateStore(path) as store:
        add(store, "Ours")
    other = tmp_path / "other" / "replydesk.sqlite3"
    with TemplateStore(other) as store:
        add(store, "Theirs")
    journal = cut_short(other, "DELETE FROM template")
    shutil.copyfile(journal, path.with_name(path.name + "-journal"))
    foreign = digest(journal)
    with TemplateStore(path) as store:
        assert names(store) == ["Ours"]
        assert any("-journal" in notice and "kept aside" in notice for notice in store.notices)
    assert not path.with_name(path.name + "-journal").exists()
    (kept,) = tmp_path.glob("replydesk.sqlite3.journal-mismatch-*-journal")
    assert digest(kept) == foreign


def test_another_apps_database_with_its_hot_journal_is_moved_aside_with_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "replydesk.sqlite3"
    other_app_database(path, 0)
    journal = cut_short(path, "DELETE FROM notes")
    before = (digest(path), digest(journal))
    with pytest.raises(NotReplydeskError) as error:
        TemplateStore(path)
    assert (digest(path), digest(journal)) == before  # not rolled back into: not ours
    moved = backups.move_aside(error.value.path, "not-replydesk")
    assert not journal.exists() and not path.exists()
    assert digest(moved.with_name(moved.name + "-journal")) == before[1]
    with TemplateStore(path) as store:  # a fresh one, with no journal rolled into it
        assert names(store) == []


def test_a_journal_without_its_database_is_kept_aside(tmp_path: Path) -> None:
    path = tmp_path / "replydesk.sqlite3"
    path.with_name(path.name + "-journal").write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" * 64)
    with TemplateStore(path) as store:
        assert names(store) == []
        assert any("-journal" in notice for notice in store.notices)
    (kept,) = tmp_path.glob("replydesk.sqlite3.journal-orphan-*-journal")
    assert kept.stat().st_size == 512


# -- a link at the database path --------------------------------------------------------------


def test_a_linked_database_keeps_its_side_files_and_backups_where_they_belong(
    tmp_path: Path,
) -> None:
    """A link at the database path (into a synced folder, say) is followed: the -wal and
    -shm are beside the file it points to, the backups in the data folder, and recovery and
    restore keep the link."""
    synced = tmp_path / "synced" / "replydesk.sqlite3"
    synced.parent.mkdir()
    data = tmp_path / "data"
    data.mkdir()
    link = data / "replydesk.sqlite3"
    link.symlink_to(synced)
    with TemplateStore(link, data / "backups") as store:
        add(store, "Synced")
        assert store.path == synced.resolve()
        assert synced.with_name(synced.name + "-wal").exists()
        made = backups.make_backup(link, data / "backups", "manual")
    assert made.parent == data / "backups"
    # A -wal from another database beside the real file is found through the link.
    wal = wal_of_another_database(tmp_path, "Foreign")
    shutil.copyfile(wal, synced.with_name(synced.name + "-wal"))
    assert backups.check_wal(link) is not None
    with TemplateStore(link) as store:
        assert names(store) == ["Synced"]
        add(store, "Later")
    kept = backups.restore(made, link, data / "backups")
    assert link.is_symlink() and kept is not None and kept.parent == data / "backups"
    with TemplateStore(link) as store:
        assert names(store) == ["Synced"]
    moved = backups.move_aside(link)
    assert link.is_symlink() and moved.parent == synced.parent


def test_a_link_into_a_missing_folder_is_refused_without_making_it(tmp_path: Path) -> None:
    link = tmp_path / "data" / "replydesk.sqlite3"
    link.parent.mkdir()
    link.symlink_to(tmp_path / "unmounted" / "replydesk.sqlite3")
    with pytest.raises(StoreError, match=r"whose folder is missing: is it mounted\?"):
        TemplateStore(link)
    assert not (tmp_path / "unmounted").exists()
    (tmp_path / "unmounted").mkdir()  # a link set up before the first start is fine
    with TemplateStore(link) as store:
        add(store, "First")
    assert (
        migrations.check_file(tmp_path / "unmounted" / "replydesk.sqlite3") == schema.SCHEMA_VERSION
    )
