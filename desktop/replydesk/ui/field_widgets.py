"""One editor widget per field type, shared by the fill form and the order bar.

Every editor is a `FieldEditor`: it shows a typed value, hands back a typed value (None
when empty), says when the user changed it, and can show a problem (a red frame and a
tooltip). Labels are not part of an editor; the form or the bar places them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QDate, QDateTime, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QShowEvent,
    QValidator,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from replydesk.core.errors import ReplydeskError
from replydesk.core.fields import FieldSpec, FieldType, format_value, is_empty, parse_value

EMPTY_TEXT = "—"
"""What an empty number, amount, date or optional choice shows."""

PROBLEM_COLOR = QColor("#d64545")
"""The problem frame's colour: readable on light and dark backgrounds alike."""

_FRAME = 2  # room around the inner widget for the problem frame
_NUMBER_LIMIT = 1_000_000_000.0
_EMPTY_DATE = QDate(1900, 1, 1)


class FieldEditor(QWidget):
    """The editor of one field: a typed value in, a typed value out.

    Subclasses build one inner widget and pass it to `_install`; they implement
    `value()` and `_show(typed_value_or_None)`.
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

    def _install(self, widget: QWidget) -> None:
        self._inner = widget
        layout = self.layout()
        assert layout is not None
        layout.addWidget(widget)
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
        """The typed value, None when empty."""
        raise NotImplementedError

    def set_value(self, value: object | None) -> None:
        """Show a typed value or a string (parsed; one that does not parse shows empty)."""
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
        tip = self._problem or self.spec.help
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


# -- numbers and amounts ------------------------------------------------------------------


class EmptyableSpinBox(QDoubleSpinBox):
    """A spin box whose minimum means "no value": it shows EMPTY_TEXT, clearing the text
    empties it, and the first arrow press from empty starts at `start`."""

    def __init__(self, floor: float, start: float = 0.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._start = start
        self.setRange(floor, _NUMBER_LIMIT)
        self.setSpecialValueText(EMPTY_TEXT)
        self.setValue(floor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        self.editingFinished.connect(self._redisplay)

    def is_empty(self) -> bool:
        return self.value() <= self.minimum()

    def clear_value(self) -> None:
        self.setValue(self.minimum())

    def _redisplay(self) -> None:
        # A cleared text keeps showing "" after editing; make it show EMPTY_TEXT again.
        if self.is_empty():
            self.setSpecialValueText(EMPTY_TEXT)

    def _bare(self, text: str) -> str:
        suffix, prefix = self.suffix(), self.prefix()
        if suffix and text.endswith(suffix):
            text = text[: -len(suffix)]
        if prefix and text.startswith(prefix):
            text = text[len(prefix) :]
        return text.strip()

    def validate(self, input: str, pos: int) -> tuple[QValidator.State, str, int]:
        if EMPTY_TEXT in input and input != EMPTY_TEXT:
            # Typing over the empty mark: the mark goes, the digits stay.
            where = input.index(EMPTY_TEXT)
            input = input.replace(EMPTY_TEXT, "")
            pos = pos - 1 if pos > where else pos
        if self._bare(input) in ("", EMPTY_TEXT):
            return QValidator.State.Acceptable, input, pos
        return super().validate(input, pos)

    def valueFromText(self, text: str) -> float:
        if self._bare(text) in ("", EMPTY_TEXT):
            return self.minimum()
        return super().valueFromText(text)

    def stepBy(self, steps: int) -> None:
        if self.is_empty():
            self.setValue(self._start)
            self.selectAll()
            return
        super().stepBy(steps)

    def wheelEvent(self, event: QWheelEvent) -> None:
        # Scrolling a long form must not change the numbers it passes over.
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class _NumberSpinBox(EmptyableSpinBox):
    """Whole numbers show without decimals; fractions with as many as they need."""

    def textFromValue(self, val: float) -> str:
        text = super().textFromValue(val)
        point = self.locale().decimalPoint()
        if point in text:
            text = text.rstrip("0").rstrip(point)
        return text


class NumberEditor(FieldEditor):
    """A number: int when whole, Decimal otherwise; one spin box takes both."""

    DECIMALS = 4

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.spin_box = _NumberSpinBox(floor=-_NUMBER_LIMIT)
        self.spin_box.setDecimals(self.DECIMALS)
        self.spin_box.valueChanged.connect(self._user_edited)
        self._install(self.spin_box)

    def value(self) -> int | Decimal | None:
        if self.spin_box.is_empty():
            return None
        number = Decimal(f"{self.spin_box.value():.{self.DECIMALS}f}")
        if number == number.to_integral_value():
            return int(number)
        return number.normalize()

    def _show(self, value: object | None) -> None:
        if value is None:
            self.spin_box.clear_value()
        else:
            assert isinstance(value, (int, Decimal))
            self.spin_box.setValue(float(value))


class MoneyEditor(FieldEditor):
    """An amount with two decimals and the currency as a suffix."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.spin_box = EmptyableSpinBox(floor=-0.01)
        self.spin_box.setDecimals(2)
        self.spin_box.valueChanged.connect(self._user_edited)
        self._install(self.spin_box)
        self.set_currency("USD")

    def set_currency(self, code: str) -> None:
        """Show the amount in `code` (e.g. EUR); an empty code shows no suffix."""
        code = code.strip().upper()
        self.spin_box.setSuffix(f" {code}" if code else "")

    def currency(self) -> str:
        return self.spin_box.suffix().strip()

    def value(self) -> Decimal | None:
        if self.spin_box.is_empty():
            return None
        return Decimal(f"{self.spin_box.value():.2f}")

    def _show(self, value: object | None) -> None:
        if value is None:
            self.spin_box.clear_value()
        else:
            assert isinstance(value, (int, Decimal))
            self.spin_box.setValue(float(value))


# -- dates ---------------------------------------------------------------------------------


class _Calendar(QCalendarWidget):
    """The date popup: opens on today's month while the date is empty."""

    def __init__(self, edit: EmptyableDateEdit) -> None:
        super().__init__()
        self._edit = edit

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._edit.is_empty():
            today = QDate.currentDate()
            self.setCurrentPage(today.year(), today.month())


class EmptyableDateEdit(QDateEdit):
    """A date edit that can hold no date: EMPTY_TEXT at its minimum, cleared by deleting
    the text; typing or an arrow key from empty starts at today."""

    _START_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setCalendarPopup(True)
        self.setCalendarWidget(_Calendar(self))
        self.setMinimumDate(_EMPTY_DATE)
        self.setSpecialValueText(EMPTY_TEXT)
        self.setDate(_EMPTY_DATE)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.editingFinished.connect(self._redisplay)

    def is_empty(self) -> bool:
        return self.date() <= self.minimumDate()

    def clear_value(self) -> None:
        self.setDate(self.minimumDate())

    def _redisplay(self) -> None:
        if self.is_empty():
            self.setSpecialValueText(EMPTY_TEXT)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        typing = event.text().isdigit()
        if self.is_empty() and plain and (typing or event.key() in self._START_KEYS):
            self.setDate(QDate.currentDate())
            self.setCurrentSectionIndex(0)
            self.setSelectedSection(self.currentSection())
            if not typing:
                return
        super().keyPressEvent(event)

    def validate(self, input: str, pos: int) -> tuple[QValidator.State, str, int]:
        if input.strip() in ("", EMPTY_TEXT):
            return QValidator.State.Acceptable, input, pos
        return super().validate(input, pos)

    def dateTimeFromText(self, text: str) -> QDateTime:
        if text.strip() in ("", EMPTY_TEXT):
            return self.minimumDateTime()
        return super().dateTimeFromText(text)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class DateEditor(FieldEditor):
    """A date, typed as YYYY-MM-DD or picked in the calendar popup."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.date_edit = EmptyableDateEdit()
        self.date_edit.dateChanged.connect(self._user_edited)
        self._install(self.date_edit)

    def value(self) -> dt.date | None:
        if self.date_edit.is_empty():
            return None
        date = self.date_edit.date()
        return dt.date(date.year(), date.month(), date.day())

    def _show(self, value: object | None) -> None:
        if value is None:
            self.date_edit.clear_value()
        else:
            assert isinstance(value, dt.date)
            self.date_edit.setDate(QDate(value.year, value.month, value.day))


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
        self.combo_box.setPlaceholderText("Choose…")
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
    "EmptyableDateEdit",
    "EmptyableSpinBox",
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
