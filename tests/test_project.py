"""Project-wide checks: lint, types, and the README agreeing with CI."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_readme_test_command_is_what_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = re.search(r"^TEST_COMMAND='(.+)'$", ci, re.M)
    assert command, ".ci/run must define TEST_COMMAND"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"\n{command.group(1)}\n" in readme


def _tool(name: str) -> list[str]:
    if shutil.which(name) is None and not (Path(sys.executable).parent / name).exists():
        pytest.skip(f"{name} is not installed")
    return [sys.executable, "-m", name]


@pytest.mark.parametrize(
    "args",
    [
        ["ruff", "check", "desktop", "tests", "scripts"],
        ["ruff", "format", "--check", "desktop", "tests", "scripts"],
    ],
    ids=["ruff-check", "ruff-format"],
)
def test_ruff_is_clean(args: list[str]) -> None:
    result = subprocess.run([*_tool("ruff"), *args[1:]], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    result = subprocess.run(_tool("mypy"), cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_never_imports_qt() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "desktop" / "replydesk" / "core").rglob("*.py")
        if re.search(
            r"^\s*(from|import)\s+(PySide6|shiboken6|replydesk\.ui)", path.read_text("utf-8"), re.M
        )
    ]
    assert offenders == []
