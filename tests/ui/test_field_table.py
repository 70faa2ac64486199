"""FieldTableModel: the editor's table of field definitions."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QTableView

from replydesk.core.errors import LibraryFileError
from replydesk.core.fields import FieldSpec, FieldType
from replydesk.ui.field_table import FieldTableModel, FieldTypeDelegate

M = FieldTableModel
EXTRAS = FieldSpec(
    "extras",
    FieldType.CHOICE,
    "Extras",
    required=False,
    choices=("Express delivery", "Source files, layered"),
    multiple=True,
)
SPECS = [
    FieldSpec("first_step", FieldType.TEXT, "First step", default="review the brief"),
    FieldSpec("extra_price", FieldType.MONEY, help="In the order's currency"),
    EXTRAS,
]


@pytest.fixture
def model(qapp) -> FieldTableModel:
    return FieldTableModel(SPECS)


def test_passes_the_model_tester_through_edits(qtmodeltester, model):
    qtmodeltester.check(model)
    model.add_field("notes_extra")
    model.setData(model.index(3, M.TYPE), "choice")
    model.setData(model.index(3, M.CHOICES), "a, b")
    model.remove_rows([0, 2])
    qtmodeltester.check(model)
    qtmodeltester.check(FieldTableModel())


def test_specs_round_trip_unchanged(model):
    # Choices are kept as they were (one even contains a comma) until the cell is edited.
    assert model.specs() == SPECS
    assert model.rowCount() == 3
    assert model.data(model.index(2, M.CHOICES)) == "Express delivery, Source files, layered"
    assert model.data(model.index(2, M.MULTIPLE), Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Checked
    )


def test_add_field_inserts_one_row_without_a_reset(qtbot, model):
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with (
        qtbot.waitSignal(model.rowsInserted) as inserted,
        qtbot.waitSignal(model.changed),
    ):
        index = model.add_field("deadline_note")
    assert inserted.args[1:] == [3, 3]
    assert not resets
    assert index.row() == 3 and index.column() == M.NAME
    assert model.specs()[-1] == FieldSpec("deadline_note", FieldType.TEXT)


def test_remove_rows_removes_each_run(qtbot, model):
    removed: list[tuple[int, int]] = []
    model.rowsRemoved.connect(lambda _parent, first, last: removed.append((first, last)))
    model.remove_rows([2, 0, 2])
    assert model.names() == ["extra_price"]
    assert removed == [(2, 2), (0, 0)]


def test_editing_cells_changes_the_specs(qtbot, model):
    with qtbot.waitSignal(model.dataChanged):
        assert model.setData(model.index(0, M.LABEL), "What you do first")
    model.setData(
        model.index(0, M.REQUIRED), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole
    )
    model.setData(model.index(1, M.DEFAULT), "25")
    spec = model.specs()[0]
    assert spec.label == "What you do first"
    assert spec.required is False
    assert model.specs()[1].default == "25"
    assert not model.setData(model.index(0, M.TYPE), "colour")  # not a field type
    assert model.specs()[0].type is FieldType.TEXT


def test_choices_and_multiple_only_for_choice_fields(model):
    text_choices = model.index(0, M.CHOICES)
    assert not model.flags(text_choices) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(text_choices, "a, b")
    assert model.setData(model.index(0, M.TYPE), "choice")
    assert model.flags(text_choices) & Qt.ItemFlag.ItemIsEditable
    with pytest.raises(LibraryFileError, match="choice field needs choices"):
        model.specs()
    model.setData(text_choices, " small,  large , small,")
    assert model.specs()[0].choices == ("small", "large")


@pytest.mark.parametrize(
    ("name", "message"),
    [("2nd step", "row 1: field name '2nd step' is not a valid identifier"), ("", "row 1")],
)
def test_a_bad_name_is_refused_with_its_row(model, name, message):
    model.setData(model.index(0, M.NAME), name)
    with pytest.raises(LibraryFileError, match=message):
        model.specs()


def test_a_name_declared_twice_is_refused(model):
    model.add_field("extras")
    with pytest.raises(LibraryFileError, match="extras is declared twice"):
        model.specs()


def test_set_specs_replaces_everything(qtmodeltester, model):
    model.set_specs([FieldSpec("only", FieldType.YESNO)])
    assert model.names() == ["only"]
    assert model.specs() == [FieldSpec("only", FieldType.YESNO)]
    qtmodeltester.check(model)


def test_type_is_picked_from_a_combo_box(qtbot, model):
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setItemDelegateForColumn(M.TYPE, FieldTypeDelegate(view))
    view.show()
    qtbot.waitExposed(view)
    index = model.index(0, M.TYPE)
    view.setCurrentIndex(index)
    view.edit(index)
    combo = view.findChild(QComboBox)
    assert combo is not None, "the Type cell has no combo box editor"
    assert [combo.itemText(i) for i in range(combo.count())] == [t.value for t in FieldType]
    assert combo.currentText() == "text"
    with qtbot.waitSignal(model.changed):
        combo.setCurrentIndex(combo.findText("date"))
        combo.activated.emit(combo.currentIndex())  # what a click on the item does
    assert model.specs()[0].type is FieldType.DATE
    assert model.data(index) == "date"


def test_no_data_outside_the_table(model):
    assert model.data(QModelIndex()) is None
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.headerData(M.CHOICES, Qt.Orientation.Horizontal) == "Choices"


def test_show_fields_in_gives_the_table_its_type_picker_and_widths(qtbot, model):
    from replydesk.ui.field_table import COLUMN_WIDTHS, show_fields_in

    view = QTableView()
    qtbot.addWidget(view)
    show_fields_in(view, model)
    view.resize(1200, 300)
    view.show()
    qtbot.waitExposed(view)
    assert view.model() is model
    assert isinstance(view.itemDelegateForColumn(M.TYPE), FieldTypeDelegate)
    assert view.columnWidth(M.NAME) == COLUMN_WIDTHS[M.NAME]
    # Double-clicking a Type cell opens the picker, as in the editor.
    rect = view.visualRect(model.index(1, M.TYPE))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    combo = view.findChild(QComboBox)
    assert combo is not None and combo.currentText() == "money"
