"""Applying an import runs off the GUI thread: the window answers meanwhile, Cancel (or
closing) stops it with the store exactly as before, and a second import works after."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from replydesk.bench import make_library
from replydesk.core import merge
from replydesk.core.bundle import export_file, read_bundle
from replydesk.core.merge import Choice, MergePlan, plan_import
from replydesk.core.models import TemplateData
from replydesk.core.progress import Progress
from replydesk.core.store import TemplateStore
from replydesk.ui.import_dialog import ImportDialog

WAIT_MS = 60_000  # a bound for a busy machine, never a timing expectation
TEMPLATES = 2_000
HOLD_AT = 500  # templates written (inside the transaction) before the import is held


class HeldProgress(Progress):
    """The task's progress, held once the import has written HOLD_AT templates until
    `gate` opens: the test acts while the import is surely half-way, however fast the
    machine. Cancelling still goes through to the task's own progress."""

    def __init__(self, inner: Progress, gate: threading.Event) -> None:
        super().__init__()
        self._inner = inner
        self._gate = gate
        self.held = threading.Event()

    def step(self, done: int, total: int = 0, what: str = "") -> None:
        self._inner.step(done, total, what)
        if what == "Importing" and done >= HOLD_AT and not self.held.is_set():
            self.held.set()
            self._gate.wait(WAIT_MS / 1000)

    def check(self) -> None:
        self._inner.check()


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Holds every import half-way through its transaction until the test opens the gate."""
    opened = threading.Event()
    real: Callable[..., Any] = merge.apply_plan

    def held(store: TemplateStore, plan: MergePlan, progress: Progress) -> Any:
        assert threading.current_thread() is not threading.main_thread()
        return real(store, plan, HeldProgress(progress, opened))

    monkeypatch.setattr(merge, "apply_plan", held)
    yield opened
    opened.set()


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A teammate's file of TEMPLATES templates, all new to `library_store` (made once:
    the tests only read it)."""
    tmp_path = tmp_path_factory.mktemp("teammate")
    teammate = TemplateStore(tmp_path / "teammate.sqlite3", tmp_path / "teammate-backups")
    try:
        teammate.create_templates(make_library(TEMPLATES, seed=11))
        path = tmp_path / "team.replydesk"
        export_file(teammate, path)
    finally:
        teammate.close()
    return path


@pytest.fixture
def dialog(qtbot: QtBot, library_store: TemplateStore, big_file: Path) -> ImportDialog:
    shown = ImportDialog(library_store, plan_import(library_store, read_bundle(big_file)))
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _snapshot(store: TemplateStore) -> list[tuple[str, int]]:
    """Every template's id and revision, the trash's too."""
    return sorted((row.id, row.revision) for row in store.list_templates(include_deleted=True))


def _press(qtbot: QtBot, button: Any) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_typing_elsewhere_arrives_while_the_import_is_applied(
    qtbot: QtBot, dialog: ImportDialog, library_store: TemplateStore, gate: threading.Event
) -> None:
    before = library_store.count_templates()
    elsewhere = QLineEdit()
    qtbot.addWidget(elsewhere)
    elsewhere.show()
    qtbot.waitExposed(elsewhere)
    _press(qtbot, dialog.import_button)
    assert dialog.is_applying()
    # The choices wait; Cancel does not; the progress shows how far it is.
    assert not dialog.table.isEnabled() and not dialog.import_button.isEnabled()
    assert dialog.cancel_button.isEnabled()
    assert dialog.progress_bar.isVisible()
    qtbot.waitUntil(lambda: dialog.progress_bar.value() >= HOLD_AT, timeout=WAIT_MS)
    assert dialog.progress_bar.maximum() == TEMPLATES

    elsewhere.activateWindow()
    elsewhere.setFocus()
    qtbot.keyClicks(elsewhere, "typed meanwhile")
    qtbot.waitUntil(lambda: elsewhere.text() == "typed meanwhile")
    assert dialog.is_applying()  # the typing arrived before the import finished
    assert library_store.count_templates() == before  # nothing committed yet

    with qtbot.waitSignal(dialog.imported, timeout=WAIT_MS) as blocker:
        gate.set()
    assert getattr(blocker.args[0], "added", None) == TEMPLATES
    assert library_store.count_templates() == before + TEMPLATES
    assert not dialog.isVisible()


def test_cancel_half_way_leaves_the_store_exactly_as_before_then_importing_again_works(
    qtbot: QtBot, dialog: ImportDialog, library_store: TemplateStore, gate: threading.Event
) -> None:
    before = _snapshot(library_store)
    imported: list[object] = []
    dialog.imported.connect(imported.append)
    _press(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: dialog.progress_bar.value() >= HOLD_AT, timeout=WAIT_MS)

    _press(qtbot, dialog.cancel_button)
    assert dialog.isVisible()  # it stays open to say what happened
    gate.set()
    qtbot.waitUntil(lambda: not dialog.is_applying(), timeout=WAIT_MS)

    assert dialog.progress_label.text() == "Cancelled: nothing was changed"
    assert dialog.progress_label.isVisible() and not dialog.progress_bar.isVisible()
    assert not dialog.problem.isVisible()  # a cancel is not a problem
    assert imported == []
    assert _snapshot(library_store) == before
    assert dialog.table.isEnabled() and dialog.import_button.isEnabled()

    with qtbot.waitSignal(dialog.imported, timeout=WAIT_MS):
        _press(qtbot, dialog.import_button)
    assert library_store.count_templates() == len(before) + TEMPLATES


def test_closing_while_applying_cancels_the_same_way(
    qtbot: QtBot, dialog: ImportDialog, library_store: TemplateStore, gate: threading.Event
) -> None:
    before = _snapshot(library_store)
    finished: list[int] = []
    dialog.finished.connect(finished.append)
    _press(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: dialog.progress_bar.value() >= HOLD_AT, timeout=WAIT_MS)

    dialog.close()  # the window's close button
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert finished == []
    gate.set()
    qtbot.waitUntil(lambda: not dialog.is_applying(), timeout=WAIT_MS)
    assert dialog.progress_label.text() == "Cancelled: nothing was changed"
    assert _snapshot(library_store) == before

    dialog.close()  # idle again: it closes, with nothing imported
    assert not dialog.isVisible()
    assert len(finished) == 1


def test_a_refused_import_says_why_in_place_and_keeps_the_choices(
    qtbot: QtBot, dialog: ImportDialog, library_store: TemplateStore, gate: threading.Event
) -> None:
    last = dialog.model.item_at(dialog.model.rowCount() - 1).incoming
    # Made here after the preview: when the import reaches it, it must not write over it.
    library_store.create_templates([TemplateData(**_data_of(last))])
    before = _snapshot(library_store)
    choices = [item.choice for item in dialog.model.items()]
    _press(qtbot, dialog.import_button)
    gate.set()
    qtbot.waitUntil(lambda: not dialog.is_applying(), timeout=WAIT_MS)

    assert dialog.isVisible()
    assert dialog.problem.text().startswith("Nothing was imported:")
    assert "changed since the import was previewed" in dialog.problem.text()
    assert _snapshot(library_store) == before
    assert [item.choice for item in dialog.model.items()] == choices
    assert dialog.import_button.isEnabled()


def _data_of(incoming: Any) -> dict[str, Any]:
    return {
        "id": incoming.id,
        "name": incoming.name + " (made here)",
        "kind": incoming.kind,
        "language": incoming.language,
        "body": incoming.body,
    }


def test_a_big_file_opens_with_combo_boxes_on_the_rows_in_sight(
    qtbot: QtBot, dialog: ImportDialog
) -> None:
    """Every row a person can see offers its choices; rows out of sight cost no widget."""
    action = dialog.model.ACTION

    def combos() -> list[int]:
        rows = range(dialog.model.rowCount())
        return [r for r in rows if dialog.table.indexWidget(dialog.model.index(r, action))]

    assert 0 in combos()
    assert len(combos()) < TEMPLATES // 10
    dialog.table.scrollToBottom()
    last = dialog.model.rowCount() - 1
    qtbot.waitUntil(lambda: last in combos())
    assert 0 not in combos()
    dialog.table.selectRow(last)
    combo = dialog.table.indexWidget(dialog.model.index(last, action))
    assert isinstance(combo, QComboBox)
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # "Add" → "Skip"
    assert dialog.model.item_at(last).choice is Choice.MINE
    assert "skipping 1 new" in dialog.outcome.text()
