"""Paste into the window that was active before Replydesk's quick-paste palette.

After the palette has put a reply on the clipboard and hidden itself, the window the user
was typing in has the focus again; pressing Ctrl+V there pastes the reply.

Where it works, and what it says elsewhere (a one-line reason, never an exception):

- X11 (DISPLAY set, no WAYLAND_DISPLAY): runs `xdotool key --clearmodifiers ctrl+v`;
  without xdotool installed the reason says to install it.
- Wayland (WAYLAND_DISPLAY set, or XDG_SESSION_TYPE=wayland): a program cannot press
  keys in another program's window, by design; the reason says to press Ctrl+V.
- Windows and macOS: not supported yet (it would need SendInput / CGEvent with the
  Accessibility permission); the reason says to press Ctrl+V (Cmd+V on macOS).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from replydesk.core.i18n import N_, _
from replydesk.core.settings import AUTOPASTE

XDOTOOL = "xdotool"
XDOTOOL_ARGS: tuple[str, ...] = ("key", "--clearmodifiers", "ctrl+v")
XDOTOOL_TIMEOUT_S = 5.0

# Why the reply was not pasted (said after "Copied"): keep xdotool, Ctrl+V and Cmd+V.
INSTALL_XDOTOOL = N_("install xdotool to paste automatically")
WAYLAND = N_("automatic paste is not possible on Wayland; press Ctrl+V")
WINDOWS = N_("automatic paste is not supported on Windows yet; press Ctrl+V")
MACOS = N_("automatic paste is not supported on macOS yet; press Cmd+V")
NO_DISPLAY = N_("no graphical display found to paste into; press Ctrl+V")

AUTOPASTE_SETTING = AUTOPASTE.key  # the old name of core.settings.AUTOPASTE's key


def _session() -> str:
    """The kind of desktop: x11, wayland, windows, macos, or none (no display at all)."""
    if sys.platform.startswith("win"):
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    # Under XWayland both are set, but xdotool only reaches X11 windows: Wayland wins.
    if os.environ.get("WAYLAND_DISPLAY") or os.environ.get("XDG_SESSION_TYPE") == "wayland":
        return "wayland"
    if os.environ.get("DISPLAY"):
        return "x11"
    return "none"


def _xdotool_or_reason() -> tuple[str | None, str | None]:
    """The xdotool to run, or why there is none to run."""
    session = _session()
    if session == "x11":
        path = shutil.which(XDOTOOL)
        return (path, None) if path is not None else (None, INSTALL_XDOTOOL)
    reasons = {"wayland": WAYLAND, "windows": WINDOWS, "macos": MACOS}
    return None, reasons.get(session, NO_DISPLAY)


def autopaste_supported() -> bool:
    """True when `paste_into_previous_window` can work here (X11 with xdotool)."""
    path, _reason = _xdotool_or_reason()
    return path is not None


def paste_into_previous_window() -> str | None:
    """Press Ctrl+V in the window that has the focus now; None on success, else a
    one-line reason for the user ("install xdotool to paste automatically", say)."""
    path, reason = _xdotool_or_reason()
    if path is None:
        return _(reason or NO_DISPLAY)
    try:
        done = subprocess.run(
            [path, *XDOTOOL_ARGS],
            capture_output=True,
            text=True,
            timeout=XDOTOOL_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return _("xdotool did not answer; press Ctrl+V")
    except OSError as error:
        # Translators: {reason} is the system's words ("No such file or directory").
        message = _("xdotool could not start ({reason}); press Ctrl+V")
        return message.format(reason=error.strerror or error)
    if done.returncode != 0:
        lines = (done.stderr or "").strip().splitlines()
        detail = lines[0] if lines else _("exit code {code}").format(code=done.returncode)
        # Translators: {detail} is xdotool's own words (English), or its exit code.
        return _("xdotool failed ({detail}); press Ctrl+V").format(detail=detail)
    return None
