"""One instance: a second launch hands its command to the running app and exits 0."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


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
        timeout=60,
        check=False,
    )


def status(env: dict[str, str]) -> dict[str, object] | None:
    """Ask the running instance over its socket, as a script of the user would."""
    script = (
        "import json; from replydesk.instance import send_command; "
        "print(json.dumps(send_command('status')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.fixture
def running_app(env: dict[str, str]) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "replydesk"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        state = status(env)
        if state and state.get("ok") and not state.get("starting"):
            break
        assert process.poll() is None, process.communicate()[1]
        time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("the app never became ready")
    yield process
    process.terminate()
    try:
        process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def test_replydesk_quick_opens_the_palette_of_the_running_app(
    env: dict[str, str], running_app: subprocess.Popen[str]
) -> None:
    state = status(env)
    assert state is not None and state["palette_visible"] is False
    result = replydesk(env, "quick")
    assert result.returncode == 0, result.stderr
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        state = status(env)
        if state and state.get("palette_visible"):
            break
        time.sleep(0.1)
    assert state is not None and state["palette_visible"] is True


def test_a_second_launch_exits_0_and_leaves_one_instance(
    env: dict[str, str], running_app: subprocess.Popen[str]
) -> None:
    second = replydesk(env)
    assert second.returncode == 0, second.stderr
    assert running_app.poll() is None
    state = status(env)
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
