"""A private X server for end-to-end tests: Xvfb, xdotool, xclip and bounded waits.

Everything started here is stopped when its `with` block ends, whatever happens.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import IO

import pytest
from waiting import wait_until

X_TOOLS = ("Xvfb", "xdotool", "xclip")
XVFB_SECONDS = 60  # for Xvfb to say its display number
STOP_SECONDS = 10  # for a process to end after SIGTERM, then after SIGKILL
TOOL_SECONDS = 60  # for one xdotool or xclip command (a busy machine is slow, never this slow)


def needs(*tools: str) -> pytest.MarkDecorator:
    """Skip unless every program in `tools` is installed."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    return pytest.mark.skipif(
        bool(missing), reason=f"needs {', '.join(missing)} (apt-get install xvfb xdotool xclip)"
    )


def stop(process: subprocess.Popen[str] | subprocess.Popen[bytes]) -> None:
    """SIGTERM, then SIGKILL if it lingers; returns once it has ended."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_SECONDS)


@contextmanager
def running(
    argv: Sequence[str],
    env: Mapping[str, str] | None = None,
    stdout: IO[str] | int | None = subprocess.DEVNULL,
    stderr: IO[str] | int | None = subprocess.DEVNULL,
) -> Iterator[subprocess.Popen[str]]:
    """A process for the `with` block; stopped at its end if still running."""
    process = subprocess.Popen(
        list(argv), env=None if env is None else dict(env), stdout=stdout, stderr=stderr, text=True
    )
    try:
        yield process
    finally:
        stop(process)


@contextmanager
def xvfb(screen: str = "1280x1024x24") -> Iterator[str]:
    """A fresh Xvfb on a free display number (Xvfb picks it and writes it to a pipe);
    its name, ":N"."""
    read_end, write_end = os.pipe()
    try:
        server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", screen, "-nolisten", "tcp"],
            pass_fds=(write_end,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    finally:
        os.close(write_end)
    try:
        with os.fdopen(read_end) as pipe:
            written, _, _ = select.select([pipe], [], [], XVFB_SECONDS)
            number = pipe.readline().strip() if written else ""  # "" too when Xvfb ends
        if not number.isdigit():
            raise AssertionError(f"Xvfb did not start (exit status {server.poll()})")
        yield f":{number}"
    finally:
        stop(server)


def x_env(display: str, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """`base` (default: this process's environment) for Qt and the X tools on `display`:
    DISPLAY set, Qt on xcb (not an inherited offscreen), no Wayland."""
    env = dict(os.environ if base is None else base)
    env.pop("WAYLAND_DISPLAY", None)
    env["DISPLAY"] = display
    env["QT_QPA_PLATFORM"] = "xcb"
    return env


def xdotool(display: str, *args: str, timeout: float = TOOL_SECONDS) -> str:
    """Run `xdotool ARGS` on `display`; its output."""
    done = subprocess.run(
        ["xdotool", *args],
        env=x_env(display),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    return done.stdout


def find_window(
    display: str,
    title: str,
    timeout: float = TOOL_SECONDS,
    owner: subprocess.Popen[str] | None = None,
) -> str:
    """The id of the visible window named exactly `title`, once it is mapped
    (`xdotool search --sync`); fails at once should `owner`, its process, end first."""
    argv = ["xdotool", "search", "--sync", "--onlyvisible", "--name", f"^{title}$"]
    with running(argv, env=x_env(display), stdout=subprocess.PIPE) as search:
        wait_until(
            lambda: search.poll() is not None or (owner is not None and owner.poll() is not None),
            timeout,
            f"a window named {title!r}",
        )
        if search.poll() is None:
            assert owner is not None
            raise AssertionError(f"the process ended ({owner.returncode}) before {title!r} showed")
        assert search.stdout is not None
        found = search.stdout.read().split()
    assert search.returncode == 0 and found, f"xdotool search failed ({search.returncode})"
    return found[0]


def clipboard_text(display: str) -> str | None:
    """The CLIPBOARD selection as text; None while nobody holds text there."""
    done = subprocess.run(
        ["xclip", "-o", "-selection", "clipboard"],
        env=x_env(display),
        capture_output=True,
        text=True,
        timeout=TOOL_SECONDS,
        check=False,
    )
    return done.stdout if done.returncode == 0 else None


@contextmanager
def clipboard_held(display: str, text: str) -> Iterator[subprocess.Popen[str]]:
    """xclip holding `text` in CLIPBOARD, in the foreground, once it does: the process
    ends when another client takes the clipboard, so its end says a copy happened."""
    holder = subprocess.Popen(
        ["xclip", "-quiet", "-i", "-selection", "clipboard"],
        env=x_env(display),
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert holder.stdin is not None
        holder.stdin.write(text)
        holder.stdin.close()  # xclip takes the clipboard at the end of its input
        wait_until(
            lambda: clipboard_text(display) == text or holder.poll() is not None,
            TOOL_SECONDS,
            "xclip to hold the clipboard",
        )
        if holder.poll() is not None:
            raise AssertionError(f"xclip ended ({holder.returncode}) before it held the clipboard")
        yield holder
    finally:
        stop(holder)
