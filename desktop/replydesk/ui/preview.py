"""The live reply: its text, what keeps it from being ready, and the Copy button."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontDatabase,
    QIcon,
    QPainter,
    QPixmap,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from replydesk.core.checker import Finding, Severity
from replydesk.core.filling import FillResult
from replydesk.core.i18n import N_, _
from replydesk.ui.icons import icon

# The texts below are marked here and translated where they are shown.
# Translators: shown for a moment beside the Copy button after a copy.
COPIED_TEXT = N_("Copied ✓")
COPIED_MS = 1500
COPY_TOOLTIP = N_("Copy the reply to the clipboard (Ctrl+Enter)")
BLOCKED_TOOLTIP = N_(
    "Copying is blocked: the checker found an error in the reply (listed under it). "
    "Fix it, or turn off “Block copying” in Edit › Profile and settings."
)
# Greyed in the reply's place while there is no reply (the banner above names the problem).
MISSING_TEXT = N_("No reply yet: fill in the fields named above and it appears here.")
INVALID_TEXT = N_("No reply yet: correct the values named above and it appears here.")
ERROR_TEXT = N_("No reply: the template cannot be filled (see above).")
PREPARING_TEXT = N_("The reply appears here as soon as it is ready.")
FINDINGS_MAX_ROWS = 4  # the list scrolls beyond this; the reply keeps the room

# Saturated hues at partial opacity: the text keeps the palette's colour and the ground
# blends with the base, so the marks read on light and dark themes alike.
SEVERITY_COLORS: dict[Severity, QColor] = {
    Severity.ERROR: QColor(220, 50, 47),
    Severity.WARNING: QColor(214, 140, 0),
    Severity.NOTE: QColor(38, 139, 210),
}
_BACKGROUND_ALPHA = {Severity.ERROR: 55, Severity.WARNING: 50, Severity.NOTE: 0}
_SEVERITY_NAMES = {
    # Translators: the severities of the checker's findings (read out by screen readers).
    Severity.ERROR: N_("Error"),
    Severity.WARNING: N_("Warning"),
    Severity.NOTE: N_("Note"),
}
SPAN_ROLE = Qt.ItemDataRole.UserRole  # (start, end) of the finding in the reply

# Amber on a translucent amber ground: the text keeps the palette's colour, so it reads
# on light and dark themes alike.
_BANNER_STYLE = """
QLabel#previewProblem {
    background-color: rgba(214, 140, 0, 38);
    border: 1px solid rgba(214, 140, 0, 170);
    border-radius: 4px;
    padding: 6px 8px;
}
"""


class PreviewPane(QWidget):
    """The reply as it will be copied, or the problem standing in its way."""

    copyRequested = Signal()
    MNEMONICS = "c"  # Alt+C: Copy

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""  # the reply shown; "" while there is none
        self._ok = False
        self._scroll = 0  # where the last reply was scrolled to, for the next one

        self.banner = QLabel()
        self.banner.setObjectName("previewProblem")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.setStyleSheet(_BANNER_STYLE)
        self.banner.setAccessibleName(_("Problem"))
        self.banner.hide()

        self.text_edit = QPlainTextEdit()
        self.text_edit.setReadOnly(True)
        self.text_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text_edit.setAccessibleName(_("Reply preview"))
        self.text_edit.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() + 1)
        self.text_edit.setFont(font)
        self.text_edit.document().setDocumentMargin(8)

        self.copied_label = QLabel(_(COPIED_TEXT))
        self.copied_label.setObjectName("previewCopied")
        self.copied_label.hide()
        self._copied_timer = QTimer(self)
        self._copied_timer.setSingleShot(True)
        self._copied_timer.setInterval(COPIED_MS)
        self._copied_timer.timeout.connect(self.copied_label.hide)

        self.copy_button = QPushButton(icon("copy"), _("&Copy reply"))
        self.copy_button.setToolTip(_(COPY_TOOLTIP))
        self.copy_button.setMinimumHeight(self.copy_button.sizeHint().height() + 8)
        self.copy_button.setDefault(True)
        self.copy_button.setAccessibleName(_("Copy the reply"))
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self.copyRequested)

        self._findings: tuple[Finding, ...] = ()
        self._block_copy = False
        self.findings_list = QListWidget()
        self.findings_list.setObjectName("previewFindings")
        self.findings_list.setAccessibleName(_("Checker findings"))
        self.findings_list.setToolTip(_("Click a finding to select it in the reply"))
        self.findings_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.findings_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.findings_list.setUniformItemSizes(True)
        self.findings_list.setWordWrap(False)
        self.findings_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.findings_list.setIconSize(QSize(10, 10))
        self.findings_list.itemClicked.connect(self._select_finding)
        self.findings_list.itemActivated.connect(self._select_finding)
        self.findings_list.hide()

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addStretch(1)
        buttons.addWidget(self.copied_label)
        buttons.addSpacing(8)
        buttons.addWidget(self.copy_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(self.findings_list)
        layout.addLayout(buttons)

    def show_result(self, result: FillResult) -> None:
        """The reply when it is ready; otherwise the problem, and no reply at all.

        A result without text never leaves an earlier reply in view (it may be another
        template's or another order's): the banner names the problem (result.message) and
        the emptied reply area says, greyed, that there is no reply. That line is the
        area's placeholder, not its text: selecting all and copying there copies nothing.

        Findings belong to one text: a new text, or none ready, clears them; call
        `show_findings` after this with the findings of the new text.
        """
        self._ok = result.ok
        if result.ok and result.text is not None:
            if result.text != self._text:
                self.show_findings(())
            self._text = result.text
            self.banner.hide()
            self._set_text(result.text)
        else:
            self.show_findings(())
            self._text = ""
            message = result.message  # "" for no template: nothing to show at all
            self.banner.setText(message)
            self.banner.setVisible(bool(message))
            self._set_text("", placeholder=_placeholder(result))
            if not message:
                self._scroll = 0  # no template: the next one starts at its top
        self._update_copy_button()

    # -- checker findings --------------------------------------------------------------

    def show_findings(self, findings: Sequence[Finding]) -> None:
        """Mark each finding's span in the reply and list the findings under it."""
        findings = tuple(findings)
        if findings == self._findings:
            return  # typing that changes nothing the checker sees costs nothing here
        self._findings = findings
        length = len(self.text_edit.toPlainText())
        selections: list[QTextEdit.ExtraSelection] = []
        self.findings_list.clear()
        for finding in findings:
            start = min(max(finding.start, 0), length)
            end = min(max(finding.end, start), length)
            if end > start:
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(self.text_edit.document())
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor
                selection.format = _span_format(finding.severity)
                selections.append(selection)
            name = _(_SEVERITY_NAMES.get(finding.severity, str(finding.severity)))
            item = QListWidgetItem(_dot(finding.severity), finding.message)
            item.setToolTip(finding.explanation or finding.message)
            # Translators: a finding read out by screen readers, e.g. "Warning: a double space".
            spoken = _("{severity}: {message}").format(severity=name, message=finding.message)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, spoken)
            item.setData(SPAN_ROLE, (start, end))
            self.findings_list.addItem(item)
        self.text_edit.setExtraSelections(selections)
        self._fit_findings_list()
        self.findings_list.setVisible(bool(findings))
        self._update_copy_button()

    def findings(self) -> tuple[Finding, ...]:
        """The findings shown for the current reply."""
        return self._findings

    def has_error(self) -> bool:
        """True when a finding shown is an error."""
        return any(f.severity == Severity.ERROR for f in self._findings)

    def set_block_copy(self, block: bool) -> None:
        """With `block`, an error finding turns the Copy button off."""
        self._block_copy = block
        self._update_copy_button()

    def is_copy_blocked(self) -> bool:
        """True while the reply is ready but an error finding keeps it from being copied."""
        return self._ok and self._block_copy and self.has_error()

    def _update_copy_button(self) -> None:
        blocked = self.is_copy_blocked()
        self.copy_button.setEnabled(self._ok and not blocked)
        self.copy_button.setToolTip(_(BLOCKED_TOOLTIP if blocked else COPY_TOOLTIP))

    def _fit_findings_list(self) -> None:
        rows = min(self.findings_list.count(), FINDINGS_MAX_ROWS)
        row_height = max(self.findings_list.sizeHintForRow(0), self.fontMetrics().height())
        frame = 2 * self.findings_list.frameWidth()
        self.findings_list.setFixedHeight(rows * row_height + frame + 2)

    def _select_finding(self, item: QListWidgetItem) -> None:
        span = item.data(SPAN_ROLE)
        if not span:
            return
        start, end = span
        cursor = QTextCursor(self.text_edit.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.text_edit.setTextCursor(cursor)
        self.text_edit.ensureCursorVisible()
        self.text_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        """Nothing to preview."""
        self.show_result(FillResult())

    def _set_text(self, text: str, *, placeholder: str = "") -> None:
        """Show a reply (or, with "", none and the greyed `placeholder` in its place)."""
        bar = self.text_edit.verticalScrollBar()
        shown = self.text_edit.toPlainText()
        if text != shown:
            # Typing in the form must not jump the preview to the top, even across a
            # moment without a reply (a required field cleared and typed again).
            if shown:
                self._scroll = bar.value()
            self.text_edit.setPlainText(text)
            bar.setValue(self._scroll)
        self.text_edit.setPlaceholderText(placeholder)
        self.text_edit.setAccessibleDescription(placeholder)

    def placeholder(self) -> str:
        """The greyed line shown in the reply's place while there is no reply ("" if none)."""
        return self.text_edit.placeholderText()

    def is_ready(self) -> bool:
        """True when the reply is ready to copy."""
        return self._ok

    def text(self) -> str:
        """The reply to copy; "" while it is not ready."""
        return self._text if self._ok else ""

    def flash_copied(self, name: str) -> None:
        """Say "Copied ✓" next to the button for a moment."""
        # Translators: {name} is the name of the template whose reply was copied.
        self.copied_label.setToolTip(_("Copied “{name}”").format(name=name) if name else "")
        spoken = _("Copied {name}").format(name=name) if name else _("Copied")
        self.copied_label.setAccessibleName(spoken.strip())
        self.copied_label.show()
        self._copied_timer.start()


def _placeholder(result: FillResult) -> str:
    """What the empty reply area says, greyed, for a result without text.

    The problem itself is the banner's (result.message, above the area); this line says
    what became of the reply, so the two never repeat each other.
    """
    if result.rendering:
        return _(PREPARING_TEXT)
    if result.error is not None:
        return _(ERROR_TEXT)
    if result.invalid:
        return _(INVALID_TEXT)
    if result.missing:
        return _(MISSING_TEXT)
    return ""  # no template: nothing to say


def severity_color(severity: Severity) -> QColor:
    """The hue that marks a severity: red, amber, blue."""
    return QColor(SEVERITY_COLORS.get(severity, SEVERITY_COLORS[Severity.NOTE]))


def _span_format(severity: Severity) -> QTextCharFormat:
    """Errors and warnings: a tinted ground and a wavy underline; notes: a dotted one."""
    color = severity_color(severity)
    fmt = QTextCharFormat()
    fmt.setUnderlineColor(color)
    if severity == Severity.NOTE:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    else:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    alpha = _BACKGROUND_ALPHA.get(severity, 0)
    if alpha:
        ground = QColor(color)
        ground.setAlpha(alpha)
        fmt.setBackground(QBrush(ground))
    return fmt


_DOTS: dict[Severity, QIcon] = {}


def _dot(severity: Severity) -> QIcon:
    """A small filled circle in the severity's colour."""
    if severity not in _DOTS:
        pixmap = QPixmap(20, 20)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(severity_color(severity))
        painter.drawEllipse(2, 2, 16, 16)
        painter.end()
        _DOTS[severity] = QIcon(pixmap)
    return _DOTS[severity]
