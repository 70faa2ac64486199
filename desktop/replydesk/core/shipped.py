"""The folders shipped with the app (the library, rules, icons, translations): inside the
wheel, or at the top of the source tree. Depends on nothing, so anything may use it."""

from __future__ import annotations

from pathlib import Path


def package_data_dir(name: str) -> Path:
    """A folder shipped with the app: inside the wheel, or at the top of the source tree."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "data" / name
    if installed.is_dir():
        return installed
    return here.parent.parent / name


def resources_dir() -> Path:
    return package_data_dir("resources")


def templates_dir() -> Path:
    return package_data_dir("templates")


__all__ = ["package_data_dir", "resources_dir", "templates_dir"]
