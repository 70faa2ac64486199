"""The trash: templates moved there, restored or deleted forever."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from replydesk.core.catalog import TemplateSummary
from replydesk.core.errors import ReplydeskError
from replydesk.core.i18n import _, ngettext
from replydesk.core.models import TemplateRow
from replydesk.core.store import TemplateStore
from replydesk.ui import confirm
from replydesk.ui.icons import icon
from replydesk.ui.style import problem_label
from replydesk.ui.template_list import EmptyStateLabel, TemplateItemDelegate, TemplateListModel


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
        self.setWindowTitle(_("Trash"))

        self._model = TemplateListModel(parent=self)
        self._view = self._list_view()
        self._empty = EmptyStateLabel(self._view, _("The trash is empty."))

        self._icons: list[tuple[QPushButton, str]] = []
        self._restore = self._button(_("&Restore"), "restore", _("Put the selected templates back"))
        self._purge = self._button(
            # Translators: "(Delete)" is the Delete key, which does the same.
            _("&Delete forever"),
            "delete",
            _("Delete the selected templates for good (Delete)"),
        )
        self._empty_trash = self._button(
            _("&Empty trash"), "trash", _("Delete every template in the trash for good")
        )
        self._restore.setDefault(True)
        self._restore.clicked.connect(self.restore_selected)
        self._purge.clicked.connect(self.purge_selected)
        self._empty_trash.clicked.connect(self.empty)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self._view)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.purge_selected)

        self._problem = problem_label(self)
        self._problem.setAccessibleName(_("Problem"))

        actions = QHBoxLayout()
        actions.addWidget(self._restore)
        actions.addWidget(self._purge)
        actions.addStretch(1)
        actions.addWidget(self._empty_trash)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(
            _hint_label(_("Deleted templates stay here until you delete them forever."), self)
        )
        layout.addWidget(self._view, 1)
        layout.addLayout(actions)
        layout.addWidget(self._problem)
        layout.addWidget(close)
        self.resize(480, 420)
        self.reload()

    def _list_view(self) -> QListView:
        view = QListView(self)
        view.setModel(self._model)
        view.setItemDelegate(TemplateItemDelegate(view))
        view.setUniformItemSizes(True)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setAccessibleName(_("Deleted templates"))
        view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        return view

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
            # Translators: {name} is the template's name.
            question = _("Delete “{name}” forever?\nThis cannot be undone.").format(name=name)
        else:
            # Translators: asked for two templates or more (the singular is for languages
            # whose plural rules use it for other numbers, such as 21).
            question = ngettext(
                "Delete this {count} template forever?\nThis cannot be undone.",
                "Delete these {count} templates forever?\nThis cannot be undone.",
                len(ids),
            ).format(count=len(ids))
        if not confirm.confirm(self, _("Delete forever"), question):
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
        # Translators: emptying the trash; the singular is for one template in it (a form
        # a language also uses for other numbers may name {count}).
        question = ngettext(
            "Delete the template in the trash forever?\nThis cannot be undone.",
            "Delete all {count} templates in the trash forever?\nThis cannot be undone.",
            count,
        ).format(count=count)
        if not confirm.confirm(self, _("Empty trash"), question):
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


def _hint_label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


__all__ = ["TrashDialog"]
