"""Small dialogs: the profile and settings, the trash, and a yes/no question."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut, QValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from replydesk.core import autostart
from replydesk.core.autopaste import AUTOPASTE_SETTING
from replydesk.core.catalog import TemplateSummary
from replydesk.core.delivery import BLOCK_COPY_SETTING, copy_blocked
from replydesk.core.errors import ReplydeskError
from replydesk.core.library import LANGUAGES
from replydesk.core.models import Profile, TemplateRow
from replydesk.core.store import TemplateStore, signature_key
from replydesk.ui.icons import icon
from replydesk.ui.labels import language_label
from replydesk.ui.template_list import EmptyStateLabel, TemplateItemDelegate, TemplateListModel

COMMON_CURRENCIES: tuple[str, ...] = (
    "USD",
    "EUR",
    "GBP",
    "RON",
    "MDL",
    "HUF",
    "CZK",
    "PLN",
    "UAH",
    "RUB",
    "CHF",
    "CAD",
    "AUD",
)
_CURRENCY = re.compile(r"[A-Z]{3}")

# Store settings ("1" or "0") that the settings part of ProfileDialog edits.
AUTOPASTE_TOOLTIP = (
    "After a quick paste, Replydesk presses Ctrl+V in the window you were in. "
    "Works on X11 desktops with xdotool installed; not on Wayland, where the reply "
    "is only copied and you paste it yourself."
)
SIGNATURE_HINT = (
    "Added under replies in that language, after the template's own closing and your "
    "name. Leave it empty if your templates already end with your name (the built-in "
    "ones do)."
)
SIGNATURE_PLACEHOLDER = "Optional, e.g. Brand designer · 8 years on the platform"
BLOCK_COPY_TOOLTIP = (
    "Copy stays off while the reply checker reports an error (a missing value, say); "
    "warnings never block it."
)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask a yes/no question; No is the default answer. Tests replace this function."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def _problem_label(parent: QWidget) -> QLabel:
    """A hidden label for an inline error, in a red that reads on light and dark windows."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    palette = label.palette()
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#ff7b72" if dark else "#c01c28"))
    label.setPalette(palette)
    label.hide()
    return label


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

    def __init__(self, store: TemplateStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.setWindowTitle("Profile and settings")
        profile = store.get_profile()
        self._read = profile  # what OK compares with: only the differences are written
        self._signatures = dict(profile.signatures)  # as edited here, per language

        self._name = QLineEdit(profile.my_name, self)
        self._name.setAccessibleName("My name")
        self._name.setPlaceholderText("As clients know you")
        self._name.setToolTip(
            "Filled in wherever a template says {{ my_name }}: every built-in template "
            "ends with its closing and your name"
        )

        self._signature_language = QComboBox(self)
        self._signature_language.setAccessibleName("Signature for")
        self._signature_language.setToolTip(
            "The reply language the signature below is added to; ✓ marks the languages "
            "that have one"
        )
        for code in self._signature_languages(store, profile):
            self._signature_language.addItem(language_label(code), code)
        self._signature_language.setCurrentIndex(
            max(0, self._signature_language.findData(profile.default_language))
        )
        self._signature = QPlainTextEdit(self._signatures.get(self.signature_language, ""), self)
        self._signature.setAccessibleName("Signature")
        self._signature.setTabChangesFocus(True)
        self._signature.setPlaceholderText(SIGNATURE_PLACEHOLDER)
        self._signature.setToolTip("Added where a template says {{ signature }}")
        lines = self._signature.fontMetrics().lineSpacing()
        self._signature.setFixedHeight(lines * 3 + 14)
        self._mark_signature_languages()
        self._signature_language.currentIndexChanged.connect(self._show_signature)
        self._signature.textChanged.connect(self._signature_edited)

        self._language = QComboBox(self)
        self._language.setAccessibleName("Default language")
        self._language.setToolTip("The language new templates are written in")
        codes = list(LANGUAGES)
        if profile.default_language not in codes:
            codes.append(profile.default_language)
        for code in codes:
            self._language.addItem(language_label(code), code)
        self._language.setCurrentIndex(max(0, self._language.findData(profile.default_language)))

        self._currency = QComboBox(self)
        self._currency.setEditable(True)
        self._currency_edit = QLineEdit(self._currency)
        self._currency.setLineEdit(self._currency_edit)
        self._currency.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._currency.addItems(list(COMMON_CURRENCIES))
        self._currency.setCurrentText(profile.default_currency)
        self._currency.setAccessibleName("Default currency")
        self._currency.setToolTip(
            "A 3-letter ISO 4217 code, used when an order does not name its currency"
        )
        self._currency_edit.setValidator(_UpperCase(self._currency_edit))
        self._currency_edit.setAccessibleName("Default currency")
        self._currency_edit.textEdited.connect(lambda _text: self._show_currency_problem(None))

        self._currency_problem = _problem_label(self)
        self._currency_problem.setAccessibleName("Currency problem")
        self._save_problem = _problem_label(self)
        self._save_problem.setAccessibleName("Problem")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, field in (
            ("My &name:", self._name),
            ("Default &language:", self._language),
            ("Default &currency:", self._currency),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", self._currency_problem)
        signature_rows: tuple[tuple[str, QWidget], ...] = (
            ("Signature &for:", self._signature_language),
            ("&Signature:", self._signature),
        )
        for text, widget in signature_rows:
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        signature_hint = _hint_label(SIGNATURE_HINT, self)
        signature_hint.setAccessibleName("Signature hint")

        settings = self._settings_box(store)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(_hint_label("Your details, filled into every reply.", self))
        layout.addLayout(form)
        layout.addWidget(signature_hint)
        layout.addWidget(settings)
        layout.addWidget(self._save_problem)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

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
        box = QGroupBox("Settings", self)

        self._autostart_was_on = autostart.is_enabled()
        self._autostart = QCheckBox("Start Replydesk at login (in the &tray)", box)
        self._autostart.setAccessibleName("Start Replydesk at login")
        self._autostart.setChecked(self._autostart_was_on)
        if autostart.autostart_supported():
            self._autostart.setToolTip(
                "Replydesk starts hidden in the tray when you log in, ready for a quick paste"
            )
        else:
            self._autostart.setEnabled(False)
            self._autostart.setToolTip(autostart.manual_steps())

        self._autopaste = QCheckBox("&Paste into the previous window after a quick paste", box)
        self._autopaste.setAccessibleName("Paste after a quick paste")
        self._autopaste.setToolTip(AUTOPASTE_TOOLTIP)
        self._autopaste.setChecked(store.get_setting(AUTOPASTE_SETTING, "0") == "1")

        self._block_copy = QCheckBox("&Block copying when the checker finds an error", box)
        self._block_copy.setAccessibleName("Block copying on errors")
        self._block_copy.setToolTip(BLOCK_COPY_TOOLTIP)
        self._block_copy.setChecked(copy_blocked(store))

        layout = QVBoxLayout(box)
        for checkbox in (self._autostart, self._autopaste, self._block_copy):
            layout.addWidget(checkbox)
        return box

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
            self._show_currency_problem("Use a 3-letter currency code, like USD or EUR.")
            self._currency.setFocus(Qt.FocusReason.OtherFocusReason)
            self._currency_edit.selectAll()
            return
        try:
            changes = self.changes()
            if changes:
                self._store.update_profile(changes)
            for key, checkbox in (
                (AUTOPASTE_SETTING, self._autopaste),
                (BLOCK_COPY_SETTING, self._block_copy),
            ):
                self._store.set_setting(key, "1" if checkbox.isChecked() else "0")
            self._save_autostart()
        except ReplydeskError as error:
            self._save_problem.setText(f"Could not save: {error}")
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


def _summary(row: TemplateRow) -> TemplateSummary:
    return TemplateSummary(
        row.id, row.name, row.kind, row.language, row.tags, row.favorite, row.use_count
    )


class TrashDialog(QDialog):
    """Deleted templates: restore them, or delete them forever."""

    restored = Signal(str)  # once per restored template id
    changed = Signal()  # after any change to the trash

    def __init__(self, store: TemplateStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.setWindowTitle("Trash")

        self._model = TemplateListModel(parent=self)
        self._view = QListView(self)
        self._view.setModel(self._model)
        self._view.setItemDelegate(TemplateItemDelegate(self._view))
        self._view.setUniformItemSizes(True)
        self._view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self._view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._view.setAccessibleName("Deleted templates")
        self._view.selectionModel().selectionChanged.connect(self._on_selection_changed)

        self._empty = EmptyStateLabel(self._view, "The trash is empty.")

        self._icons: list[tuple[QPushButton, str]] = []
        self._restore = self._button("&Restore", "restore", "Put the selected templates back")
        self._purge = self._button(
            "&Delete forever", "delete", "Delete the selected templates for good (Delete)"
        )
        self._empty_trash = self._button(
            "&Empty trash", "trash", "Delete every template in the trash for good"
        )
        self._restore.setDefault(True)
        self._restore.clicked.connect(self.restore_selected)
        self._purge.clicked.connect(self.purge_selected)
        self._empty_trash.clicked.connect(self.empty)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self._view)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.purge_selected)

        self._problem = _problem_label(self)
        self._problem.setAccessibleName("Problem")

        actions = QHBoxLayout()
        actions.addWidget(self._restore)
        actions.addWidget(self._purge)
        actions.addStretch(1)
        actions.addWidget(self._empty_trash)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(
            _hint_label("Deleted templates stay here until you delete them forever.", self)
        )
        layout.addWidget(self._view, 1)
        layout.addLayout(actions)
        layout.addWidget(self._problem)
        layout.addWidget(close)
        self.resize(480, 420)
        self.reload()

    def _button(self, text: str, icon_name: str, tooltip: str) -> QPushButton:
        button = QPushButton(icon(icon_name), text, self)
        button.setToolTip(tooltip)
        button.setAccessibleName(text.replace("&", ""))
        button.setIconSize(QSize(16, 16))
        self._icons.append((button, icon_name))
        return button

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            # Icons are drawn in the palette's colour: redraw them for the new one.
            for button, icon_name in self._icons:
                button.setIcon(icon(icon_name))
        super().changeEvent(event)

    # -- public API --------------------------------------------------------------------

    def reload(self, select_row: int = 0) -> None:
        """Read the trash again; select `select_row` (or the last row, if fewer are left)."""
        try:
            summaries = [_summary(row) for row in self._store.list_trash()]
        except ReplydeskError as error:
            summaries = []
            self._show_problem(str(error))
        self._model.set_summaries(summaries)
        if summaries:
            self._select_row(min(max(select_row, 0), len(summaries) - 1))
        self._empty.setVisible(not summaries)
        self._update_buttons()

    def select(self, template_id: str) -> bool:
        """Select only this template; False when it is not in the trash."""
        row = self._model.row_of(template_id)
        if row < 0:
            return False
        self._select_row(row)
        return True

    def selected_ids(self) -> list[str]:
        rows = sorted(index.row() for index in self._view.selectionModel().selectedRows())
        return [self._model.summary_at(row).id for row in rows]

    def list_view(self) -> QListView:
        return self._view

    def model(self) -> TemplateListModel:
        return self._model

    def restore_selected(self) -> None:
        """Take the selected templates out of the trash (`restored` for each)."""
        ids = self.selected_ids()
        if not ids:
            return
        first_row = self._first_selected_row()
        self._problem.hide()
        done: list[str] = []
        try:
            for template_id in ids:
                self._store.restore_template(template_id)
                done.append(template_id)
        except ReplydeskError as error:
            self._show_problem(str(error))
        self.reload(first_row)
        for template_id in done:
            self.restored.emit(template_id)
        if done:
            self.changed.emit()

    def purge_selected(self) -> None:
        """Delete the selected templates for good, after asking."""
        ids = self.selected_ids()
        if not ids:
            return
        if len(ids) == 1:
            name = self._model.summary_at(self._model.row_of(ids[0])).name
            question = f"Delete “{name}” forever?"
        else:
            question = f"Delete these {len(ids)} templates forever?"
        if not confirm(self, "Delete forever", f"{question}\nThis cannot be undone."):
            return

        def purge() -> None:
            for template_id in ids:
                self._store.purge_template(template_id)

        self._change(purge, self._first_selected_row())

    def empty(self) -> None:
        """Delete every template in the trash for good, after asking."""
        count = self._model.rowCount()
        if count == 0:
            return
        noun = "the template" if count == 1 else f"all {count} templates"
        if not confirm(
            self, "Empty trash", f"Delete {noun} in the trash forever?\nThis cannot be undone."
        ):
            return
        self._change(self._store.empty_trash, 0)

    # -- helpers -----------------------------------------------------------------------

    def _change(self, work: Callable[[], object], select_row: int) -> None:
        self._problem.hide()
        try:
            work()
        except ReplydeskError as error:
            self._show_problem(str(error))
        self.reload(select_row)
        self.changed.emit()

    def _select_row(self, row: int) -> None:
        index = self._model.index(row, 0)
        self._view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self._view.scrollTo(index)

    def _first_selected_row(self) -> int:
        rows = [index.row() for index in self._view.selectionModel().selectedRows()]
        return min(rows) if rows else 0

    def _show_problem(self, message: str) -> None:
        self._problem.setText(message)
        self._problem.show()

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_selection = self._view.selectionModel().hasSelection()
        self._restore.setEnabled(has_selection)
        self._purge.setEnabled(has_selection)
        self._empty_trash.setEnabled(self._model.rowCount() > 0)
