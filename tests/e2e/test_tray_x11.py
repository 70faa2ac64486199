"""The tray icon in a real tray: Xvfb, the `trayer` tray host, and clicks from xdotool.

Skipped where Xvfb, trayer or xdotool are not installed. Every process started here is
stopped at the end of the test, whatever happens. REPLYDESK_TRAY_SHOT=/tmp/tray-menu.png
keeps a screenshot of the open menu.
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from waiting import START_TIMEOUT, wait_until
from x11 import stop, xdotool, xvfb

TOOLS = ("Xvfb", "trayer", "xdotool")
pytestmark = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in TOOLS),
    reason=f"needs {', '.join(TOOLS)} (apt-get install xvfb trayer xdotool)",
)

TRAYER = ("trayer", "--SetDockType", "true", "--transparent", "false")
DESKTOP = Path(__file__).resolve().parents[2] / "desktop"
# Set to a file path to keep the screenshot of the open menu (needs imagemagick's import).
SCREENSHOT_ENV = "REPLYDESK_TRAY_SHOT"
STEP_TIMEOUT = 60.0
"""Seconds for one step on the display (a click's effect, a tool's run), busy machine."""

# Runs in its own process on the Xvfb display; talks to the test by printing lines.
TRAY_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon

    def say(*words):
        print(*words, flush=True)

    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    # The tray host may still be starting: poll for its tray, as long as the test allows.
    deadline = time.monotonic() + float(sys.argv[1])
    while not QSystemTrayIcon.isSystemTrayAvailable():
        if time.monotonic() > deadline:
            say("NO_TRAY")
            sys.exit(3)
        app.processEvents()
        time.sleep(0.05)

    from replydesk.core.library import sync_builtin
    from replydesk.core.catalog import Catalog
    from replydesk.core.store import TemplateStore
    from replydesk.ui.tray import TrayIcon

    store = TemplateStore.open_default()
    sync_builtin(store)
    favorite = store.find_template("Away notice")
    store.set_favorite(favorite.id, True)
    store.record_use(store.find_template("Delivery — work is ready").id)

    tray = TrayIcon(Catalog(store.path), store)
    assert TrayIcon.available()
    menu = tray.menu()
    tray.openRequested.connect(lambda: say("OPEN"))
    tray.quickPasteRequested.connect(lambda: say("QUICK"))
    tray.templateChosen.connect(lambda template_id: say("CHOSEN", template_id))
    menu.aboutToShow.connect(lambda: say("MENU_ABOUT_TO_SHOW"))

    def report_menu():
        # Where the favorite's item is, once the menu is on the screen.
        if not menu.isVisible():
            QTimer.singleShot(50, report_menu)
            return
        action = next(a for a in menu.actions() if a.data() == favorite.id)
        centre = menu.mapToGlobal(menu.actionGeometry(action).center())
        say("FAVORITE", favorite.id, centre.x(), centre.y())

    menu.aboutToShow.connect(lambda: QTimer.singleShot(50, report_menu))
    tray.show()

    def report_geometry():
        rect = tray.geometry()
        if rect.isEmpty() or (rect.x() == 0 and rect.y() == 0):
            QTimer.singleShot(50, report_geometry)
            return
        say("GEOMETRY", rect.x(), rect.y(), rect.width(), rect.height())

    report_geometry()
    sys.exit(app.exec())
    """
)


class Lines:
    """A process's stdout, line by line, read in a thread so waiting can time out."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self._queue: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        assert process.stdout is not None
        stdout = process.stdout
        threading.Thread(target=self._read, args=(stdout,), daemon=True).start()

    def _read(self, stdout: object) -> None:
        for line in stdout:  # type: ignore[attr-defined]
            self._queue.put(line.rstrip("\n"))

    def wait_for(self, prefix: str, timeout: float = STEP_TIMEOUT) -> list[str]:
        """The words of the first line starting with `prefix` (earlier lines are kept)."""
        words: list[str] = []

        def found() -> bool:
            while True:
                try:
                    line = self._queue.get_nowait()
                except queue.Empty:
                    return False
                self.seen.append(line)
                assert line != "NO_TRAY", "the tray host never offered a tray"
                if line.startswith(prefix):
                    words.extend(line.split()[1:])
                    return True

        try:
            wait_until(found, timeout, f"a {prefix!r} line from the tray script")
        except AssertionError as error:
            raise AssertionError(f"{error}; saw {self.seen}") from None
        return words


@pytest.fixture
def display() -> Iterator[str]:
    """A fresh Xvfb on a free display number."""
    with xvfb("1024x768x24") as name:
        yield name


@pytest.fixture
def tray_host(display: str) -> Iterator[subprocess.Popen[bytes]]:
    trayer = subprocess.Popen(
        [*TRAYER, "--edge", "top", "--align", "right", "--widthtype", "request", "--height", "24"],
        env={**os.environ, "DISPLAY": display},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield trayer
    finally:
        stop(trayer)


def screenshot(display: str, path: Path) -> bool:
    """The whole screen as a PNG, when imagemagick is installed."""
    if shutil.which("import") is None:
        return False
    subprocess.run(
        ["import", "-window", "root", str(path)],
        env={**os.environ, "DISPLAY": display},
        check=True,
        timeout=STEP_TIMEOUT,
        capture_output=True,
    )
    return path.stat().st_size > 0


def test_the_tray_icon_shows_and_opens_its_menu_on_a_right_click(
    tmp_path: Path, display: str, tray_host: subprocess.Popen[bytes]
) -> None:
    script = tmp_path / "tray_script.py"
    script.write_text(TRAY_SCRIPT, encoding="utf-8")
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "REPLYDESK_DATA_DIR": str(tmp_path / "data"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(DESKTOP), os.environ.get("PYTHONPATH")])),
    }
    app = subprocess.Popen(
        [sys.executable, str(script), str(START_TIMEOUT)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = Lines(app)
        x, y, width, height = map(int, lines.wait_for("GEOMETRY", timeout=2 * START_TIMEOUT))
        assert width > 0 and height > 0
        assert y < 24  # in trayer's panel at the top of the screen
        centre = (str(x + width // 2), str(y + height // 2))

        xdotool(display, "mousemove", *centre, "click", "3")
        lines.wait_for("MENU_ABOUT_TO_SHOW")
        _, item_x, item_y = lines.wait_for("FAVORITE")
        shot = tmp_path / "tray-menu.png"
        keep = os.environ.get(SCREENSHOT_ENV)
        if screenshot(display, shot) and keep:
            shutil.copy(shot, keep)

        # The favorite in the open menu, chosen with the mouse.
        xdotool(display, "mousemove", item_x, item_y, "click", "1")
        chosen = lines.wait_for("CHOSEN")
        assert len(chosen) == 1 and len(chosen[0]) == 36  # a template's UUID

        # A left click on the icon asks for the window.
        xdotool(display, "mousemove", *centre, "click", "1")
        lines.wait_for("OPEN")
        assert app.poll() is None
    except AssertionError as error:
        stop(app)
        said = app.stderr.read() if app.stderr else ""
        pytest.fail(f"{error}\nthe tray script's stderr:\n{said}")
    finally:
        stop(app)
