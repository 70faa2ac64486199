"""The reply's languages above the form: which variant is filled, and a switch to another.

Shown when the selected reply has variants in several languages, or when the client's
language has none (then it says which variant stands in). Holds no state of its own
beyond what it shows: the list (template_list) says which variants there are and which
is chosen; a click asks for another with `variantChosen(id)`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QToolButton, QWidget

from replydesk.core.catalog import TemplateSummary
from replydesk.core.i18n import _
from replydesk.core.variants import Chosen
from replydesk.ui.labels import language_label
from replydesk.ui.style import problem_label


class VariantBar(QWidget):
    """A button per variant (its language), the chosen one checked; a note when the
    client's language has no variant."""

    variantChosen = Signal(str)  # the id of the variant the user asked for

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        # Translators: before the buttons of a reply's languages ("Reply in: English Русский").
        self.caption = QLabel(_("Reply in:"))
        self._layout.addWidget(self.caption)
        self._buttons = QButtonGroup(self)
        self._buttons.setExclusive(True)
        self._buttons.idClicked.connect(self._clicked)
        self._ids: list[str] = []
        self._chosen_id = ""
        self._button_row = QHBoxLayout()
        self._button_row.setSpacing(2)
        self._layout.addLayout(self._button_row)
        self.note = problem_label()
        self._layout.addWidget(self.note, 1)
        self._layout.addStretch(0)  # the buttons stay beside their caption
        self.hide()

    def show_variants(
        self, variants: Sequence[TemplateSummary], chosen: Chosen[TemplateSummary] | None
    ) -> None:
        """Show `variants` of the selected reply with `chosen` checked (hidden when there is
        one variant and it is in the client's language, or nothing is selected)."""
        for button in self._buttons.buttons():
            self._buttons.removeButton(button)
            self._button_row.removeWidget(button)
            button.hide()  # a child until it is deleted: made a window, its end took the focus
            button.deleteLater()
        self._ids = [variant.id for variant in variants]
        self._chosen_id = chosen.variant.id if chosen is not None else ""
        for number, variant in enumerate(variants):
            button = QToolButton()
            button.setText(language_label(variant.language))
            button.setCheckable(True)
            button.setChecked(variant.id == self._chosen_id)
            button.setAutoRaise(True)
            # Translators: a variant button's tooltip: {name} is the template's name.
            button.setToolTip(_("Fill “{name}”").format(name=variant.name))
            self._buttons.addButton(button, number)
            self._button_row.addWidget(button)
            button.show()  # shown with the bar (a child added to a shown widget waits)
        stands_in = chosen is not None and chosen.stands_in
        if stands_in and chosen is not None:
            # Translators: {wanted} is the client's language, {shown} the variant filled instead.
            text = _("No variant in {wanted}: the {shown} one is filled").format(
                wanted=language_label(chosen.wanted), shown=language_label(chosen.variant.language)
            )
            self.note.setText(text)
        else:
            self.note.setText("")
        self.note.setVisible(stands_in)
        self.setVisible(chosen is not None and (len(variants) > 1 or stands_in))

    def chosen_id(self) -> str:
        return self._chosen_id

    def _clicked(self, number: int) -> None:
        if 0 <= number < len(self._ids) and self._ids[number] != self._chosen_id:
            self.variantChosen.emit(self._ids[number])


__all__ = ["VariantBar"]
