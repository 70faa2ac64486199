"""Import templates from a teammate's file: review each one, choose, then apply.

The behaviour of the import dialog: the plan as a table model, the words of each choice,
the diff of the selected template, and applying the plan off the GUI thread with progress
and Cancel. The widgets and their layout are ImportView's (ui/import_view.py).
"""

from __future__ import annotations

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
from replydesk.core.i18n import N_, _, ngettext
from replydesk.core.merge import Choice, MergeItem, MergePlan, Status, status_text
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


# The labels and tips are marked here and translated where they are shown (`_(label)`).
STATUS_LABELS: dict[Status, str] = {
    # Translators: the status badge of an imported template: you both changed it.
    Status.CONFLICT: N_("Conflict"),
    # Translators: the status badge of an imported template: the sender changed it (a noun).
    Status.UPDATE: N_("Update"),
    # Translators: the status badge of an imported template you do not have yet.
    Status.NEW: N_("New"),
    # Translators: the status badge of an imported template that is the same as yours.
    Status.IDENTICAL: N_("Identical"),
}

STATUS_TIPS: dict[Status, str] = {
    Status.CONFLICT: N_("You and the sender both changed this template since it was last shared"),
    Status.UPDATE: N_("The sender changed this template; you have not edited your copy"),
    Status.NEW: N_("Not among your templates yet"),
    Status.IDENTICAL: N_("The same as yours"),
}

# Translators: {source} is the name of the file being imported (or "the file").
_KEEP_BOTH_TIP = N_("Keep yours and add theirs as a copy named “… (from {source})”")

# The first option of each list is not necessarily the default: the plan's choice is.
# Labels and tips are in English here; options_for() and choice_label() translate them.
_OPTIONS: dict[Status, tuple[ChoiceOption, ...]] = {
    Status.NEW: (
        # Translators: an import choice for a new template (a verb; in a narrow combo box).
        ChoiceOption(Choice.THEIRS, N_("Add"), N_("Add it to your templates")),
        # Translators: an import choice for a new template: leave it out (a verb).
        ChoiceOption(Choice.MINE, N_("Skip"), N_("Leave it out")),
    ),
    Status.UPDATE: (
        ChoiceOption(
            Choice.THEIRS,
            # Translators: an import choice: take the sender's version (a narrow combo box).
            N_("Take theirs"),
            N_("Replace yours with the sender's version"),
        ),
        # Translators: an import choice: keep your own version (a narrow combo box).
        ChoiceOption(Choice.MINE, N_("Keep mine"), N_("Leave yours as it is")),
        # Translators: an import choice: keep yours and add the sender's as a copy.
        ChoiceOption(Choice.BOTH, N_("Keep both"), _KEEP_BOTH_TIP),
    ),
    Status.CONFLICT: (
        ChoiceOption(Choice.MINE, N_("Keep mine"), N_("Leave yours as it is, with your edits")),
        ChoiceOption(
            Choice.THEIRS,
            N_("Take theirs"),
            N_("Replace yours, and your edits, with the sender's"),
        ),
        ChoiceOption(Choice.BOTH, N_("Keep both"), _KEEP_BOTH_TIP),
    ),
    Status.IDENTICAL: (),
}

# Translators: the Action column of an import row that is the same as yours.
NOTHING_TO_DO = N_("Nothing to do")


def options_for(status: Status) -> tuple[ChoiceOption, ...]:
    """The choices that make sense for a status, worded for people (none for identical).

    Labels and tips are in the language in use; a tip may hold `{source}` (the file)."""
    return tuple(
        ChoiceOption(option.choice, _(option.label), _(option.tip)) for option in _OPTIONS[status]
    )


def choice_label(status: Status, choice: Choice) -> str:
    """A choice's words for this status ("Keep mine", "Add", …); "Nothing to do" if none."""
    for option in _OPTIONS[status]:
        if option.choice == choice:
            return _(option.label)
    return _(NOTHING_TO_DO)


def summary_text(plan: MergePlan) -> str:
    """One line such as "12 templates: 3 new, 2 updates, 1 conflict, 6 identical"."""
    counts = plan.counts()
    total = len(plan.items)
    if total == 0:
        return _("The file holds no templates.")
    # New first, then what changed, then what is the same.
    order = (Status.NEW, Status.UPDATE, Status.CONFLICT, Status.IDENTICAL)
    parts = [status_text(status, counts[status.value]) for status in order if counts[status.value]]
    # Translators: the import summary; {statuses} is a list such as "1 new, 2 updates".
    return ngettext("{count} template: {statuses}", "{count} templates: {statuses}", total).format(
        count=total, statuses=", ".join(parts)
    )


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
    # The clauses of "Will add 2, update 1, …", each with its own count.
    parts = []
    if add:
        # Translators: a clause of "Will {actions}": how many new templates are added.
        parts.append(ngettext("add {count}", "add {count}", add).format(count=add))
    if update:
        # Translators: a clause of "Will {actions}": how many templates are updated.
        parts.append(ngettext("update {count}", "update {count}", update).format(count=update))
    if replace:
        # Translators: a clause of "Will {actions}": templates you edited that are replaced.
        parts.append(
            ngettext("replace {count} you edited", "replace {count} you edited", replace).format(
                count=replace
            )
        )
    if both:
        # Translators: a clause of "Will {actions}": templates kept and added as a copy.
        parts.append(
            ngettext("keep both of {count}", "keep both of {count}", both).format(count=both)
        )
    if not parts:
        return _("Nothing will change: your templates stay as they are.")
    actions = ", ".join(parts)
    if skip:
        # Translators: {actions} is a list of clauses such as "add 2, update 1"; {count}
        # new templates are left out.
        plan = ngettext(
            "Will {actions} (skipping {count} new)", "Will {actions} (skipping {count} new)", skip
        ).format(actions=actions, count=skip)
    else:
        # Translators: {actions} is a list of clauses such as "add 2, update 1".
        plan = _("Will {actions}").format(actions=actions)
    if replace:
        # Translators: {plan} is the sentence "Will add 2, replace 1 you edited".
        return ngettext(
            "{plan}; your local edit in {count} template will be lost.",
            "{plan}; your local edits in {count} templates will be lost.",
            replace,
        ).format(plan=plan, count=replace)
    # Translators: {plan} is the sentence "Will add 2, update 1 (skipping 1 new)".
    return _("{plan}; your local edits are kept unless you choose otherwise.").format(plan=plan)


# -- the model -------------------------------------------------------------------------


class MergePlanModel(QAbstractTableModel):
    """The plan's items as table rows, in its review order (conflicts first, then updates,
    new, identical).

    Rows share the plan's MergeItem objects: a choice set here is the choice
    `apply_plan` acts on. Only the Action column is editable (not for identical rows).
    """

    STATUS, NAME, KIND, LANGUAGE = STATUS_COLUMN, NAME_COLUMN, KIND_COLUMN, LANGUAGE_COLUMN
    ACTION = ACTION_COLUMN
    # Marked here, translated in headerData.
    HEADERS = (N_("Status"), N_("Name"), N_("Kind"), N_("Language"), N_("Action"))

    ItemRole = Qt.ItemDataRole.UserRole + 1  # the MergeItem
    StatusRole = STATUS_ROLE  # its Status value ("conflict", …): the badges are drawn from it
    ChoiceRole = Qt.ItemDataRole.UserRole + 3  # its Choice value ("mine", …)

    choicesChanged = Signal()

    def __init__(self, plan: MergePlan, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._plan = plan
        self._items: list[MergeItem] = list(plan.review_order)

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
            return _(self.HEADERS[section])
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
            # Translators: what a screen reader says for an import row's Action cell.
            return _("Action: {choice}").format(choice=self._display(item, column))
        return None

    def _display(self, item: MergeItem, column: int) -> str:
        incoming = item.incoming
        if column == self.STATUS:
            return _(STATUS_LABELS[item.status])
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
            return _(STATUS_TIPS[item.status])
        if column == self.NAME:
            local = item.local
            if local is not None and local.name != item.incoming.name:
                # Translators: the tooltip of a name the sender changed: both names.
                text = _("Theirs: {theirs}\nYours: {yours}")
                return display.tooltip(text.format(theirs=item.incoming.name, yours=local.name))
            return display.tooltip(item.incoming.name)
        if column == self.ACTION:
            for option in options_for(item.status):
                if option.choice == item.choice:
                    return option.tip.format(source=_source_name(self._plan))
            return _("Already the same as yours")
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
            # Translators: a screen reader's name of an import row's combo box; {name} is
            # the template's name.
            _("Action for {name}").format(name=shown_name(item.title))
            if item is not None
            else _("Action")
        )
        combo.setToolTip(_("What to do with this template"))
        combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if item is not None:
            model = index.model()
            source = (
                _source_name(model.plan)
                if isinstance(model, MergePlanModel)
                # Translators: in "… (from the file)", when the file's name is not known.
                else _("the file")
            )
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


def _all_choice_words() -> list[str]:
    """Every word the Action column can show, in the language in use (it is sized to fit)."""
    labels = {option.label for options in _OPTIONS.values() for option in options}
    return sorted(_(label) for label in {NOTHING_TO_DO, *labels})


def _column_texts(plan: MergePlan) -> dict[int, list[str]]:
    """What the Status, Kind and Language columns can show for `plan`: their widths are
    measured from these, not from every row."""
    return {
        STATUS_COLUMN: [_(label) for label in STATUS_LABELS.values()],
        KIND_COLUMN: [shown_name(kind_label(kind)) for kind in plan.kinds],
        LANGUAGE_COLUMN: [language_label(language) for language in plan.languages],
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
        # Translators: the import dialog's title; {source} is the file's name.
        self.setWindowTitle(_("Import templates — {source}").format(source=_source_name(plan)))
        self.summary.setText(summary_text(plan))
        self.model = MergePlanModel(plan, self)
        self.table.setModel(self.model)
        self.action_delegate = ActionDelegate(self.table)
        self.table.setItemDelegateForColumn(MergePlanModel.ACTION, self.action_delegate)
        self.fit_columns(_all_choice_words(), _column_texts(plan))
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
        conflicts = plan.counts()[Status.CONFLICT.value]
        self.all_label.setText(
            # Translators: before the buttons "Keep mine for all", "Take theirs for all", ….
            ngettext("For all {count} conflict:", "For all {count} conflicts:", conflicts).format(
                count=conflicts
            )
            if conflicts
            else _("No conflicts.")
        )
        for button, choice in (
            (self.keep_mine_all, Choice.MINE),
            (self.take_theirs_all, Choice.THEIRS),
            (self.keep_both_all, Choice.BOTH),
        ):
            button.setEnabled(conflicts > 0)
            button.clicked.connect(lambda _checked=False, c=choice: self.model.choose_all(c))
        self.keep_both_all.setToolTip(
            # Translators: {source} is the name of the file being imported.
            _(
                "Every conflict keeps yours and adds theirs as a copy named “… (from {source})”"
            ).format(source=_source_name(plan))
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
                _("&Differences:"),
                _("Select a template to see what would change."),
                "",
                as_diff=False,
            )
            return
        name = shown_name(item.title).replace("&", "&&")  # a mnemonic label: & is a shortcut
        body = display.multi_line(item.incoming.body)
        if item.status in (Status.UPDATE, Status.CONFLICT):
            # Translators: the heading of the diff pane; {name} is the template's name.
            heading = _("&Differences in “{name}”:").format(name=name)
            diff = display.multi_line(item.diff())
            if diff.strip():
                note = _("Lines starting with - are yours; with + are theirs.")
                self.show_text(heading, note, diff, as_diff=True)
            else:
                note = _("The texts are the same; the name, tags or fields differ.")
                self.show_text(heading, note, body, as_diff=False)
            return
        if item.status is Status.NEW:
            note = _("A new template: it is not among yours yet.")
        else:
            note = _("The same as yours: nothing to do.")
        # Translators: the heading of the text pane; {name} is the template's name.
        heading = _("&Text of “{name}”:").format(name=name)
        self.show_text(heading, note, body, as_diff=False)

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
            _("Importing…"), lambda progress: merge.apply_plan(store, plan, progress), self
        )
        task.progressed.connect(self.show_progress)
        task.done.connect(self._applied)
        task.failed.connect(self._not_applied)
        self._task = task
        self.show_problem("")
        self.show_applying(True, _("Importing… (Cancel stops it with nothing changed)"))
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
            self.show_progress_note(_("Cancelling…"))
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
            # Translators: {error} is the reason, a sentence.
            self.show_problem(_("Nothing was imported: {error}").format(error=error))
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
