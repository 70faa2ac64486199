"""The template editor's layout: its widgets, labels, mnemonics, tab order and sizes.

Layout only: nothing here reads the store or the core, fills a list or reacts to an
edit. TemplateEditor (ui/editor.py) fills these widgets and gives them their behaviour.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from replydesk.core.i18n import _, pgettext

SAVE_KEYS = QKeySequence.StandardKey.Save


def _labelled(text: str, buddy: QWidget, accessible: str) -> QLabel:
    """A label whose mnemonic moves the focus to `buddy`, which gets its accessible name."""
    label = QLabel(text)
    label.setBuddy(buddy)
    buddy.setAccessibleName(accessible)
    return label


def _editable_combo(tip: str) -> QComboBox:
    """A combo box one can also type a new entry into (the typed text is not listed)."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setToolTip(tip)
    return combo


def _panel(head: QLayout, main: QWidget, *below: QWidget | QLayout) -> QWidget:
    """A margin-less column: a heading row, `main` taking the spare height, then `below`."""
    panel = QWidget()
    box = QVBoxLayout(panel)
    box.setContentsMargins(0, 0, 0, 0)
    box.addLayout(head)
    box.addWidget(main, 1)
    for part in below:
        if isinstance(part, QLayout):
            box.addLayout(part)
        else:
            box.addWidget(part)
    return panel


def _heading(label: QLabel, *trailing: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(label)
    row.addStretch(1)
    for widget in trailing:
        row.addWidget(widget)
    return row


def _splitter(orientation: Qt.Orientation, first: QWidget, second: QWidget) -> QSplitter:
    """Two panes sharing the space 3:2; neither can be squeezed away."""
    split = QSplitter(orientation)
    split.setChildrenCollapsible(False)
    split.addWidget(first)
    split.addWidget(second)
    split.setStretchFactor(0, 3)
    split.setStretchFactor(1, 2)
    return split


class EditorView(QDialog):
    """The editor dialog's widgets, laid out: details on top, body and preview side by
    side, the template's fields below them, the problem line and the buttons at the end.

    The kind and language lists, the insert menu and the field table's model are empty
    until TemplateEditor fills them.

    The view imports nothing from the core but the catalogue of its texts (`core.i18n`).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateEditor")
        self.setSizeGripEnabled(True)
        self.resize(1000, 700)
        self.setMinimumSize(720, 520)
        # Built in reading order, which is also the order Tab follows.
        details = self._build_details()
        top = _splitter(
            Qt.Orientation.Horizontal, self._build_body_panel(), self._build_preview_panel()
        )
        top.setSizes([580, 400])
        split = _splitter(Qt.Orientation.Vertical, top, self._build_fields_panel())
        split.setSizes([400, 220])
        layout = QVBoxLayout(self)
        layout.addLayout(details)
        layout.addWidget(split, 1)
        layout.addLayout(self._build_bottom())
        self._set_tab_order()

    # -- the parts, top to bottom ---------------------------------------------------------

    def _build_details(self) -> QGridLayout:
        """Name and favorite on the first row; kind, language and tags on the second."""
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(_("e.g. Greeting — new order"))
        self.kind_combo = _editable_combo(_("What the reply is for; type a new kind to add one"))
        self.language_combo = _editable_combo(
            _(
                "The reply's language (dates, money and plurals follow it); "
                "type a code such as de for another one"
            )
        )
        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText(_("comma-separated, e.g. greeting, new order"))
        self.favorite_check = QCheckBox(_("F&avorite"))
        self.favorite_check.setToolTip(_("Favorites are listed first"))
        self.favorite_check.setAccessibleName(_("Favorite"))
        form = QGridLayout()
        form.setHorizontalSpacing(8)
        form.addWidget(_labelled(_("&Name:"), self.name_edit, _("Template name")), 0, 0)
        form.addWidget(self.name_edit, 0, 1, 1, 3)
        form.addWidget(self.favorite_check, 0, 4, 1, 2, Qt.AlignmentFlag.AlignLeft)
        form.addWidget(_labelled(_("&Kind:"), self.kind_combo, pgettext("template", "Kind")), 1, 0)
        form.addWidget(self.kind_combo, 1, 1)
        form.addWidget(
            _labelled(_("&Language:"), self.language_combo, pgettext("template", "Language")), 1, 2
        )
        form.addWidget(self.language_combo, 1, 3)
        form.addWidget(_labelled(_("&Tags:"), self.tags_edit, pgettext("template", "Tags")), 1, 4)
        form.addWidget(self.tags_edit, 1, 5)
        for combo in (self.kind_combo, self.language_combo):
            edit = combo.lineEdit()
            if edit is not None:
                edit.setAccessibleName(combo.accessibleName())
        for column, stretch in ((1, 3), (3, 2), (5, 3)):
            form.setColumnStretch(column, stretch)
        return form

    def _build_body_panel(self) -> QWidget:
        """The body, with the insert menu's button above it and its status line below."""
        self.body_edit = QPlainTextEdit()
        self.body_edit.setObjectName("body")
        self.body_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.body_edit.setTabChangesFocus(True)  # a reply needs no tabs; keyboard users can leave
        self.body_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.body_edit.setAccessibleDescription(
            _(
                "The reply text: {{ name }} inserts a field, "
                "{% if name %} … {% endif %} makes a part optional"
            )
        )
        self.body_edit.setToolTip(_("Jinja2 template text. Tab moves to the next input."))
        body_label = _labelled(_("&Body:"), self.body_edit, _("Template body"))
        self.insert_button = QToolButton()
        self.insert_button.setText(_("&Insert field"))
        self.insert_button.setToolTip(_("Insert a field or a filter at the cursor"))
        self.insert_button.setAccessibleName(_("Insert field"))
        self.insert_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.insert_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.insert_menu = QMenu(self.insert_button)
        self.insert_button.setMenu(self.insert_menu)
        self.status_label = QLabel()
        self.status_label.setObjectName("bodyStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(_("Body status"))
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head = _heading(body_label, self.insert_button)
        return _panel(head, self.body_edit, self.status_label)

    def _build_preview_panel(self) -> QWidget:
        """The read-only preview, its text area level with the body's."""
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("preview")
        self.preview.setReadOnly(True)
        self.preview.setTabChangesFocus(True)
        label = _labelled(
            _("Pre&view (example values):"), self.preview, _("Preview with example values")
        )
        # As tall as the body's header row (with its button), so both text areas line up.
        label.setMinimumHeight(self.insert_button.sizeHint().height())
        return _panel(_heading(label), self.preview)

    def _build_fields_panel(self) -> QWidget:
        """The template's own fields: the table, then its buttons and a note beside them."""
        self._build_field_table()
        label = _labelled(
            _("&Fields this template asks for (besides order and profile fields):"),
            self.field_view,
            _("Template fields"),
        )
        self.add_field_button = QPushButton(_("A&dd field"))
        self.add_field_button.setToolTip(_("Add a field and type its name"))
        self.remove_field_button = QPushButton(pgettext("fields", "&Remove"))
        self.remove_field_button.setToolTip(_("Remove the selected fields"))
        self.add_used_button = QPushButton(_("Add fields &used in the body"))
        self.add_used_button.setToolTip(
            _(
                "Declare, as text fields, the names the body uses that are neither declared "
                "nor order or profile fields"
            )
        )
        self.fields_note = QLabel()
        self.fields_note.setObjectName("fieldsNote")
        self.fields_note.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_field_button, self.remove_field_button, self.add_used_button):
            button.setAutoDefault(False)  # Enter anywhere saves; these need a deliberate click
            buttons.addWidget(button)
        buttons.addWidget(self.fields_note, 1)
        return _panel(_heading(label), self.field_view, buttons)

    def _build_field_table(self) -> None:
        """A row-selecting table whose cells open for typing; its model is set later."""
        self.field_view = QTableView()
        self.field_view.setObjectName("fieldTable")
        self.field_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.field_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.field_view.setTabKeyNavigation(False)  # Tab leaves the table, as everywhere else
        self.field_view.setAlternatingRowColors(True)
        self.field_view.setWordWrap(False)
        self.field_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.field_view.verticalHeader().setDefaultSectionSize(
            self.field_view.fontMetrics().height() + 10
        )

    def _build_bottom(self) -> QHBoxLayout:
        """The problem (or note) line, then Save and Cancel."""
        self.problem_label = QLabel()
        self.problem_label.setObjectName("problem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName(_("Problem"))
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.problem_label.hide()
        self.save_button = QPushButton(_("&Save"))
        self.save_button.setDefault(True)
        keys = QKeySequence(SAVE_KEYS).toString(QKeySequence.SequenceFormat.NativeText)
        # Translators: {keys} is the keyboard shortcut, e.g. Ctrl+S.
        self.save_button.setToolTip(_("Save ({keys})").format(keys=keys))
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setToolTip(_("Close without saving (Esc)"))
        self.button_box = QDialogButtonBox()
        self.button_box.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.button_box.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        bottom = QHBoxLayout()
        bottom.addWidget(self.problem_label, 1)
        bottom.addWidget(self.button_box)
        return bottom

    def tab_order(self) -> list[QWidget]:
        """The inputs in the order Tab visits them (reading order); Save and Cancel come
        after them, in the order the platform's button box lays them out."""
        return [
            self.name_edit,
            self.favorite_check,
            self.kind_combo,
            self.language_combo,
            self.tags_edit,
            self.insert_button,
            self.body_edit,
            self.preview,
            self.field_view,
            self.add_field_button,
            self.remove_field_button,
            self.add_used_button,
        ]

    def _set_tab_order(self) -> None:
        # Save and Cancel are left to the button box: setting their order here as well
        # would trap Tab between the two.
        for first, second in itertools.pairwise(self.tab_order()):
            QWidget.setTabOrder(first, second)


__all__ = ["SAVE_KEYS", "EditorView"]
