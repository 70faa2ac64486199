"""Export templates to send to a teammate: what to export, in which form, where."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
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
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from replydesk.core.errors import ReplydeskError
from replydesk.ui.labels import kind_label, language_label

if TYPE_CHECKING:
    from replydesk.core.store import TemplateStore


def choose_target(parent: QWidget, folder: bool) -> Path | None:
    """Ask where to write; replaceable in tests."""
    if folder:
        chosen = QFileDialog.getExistingDirectory(parent, "Export to a folder", str(Path.home()))
    else:
        chosen, _ = QFileDialog.getSaveFileName(
            parent,
            "Export templates",
            str(Path.home() / "templates.replydesk"),
            "Replydesk templates (*.replydesk)",
        )
        if chosen and not chosen.endswith(".replydesk"):
            chosen += ".replydesk"
    return Path(chosen) if chosen else None


class ExportDialog(QDialog):
    """Everything, this template, one kind or one language; a file or a folder."""

    exported = Signal(str)  # a sentence for the status bar

    def __init__(
        self, store: TemplateStore, template_id: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.template_id = template_id
        self.setWindowTitle("Export templates")

        what = QGroupBox("What to export")
        grid = QGridLayout(what)
        self.scope = QButtonGroup(self)
        self.everything = QRadioButton(f"&Everything ({store.count_templates()} templates)")
        self.this_one = QRadioButton("&This template")
        self.by_kind = QRadioButton("All of one &kind:")
        self.by_language = QRadioButton("All in one &language:")
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("Kind to export")
        for kind in store.kinds():
            self.kind_combo.addItem(kind_label(kind), kind)
        self.language_combo = QComboBox()
        self.language_combo.setAccessibleName("Language to export")
        for language in store.languages():
            self.language_combo.addItem(language_label(language), language)
        if template_id:
            self.this_one.setText(f"&This template: {store.get_template(template_id).name}")
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

        form = QGroupBox("As")
        form_layout = QVBoxLayout(form)
        self.as_file = QRadioButton("One .replydesk &file (to send to a teammate)")
        self.as_folder = QRadioButton("A f&older of template files (for a git repository)")
        self.as_file.setChecked(True)
        form_layout.addWidget(self.as_file)
        form_layout.addWidget(self.as_folder)
        self.with_orders = QCheckBox("Include my &orders and profile")
        self.with_orders.setToolTip("Off by default: orders hold your clients' details.")
        form_layout.addWidget(self.with_orders)
        self.as_folder.toggled.connect(lambda on: self.with_orders.setEnabled(not on))

        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #d64545;")
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("E&xport…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

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
        from replydesk.core.bundle import export_file, export_folder

        folder = self.as_folder.isChecked()
        target = choose_target(self, folder)
        if target is None:
            return
        try:
            if folder:
                count = export_folder(self.store, target, **self.filters())
            else:
                count = export_file(
                    self.store, target, with_orders=self.with_orders.isChecked(), **self.filters()
                )
        except (ReplydeskError, OSError) as error:
            self.problem.setText(f"Not exported: {error}")
            self.problem.show()
            return
        noun = "template" if count == 1 else "templates"
        self.exported.emit(f"Exported {count} {noun} to {target}")
        self.accept()
