"""The import dialog's looks: its widgets and layout, status badges and diff colours.

Layout only: nothing here reads the store, plans or applies an import, or decides what a
choice means. ImportDialog (ui/import_dialog.py) fills these widgets and gives them their
behaviour; the texts it passes in are already made safe to show.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
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
    QProgressBar,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from replydesk.core.i18n import _
from replydesk.core.merge import Status
from replydesk.ui.labels import ElidedLabel
from replydesk.ui.style import error_color, is_dark, problem_label

_Index = QModelIndex | QPersistentModelIndex

STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
"""The role of a row's Status value ("conflict", …), which the badges are drawn from."""

# Columns of the table, in order.
STATUS_COLUMN, NAME_COLUMN, KIND_COLUMN, LANGUAGE_COLUMN, ACTION_COLUMN = range(5)


# -- colours -------------------------------------------------------------------------------


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


def _mix(front: QColor, back: QColor, amount: float) -> QColor:
    """`front` blended `amount` of the way over `back` (1.0 is `front` itself)."""
    return QColor(
        round(front.red() * amount + back.red() * (1 - amount)),
        round(front.green() * amount + back.green() * (1 - amount)),
        round(front.blue() * amount + back.blue() * (1 - amount)),
    )


# -- the status badges -----------------------------------------------------------------------


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
        value = index.data(STATUS_ROLE)
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

    def badge_width(self, text: str, font: QFont) -> int:
        """The width a badge of `text` takes in a cell of `font`, margins included."""
        bold = QFont(font)
        bold.setBold(True)
        return QFontMetrics(bold).horizontalAdvance(text) + 2 * (self.PAD_X + self.MARGIN)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        hint = super().sizeHint(option, index)
        width = self.badge_width(str(index.data() or ""), option.font)
        return QSize(max(hint.width(), width), hint.height())


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


# -- the dialog's layout -------------------------------------------------------------------


def _plain_label(parent: QWidget, name: str, accessible: str) -> QLabel:
    """A wrapping label that shows its text as it is (never as rich text)."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAccessibleName(accessible)
    return label


def _button(text: str, tip: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setAutoDefault(False)
    button.setToolTip(tip)
    return button


class ImportView(QDialog):
    """The import dialog's widgets, laid out: the summary; the table with the for-all
    buttons; the diff of the selected template; what Import will do; the problem line,
    the progress of applying; the buttons.

    Texts, the table's model and its Action column's editors come from ImportDialog.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.summary = _plain_label(self, "importSummary", _("What the file holds"))
        summary_font = self.summary.font()
        summary_font.setBold(True)
        self.summary.setFont(summary_font)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._build_choices())
        self.splitter.addWidget(self._build_diff_pane())
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.outcome = _plain_label(self, "importOutcome", _("What Import will do"))
        self.problem = problem_label(self)
        self.problem.setObjectName("importProblem")
        self.problem.setAccessibleName(_("Import problem"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.outcome)
        layout.addWidget(self.problem)
        layout.addLayout(self._build_progress_row())
        layout.addWidget(self._build_buttons())
        self.resize(900, 700)

    # -- the parts, top to bottom ---------------------------------------------------------

    def _build_choices(self) -> QWidget:
        """The table of templates and the for-all row: everything the user chooses with."""
        self.table = QTableView(self)
        self.table.setObjectName("importTable")
        self.table.setAccessibleName(_("Templates in the file"))
        self.table.setAccessibleDescription(
            _("One row per template; the Action column says what Import will do with it")
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
        self.table.setItemDelegateForColumn(STATUS_COLUMN, self.badge_delegate)
        table_label = QLabel(_("Templates in the &file:"), self)
        table_label.setBuddy(self.table)

        self.all_label = _plain_label(self, "importAllLabel", _("Choices for every conflict"))
        self.all_label.setWordWrap(False)
        self.keep_mine_all = _button(
            _("Keep &mine for all"), _("Every conflict keeps your version, with your edits"), self
        )
        self.take_theirs_all = _button(
            _("Take &theirs for all"),
            _("Every conflict takes the sender's version: your edits to them are replaced"),
            self,
        )
        self.keep_both_all = _button(
            _("Keep &both for all"), _("Every conflict keeps yours and adds theirs as a copy"), self
        )
        all_row = QHBoxLayout()
        for widget in (self.all_label, self.keep_mine_all, self.take_theirs_all):
            all_row.addWidget(widget)
        all_row.addWidget(self.keep_both_all)
        all_row.addStretch(1)

        self.choices = QWidget(self)
        box = QVBoxLayout(self.choices)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(table_label)
        box.addWidget(self.table, 1)
        box.addLayout(all_row)
        return self.choices

    def _build_diff_pane(self) -> QWidget:
        """The selected template's diff (or text), with a heading and a note above it."""
        self.diff = QPlainTextEdit(self)  # plain text: nothing in it is read as markup
        self.diff.setObjectName("importDiff")
        self.diff.setReadOnly(True)
        self.diff.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.diff.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.diff.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.diff.setTabChangesFocus(True)
        self.diff.setAccessibleName(_("Differences of the selected template"))
        self.diff.setAccessibleDescription(
            _("Lines starting with minus are yours, lines starting with plus are theirs")
        )
        # Plain text, cut with "…" when narrow: it quotes a template's name.
        self.diff_label = ElidedLabel(_("&Differences:"), self)
        self.diff_label.setBuddy(self.diff)
        self.highlighter = DiffHighlighter(self.diff.document(), self.palette())
        self.note = _plain_label(self, "importNote", _("About the selected template"))
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        pane = QWidget(self)
        box = QVBoxLayout(pane)
        box.setContentsMargins(0, 6, 0, 0)
        box.addWidget(self.diff_label)
        box.addWidget(self.note)
        box.addWidget(self.diff, 1)
        return pane

    def _build_progress_row(self) -> QHBoxLayout:
        """How far applying has come; also where a cancel is reported. Hidden when idle."""
        self.progress_label = _plain_label(self, "importProgressLabel", _("Import progress"))
        self.progress_label.hide()
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("importProgress")
        self.progress_bar.setAccessibleName(_("How much of the import is done"))
        self.progress_bar.setTextVisible(True)
        self.progress_bar.hide()
        row = QHBoxLayout()
        row.addWidget(self.progress_label, 1)
        row.addWidget(self.progress_bar, 2)
        return row

    def _build_buttons(self) -> QDialogButtonBox:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(
            _("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setDefault(True)
        self.import_button.setAutoDefault(True)
        self.import_button.setToolTip(_("Apply the chosen actions (a backup is made first)"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel is not None
        self.cancel_button: QPushButton = cancel
        self.cancel_button.setToolTip(_("Close without changing anything"))
        return self.buttons

    # -- states ---------------------------------------------------------------------------

    MAX_TEXT_COLUMN = 220
    """Pixels: a longer kind or language is elided (its column can still be widened)."""
    NAME_CHARACTERS = 12
    """The name column keeps room for this many characters at least: a narrow dialog
    scrolls the other columns away before it squeezes the names out of sight."""

    def fit_columns(self, choices: Iterable[str], texts: Mapping[int, Iterable[str]]) -> None:
        """Size the columns from the texts they can show, never by asking every row (a file
        may hold 10,000): the name takes the spare width; each column of `texts` fits the
        widest of its values (the Status column as badges) up to MAX_TEXT_COLUMN, and can
        be widened by hand; the Action column fits the longest of `choices` in a combo box
        (whatever the style); rows fit the combo."""
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        for column, values in texts.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, self._column_width(column, values))
        header.setSectionResizeMode(ACTION_COLUMN, QHeaderView.ResizeMode.Fixed)
        probe = QComboBox()
        probe.addItems(list(choices))
        hint = probe.sizeHint()
        probe.deleteLater()
        header.resizeSection(ACTION_COLUMN, hint.width() + 12)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(
            max(hint.height() + 4, QFontMetrics(self.table.font()).height() + 10)
        )
        self._keep_room_for_names()

    def _keep_room_for_names(self) -> None:
        """The table is never so narrow that the name column (which takes the spare width)
        is narrower than its title or NAME_CHARACTERS."""
        header = self.table.horizontalHeader()
        others = sum(
            header.sectionSize(column)
            for column in range(header.count())
            if column != NAME_COLUMN and not header.isSectionHidden(column)
        )
        name = max(
            header.sectionSizeFromContents(NAME_COLUMN).width(),
            QFontMetrics(self.table.font()).averageCharWidth() * self.NAME_CHARACTERS,
        )
        style = self.table.style()
        scroll_bar = style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self.table)
        self.table.setMinimumWidth(others + name + 2 * self.table.frameWidth() + scroll_bar)

    def _column_width(self, column: int, values: Iterable[str]) -> int:
        """The width that shows the header and the widest of `values` whole (the 50
        longest are measured), at most MAX_TEXT_COLUMN."""
        header = self.table.horizontalHeader()
        model = self.table.model()
        title = str(model.headerData(column, Qt.Orientation.Horizontal)) if model else ""
        style = header.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        widest = max(
            QFontMetrics(header.font()).horizontalAdvance(title) + 4 * margin,
            header.sectionSizeFromContents(column).width(),  # the title as the style draws it
        )
        longest = sorted(set(values), key=len, reverse=True)[:50]
        if column == STATUS_COLUMN:
            widths = [self.badge_delegate.badge_width(v, self.table.font()) for v in longest]
        else:
            metrics = QFontMetrics(self.table.font())
            pad = (
                2
                * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.table) + 1)
                + 8
            )
            widths = [metrics.horizontalAdvance(v) + pad for v in longest]
        return min(max([widest, *widths]), self.MAX_TEXT_COLUMN)  # a file may hold none

    def show_text(self, heading: str, note: str, text: str, *, as_diff: bool) -> None:
        """Fill the diff pane: `as_diff` colours its "-" and "+" lines."""
        self.diff_label.setText(heading)
        self.note.setText(note)
        self.note.show()
        self.highlighter.set_enabled(as_diff)
        self.diff.setPlainText(text)

    def show_applying(self, applying: bool, what: str = "") -> None:
        """While applying, the choices and Import are disabled and the progress shows;
        Cancel stays enabled (it stops the import)."""
        self.choices.setEnabled(not applying)
        self.import_button.setEnabled(not applying)
        self.cancel_button.setEnabled(True)
        self.progress_bar.setVisible(applying)
        if applying:
            self.progress_bar.setRange(0, 0)  # busy until the first step says how far
            self.cancel_button.setToolTip(_("Stop the import: nothing is changed"))
        else:
            self.cancel_button.setToolTip(_("Close without changing anything"))
        self.show_progress_note(what)

    def show_progress(self, done: int, total: int, what: str) -> None:
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))
        if what:
            self.progress_bar.setFormat(f"{what} %p%" if total > 0 else what)

    def show_progress_note(self, text: str) -> None:
        """A line beside the progress bar (empty: hidden)."""
        self.progress_label.setText(text)
        self.progress_label.setVisible(bool(text))

    def show_problem(self, text: str) -> None:
        """The problem line in the problem red (empty: hidden)."""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _repaint_problem(self) -> None:
        """The problem red for the dialog's new palette (Qt tells the dialog before its
        children, so the label's own palette is not the new one yet)."""
        palette = self.problem.palette()
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
            palette.setColor(role, error_color(self.palette()))
        self.problem.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.highlighter.set_palette(self.palette())
            self._repaint_problem()
            self.table.viewport().update()
        super().changeEvent(event)


__all__ = [
    "ACTION_COLUMN",
    "KIND_COLUMN",
    "LANGUAGE_COLUMN",
    "NAME_COLUMN",
    "STATUS_COLUMN",
    "STATUS_ROLE",
    "DiffHighlighter",
    "ImportView",
    "StatusBadgeDelegate",
    "status_colour",
]
