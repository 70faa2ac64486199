"""One editor widget per field type, shared by the fill form and the order bar.

Every editor is a `FieldEditor`: it shows a typed value, hands back a typed value (None
when empty), says when the user changed it, and can show a problem (a red frame and a
tooltip). Labels are not part of an editor; the form or the bar places them.

Numbers, amounts and dates are typed into line edits and read with the core's
`parse_value`, the very parser of the command line, so that the window and `replydesk
fill --set` read the same text as the same value whatever the locale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import cast

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from replydesk.core.errors import FieldValueError, ReplydeskError
from replydesk.core.fields import (
    DATE_EXAMPLES,
    FieldSpec,
    FieldType,
    format_value,
    is_empty,
    parse_value,
)
from replydesk.core.i18n import _

EMPTY_TEXT = "—"
"""What an empty optional choice shows, and the placeholder of an empty number or amount."""

PROBLEM_COLOR = QColor("#d64545")
"""The problem frame's colour: readable on light and dark backgrounds alike."""

_FRAME = 2  # room around the inner widget for the problem frame


class FieldEditor(QWidget):
    """The editor of one field: a typed value in, a typed value out.

    `value()` is the typed value, None when empty. The editors of typed-in text (number,
    amount, date) hand back the stripped text itself, a str, while it does not parse:
    callers pass it on to the core like any value, and the core's FieldValueError reports
    the field as invalid (the form frames it in red with that message), so nothing typed
    is ever dropped or silently read as something else.

    Subclasses build one inner widget (the one that takes focus) and pass it to
    `_install`, with any widgets that follow it; they implement `value()` and
    `_show(typed_value_or_None)`.
    """

    valueChanged = Signal()  # every user edit, never set_value

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._loading = False
        self._problem: str | None = None
        self._inner: QWidget | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(_FRAME, _FRAME, _FRAME, _FRAME)
        layout.setSpacing(0)
        self.setProperty("problem", False)

    def _install(self, widget: QWidget, *trailing: QWidget) -> None:
        """Place the widget that takes focus, then any that follow it (inside the frame)."""
        self._inner = widget
        layout = self.layout()
        assert layout is not None
        layout.addWidget(widget)
        for other in trailing:
            layout.addWidget(other)
        self.setFocusProxy(widget)
        self.setSizePolicy(widget.sizePolicy())
        self.setAccessibleName(self.spec.display_label)
        widget.setAccessibleName(self.spec.display_label)
        self._apply_tooltip()

    def _user_edited(self) -> None:
        if not self._loading:
            self.valueChanged.emit()

    # -- the contract ------------------------------------------------------------------

    def value(self) -> object | None:
        """The typed value, None when empty.

        An editor of typed-in text (number, amount, date) whose text does not parse gives
        that text back, stripped, instead of a typed value: callers hand it to the core
        like any value, and the core's FieldValueError then reports the field as invalid
        (the form frames it in red with the message) rather than the text being lost.
        """
        raise NotImplementedError

    def set_value(self, value: object | None) -> None:
        """Show a typed value or a string (parsed; one that does not parse shows empty, or
        as it is in the editors of typed-in text). Never emits valueChanged."""
        typed = self._coerce(value)
        self._loading = True
        try:
            self._show(typed)
        finally:
            self._loading = False

    def _coerce(self, value: object | None) -> object | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            typed = parse_value(self.spec, value)
        except ReplydeskError:
            return None
        return None if is_empty(typed) else typed

    def _show(self, value: object | None) -> None:
        raise NotImplementedError

    def text_problem(self) -> str | None:
        """Why what is typed cannot be used, or None (editors that read typed text say)."""
        return None

    def set_problem(self, message: str | None) -> None:
        """Frame the editor in red and put the message in its tooltip; None clears."""
        self._problem = message or None
        self.setProperty("problem", self._problem is not None)
        self._apply_tooltip()
        self.update()

    def problem(self) -> str | None:
        return self._problem

    def focus_widget(self) -> QWidget:
        """The widget that takes keyboard focus (for buddies and tab order)."""
        assert self._inner is not None
        return self._inner

    # -- drawing -----------------------------------------------------------------------

    def _apply_tooltip(self) -> None:
        tip = self._problem or self.spec.display_help
        self.setToolTip(tip)
        if self._inner is not None:
            self._inner.setToolTip(tip)
            self._inner.setAccessibleDescription(tip)

    def paintEvent(self, event: QPaintEvent) -> None:
        # Painted rather than styled: a style sheet here would cascade into the inner
        # widget and switch it to style-sheet rendering on native styles.
        super().paintEvent(event)
        if self._problem is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(PROBLEM_COLOR, _FRAME))
        half = _FRAME / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(half, half, -half, -half), 3, 3)
        painter.end()


# -- text ----------------------------------------------------------------------------------


class TextEditor(FieldEditor):
    """One line of text."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.line_edit = QLineEdit()
        self.line_edit.setClearButtonEnabled(True)
        self.line_edit.textChanged.connect(self._user_edited)
        self._install(self.line_edit)

    def value(self) -> str | None:
        return self.line_edit.text().strip() or None

    def _coerce(self, value: object | None) -> object | None:
        return None if value is None else format_value(self.spec, value) or None

    def _show(self, value: object | None) -> None:
        self.line_edit.setText("" if value is None else str(value))
        self.line_edit.setCursorPosition(0)  # show the start of a long value, not its end


class MultilineEditor(FieldEditor):
    """A few lines of text; Tab moves on instead of typing a tab."""

    LINES = 3

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.textChanged.connect(self._user_edited)
        self._fit_height()
        self._install(self.text_edit)

    def _fit_height(self) -> None:
        edit = self.text_edit
        lines = QFontMetrics(edit.font()).lineSpacing() * self.LINES
        margins = edit.contentsMargins()
        chrome = int(edit.document().documentMargin() * 2) + margins.top() + margins.bottom()
        edit.setFixedHeight(lines + chrome + 2 * edit.frameWidth())
        edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def value(self) -> str | None:
        text = self.text_edit.toPlainText().strip("\n")
        return text if text.strip() else None

    def _coerce(self, value: object | None) -> object | None:
        return None if value is None else format_value(self.spec, value) or None

    def _show(self, value: object | None) -> None:
        self.text_edit.setPlainText("" if value is None else str(value))


# -- numbers, amounts and dates: typed text, read by the core's parser ---------------------


class _ParsedLineEditor(FieldEditor):
    """A line edit whose text is read with `parse_value`, the command line's parser, so
    that what the window reads is exactly what was typed (no spin box, no locale: "25,50"
    is 25.50 everywhere).

    `value()` is the typed value, None when empty, and the stripped text itself when it does
    not parse (the core then reports it as an invalid field). When editing finishes (focus
    leaves, Enter) a value that parses is shown back in its canonical form ("25,50" →
    "25.50"); that redisplay is not an edit. The wheel changes nothing (nothing spins).
    """

    PLACEHOLDER = EMPTY_TEXT

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.line_edit = QLineEdit()
        self.line_edit.setClearButtonEnabled(True)
        self.line_edit.setPlaceholderText(_(self.PLACEHOLDER))
        self.line_edit.textChanged.connect(self._user_edited)
        self.line_edit.editingFinished.connect(self.tidy)
        self._install(self.line_edit, *self._trailing())

    def _trailing(self) -> Sequence[QWidget]:
        """Widgets shown after the line edit (the currency, the calendar button)."""
        return ()

    def text(self) -> str:
        return self.line_edit.text().strip()

    def value(self) -> object | None:
        text = self.text()
        if not text:
            return None
        try:
            return self._parse(text)
        except ReplydeskError:
            return text

    def _parse(self, text: str) -> object:
        return parse_value(self.spec, text)

    def text_problem(self) -> str | None:
        """Why the text cannot be used (the parser's message, with the label), or None."""
        text = self.text()
        try:
            if text:
                self._parse(text)
        except FieldValueError as error:
            return str(error)
        return None

    def _coerce(self, value: object | None) -> object | None:
        # A string that does not parse is shown as it is (value() hands it back), so that
        # an editor filled from what another one held keeps the user's text.
        if isinstance(value, str) and value.strip():
            try:
                return parse_value(self.spec, value)
            except ReplydeskError:
                return value.strip()
        return super()._coerce(value)

    def _show(self, value: object | None) -> None:
        text = value if isinstance(value, str) else format_value(self.spec, value)
        self.line_edit.setText(text)
        self.line_edit.setCursorPosition(0)

    def tidy(self) -> None:
        """Show a value that parses in its canonical form (quietly: the value is the same)."""
        value = self.value()
        if value is None or isinstance(value, str):
            return
        canonical = format_value(self.spec, value)
        if canonical == self.line_edit.text():
            return
        self._loading = True
        try:
            self.line_edit.setText(canonical)
        finally:
            self._loading = False


class NumberEditor(_ParsedLineEditor):
    """A number: int when typed whole ("12", "1 250"), Decimal with decimals ("2,5")."""

    def value(self) -> int | Decimal | str | None:
        return cast("int | Decimal | str | None", super().value())


class MoneyEditor(_ParsedLineEditor):
    """An amount ("25,50", "1 250.00", "$25"), with the currency shown after it."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        self._label_wanted = True
        super().__init__(spec, parent)
        self.set_currency("USD")

    def _parse(self, text: str) -> object:
        return parse_value(self.spec, text, currency=self.currency() or None)

    def show_currency_label(self, shown: bool) -> None:
        """Show the currency after the amount (off where a currency editor sits beside it)."""
        self._label_wanted = shown
        self.currency_label.setVisible(shown and bool(self.currency()))

    def _trailing(self) -> Sequence[QWidget]:
        self.currency_label = QLabel()
        self.currency_label.setObjectName("currency")
        self.currency_label.setContentsMargins(4, 0, 2, 0)
        self.currency_label.setBuddy(self.line_edit)
        return (self.currency_label,)

    def set_currency(self, code: str) -> None:
        """Show the amount in `code` (e.g. EUR); an empty code shows none."""
        code = code.strip().upper()
        self.currency_label.setText(code)
        self.currency_label.setVisible(self._label_wanted and bool(code))
        self.line_edit.setAccessibleDescription(self._description())

    def currency(self) -> str:
        return self.currency_label.text()

    def _description(self) -> str:
        """The accessible description: the currency (not in the text), then the tooltip."""
        code = self.currency_label.text()
        tip = self._problem or self.spec.display_help
        # Translators: read by screen readers after an amount; {currency} is a code, e.g. EUR.
        currency = _("In {currency}.").format(currency=code) if code else ""
        return " ".join(part for part in (currency, tip) if part)

    def _apply_tooltip(self) -> None:
        super()._apply_tooltip()
        self.line_edit.setAccessibleDescription(self._description())

    def value(self) -> Decimal | str | None:
        return cast("Decimal | str | None", super().value())


class _CalendarPopup(QWidget):
    """The calendar a date editor's button opens: a click or Enter picks, Escape closes."""

    picked = Signal(QDate)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(False)
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.calendar)

    def open_at(self, anchor: QWidget, date: dt.date | None) -> None:
        """Show under `anchor` on the date's month (today's when there is no date)."""
        if date is None:
            today = QDate.currentDate()
            self.calendar.setSelectedDate(today)
            self.calendar.setCurrentPage(today.year(), today.month())
        else:
            self.calendar.setSelectedDate(QDate(date.year, date.month, date.day))
            self.calendar.setCurrentPage(date.year, date.month)
        self.adjustSize()
        below = anchor.mapToGlobal(QPoint(0, anchor.height()))
        screen = anchor.screen().availableGeometry()
        x = max(screen.left(), min(below.x(), screen.right() - self.width()))
        y = below.y()
        if y + self.height() > screen.bottom():  # no room below: open above the field
            y = max(screen.top(), anchor.mapToGlobal(QPoint(0, 0)).y() - self.height())
        self.move(x, y)
        self.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _pick(self, date: QDate) -> None:
        self.close()
        self.picked.emit(date)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)


class DateEditor(_ParsedLineEditor):
    """A date, typed ("2026-12-01", "1.12.2026", "+3", "tomorrow") or picked in a calendar.

    The calendar button takes no focus (one Tab leaves the field); Alt+Down or F4 in the
    text opens the calendar from the keyboard.
    """

    PLACEHOLDER = DATE_EXAMPLES

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.popup: _CalendarPopup | None = None
        self.line_edit.installEventFilter(self)
        self._fit_a_date()

    def _fit_a_date(self) -> None:
        """Never narrower than a whole date beside the clear button: a narrow window cut
        the deadline to "2026-1"."""
        edit = self.line_edit
        widest = format_value(self.spec, dt.date(2088, 12, 28))
        style = edit.style()
        frame = style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, edit)
        clear = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, edit)
        margins = edit.textMargins()
        padding = 2 * frame + margins.left() + margins.right() + 4  # Qt's own 2 px a side
        # The clear button takes its icon and a margin of a quarter icon on each side.
        edit.setMinimumWidth(
            edit.fontMetrics().horizontalAdvance(widest) + padding + clear * 3 // 2 + 2
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_a_date()
        super().changeEvent(event)

    def _trailing(self) -> Sequence[QWidget]:
        self.calendar_button = QToolButton()
        self.calendar_button.setArrowType(Qt.ArrowType.DownArrow)
        self.calendar_button.setAutoRaise(True)
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.calendar_button.setToolTip(_("Pick the date in a calendar (Alt+Down)"))
        # Translators: the accessible name of a date field's calendar button; {label} is
        # the field's label, e.g. "Deadline".
        name = _("{label}: calendar").format(label=self.spec.display_label)
        self.calendar_button.setAccessibleName(name)
        self.calendar_button.clicked.connect(self.open_calendar)
        return (self.calendar_button,)

    def value(self) -> dt.date | str | None:
        return cast("dt.date | str | None", super().value())

    def open_calendar(self) -> None:
        """Open the calendar on the date's month, or on today's while there is no date."""
        if self.popup is None:
            self.popup = _CalendarPopup(self)
            self.popup.picked.connect(self._picked)
        value = self.value()
        self.popup.open_at(self.line_edit, value if isinstance(value, dt.date) else None)

    def _picked(self, date: QDate) -> None:
        picked = dt.date(date.year(), date.month(), date.day())
        self.line_edit.setText(format_value(self.spec, picked))  # a user edit: valueChanged
        self.line_edit.setFocus(Qt.FocusReason.PopupFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt_down = (
                event.key() == Qt.Key.Key_Down
                and event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
            if alt_down or event.key() == Qt.Key.Key_F4:
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)


# -- choices -------------------------------------------------------------------------------


class _ComboBox(QComboBox):
    """A combo box that ignores the wheel unless focused (forms scroll past it)."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class ChoiceEditor(FieldEditor):
    """One of the choices; an optional field starts with an empty item."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.combo_box = _ComboBox()
        self.combo_box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if not spec.required:
            self.combo_box.addItem(EMPTY_TEXT, None)
        for choice in spec.choices:
            self.combo_box.addItem(choice, choice)
        self.combo_box.setPlaceholderText(_("Choose…"))
        self.combo_box.setCurrentIndex(self._empty_index())
        self.combo_box.currentIndexChanged.connect(self._user_edited)
        self._install(self.combo_box)

    def _empty_index(self) -> int:
        return -1 if self.spec.required else 0

    def value(self) -> str | None:
        data = self.combo_box.currentData()
        return data if isinstance(data, str) else None

    def _show(self, value: object | None) -> None:
        index = self.combo_box.findData(value) if isinstance(value, str) else -1
        self.combo_box.setCurrentIndex(index if index >= 0 else self._empty_index())


class MultiChoiceEditor(FieldEditor):
    """Any number of the choices, ticked in a short list."""

    VISIBLE_ROWS = 6

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.list_widget = QListWidget()
        self.list_widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for choice in spec.choices:
            item = QListWidgetItem(choice)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list_widget.addItem(item)
        rows = max(1, min(len(spec.choices), self.VISIBLE_ROWS))
        row_height = self.list_widget.sizeHintForRow(0) if spec.choices else 20
        self.list_widget.setFixedHeight(row_height * rows + 2 * self.list_widget.frameWidth() + 2)
        self.list_widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.list_widget.itemChanged.connect(self._user_edited)
        self._install(self.list_widget)

    def _items(self) -> list[QListWidgetItem]:
        return [self.list_widget.item(row) for row in range(self.list_widget.count())]

    def value(self) -> list[str] | None:
        picked = [i.text() for i in self._items() if i.checkState() == Qt.CheckState.Checked]
        return picked or None

    def _show(self, value: object | None) -> None:
        wanted = set(value) if isinstance(value, list) else set()
        for item in self._items():
            checked = item.text() in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


class YesNoEditor(FieldEditor):
    """Yes or no: a check box (never empty)."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.check_box = QCheckBox()
        self.check_box.toggled.connect(self._user_edited)
        self._install(self.check_box)

    def value(self) -> bool:
        return self.check_box.isChecked()

    def _show(self, value: object | None) -> None:
        self.check_box.setChecked(value is True)


class SuggestEditor(FieldEditor):
    """Free text with suggestions to pick from (an editable combo box)."""

    def __init__(
        self, spec: FieldSpec, suggestions: Sequence[str] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(spec, parent)
        self.combo_box = _ComboBox()
        self.combo_box.setEditable(True)
        self.combo_box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.combo_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo_box.addItems(list(suggestions))
        self.combo_box.setCurrentIndex(-1)
        self.combo_box.setEditText("")
        self.combo_box.editTextChanged.connect(self._user_edited)
        self._install(self.combo_box)

    def line_edit(self) -> QLineEdit:
        edit = self.combo_box.lineEdit()
        assert edit is not None
        return edit

    def set_placeholder(self, text: str) -> None:
        self.line_edit().setPlaceholderText(text)

    def text(self) -> str:
        return self.combo_box.currentText().strip()

    def value(self) -> str | None:
        return self.text() or None

    def _coerce(self, value: object | None) -> object | None:
        return None if value is None else format_value(self.spec, value) or None

    def _show(self, value: object | None) -> None:
        text = "" if value is None else str(value)
        index = self.combo_box.findText(text, Qt.MatchFlag.MatchFixedString) if text else -1
        self.combo_box.setCurrentIndex(index)
        # A known suggestion is shown in its own spelling ("upwork" → "Upwork").
        self.combo_box.setEditText(self.combo_box.itemText(index) if index >= 0 else text)


_EDITORS: dict[FieldType, type[FieldEditor]] = {
    FieldType.TEXT: TextEditor,
    FieldType.MULTILINE: MultilineEditor,
    FieldType.NUMBER: NumberEditor,
    FieldType.MONEY: MoneyEditor,
    FieldType.DATE: DateEditor,
    FieldType.YESNO: YesNoEditor,
}


def editor_for(spec: FieldSpec, parent: QWidget | None = None) -> FieldEditor:
    """The editor for a field's type."""
    if spec.type is FieldType.CHOICE:
        return MultiChoiceEditor(spec, parent) if spec.multiple else ChoiceEditor(spec, parent)
    return _EDITORS[spec.type](spec, parent)


__all__ = [
    "EMPTY_TEXT",
    "ChoiceEditor",
    "DateEditor",
    "FieldEditor",
    "MoneyEditor",
    "MultiChoiceEditor",
    "MultilineEditor",
    "NumberEditor",
    "SuggestEditor",
    "TextEditor",
    "YesNoEditor",
    "editor_for",
]
