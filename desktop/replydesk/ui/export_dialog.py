"""Export templates to send to a teammate: what to export, in which form, where.

The export is written off the GUI thread (ui.tasks.BackgroundTask), with a progress bar
and Cancel; cancelled, the target is left as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from replydesk.core import bundle, display
from replydesk.core.errors import ReplydeskError
from replydesk.core.i18n import _, ngettext, pgettext
from replydesk.core.progress import Cancelled, Progress
from replydesk.ui.labels import kind_label, language_label
from replydesk.ui.style import problem_label
from replydesk.ui.tasks import BackgroundTask

if TYPE_CHECKING:
    from replydesk.core.store import TemplateStore

NAME_LIMIT = 120
"""A template's name in the "This template" choice, at most, in characters."""


def choose_target(parent: QWidget, folder: bool) -> Path | None:
    """Ask where to write; replaceable in tests."""
    if folder:
        chosen = QFileDialog.getExistingDirectory(parent, _("Export to a folder"), str(Path.home()))
    else:
        # The file pattern stays as it is; only its description is translated.
        file_type = _("Replydesk templates")
        chosen, _file_type = QFileDialog.getSaveFileName(
            parent,
            _("Export templates"),
            str(Path.home() / "templates.replydesk"),
            f"{file_type} (*.replydesk)",
        )
        if chosen and not chosen.endswith(".replydesk"):
            chosen += ".replydesk"
    return Path(chosen) if chosen else None


def exported_text(count: int, target: Path) -> str:
    """The status bar's sentence after an export."""
    # Translators: the status bar after an export; {target} is the file or folder written.
    return ngettext(
        "Exported {count} template to {target}", "Exported {count} templates to {target}", count
    ).format(count=count, target=display.one_line(str(target)))


class ExportDialog(QDialog):
    """Everything, this template, one kind or one language; a file or a folder."""

    exported = Signal(str)  # a sentence for the status bar

    def __init__(
        self, store: TemplateStore, template_id: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.template_id = template_id
        self._task: BackgroundTask | None = None
        self.setWindowTitle(_("Export templates"))
        self._template_name = ""
        self.what = self._build_scope()
        self.form = self._build_form()
        self._show_template_name()
        self.problem = problem_label(self)
        self.problem.setAccessibleName(_("Export problem"))
        self.progress_label = QLabel(self)
        self.progress_label.setWordWrap(True)
        self.progress_label.hide()
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setAccessibleName(_("How much of the export is done"))
        self.progress_bar.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.what)
        layout.addWidget(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self._build_buttons())

    # -- the parts, top to bottom ---------------------------------------------------------

    def _build_scope(self) -> QGroupBox:
        """Everything, this template, all of one kind or all in one language."""
        store = self.store
        what = QGroupBox(_("What to export"), self)
        grid = QGridLayout(what)
        self.scope = QButtonGroup(self)
        total = store.count_templates()
        self.everything = QRadioButton(
            ngettext(
                "&Everything ({count} template)", "&Everything ({count} templates)", total
            ).format(count=total)
        )
        self.this_one = QRadioButton(_("&This template"))
        self.by_kind = QRadioButton(_("All of one &kind:"))
        self.by_language = QRadioButton(_("All in one &language:"))
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(_("Kind to export"))
        for kind in store.kinds():
            self.kind_combo.addItem(display.one_line(kind_label(kind), NAME_LIMIT), kind)
        self.language_combo = QComboBox()
        self.language_combo.setAccessibleName(_("Language to export"))
        for language in store.languages():
            self.language_combo.addItem(language_label(language), language)
        if self.template_id:
            self._template_name = display.one_line(
                store.get_template(self.template_id).name, NAME_LIMIT
            )
            self.this_one.setChecked(True)
        else:
            self.this_one.setEnabled(False)
            self.everything.setChecked(True)
        for row, button in enumerate((self.everything, self.this_one)):
            grid.addWidget(button, row, 0, 1, 2)
        grid.addWidget(self.by_kind, 2, 0)
        grid.addWidget(self.kind_combo, 2, 1)
        grid.addWidget(self.by_language, 3, 0)
        grid.addWidget(self.language_combo, 3, 1)
        for button in (self.everything, self.this_one, self.by_kind, self.by_language):
            self.scope.addButton(button)
        return what

    def _build_form(self) -> QGroupBox:
        """One file or a folder of files; with or without orders."""
        # Translators: the title of the export's choice "One file" or "A folder of files".
        form = QGroupBox(pgettext("export form", "As"), self)
        box = QVBoxLayout(form)
        self.as_file = QRadioButton(_("One .replydesk &file (to send to a teammate)"))
        self.as_folder = QRadioButton(_("A f&older of template files (for a git repository)"))
        self.as_file.setChecked(True)
        self.with_orders = QCheckBox(_("Include my &orders and profile"))
        self.with_orders.setToolTip(_("Off by default: orders hold your clients' details."))
        self.as_folder.toggled.connect(lambda on: self.with_orders.setEnabled(not on))
        for widget in (self.as_file, self.as_folder, self.with_orders):
            box.addWidget(widget)
        return form

    def _show_template_name(self) -> None:
        """ "This template: {name}", the name cut with "…" (whole in the tooltip) where it
        would make the choice wider than the dialog's other choices: a name is data, and
        a long one never widens the dialog."""
        name = self._template_name
        if not name:
            return
        # Translators: {name} is the template's name.
        text = _("&This template: {name}")
        self.this_one.setText(text.format(name=""))
        grid = self.what.layout()
        spacing = grid.horizontalSpacing() if isinstance(grid, QGridLayout) else 0
        rows = [
            button.sizeHint().width() + spacing + combo.sizeHint().width()
            for button, combo in (
                (self.by_kind, self.kind_combo),
                (self.by_language, self.language_combo),
            )
        ]
        others = (self.everything, self.as_file, self.as_folder, self.with_orders)
        room = max(*rows, *(button.sizeHint().width() for button in others))
        room -= self.this_one.sizeHint().width()
        metrics = self.this_one.fontMetrics()
        room = max(room, metrics.averageCharWidth() * 12)
        shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, room)
        self.this_one.setText(text.format(name=shown.replace("&", "&&")))
        self.this_one.setToolTip(name if shown != name else "")

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = buttons.addButton(
            _("E&xport…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setDefault(True)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel is not None
        self.cancel_button: QPushButton = cancel
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        return buttons

    # -- exporting ------------------------------------------------------------------------

    def filters(self) -> dict[str, Any]:
        """The export filters the choices stand for."""
        if self.this_one.isChecked() and self.template_id:
            return {"ids": [self.template_id]}
        if self.by_kind.isChecked():
            return {"kind": self.kind_combo.currentData()}
        if self.by_language.isChecked():
            return {"language": self.language_combo.currentData()}
        return {}

    def export(self) -> None:
        """Ask where, then write off the GUI thread; the dialog closes when it is written."""
        if self.is_exporting():
            return
        folder = self.as_folder.isChecked()
        target = choose_target(self, folder)
        if target is None:
            return
        store, filters = self.store, self.filters()
        if not folder:
            filters["with_orders"] = self.with_orders.isChecked()

        def work(progress: Progress) -> int:
            if folder:
                return bundle.export_folder(store, target, progress=progress, **filters)
            return bundle.export_file(store, target, progress=progress, **filters)

        # A child of the dialog: the task (and its relay from the worker thread) lives as
        # long as the dialog, never freed while its own signal is being delivered.
        task = BackgroundTask(_("Exporting…"), work, self)
        task.progressed.connect(self._progressed)
        task.done.connect(lambda count: self._exported(count, target))
        task.failed.connect(self._not_exported)
        self._task = task
        self._show_exporting(True)
        task.start()

    def is_exporting(self) -> bool:
        return self._task is not None and self._task.is_running()

    def reject(self) -> None:
        """Cancel, Esc or closing: while exporting, it stops the export first (the target
        is left as it was) and the dialog stays open to say so."""
        if self._task is not None and self._task.is_running():
            self._task.cancel()
            self.cancel_button.setEnabled(False)
            self._note(_("Cancelling…"))
            return
        super().reject()

    def _show_exporting(self, exporting: bool) -> None:
        for widget in (self.what, self.form, self.export_button):
            widget.setEnabled(not exporting)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setToolTip(_("Stop the export: nothing is written") if exporting else "")
        self.progress_bar.setVisible(exporting)
        self.progress_bar.setRange(0, 0)  # busy until the first step says how far
        self.problem.hide()
        self._note("")

    def _progressed(self, done: int, total: int, what: str) -> None:
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))
        if what:
            self.progress_bar.setFormat(f"{what} %p%" if total > 0 else what)

    def _note(self, text: str) -> None:
        self.progress_label.setText(text)
        self.progress_label.setVisible(bool(text))

    def _exported(self, count: int, target: Path) -> None:
        self._show_exporting(False)
        self.exported.emit(exported_text(count, target))
        self.accept()

    def _not_exported(self, error: object) -> None:
        self._show_exporting(False)
        if isinstance(error, Cancelled):
            self._note(str(error))
        elif isinstance(error, ReplydeskError | OSError):
            # Translators: {error} is the reason, a sentence.
            self.problem.setText(_("Not exported: {error}").format(error=error))
            self.problem.show()
        else:  # a bug: the excepthook's calm sentence and the log's traceback
            raise error if isinstance(error, BaseException) else RuntimeError(error)


__all__ = ["ExportDialog", "choose_target", "exported_text"]
