"""The real app, started as a process, the way a user's double-click starts it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from waiting import START_TIMEOUT, app_ready, wait_until


def app_env(data_dir: Path) -> dict[str, str]:
    runtime = data_dir.parent / "run"  # a private socket folder: nothing left in /tmp
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {
        **os.environ,
        "REPLYDESK_DATA_DIR": str(data_dir),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_RUNTIME_DIR": str(runtime),
    }
    env.pop("DISPLAY", None)
    return env


def run_app(
    data_dir: Path, *args: str, timeout: float = 3 * START_TIMEOUT
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "replydesk", *args],
        env=app_env(data_dir),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_smoke_test_opens_the_window_and_renders_a_builtin_template(tmp_path: Path) -> None:
    result = run_app(tmp_path / "data", "--smoke-test")
    assert result.returncode == 0, result.stderr
    from replydesk.core import library

    count = len(library.builtin_paths())
    assert result.stdout.splitlines()[0] == (
        f"smoke test passed: rendered {count} built-in templates in the window"
    )
    assert (tmp_path / "data" / "replydesk.sqlite3").exists()
    assert "Traceback" not in result.stderr


def test_a_bug_in_the_window_ends_the_smoke_test_at_once(tmp_path: Path) -> None:
    """A slot that raises (here: showing a template, broken on purpose by a sitecustomize
    module the interpreter loads first) fails the smoke test with the error, instead of
    leaving it to wait out its time limit behind an error dialog nobody can close."""
    injected = tmp_path / "injected"
    injected.mkdir()
    (injected / "sitecustomize.py").write_text(
        "from replydesk.ui.main_window import MainWindow\n"
        "def broken(self, *args, **kwargs):\n"
        "    raise LookupError('injected fault')\n"
        "MainWindow.show_template = broken\n",
        encoding="utf-8",
    )
    env = app_env(tmp_path / "data")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(injected), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-m", "replydesk", "--smoke-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=3 * START_TIMEOUT,  # far below the smoke test's own limit
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "smoke test failed: an error nobody caught: LookupError: injected fault" in (
        result.stderr
    )
    assert "Traceback" in result.stderr  # where the bug is, for whoever runs it


def test_a_damaged_database_is_reported_plainly_and_moved_aside(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "replydesk.sqlite3").write_bytes(b"this is not a database" * 100)
    result = run_app(data, "--smoke-test")
    assert result.returncode == 1
    assert "smoke test failed: the store did not open:" in result.stderr
    assert "not a Replydesk database, or it is damaged" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (data / "replydesk.sqlite3").exists()
    (moved,) = data.glob("replydesk.sqlite3.damaged-*")  # never deleted
    assert moved.read_bytes() == b"this is not a database" * 100


def test_the_app_keeps_running_until_closed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = app_env(data)
    process = subprocess.Popen(
        [sys.executable, "-m", "replydesk"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # Ready, in its event loop and answering over its socket: past the start-up, where
        # an app that ends by itself would have ended.
        wait_until(lambda: app_ready(env, process), START_TIMEOUT, "the app answering as ready")
        assert (data / "replydesk.sqlite3").exists(), "the app never opened its database"
        assert process.poll() is None, process.communicate()[1]
    finally:
        process.terminate()
        try:
            process.communicate(timeout=START_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            pytest.fail("the app did not stop on SIGTERM")
