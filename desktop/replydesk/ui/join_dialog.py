"""Make a template a variant of another reply: choose the reply, searched as you type."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from replydesk.core.catalog import Catalog, TemplateSummary
from replydesk.core.errors import ReplydeskError
from replydesk.core.i18n import _
from replydesk.core.store import TemplateStore
from replydesk.core.variants import family_key
from replydesk.ui.labels import WrappingLabel, language_label
from replydesk.ui.style import problem_label
from replydesk.ui.template_list import EmptyStateLabel, TemplateItemDelegate, TemplateListModel


class JoinReplyDialog(QDialog):
    """Choose the reply that template `template_id` becomes the variant of, among those
    without a variant in its language; the store writes it when the user confirms."""

    joined = Signal(str)  # the template id, once it is a variant of the chosen reply

    def __init__(
        self,
        store: TemplateStore,
        catalog: Catalog,
        template: TemplateSummary,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._catalog = catalog
        self._template = template
        language = language_label(template.language)
        # Translators: the title of the dialog that makes a template another reply's variant.
        self.setWindowTitle(_("Make a variant of another reply"))

        intro = WrappingLabel(
            _(
                "“{name}” becomes the reply’s variant for clients in {language}. "
                "Replies that already have one in {language} are not listed."
            ).format(name=template.name, language=language),
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Search replies"))
        self.search.setAccessibleName(_("Search replies"))
        self.search.setClearButtonEnabled(True)
        self.model = TemplateListModel(parent=self)
        self.list_view = QListView(self)
        self.list_view.setModel(self.model)
        self.list_view.setItemDelegate(TemplateItemDelegate(self.list_view))
        self.list_view.setUniformItemSizes(True)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_view.setAccessibleName(_("Replies"))
        self._empty = EmptyStateLabel(self.list_view)
        self._problem = problem_label(self)
        self._problem.setAccessibleName(_("Problem"))

        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.join_button = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        # Translators: the button that makes the template a variant of the chosen reply.
        self.join_button.setText(_("&Make it a variant"))
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.search)
        layout.addWidget(self.list_view, 1)
        layout.addWidget(self._problem)
        layout.addWidget(self._buttons)
        self.resize(480, 420)

        self.search.textChanged.connect(self._refresh)
        self.list_view.activated.connect(self._activated)
        self.list_view.selectionModel().currentChanged.connect(self._update_button)
        self.search.installEventFilter(self)
        self._refresh()

    def chosen(self) -> TemplateSummary | None:
        """The reply selected in the list (one of its variants)."""
        index = self.list_view.selectionModel().currentIndex()
        return self.model.summary_at(index.row()) if index.isValid() else None

    def _refresh(self) -> None:
        text = self.search.text().strip()
        try:
            replies = self._catalog.replies_without(
                self._template.language, text or None, family_key(self._template)
            )
            problem = None
        except ReplydeskError as error:
            replies, problem = [], str(error)
        self.model.set_summaries(replies)
        if replies:
            self.list_view.selectionModel().setCurrentIndex(
                self.model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        elif problem is None:
            problem_free = (
                _("No reply without a variant in {language} matches “{search}”.")
                if text
                else _("Every reply already has a variant in {language}.")
            )
            language = language_label(self._template.language)
            self._empty.setText(problem_free.format(language=language, search=text))
        else:
            self._empty.setText(problem)
        self._empty.setVisible(not replies)
        self._update_button()

    def _update_button(self) -> None:
        self.join_button.setEnabled(self.chosen() is not None)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the search box move through the list, as in the window."""
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
            row = self.list_view.currentIndex().row()
            row += 1 if event.key() == Qt.Key.Key_Down else -1
            if 0 <= row < self.model.rowCount():
                self.list_view.setCurrentIndex(self.model.index(row, 0))
            return True
        return super().eventFilter(watched, event)

    def accept(self) -> None:
        """Make the template a variant of the chosen reply; on a refusal say why and stay."""
        reply = self.chosen()
        if reply is None:
            return
        try:
            self._store.join_reply(self._template.id, reply.id)
        except ReplydeskError as error:
            self._problem.setText(str(error))
            self._problem.show()
            return
        self.joined.emit(self._template.id)
        super().accept()


__all__ = ["JoinReplyDialog"]
