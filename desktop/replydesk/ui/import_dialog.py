"""Import templates from a teammate's file: review each one, choose, then apply."""

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
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetrics,
    QGuiApplication,
    QPainter,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from replydesk.core import display
from replydesk.core.errors import ReplydeskError
from replydesk.core.merge import Choice, MergeItem, MergePlan, Status, apply_plan
from replydesk.core.store import TemplateStore
from replydesk.ui.highlighter import is_dark
from replydesk.ui.labels import kind_label, language_label

_Index = QModelIndex | QPersistentModelIndex


# -- words and colours -----------------------------------------------------------------


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


@dataclass(frozen=True)
class _Palette:
    status: dict[Status, str]
    removed: str
    removed_back: str
    added: str
    added_back: str
    hunk: str
    header: str


# Text colours keep at least 4.5:1 against white (light) and #1e1e1e-ish (dark) backgrounds.
_LIGHT = _Palette(
    status={
        Status.CONFLICT: "#b3261e",
        Status.UPDATE: "#0b57d0",
        Status.NEW: "#1a7f37",
        Status.IDENTICAL: "#5f6368",
    },
    removed="#a3151b",
    removed_back="#fde7e9",
    added="#116329",
    added_back="#e3f4e8",
    hunk="#6a4c93",
    header="#5f6368",
)
_DARK = _Palette(
    status={
        Status.CONFLICT: "#f28b82",
        Status.UPDATE: "#8ab4f8",
        Status.NEW: "#7ee2a8",
        Status.IDENTICAL: "#a8a8a8",
    },
    removed="#ffa198",
    removed_back="#4a2124",
    added="#8ddb8c",
    added_back="#1d3b26",
    hunk="#c3a6ff",
    header="#a8a8a8",
)


def _colours(palette: QPalette | None = None) -> _Palette:
    return _DARK if is_dark(palette or QGuiApplication.palette()) else _LIGHT


def status_colour(status: Status, palette: QPalette | None = None) -> QColor:
    """The badge colour of a status, for the palette's lightness."""
    return QColor(_colours(palette).status[status])


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

    STATUS, NAME, KIND, LANGUAGE, ACTION = range(5)
    HEADERS = ("Status", "Name", "Kind", "Language", "Action")

    ItemRole = Qt.ItemDataRole.UserRole + 1  # the MergeItem
    StatusRole = Qt.ItemDataRole.UserRole + 2  # its Status value ("conflict", …)
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


# -- delegates ---------------------------------------------------------------------------


class StatusBadgeDelegate(QStyledItemDelegate):
    """The Status column as a coloured pill: "Conflict", "Update", "New", "Identical"."""

    PAD_X = 8
    MARGIN = 4

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text: str = opt.text
        widget: QWidget | None = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        value = index.data(MergePlanModel.StatusRole)
        if not text or value is None:
            return
        palette: QPalette = opt.palette
        colour = status_colour(Status(value), palette)
        back = _mix(colour, palette.color(QPalette.ColorRole.Base), 0.16)
        font = QFont(opt.font)
        font.setBold(True)
        metrics = QFontMetrics(font)
        rect: QRect = opt.rect
        height = min(metrics.height() + 4, rect.height() - 2)
        width = min(metrics.horizontalAdvance(text) + 2 * self.PAD_X, rect.width() - self.MARGIN)
        pill = QRectF(
            rect.left() + self.MARGIN,
            rect.top() + (rect.height() - height) / 2,
            width,
            height,
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(back)
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setPen(colour)
        painter.setFont(font)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        hint = super().sizeHint(option, index)
        font = QFont(option.font)
        font.setBold(True)
        width = QFontMetrics(font).horizontalAdvance("Identical") + 2 * (self.PAD_X + self.MARGIN)
        return QSize(max(hint.width(), width), hint.height())


class ActionDelegate(QStyledItemDelegate):
    """The Action column: a combo box of the choices that fit the row's status.

    The dialog keeps one open per editable row (persistent editors), so every choice is
    visible and one click away; focusing a combo selects its row, so the diff follows.
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


def _mix(front: QColor, back: QColor, amount: float) -> QColor:
    """`front` blended `amount` of the way over `back` (1.0 is `front` itself)."""
    return QColor(
        round(front.red() * amount + back.red() * (1 - amount)),
        round(front.green() * amount + back.green() * (1 - amount)),
        round(front.blue() * amount + back.blue() * (1 - amount)),
    )


# -- the diff pane -------------------------------------------------------------------------


class DiffHighlighter(QSyntaxHighlighter):
    """Unified-diff colours: "-" lines (yours) red, "+" lines (theirs) green, "@@" muted.

    `enabled` False leaves the text plain (a new template's body is not a diff). Colours
    follow the palette's lightness; call `set_palette` when the theme changes.
    """

    def __init__(self, document: QTextDocument, palette: QPalette | None = None) -> None:
        super().__init__(document)
        self._enabled = True
        self._formats: dict[str, QTextCharFormat] = {}
        self.set_palette(palette if palette is not None else QGuiApplication.palette())

    def set_palette(self, palette: QPalette) -> None:
        colours = _colours(palette)
        self._formats = {
            "removed": _format(colours.removed, colours.removed_back),
            "added": _format(colours.added, colours.added_back),
            "hunk": _format(colours.hunk),
            "header": _format(colours.header, bold=True),
        }
        self.rehighlight()

    def set_enabled(self, enabled: bool) -> None:
        if enabled != self._enabled:
            self._enabled = enabled
            self.rehighlight()

    def format_for(self, kind: str) -> QTextCharFormat:
        """The format of "removed", "added", "hunk" or "header" lines."""
        return QTextCharFormat(self._formats[kind])

    def highlightBlock(self, text: str) -> None:
        if not self._enabled or not text:
            return
        if text.startswith(("---", "+++")):
            kind = "header"
        elif text.startswith("@@"):
            kind = "hunk"
        elif text.startswith("-"):
            kind = "removed"
        elif text.startswith("+"):
            kind = "added"
        else:
            return
        # Qt counts UTF-16 units; the document's own length is the safe end.
        self.setFormat(0, self.currentBlock().length(), self._formats[kind])


def _format(colour: str, back: str | None = None, *, bold: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(colour))
    if back is not None:
        fmt.setBackground(QColor(back))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    return fmt


# -- the dialog --------------------------------------------------------------------------


class ImportDialog(QDialog):
    """Shows what a file would change, lets the user choose per template, then imports.

    Nothing is written before Import; the defaults are the plan's, so a local edit is only
    replaced when the user says so. `imported` carries the ImportOutcome.
    """

    imported = Signal(object)

    def __init__(
        self, store: TemplateStore, plan: MergePlan, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._plan = plan
        source = _source_name(plan)
        self.setWindowTitle(f"Import templates — {source}")
        self.setObjectName("importDialog")

        self.summary = QLabel(summary_text(plan), self)
        self.summary.setObjectName("importSummary")
        self.summary.setAccessibleName("What the file holds")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        summary_font = self.summary.font()
        summary_font.setBold(True)
        self.summary.setFont(summary_font)

        self.model = MergePlanModel(plan, self)
        self.table = QTableView(self)
        self.table.setObjectName("importTable")
        self.table.setModel(self.model)
        self.table.setAccessibleName("Templates in the file")
        self.table.setAccessibleDescription(
            "One row per template; the Action column says what Import will do with it"
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.badge_delegate = StatusBadgeDelegate(self.table)
        self.action_delegate = ActionDelegate(self.table)
        self.table.setItemDelegateForColumn(MergePlanModel.STATUS, self.badge_delegate)
        self.table.setItemDelegateForColumn(MergePlanModel.ACTION, self.action_delegate)
        self._size_table()
        for row in range(self.model.rowCount()):
            index = self.model.index(row, MergePlanModel.ACTION)
            if self.model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                self.table.openPersistentEditor(index)
        self.action_delegate.rowFocused.connect(self._select_row)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.model.choicesChanged.connect(self._update_outcome)

        table_label = QLabel("Templates in the &file:", self)
        table_label.setBuddy(self.table)

        conflicts = sum(1 for item in plan.items if item.status is Status.CONFLICT)
        self.all_label = QLabel(
            f"For all {_plural(conflicts, 'conflict')}:" if conflicts else "No conflicts.", self
        )
        self.keep_mine_all = self._all_button("Keep &mine for all", Choice.MINE, conflicts)
        self.take_theirs_all = self._all_button("Take &theirs for all", Choice.THEIRS, conflicts)
        self.keep_both_all = self._all_button("Keep &both for all", Choice.BOTH, conflicts)
        self.keep_mine_all.setToolTip("Every conflict keeps your version, with your edits")
        self.take_theirs_all.setToolTip(
            "Every conflict takes the sender's version: your edits to them are replaced"
        )
        self.keep_both_all.setToolTip(
            f"Every conflict keeps yours and adds theirs as a copy named “… (from {source})”"
        )

        self.diff_label = QLabel("&Differences:", self)
        self.diff = QPlainTextEdit(self)
        self.diff.setObjectName("importDiff")
        self.diff.setReadOnly(True)
        self.diff.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.diff.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.diff.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.diff.setTabChangesFocus(True)
        self.diff.setAccessibleName("Differences of the selected template")
        self.diff.setAccessibleDescription(
            "Lines starting with minus are yours, lines starting with plus are theirs"
        )
        self.diff_label.setBuddy(self.diff)
        self.highlighter = DiffHighlighter(self.diff.document(), self.palette())
        self.note = QLabel(self)
        self.note.setObjectName("importNote")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.note.setAccessibleName("About the selected template")

        self.outcome = QLabel(self)
        self.outcome.setObjectName("importOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        self.outcome.setAccessibleName("What Import will do")

        self.problem = QLabel(self)
        self.problem.setObjectName("importProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setAccessibleName("Import problem")
        self._colour_problem()
        self.problem.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setDefault(True)
        self.import_button.setAutoDefault(True)
        self.import_button.setToolTip("Apply the chosen actions (a backup is made first)")
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setToolTip("Close without changing anything")
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)

        # Layout: summary; table with the for-all row; diff; outcome; buttons.
        all_row = QHBoxLayout()
        all_row.addWidget(self.all_label)
        all_row.addWidget(self.keep_mine_all)
        all_row.addWidget(self.take_theirs_all)
        all_row.addWidget(self.keep_both_all)
        all_row.addStretch(1)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(table_label)
        top_layout.addWidget(self.table, 1)
        top_layout.addLayout(all_row)

        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 6, 0, 0)
        bottom_layout.addWidget(self.diff_label)
        bottom_layout.addWidget(self.note)
        bottom_layout.addWidget(self.diff, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.outcome)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        self._update_outcome()
        self.resize(900, 700)
        if self.model.rowCount():
            self._select_row(0)
        else:
            self._show_item(None)
        self.table.setFocus()

    # -- parts -----------------------------------------------------------------------------

    def _all_button(self, text: str, choice: Choice, conflicts: int) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.setEnabled(conflicts > 0)
        button.clicked.connect(lambda: self.model.choose_all(choice))
        return button

    def _size_table(self) -> None:
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(MergePlanModel.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (MergePlanModel.STATUS, MergePlanModel.KIND, MergePlanModel.LANGUAGE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MergePlanModel.ACTION, QHeaderView.ResizeMode.Fixed)
        # Wide and tall enough for the longest choice in a combo box, whatever the style.
        probe = QComboBox()
        probe.addItems([NOTHING_TO_DO, "Take theirs", "Keep mine", "Keep both"])
        hint = probe.sizeHint()
        probe.deleteLater()
        header.resizeSection(MergePlanModel.ACTION, hint.width() + 12)
        self.table.verticalHeader().setDefaultSectionSize(
            max(hint.height() + 4, QFontMetrics(self.table.font()).height() + 10)
        )

    def _colour_problem(self) -> None:
        palette = self.problem.palette()
        palette.setColor(
            QPalette.ColorRole.WindowText,
            QColor("#ff7b72" if is_dark(self.palette()) else "#c01c28"),
        )
        self.problem.setPalette(palette)

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
        """The diff of `item` (yours → theirs), or its body and a note when there is no diff."""
        if item is None:
            self.diff_label.setText("&Differences:")
            self.note.setText("Select a template to see what would change.")
            self.note.show()
            self.highlighter.set_enabled(False)
            self.diff.setPlainText("")
            return
        name = shown_name(item.title).replace("&", "&&")  # a label: & would be a shortcut
        if item.status in (Status.UPDATE, Status.CONFLICT):
            text = item.diff()
            self.diff_label.setText(f"&Differences in “{name}”:")
            if text.strip():
                self.note.setText("Lines starting with - are yours; with + are theirs.")
                self.highlighter.set_enabled(True)
                self.diff.setPlainText(text)
            else:
                self.note.setText("The texts are the same; the name, tags or fields differ.")
                self.highlighter.set_enabled(False)
                self.diff.setPlainText(item.incoming.body)
        elif item.status is Status.NEW:
            self.diff_label.setText(f"&Text of “{name}”:")
            self.note.setText("A new template: it is not among yours yet.")
            self.highlighter.set_enabled(False)
            self.diff.setPlainText(item.incoming.body)
        else:
            self.diff_label.setText(f"&Text of “{name}”:")
            self.note.setText("The same as yours: nothing to do.")
            self.highlighter.set_enabled(False)
            self.diff.setPlainText(item.incoming.body)
        self.note.show()

    def diff_text(self) -> str:
        """What the diff pane shows."""
        return self.diff.toPlainText()

    # -- outcome and import ------------------------------------------------------------------

    def _update_outcome(self) -> None:
        self.outcome.setText(outcome_text(self.model.items()))

    def apply(self) -> None:
        """Apply the plan; on a ReplydeskError say so in place and stay open (nothing changed)."""
        self.import_button.setEnabled(False)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            outcome = apply_plan(self._store, self._plan)
        except (ReplydeskError, OSError) as error:
            self.problem.setText(f"Nothing was imported: {error}")
            self.problem.show()
            return
        finally:
            QApplication.restoreOverrideCursor()
            self.import_button.setEnabled(True)
        self.problem.hide()
        self.imported.emit(outcome)
        self.accept()

    # -- events ------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.highlighter.set_palette(self.palette())
            self._colour_problem()
            self.table.viewport().update()
        super().changeEvent(event)


__all__ = [
    "ActionDelegate",
    "ChoiceOption",
    "DiffHighlighter",
    "ImportDialog",
    "MergePlanModel",
    "StatusBadgeDelegate",
    "choice_label",
    "options_for",
    "outcome_text",
    "summary_text",
]
