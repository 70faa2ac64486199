"""Automatic paste: xdotool on X11, a one-line reason everywhere else."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from replydesk.core import autopaste
from replydesk.core.autopaste import autopaste_supported, paste_into_previous_window

pytestmark = pytest.mark.skipif(sys.platform.startswith("win"), reason="stub scripts are sh")


@pytest.fixture
def x11(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An X11 session whose PATH is an empty folder of its own (returned)."""
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("DISPLAY", ":77")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", str(bin_dir))
    return bin_dir


def stub_xdotool(bin_dir: Path, script: str) -> Path:
    """An executable `xdotool` in bin_dir running `script` (sh); returns its log file."""
    log = bin_dir.parent / "xdotool.log"
    path = bin_dir / "xdotool"
    path.write_text(f'#!/bin/sh\nLOG="{log}"\n{script}\n', encoding="utf-8")
    path.chmod(0o755)
    return log


def test_without_xdotool_it_says_to_install_it(x11: Path) -> None:
    assert paste_into_previous_window() == "install xdotool to paste automatically"
    assert not autopaste_supported()


def test_on_x11_it_presses_ctrl_v_with_xdotool(x11: Path) -> None:
    log = stub_xdotool(x11, 'printf "%s\\n" "$@" > "$LOG"')
    assert autopaste_supported()
    assert paste_into_previous_window() is None
    assert log.read_text(encoding="utf-8").splitlines() == ["key", "--clearmodifiers", "ctrl+v"]


def test_a_failing_xdotool_gives_its_first_error_line(x11: Path) -> None:
    stub_xdotool(x11, 'echo "Can\'t open display: :77" >&2\necho "more" >&2\nexit 1')
    reason = paste_into_previous_window()
    assert reason == "xdotool failed (Can't open display: :77); press Ctrl+V"


def test_on_wayland_it_says_to_press_ctrl_v_even_with_xdotool(
    x11: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = stub_xdotool(x11, 'echo ran > "$LOG"')
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")  # XWayland keeps DISPLAY set too
    assert paste_into_previous_window() == (
        "automatic paste is not possible on Wayland; press Ctrl+V"
    )
    assert not autopaste_supported()
    assert not log.exists()


def test_a_wayland_session_is_known_by_its_type_too(
    x11: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_SESSION_TYPE", "wayland")
    assert paste_into_previous_window() == autopaste.WAYLAND


def test_without_any_display_it_says_so(x11: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stub_xdotool(x11, "exit 0")
    monkeypatch.delenv("DISPLAY")
    assert paste_into_previous_window() == autopaste.NO_DISPLAY
    assert not autopaste_supported()


@pytest.mark.parametrize(
    ("platform", "reason"),
    [
        ("win32", "automatic paste is not supported on Windows yet; press Ctrl+V"),
        ("darwin", "automatic paste is not supported on macOS yet; press Cmd+V"),
    ],
)
def test_windows_and_macos_are_not_supported_yet(
    x11: Path, monkeypatch: pytest.MonkeyPatch, platform: str, reason: str
) -> None:
    log = stub_xdotool(x11, 'echo ran > "$LOG"')
    with monkeypatch.context() as patch:
        patch.setattr(sys, "platform", platform)
        got, supported = paste_into_previous_window(), autopaste_supported()
    assert (got, supported) == (reason, False)
    assert not log.exists()
