"""Human labels for template kinds and language codes, and the widgets that show a text
which may not fit: one line of data cut with "…" to its width, a wrapped text as tall as
its lines."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)

from replydesk.core.i18n import N_, _

# Kinds are data (stored, typed on the command line); their labels are translated when shown.
KIND_LABELS: dict[str, str] = {
    "greeting": N_("Greeting"),
    "scope_clarification": N_("Scope clarification"),
    "upsell_options": N_("Upsell options"),
    "refund_offer": N_("Refund offer"),
    "phone_call_refusal": N_("Phone call refusal"),
    "progress_update": N_("Progress update"),
    "delivery": N_("Delivery"),
    "review_thanks": N_("Review thanks"),
    "negative_review_reply": N_("Negative review reply"),
    "away_notice": N_("Away notice"),
    "deadline_extension": N_("Deadline extension"),
    "revision_request": N_("Revision request"),
    "custom_offer": N_("Custom offer"),
    "declining_free_work": N_("Declining free work"),
    "off_platform_refusal": N_("Off-platform request"),
    "follow_up": N_("Follow-up"),
    "acceptance_reminder": N_("Acceptance reminder"),
    "order_cancellation": N_("Order cancellation"),
    "missed_deadline_apology": N_("Missed deadline"),
    # Translators: a kind of reply: a price quote answering an enquiry, before any order.
    "quote": N_("Quote"),
    "declining_a_job": N_("Declining a job"),
    "missing_materials": N_("Missing materials"),
    # Translators: a kind of reply: calming an angry client, or leaving it to the platform.
    "dispute_handoff": N_("Dispute"),
    "returning_client": N_("Returning client"),
    "holiday_notice": N_("Holiday notice"),
    "milestone_delivery": N_("Milestone delivery"),
}

# Each language by its own name, as a speaker of it looks for it.
LANGUAGE_LABELS: dict[str, str] = {
    # Translators: a language named in itself; keep it so unless your script cannot show it.
    "en": N_("English"),
    # Translators: a language named in itself; keep it so unless your script cannot show it.
    "ru": N_("Русский"),
    # Translators: a language named in itself; keep it so unless your script cannot show it.
    "ro": N_("Română"),
    # Translators: a language named in itself; keep it so unless your script cannot show it.
    "sk": N_("Slovenčina"),
    # Translators: a language named in itself; keep it so unless your script cannot show it.
    "hu": N_("Magyar"),
}


def kind_label(kind: str) -> str:
    """`scope_clarification` → `Scope clarification`; unknown kinds are spelled out the same way."""
    label = KIND_LABELS.get(kind)
    if label is not None:
        return _(label)
    words = kind.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def language_label(code: str) -> str:
    """`ru` → `Русский`; an unknown code is shown upper-cased (`DE`)."""
    label = LANGUAGE_LABELS.get(code)
    return _(label) if label is not None else code.upper()


# -- texts that may not fit ----------------------------------------------------------------


def _without_mnemonic(text: str) -> str:
    """`text` as a label with a buddy draws it: no & of a mnemonic, && as one &."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


class ElidedLabel(QLabel):
    """One line of text that is data (a template's name, a path, a message): cut with "…"
    to the label's width, the whole text in its accessible name (and, when it is cut, in
    its tooltip).

    Its size hint is the whole text, so a layout with room shows all of it; its minimum is
    a few characters, so a long name never makes its window wider. `setText` sets the
    whole text and `text()` is what is shown. With a buddy, the mnemonic is kept.
    """

    MINIMUM_CHARACTERS = 8

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
    ) -> None:
        super().__init__(parent)
        self._full = ""
        self._mode = mode
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.set_full_text(text)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setAccessibleName(self._whole())
        self._elide()
        self.updateGeometry()

    def _whole(self) -> str:
        """The whole text as it reads (a mnemonic's & is not drawn)."""
        return _without_mnemonic(self._full) if self.buddy() else self._full

    def setText(self, text: str) -> None:
        self.set_full_text(text)

    def setBuddy(self, buddy: QWidget) -> None:
        super().setBuddy(buddy)
        self.set_full_text(self._full)  # the mnemonic is no longer drawn

    def full_text(self) -> str:
        return self._full

    def _flags(self) -> int:
        return Qt.TextFlag.TextShowMnemonic.value if self.buddy() else 0

    def _around_text(self) -> int:
        """The label's margins beside its text."""
        margins = self.contentsMargins()
        return margins.left() + margins.right() + 2 * max(self.margin(), 0)

    def sizeHint(self) -> QSize:
        shown = self._full.replace("\n", " ")
        width = self.fontMetrics().horizontalAdvance(
            _without_mnemonic(shown) if self.buddy() else shown
        )
        return QSize(width + self._around_text(), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        hint = self.sizeHint()
        few = self.fontMetrics().averageCharWidth() * self.MINIMUM_CHARACTERS
        return QSize(min(hint.width(), few + self._around_text()), hint.height())

    def _elide(self) -> None:
        width = self.contentsRect().width() - 2 * max(self.margin(), 0)
        one_line = self._full.replace("\n", " ")
        shown = self._full
        if width > 0:
            shown = self.fontMetrics().elidedText(one_line, self._mode, width, self._flags())
        super().setText(shown)
        self.setToolTip(self._whole() if shown != one_line and width > 0 else "")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()


class WrappingLabel(QLabel):
    """A word-wrapped label never shorter than its lines at the width it is given.

    Qt gives a window the height its wrapped labels need at their narrowest, not at the
    width they have, so a narrow window could be made too short and cut their last lines;
    this label's minimum height follows its width (and its text), and its window's with it.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def setText(self, text: str) -> None:
        super().setText(text)
        self._follow_width()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._follow_width()

    def _follow_width(self) -> None:
        if self.width() <= 0 or not self.text():
            self.setMinimumHeight(0)
            return
        needed = self.heightForWidth(self.width())
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)


class ElidedComboBox(QComboBox):
    """A list to choose from whose choices may be data (a kind someone typed, an order's
    title): the chosen one is cut with "…" to the box's width instead of being clipped.

    The texts given to `keep_whole` (the app's own, such as "All kinds") are never cut:
    the box is at least as wide as they need.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._whole: tuple[str, ...] = ()

    def keep_whole(self, *texts: str) -> None:
        self._whole = texts
        self.updateGeometry()

    def whole_texts(self) -> tuple[str, ...]:
        return self._whole

    def _icon_room(self) -> int:
        has_icon = any(not self.itemIcon(row).isNull() for row in range(self.count()))
        return self.iconSize().width() + 4 if has_icon else 0

    def width_for(self, text: str) -> int:
        """The box's width that shows `text` whole."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        metrics = self.fontMetrics()
        contents = QSize(metrics.horizontalAdvance(text) + self._icon_room() + 2, metrics.height())
        return (
            self.style()
            .sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, contents, self)
            .width()
        )

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        for text in self._whole:
            hint.setWidth(max(hint.width(), self.width_for(text)))
        return hint

    def sizeHint(self) -> QSize:
        return super().sizeHint().expandedTo(self.minimumSizeHint())

    def paintEvent(self, event: QPaintEvent) -> None:
        """QComboBox's own painting, with the shown text cut to the room it has."""
        painter = QStylePainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        if self.currentIndex() < 0 and self.placeholderText():
            option.palette.setBrush(QPalette.ColorRole.ButtonText, option.palette.placeholderText())
            option.currentText = self.placeholderText()
        if not self.isEditable():
            field = self.style().subControlRect(
                QStyle.ComplexControl.CC_ComboBox,
                option,
                QStyle.SubControl.SC_ComboBoxEditField,
                self,
            )
            icon = 0 if option.currentIcon.isNull() else option.iconSize.width() + 4
            option.currentText = self.fontMetrics().elidedText(
                option.currentText, Qt.TextElideMode.ElideRight, max(field.width() - 2 - icon, 0)
            )
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
