"""The first-start welcome: your name, the languages you reply in (preselected from the
system's; the list then shows those), optionally a signature for replies in the first of
them, and the three ways into Replydesk.

It is non-modal and shown without taking focus, so the window stays usable (type to
search, Ctrl+Enter to copy) while it is open; Start or Skip closes it for good.
"""

from __future__ import annotations

import contextlib
import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from replydesk.core import settings
from replydesk.core.errors import ReplydeskError
from replydesk.core.i18n import N_, _, pgettext
from replydesk.core.store import signature_key
from replydesk.ui.labels import language_label
from replydesk.ui.reply_languages import ReplyLanguagesBox, first_start_languages
from replydesk.ui.style import problem_label

if TYPE_CHECKING:
    from replydesk.core.models import Profile
    from replydesk.core.store import TemplateStore


# Translators: rich text: keep the tags (<p>, <b>, <code>), the keys and `replydesk quick`
# (a command) as they are; "File → Import templates…" names the window's menu item.
WAYS_IN = N_(
    "<p>Three ways in:</p><ul>"
    "<li><b>This window</b>: type to find a template, fill in the order, "
    "<b>Ctrl+Enter</b> copies the reply.</li>"
    "<li><b>Quick paste</b> from anywhere: <b>Ctrl+Shift+Space</b> in the window, the tray "
    "icon, or bind <code>replydesk quick</code> to a shortcut of your desktop.</li>"
    "<li><b>From a teammate</b>: <i>File → Import templates…</i> their .replydesk file; "
    "you see what changes before anything is merged.</li></ul>"
)
# Translators: the placeholder of an empty signature; the example is one a user might write.
SIGNATURE_PLACEHOLDER = N_("Optional, e.g. Brand designer · 8 years on the platform")


def signature_hint(language: str) -> str:
    """What the signature is for, for replies in `language`."""
    # Translators: rich text; {language} is the language's name ("English"). "Edit → Profile
    # and settings…" names the window's menu item.
    hint = _(
        "Optional. Added under your replies in {language}, "
        "after the template's own closing and your name. Leave it empty if your templates "
        "already end with your name (the built-in ones do). Other languages: "
        "<i>Edit → Profile and settings…</i>"
    )
    return hint.format(language=html.escape(language_label(language)))


def welcome_done(store: TemplateStore) -> bool:
    """True once the welcome was started or skipped."""
    return settings.WELCOME_DONE.read(store)


class WelcomeDialog(QDialog):
    """Asks for your name and, optionally, the signature of replies in the default language
    (Start saves what was changed, field by field); Skip, Esc or closing the dialog just
    marks the welcome as done."""

    def __init__(self, store: TemplateStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.setWindowTitle(_("Welcome to Replydesk"))
        self.setModal(False)
        self.setWindowModality(Qt.WindowModality.NonModal)
        # The window keeps the keyboard: a person who came to copy a reply can do it at once.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        profile = store.get_profile()
        self._read = profile  # Start writes only what differs from this
        # The languages of the user's replies: the list shows them, the first is the default
        # of new templates and the language of the signature asked for here.
        chosen = settings.REPLY_LANGUAGES.read(store) or first_start_languages(
            profile.default_language
        )
        self.reply_languages = ReplyLanguagesBox(chosen, _("You reply in"), self)
        self._language = chosen[0]

        intro = QLabel(
            # Translators: rich text: keep the tags; "Edit → Profile and settings…" names
            # the window's menu item.
            _(
                "<p><b>Welcome!</b> Replydesk fills your reply templates from an order's "
                "fields and copies the reply. Every built-in template ends with its closing "
                "and your name, so tell it your name; you can change this later in "
                "<i>Edit → Profile and settings…</i></p>"
            ),
            self,
        )
        intro.setWordWrap(True)

        ways = QLabel(_(WAYS_IN), self)
        ways.setWordWrap(True)
        ways.setTextFormat(Qt.TextFormat.RichText)
        self._problem = problem_label(self)
        self._problem.setAccessibleName(_("Problem"))

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self._form(profile))
        self._hint = self._signature_hint()
        layout.addWidget(self._hint)
        layout.addWidget(ways)
        layout.addWidget(self._problem)
        layout.addWidget(self._buttons())
        self.setMinimumWidth(440)

    def _form(self, profile: Profile) -> QFormLayout:
        """Your name, and the signature of replies in the default language."""
        self._name = QLineEdit(profile.my_name, self)
        self._name.setAccessibleName(_("Your name"))
        self._name.setPlaceholderText(_("As clients know you"))
        # Translators: {{ my_name }} is template syntax: keep it as it is.
        self._name.setToolTip(_("Filled in wherever a template says {{ my_name }}"))
        self._signature = QPlainTextEdit(profile.signature_for(self._language), self)
        self._signature.setAccessibleName(_("Signature"))
        self._signature.setTabChangesFocus(True)
        self._signature.setPlaceholderText(_(SIGNATURE_PLACEHOLDER))
        self._signature.setFixedHeight(self._signature.fontMetrics().lineSpacing() * 2 + 14)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows: tuple[tuple[str, QWidget], ...] = (
            (_("Your &name:"), self._name),
            # Translators: before the check boxes of languages ("English", "Русский", …).
            (_("You &reply in:"), self.reply_languages),
            (_("Si&gnature:"), self._signature),
        )
        for text, field in rows:
            label = QLabel(text, self)
            label.setBuddy(
                next(iter(self.reply_languages.boxes.values()))
                if field is self.reply_languages
                else field
            )
            form.addRow(label, field)
        self.reply_languages.changed.connect(self._reply_languages_changed)
        return form

    def _reply_languages_changed(self) -> None:
        """The signature asked for is the first reply language's."""
        codes = self.reply_languages.codes()
        if not codes or codes[0] == self._language:
            return
        typed = self._signature.toPlainText()
        if typed.rstrip() == self._read.signature_for(self._language).rstrip():
            self._signature.setPlainText(self._read.signature_for(codes[0]))
        self._language = codes[0]
        self._hint.setText(signature_hint(self._language))

    def _signature_hint(self) -> QLabel:
        hint = QLabel(signature_hint(self._language), self)
        hint.setAccessibleName(_("Signature hint"))
        hint.setWordWrap(True)
        hint.setTextFormat(Qt.TextFormat.RichText)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        return hint

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(self)
        self.start_button: QPushButton = buttons.addButton(
            # Translators: the welcome's button that saves the name and starts.
            pgettext("welcome", "&Start"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.skip_button: QPushButton = buttons.addButton(
            # Translators: the welcome's button that closes it without saving.
            pgettext("welcome", "S&kip"),
            QDialogButtonBox.ButtonRole.RejectRole,
        )
        self.start_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

    def changes(self) -> dict[str, str | None]:
        """The name, the default language (the first reply language) and its signature,
        where changed (update_profile keys)."""
        changes: dict[str, str | None] = {}
        name = self._name.text().strip()
        if name != self._read.my_name:
            changes["my_name"] = name
        if self._language != self._read.default_language:
            changes["default_language"] = self._language
        signature = self._signature.toPlainText().rstrip()
        if signature != self._read.signature_for(self._language):
            changes[signature_key(self._language)] = signature or None
        return changes

    def accept(self) -> None:
        """Start: save the name, the reply languages and the signature (what was changed),
        then close for good."""
        codes = self.reply_languages.codes()
        if not codes:
            self._problem.setText(_("Choose at least one language you reply in."))
            self._problem.show()
            return
        try:
            changes = self.changes()
            if changes:
                self._store.update_profile(changes)
            settings.REPLY_LANGUAGES.write(self._store, codes)
            settings.WELCOME_DONE.write(self._store, True)
        except ReplydeskError as error:
            self._problem.setText(_("Could not save: {error}").format(error=error))
            self._problem.show()
            return
        super().accept()

    def reject(self) -> None:
        """Skip (also Esc and the close button): never shown again, nothing else changes."""
        # If this fails it shows again next start: not worth stopping the user for.
        with contextlib.suppress(ReplydeskError):
            settings.WELCOME_DONE.write(self._store, True)
        super().reject()


def maybe_show_welcome(
    window: QWidget,
    store: TemplateStore,
    on_saved: Callable[[], None] | None = None,
) -> WelcomeDialog | None:
    """Show the welcome over `window` on the first start only; returns it, or None when it
    was already started or skipped. `on_saved` runs after Start saved the profile."""
    if welcome_done(store):
        return None
    dialog = WelcomeDialog(store, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if on_saved is not None:
        dialog.accepted.connect(on_saved)
    dialog.show()
    return dialog
