"""Where Replydesk keeps its files: one module, one override (REPLYDESK_DATA_DIR)."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "Replydesk"
DATA_DIR_ENV = "REPLYDESK_DATA_DIR"
DATABASE_NAME = "replydesk.sqlite3"


def data_dir() -> Path:
    """The user's data folder, created on first use."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        path = Path(override).expanduser()
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path() -> Path:
    return data_dir() / DATABASE_NAME


def backup_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    """Logs go beside the data when the folder is overridden, else to the platform's log folder."""
    if os.environ.get(DATA_DIR_ENV):
        path = data_dir() / "logs"
    else:
        import platformdirs

        path = Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def package_data_dir(name: str) -> Path:
    """A folder shipped with the app: inside the wheel, or at the top of the source tree."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "data" / name
    if installed.is_dir():
        return installed
    return here.parent.parent / name


def templates_dir() -> Path:
    return package_data_dir("templates")


def resources_dir() -> Path:
    return package_data_dir("resources")
