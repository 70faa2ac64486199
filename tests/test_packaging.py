"""The wheel carries the library and the resources: an installed app needs no source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return next(out.glob("replydesk-*.whl"))


def test_wheel_contains_the_library_and_icons(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    library = [n for n in names if n.startswith("replydesk/data/templates/") and n.endswith(".md")]
    assert len([n for n in library if n.count("/") == 4]) >= 55
    assert "replydesk/data/resources/icons/replydesk.svg" in names
    assert not [n for n in names if n.startswith("tests/")]


def test_installed_wheel_finds_its_library_without_the_source_tree(
    wheel: Path, tmp_path: Path
) -> None:
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    env = {**os.environ, "PYTHONPATH": str(target), "REPLYDESK_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run(
        [sys.executable, "-m", "replydesk", "list", "--lang", "hu", "--json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count('"kind"') >= 11
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "from replydesk.core import shipped; print(shipped.templates_dir())",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert probe.stdout.strip().startswith(str(target))
