"""The catalogues are complete: every message of the code and the checker's rules is
translated in every language, none fuzzy, with the source's placeholders, and compiled."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from replydesk.core import i18n

ROOT = Path(__file__).resolve().parents[2]


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "scripts" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


TOOL = _tool()
TEMPLATE = TOOL.collect()


def test_every_language_the_app_offers_has_a_catalogue() -> None:
    assert set(TOOL.languages()) == set(i18n.LANGUAGES) - {i18n.SOURCE_LANGUAGE}


def test_the_code_has_messages_to_translate() -> None:
    assert len(TEMPLATE) > 300  # the extraction finds the marked messages


@pytest.mark.parametrize("code", sorted(set(i18n.LANGUAGES) - {i18n.SOURCE_LANGUAGE}))
def test_the_catalogue_is_complete_and_compiled(code: str) -> None:
    found = TOOL.problems(code, TEMPLATE)
    assert not found, f"{len(found)} problems, e.g.:\n" + "\n".join(found[:40])


@pytest.mark.parametrize(
    ("source", "translation", "same"),
    [
        ("Imported {count} of {total}", "Импортировано {total}: {count}", True),
        ("Imported {count} of {total}", "Импортировано {count}", False),
        ("{name!r} is taken", "{name!r} уже занято", True),
        ("{{literal}} {name}", "{{literal}} {name}", True),
        ("%(prog)s: error: %(message)s\n", "%(prog)s: chyba: %(message)s\n", True),
        ("%(prog)s: error: %(message)s\n", "%(prog)s: chyba\n", False),
        ("100% sure {name}", "100% biztos {name}", True),
    ],
)
def test_placeholders_are_compared_as_sets(source: str, translation: str, same: bool) -> None:
    assert (TOOL.placeholders(source) == TOOL.placeholders(translation)) is same


@pytest.mark.parametrize("source", sorted((ROOT / "resources" / "locale").glob("*/qtbase_*.ts")))
def test_our_qt_translations_are_compiled_from_their_sources(source: Path, tmp_path: Path) -> None:
    """Qt's own buttons and dialogs where PySide6 ships no translation: the `.qm` the app
    loads is what `pyside6-lrelease` makes of the `.ts` beside it."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    compiled = tmp_path / source.with_suffix(".qm").name
    done = subprocess.run(
        [str(lrelease), str(source), "-qm", str(compiled)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 unfinished" in done.stdout
    assert compiled.read_bytes() == source.with_suffix(".qm").read_bytes()
