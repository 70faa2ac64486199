"""Put Replydesk in the desktop's application menu (freedesktop systems).

`install_desktop()` writes `$XDG_DATA_HOME/applications/replydesk.desktop`, made from
`resources/replydesk.desktop` with Exec pointing at this installation, and the icon
`$XDG_DATA_HOME/icons/hicolor/scalable/apps/replydesk.svg`; `uninstall_desktop()` removes
both. Windows and macOS have no such menu entry: the error says what to do instead.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from replydesk.core.autostart import default_command, exec_value
from replydesk.core.errors import ReplydeskError
from replydesk.core.files import write_atomically
from replydesk.core.i18n import N_, _
from replydesk.core.paths import data_home
from replydesk.core.shipped import resources_dir

ENTRY_NAME = "replydesk.desktop"
ICON_NAME = "replydesk.svg"

# What to do instead (translated where raised: _refuse_unsupported).
# Translators: "Show more options", "Create shortcut" and the folder are what Windows shows:
# keep them as Windows names them in your language.
WINDOWS_STEPS = N_(
    "Replydesk cannot add itself to the Start menu on Windows yet. To do it by hand: "
    "right-click replydesk.exe (in the Scripts folder of the Python you installed it with), "
    "choose Show more options → Create shortcut, and move the shortcut to "
    "%APPDATA%\\Microsoft\\Windows\\Start Menu\\Programs."
)
# Translators: use the names macOS shows in your language for its menus.
MACOS_STEPS = N_(
    "Replydesk cannot add itself to Applications on macOS yet. Start it with the replydesk "
    "command, or keep it in the Dock while it runs (right-click its icon → Options → "
    "Keep in Dock)."
)
# Refreshing a cache is a courtesy to the desktop; it must never hold up the install.
_CACHE_TIMEOUT = 10


class DesktopEntryError(ReplydeskError):
    """The application-menu entry cannot be written or removed."""


def _platform() -> str:
    # One place to ask, so tests can pretend to be another system.
    return sys.platform


def _refuse_unsupported() -> None:
    platform = _platform()
    if platform.startswith(("win32", "cygwin")):
        raise DesktopEntryError(_(WINDOWS_STEPS))
    if platform.startswith("darwin"):
        raise DesktopEntryError(_(MACOS_STEPS))


def entry_path() -> Path:
    """Where the user's menu entry goes (whether or not it exists)."""
    return data_home() / "applications" / ENTRY_NAME


def icon_path() -> Path:
    """Where the user's copy of the app icon goes (whether or not it exists)."""
    return data_home() / "icons" / "hicolor" / "scalable" / "apps" / ICON_NAME


def entry_text(command: Sequence[str], template: str) -> str:
    """`template` (the shipped desktop entry) with every Exec key running `command`.

    The shipped entry says `Exec=replydesk [ARGS]`; the first word becomes `command`
    (quoted as the Desktop Entry spec requires) and the ARGS follow it.
    """
    lines = []
    for line in template.splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip() == "Exec":
            line = f"Exec={exec_value([*command, *value.split()[1:]])}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def install_desktop(command: Sequence[str] | None = None) -> list[Path]:
    """Add Replydesk to the application menu; returns the files written.

    `command` starts Replydesk (default: this installation's script or frozen executable).
    Raises DesktopEntryError on Windows and macOS (saying what to do instead) and when a
    file cannot be read or written.
    """
    _refuse_unsupported()
    command = list(command) if command is not None else default_command()
    resources = resources_dir()
    try:
        template = (resources / ENTRY_NAME).read_text(encoding="utf-8")
        icon = (resources / "icons" / ICON_NAME).read_bytes()
    except OSError as error:
        # Translators: {reason} is the system's reason ("No such file or directory").
        message = _("cannot read the shipped entry or icon: {reason}")
        raise DesktopEntryError(message.format(reason=error.strerror or error)) from error
    try:
        data = entry_text(command, template).encode("utf-8")
    except UnicodeEncodeError:
        raise DesktopEntryError(
            _("the path to Replydesk is not valid UTF-8, so a menu entry cannot name it")
        ) from None
    written = []
    for path, content in ((icon_path(), icon), (entry_path(), data)):
        try:
            write_atomically(path, content, mode=0o644)
        except OSError as error:
            # Translators: {reason} is the system's reason ("Permission denied").
            message = _("cannot write {path}: {reason}")
            raise DesktopEntryError(
                message.format(path=path, reason=error.strerror or error)
            ) from error
        written.append(path)
    _refresh_caches()
    return written


def uninstall_desktop() -> list[Path]:
    """Take Replydesk out of the application menu; returns the files removed (none when
    it was not there). Raises DesktopEntryError on Windows and macOS, and when a file
    cannot be removed."""
    _refuse_unsupported()
    removed = []
    for path in (entry_path(), icon_path()):
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            # Translators: {reason} is the system's reason ("Permission denied").
            message = _("cannot remove {path}: {reason}")
            raise DesktopEntryError(
                message.format(path=path, reason=error.strerror or error)
            ) from error
        removed.append(path)
    if removed:
        _refresh_caches()
    return removed


def _refresh_caches() -> None:
    """Tell the desktop about the change where its cache tools are installed; a failure
    only delays the menu until the next login, so it is ignored."""
    commands = (
        ("update-desktop-database", "-q", str(entry_path().parent)),
        ("gtk-update-icon-cache", "-q", "-t", "-f", str(data_home() / "icons" / "hicolor")),
    )
    for program, *arguments in commands:
        found = shutil.which(program)
        if not found:
            continue
        try:
            subprocess.run(
                [found, *arguments],
                check=False,
                capture_output=True,
                timeout=_CACHE_TIMEOUT,
            )
        except (OSError, subprocess.SubprocessError):
            continue
