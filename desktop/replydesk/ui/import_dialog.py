"""Import templates from a teammate's file: review each one, choose, then apply.

The behaviour of the import dialog: the plan as a table model, the words of each choice,
the diff of the selected template, and applying the plan off the GUI thread with progress
and Cancel. The widgets and their layout are ImportView's (ui/import_view.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QGuiApplication, QPalette, QShowEvent
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from replydesk.core import display, merge
from replydesk.core.errors import ReplydeskError
from replydesk.core.merge import Choice, MergeItem, MergePlan, Status
from replydesk.core.progress import Cancelled
from replydesk.core.store import TemplateStore
from replydesk.ui.import_view import (
    ACTION_COLUMN,
    KIND_COLUMN,
    LANGUAGE_COLUMN,
    NAME_COLUMN,
    STATUS_COLUMN,
    STATUS_ROLE,
    DiffHighlighter,
    ImportView,
    StatusBadgeDelegate,
    status_colour,
)
from replydesk.ui.labels import kind_label, language_label
from replydesk.ui.tasks import BackgroundTask

_Index = QModelIndex | QPersistentModelIndex


# -- words ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ChoiceOption:
    """One entry of a row's Action menu."""

    choice: Choice
    label: str
    tip: str


STATUS_LABELS: dict[Status, str] = {
    Status.CONFLICT: "Conflict",
    Status.UPDATE: "Update",
    Status.NEW: "New",
    Status.IDENTICAL: "Identical",
}

STATUS_TIPS: dict[Status, str] = {
    Status.CONFLICT: "You and the sender both changed this template since it was last shared",
    Status.UPDATE: "The sender changed this template; you have not edited your copy",
    Status.NEW: "Not among your templates yet",
    Status.IDENTICAL: "The same as yours",
}

# Conflicts first: they are the ones that need a decision.
_STATUS_ORDER: dict[Status, int] = {
    Status.CONFLICT: 0,
    Status.UPDATE: 1,
    Status.NEW: 2,
    Status.IDENTICAL: 3,
}

_KEEP_BOTH_TIP = "Keep yours and add theirs as a copy named “… (from {source})”"

# The first option of each list is not necessarily the default: the plan's choice is.
_OPTIONS: dict[Status, tuple[ChoiceOption, ...]] = {
    Status.NEW: (
        ChoiceOption(Choice.THEIRS, "Add", "Add it to your templates"),
        ChoiceOption(Choice.MINE, "Skip", "Leave it out"),
    ),
    Status.UPDATE: (
        ChoiceOption(Choice.THEIRS, "Take theirs", "Replace yours with the sender's version"),
        ChoiceOption(Choice.MINE, "Keep mine", "Leave yours as it is"),
        ChoiceOption(Choice.BOTH, "Keep both", _KEEP_BOTH_TIP),
    ),
    Status.CONFLICT: (
        ChoiceOption(Choice.MINE, "Keep mine", "Leave yours as it is, with your edits"),
        ChoiceOption(
            Choice.THEIRS, "Take theirs", "Replace yours, and your edits, with the sender's"
        ),
        ChoiceOption(Choice.BOTH, "Keep both", _KEEP_BOTH_TIP),
    ),
    Status.IDENTICAL: (),
}

NOTHING_TO_DO = "Nothing to do"


def options_for(status: Status) -> tuple[ChoiceOption, ...]:
    """The choices that make sense for a status, worded for people (none for identical)."""
    return _OPTIONS[status]


def choice_label(status: Status, choice: Choice) -> str:
    """A choice's words for this status ("Keep mine", "Add", …); "Nothing to do" if none."""
    for option in _OPTIONS[status]:
        if option.choice == choice:
            return option.label
    return NOTHING_TO_DO


def _plural(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def summary_text(plan: MergePlan) -> str:
    """One line such as "12 templates: 3 new, 2 updates, 1 conflict, 6 identical"."""
    statuses = Counter(item.status for item in plan.items)
    total = len(plan.items)
    if total == 0:
        return "The file holds no templates."
    parts = []
    for status, noun, plural in (
        (Status.NEW, "new", "new"),
        (Status.UPDATE, "update", "updates"),
        (Status.CONFLICT, "conflict", "conflicts"),
        (Status.IDENTICAL, "identical", "identical"),
    ):
        if statuses[status]:
            parts.append(_plural(statuses[status], noun, plural))
    return f"{_plural(total, 'template')}: {', '.join(parts)}"


def outcome_text(items: list[MergeItem] | tuple[MergeItem, ...]) -> str:
    """What pressing Import will do, in one sentence, from the items' current choices."""
    add = update = replace = both = skip = 0
    for item in items:
        if item.status is Status.NEW:
            add += item.choice is Choice.THEIRS
            skip += item.choice is not Choice.THEIRS
        elif item.status in (Status.UPDATE, Status.CONFLICT):
            if item.choice is Choice.THEIRS:
                if item.status is Status.CONFLICT:
                    replace += 1
                else:
                    update += 1
            elif item.choice is Choice.BOTH:
                both += 1
    parts = []
    if add:
        parts.append(f"add {add}")
    if update:
        parts.append(f"update {update}")
    if replace:
        parts.append(f"replace {replace} you edited")
    if both:
        parts.append(f"keep both of {both}")
    if not parts:
        return "Nothing will change: your templates stay as they are."
    sentence = "Will " + ", ".join(parts)
    if skip:
        sentence += f" (skipping {skip} new)"
    if replace:
        edits = "edits" if replace > 1 else "edit"
        return f"{sentence}; your local {edits} in {_plural(replace, 'template')} will be lost."
    return sentence + "; your local edits are kept unless you choose otherwise."


# -- the model -------------------------------------------------------------------------


class MergePlanModel(QAbstractTableModel):
    """The plan's items as table rows: conflicts first, then updates, new, identical.

    Rows share the plan's MergeItem objects: a choice set here is the choice
    `apply_plan` acts on. Only the Action column is editable (not for identical rows).
    """

    STATUS, NAME, KIND, LANGUAGE = STATUS_COLUMN, NAME_COLUMN, KIND_COLUMN, LANGUAGE_COLUMN
    ACTION = ACTION_COLUMN
    HEADERS = ("Status", "Name", "Kind", "Language", "Action")

    ItemRole = Qt.ItemDataRole.UserRole + 1  # the MergeItem
    StatusRole = STATUS_ROLE  # its Status value ("conflict", …): the badges are drawn from it
    ChoiceRole = Qt.ItemDataRole.UserRole + 3  # its Choice value ("mine", …)

    choicesChanged = Signal()

    def __init__(self, plan: MergePlan, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._plan = plan
        self._items: list[MergeItem] = sorted(
            plan.items, key=lambda item: (_STATUS_ORDER[item.status], item.title.casefold())
        )

    @property
    def plan(self) -> MergePlan:
        return self._plan

    def items(self) -> list[MergeItem]:
        """The items in display order."""
        return list(self._items)

    def item_at(self, row: int) -> MergeItem:
        """The item shown in `row`; IndexError outside the table."""
        if not 0 <= row < len(self._items):
            raise IndexError(f"no row {row} in a table of {len(self._items)}")
        return self._items[row]

    def set_choice(self, row: int, choice: Choice | str) -> bool:
        """Choose for one row; False (nothing changes) when the choice does not fit its status."""
        return self.setData(self.index(row, self.ACTION), choice, Qt.ItemDataRole.EditRole)

    def choose_all(self, choice: Choice, statuses: tuple[Status, ...] = (Status.CONFLICT,)) -> None:
        """The same choice for every item of these statuses (the conflicts, by default)."""
        self._plan.choose_all(choice, statuses=statuses)
        if self._items:
            self.dataChanged.emit(
                self.index(0, self.ACTION),
                self.index(len(self._items) - 1, self.ACTION),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, self.ChoiceRole],
            )
        self.choicesChanged.emit()

    # -- QAbstractTableModel ----------------------------------------------------------

    def rowCount(self, parent: _Index | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._items)

    def columnCount(self, parent: _Index | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        if index.column() == self.ACTION and _OPTIONS[self._items[index.row()].status]:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = index.column()
        if role == self.ItemRole:
            return item
        if role == self.StatusRole:
            return item.status.value
        if role == self.ChoiceRole:
            return item.choice.value
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Qt.ItemDataRole.EditRole:
            if column == self.ACTION:
                return item.choice.value
            return self._display(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.STATUS:
                return status_colour(item.status)
            if column == self.ACTION and not _OPTIONS[item.status]:
                return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.FontRole and column == self.STATUS:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole and column == self.ACTION:
            return f"Action: {self._display(item, column)}"
        return None

    def _display(self, item: MergeItem, column: int) -> str:
        incoming = item.incoming
        if column == self.STATUS:
            return STATUS_LABELS[item.status]
        if column == self.NAME:
            return shown_name(item.title)
        if column == self.KIND:
            return shown_name(kind_label(incoming.kind))
        if column == self.LANGUAGE:
            return language_label(incoming.language)
        if column == self.ACTION:
            return choice_label(item.status, item.choice)
        return ""

    def _tooltip(self, item: MergeItem, column: int) -> str | None:
        if column == self.STATUS:
            return STATUS_TIPS[item.status]
        if column == self.NAME:
            local = item.local
            if local is not None and local.name != item.incoming.name:
                return display.tooltip(f"Theirs: {item.incoming.name}\nYours: {local.name}")
            return display.tooltip(item.incoming.name)
        if column == self.ACTION:
            for option in _OPTIONS[item.status]:
                if option.choice == item.choice:
                    return option.tip.format(source=_source_name(self._plan))
            return "Already the same as yours"
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or index.column() != self.ACTION
            or not 0 <= index.row() < len(self._items)
        ):
            return False
        item = self._items[index.row()]
        try:
            choice = Choice(value)
        except ValueError:
            return False
        if choice not in {option.choice for option in _OPTIONS[item.status]}:
            return False
        if choice != item.choice:
            item.choice = choice
            self.dataChanged.emit(
                index,
                index,
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, self.ChoiceRole],
            )
            self.choicesChanged.emit()
        return True


def _source_name(plan: MergePlan) -> str:
    """The file's name, without its folder (escaped: a file name can hold anything)."""
    return shown_name(Path(str(plan.source)).name or str(plan.source))


NAME_LIMIT = 200
"""A name in a cell, a label or a title, at most, in characters."""


def shown_name(name: str) -> str:
    """A name from the file as every cell and label shows it: control, bidi and
    zero-width characters as visible escapes (core.display), cut at NAME_LIMIT."""
    return display.one_line(name, NAME_LIMIT)


# -- the Action column ---------------------------------------------------------------------------


class ActionDelegate(QStyledItemDelegate):
    """The Action column: a combo box of the choices that fit the row's status.

    The dialog keeps one open on every editable row in sight (persistent editors), so every
    choice is visible and one click away; focusing a combo selects its row, so the diff
    follows.
    """

    rowFocused = Signal(int)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        combo = QComboBox(parent)
        item = index.data(MergePlanModel.ItemRole)
        combo.setAccessibleName(
            f"Action for {shown_name(item.title)}" if item is not None else "Action"
        )
        combo.setToolTip("What to do with this template")
        combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if item is not None:
            model = index.model()
            source = _source_name(model.plan) if isinstance(model, MergePlanModel) else "the file"
            for position, choice_option in enumerate(options_for(item.status)):
                combo.addItem(choice_option.label, choice_option.choice.value)
                combo.setItemData(
                    position,
                    choice_option.tip.format(source=source),
                    Qt.ItemDataRole.ToolTipRole,
                )
        combo.setProperty("row", index.row())
        combo.installEventFilter(self)
        # Picking an item is the whole edit: commit at once, as a person expects.
        combo.activated.connect(lambda _position: self.commitData.emit(combo))
        return combo

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QComboBox):
            row = watched.property("row")
            if isinstance(row, int):
                self.rowFocused.emit(row)
        return super().eventFilter(watched, event)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            position = editor.findData(index.data(Qt.ItemDataRole.EditRole))
            if position >= 0 and position != editor.currentIndex():
                editor.setCurrentIndex(position)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: _Index
    ) -> None:
        editor.setGeometry(option.rect.adjusted(2, 1, -2, -1))


# -- the dialog --------------------------------------------------------------------------

_ALL_CHOICE_WORDS = sorted({NOTHING_TO_DO, *(o.label for opts in _OPTIONS.values() for o in opts)})


def _column_texts(plan: MergePlan) -> dict[int, list[str]]:
    """What the Status, Kind and Language columns can show for `plan`: their widths are
    measured from these, not from every row."""
    kinds = {item.incoming.kind for item in plan.items}
    languages = {item.incoming.language for item in plan.items}
    return {
        STATUS_COLUMN: list(STATUS_LABELS.values()),
        KIND_COLUMN: [shown_name(kind_label(kind)) for kind in kinds],
        LANGUAGE_COLUMN: [language_label(language) for language in languages],
    }


class ImportDialog(ImportView):
    """Shows what a file would change, lets the user choose per template, then imports.

    Nothing is written before Import; the defaults are the plan's, so a local edit is only
    replaced when the user says so. Import applies the plan off the GUI thread; Cancel (or
    closing) while it runs stops it with nothing changed. `imported` carries the
    ImportOutcome; then the dialog closes (`finished`).
    """

    imported = Signal(object)

    def __init__(
        self, store: TemplateStore, plan: MergePlan, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._plan = plan
        self._task: BackgroundTask | None = None
        self._editor_rows: set[int] = set()
        self.setWindowTitle(f"Import templates — {_source_name(plan)}")
        self.summary.setText(summary_text(plan))
        self.model = MergePlanModel(plan, self)
        self.table.setModel(self.model)
        self.action_delegate = ActionDelegate(self.table)
        self.table.setItemDelegateForColumn(MergePlanModel.ACTION, self.action_delegate)
        self.fit_columns(_ALL_CHOICE_WORDS, _column_texts(plan))
        self._offer_for_all(plan)
        self.action_delegate.rowFocused.connect(self._select_row)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        # Scrolled, or the rows in sight changed (a resize changes the scroll range).
        scroll_bar = self.table.verticalScrollBar()
        scroll_bar.valueChanged.connect(self._open_visible_editors)
        scroll_bar.rangeChanged.connect(self._open_visible_editors)
        self.model.choicesChanged.connect(self._update_outcome)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        self._update_outcome()
        if self.model.rowCount():
            self._select_row(0)
        else:
            self._show_item(None)
        self.table.setFocus()

    def _offer_for_all(self, plan: MergePlan) -> None:
        """The for-all buttons act on the conflicts; without conflicts they are off."""
        conflicts = sum(1 for item in plan.items if item.status is Status.CONFLICT)
        self.all_label.setText(
            f"For all {_plural(conflicts, 'conflict')}:" if conflicts else "No conflicts."
        )
        for button, choice in (
            (self.keep_mine_all, Choice.MINE),
            (self.take_theirs_all, Choice.THEIRS),
            (self.keep_both_all, Choice.BOTH),
        ):
            button.setEnabled(conflicts > 0)
            button.clicked.connect(lambda _checked=False, c=choice: self.model.choose_all(c))
        self.keep_both_all.setToolTip(
            "Every conflict keeps yours and adds theirs as a copy named "
            f"“… (from {_source_name(plan)})”"
        )

    # -- the Action column's combo boxes ---------------------------------------------------

    def _open_visible_editors(self) -> None:
        """A combo box on every editable row in sight, none on the others: every choice is
        one click away, and a file of 10,000 templates does not build 10,000 widgets."""
        rows = self.model.rowCount()
        if not rows:
            return
        first = max(self.table.rowAt(0), 0)
        last = self.table.rowAt(self.table.viewport().height() - 1)
        in_sight = set(range(first, (rows - 1 if last < 0 else last) + 1))
        for row in self._editor_rows - in_sight:
            self.table.closePersistentEditor(self.model.index(row, MergePlanModel.ACTION))
        for row in sorted(in_sight - self._editor_rows):
            index = self.model.index(row, MergePlanModel.ACTION)
            if self.model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                self.table.openPersistentEditor(index)
        self._editor_rows = in_sight

    # -- selection and the diff ------------------------------------------------------------

    def current_item(self) -> MergeItem | None:
        """The item of the selected row, if any."""
        index = self.table.selectionModel().currentIndex()
        if not index.isValid():
            return None
        return self.model.item_at(index.row())

    def _select_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        current = self.table.selectionModel().currentIndex()
        if current.isValid() and current.row() == row:
            return
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, MergePlanModel.NAME),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_item(self.model.item_at(current.row()) if current.isValid() else None)

    def _show_item(self, item: MergeItem | None) -> None:
        """The diff of `item` (yours → theirs), or its text and a note when there is none.

        The texts come from other people: they are shown as plain text, every hidden
        character (bidi, zero-width, control) as a visible escape (core.display)."""
        if item is None:
            self.show_text(
                "&Differences:", "Select a template to see what would change.", "", as_diff=False
            )
            return
        name = shown_name(item.title).replace("&", "&&")  # a mnemonic label: & is a shortcut
        body = display.multi_line(item.incoming.body)
        if item.status in (Status.UPDATE, Status.CONFLICT):
            heading = f"&Differences in “{name}”:"
            diff = display.multi_line(item.diff())
            if diff.strip():
                note = "Lines starting with - are yours; with + are theirs."
                self.show_text(heading, note, diff, as_diff=True)
            else:
                note = "The texts are the same; the name, tags or fields differ."
                self.show_text(heading, note, body, as_diff=False)
            return
        if item.status is Status.NEW:
            note = "A new template: it is not among yours yet."
        else:
            note = "The same as yours: nothing to do."
        self.show_text(f"&Text of “{name}”:", note, body, as_diff=False)

    def diff_text(self) -> str:
        """What the diff pane shows."""
        return self.diff.toPlainText()

    # -- outcome and import ------------------------------------------------------------------

    def _update_outcome(self) -> None:
        self.outcome.setText(outcome_text(self.model.items()))

    def apply(self) -> None:
        """Apply the plan off the GUI thread, with progress and Cancel. On a ReplydeskError
        say so in place and stay open: nothing was changed, the choices are kept."""
        if self.is_applying():
            return
        store, plan = self._store, self._plan
        # A child of the dialog: the task (and its relay from the worker thread) lives as
        # long as the dialog, never freed while its own signal is being delivered.
        task = BackgroundTask(
            "Importing…", lambda progress: merge.apply_plan(store, plan, progress), self
        )
        task.progressed.connect(self.show_progress)
        task.done.connect(self._applied)
        task.failed.connect(self._not_applied)
        self._task = task
        self.show_problem("")
        self.show_applying(True, "Importing… (Cancel stops it with nothing changed)")
        # Paint the applying state now, while the interpreter is free: once the worker
        # runs, every call this repaint makes into Python (the table's data()) waits its turn.
        if (layout := self.layout()) is not None:
            layout.activate()
        self.repaint()
        task.start()

    def is_applying(self) -> bool:
        """True from Import until the import is written, cancelled or refused."""
        return self._task is not None and self._task.is_running()

    def reject(self) -> None:
        """Cancel, Esc or closing: while applying, it stops the import first (the store is
        left exactly as it was) and the dialog stays open to say so."""
        if self._task is not None and self._task.is_running():
            self._task.cancel()
            self.cancel_button.setEnabled(False)
            self.show_progress_note("Cancelling…")
            return
        super().reject()

    def _applied(self, outcome: object) -> None:
        self.show_applying(False)
        self.imported.emit(outcome)
        self.accept()

    def _not_applied(self, error: object) -> None:
        self.show_applying(False)
        if isinstance(error, Cancelled):
            self.show_progress_note(str(error))
        elif isinstance(error, ReplydeskError | OSError):
            self.show_problem(f"Nothing was imported: {error}")
        else:  # a bug: the excepthook's calm sentence and the log's traceback
            raise error if isinstance(error, BaseException) else RuntimeError(error)

    # -- events ------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._open_visible_editors()


__all__ = [
    "NAME_LIMIT",
    "ActionDelegate",
    "ChoiceOption",
    "DiffHighlighter",
    "ImportDialog",
    "MergePlanModel",
    "StatusBadgeDelegate",
    "choice_label",
    "options_for",
    "outcome_text",
    "shown_name",
    "status_colour",
    "summary_text",
]
