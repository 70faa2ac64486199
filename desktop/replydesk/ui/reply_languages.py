"""The languages the user writes replies in: a check box per language of the library, the
first checked first. The welcome asks; Profile and settings changes them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QWidget

from replydesk.core import i18n
from replydesk.core.i18n import _
from replydesk.core.library import LANGUAGES
from replydesk.ui.labels import language_label

_COLUMNS = 3  # five languages in two rows: the long names of some languages fit


def first_start_languages(default_language: str) -> tuple[str, ...]:
    """What the first start offers: the profile's default language when one was set (the
    command line, an imported profile), else the system's if the library has it."""
    if default_language != i18n.SOURCE_LANGUAGE and default_language in LANGUAGES:
        return (default_language,)
    system = i18n.system_language()
    return (system,) if system in LANGUAGES else (i18n.SOURCE_LANGUAGE,)


class ReplyLanguagesBox(QWidget):
    """Check boxes of the library's languages, the chosen ones first and checked.
    `codes()` are the checked ones in the order shown; `changed` follows every click."""

    changed = Signal()

    def __init__(
        self, chosen: Sequence[str], accessible_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        order = [code for code in chosen if code in LANGUAGES]
        order += [code for code in LANGUAGES if code not in order]
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for number, code in enumerate(order):
            box = QCheckBox(language_label(code), self)
            box.setChecked(code in chosen)
            # Translators: {language} is a language's name; a check box's name for a screen reader.
            box.setAccessibleName(
                _("I write replies in {language}").format(language=language_label(code))
            )
            box.toggled.connect(self.changed)
            layout.addWidget(box, number // _COLUMNS, number % _COLUMNS)
            self.boxes[code] = box
        self.setAccessibleName(accessible_name)  # its label's text: a buddy's name
        self.setFocusProxy(next(iter(self.boxes.values())))  # the label's Alt+letter

    def codes(self) -> tuple[str, ...]:
        return tuple(code for code, box in self.boxes.items() if box.isChecked())


__all__ = ["ReplyLanguagesBox", "first_start_languages"]
