"""The order bar: the current order's common fields, saved as they are typed.

The order's values live in the store; the bar shows them through a core `CurrentOrder`
and keeps no copy of its own. The order is created on the first edit (so opening the
window never makes an empty order); edits are saved field by field a moment after the
typing stops (`flush()` saves at once); `refresh_from_store()` shows what another
process wrote; `orderChanged` says what the order holds after every change.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from replydesk.core.current_order import CurrentOrder
from replydesk.core.errors import ReplydeskError
from replydesk.core.fields import (
    CURRENCY_CHOICES,
    STANDARD_FIELDS,
    field_label,
    value_text,
)
from replydesk.core.filling import ORDER_BAR_FIELDS
from replydesk.core.i18n import LANGUAGES, N_, _, pgettext
from replydesk.core.recent_orders import NEW_ORDER_TEXT, order_title, recent_orders
from replydesk.core.store import TemplateStore
from replydesk.ui.field_widgets import (
    ChoiceEditor,
    FieldEditor,
    MoneyEditor,
    SuggestEditor,
    editor_for,
)

# Suggested values of the platform field: what is picked is stored as typed (data).
PLATFORMS = ("Fiverr", "Kwork", "Upwork", "Freelancer", "FL.ru", "Other")
SAVE_DELAY_MS = 300
# Translators: shown under the currency box when one or two letters are typed.
CURRENCY_PROBLEM = N_("Use a three-letter currency code, e.g. USD")

# The bar's labels, translated where they are shown; the & letters are listed in
# OrderBar.MNEMONICS (the fill form's labels pick other letters).
_LABELS = {
    # Translators: a label of the order bar; the letter after & is its Alt+key: keep it
    # different from the bar's other labels and the window's menus.
    "client_name": N_("C&lient:"),
    # Translators: a label of the order bar (the order's number on the platform).
    "order_id": N_("Order &ID:"),
    # Translators: a label of the order bar (what the client ordered).
    "service": N_("&Service:"),
    # Translators: a label of the order bar.
    "price": N_("&Price:"),
    # Translators: a label of the order bar.
    "deadline": N_("&Deadline:"),
    # Translators: a label of the order bar (Fiverr, Upwork, …).
    "platform": N_("Pl&atform:"),
    # Translators: a label of the order bar: the language the client writes in.
    "language": N_("Lan&guage:"),
}
_CODE = re.compile(r"[A-Z]{3}")


class _CurrencyValidator(QValidator):
    """Up to three letters, upper-cased as they are typed."""

    def validate(self, input: str, pos: int) -> tuple[QValidator.State, str, int]:
        upper = input.upper()
        if not re.fullmatch(r"[A-Z]{0,3}", upper):
            return QValidator.State.Invalid, input, pos
        if len(upper) in (0, 3):
            return QValidator.State.Acceptable, upper, pos
        return QValidator.State.Intermediate, upper, pos


class CurrencyEditor(SuggestEditor):
    """An ISO currency code: typed (three letters) or picked from the common ones."""

    left = Signal()  # focus left the editor (a half-typed code emits no editingFinished)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(STANDARD_FIELDS["currency"], CURRENCY_CHOICES, parent)
        self.combo_box.installEventFilter(self)
        self._validator = _CurrencyValidator(self)
        self.line_edit().setValidator(self._validator)
        self.line_edit().setMaxLength(3)
        self.combo_box.setMinimumContentsLength(3)
        self.combo_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.combo_box and event.type() == QEvent.Type.FocusOut:
            self.left.emit()
        return super().eventFilter(watched, event)

    def is_incomplete(self) -> bool:
        """One or two letters typed: not a code yet."""
        return bool(self.text()) and not _CODE.fullmatch(self.text().upper())

    def value(self) -> str | None:
        code = self.text().upper()
        return code if _CODE.fullmatch(code) else None


class LanguageEditor(ChoiceEditor):
    """The client's language: the library's languages, each in its own name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(STANDARD_FIELDS["language"], parent)
        for index in range(self.combo_box.count()):
            code = self.combo_box.itemData(index)
            if isinstance(code, str):
                self.combo_box.setItemText(index, LANGUAGES.get(code, code))
        self.combo_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)


class OrderBar(QWidget):
    """Pick a recent order or start a new one, and type its common fields."""

    orderChanged = Signal(dict)  # the order's non-empty typed values, after every change
    saveFailed = Signal(str)  # a message for the status bar when the store refuses a save
    notice = Signal(str)  # a message for the status bar (a change made elsewhere replaced)
    MNEMONICS = "onlispdag"  # the Alt+letters the bar's labels and button use

    def __init__(self, store: TemplateStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.order = CurrentOrder(store)
        self._missing: set[str] = set()
        self._refresh_after_save = False  # a change notice came while a save was pending
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.flush)

        self.orders = QComboBox()
        self.orders.setAccessibleName(pgettext("customer order", "Order"))
        self.orders.setToolTip(_("The order replies are filled from: pick a recent one"))
        self.orders.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.orders.setMinimumContentsLength(16)
        self.orders.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.orders.activated.connect(self._order_picked)
        self.new_button = QPushButton(_("&New order"))
        self.new_button.setToolTip(_("Start a new order; its fields start empty"))
        self.new_button.clicked.connect(self.new_order)

        self._editors: dict[str, FieldEditor] = {}
        for name in ORDER_BAR_FIELDS:
            self._editors[name] = self._make_editor(name)
        self.price_editor = cast(MoneyEditor, self._editors["price"])
        self.currency_editor = cast(CurrencyEditor, self._editors["currency"])
        self.currency_editor.left.connect(self._currency_finished)
        order_id_width = self.fontMetrics().horizontalAdvance("FO81C2D3") + 34
        self._editors["order_id"].setMinimumWidth(order_id_width)
        # The spin box would ask room for its largest amount; typical prices need far less.
        self.price_editor.line_edit.setMinimumWidth(order_id_width)
        # The currency editor sits right after the price: no second currency label.
        self.price_editor.show_currency_label(False)
        self._layout_widgets()
        self._show_order()

    # -- building ----------------------------------------------------------------------

    def _make_editor(self, name: str) -> FieldEditor:
        editor: FieldEditor
        if name == "currency":
            editor = CurrencyEditor()
        elif name == "language":
            editor = LanguageEditor()
        elif name == "platform":
            platform = SuggestEditor(STANDARD_FIELDS["platform"], PLATFORMS)
            platform.combo_box.setMinimumContentsLength(5)
            platform.combo_box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            editor = platform
        else:
            editor = editor_for(STANDARD_FIELDS[name])
        editor.valueChanged.connect(lambda n=name: self._edited(n))
        return editor

    def _layout_widgets(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        order_label = QLabel(_("&Order:"))
        order_label.setBuddy(self.orders)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 4)
        top.addWidget(self.orders, 1)
        top.addWidget(self.new_button)
        # The client's language belongs to the whole order: beside the order's choice.
        language = self._editors["language"]
        language_label = QLabel(_(_LABELS["language"]))
        language_label.setBuddy(language.focus_widget())
        top.addSpacing(12)
        top.addWidget(language_label)
        top.addWidget(language)
        grid.addWidget(order_label, 0, 0)
        grid.addLayout(top, 0, 1, 1, 5)
        # Client · Order ID · Service / Price [currency] · Deadline · Platform. The currency
        # sits in the price's cell (as on an invoice) to keep the bar narrow enough for a
        # 900-pixel window; its accessible name and tooltip say what it is.
        price_cell = QHBoxLayout()
        price_cell.setSpacing(2)
        price_cell.addWidget(self._editors["price"], 1)
        price_cell.addWidget(self._editors["currency"])
        places: dict[str, tuple[int, int, QWidget | QHBoxLayout]] = {
            "client_name": (1, 0, self._editors["client_name"]),
            "order_id": (1, 2, self._editors["order_id"]),
            "service": (1, 4, self._editors["service"]),
            "price": (2, 0, price_cell),
            "deadline": (2, 2, self._editors["deadline"]),
            "platform": (2, 4, self._editors["platform"]),
        }
        # Widgets join the focus chain as they are placed: Tab follows the rows.
        for name, (row, column, field) in places.items():
            label = QLabel(_(_LABELS[name]))
            label.setBuddy(self._editors[name].focus_widget())
            grid.addWidget(label, row, column)
            if isinstance(field, QHBoxLayout):
                grid.addLayout(field, row, column + 1)
            else:
                grid.addWidget(field, row, column + 1)
        for column, stretch in ((1, 3), (3, 2), (5, 3)):
            grid.setColumnStretch(column, stretch)

    # -- the current order -------------------------------------------------------------

    def _show_order(self) -> None:
        """Show the current order's values without counting as edits."""
        values = self.order.values()
        for name, editor in self._editors.items():
            editor.set_value(values.get(name))
            editor.set_problem(None)
        self._missing = set()
        self.refresh_orders()

    def current_order_id(self) -> int | None:
        """The order being shown; None until the first edit of a new order."""
        return self.order.order_id

    def values(self) -> dict[str, object]:
        """The order's non-empty typed values (bar fields, a pinned note, any other)."""
        return self.order.values()

    def editor(self, name: str) -> FieldEditor | None:
        return self._editors.get(name)

    def focus_field(self, name: str) -> bool:
        """Focus a bar field's editor; False when the bar has no such field."""
        editor = self._editors.get(name)
        if editor is None:
            return False
        editor.focus_widget().setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    # -- edits -------------------------------------------------------------------------

    def _edited(self, name: str) -> None:
        editor = self._editors[name]
        if isinstance(editor, CurrencyEditor) and editor.is_incomplete():
            return  # half a code is never saved; the last good one stays
        if name == "currency":
            editor.set_problem(_("Required") if name in self._missing else None)
            self._follow_currency()
            self._edited("price")  # "25 EUR" is an amount again once the order is in EUR
        value = editor.value()
        # Text that is not a value yet is framed with the parser's message; the order
        # holds it as typed (a fill reports it) but never saves it.
        problem = editor.text_problem() if isinstance(value, str) else None
        if problem is not None:
            editor.set_problem(problem)
        elif editor.problem() is not None and name not in self._missing:
            editor.set_problem(None)
        if self._set(name, value):
            self.orderChanged.emit(self.values())

    def set_extra_value(self, name: str, value: object | None) -> None:
        """A value of the order typed outside the bar (a pinned note, say): saved like
        the bar's own; no orderChanged (the caller shows its own change)."""
        editor = self._editors.get(name)
        if editor is not None:
            editor.set_value(value)
            value = editor.value()
        self._set(name, value)

    def _set(self, name: str, value: object | None) -> bool:
        if not self.order.set(name, value):
            return False
        self._save_timer.start()
        self._update_title()
        return True

    def _follow_currency(self) -> None:
        code = self.currency_editor.value()
        if code is None:
            code = self._default_currency()
        self.currency_editor.set_placeholder(self._default_currency())
        self.price_editor.set_currency(code)

    def _default_currency(self) -> str:
        try:
            return self._store.get_profile().default_currency or "USD"
        except ReplydeskError:
            return "USD"

    def _currency_finished(self) -> None:
        if self.currency_editor.is_incomplete():
            self.currency_editor.set_problem(_(CURRENCY_PROBLEM))

    # -- saving ------------------------------------------------------------------------

    def flush(self) -> bool:
        """Save pending edits now (the window calls this before it closes); False when
        the store refused them (they stay pending and `saveFailed` says why)."""
        self._save_timer.stop()
        if not self.order.dirty:
            if self._refresh_after_save:
                self.refresh_from_store()
            return True
        try:
            outcome = self.order.save()
        except ReplydeskError as error:
            self.saveFailed.emit(str(error))
            return False
        if outcome.overwritten:
            replaced = ", ".join(
                # Translators: a field another process had changed; several are joined by ", ".
                _("{field} (it was {value})").format(
                    field=field_label(name), value=value_text(value, name)
                )
                for name, value in outcome.overwritten.items()
            )
            self.notice.emit(
                # Translators: {fields} lists them: "Client (it was Anna), Price (it was 25)".
                _("Your change replaced one made elsewhere: {fields}").format(fields=replaced)
            )
        if outcome.created:
            self.refresh_orders()
        if self._refresh_after_save:
            self.refresh_from_store()
        return True

    def refresh_from_store(self) -> None:
        """Show what the store holds now (another process may have written): fields the
        user is editing keep what they typed."""
        if self._save_timer.isActive():
            self._refresh_after_save = True  # the pending save comes first
            return
        self._refresh_after_save = False
        changed = self.order.refresh()
        if not changed:
            self.refresh_orders()
            return
        values = self.order.values()
        for name in changed:
            editor = self._editors.get(name)
            if editor is not None and not self.order.is_edited(name):
                editor.set_value(values.get(name))
        self.refresh_orders()
        self.orderChanged.emit(self.values())

    # -- switching ---------------------------------------------------------------------

    def _order_picked(self, index: int) -> None:
        order_id = self.orders.itemData(index)
        if order_id == self.order.order_id:
            return
        self.switch_to(order_id if isinstance(order_id, int) else None)

    def new_order(self) -> None:
        """Start a new order: empty fields; the order itself is created on the first edit."""
        if self.order.order_id is None and not self.order.values():
            self.orders.setCurrentIndex(0)
            return
        self.switch_to(None)

    def switch_to(self, order_id: int | None) -> None:
        """Save the current order, then show another one (None: a new one). Stays on
        the current order when its edits cannot be saved."""
        if not self.flush():
            self.refresh_orders()
            return
        try:
            self._store.current_order_id = order_id
        except ReplydeskError as error:
            self.saveFailed.emit(str(error))
        self.order.load(order_id)
        self._show_order()
        self.orderChanged.emit(self.values())

    def reload(self) -> None:
        """Show the store's current order again, unsaved edits dropped (after a restore)."""
        self._save_timer.stop()
        try:
            current = self._store.current_order_id
        except ReplydeskError:
            current = None
        self.order.load(current)
        self._show_order()
        self.orderChanged.emit(self.values())

    def refresh_orders(self) -> None:
        """Re-read the recent orders into the list (the current one stays selected) and
        the profile's default currency (shown while the order has none)."""
        current_id = self.order.order_id
        orders = recent_orders(self._store, current_id)
        blocked = self.orders.blockSignals(True)
        try:
            self.orders.clear()
            if current_id is None:
                self.orders.addItem(_(NEW_ORDER_TEXT), None)
            for order in orders:
                self.orders.addItem(order.title, order.order_id)
            current = self.orders.findData(current_id) if current_id is not None else 0
            self.orders.setCurrentIndex(max(current, 0))
        finally:
            self.orders.blockSignals(blocked)
        self._update_title()
        self._follow_currency()

    def _update_title(self) -> None:
        """The list's entry for the current order follows what is typed."""
        index = self.orders.currentIndex()
        if index < 0:
            return
        self.orders.setItemText(index, order_title(self.order.values()))

    # -- problems ----------------------------------------------------------------------

    def mark(self, missing: Collection[str], invalid: Mapping[str, str]) -> None:
        """Frame the bar's fields that lack a value (as required) or hold a wrong one (with
        its message); clear the others."""
        self._missing = set(missing)
        for name, editor in self._editors.items():
            if name in invalid:
                editor.set_problem(invalid[name])
            elif (problem := editor.text_problem()) is not None:
                editor.set_problem(problem)  # not a value, whether or not this reply uses it
            elif name in self._missing:
                editor.set_problem(_("Required"))
            elif name == "currency" and self.currency_editor.is_incomplete():
                editor.set_problem(_(CURRENCY_PROBLEM))
            else:
                editor.set_problem(None)
