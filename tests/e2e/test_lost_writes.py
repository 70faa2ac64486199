"""No acknowledged write is lost when two processes write the same template.

Each test writes from a real `python -m replydesk` process (exit 0: acknowledged) while
something in this test process holds an older copy of the template, then writes from
here, and checks that the process's write is still in the database (or, where both
wrote the same part, that the user was asked and nothing vanished without a word).
Add more two-process cases here, one test function each.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from writers import START_TIMEOUT, child_env

from replydesk.core import paths
from replydesk.core.models import TemplateData, TemplateRow
from replydesk.core.store import TemplateStore
from replydesk.ui import editor as editor_module
from replydesk.ui.editor import ChangedElsewhereDialog, TemplateEditor

OPENED_BODY = "Hi {{ client_name }},\n\nthanks for the order.\n"
CLI_BODY = "Hi {{ client_name }},\n\nwritten by the command line.\n"
EDITOR_BODY = "Hi {{ client_name }},\n\nwritten in the editor.\n"


def replydesk_process(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m replydesk ARGS` on `data_dir` in a process of its own, to its end."""
    return subprocess.run(
        [sys.executable, "-m", "replydesk", *args],
        env=child_env(data_dir),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=START_TIMEOUT * 2,
        check=False,
    )


def cli_edit_body(data_dir: Path, template_id: str, body: str) -> None:
    """`replydesk edit ID --body-file F` in a real process; fails unless it exits 0."""
    body_file = data_dir.parent / "new-body.md"
    body_file.write_text(body, encoding="utf-8")
    result = replydesk_process(data_dir, "edit", template_id, "--body-file", str(body_file))
    assert result.returncode == 0, result.stderr
    assert "revision" in result.stdout


class Asked:
    """Stands in for the editor's questions (a real one would wait for a click)."""

    def __init__(self, reply: str = "cancel") -> None:
        self.reply = reply
        self.asked: list[tuple[str, tuple[str, ...], str | None]] = []

    def __call__(
        self, parent: object, name: str, parts: tuple[str, ...] = (), *, gone: str | None = None
    ) -> str:
        self.asked.append((name, tuple(parts), gone))
        return self.reply


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Asked:
    fake = Asked()
    monkeypatch.setattr(ChangedElsewhereDialog, "ask", fake)
    monkeypatch.setattr(editor_module, "ask_discard", lambda parent: "discard")
    return fake


@pytest.fixture
def window_store(data_dir: Path) -> Iterator[TemplateStore]:
    """The store of the window, in this process, on the test's data folder."""
    with TemplateStore(paths.database_path(), paths.backup_dir()) as opened:
        yield opened


@pytest.fixture
def template(window_store: TemplateStore) -> TemplateRow:
    return window_store.create_template(
        TemplateData(name="Thanks", kind="greeting", language="en", body=OPENED_BODY)
    )


def open_editor(qtbot: QtBot, store: TemplateStore, template_id: str) -> TemplateEditor:
    editor = TemplateEditor(store, template_id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def test_cli_body_survives_rename_in_editor(
    qtbot: QtBot,
    data_dir: Path,
    window_store: TemplateStore,
    template: TemplateRow,
    asked: Asked,
) -> None:
    editor = open_editor(qtbot, window_store, template.id)
    cli_edit_body(data_dir, template.id, CLI_BODY)

    editor.name_edit.setFocus()
    editor.name_edit.selectAll()
    qtbot.keyClicks(editor.name_edit, "Thanks, renamed")
    with qtbot.waitSignal(editor.saved):
        editor.save_button.click()

    assert asked.asked == []
    with TemplateStore(paths.database_path()) as reader:  # a fresh look at the file
        stored = reader.get_template(template.id)
    assert (stored.name, stored.body) == ("Thanks, renamed", CLI_BODY)
    assert stored.revision == template.revision + 2
    assert "Merged with a change made elsewhere: body" in editor.problem_label.text()


def test_cli_body_survives_body_edit_in_editor_saved_as_a_copy(
    qtbot: QtBot,
    data_dir: Path,
    window_store: TemplateStore,
    template: TemplateRow,
    asked: Asked,
) -> None:
    editor = open_editor(qtbot, window_store, template.id)
    cli_edit_body(data_dir, template.id, CLI_BODY)

    editor.body_edit.setPlainText(EDITOR_BODY)
    asked.reply = "copy"
    with qtbot.waitSignal(editor.saved) as saved:
        editor.save_button.click()

    assert asked.asked == [("Thanks", ("body",), None)]
    with TemplateStore(paths.database_path()) as reader:
        original = reader.get_template(template.id)
        copy = reader.get_template(saved.args[0])
    assert original.body == CLI_BODY
    assert (copy.name, copy.body) == ("Thanks (copy)", EDITOR_BODY)
