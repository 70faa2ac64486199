"""The template editor's table of field definitions (a QAbstractTableModel over FieldSpec)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from replydesk.core.errors import LibraryFileError
from replydesk.core.fields import FieldSpec, FieldType, specs_from_dicts
from replydesk.core.i18n import N_, _

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class _Row:
    """One row as typed, possibly invalid until `FieldTableModel.specs()` checks it."""

    name: str = ""
    type: str = FieldType.TEXT.value
    label: str = ""
    default: str = ""
    required: bool = True
    choices: tuple[str, ...] = ()
    multiple: bool = False
    help: str = ""

    @classmethod
    def from_spec(cls, spec: FieldSpec) -> _Row:
        return cls(
            name=spec.name,
            type=spec.type.value,
            label=spec.label,
            default=spec.default or "",
            required=spec.required,
            choices=spec.choices,
            multiple=spec.multiple,
            help=spec.help,
        )

    @property
    def is_choice(self) -> bool:
        return self.type == FieldType.CHOICE.value

    def to_dict(self) -> dict[str, Any]:
        """The mapping FieldSpec.from_dict reads; choices only for choice fields."""
        data: dict[str, Any] = {"name": self.name, "type": self.type, "required": self.required}
        if self.label:
            data["label"] = self.label
        if self.default:
            data["default"] = self.default
        if self.help:
            data["help"] = self.help
        if self.is_choice:
            data["choices"] = list(self.choices)
            data["multiple"] = self.multiple
        return data


def _split_choices(text: str) -> tuple[str, ...]:
    seen: list[str] = []
    for part in text.split(","):
        choice = part.strip()
        if choice and choice not in seen:
            seen.append(choice)
    return tuple(seen)


def _is_checked(value: object) -> bool:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return value == Qt.CheckState.Checked.value


class FieldTableModel(QAbstractTableModel):
    """Editable field definitions; `specs()` validates them with the core's own rules."""

    NAME, TYPE, LABEL, DEFAULT, REQUIRED, CHOICES, MULTIPLE, HELP = range(8)
    # Marked here, translated where shown (headerData, data).
    HEADERS = (
        # Translators: the column headers of the template editor's table of fields.
        N_("Name"),
        N_("Type"),
        N_("Label"),
        N_("Default"),
        N_("Required"),
        N_("Choices"),
        N_("Multiple"),
        N_("Help"),
    )
    HEADER_TIPS = (
        N_("The name used in the body, e.g. {{ extra_price }}: letters, digits and _"),
        N_("What kind of value the field takes; the fill form shows a matching input"),
        N_("The label shown in the fill form (empty: made from the name)"),
        N_("The value used when the field is left empty"),
        N_("Whether the reply can be copied without this field"),
        N_("For choice fields: the options, separated by commas"),
        N_("For choice fields: whether several options can be picked"),
        N_("A hint shown under the field in the fill form"),
    )
    _TEXT_ATTRS: ClassVar[dict[int, str]] = {
        NAME: "name",
        LABEL: "label",
        DEFAULT: "default",
        HELP: "help",
    }
    _CHECK_ATTRS: ClassVar[dict[int, str]] = {REQUIRED: "required", MULTIPLE: "multiple"}

    changed = Signal()

    def __init__(self, specs: Iterable[FieldSpec] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = [_Row.from_spec(spec) for spec in specs]

    # -- the Qt model ------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return _(self.HEADERS[section])
            if role == Qt.ItemDataRole.ToolTipRole:
                return _(self.HEADER_TIPS[section])
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if column in self._CHECK_ATTRS:
            shown = column == self.REQUIRED or row.is_choice
            if role == Qt.ItemDataRole.CheckStateRole and shown:
                checked = getattr(row, self._CHECK_ATTRS[column])
                return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return _(self.HEADER_TIPS[column])
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == self.TYPE:
                return row.type
            if column == self.CHOICES:
                return ", ".join(row.choices) if row.is_choice else ""
            return getattr(row, self._TEXT_ATTRS[column])
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.NAME and row.name:
                # Translators: {snippet} is the field as typed in the body, e.g. "{{ price }}".
                return _("Used in the body as {snippet}").format(snippet=f"{{{{ {row.name} }}}}")
            # The whole text, for cells too narrow to show it.
            return self.data(index, Qt.ItemDataRole.DisplayRole) or _(self.HEADER_TIPS[column])
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        column = index.column()
        if column in (self.CHOICES, self.MULTIPLE) and not self._rows[index.row()].is_choice:
            return Qt.ItemFlag.ItemIsSelectable  # greyed out: only choice fields have options
        if column in self._CHECK_ATTRS:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self._valid(index):
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEnabled:
            return False
        row = self._rows[index.row()]
        column = index.column()
        if column in self._CHECK_ATTRS:
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            checked = _is_checked(value)
            new = (
                replace(row, required=checked)
                if column == self.REQUIRED
                else replace(row, multiple=checked)
            )
        elif role != Qt.ItemDataRole.EditRole:
            return False
        elif column == self.TYPE:
            text = str(value).strip().lower()
            if text not in {t.value for t in FieldType}:
                return False
            new = replace(row, type=text)
        elif column == self.CHOICES:
            new = replace(row, choices=_split_choices(str(value)))
        elif column == self.NAME:
            new = replace(row, name=str(value).strip())
        elif column == self.LABEL:
            new = replace(row, label=str(value))
        elif column == self.DEFAULT:
            new = replace(row, default=str(value))
        else:
            new = replace(row, help=str(value))
        if new == row:
            return True
        self._rows[index.row()] = new
        if new.type != row.type:
            # Choices and Multiple turn on or off with the type.
            first, last = self.index(index.row(), 0), self.index(index.row(), self.HELP)
            self.dataChanged.emit(first, last)
        else:
            self.dataChanged.emit(index, index)
        self.changed.emit()
        return True

    def removeRows(
        self,
        row: int,
        count: int,
        parent: _Index = QModelIndex(),  # noqa: B008
    ) -> bool:
        if parent.isValid() or count <= 0 or row < 0 or row + count > len(self._rows):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._rows[row : row + count]
        self.endRemoveRows()
        self.changed.emit()
        return True

    def _valid(self, index: _Index) -> bool:
        return (
            index.isValid()
            and index.model() is self
            and 0 <= index.row() < len(self._rows)
            and 0 <= index.column() < len(self.HEADERS)
        )

    # -- the editor's calls ------------------------------------------------------------

    def set_specs(self, specs: Iterable[FieldSpec]) -> None:
        """Replace every row (a whole new table, so a model reset)."""
        self.beginResetModel()
        self._rows = [_Row.from_spec(spec) for spec in specs]
        self.endResetModel()
        self.changed.emit()

    def add_field(self, name: str, field_type: FieldType = FieldType.TEXT) -> QModelIndex:
        """Append a field; returns the index of its name cell."""
        position = len(self._rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.append(_Row(name=name.strip(), type=field_type.value))
        self.endInsertRows()
        self.changed.emit()
        return self.index(position, self.NAME)

    def remove_rows(self, rows: Iterable[int]) -> None:
        """Remove these rows (any order, duplicates ignored), one contiguous run at a time."""
        for start, count in _runs(sorted(set(rows), reverse=True)):
            self.removeRows(start, count)

    def names(self) -> list[str]:
        """The declared names as typed (possibly invalid or repeated)."""
        return [row.name for row in self._rows]

    def raw_dicts(self) -> list[dict[str, Any]]:
        """The rows as field mappings, without validation (to compare for unsaved edits)."""
        return [row.to_dict() for row in self._rows]

    def specs(self) -> list[FieldSpec]:
        """The rows as FieldSpecs; raises LibraryFileError naming the first problem."""
        dicts = self.raw_dicts()
        for number, data in enumerate(dicts, start=1):
            if not data["name"]:
                raise LibraryFileError(_("row {number} has no name").format(number=number))
            try:
                FieldSpec.from_dict(data)
            except LibraryFileError as problem:
                # Translators: {number} is a row of the field table; {problem} what is wrong.
                message = _("row {number}: {problem}").format(number=number, problem=problem)
                raise LibraryFileError(message) from None
        return specs_from_dicts(dicts)


def _runs(descending: Sequence[int]) -> list[tuple[int, int]]:
    """Group descending row numbers into (first row, count) runs, last run first."""
    runs: list[tuple[int, int]] = []
    for row in descending:
        if row < 0:
            continue
        if runs and runs[-1][0] == row + 1:
            runs[-1] = (row, runs[-1][1] + 1)
        else:
            runs.append((row, 1))
    return runs


class FieldTypeDelegate(QStyledItemDelegate):
    """Edits the Type column with a combo box of the field types."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(_("Field type"))
        for field_type in FieldType:
            combo.addItem(field_type.value, field_type.value)
        # Picking an item is the whole edit: commit at once, as a person expects.
        combo.activated.connect(lambda _index: self._commit(combo))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            position = editor.findData(index.data(Qt.ItemDataRole.EditRole))
            editor.setCurrentIndex(max(position, 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(max(hint.width(), 110), hint.height())


COLUMN_WIDTHS: dict[int, int] = {
    FieldTableModel.NAME: 140,
    FieldTableModel.TYPE: 100,
    FieldTableModel.DEFAULT: 160,
    FieldTableModel.CHOICES: 130,
}
"""Starting widths of the columns that neither stretch nor fit their contents."""


def show_fields_in(view: QTableView, model: FieldTableModel) -> None:
    """Show `model` in `view`: the type picker, and columns sized to what they hold."""
    view.setModel(model)
    view.setItemDelegateForColumn(FieldTableModel.TYPE, FieldTypeDelegate(view))
    header = view.horizontalHeader()
    # No column narrower than the widest title (the stretched one would be squeezed to
    # nothing in a narrow editor): the table scrolls sideways instead.
    header.setMinimumSectionSize(
        max(header.sectionSizeFromContents(column).width() for column in range(model.columnCount()))
    )
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column in (FieldTableModel.REQUIRED, FieldTableModel.MULTIPLE):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(FieldTableModel.LABEL, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(True)
    for column, width in COLUMN_WIDTHS.items():
        view.setColumnWidth(column, width)


__all__ = ["COLUMN_WIDTHS", "FieldTableModel", "FieldTypeDelegate", "show_fields_in"]
