"""ExportDialog: choose what and how, then the export is written off the GUI thread, with
progress and Cancel; a cancel or a failure leaves the target as it was."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from replydesk.core import bundle
from replydesk.core.bundle import read_bundle
from replydesk.core.models import TemplateData
from replydesk.core.progress import Progress
from replydesk.core.store import TemplateStore
from replydesk.ui import export_dialog
from replydesk.ui.export_dialog import ExportDialog
from replydesk.ui.style import error_color

WAIT_MS = 60_000  # a bound for a busy machine, never a timing expectation


class HeldProgress(Progress):
    """The task's progress, held at its `hold_at`th step until `gate` opens: the test acts
    while the work is surely running, however fast the machine."""

    def __init__(self, inner: Progress, gate: threading.Event, hold_at: int = 1) -> None:
        super().__init__()
        self._inner = inner
        self._gate = gate
        self._hold_at = hold_at
        self._steps = 0
        self.reached = threading.Event()

    def step(self, done: int, total: int = 0, what: str = "") -> None:
        self._inner.step(done, total, what)
        self._steps += 1
        if self._steps == self._hold_at:
            self.reached.set()
            self._gate.wait(WAIT_MS / 1000)

    def check(self) -> None:
        self._inner.check()


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Holds every export at its first step until the test opens the gate."""
    opened = threading.Event()

    def held(real: Callable[..., int]) -> Callable[..., int]:
        def write(store: TemplateStore, target: Path, *, progress: Progress, **kw: Any) -> int:
            assert threading.current_thread() is not threading.main_thread()
            return real(store, target, progress=HeldProgress(progress, opened), **kw)

        return write

    monkeypatch.setattr(bundle, "export_file", held(bundle.export_file))
    monkeypatch.setattr(bundle, "export_folder", held(bundle.export_folder))
    yield opened
    opened.set()


@pytest.fixture
def target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the dialog is told to write (the file chooser replaced)."""
    chosen = tmp_path / "out" / "team.replydesk"
    chosen.parent.mkdir()
    monkeypatch.setattr(export_dialog, "choose_target", lambda parent, folder: chosen)
    return chosen


def _open(qtbot: QtBot, store: TemplateStore, template_id: str | None = None) -> ExportDialog:
    dialog = ExportDialog(store, template_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _english_ids(store: TemplateStore) -> list[str]:
    return [row.id for row in store.list_templates(language="en")]


def test_this_template_is_written_to_the_chosen_file(
    qtbot: QtBot, library_store: TemplateStore, target: Path
) -> None:
    one = _english_ids(library_store)[0]
    dialog = _open(qtbot, library_store, one)
    assert dialog.this_one.isChecked()
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS) as sent:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert sent.args[0].startswith("Exported 1 template to ")
    assert [t.id for t in read_bundle(target).templates] == [one]
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_one_language_as_a_folder(
    qtbot: QtBot, library_store: TemplateStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "repo"
    monkeypatch.setattr(export_dialog, "choose_target", lambda parent, as_folder: folder)
    dialog = _open(qtbot, library_store)
    qtbot.mouseClick(dialog.by_language, Qt.MouseButton.LeftButton)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    qtbot.mouseClick(dialog.as_folder, Qt.MouseButton.LeftButton)
    assert not dialog.with_orders.isEnabled()
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert len(list(folder.glob("en/*.md"))) == len(_english_ids(library_store))


def test_while_exporting_the_choices_wait_and_the_window_answers(
    qtbot: QtBot, library_store: TemplateStore, target: Path, gate: threading.Event
) -> None:
    elsewhere = QLineEdit()
    qtbot.addWidget(elsewhere)
    elsewhere.show()
    dialog = _open(qtbot, library_store)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.is_exporting()
    assert dialog.progress_bar.isVisible()
    assert not dialog.export_button.isEnabled()
    assert not dialog.everything.isEnabled() and not dialog.as_folder.isEnabled()
    assert dialog.cancel_button.isEnabled()
    elsewhere.activateWindow()
    elsewhere.setFocus()
    qtbot.keyClicks(elsewhere, "typed meanwhile")
    qtbot.waitUntil(lambda: elsewhere.text() == "typed meanwhile")
    assert dialog.is_exporting()  # the typing arrived while the export was still running
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS):
        gate.set()
    assert target.exists()


def test_cancel_while_exporting_writes_nothing_and_a_second_export_works(
    qtbot: QtBot, library_store: TemplateStore, target: Path, gate: threading.Event
) -> None:
    dialog = _open(qtbot, library_store)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # it stays open to say what happened
    gate.set()
    qtbot.waitUntil(lambda: not dialog.is_exporting(), timeout=WAIT_MS)
    assert dialog.progress_label.text() == "Cancelled: nothing was changed"
    assert not target.exists()
    assert list(target.parent.iterdir()) == []  # no half-written file aside either
    assert dialog.export_button.isEnabled() and dialog.everything.isEnabled()
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert len(read_bundle(target).templates) == library_store.count_templates()


def test_closing_while_exporting_cancels_it_the_same_way(
    qtbot: QtBot, library_store: TemplateStore, target: Path, gate: threading.Event
) -> None:
    dialog = _open(qtbot, library_store)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    dialog.close()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    gate.set()
    qtbot.waitUntil(lambda: not dialog.is_exporting(), timeout=WAIT_MS)
    assert dialog.progress_label.text() == "Cancelled: nothing was changed"
    assert not target.exists()
    dialog.close()  # idle: it closes
    assert not dialog.isVisible()


def test_a_failed_export_says_why_in_the_problem_red(
    qtbot: QtBot, library_store: TemplateStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    where = tmp_path / "a-folder-in-the-way.replydesk"
    where.mkdir()
    monkeypatch.setattr(export_dialog, "choose_target", lambda parent, folder: where)
    dialog = _open(qtbot, library_store)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.problem.isVisible, timeout=WAIT_MS)
    assert dialog.problem.text().startswith("Not exported: cannot write")
    palette = dialog.problem.palette()
    assert palette.color(QPalette.ColorRole.WindowText) == error_color(palette)
    assert dialog.problem.textFormat() == Qt.TextFormat.PlainText
    assert dialog.isVisible() and dialog.export_button.isEnabled()


def test_an_ampersand_in_the_name_is_shown_not_taken_as_a_mnemonic(
    qtbot: QtBot, library_store: TemplateStore
) -> None:
    made = library_store.create_template(
        TemplateData(name="Tom & Jerry", kind="greeting", language="en", body="x")
    )
    dialog = _open(qtbot, library_store, made.id)
    assert dialog.this_one.text() == "&This template: Tom && Jerry"
