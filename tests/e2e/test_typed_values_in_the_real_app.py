"""Prices and dates typed into the real window, under the system locales our users have,
reach the clipboard exactly as typed, and as the command line reads the same text.

The app runs as a process on a private Xvfb with LANG set; xdotool types into the order
bar's Price and Deadline fields (as a person does: Alt+letter, select all, type, Tab) and
copies with Ctrl+Enter; xclip reads the clipboard. The old spin box read "25,50" as
2550.00 under C.UTF-8 and "25.50" as 2550,00 under ru_RU; the old date edit turned
"2027-03-20" into 2027-12-03.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from test_cli_process import replydesk
from test_typing_session import app_env, copy_and_read, traced
from waiting import wait_until
from x11 import X_TOOLS, find_window, needs, running, xdotool, xvfb

from replydesk.core.models import TemplateData
from replydesk.core.settings import WELCOME_DONE
from replydesk.core.store import TemplateStore
from replydesk.ui.main_window import WINDOW_TITLE

pytestmark = needs(*X_TOOLS)

NAME = "Price and date check"
BODY = "Total: {{ price|money }}, ready by {{ deadline|date('long') }}.\n{{ my_name }}"
START_SECONDS = 180
QUIT_SECONDS = 60


def installed(name: str) -> bool:
    listed = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False)
    wanted = name.lower().replace("utf-8", "utf8")
    return any(line.lower() == wanted for line in listed.stdout.splitlines())


@pytest.fixture
def display() -> Iterator[str]:
    with xvfb() as name:
        yield name


@pytest.fixture
def day(store_with_order: TemplateStore) -> TemplateStore:
    WELCOME_DONE.write(store_with_order, True)
    store_with_order.create_template(TemplateData(NAME, "delivery", "en", BODY))
    store_with_order.close()
    return store_with_order


@pytest.mark.parametrize(
    ("system_locale", "price"),
    [
        ("C.UTF-8", "25,50"),
        ("ru_RU.UTF-8", "25.50"),
        ("ru_RU.UTF-8", "1 250,50"),
        ("hu_HU.UTF-8", "1.250,50"),
        ("en_US.UTF-8", "1,250.50"),
    ],
)
def test_a_typed_price_and_date_reach_the_clipboard_as_typed(
    tmp_path: Path,
    display: str,
    data_dir: Path,
    day: TemplateStore,
    system_locale: str,
    price: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if not installed(system_locale):
        pytest.skip(f"the {system_locale} locale is not installed (.ci/run generates it)")
    amount = Decimal(price.replace(" ", "").replace(",", "").replace(".", "")) / 100
    expected = f"Total: ${amount:,.2f}, ready by March 20, 2027.\nAlex"
    env = app_env(display, data_dir, tmp_path / "trace.txt")
    env.update({"LANG": system_locale, "LC_ALL": system_locale})
    # The window in English (Profile and settings' choice), so that Alt+P is still Price:
    # the system's locale is what is under test, not the window's language.
    (data_dir / "window.ini").write_text("[app]\nlanguage=en\n", encoding="utf-8")
    stderr_path = tmp_path / "app-stderr.txt"
    with (
        open(stderr_path, "w", encoding="utf-8") as stderr,
        running([sys.executable, "-m", "replydesk"], env=env, stderr=stderr) as app,
    ):
        window = find_window(display, WINDOW_TITLE, timeout=START_SECONDS, owner=app)
        wait_until(
            lambda: traced(tmp_path / "trace.txt", "ready") or app.poll() is not None,
            START_SECONDS,
            "the window to be ready",
        )
        assert app.poll() is None, stderr_path.read_text(encoding="utf-8")
        xdotool(display, "windowfocus", "--sync", window)
        xdotool(display, "key", "ctrl+f")
        xdotool(display, "type", NAME)  # the best match is selected as it is typed
        for mnemonic, text in (("alt+p", price), ("alt+d", "2027-03-20")):
            xdotool(display, "key", mnemonic, "ctrl+a")
            xdotool(display, "type", text)
            xdotool(display, "key", "Tab")  # one Tab leaves the field
        assert copy_and_read(display, app) == expected
        xdotool(display, "key", "ctrl+q")
        assert app.wait(timeout=QUIT_SECONDS) == 0, stderr_path.read_text(encoding="utf-8")
    with TemplateStore(day.path) as stored:
        order = stored.get_order(stored.current_order_id or 0)
        assert (Decimal(order.price), order.deadline.isoformat()) == (amount, "2027-03-20")  # type: ignore[union-attr]
    # The command line reads the same text the same way, in the same locale.
    monkeypatch.setenv("LANG", system_locale)
    monkeypatch.setenv("LC_ALL", system_locale)
    cli = replydesk(
        data_dir, "fill", NAME, "--set", f"price={price}", "--set", "deadline=2027-03-20"
    )
    assert cli.returncode == 0, cli.stderr
    assert cli.stdout == expected + "\n"
