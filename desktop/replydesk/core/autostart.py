"""Start Replydesk at login, minimized to the tray.

On Linux and other freedesktop systems this is an XDG autostart entry,
`$XDG_CONFIG_HOME/autostart/replydesk.desktop` (the Desktop Application Autostart
Specification). Windows and macOS are set up by hand: `enable()` says how.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from replydesk.core.errors import ReplydeskError
from replydesk.core.files import write_atomically
from replydesk.core.i18n import N_, _
from replydesk.core.paths import config_dirs, config_home

ENTRY_NAME = "replydesk.desktop"
MINIMIZED_FLAG = "--minimized"

# What to do by hand (translated where shown: manual_steps).
# Translators: Win+R, shell:startup, --minimized and Target are what Windows shows or the
# user types: keep them as Windows names them in your language.
WINDOWS_STEPS = N_(
    "Replydesk cannot add itself to startup on Windows yet. To do it by hand: press Win+R, "
    "type shell:startup and press Enter, then put a shortcut to Replydesk in that folder "
    "and add --minimized at the end of the shortcut's Target."
)
# Translators: use the names macOS shows in your language for its settings.
MACOS_STEPS = N_(
    "Replydesk cannot add itself to Login Items on macOS yet. To do it by hand: open "
    "System Settings → General → Login Items and add Replydesk under “Open at Login”."
)

# Characters that make an Exec argument need double quotes (Desktop Entry spec, "The Exec key").
_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
# Inside double quotes these four must be escaped with a backslash.
_QUOTED_ESCAPES = re.compile(r'(["`$\\])')


class AutostartError(ReplydeskError):
    """The autostart entry cannot be written or removed."""


class AutostartUnsupportedError(AutostartError):
    """This system has no autostart Replydesk can set up; the message says what to do by hand."""


def _platform() -> str:
    # One place to ask, so tests can pretend to be another system.
    return sys.platform


def autostart_supported() -> bool:
    """True where Replydesk can add itself to the login session (freedesktop systems)."""
    return not _platform().startswith(("win32", "cygwin", "darwin"))


def manual_steps() -> str:
    """What to do by hand where autostart is not supported; "" where it is."""
    platform = _platform()
    if platform.startswith(("win32", "cygwin")):
        return _(WINDOWS_STEPS)
    if platform.startswith("darwin"):
        return _(MACOS_STEPS)
    return ""


def entry_path() -> Path:
    """Where the user's autostart entry is (whether or not it exists)."""
    return config_home() / "autostart" / ENTRY_NAME


def default_command() -> list[str]:
    """How to start this very installation of Replydesk from a login session."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: the executable is the app
        return [sys.executable]
    # The script beside this interpreter belongs to the same installation; one found on
    # PATH may not (and a virtualenv's bin folder is not on PATH at login).
    beside = Path(sys.executable).parent / ("replydesk.exe" if os.name == "nt" else "replydesk")
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    found = shutil.which("replydesk")
    if found:
        return [str(Path(found).absolute())]
    return [sys.executable, "-m", "replydesk"]


def exec_value(command: Sequence[str]) -> str:
    """`command` as the value of an Exec key: each argument quoted as the Desktop Entry
    spec requires, then escaped as a string value (so a backslash ends up doubled twice)."""
    if not command:
        raise ValueError("the command is empty")
    arguments = []
    for argument in command:
        argument = argument.replace("%", "%%")  # a lone % would start a field code
        if argument and _RESERVED.isdisjoint(argument):
            arguments.append(argument)
        else:
            arguments.append('"' + _QUOTED_ESCAPES.sub(r"\\\1", argument) + '"')
    line = " ".join(arguments)
    return line.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def desktop_entry(command: Sequence[str]) -> str:
    """The text of the autostart entry that runs `command` with --minimized."""
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Name=Replydesk",
        "Comment=Reply templates for freelancers, ready in the tray",
        f"Exec={exec_value([*command, MINIMIZED_FLAG])}",
        "Icon=replydesk",
        "Terminal=false",
        "X-GNOME-Autostart-enabled=true",
    ]
    return "\n".join(lines) + "\n"


def _entry_keys(path: Path) -> dict[str, str] | None:
    """The [Desktop Entry] group's keys, or None when the file cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    keys: dict[str, str] = {}
    group = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1]
        elif group == "Desktop Entry" and "=" in line:
            key, _equals, value = line.partition("=")
            keys[key.strip()] = value.strip()
    return keys


def _is_active(keys: dict[str, str]) -> bool:
    # Desktops disable an entry with Hidden=true (the spec) or X-GNOME-Autostart-enabled=false.
    return (
        keys.get("Hidden", "false") != "true"
        and keys.get("X-GNOME-Autostart-enabled", "true") != "false"
    )


def _system_entries() -> list[Path]:
    return [folder / "autostart" / ENTRY_NAME for folder in config_dirs()]


def is_enabled() -> bool:
    """True when Replydesk starts at login: the user's entry, or else a system-wide one
    (the user's entry overrides it), exists and is not switched off."""
    if not autostart_supported():
        return False
    for path in [entry_path(), *_system_entries()]:
        if path.exists():
            keys = _entry_keys(path)
            return keys is not None and _is_active(keys)
    return False


def enable(command: Sequence[str] | None = None) -> Path:
    """Start Replydesk at login, minimized to the tray; returns the entry's path.

    `command` starts Replydesk (default: `default_command()`); --minimized is added.
    Raises AutostartUnsupportedError on Windows and macOS (its message says what to do by
    hand) and AutostartError when the file cannot be written.
    """
    if not autostart_supported():
        raise AutostartUnsupportedError(manual_steps())
    text = desktop_entry(list(command) if command is not None else default_command())
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        raise AutostartError(
            _("the path to Replydesk is not valid UTF-8, so a login entry cannot name it")
        ) from None
    _write(entry_path(), data)
    return entry_path()


def disable() -> None:
    """Stop starting Replydesk at login. Nothing to do where autostart is not supported."""
    if not autostart_supported():
        return
    path = entry_path()
    try:
        if any(system.exists() for system in _system_entries()):
            # A system-wide entry cannot be removed by the user: hide it with an override.
            _write(path, b"[Desktop Entry]\nType=Application\nName=Replydesk\nHidden=true\n")
        else:
            path.unlink(missing_ok=True)
    except OSError as error:
        # Translators: {reason} is the system's reason ("Permission denied").
        message = _("cannot remove {path}: {reason}")
        raise AutostartError(message.format(path=path, reason=error.strerror or error)) from error


def _write(path: Path, data: bytes) -> None:
    """Write the whole file or nothing (a half-written entry could start nothing)."""
    try:
        write_atomically(path, data, mode=0o644)
    except OSError as error:
        # Translators: {reason} is the system's reason ("Permission denied").
        message = _("cannot write {path}: {reason}")
        raise AutostartError(message.format(path=path, reason=error.strerror or error)) from error
