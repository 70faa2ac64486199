"""The live reply: its text, what keeps it from being ready, and the Copy button."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from replydesk.core.filling import FillResult
from replydesk.ui.icons import icon

COPIED_TEXT = "Copied ✓"
COPIED_MS = 1500

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
        self._text = ""  # the last good reply, kept to show greyed while there is a problem
        self._ok = False

        self.banner = QLabel()
        self.banner.setObjectName("previewProblem")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.setStyleSheet(_BANNER_STYLE)
        self.banner.setAccessibleName("Problem")
        self.banner.hide()

        self.text_edit = QPlainTextEdit()
        self.text_edit.setReadOnly(True)
        self.text_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text_edit.setAccessibleName("Reply preview")
        self.text_edit.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() + 1)
        self.text_edit.setFont(font)
        self.text_edit.document().setDocumentMargin(8)

        self.copied_label = QLabel(COPIED_TEXT)
        self.copied_label.setObjectName("previewCopied")
        self.copied_label.hide()
        self._copied_timer = QTimer(self)
        self._copied_timer.setSingleShot(True)
        self._copied_timer.setInterval(COPIED_MS)
        self._copied_timer.timeout.connect(self.copied_label.hide)

        self.copy_button = QPushButton(icon("copy"), "&Copy reply")
        self.copy_button.setToolTip("Copy the reply to the clipboard (Ctrl+Enter)")
        self.copy_button.setMinimumHeight(self.copy_button.sizeHint().height() + 8)
        self.copy_button.setDefault(True)
        self.copy_button.setAccessibleName("Copy the reply")
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self.copyRequested)

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
        layout.addLayout(buttons)

    def show_result(self, result: FillResult) -> None:
        """The reply when it is ready; otherwise the problem, over the last reply greyed."""
        self._ok = result.ok
        if result.ok and result.text is not None:
            self._text = result.text
            self._set_text(result.text, stale=False)
            self.banner.hide()
        else:
            message = result.message
            if not message:  # nothing to show at all (no template)
                self._text = ""
            self.banner.setText(message)
            self.banner.setVisible(bool(message))
            self._set_text(self._text, stale=True)
        self.copy_button.setEnabled(self._ok)

    def clear(self) -> None:
        """Nothing to preview."""
        self.show_result(FillResult())

    def _set_text(self, text: str, *, stale: bool) -> None:
        if text != self.text_edit.toPlainText():
            bar = self.text_edit.verticalScrollBar()
            position = bar.value()
            self.text_edit.setPlainText(text)
            bar.setValue(position)  # typing in the form must not jump the preview to the top
        palette = QPalette(self.palette())
        if stale:
            grey = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            palette.setColor(QPalette.ColorRole.Text, grey)
            self.text_edit.setPalette(palette)
        else:
            self.text_edit.setPalette(QPalette())
        self.text_edit.setProperty("stale", stale)

    def is_stale(self) -> bool:
        """True while the text shown is the last good reply, greyed behind a problem."""
        return bool(self.text_edit.property("stale"))

    def is_ready(self) -> bool:
        """True when the reply is ready to copy."""
        return self._ok

    def text(self) -> str:
        """The reply to copy; "" while it is not ready."""
        return self._text if self._ok else ""

    def flash_copied(self, name: str) -> None:
        """Say "Copied ✓" next to the button for a moment."""
        self.copied_label.setToolTip(f"Copied “{name}”" if name else "")
        self.copied_label.setAccessibleName(f"Copied {name}".strip())
        self.copied_label.show()
        self._copied_timer.start()
