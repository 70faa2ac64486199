"""The template editor's behaviour: load, check, preview and save one template.

The widgets and their layout are EditorView's (ui/editor_view.py); TemplateEditor fills
them, reacts to them and writes to the store.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QMenu,
    QMessageBox,
    QWidget,
)

from replydesk.core import filling, library
from replydesk.core.errors import (
    ChangedElsewhereError,
    LibraryFileError,
    NotFoundError,
    RenderTimeExceeded,
    ReplydeskError,
    TemplateSyntaxProblem,
)
from replydesk.core.fields import (
    FIELD_NAME,
    STANDARD_FIELDS,
    FieldSpec,
    example_values,
    specs_from_dicts,
)
from replydesk.core.filling import RENDERING_MESSAGE
from replydesk.core.i18n import N_, _, pgettext
from replydesk.core.merge import IMPORT_ORIGIN
from replydesk.core.models import TRUSTED_ORIGINS, TemplateData, TemplateRow
from replydesk.core.render import check_syntax, fields_for, render, used_variables
from replydesk.core.sandbox import MAX_RENDER_SECONDS
from replydesk.core.store import TemplateStore
from replydesk.ui.background_render import BackgroundRender
from replydesk.ui.editor_view import SAVE_KEYS, EditorView
from replydesk.ui.field_table import FieldTableModel, show_fields_in
from replydesk.ui.highlighter import JinjaHighlighter
from replydesk.ui.labels import kind_label, language_label
from replydesk.ui.store_events import StoreEvents
from replydesk.ui.style import error_color

FILTER_SNIPPETS: tuple[tuple[str, str], ...] = (
    (N_("Money in the reply's language"), "{{ price|money }}"),
    (N_("Long date"), "{{ deadline|date('long') }}"),
    (N_("Days until a date"), "{{ deadline|days_until }}"),
    (N_("Word for a number (plural)"), '{{ n|plural(one="…", other="…") }}'),
)
"""The insert menu's filters: (title, marked for translation, and the snippet it inserts)."""
NEW_BODY = "Hi {{ client_name }},\n\n\n\nBest regards,\n{{ my_name }}\n"
STATUS_DELAY_MS = 250
CHECK_HERE_MAX_CHARS = 2_000
"""A body up to this long is checked as it is typed on the GUI thread (within the
interactive budget even when dense with tags); a longer one is checked off it."""
CHECKING_MESSAGE = N_("Checking the body…")
_LANGUAGE_CODE = re.compile(r"^([A-Za-z]{2,3})([_-][A-Za-z]{2,4})?$")
PARTS: tuple[str, ...] = ("name", "kind", "language", "body", "fields", "tags")
"""The parts of a template the editor writes, each only when the user changed it."""
SAVE_ATTEMPTS = 5
"""Saves in a row refused because the template changed elsewhere before one gives up."""


def ask_discard(parent: QWidget | None) -> str:
    """Ask what to do with unsaved edits: "save", "discard" or "cancel".

    Module-level so tests (and other front ends) can replace it.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Unsaved changes"))
    box.setText(_("Save the changes to this template?"))
    box.setInformativeText(_("If you don't save, your changes will be lost."))
    buttons = QMessageBox.StandardButton
    box.setStandardButtons(buttons.Save | buttons.Discard | buttons.Cancel)
    box.setDefaultButton(buttons.Save)
    box.setEscapeButton(buttons.Cancel)
    box.exec()
    clicked = box.clickedButton()
    answer = box.standardButton(clicked) if clicked is not None else buttons.Cancel
    return {buttons.Save: "save", buttons.Discard: "discard"}.get(answer, "cancel")


class ChangedElsewhereDialog(QMessageBox):
    """The question when a save meets a change made elsewhere to the parts the user changed
    too: "reload" (drop mine, show theirs), "keep" (mine over theirs), "copy" (mine as a
    new template, theirs stays) or "cancel" (back to the editor, nothing written).

    With `gone` ("deleted", "moved to the trash") the template is no longer there to
    write to: only "copy" or "cancel". Tests replace `ask`.
    """

    RELOAD, KEEP, COPY, CANCEL = "reload", "keep", "copy", "cancel"

    def __init__(
        self,
        parent: QWidget | None,
        name: str,
        parts: Sequence[str] = (),
        *,
        gone: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("changedElsewhere")
        self.setIcon(QMessageBox.Icon.Warning)
        self._choices: list[tuple[QAbstractButton, str]] = []
        self.reload_button: QAbstractButton | None = None
        self.keep_button: QAbstractButton | None = None
        if gone is None:
            self.setWindowTitle(_("Changed elsewhere"))
            self.setText(_("“{name}” was changed elsewhere since you opened it").format(name=name))
            if parts:
                # Translators: {parts} lists parts of a template, e.g. "name, body".
                changed = _("Changed there and here: {parts}.").format(parts=_part_names(parts))
            else:
                changed = _("Changed there and here: the template.")
            self.setInformativeText(
                changed
                + "\n"
                + _(
                    "Reload shows their version and drops your changes; Keep mine saves yours "
                    "over theirs; Save as a copy keeps theirs and saves yours as a new template."
                )
            )
            self.reload_button = self._add(_("&Reload"), QMessageBox.ButtonRole.DestructiveRole)
            self._choices.append((self.reload_button, self.RELOAD))
            self.keep_button = self._add(_("&Keep mine"), QMessageBox.ButtonRole.AcceptRole)
            self._choices.append((self.keep_button, self.KEEP))
        else:
            self.setWindowTitle(_("Deleted elsewhere"))
            self.setText(_gone_since_opened(name, gone))
            self.setInformativeText(_("Save as a copy saves your version as a new template."))
        self.copy_button = self._add(_("Save as a &copy"), QMessageBox.ButtonRole.AcceptRole)
        self._choices.append((self.copy_button, self.COPY))
        cancel = self.addButton(QMessageBox.StandardButton.Cancel)
        assert cancel is not None
        self.cancel_button: QAbstractButton = cancel
        self.setDefaultButton(cancel)
        self.setEscapeButton(cancel)

    def _add(self, text: str, role: QMessageBox.ButtonRole) -> QAbstractButton:
        return self.addButton(text, role)

    def choice(self) -> str:
        """What the clicked button means; "cancel" for Esc, closing, or nothing clicked."""
        clicked = self.clickedButton()
        for button, choice in self._choices:
            if button is clicked:
                return choice
        return self.CANCEL

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        name: str,
        parts: Sequence[str] = (),
        *,
        gone: str | None = None,
    ) -> str:
        """Show the question (modal) and return the choice."""
        box = cls(parent, name, parts, gone=gone)
        box.exec()
        return box.choice()


@dataclass(frozen=True)
class BodyReport:
    """What the editor shows about a body: its status line and its preview.

    `preview` is None when the render was not made here (not allowed, or it outgrew
    its budget): it is then finished off the GUI thread.
    """

    status: str
    status_is_error: bool
    preview: str | None
    preview_is_error: bool = False


def read_body(
    body: str, declared: Sequence[FieldSpec], language: str, time_budget: float | None
) -> BodyReport:
    """Check `body` and render it with example values within `time_budget` seconds
    (None: check only). Plain Python over its arguments: safe on any thread."""
    try:
        check_syntax(body)
        names = used_variables(body)
    except ReplydeskError as problem:
        return BodyReport(str(problem), True, _cannot_preview(problem), True)
    joined = ", ".join(names)
    # Translators: the body's status line; {names} lists field names, e.g. "client_name".
    status = _("Fields: {names}").format(names=joined) if names else _("Fields: none")
    if time_budget is None:
        return BodyReport(status, False, None)
    try:
        values = example_values(fields_for(body, declared))
        text = render(body, values, language=language, time_budget=time_budget)
    except RenderTimeExceeded as problem:
        if time_budget < MAX_RENDER_SECONDS:
            return BodyReport(status, False, None)  # not a problem yet: it gets more time
        return BodyReport(status, False, _cannot_preview(problem), True)
    except ReplydeskError as problem:
        return BodyReport(status, False, _cannot_preview(problem), True)
    return BodyReport(status, False, text)


def _cannot_preview(problem: ReplydeskError) -> str:
    # Translators: shown in the editor's preview; {problem} is why the body cannot render.
    return _("Cannot preview: {problem}").format(problem=problem)


class TemplateEditor(EditorView):
    """New (template_id None), edit, or duplicate (a copy saved as a new template; with
    `variant_language`, the same reply in that language: a variant of its family).

    `defaults` (new templates only) may give "name", "kind", "language", "body" and "tags"
    (comma-separated). With `events`, a change made elsewhere to the open template is
    shown as it happens. Raises NotFoundError when `template_id` does not exist. Emits
    `saved(id)` after a successful save, then accepts.
    """

    saved = Signal(str)

    def __init__(
        self,
        store: TemplateStore,
        template_id: str | None = None,
        *,
        duplicate: bool = False,
        variant_language: str | None = None,
        defaults: Mapping[str, str] | None = None,
        events: StoreEvents | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._editing_id = template_id if not duplicate else None
        # The template whose reply a new variant joins (duplicate with a language).
        self._variant_of = template_id if duplicate and variant_language else None
        self._variant_language = variant_language
        self._stored_favorite = False
        self._status_is_error = False
        self._preview_is_error = False
        self._message_is_error = True
        self._background_render = BackgroundRender(self)  # checks and previews too slow here
        self._trusted = True  # the preview may render on the GUI thread (see _refresh)
        self._initial: tuple[object, ...] = ()  # what was loaded; set once loading is done
        # The template as read from the store (edits only): its revision, its parts as
        # stored (to see what changed elsewhere) and as the inputs give them back (to see
        # what the user changed).
        self._opened_revision = 0
        self._opened_parts: dict[str, object] = {}
        self._loaded_values: dict[str, object] = {}
        self._fill_lists()
        self.field_model = FieldTableModel(parent=self)
        show_fields_in(self.field_view, self.field_model)
        self.highlighter = JinjaHighlighter(self.body_edit.document(), self.body_edit.palette())
        self._save_shortcut = QShortcut(QKeySequence(SAVE_KEYS), self)
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(STATUS_DELAY_MS)
        self._apply_colours()
        self._connect()
        if events is not None:
            events.templatesChanged.connect(self._stored_templates_changed)
        self._open(template_id, duplicate, defaults or {})

    def _fill_lists(self) -> None:
        for kind in library.KINDS:
            self.kind_combo.addItem(kind_label(kind), kind)
        for code in library.LANGUAGES:
            self.language_combo.addItem(language_label(code), code)

    def _open(self, template_id: str | None, duplicate: bool, given: Mapping[str, str]) -> None:
        """Load the stored template (or `given`), then show its status and preview."""
        load_problem = None
        if template_id is not None:
            row = self._store.get_template(template_id)
            self._stored_favorite = row.favorite
            # Someone else's text (imported, or a copy of it) never renders on this thread.
            self._trusted = row.origin in TRUSTED_ORIGINS
            variant = self._variant_of is not None
            load_problem = self._load(
                name=_copy_name(row.name) if duplicate and not variant else row.name,
                kind=row.kind,
                language=(self._variant_language or row.language) if variant else row.language,
                body=row.body,
                tags=", ".join(row.tags),
                favorite=row.favorite and not duplicate,
                fields=row.fields,
            )
            if variant:
                # Translators: the editor's title for the same reply in another language.
                title = _("New variant — {name}").format(name=row.name)
            elif duplicate:
                title = _("Duplicate template — {name}").format(name=row.name)
            else:
                title = _("Edit template — {name}").format(name=row.name)
            self.setWindowTitle(title + "[*]")  # [*]: where Qt marks unsaved changes
            if not duplicate:
                self._remember(row)
        else:
            self._load(
                name=given.get("name", ""),
                kind=given.get("kind") or library.KINDS[0],
                language=given.get("language") or "en",
                body=given.get("body", NEW_BODY),
                tags=given.get("tags", ""),
                favorite=False,
                fields=[],
            )
            self.setWindowTitle(_("New template") + "[*]")
        self._initial = self._snapshot()
        self._show_problem(load_problem)
        self._refresh()
        self._update_buttons()
        self._on_edited()
        if template_id is None or duplicate:
            self.name_edit.setFocus()
            self.name_edit.selectAll()
        else:
            self.body_edit.setFocus()

    # -- public ------------------------------------------------------------------------

    @property
    def template_id(self) -> str | None:
        """The id being edited; None for a new or duplicated template until it is saved."""
        return self._editing_id

    def is_modified(self) -> bool:
        """True when something differs from what was loaded (or last saved)."""
        return self._snapshot() != self._initial

    def insert_text(self, text: str) -> None:
        """Insert text at the body's cursor (replacing a selection) and return focus there."""
        cursor = self.body_edit.textCursor()
        cursor.insertText(text)
        self.body_edit.setTextCursor(cursor)
        self.body_edit.setFocus()

    def save(self) -> bool:
        """Check everything and write to the store; on a problem show it and stay open.

        An edit writes only the parts the user changed, and only over the revision it
        opened: a change made elsewhere meanwhile is merged when it touches other parts
        (the editor then stays open, showing the merged template and a note), and asked
        about (ChangedElsewhereDialog) when it touches the same ones.
        """
        self._commit_open_cell()
        problem, focus = self._validate()
        if problem is not None:
            self._show_problem(problem)
            if focus is not None:
                focus.setFocus()
            return False
        values = self._values()
        favorite = self.favorite_check.isChecked()
        merged = False
        try:
            if self._editing_id is None:
                template_id = self._create(values, favorite)
            else:
                outcome = self._save_edits(values, favorite)
                if outcome is None:
                    return False
                template_id, merged = outcome
            stored = None if merged else self._reread(template_id)
            if stored is not None:  # the next save (if any) is over this revision
                self._remember(stored)
        except ReplydeskError as error:
            self._show_problem(_("Not saved: {error}").format(error=error))
            return False
        self._editing_id = template_id
        if merged:  # saved; stays open to show what is stored now, and the note
            self.saved.emit(template_id)
            return True
        self._initial = self._snapshot()
        self._show_problem(None)
        self.setWindowModified(False)
        self.saved.emit(template_id)
        self.accept()
        return True

    def _create(self, values: Mapping[str, Any], favorite: bool, name: str | None = None) -> str:
        """A new template from the inputs' values; its id."""
        data = TemplateData(
            name=values["name"] if name is None else name,
            kind=values["kind"],
            language=values["language"],
            body=values["body"],
            fields=values["fields"],
            tags=values["tags"],
            favorite=favorite,
            # A copy of someone else's template is still their text.
            origin="user" if self._trusted else IMPORT_ORIGIN,
        )
        if self._variant_of is not None:
            return self._store.add_variant(self._variant_of, data).id
        return self._store.create_template(data).id

    def _save_edits(self, values: Mapping[str, Any], favorite: bool) -> tuple[str, bool] | None:
        """Write the user's parts over the opened revision, merging or asking when it
        changed elsewhere: (id saved, whether a change made elsewhere was merged in and is
        now shown), or None when nothing was saved (the reason shown)."""
        assert self._editing_id is not None
        template_id = self._editing_id
        title = str(self._opened_parts.get("name", values["name"]))
        mine = {part: value for part, value in values.items() if self._user_changed(part, value)}
        revision = self._opened_revision
        seen = self._opened_parts  # theirs is what changed since this
        theirs: list[str] = []  # parts changed elsewhere, over all attempts
        for _attempt in range(SAVE_ATTEMPTS):
            if self._write_over(template_id, revision, mine, favorite):
                break
            current = self._reread(template_id)
            if current is None or current.deleted_at is not None:
                gone = "deleted" if current is None else "moved to the trash"
                if ChangedElsewhereDialog.ask(self, title, gone=gone) != "copy":
                    if current is None:
                        problem = _("Not saved: “{name}” was deleted elsewhere.")
                    else:
                        problem = _("Not saved: “{name}” was moved to the trash elsewhere.")
                    self._show_problem(problem.format(name=title))
                    return None
                return self._create(values, favorite), False
            now = current.parts()
            changed_there = [part for part in PARTS if now[part] != seen[part]]
            theirs += [part for part in changed_there if part not in theirs]
            # A part both sides set to the same value is no conflict, and needs no write.
            mine = {part: value for part, value in mine.items() if value != now[part]}
            overlap = [part for part in changed_there if part in mine]
            if overlap:
                choice = ChangedElsewhereDialog.ask(self, title, overlap)
                if choice == ChangedElsewhereDialog.COPY:
                    return self._create(values, favorite, name=_copy_name(values["name"])), False
                if choice != ChangedElsewhereDialog.KEEP:
                    self._drop_save(choice, current, title, overlap)
                    return None
            revision, seen = current.revision, now
        else:
            self._show_problem(
                _("Not saved: “{name}” keeps being changed elsewhere; try saving again.").format(
                    name=title
                )
            )
            return None
        return self._show_merged(template_id, [part for part in theirs if part not in mine])

    def _write_over(
        self, template_id: str, revision: int, parts: Mapping[str, Any], favorite: bool
    ) -> bool:
        """Write `parts` (and the favorite mark) over `revision`; False when the template
        changed or went elsewhere meanwhile."""
        try:
            self._store.update_template(template_id, expected_revision=revision, **parts)
            if favorite != self._stored_favorite:
                self._store.set_favorite(template_id, favorite)
        except (ChangedElsewhereError, NotFoundError):
            return False
        return True

    def _drop_save(self, choice: str, current: TemplateRow, title: str, overlap: list[str]) -> None:
        """Nothing is written: show theirs (Reload) or say why (Cancel)."""
        if choice == ChangedElsewhereDialog.RELOAD:
            self._load_row(current)
            self._show_note(_("Reloaded the version saved elsewhere; your changes were dropped."))
        else:
            # Translators: {parts} lists parts of a template, e.g. "name, body".
            problem = _("Not saved: “{name}” was changed elsewhere ({parts}).")
            self._show_problem(problem.format(name=title, parts=_part_names(overlap)))

    def _show_merged(self, template_id: str, kept: list[str]) -> tuple[str, bool]:
        """After a save: show the stored template when parts changed elsewhere were kept."""
        if not kept:
            return template_id, False
        self._load_row(self._store.get_template(template_id))
        # Translators: {parts} lists parts of a template, e.g. "name, body".
        note = _("Saved. Merged with a change made elsewhere: {parts}")
        self._show_note(note.format(parts=_part_names(kept)))
        return template_id, True

    def _user_changed(self, part: str, value: object) -> bool:
        return part not in self._loaded_values or self._loaded_values[part] != value

    def _reread(self, template_id: str) -> TemplateRow | None:
        """The template as stored now; None when it was deleted for good."""
        try:
            return self._store.get_template(template_id)
        except NotFoundError:
            return None

    def reject(self) -> None:
        """Esc, Cancel or closing the window: ask first when there are unsaved edits.

        QDialog.closeEvent calls reject() and stays open if the dialog is still visible,
        so closing the window is covered too.
        """
        if not self.is_modified():
            super().reject()
            return
        answer = ask_discard(self)
        if answer == "save":
            self.save()
        elif answer == "discard":
            super().reject()

    # -- loading ---------------------------------------------------------------------

    def _connect(self) -> None:
        self.button_box.accepted.connect(self.save)
        self.button_box.rejected.connect(self.reject)
        self._save_shortcut.activated.connect(self.save)
        self._status_timer.timeout.connect(self._refresh)
        self.add_field_button.clicked.connect(self._add_field)
        self.remove_field_button.clicked.connect(self._remove_fields)
        self.add_used_button.clicked.connect(self._add_used_fields)
        for signal in (
            self.name_edit.textChanged,
            self.kind_combo.currentTextChanged,
            self.tags_edit.textChanged,
            self.favorite_check.toggled,
        ):
            signal.connect(self._on_edited)
        for signal in (
            self.body_edit.textChanged,
            self.language_combo.currentTextChanged,
            self.field_model.changed,
        ):
            signal.connect(self._on_edited)
            signal.connect(self._status_timer.start)
        self.field_model.changed.connect(self._rebuild_insert_menu)
        self.field_model.changed.connect(self._update_buttons)
        selection = self.field_view.selectionModel()
        selection.selectionChanged.connect(self._on_selection_changed)

    def _load(
        self,
        *,
        name: str,
        kind: str,
        language: str,
        body: str,
        tags: str,
        favorite: bool,
        fields: list[dict[str, Any]],
    ) -> str | None:
        """Fill the inputs; returns a problem with the stored fields, if any."""
        self.name_edit.setText(name)
        _select(self.kind_combo, kind, kind_label(kind))
        _select(self.language_combo, language, language_label(language))
        self.tags_edit.setText(tags)
        self.favorite_check.setChecked(favorite)
        self.body_edit.setPlainText(body)
        problem = None
        try:
            specs = specs_from_dicts(fields)
        except LibraryFileError as error:
            problem = _("Some stored fields could not be read and were left out: {error}").format(
                error=error
            )
            specs = _readable_specs(fields)
        self.field_model.set_specs(specs)
        self._rebuild_insert_menu()
        if body == NEW_BODY:
            # Start typing where the reply's own text goes.
            cursor = self.body_edit.textCursor()
            cursor.setPosition(self.body_edit.document().findBlockByNumber(2).position())
            self.body_edit.setTextCursor(cursor)
        return problem

    def _remember(self, row: TemplateRow) -> None:
        """Take `row` (just loaded or saved) as the template this editor edits."""
        self._editing_id = row.id
        self._opened_revision = row.revision
        self._opened_parts = row.parts()
        self._stored_favorite = row.favorite
        try:
            self._loaded_values = self._values()
        except LibraryFileError:  # fields that do not read: any fields count as changed
            self._loaded_values = {}

    def _load_row(self, row: TemplateRow) -> None:
        """Show the template as stored now (theirs, or merged), with nothing unsaved."""
        problem = self._load(
            name=row.name,
            kind=row.kind,
            language=row.language,
            body=row.body,
            tags=", ".join(row.tags),
            favorite=row.favorite,
            fields=row.fields,
        )
        self.setWindowTitle(_("Edit template — {name}").format(name=row.name) + "[*]")
        self._remember(row)
        self._initial = self._snapshot()
        self.setWindowModified(False)
        self._show_problem(problem)
        self._refresh()

    # -- reading the inputs ------------------------------------------------------------

    def _commit_open_cell(self) -> None:
        """Write a table cell still being typed in (Ctrl+S does not take the focus away)."""
        viewport = self.field_view.viewport()
        widget = QApplication.focusWidget()
        while widget is not None and widget.parentWidget() is not viewport:
            widget = widget.parentWidget()
        if widget is not None:
            # The view asks the index's own delegate to write the editor's value.
            self.field_view.itemDelegate().commitData.emit(widget)

    def _values(self) -> dict[str, Any]:
        """The parts as they would be saved (raises LibraryFileError for bad fields)."""
        return {
            "name": self.name_edit.text().strip(),
            "kind": self._kind_key(),
            "language": self._language_code() or "en",
            "body": self.body_edit.toPlainText(),
            "fields": [spec.to_dict() for spec in self.field_model.specs()],
            "tags": self._tags(),
        }

    def _snapshot(self) -> tuple[object, ...]:
        return (
            self.name_edit.text(),
            self._kind_key(),
            self._language_code() or self.language_combo.currentText(),
            self._tags(),
            self.favorite_check.isChecked(),
            self.body_edit.toPlainText(),
            self.field_model.raw_dicts(),
        )

    def _kind_key(self) -> str:
        text = self.kind_combo.currentText().strip()
        found = _find(self.kind_combo, text)
        if found is not None:
            return found
        return re.sub(r"\W+", "_", text.casefold()).strip("_")

    def _language_code(self) -> str | None:
        """The language code typed or picked; None when it is not a plausible code."""
        text = self.language_combo.currentText().strip()
        found = _find(self.language_combo, text)
        if found is not None:
            return found
        match = _LANGUAGE_CODE.match(text)
        if match is None:
            return None
        return match.group(1).lower() + (match.group(2) or "")

    def _tags(self) -> list[str]:
        tags: list[str] = []
        for part in self.tags_edit.text().split(","):
            tag = part.strip()
            if tag and tag not in tags:
                tags.append(tag)
        return tags

    def _declared_specs(self) -> list[FieldSpec]:
        try:
            return self.field_model.specs()
        except LibraryFileError:
            return []

    def _validate(self) -> tuple[str | None, QWidget | None]:
        """The first problem that stops saving, and the input to fix it in."""
        if not self.name_edit.text().strip():
            return _("Give the template a name."), self.name_edit
        if not self._kind_key():
            return _("Choose or type a kind."), self.kind_combo
        if self._language_code() is None:
            problem = _("Language: pick one or type a code such as de or pt-BR.")
            return problem, self.language_combo
        body = self.body_edit.toPlainText()
        if not body.strip():
            return _("The body is empty: write the reply."), self.body_edit
        try:
            check_syntax(body)
        except TemplateSyntaxProblem as problem:
            self._move_to_line(problem.line)
            # Translators: {problem} is a syntax problem, e.g. "line 3: unexpected '}'".
            return _("Body, {problem}").format(problem=problem), self.body_edit
        try:
            self.field_model.specs()
        except LibraryFileError as problem:
            # Translators: {problem} is what is wrong in the field table, e.g. "row 2 has no name".
            return _("Fields: {problem}").format(problem=problem), self.field_view
        return None, None

    # -- reacting ----------------------------------------------------------------------

    def _on_edited(self) -> None:
        self.setWindowModified(self.is_modified())

    def _refresh(self) -> None:
        """Update the status line and the preview from the body (debounced).

        A short body is checked here; a trusted one also renders here within the
        interactive budget. Whatever would take longer (a long body, someone else's
        template, a render that outgrew the budget) is finished off the GUI thread.
        """
        self._status_timer.stop()
        self._background_render.cancel()  # a report on an older body is no longer wanted
        body = self.body_edit.toPlainText()
        declared = self._declared_specs()
        language = self._language_code() or "en"
        if len(body) > CHECK_HERE_MAX_CHARS:
            self._set_status(_(CHECKING_MESSAGE), error=False)
            report = None
        else:
            budget = filling.INTERACTIVE_RENDER_SECONDS if self._trusted else None
            report = read_body(body, declared, language, budget)
            self._show_report(report)
        if report is None or report.preview is None:
            waiting = RENDERING_MESSAGE if self._trusted else filling.DEFERRED_MESSAGE
            self._set_preview(_(waiting), error=False)
            self._background_render.request(
                partial(read_body, body, declared, language, MAX_RENDER_SECONDS),
                self._show_report,
            )

    def _show_report(self, report: BodyReport) -> None:
        self._set_status(report.status, error=report.status_is_error)
        if report.preview is not None:
            self._set_preview(report.preview, error=report.preview_is_error)

    def _stored_templates_changed(self) -> None:
        """Templates changed (here or elsewhere): say so when the open one did. With no
        unsaved edits, show the version saved elsewhere; with some, keep them (saving
        merges them, or asks)."""
        if self._editing_id is None or not self._opened_parts:
            return
        title = str(self._opened_parts["name"])
        row = self._reread(self._editing_id)
        if row is None or row.deleted_at is not None:
            if row is None:
                note = _("“{name}” was deleted elsewhere; saving offers to keep yours as a copy.")
            else:
                note = _(
                    "“{name}” was moved to the trash elsewhere; saving offers to keep yours "
                    "as a copy."
                )
            self._show_note(note.format(name=title))
        elif row.revision != self._opened_revision and not self.is_modified():
            self._load_row(row)
            note = _("“{name}” was changed elsewhere; showing the version saved there.")
            self._show_note(note.format(name=title))
        elif row.revision != self._opened_revision:
            note = _(
                "“{name}” was changed elsewhere since you opened it; saving keeps "
                "their changes to the parts you did not change, and asks about the rest."
            )
            self._show_note(note.format(name=title))

    def _set_status(self, text: str, *, error: bool) -> None:
        self.status_label.setText(text)
        self._status_is_error = error
        self._apply_colours()

    def _set_preview(self, text: str, *, error: bool) -> None:
        scroll = self.preview.verticalScrollBar().value()
        self.preview.setPlainText(text)
        self.preview.verticalScrollBar().setValue(scroll)
        self._preview_is_error = error
        self._apply_colours()

    def _show_problem(self, message: str | None, *, error: bool = True) -> None:
        self.problem_label.setText(message or "")
        self.problem_label.setVisible(bool(message))
        if error != self._message_is_error:
            self._message_is_error = error
            self._apply_colours()

    def _show_note(self, message: str) -> None:
        """A message that is not a problem (in the problem's place, not in red)."""
        self._show_problem(message, error=False)

    def _apply_colours(self) -> None:
        """Red for problems, in a shade readable on this palette."""
        red = error_color(self.palette()).name()
        self.problem_label.setStyleSheet(f"color: {red};" if self._message_is_error else "")
        self.status_label.setStyleSheet(f"color: {red};" if self._status_is_error else "")
        self.preview.setStyleSheet(
            f"QPlainTextEdit {{ color: {red}; }}" if self._preview_is_error else ""
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The Ctrl+S shortcut needs an active window; a key press reaching the dialog
        # while it is not (just opened, or driven by a test) saves as well.
        if event.matches(QKeySequence.StandardKey.Save):
            event.accept()
            self.save()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.highlighter.set_palette(self.body_edit.palette())
            self._apply_colours()

    def _move_to_line(self, line: int | None) -> None:
        if not line:
            return
        block = self.body_edit.document().findBlockByNumber(line - 1)
        if block.isValid():
            cursor = QTextCursor(block)
            self.body_edit.setTextCursor(cursor)
            self.body_edit.ensureCursorVisible()

    def _rebuild_insert_menu(self) -> None:
        menu = self.insert_menu
        menu.clear()
        menu.addSection(_("Order and profile fields"))
        for spec in STANDARD_FIELDS.values():
            self._add_insert_action(menu, spec.display_label, spec.name)
        own = []
        for name in self.field_model.names():
            if FIELD_NAME.match(name) and name not in STANDARD_FIELDS and name not in own:
                own.append(name)
        if own:
            menu.addSection(_("This template's fields"))
            labels = {spec.name: spec.display_label for spec in self._declared_specs()}
            for name in own:
                self._add_insert_action(menu, labels.get(name, name), name)
        filters = menu.addMenu(_("Fi&lters"))
        for title, snippet in FILTER_SNIPPETS:
            action = filters.addAction(f"{_escape_mnemonic(_(title))}\t{snippet}")
            action.setData(snippet)
            action.triggered.connect(partial(self.insert_text, snippet))

    def _add_insert_action(self, menu: QMenu, label: str, name: str) -> None:
        snippet = f"{{{{ {name} }}}}"
        action = menu.addAction(f"{_escape_mnemonic(label)}\t{name}")
        action.setData(snippet)
        # Translators: {snippet} is what is inserted in the body, e.g. "{{ client_name }}".
        action.setToolTip(_("Insert {snippet}").format(snippet=snippet))
        action.triggered.connect(partial(self.insert_text, snippet))

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_field_button.setEnabled(bool(self._selected_rows()))

    def _selected_rows(self) -> list[int]:
        selection = self.field_view.selectionModel()
        return sorted({index.row() for index in selection.selectedIndexes()})

    def _add_field(self) -> None:
        taken = set(self.field_model.names())
        number = 1
        while f"field_{number}" in taken:
            number += 1
        index = self.field_model.add_field(f"field_{number}")
        self._edit_cell(index)
        self.fields_note.clear()

    def _edit_cell(self, index: QModelIndex) -> None:
        self.field_view.setFocus()
        self.field_view.setCurrentIndex(index)
        self.field_view.scrollTo(index)
        self.field_view.edit(index)

    def _remove_fields(self) -> None:
        rows = self._selected_rows()
        self.field_model.remove_rows(rows)
        self._update_buttons()
        self.fields_note.clear()

    def _add_used_fields(self) -> None:
        body = self.body_edit.toPlainText()
        try:
            used = used_variables(body)
        except ReplydeskError as problem:
            self.fields_note.setText(_("Fix the body first ({problem}).").format(problem=problem))
            return
        declared = set(self.field_model.names())
        new = [name for name in used if name not in STANDARD_FIELDS and name not in declared]
        for name in new:
            self.field_model.add_field(name)
        if new:
            # Translators: {names} lists the field names just added, e.g. "deadline, price".
            self.fields_note.setText(_("Added: {names}").format(names=", ".join(new)))
        else:
            self.fields_note.setText(_("Every field the body uses is already known."))


def _select(combo: QComboBox, key: str, label: str) -> None:
    position = combo.findData(key)
    if position < 0:
        combo.addItem(label, key)
        position = combo.count() - 1
    combo.setCurrentIndex(position)


def _find(combo: QComboBox, text: str) -> str | None:
    """The key of the item whose label or key is `text` (ignoring case)."""
    folded = text.casefold()
    for position in range(combo.count()):
        key = str(combo.itemData(position))
        if combo.itemText(position).casefold() == folded or key.casefold() == folded:
            return key
    return None


def _readable_specs(fields: list[dict[str, Any]]) -> list[FieldSpec]:
    specs: list[FieldSpec] = []
    for item in fields:
        try:
            spec = FieldSpec.from_dict(item)
        except LibraryFileError:
            continue
        if all(spec.name != other.name for other in specs):
            specs.append(spec)
    return specs


def _escape_mnemonic(text: str) -> str:
    return text.replace("&", "&&")


def _copy_name(name: str) -> str:
    """The name of a copy of the template named `name`."""
    # Translators: the name given to a copy of a template; {name} is the original's name.
    return _("{name} (copy)").format(name=name)


def _part_names(parts: Sequence[str]) -> str:
    """Parts of a template (PARTS: "name", "body"…) as a list a person reads."""
    names = {
        "name": pgettext("template part", "name"),
        "kind": pgettext("template part", "kind"),
        "language": pgettext("template part", "language"),
        "body": pgettext("template part", "body"),
        "fields": pgettext("template part", "fields"),
        "tags": pgettext("template part", "tags"),
    }
    return ", ".join(names.get(part, part) for part in parts)


def _gone_since_opened(name: str, gone: str) -> str:
    """The question's text for a template `gone` ("deleted", "moved to the trash")."""
    if gone == "deleted":
        text = _("“{name}” was deleted elsewhere since you opened it")
    elif gone == "moved to the trash":
        text = _("“{name}” was moved to the trash elsewhere since you opened it")
    else:
        # Translators: {gone} says what became of the template, e.g. "deleted".
        text = _("“{name}” was {gone} elsewhere since you opened it")
    return text.format(name=name, gone=gone)


__all__ = ["ChangedElsewhereDialog", "TemplateEditor", "ask_discard"]
