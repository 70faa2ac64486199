"""Profile and settings: your name, signatures per language, defaults, and the app's
settings (start at login, paste after a quick paste, block copying on errors)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from replydesk.core import autostart, i18n, settings
from replydesk.core.delivery import copy_blocked
from replydesk.core.errors import ReplydeskError
from replydesk.core.fields import CURRENCY_CHOICES
from replydesk.core.i18n import N_, _
from replydesk.core.library import LANGUAGES
from replydesk.core.models import Profile
from replydesk.core.store import TemplateStore, signature_key
from replydesk.ui.labels import language_label
from replydesk.ui.reply_languages import ReplyLanguagesBox
from replydesk.ui.settings import WindowState
from replydesk.ui.style import problem_label

_CURRENCY = re.compile(r"[A-Z]{3}")

AUTOPASTE_TOOLTIP = N_(
    "After a quick paste, Replydesk presses Ctrl+V in the window you were in. "
    "Works on X11 desktops with xdotool installed; not on Wayland, where the reply "
    "is only copied and you paste it yourself."
)
SIGNATURE_HINT = N_(
    "Added under replies in that language, after the template's own closing and your "
    "name. Leave it empty if your templates already end with your name (the built-in "
    "ones do)."
)
# Translators: the placeholder of an empty signature; the example is one a user might write.
SIGNATURE_PLACEHOLDER = N_("Optional, e.g. Brand designer · 8 years on the platform")
BLOCK_COPY_TOOLTIP = N_(
    "Copy stays off while the reply checker reports an error (a missing value, say); "
    "warnings never block it."
)


def _hint_label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class _UpperCase(QValidator):
    """Upper-cases what is typed; never blocks typing (the dialog explains what is wrong)."""

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        upper = text.upper()
        state = (
            QValidator.State.Acceptable
            if _CURRENCY.fullmatch(upper.strip())
            else QValidator.State.Intermediate
        )
        return state, upper, pos


class ProfileDialog(QDialog):
    """Your name, default language and currency, a signature per reply language, and a few
    settings (start at login, paste after a quick paste, block copying on errors).

    OK writes only what was changed here (update_profile): a value someone else changed
    meanwhile (the command line, say) is kept unless it was changed here too.
    """

    def __init__(
        self,
        store: TemplateStore,
        parent: QWidget | None = None,
        *,
        window_state: WindowState | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._window_state = window_state  # where the app's language is kept (None: not offered)
        self.setWindowTitle(_("Profile and settings"))
        profile = store.get_profile()
        self._read = profile  # what OK compares with: only the differences are written
        self._signatures = dict(profile.signatures)  # as edited here, per language

        self._name = self._name_field(profile)
        self._signature_language, self._signature = self._signature_fields(store, profile)
        self._mark_signature_languages()
        self._language = self._language_field(profile)
        self._read_reply_languages = settings.REPLY_LANGUAGES.read(store)
        self.reply_languages = ReplyLanguagesBox(self._read_reply_languages, _("I reply in"), self)
        self._currency, self._currency_edit = self._currency_field(profile)
        self._currency_problem = problem_label(self)
        self._currency_problem.setAccessibleName(_("Currency problem"))
        self._save_problem = problem_label(self)
        self._save_problem.setAccessibleName(_("Problem"))
        signature_hint = _hint_label(_(SIGNATURE_HINT), self)
        signature_hint.setAccessibleName(_("Signature hint"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(_hint_label(_("Your details, filled into every reply."), self))
        layout.addLayout(self._form())
        layout.addWidget(signature_hint)
        layout.addWidget(self._settings_box(store))
        layout.addWidget(self._save_problem)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    # -- the fields ------------------------------------------------------------------------

    def _name_field(self, profile: Profile) -> QLineEdit:
        name = QLineEdit(profile.my_name, self)
        name.setAccessibleName(_("My name"))
        name.setPlaceholderText(_("As clients know you"))
        name.setToolTip(
            # Translators: {{ my_name }} is template syntax: keep it as it is.
            _(
                "Filled in wherever a template says {{ my_name }}: every built-in template "
                "ends with its closing and your name"
            )
        )
        return name

    def _signature_fields(
        self, store: TemplateStore, profile: Profile
    ) -> tuple[QComboBox, QPlainTextEdit]:
        """The language a signature is for, and the signature itself."""
        language = QComboBox(self)
        language.setAccessibleName(_("Signature for"))
        language.setToolTip(
            _(
                "The reply language the signature below is added to; ✓ marks the languages "
                "that have one"
            )
        )
        for code in self._signature_languages(store, profile):
            language.addItem(language_label(code), code)
        language.setCurrentIndex(max(0, language.findData(profile.default_language)))
        code = str(language.currentData() or "en")
        signature = QPlainTextEdit(self._signatures.get(code, ""), self)
        signature.setAccessibleName(_("Signature"))
        signature.setTabChangesFocus(True)
        signature.setPlaceholderText(_(SIGNATURE_PLACEHOLDER))
        # Translators: {{ signature }} is template syntax: keep it as it is.
        signature.setToolTip(_("Added where a template says {{ signature }}"))
        signature.setFixedHeight(signature.fontMetrics().lineSpacing() * 3 + 14)
        language.currentIndexChanged.connect(self._show_signature)
        signature.textChanged.connect(self._signature_edited)
        return language, signature

    def _language_field(self, profile: Profile) -> QComboBox:
        language = QComboBox(self)
        language.setAccessibleName(_("Default language"))
        language.setToolTip(_("The language new templates are written in"))
        codes = list(LANGUAGES)
        if profile.default_language not in codes:
            codes.append(profile.default_language)
        for code in codes:
            language.addItem(language_label(code), code)
        language.setCurrentIndex(max(0, language.findData(profile.default_language)))
        return language

    def _currency_field(self, profile: Profile) -> tuple[QComboBox, QLineEdit]:
        """A list of common currencies that takes any 3-letter code typed in."""
        currency = QComboBox(self)
        currency.setEditable(True)
        edit = QLineEdit(currency)
        currency.setLineEdit(edit)
        currency.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        currency.addItems(list(CURRENCY_CHOICES))
        currency.setCurrentText(profile.default_currency)
        currency.setAccessibleName(_("Default currency"))
        currency.setToolTip(
            _("A 3-letter ISO 4217 code, used when an order does not name its currency")
        )
        edit.setValidator(_UpperCase(edit))
        edit.setAccessibleName(_("Default currency"))
        edit.textEdited.connect(lambda _text: self._show_currency_problem(None))
        return currency, edit

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        def row(text: str, field: QWidget) -> None:
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)

        row(_("My &name:"), self._name)
        # Translators: before the check boxes of languages; the list shows templates in these.
        row(_("I &reply in:"), self.reply_languages)
        row(_("Default &language:"), self._language)
        row(_("Default &currency:"), self._currency)
        form.addRow("", self._currency_problem)
        # Translators: the reply language the signature below is for.
        row(_("Signature &for:"), self._signature_language)
        row(_("&Signature:"), self._signature)
        return form

    @staticmethod
    def _signature_languages(store: TemplateStore, profile: Profile) -> list[str]:
        """The built-in languages, then any other that has templates or a signature."""
        codes = list(LANGUAGES)
        try:
            others = set(store.languages())
        except ReplydeskError:
            others = set()
        others |= set(profile.signatures) | {profile.default_language}
        return codes + sorted(others - set(codes))

    @property
    def signature_language(self) -> str:
        """The language whose signature the editor shows."""
        return str(self._signature_language.currentData() or "en")

    def _show_signature(self) -> None:
        self._signature.setPlainText(self._signatures.get(self.signature_language, ""))

    def _signature_edited(self) -> None:
        text = self._signature.toPlainText().rstrip()
        if text:
            self._signatures[self.signature_language] = text
        else:
            self._signatures.pop(self.signature_language, None)
        self._mark_signature_languages()

    def _mark_signature_languages(self) -> None:
        """✓ after each language that has a signature (as edited here)."""
        combo = self._signature_language
        for index in range(combo.count()):
            code = str(combo.itemData(index))
            mark = " ✓" if self._signatures.get(code) else ""
            text = language_label(code) + mark
            if combo.itemText(index) != text:
                combo.setItemText(index, text)

    def _settings_box(self, store: TemplateStore) -> QGroupBox:
        box = QGroupBox(_("Settings"), self)

        self._autostart_was_on = autostart.is_enabled()
        self._autostart = QCheckBox(_("Start Replydesk at login (in the &tray)"), box)
        self._autostart.setAccessibleName(_("Start Replydesk at login"))
        self._autostart.setChecked(self._autostart_was_on)
        if autostart.autostart_supported():
            self._autostart.setToolTip(
                _("Replydesk starts hidden in the tray when you log in, ready for a quick paste")
            )
        else:
            self._autostart.setEnabled(False)
            self._autostart.setToolTip(autostart.manual_steps())

        self._autopaste = QCheckBox(_("&Paste into the previous window after a quick paste"), box)
        self._autopaste.setAccessibleName(_("Paste after a quick paste"))
        self._autopaste.setToolTip(_(AUTOPASTE_TOOLTIP))
        self._autopaste.setChecked(settings.AUTOPASTE.read(store))

        self._block_copy = QCheckBox(_("&Block copying when the checker finds an error"), box)
        self._block_copy.setAccessibleName(_("Block copying on errors"))
        self._block_copy.setToolTip(_(BLOCK_COPY_TOOLTIP))
        self._block_copy.setChecked(copy_blocked(store))

        layout = QVBoxLayout(box)
        if self._window_state is not None:
            layout.addLayout(self._app_language_row(box, self._window_state.language()))
        for checkbox in (self._autostart, self._autopaste, self._block_copy):
            layout.addWidget(checkbox)
        return box

    def _app_language_row(self, box: QWidget, chosen: str) -> QFormLayout:
        """The app's own language: the system's, or one the app speaks (from the next start)."""
        system = i18n.LANGUAGES[i18n.system_language()]
        self.app_language = QComboBox(box)
        self.app_language.addItem(_("As the system ({language})").format(language=system), "")
        for code, name in i18n.LANGUAGES.items():
            self.app_language.addItem(name, code)
        index = self.app_language.findData(chosen)
        self.app_language.setCurrentIndex(max(index, 0))
        self.app_language.setAccessibleName(_("Language of the app"))
        self.app_language_note = _hint_label(
            _("A change of language applies when Replydesk is started again."), box
        )
        self.app_language_note.setVisible(False)
        self.app_language.currentIndexChanged.connect(
            lambda _index: self.app_language_note.setVisible(
                self.app_language.currentData() != chosen
            )
        )
        form = QFormLayout()
        label = QLabel(_("Language of the &app:"), box)
        label.setBuddy(self.app_language)
        form.addRow(label, self.app_language)
        form.addRow("", self.app_language_note)
        return form

    def profile(self) -> Profile:
        """The profile as the form shows it (not yet saved)."""
        return Profile(
            my_name=self._name.text().strip(),
            default_language=str(self._language.currentData() or "en"),
            default_currency=self._currency.currentText().strip().upper(),
            signatures=dict(self._signatures),
        )

    def changes(self) -> dict[str, str | None]:
        """What was changed here, as update_profile keys (None removes a signature)."""
        shown, read = self.profile(), self._read
        changes: dict[str, str | None] = {
            attr: getattr(shown, attr)
            for attr in ("my_name", "default_language", "default_currency")
            if getattr(shown, attr) != getattr(read, attr)
        }
        for code in sorted(set(shown.signatures) | set(read.signatures)):
            if shown.signature_for(code) != read.signature_for(code):
                changes[signature_key(code)] = shown.signature_for(code) or None
        return changes

    def accept(self) -> None:
        profile = self.profile()
        if not _CURRENCY.fullmatch(profile.default_currency):
            self._show_currency_problem(_("Use a 3-letter currency code, like USD or EUR."))
            self._currency.setFocus(Qt.FocusReason.OtherFocusReason)
            self._currency_edit.selectAll()
            return
        try:
            changes = self.changes()
            if changes:
                self._store.update_profile(changes)
            replies_in = self.reply_languages.codes()
            if replies_in != self._read_reply_languages:
                settings.REPLY_LANGUAGES.write(self._store, replies_in)
            for flag, checkbox in (
                (settings.AUTOPASTE, self._autopaste),
                (settings.BLOCK_COPY, self._block_copy),
            ):
                flag.write(self._store, checkbox.isChecked())
            self._save_autostart()
            if self._window_state is not None:
                self._window_state.set_language(str(self.app_language.currentData()))
        except ReplydeskError as error:
            self._save_problem.setText(_("Could not save: {error}").format(error=error))
            self._save_problem.show()
            return
        super().accept()

    def _save_autostart(self) -> None:
        # Only a change is written: an entry the user edited by hand is left alone.
        wanted = self._autostart.isChecked()
        if not self._autostart.isEnabled() or wanted == self._autostart_was_on:
            return
        if wanted:
            autostart.enable()
        else:
            autostart.disable()
        self._autostart_was_on = wanted

    def _show_currency_problem(self, message: str | None) -> None:
        self._currency_problem.setText(message or "")
        self._currency_problem.setVisible(message is not None)
        self._currency.setAccessibleDescription(message or "")


__all__ = ["ProfileDialog"]
