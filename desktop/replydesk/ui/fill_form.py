"""The fill form: one labelled editor per field a template asks for."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from replydesk.core.fields import FieldSpec
from replydesk.core.filling import PER_REPLY_ORDER_FIELDS
from replydesk.core.i18n import N_, _
from replydesk.ui.field_widgets import FieldEditor, MoneyEditor, editor_for

# Translated where they are shown (`_(REQUIRED_TEXT)`).
EMPTY_STATE_TEXT = N_("This template needs nothing beyond the order.")
# Translators: shown under an empty field the reply needs.
REQUIRED_TEXT = N_("Required")
# Translators: a check box under the note field of the fill form.
PIN_TEXT = N_("Keep for every reply to this order")
PIN_TIP = N_("Unticked, the note goes into this reply only")
_HELP_INDENT = 4  # lines the help up with the text inside the editor


def grey_text(label: QLabel) -> None:
    """Paint a label's text in the palette's placeholder grey (readable, light or dark)."""
    palette = label.palette()
    grey = palette.color(QPalette.ColorRole.PlaceholderText)
    palette.setColor(QPalette.ColorRole.WindowText, grey)
    label.setPalette(palette)


def mnemonic_label(text: str, taken: set[str]) -> str:
    """`text` with an & before its first letter not in `taken` (which it then joins);
    without one when every letter is taken. A literal & is doubled."""
    escaped = text.replace("&", "&&")
    for index, char in enumerate(escaped):
        key = char.lower()
        if char.isalnum() and key.isascii() and key not in taken:
            taken.add(key)
            return f"{escaped[:index]}&{escaped[index:]}"
    return escaped


class FillForm(QWidget):
    """The template's own fields, generated from their specs, in a scrolling form.

    `reserved_mnemonics` holds the Alt+letter keys the rest of the window already uses
    (menus, the order bar, the Copy button); the form's labels pick other letters.
    """

    valueChanged = Signal(str, object)  # field name, typed value or None; user edits only
    pinChanged = Signal(str, bool)  # a per-reply order field (the note) kept on the order

    def __init__(self, parent: QWidget | None = None, *, reserved_mnemonics: str = "") -> None:
        super().__init__(parent)
        self.reserved_mnemonics = reserved_mnemonics
        self._editors: list[FieldEditor] = []
        self._labels: dict[str, QLabel] = {}
        self._pins: dict[str, QCheckBox] = {}

        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a tab stop of its own
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self._empty_label = QLabel(_(EMPTY_STATE_TEXT))
        self._empty_label.setObjectName("fillFormEmpty")
        self._empty_label.setWordWrap(True)
        self._empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grey_text(self._empty_label)
        self._empty_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll, 1)
        layout.addWidget(self._empty_label, 1)
        self._scroll.setWidget(self._new_page())

    # -- building ----------------------------------------------------------------------

    def _new_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(2, 4, 8, 4)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(
            QFormLayout.RowWrapPolicy.WrapAllRows
        )  # labels above: calm in a narrow pane
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._form = form
        return page

    def show_fields(
        self,
        specs: list[FieldSpec],
        initial: Mapping[str, object],
        currency: str,
        *,
        pinned: Iterable[str] = (),
    ) -> None:
        """Rebuild the form for `specs`, showing `initial` values (typed or strings); the
        note (a per-reply order field) gets a box to keep it on the order, ticked when
        its name is in `pinned`."""
        self._reset()
        pinned = set(pinned)
        taken = set(self.reserved_mnemonics.lower())
        # Rows are added in the specs' order, and so is the focus chain: Tab follows them.
        for spec in specs:
            editor = editor_for(spec)
            if isinstance(editor, MoneyEditor):
                editor.set_currency(currency)
            editor.set_value(initial.get(spec.name))
            editor.valueChanged.connect(lambda e=editor: self._edited(e))
            # Translators: a field's label in the fill form ("Client name:"); {label} is the
            # field's name.
            text = _("{label}:").format(label=spec.display_label)
            label = QLabel(mnemonic_label(text, taken))
            label.setBuddy(editor.focus_widget())
            self._form.addRow(label, self._with_help(editor) if spec.help else editor)
            self._editors.append(editor)
            self._labels[spec.name] = label
            if spec.name in PER_REPLY_ORDER_FIELDS:
                self._form.addRow(self._pin_box(spec.name, spec.name in pinned))
        self._scroll.setVisible(bool(specs))
        self._empty_label.setVisible(not specs)

    @staticmethod
    def _with_help(editor: FieldEditor) -> QWidget:
        """The editor with its help in small grey text right under it."""
        help_label = QLabel(editor.spec.display_help)
        help_label.setObjectName("fieldHelp")
        help_label.setWordWrap(True)
        help_label.setTextFormat(Qt.TextFormat.PlainText)
        grey_text(help_label)
        font = help_label.font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 0.9)
        help_label.setFont(font)
        help_label.setContentsMargins(_HELP_INDENT, 0, 0, 2)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(editor)
        column.addWidget(help_label)
        box.setSizePolicy(editor.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Fixed)
        return box

    def _pin_box(self, name: str, checked: bool) -> QCheckBox:
        box = QCheckBox(_(PIN_TEXT))
        box.setToolTip(_(PIN_TIP))
        box.setChecked(checked)
        box.toggled.connect(lambda on, n=name: self.pinChanged.emit(n, on))
        self._pins[name] = box
        return box

    def pin_box(self, name: str) -> QCheckBox | None:
        """The box that keeps a field's value on the order, if the field has one."""
        return self._pins.get(name)

    def _reset(self) -> None:
        old = self._scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self._editors = []
        self._labels = {}
        self._pins = {}
        self._scroll.setWidget(self._new_page())

    def clear(self) -> None:
        """No template: no fields and no message."""
        self._reset()
        self._scroll.show()
        self._empty_label.hide()

    # -- values and problems -----------------------------------------------------------

    def _edited(self, editor: FieldEditor) -> None:
        self.valueChanged.emit(editor.spec.name, editor.value())

    def editors(self) -> list[FieldEditor]:
        return list(self._editors)

    def editor(self, name: str) -> FieldEditor | None:
        return next((e for e in self._editors if e.spec.name == name), None)

    def label(self, name: str) -> QLabel | None:
        """The label in front of a field's editor (its buddy is the editor)."""
        return self._labels.get(name)

    def set_value(self, name: str, value: object | None) -> None:
        """Show a value in a field without it counting as an edit."""
        editor = self.editor(name)
        if editor is not None:
            editor.set_value(value)

    def mark(self, missing: Collection[str], invalid: Mapping[str, str]) -> None:
        """Frame the fields that lack a value or hold a wrong one; clear the others."""
        for editor in self._editors:
            name = editor.spec.name
            if name in invalid:
                editor.set_problem(invalid[name])
            elif name in missing:
                editor.set_problem(_(REQUIRED_TEXT))
            else:
                editor.set_problem(None)

    def set_currency(self, code: str) -> None:
        for editor in self._editors:
            if isinstance(editor, MoneyEditor):
                editor.set_currency(code)

    def focus_first_empty(self) -> bool:
        """Focus the first empty field (else the first field); False when there is none."""
        if not self._editors:
            return False
        target = next((e for e in self._editors if e.value() is None), self._editors[0])
        self._scroll.ensureWidgetVisible(target)
        target.focus_widget().setFocus(Qt.FocusReason.TabFocusReason)
        return True
