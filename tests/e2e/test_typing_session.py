"""A long typing session in the real window, on a real X server, ended with File → Quit.

The app runs as a process on a private Xvfb; xdotool types into its search box and copies
with Ctrl+Enter, xclip reads the clipboard. With PySide6-Essentials 6.12.0, which drops
a reference to None per tooltip or key event, the window aborted after about 330
keystrokes ("Fatal Python error: none_dealloc"); here it must live through more than a
thousand and exit 0.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from waiting import wait_until
from x11 import (
    X_TOOLS,
    clipboard_held,
    clipboard_text,
    find_window,
    needs,
    running,
    x_env,
    xdotool,
    xvfb,
)

from replydesk.core.settings import WELCOME_DONE
from replydesk.core.store import TemplateStore
from replydesk.trace import TRACE_FILE_ENV
from replydesk.ui.main_window import WINDOW_TITLE

pytestmark = needs(*X_TOOLS)

# Searches that each list one template alone, and how its reply to Anna's order starts.
REPLIES = {
    "greeting": "Hi Anna,\n\nThank you for your order #FO81C2D3 for “Logo design”",
    "delivery": "Hi Anna,\n\nGood news: “Logo design” (order #FO81C2D3) is ready",
}
WORDS = tuple(REPLIES)
ROUNDS = 70  # a word typed, then erased: 16 keystrokes a round, 1,120 in all
COPY_EVERY = 10  # rounds of one word; the last of them copies while the word is typed
# Bounds only, for a busy two-core machine: nothing here waits this long when all is well.
START_SECONDS = 180
COPY_SECONDS = 60
QUIT_SECONDS = 60


@pytest.fixture
def display() -> Iterator[str]:
    with xvfb() as name:
        yield name


@pytest.fixture
def regular_day(store_with_order: TemplateStore) -> TemplateStore:
    """The data of a day's work: the library, Alex's profile, Anna's order as the current
    one, the welcome long done. Closed: the app is the only one to use it."""
    WELCOME_DONE.write(store_with_order, True)
    store_with_order.close()
    return store_with_order


def app_env(display: str, data_dir: Path, trace: Path) -> dict[str, str]:
    runtime = data_dir.parent / "run"  # the single-instance socket: private, nothing in /tmp
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = x_env(display)
    env.update(
        {
            "REPLYDESK_DATA_DIR": str(data_dir),
            "XDG_RUNTIME_DIR": str(runtime),
            TRACE_FILE_ENV: str(trace),  # says when the window is ready
        }
    )
    return env


def traced(trace: Path, event: str) -> bool:
    return trace.exists() and any(
        line.split()[:1] == [event] for line in trace.read_text(encoding="utf-8").splitlines()
    )


def copy_and_read(display: str, app: subprocess.Popen[str]) -> str:
    """Ctrl+Enter in the window; the clipboard's text once the app has taken it."""
    with clipboard_held(display, "not copied yet") as holder:
        xdotool(display, "key", "ctrl+Return")
        wait_until(
            lambda: holder.poll() is not None or app.poll() is not None,
            COPY_SECONDS,
            "the app to take the clipboard",
        )
    if app.poll() is not None:
        return ""
    return clipboard_text(display) or ""


def test_a_thousand_keystrokes_and_copies_then_quit(
    tmp_path: Path, display: str, data_dir: Path, regular_day: TemplateStore
) -> None:
    trace = tmp_path / "trace.txt"
    stderr_path = tmp_path / "app-stderr.txt"
    with (
        open(stderr_path, "w", encoding="utf-8") as stderr,
        running(
            [sys.executable, "-m", "replydesk"],
            env=app_env(display, data_dir, trace),
            stderr=stderr,
        ) as app,
    ):

        def said() -> str:
            text = stderr_path.read_text(encoding="utf-8", errors="replace")
            return f"exit status {app.poll()}; the app's stderr:\n{text[-3000:]}"

        def alive(when: str) -> None:
            if app.poll() is not None:
                pytest.fail(f"the app ended {when}; {said()}")

        window = find_window(display, WINDOW_TITLE, timeout=START_SECONDS, owner=app)
        wait_until(
            lambda: traced(trace, "ready") or app.poll() is not None,
            START_SECONDS,
            "the window to be ready",
        )
        alive("before it was ready")
        xdotool(display, "windowfocus", "--sync", window)
        xdotool(display, "key", "ctrl+f")  # Edit → Find template: the search box

        keystrokes = copies = 0
        for round_ in range(ROUNDS):
            word = WORDS[round_ // COPY_EVERY % len(WORDS)]
            xdotool(display, "type", word)
            if round_ % COPY_EVERY == COPY_EVERY - 1:
                copied = copy_and_read(display, app)
                alive(f"after {keystrokes + len(word)} keystrokes and {copies} copies")
                assert copied.startswith(REPLIES[word]), copied  # the typing reached the app
                copies += 1
            xdotool(display, "key", *["BackSpace"] * len(word))
            keystrokes += 2 * len(word)
            alive(f"after {keystrokes} keystrokes and {copies} copies")
        assert keystrokes >= 1000

        # The search is empty again, the last word's template still chosen.
        assert copy_and_read(display, app).startswith(REPLIES[word])
        alive(f"after {keystrokes} keystrokes and {copies + 1} copies")

        xdotool(display, "key", "ctrl+q")  # File → Quit
        try:
            status = app.wait(timeout=QUIT_SECONDS)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the app was still running {QUIT_SECONDS} s after Ctrl+Q; {said()}")
    errors = stderr_path.read_text(encoding="utf-8", errors="replace")
    assert status == 0, said()
    assert "Fatal Python error" not in errors, errors
    assert "Traceback" not in errors, errors
