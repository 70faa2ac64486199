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
    [["ruff", "check", "."], ["ruff", "format", "--check", "."]],
    ids=["ruff-check", "ruff-format"],
)
def test_ruff_is_clean(args: list[str]) -> None:
    result = subprocess.run([*_tool("ruff"), *args[1:]], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_names_only_files_that_exist() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    named = set(
        re.findall(r"(?<![\w.-])((?:\.ci|desktop|tests|scripts|packaging|docs)/[\w./-]+)", ci)
    )
    named |= set(re.findall(r"(?<![/\w.-])[\w-]+\.(?:txt|toml|py)\b", ci))
    assert named, "expected .ci/run to name the files it uses"
    assert sorted(name for name in named if not (ROOT / name).exists()) == []


def _lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[_normal(name)] = version
    return pins


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_environment_is_installed_from_the_lock() -> None:
    """Every installed distribution is the lock's version, and the lock has nothing else."""
    from importlib import metadata

    installed = {
        _normal(dist.metadata["Name"]): dist.version
        for dist in metadata.distributions()
        if _normal(dist.metadata["Name"]) not in {"replydesk", "pip", "setuptools", "wheel"}
    }
    pins = _lock()
    assert {name: v for name, v in installed.items() if pins.get(name) != v} == {}
    assert sorted(set(pins) - set(installed)) == []


def test_the_build_backend_is_pinned_like_the_lock() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    backend = re.search(r'^requires = \["hatchling==([^"]+)"\]$', pyproject, re.M)
    assert backend, "the build backend must be pinned exactly"
    assert backend.group(1) == _lock()["hatchling"]


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
