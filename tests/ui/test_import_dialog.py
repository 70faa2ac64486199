"""ImportDialog: review a teammate's file, choose per template, import (or not)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QComboBox, QDialog
from pytestqt.qtbot import QtBot

from replydesk.core.bundle import Bundle, IncomingTemplate, export_file, read_bundle
from replydesk.core.library import sync_builtin
from replydesk.core.merge import Choice, MergePlan, Status, plan_import
from replydesk.core.models import TemplateData
from replydesk.core.store import TemplateStore
from replydesk.ui.import_dialog import DiffHighlighter, ImportDialog, MergePlanModel

M = MergePlanModel
MY_LINE = "P.S. My own closing line."
THEIR_LINE = "P.S. Dana's closing line."
NEW_BODY = "Here is my portfolio: {{ portfolio_link }}"


@dataclass
class Scenario:
    """Both sides of an import: my store, the teammate's file, and one template per status."""

    mine: TemplateStore
    file: Path
    update_id: str
    conflict_id: str
    identical_id: str
    new_id: str

    def plan(self) -> MergePlan:
        return plan_import(self.mine, read_bundle(self.file))

    def snapshot(self) -> list[tuple[str, str, int, str, bool]]:
        return sorted(
            (row.id, row.name, row.revision, row.body, row.deleted_at is None)
            for row in self.mine.list_templates(include_deleted=True)
        )


@pytest.fixture
def teammate(tmp_path: Path) -> Iterator[TemplateStore]:
    """A teammate's own store, in another folder, with the same built-in library."""
    folder = tmp_path / "teammate"
    folder.mkdir()
    opened = TemplateStore(folder / "replydesk.db", folder / "backups")
    try:
        sync_builtin(opened)
        yield opened
    finally:
        opened.close()


def _english(store: TemplateStore, kind: str) -> str:
    return store.list_templates(kind=kind, language="en")[0].id


@pytest.fixture
def scenario(library_store: TemplateStore, teammate: TemplateStore, tmp_path: Path) -> Scenario:
    update_id = _english(library_store, "greeting")
    conflict_id = _english(library_store, "refund_offer")
    identical_id = _english(library_store, "delivery")
    # Update: the teammate edited it, I did not.
    theirs = teammate.get_template(update_id)
    teammate.update_template(update_id, body=theirs.body + "\n\nTalk soon!")
    # Conflict: both of us edited it.
    base = library_store.get_template(conflict_id).body
    library_store.update_template(conflict_id, body=f"{base}\n\n{MY_LINE}")
    teammate.update_template(conflict_id, body=f"{base}\n\n{THEIR_LINE}")
    # New: only the teammate has it.
    new = teammate.create_template(
        TemplateData(name="Portfolio link", kind="greeting", language="en", body=NEW_BODY)
    )
    file = tmp_path / "from-dana.replydesk"
    export_file(teammate, file, ids=[update_id, conflict_id, identical_id, new.id])
    return Scenario(library_store, file, update_id, conflict_id, identical_id, new.id)


@pytest.fixture
def dialog(qtbot: QtBot, scenario: Scenario) -> ImportDialog:
    shown = ImportDialog(scenario.mine, scenario.plan())
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _row_of(dialog: ImportDialog, template_id: str) -> int:
    for row, item in enumerate(dialog.model.items()):
        if item.incoming.id == template_id:
            return row
    raise AssertionError(f"{template_id} is not in the table")


def _cell(dialog: ImportDialog, template_id: str, column: int) -> str:
    return dialog.model.index(_row_of(dialog, template_id), column).data()


def _import(qtbot: QtBot, dialog: ImportDialog) -> object:
    with qtbot.waitSignal(dialog.imported, timeout=5000) as blocker:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    return blocker.args[0]


# -- the plan as the user sees it -----------------------------------------------------------


def test_the_scenario_yields_each_status(scenario: Scenario) -> None:
    statuses = {item.incoming.id: item.status for item in scenario.plan().items}
    assert statuses == {
        scenario.update_id: Status.UPDATE,
        scenario.conflict_id: Status.CONFLICT,
        scenario.identical_id: Status.IDENTICAL,
        scenario.new_id: Status.NEW,
    }


def test_the_model_passes_the_model_tester(qtmodeltester, scenario: Scenario) -> None:
    model = MergePlanModel(scenario.plan())
    qtmodeltester.check(model)
    model.set_choice(0, Choice.THEIRS)
    model.choose_all(Choice.BOTH)
    qtmodeltester.check(model)


def test_title_and_summary_count_each_status(dialog: ImportDialog) -> None:
    assert dialog.windowTitle() == "Import templates — from-dana.replydesk"
    assert dialog.summary.text() == "4 templates: 1 new, 1 update, 1 conflict, 1 identical"


def test_conflicts_come_first_then_updates_new_identical(
    dialog: ImportDialog, scenario: Scenario
) -> None:
    statuses = [dialog.model.index(row, M.STATUS).data() for row in range(4)]
    assert statuses == ["Conflict", "Update", "New", "Identical"]
    assert _cell(dialog, scenario.new_id, M.NAME) == "Portfolio link"
    assert _cell(dialog, scenario.new_id, M.KIND) == "Greeting"
    assert _cell(dialog, scenario.new_id, M.LANGUAGE) == "English"


def test_default_actions_never_overwrite_a_local_edit(
    dialog: ImportDialog, scenario: Scenario
) -> None:
    assert _cell(dialog, scenario.conflict_id, M.ACTION) == "Keep mine"
    assert _cell(dialog, scenario.update_id, M.ACTION) == "Take theirs"
    assert _cell(dialog, scenario.new_id, M.ACTION) == "Add"
    assert _cell(dialog, scenario.identical_id, M.ACTION) == "Nothing to do"
    assert dialog.outcome.text() == (
        "Will add 1, update 1; your local edits are kept unless you choose otherwise."
    )


def test_each_status_offers_the_choices_that_make_sense(
    dialog: ImportDialog, scenario: Scenario
) -> None:
    def offered(template_id: str) -> list[str] | None:
        index = dialog.model.index(_row_of(dialog, template_id), M.ACTION)
        combo = dialog.table.indexWidget(index)
        if combo is None:
            return None
        assert isinstance(combo, QComboBox)
        return [combo.itemText(i) for i in range(combo.count())]

    assert offered(scenario.new_id) == ["Add", "Skip"]
    assert offered(scenario.update_id) == ["Take theirs", "Keep mine", "Keep both"]
    assert offered(scenario.conflict_id) == ["Keep mine", "Take theirs", "Keep both"]
    assert offered(scenario.identical_id) is None
    identical = dialog.model.index(_row_of(dialog, scenario.identical_id), M.ACTION)
    assert not dialog.model.flags(identical) & Qt.ItemFlag.ItemIsEditable
    assert not dialog.model.setData(identical, Choice.THEIRS.value)
    new = dialog.model.index(_row_of(dialog, scenario.new_id), M.ACTION)
    assert not dialog.model.setData(new, Choice.BOTH.value)
    assert new.data() == "Add"


def test_the_outcome_line_follows_the_choices(dialog: ImportDialog, scenario: Scenario) -> None:
    dialog.model.set_choice(_row_of(dialog, scenario.conflict_id), Choice.BOTH)
    dialog.model.set_choice(_row_of(dialog, scenario.new_id), Choice.MINE)
    assert dialog.outcome.text() == (
        "Will update 1, keep both of 1 (skipping 1 new); "
        "your local edits are kept unless you choose otherwise."
    )
    dialog.model.set_choice(_row_of(dialog, scenario.conflict_id), Choice.THEIRS)
    assert "will be lost" in dialog.outcome.text()


# -- the diff pane --------------------------------------------------------------------------


def test_the_diff_of_a_conflict_shows_mine_and_theirs(
    dialog: ImportDialog, scenario: Scenario
) -> None:
    dialog.table.selectRow(_row_of(dialog, scenario.conflict_id))
    lines = dialog.diff_text().splitlines()
    assert f"-{MY_LINE}" in lines
    assert f"+{THEIR_LINE}" in lines
    # "-" lines and "+" lines are coloured apart (red-ish and green-ish).
    document = dialog.diff.document()

    def colour_of_line(text: str) -> QColor:
        block = document.findBlockByNumber(lines.index(text))
        formats = block.layout().formats()
        assert formats, f"{text!r} is not highlighted"
        return formats[0].format.foreground().color()

    removed = colour_of_line(f"-{MY_LINE}")
    added = colour_of_line(f"+{THEIR_LINE}")
    assert removed == dialog.highlighter.format_for("removed").foreground().color()
    assert added == dialog.highlighter.format_for("added").foreground().color()
    assert removed.red() > removed.green()
    assert added.green() > added.red()


def test_a_new_template_shows_a_note_and_its_text(dialog: ImportDialog, scenario: Scenario) -> None:
    dialog.table.selectRow(_row_of(dialog, scenario.new_id))
    assert "new template" in dialog.note.text()
    assert dialog.diff_text() == NEW_BODY
    dialog.table.selectRow(_row_of(dialog, scenario.identical_id))
    assert "nothing to do" in dialog.note.text()


def test_the_diff_colours_suit_a_dark_palette(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QPlainTextEdit

    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    light = QPalette()
    light.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    highlighter = DiffHighlighter(editor.document(), light)
    on_light = highlighter.format_for("added").foreground().color()
    highlighter.set_palette(dark)
    on_dark = highlighter.format_for("added").foreground().color()
    # Dark text on light, light text on dark.
    assert on_light.lightness() < 128 < on_dark.lightness()


# -- importing --------------------------------------------------------------------------------


def test_take_theirs_on_the_conflict_through_its_combo_then_import(
    qtbot: QtBot, dialog: ImportDialog, scenario: Scenario
) -> None:
    index = dialog.model.index(_row_of(dialog, scenario.conflict_id), M.ACTION)
    combo = dialog.table.indexWidget(index)
    assert isinstance(combo, QComboBox)
    assert combo.currentText() == "Keep mine"
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # the next choice: "Take theirs"
    assert index.data() == "Take theirs"
    assert dialog.model.item_at(index.row()).choice is Choice.THEIRS

    outcome = _import(qtbot, dialog)

    assert getattr(outcome, "updated", None) == 2  # the update and the conflict
    assert getattr(outcome, "added", None) == 1
    body = scenario.mine.get_template(scenario.conflict_id).body
    assert THEIR_LINE in body
    assert MY_LINE not in body
    assert scenario.mine.get_template(scenario.new_id).body == NEW_BODY


def test_keep_both_for_all_adds_a_copy_from_the_file(
    qtbot: QtBot, dialog: ImportDialog, scenario: Scenario
) -> None:
    mine_name = scenario.mine.get_template(scenario.conflict_id).name
    qtbot.mouseClick(dialog.keep_both_all, Qt.MouseButton.LeftButton)
    assert _cell(dialog, scenario.conflict_id, M.ACTION) == "Keep both"
    combo = dialog.table.indexWidget(
        dialog.model.index(_row_of(dialog, scenario.conflict_id), M.ACTION)
    )
    assert isinstance(combo, QComboBox)
    assert combo.currentText() == "Keep both"
    # Only conflicts: the update keeps its own choice.
    assert _cell(dialog, scenario.update_id, M.ACTION) == "Take theirs"

    _import(qtbot, dialog)

    copies = [
        row
        for row in scenario.mine.list_templates()
        if row.name.endswith("(from from-dana.replydesk)")
    ]
    assert [row.name for row in copies] == [f"{mine_name} (from from-dana.replydesk)"]
    assert THEIR_LINE in copies[0].body
    assert MY_LINE in scenario.mine.get_template(scenario.conflict_id).body


def test_cancel_changes_nothing(qtbot: QtBot, dialog: ImportDialog, scenario: Scenario) -> None:
    before = scenario.snapshot()
    emitted: list[object] = []
    dialog.imported.connect(emitted.append)
    qtbot.mouseClick(dialog.take_theirs_all, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()
    assert emitted == []
    assert scenario.snapshot() == before


def test_an_import_that_fails_says_so_in_place_and_changes_nothing(
    qtbot: QtBot, dialog: ImportDialog, scenario: Scenario
) -> None:
    dialog.model.set_choice(_row_of(dialog, scenario.conflict_id), Choice.THEIRS)
    # Edited in the window after the preview was made: the plan must not write over it.
    scenario.mine.update_template(scenario.conflict_id, body="Edited while the dialog was open")
    before = scenario.snapshot()
    emitted: list[object] = []
    dialog.imported.connect(emitted.append)

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: not dialog.is_applying() and dialog.problem.isVisible())
    assert dialog.isVisible()
    assert dialog.problem.text().startswith("Nothing was imported:")
    assert "changed since the import was previewed" in dialog.problem.text()
    assert dialog.import_button.isEnabled()
    assert emitted == []
    assert scenario.snapshot() == before


def test_inputs_have_accessible_names_and_mnemonics(dialog: ImportDialog) -> None:
    assert dialog.table.accessibleName() == "Templates in the file"
    assert dialog.diff.accessibleName() == "Differences of the selected template"
    assert dialog.diff.isReadOnly()
    for button in (
        dialog.keep_mine_all,
        dialog.take_theirs_all,
        dialog.keep_both_all,
        dialog.import_button,
    ):
        assert "&" in button.text()
        assert button.toolTip()
    assert dialog.import_button.isDefault()
    combo = dialog.table.indexWidget(dialog.model.index(0, M.ACTION))
    assert isinstance(combo, QComboBox)
    assert combo.accessibleName().startswith("Action for ")


def test_focusing_a_rows_combo_selects_that_row(
    qtbot: QtBot, dialog: ImportDialog, scenario: Scenario
) -> None:
    row = _row_of(dialog, scenario.new_id)
    combo = dialog.table.indexWidget(dialog.model.index(row, M.ACTION))
    assert isinstance(combo, QComboBox)
    dialog.table.selectRow(_row_of(dialog, scenario.conflict_id))
    dialog.diff.setFocus()
    assert dialog.table.currentIndex().row() != row
    combo.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: dialog.table.currentIndex().row() == row)
    assert dialog.diff_text() == NEW_BODY


# -- other people's text in the diff pane ------------------------------------------------------

HOSTILE_BODY = "Hi <b>there</b> \u202eevil\u200b\x1b]52;c;eA==\x07 done"
HOSTILE_SHOWN = "Hi <b>there</b> \\u202eevil\\u200b\\x1b]52;c;eA==\\x07 done"


def _incoming(template_id: str, name: str, body: str, revision: int = 1) -> IncomingTemplate:
    """A template as a laxer (or older) reader might hand it over: nothing refused."""
    return IncomingTemplate(template_id, name, "greeting", "en", body, (), (), revision, 1, None)


def _dialog_for(qtbot: QtBot, store: TemplateStore, *incoming: IncomingTemplate) -> ImportDialog:
    plan = plan_import(store, Bundle(source="/tmp/from-dana.replydesk", templates=incoming))
    shown = ImportDialog(store, plan)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_a_new_templates_text_is_plain_with_hidden_characters_visible(
    qtbot: QtBot, library_store: TemplateStore
) -> None:
    new = _incoming("00000000-0000-4000-8000-00000000000a", "<b>Bold</b> & co", HOSTILE_BODY)
    dialog = _dialog_for(qtbot, library_store, new)
    assert dialog.diff_text() == HOSTILE_SHOWN
    assert dialog.diff_label.textFormat() == Qt.TextFormat.PlainText
    assert dialog.diff_label.text() == "&Text of “<b>Bold</b> && co”:"
    # The markup is text: no bold run anywhere in the pane.
    block = dialog.diff.document().firstBlock()
    assert all(not r.format.font().bold() for r in block.layout().formats())


def test_a_diff_shows_hidden_characters_on_both_sides(
    qtbot: QtBot, library_store: TemplateStore
) -> None:
    mine = library_store.list_templates(kind="greeting", language="en")[0]
    theirs = _incoming(
        mine.id, mine.name, mine.body + "\nSee you\u200b soon\x1b[2J", mine.revision + 1
    )
    dialog = _dialog_for(qtbot, library_store, theirs)
    assert dialog.model.item_at(0).status is Status.UPDATE
    lines = dialog.diff_text().splitlines()
    assert "+See you\\u200b soon\\x1b[2J" in lines
    assert "\u200b" not in dialog.diff_text()


def test_alt_d_moves_to_the_diff_pane(qtbot: QtBot, dialog: ImportDialog) -> None:
    dialog.table.setFocus()
    qtbot.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.diff.hasFocus)


def test_a_file_with_no_templates_opens_an_empty_preview(
    qtbot: QtBot, library_store: TemplateStore
) -> None:
    """The columns are sized from the texts they can show: with none, from their headers."""
    plan = plan_import(library_store, Bundle(source="/tmp/empty.replydesk", templates=()))
    shown = ImportDialog(library_store, plan)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    assert shown.model.rowCount() == 0
    header = shown.table.horizontalHeader()
    for column in (MergePlanModel.STATUS, MergePlanModel.KIND, MergePlanModel.LANGUAGE):
        title = str(shown.model.headerData(column, Qt.Orientation.Horizontal))
        assert header.sectionSize(column) > shown.table.fontMetrics().horizontalAdvance(title)
