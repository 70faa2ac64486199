"""Where Replydesk keeps its files (one override: REPLYDESK_DATA_DIR), and the desktop's
folders it writes into (the XDG ones)."""

from __future__ import annotations

import os
from pathlib import Path

from replydesk.core.errors import StoreError
from replydesk.core.i18n import gettext

APP_NAME = "Replydesk"
DATA_DIR_ENV = "REPLYDESK_DATA_DIR"
DATABASE_NAME = "replydesk.sqlite3"
BACKUP_FOLDER = "backups"


class FolderError(StoreError, OSError):
    """A folder Replydesk needs cannot be made: a file (or a broken link) is in its place,
    or its parent cannot be written. An OSError too, so that callers that only need the
    folder at best (the log) keep working without it."""


def ensure_folder(path: Path) -> Path:
    """`path`, created (with its parents) when missing; FolderError, one sentence naming the
    path, when something else than a folder is there or it cannot be created."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        pass  # a file where a folder should be (this one or a parent): named below
    except OSError as error:
        # Translators: {reason} is the system's reason ("Permission denied").
        message = gettext("cannot create the folder {path}: {reason}")
        raise FolderError(message.format(path=path, reason=error.strerror or error)) from None
    if path.is_dir():
        return path
    if path.is_symlink() and not path.exists():
        message = gettext("{path} is a link to a folder that does not exist: remove it or fix it")
        raise FolderError(message.format(path=path))
    # A part of the path may be the file (the data folder itself, say): name that one.
    blocking = next((part for part in (path, *path.parents) if part.exists()), path)
    if blocking.is_dir():  # a component vanished meanwhile: nothing sensible to name
        blocking = path
    message = gettext("{path} is a file, not a folder: move it away")
    raise FolderError(message.format(path=blocking))


def data_dir() -> Path:
    """The user's data folder, created on first use (FolderError when it cannot be)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        path = Path(override).expanduser()
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return ensure_folder(path)


def database_path() -> Path:
    return data_dir() / DATABASE_NAME


def backup_dir(*, create: bool = True) -> Path:
    """The backup folder. `create`: made now, FolderError when it cannot be (a file named
    `backups`, say: the backup commands say so). Without, only named: opening the database
    must not depend on it (backups.backup_connection makes it when a backup is written)."""
    path = data_dir() / BACKUP_FOLDER
    return ensure_folder(path) if create else path


def log_dir() -> Path:
    """Logs go beside the data when the folder is overridden, else to the platform's log folder."""
    if os.environ.get(DATA_DIR_ENV):
        path = data_dir() / "logs"
    else:
        import platformdirs

        path = Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def _xdg_home(variable: str, default: Path) -> Path:
    # The XDG Base Directory spec: a relative path in the variable is invalid, ignored.
    value = os.environ.get(variable, "")
    return Path(value) if value and os.path.isabs(value) else default


def config_home() -> Path:
    """The freedesktop config folder ($XDG_CONFIG_HOME, else ~/.config): where the login
    session looks for autostart entries."""
    return _xdg_home("XDG_CONFIG_HOME", Path.home() / ".config")


def config_dirs() -> list[Path]:
    """The system-wide freedesktop config folders ($XDG_CONFIG_DIRS, else /etc/xdg)."""
    value = os.environ.get("XDG_CONFIG_DIRS", "") or "/etc/xdg"
    return [Path(part) for part in value.split(":") if part and os.path.isabs(part)]


def data_home() -> Path:
    """The freedesktop data folder ($XDG_DATA_HOME, else ~/.local/share): where the
    application menu and icon themes look for the user's own entries."""
    return _xdg_home("XDG_DATA_HOME", Path.home() / ".local" / "share")
