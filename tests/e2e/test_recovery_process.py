"""The recovery paths through the real `python -m replydesk` process: another app's file, a
-wal from another database, damaged rows, stray files in backups/, a killed backup, a full
disk at the daily backup and a data folder whose name is not UTF-8. Never a traceback."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from contextlib import closing
from pathlib import Path

import pytest
from test_cli_process import replydesk

import replydesk as package
from replydesk.core import library, paths
from replydesk.core.models import TemplateData
from replydesk.core.store import TemplateStore

LIBRARY_SIZE = len(library.KINDS) * len(library.LANGUAGES)

SOURCE = str(Path(package.__file__).resolve().parent.parent)


def clean(result: subprocess.CompletedProcess[str]) -> str:
    """stderr, asserting it is messages, not a traceback nor a logging failure."""
    for bad in ("Traceback", "Logging error", "NoneType"):
        assert bad not in result.stderr, result.stderr
    return result.stderr


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def database(data: Path) -> Path:
    return data / paths.DATABASE_NAME


def test_another_apps_database_is_refused_and_left_untouched(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    with closing(sqlite3.connect(database(data_dir))) as connection, connection:
        connection.execute("CREATE TABLE template (x)")  # a name like ours, to be sure
        connection.execute("INSERT INTO template VALUES ('theirs')")
        connection.execute("PRAGMA user_version = 69")
    before = digest(database(data_dir))
    for command in (["list"], ["backup", "create"]):
        result = replydesk(data_dir, *command)
        assert result.returncode == 1
        said = clean(result)
        assert "not a Replydesk one" in said and "newer" not in said
    assert digest(database(data_dir)) == before
    assert not (data_dir / "replydesk.sqlite3-wal").exists()


def test_a_wal_from_another_database_never_shows_its_templates(
    data_dir: Path, tmp_path: Path
) -> None:
    assert replydesk(data_dir, "list").returncode == 0
    other = tmp_path / "other" / paths.DATABASE_NAME
    TemplateStore(other).close()
    store = TemplateStore(other)
    holder = sqlite3.connect(other)
    holder.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.create_template(
        TemplateData(name="Their secret template", kind="k", language="en", body="x")
    )
    shutil.copyfile(other.with_name(other.name + "-wal"), data_dir / "replydesk.sqlite3-wal")
    holder.close()
    store.close()
    original = digest(database(data_dir))
    result = replydesk(data_dir, "list", "--json")
    clean(result)
    assert result.returncode == 0
    listed = [row["name"] for row in json.loads(result.stdout)]
    assert "Their secret template" not in listed and len(listed) == LIBRARY_SIZE
    kept = next(data_dir.glob("replydesk.sqlite3.wal-mismatch-*[0-9]"))
    assert digest(kept) == original
    assert kept.with_name(kept.name + "-wal").is_file()


def test_malformed_rows_and_a_missing_counter_give_no_traceback(
    data_dir: Path, tmp_path: Path
) -> None:
    assert replydesk(data_dir, "list").returncode == 0
    with closing(sqlite3.connect(database(data_dir))) as connection, connection:
        connection.execute(
            "UPDATE template SET fields_json = '{broken', created_at = 'not a time',"
            " last_used_at = '2026-99-99' WHERE kind = 'delivery'"
        )
        connection.execute("DELETE FROM template_changes")
    bundle = str(tmp_path / "bundle.json")
    for command in (["list"], ["list", "--json"], ["show", "delivery"], ["export", "-o", bundle]):
        result = replydesk(data_dir, *command)
        clean(result)
    shown = replydesk(data_dir, "list", "--kind", "delivery", "--json")
    assert shown.returncode == 0, shown.stderr
    assert len(json.loads(shown.stdout)) > 0


def test_a_damaged_search_index_is_rebuilt_by_the_command_that_meets_it(data_dir: Path) -> None:
    assert replydesk(data_dir, "list").returncode == 0
    with closing(sqlite3.connect(database(data_dir))) as connection, connection:
        connection.execute("UPDATE template_fts_data SET block = X'0000000000' WHERE id > 10")
    first = replydesk(data_dir, "list", "--search", "refund")
    assert first.returncode == 1
    said = clean(first)
    assert "search index" in said and "has been rebuilt" in said
    assert len(said.strip().splitlines()) == 1, said  # one sentence
    again = replydesk(data_dir, "list", "--search", "refund", "--json")
    assert again.returncode == 0, clean(again)
    assert len(json.loads(again.stdout)) > 0


def test_stray_files_in_backups_break_no_command(data_dir: Path, tmp_path: Path) -> None:
    assert replydesk(data_dir, "list").returncode == 0
    folder = data_dir / "backups"
    (folder / "replydesk-20261399-999999-daily.sqlite3").write_bytes(b"")
    (folder / "replydesk-20260101-000000-manual.sqlite3").write_bytes(b"")
    (folder / "replydesk-20260102-000000-manual.sqlite3").write_text("not sqlite")
    (folder / "replydesk-20260103-000000-manual.sqlite3").mkdir()
    for command in (["backup", "list"], ["backup", "list", "--json"], ["backup", "create"]):
        result = replydesk(data_dir, *command)
        assert result.returncode == 0, clean(result)
    bundle = tmp_path / "bundle.json"
    assert replydesk(data_dir, "export", "-o", str(bundle)).returncode == 0
    assert replydesk(data_dir, "edit", "Away notice", "--name", "Renamed").returncode == 0
    result = replydesk(data_dir, "import", "--on-conflict", "theirs", str(bundle))
    assert result.returncode == 0, clean(result)
    result = replydesk(data_dir, "backup", "restore", "newest")
    assert result.returncode == 0, clean(result)


def env_for(data: Path | bytes) -> dict[str, str]:
    env = {
        **os.environ,
        paths.DATA_DIR_ENV: os.fsdecode(data),
        "PYTHONIOENCODING": "utf-8",
        "PYTHONPATH": os.pathsep.join(p for p in (SOURCE, os.environ.get("PYTHONPATH")) if p),
    }
    env.pop("DISPLAY", None)
    return env


def test_a_killed_backup_leaves_nothing_that_pruning_keeps(data_dir: Path) -> None:
    """SIGKILL while `backup create` copies: the next backup's prune deletes the leftovers
    (their process is gone), whatever their age."""
    assert replydesk(data_dir, "list").returncode == 0
    with TemplateStore(database(data_dir)) as store:  # a database that takes a while to copy
        for number in range(3000):
            store.create_template(
                TemplateData(name=f"Filler {number}", kind="k", language="en", body="x" * 2000)
            )
    folder = data_dir / "backups"
    killed = 0
    for _ in range(20):
        process = subprocess.Popen(
            [sys.executable, "-m", "replydesk", "backup", "create"],
            env=env_for(data_dir),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60  # a safety net, not a speed check
        while time.monotonic() < deadline and process.poll() is None:
            if list(folder.glob(".replydesk-*.partial*")):
                break
            time.sleep(0.005)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        if list(folder.glob(".replydesk-*.partial*")):
            killed += 1
            break
    if not killed:
        pytest.skip("every backup finished before it could be killed")
    result = replydesk(data_dir, "backup", "create")
    assert result.returncode == 0, clean(result)
    assert not list(folder.glob(".replydesk-*")), sorted(p.name for p in folder.iterdir())


def test_a_killed_restore_leaves_a_whole_database_and_no_leftovers(data_dir: Path) -> None:
    """SIGKILL while `backup restore` stages its copy: the database is the old one or the
    restored one, whole; the next backup's prune deletes what the killed restore left."""
    assert replydesk(data_dir, "list").returncode == 0
    with TemplateStore(database(data_dir)) as store:
        for number in range(3000):
            store.create_template(
                TemplateData(name=f"Filler {number}", kind="k", language="en", body="x" * 2000)
            )
    assert replydesk(data_dir, "backup", "create").returncode == 0
    folder = data_dir / "backups"
    killed = False
    for _ in range(20):
        process = subprocess.Popen(
            [sys.executable, "-m", "replydesk", "backup", "restore", "newest"],
            env=env_for(data_dir),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60  # a safety net, not a speed check
        while time.monotonic() < deadline and process.poll() is None:
            if list(folder.glob(".restore-*")):
                break
            time.sleep(0.002)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        if list(folder.glob(".restore-*")):
            killed = True
            break
    if not killed:
        pytest.skip("every restore finished before it could be killed")
    with closing(sqlite3.connect(database(data_dir))) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    result = replydesk(data_dir, "backup", "create")
    assert result.returncode == 0, clean(result)
    assert not list(folder.glob(".restore-*")), sorted(p.name for p in folder.iterdir())
    listed = replydesk(data_dir, "list", "--json")
    assert listed.returncode == 0, clean(listed)
    assert len(json.loads(listed.stdout)) == LIBRARY_SIZE + 3000


FULL_DISK_SCRIPT = textwrap.dedent(
    """
    import resource, signal, sys
    from replydesk.app import open_store
    from replydesk.core import backups, paths
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    size = paths.database_path().stat().st_size
    # Writing past this size fails with EFBIG, as a full disk fails with ENOSPC.
    resource.setrlimit(resource.RLIMIT_FSIZE, (size // 2, size // 2))
    store = open_store(check=True)
    print("opened", len(store.list_templates()))
    for notice in store.notices:
        print("notice", notice)
    store.close()
    """
)


def test_the_store_opens_when_the_daily_backup_cannot_be_made(data_dir: Path) -> None:
    assert replydesk(data_dir, "list").returncode == 0
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK_SCRIPT],
        env=env_for(data_dir),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"opened {LIBRARY_SIZE}" in result.stdout
    assert "notice Today's backup could not be made" in result.stdout
    assert not list((data_dir / "backups").glob("replydesk-*"))
    assert not list((data_dir / "backups").glob(".replydesk-*"))  # no half copy left


OPEN_STORE_SCRIPT = textwrap.dedent(
    """
    from replydesk.app import open_store
    store = open_store(check=True)
    print("opened", len(store.list_templates()))
    for notice in store.notices:
        print("notice", notice)
    store.close()
    """
)


def test_the_store_opens_on_a_really_full_disk(data_dir: Path, tmp_path: Path) -> None:
    """A small tmpfs, filled up but for a little room: the daily backup fails with ENOSPC."""
    assert replydesk(data_dir, "list").returncode == 0
    size = database(data_dir).stat().st_size
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size * 3 // 1024 + 64}k", "tmpfs", str(disk)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        data = disk / "data"
        shutil.copytree(data_dir, data)
        free = os.statvfs(disk)
        room = 48 * 1024  # enough to open (the -wal, the -shm), not to copy the database
        with open(disk / "filler", "wb") as filler:
            filler.write(b"\0" * max(free.f_bavail * free.f_frsize - room, 0))
        result = subprocess.run(
            [sys.executable, "-c", OPEN_STORE_SCRIPT],
            env=env_for(data),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert f"opened {LIBRARY_SIZE}" in result.stdout
        assert "notice Today's backup could not be made" in result.stdout
        assert not list((data / "backups").glob("replydesk-*"))
        assert not list((data / "backups").glob(".replydesk-*"))  # no half copy left
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_data_folder_that_is_not_utf8_works(tmp_path: Path) -> None:
    data = os.fsencode(tmp_path) + b"/data-\xff"
    env = env_for(data)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "replydesk", *args],
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=60,
            check=False,
        )
        clean(result)
        assert result.returncode == 0, result.stderr
        return result

    bundle = tmp_path / "bundle.json"
    run("list")
    assert "data-\\xff" in run("backup", "create").stdout
    run("export", "-o", str(bundle))
    run("edit", "Away notice", "--name", "Renamed")
    run("import", "--on-conflict", "theirs", str(bundle))
    run("backup", "list")
    run("backup", "list", "--json")
    run("backup", "restore", "newest")
    log = Path(os.fsdecode(data)) / "logs" / "replydesk.log"
    assert "backed up the database" in log.read_text(encoding="utf-8")


def test_a_file_named_backups_stops_only_the_backup_commands(data_dir: Path) -> None:
    assert replydesk(data_dir, "list").returncode == 0
    shutil.rmtree(data_dir / "backups", ignore_errors=True)
    (data_dir / "backups").write_text("not a folder")
    listed = replydesk(data_dir, "list", "--json")
    clean(listed)
    assert listed.returncode == 0 and json.loads(listed.stdout)
    for command in (["backup", "list"], ["backup", "create"]):
        result = replydesk(data_dir, *command)
        assert result.returncode == 1
        assert clean(result).strip() == (
            f"replydesk: {data_dir / 'backups'} is a file, not a folder: move it away"
        )
    assert (data_dir / "backups").read_text() == "not a folder"


def test_a_data_folder_that_is_a_file_is_one_sentence(tmp_path: Path) -> None:
    blocked = tmp_path / "data"
    blocked.write_text("x")
    for command in (["list"], ["backup", "list"], ["backup", "create"]):
        result = replydesk(blocked, *command)
        assert result.returncode == 1
        assert f"replydesk: {blocked} is a file, not a folder: move it away" in clean(result)
    assert blocked.read_text() == "x"


_CUT_SHORT = """
import os, sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA journal_mode=DELETE")
connection.execute("PRAGMA cache_size=1")
connection.execute("BEGIN")
connection.execute("DELETE FROM template")
connection.execute("CREATE TABLE spill (x)")
connection.executemany("INSERT INTO spill VALUES (?)", [("y" * 500,)] * 3000)
os._exit(0)
"""


def cut_short(path: Path) -> Path:
    """A real hot -journal: a process killed in the middle of deleting every template."""
    subprocess.run([sys.executable, "-c", _CUT_SHORT, str(path)], check=True, timeout=60)
    journal = path.with_name(path.name + "-journal")
    assert journal.stat().st_size > 0
    return journal


def listed_names(data: Path) -> list[str]:
    result = replydesk(data, "list", "--json")
    clean(result)
    assert result.returncode == 0, result.stderr
    return sorted(item["name"] for item in json.loads(result.stdout))


def test_our_own_hot_journal_is_rolled_back(data_dir: Path) -> None:
    before = listed_names(data_dir)
    cut_short(database(data_dir))
    assert listed_names(data_dir) == before
    assert not (data_dir / "replydesk.sqlite3-journal").exists()
    cut_short(database(data_dir))
    made = replydesk(data_dir, "backup", "create")
    clean(made)
    assert made.returncode == 0 and "Backed up to" in made.stdout
    assert listed_names(data_dir) == before


def test_another_databases_hot_journal_is_kept_aside(data_dir: Path, tmp_path: Path) -> None:
    before = listed_names(data_dir)
    other = tmp_path / "other"
    assert replydesk(other, "list").returncode == 0
    journal = cut_short(database(other))
    shutil.copyfile(journal, data_dir / "replydesk.sqlite3-journal")
    result = replydesk(data_dir, "list", "--json")
    assert "kept aside" in clean(result)
    assert result.returncode == 0
    assert sorted(item["name"] for item in json.loads(result.stdout)) == before
    (kept,) = data_dir.glob("replydesk.sqlite3.journal-mismatch-*-journal")
    assert digest(kept) == digest(journal)
