"""Waiting in the end-to-end tests: for a condition, never for a fixed time, always bounded.

The bounds are generous (a busy two-core laptop): a wait ends as soon as its condition
holds, so a long bound costs nothing when all is well.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

START_TIMEOUT = 120.0
"""Seconds a Replydesk process may take to start, or to answer, on a busy machine."""
POLL_SECONDS = 0.05


def wait_until(predicate: Callable[[], T], timeout: float, what: str) -> T:
    """Call `predicate` until it returns a true value, and return that value.

    AssertionError naming `what` when `timeout` seconds pass first. An exception from the
    predicate (say, an assertion that a process still runs) ends the wait at once.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"{what}: not within {timeout:g} s")
        time.sleep(POLL_SECONDS)


def app_status(env: dict[str, str]) -> dict[str, Any] | None:
    """What the running Replydesk of `env` answers to `status` over its socket, asked as
    a user's script would; None when none is listening."""
    script = (
        "import json; from replydesk.instance import send_command; "
        "print(json.dumps(send_command('status')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT,
        check=True,
    )
    status: dict[str, Any] | None = json.loads(result.stdout)
    return status


def app_ready(env: dict[str, str], process: subprocess.Popen[str]) -> dict[str, Any] | None:
    """The app's status once it says it is ready (not "starting"), else None; fails at once
    when the app's process has ended."""
    assert process.poll() is None, f"the app ended: {process.communicate()[1]}"
    status = app_status(env)
    return status if status and status.get("ok") and not status.get("starting") else None
