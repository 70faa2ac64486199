"""One instance: a second launch hands its command to the running app and exits 0."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from waiting import START_TIMEOUT, app_ready, app_status, wait_until


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    values = {
        **os.environ,
        "REPLYDESK_DATA_DIR": str(tmp_path / "data"),
        "XDG_RUNTIME_DIR": str(runtime),
        "QT_QPA_PLATFORM": "offscreen",
    }
    values.pop("DISPLAY", None)
    return values


def replydesk(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "replydesk", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=3 * START_TIMEOUT,
        check=False,
    )


@pytest.fixture
def running_app(env: dict[str, str]) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "replydesk"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until(lambda: app_ready(env, process), START_TIMEOUT, "the app becoming ready")
    except BaseException:
        process.kill()
        process.communicate()
        raise
    yield process
    process.terminate()
    try:
        process.communicate(timeout=START_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()


def test_replydesk_quick_opens_the_palette_of_the_running_app(
    env: dict[str, str], running_app: subprocess.Popen[str]
) -> None:
    state = app_status(env)
    assert state is not None and state["palette_visible"] is False
    result = replydesk(env, "quick")
    assert result.returncode == 0, result.stderr

    def palette_shown() -> dict[str, object] | None:
        shown = app_status(env)
        return shown if shown is not None and shown.get("palette_visible") is True else None

    wait_until(palette_shown, START_TIMEOUT, "the palette shown by the running app")


def test_a_second_launch_exits_0_and_leaves_one_instance(
    env: dict[str, str], running_app: subprocess.Popen[str]
) -> None:
    second = replydesk(env)
    assert second.returncode == 0, second.stderr
    assert running_app.poll() is None
    state = app_status(env)
    assert state is not None and state["ok"] is True and state["window_visible"] is True


def test_import_while_the_window_runs_opens_the_preview_there(
    env: dict[str, str], running_app: subprocess.Popen[str], tmp_path: Path
) -> None:
    exported = tmp_path / "mine.replydesk"
    result = replydesk(env, "export", "-o", str(exported), "--lang", "sk")
    assert result.returncode == 0, result.stderr
    forwarded = replydesk(env, "import", str(exported))
    assert forwarded.returncode == 0, forwarded.stderr
    assert "import preview is open in the running Replydesk" in forwarded.stderr
    missing = replydesk(env, "import", str(tmp_path / "nope.replydesk"))
    assert missing.returncode == 1
    assert "nope.replydesk" in missing.stderr
