"""The double-click app: build it with the packaging recipe and start the built executable."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "packaging" / "dist" / "Replydesk" / "Replydesk"


@pytest.fixture(scope="module")
def built_app() -> Path:
    pytest.importorskip("PyInstaller")
    if sys.platform != "linux":
        pytest.skip("the test builds the Linux folder; see README for Windows and macOS")
    result = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build")],
        env={**os.environ, "PYTHON": sys.executable, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return APP


def test_built_app_prints_its_version(built_app: Path) -> None:
    result = subprocess.run(
        [str(built_app), "--version"], capture_output=True, text=True, timeout=60, check=True
    )
    from replydesk import __version__

    assert result.stdout.strip() == f"replydesk {__version__}"


def test_built_app_passes_the_smoke_test_without_the_source_tree(built_app: Path) -> None:
    with tempfile.TemporaryDirectory() as elsewhere:
        env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "DISPLAY"}}
        env |= {"QT_QPA_PLATFORM": "offscreen", "REPLYDESK_DATA_DIR": f"{elsewhere}/data"}
        result = subprocess.run(
            [str(built_app), "--smoke-test"],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("smoke test passed: rendered")


def test_built_folder_leaves_out_unused_qt_modules(built_app: Path) -> None:
    internal = built_app.parent / "_internal" / "PySide6"
    modules = {p.name.split(".")[0] for p in internal.glob("Qt*.abi3.so")}
    assert modules == {"QtCore", "QtGui", "QtWidgets", "QtNetwork", "QtSvg"}
