"""Every view in every language, at its default size and at its minimum size: no label,
button, choice, column title, tab or group box title is cut (Slovak and Hungarian words
are long).

What is checked is the layout only: a non-wrapping label and a button are at least as wide
as their text needs (their size hint) and not cut by an edge of a widget they sit in; a
wrapping label is as tall as its lines; a combo box has room for the choice it shows; a
column is as wide as its title; a tab bar elides no tab; a group box's title fits its box.
A text that is data (a template's name, an order's title, a path) is cut with "…" on
purpose, its whole text in the tooltip (ElidedLabel, ElidedComboBox): that is left out,
except a combo box's own texts ("All kinds"). Window titles are the window manager's.

Each view is built once per language and checked at both sizes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionGroupBox,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from replydesk.core import backups, i18n
from replydesk.core.bundle import export_file, read_bundle
from replydesk.core.catalog import Catalog
from replydesk.core.library import sync_builtin
from replydesk.core.merge import plan_import
from replydesk.core.models import TemplateData
from replydesk.core.store import TemplateStore
from replydesk.ui.labels import ElidedComboBox, ElidedLabel, WrappingLabel
from replydesk.ui.language import apply_language

W = TypeVar("W", bound=QWidget)

LANGUAGES = sorted(i18n.LANGUAGES)


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    apply_language(i18n.SOURCE_LANGUAGE)


# -- the checks --------------------------------------------------------------------------


def _where(widget: QWidget) -> str:
    """A widget as a message names it: its class, its name and its text."""
    text = ""
    if isinstance(widget, QLabel | QAbstractButton):
        text = widget.text()
    elif isinstance(widget, QGroupBox):
        text = widget.title()
    elif isinstance(widget, QComboBox):
        text = widget.currentText()
    name = widget.objectName()
    return f"{type(widget).__name__}{f' #{name}' if name else ''} {text!r}"


def _cut_by_an_edge(widget: QWidget, top: QWidget) -> QWidget | None:
    """The widget that `widget` sits in whose left or right edge cuts it, if any."""
    left = widget.mapTo(top, QPoint(0, 0)).x()
    right = left + widget.width()
    parent = widget.parentWidget()
    while parent is not None:
        origin = 0 if parent is top else parent.mapTo(top, QPoint(0, 0)).x()
        if left < origin or right > origin + parent.width():
            return parent
        if parent is top or parent.isWindow():
            return None
        parent = parent.parentWidget()
    return None


def _title_rect(box: QGroupBox) -> QRect:
    """Where the style draws a group box's title."""
    option = QStyleOptionGroupBox()
    option.initFrom(box)
    option.text = box.title()
    option.lineWidth = 1
    option.midLineWidth = 0
    option.textAlignment = box.alignment()
    option.subControls = QStyle.SubControl.SC_GroupBoxFrame | QStyle.SubControl.SC_GroupBoxLabel
    if box.isCheckable():
        option.subControls |= QStyle.SubControl.SC_GroupBoxCheckBox
    return box.style().subControlRect(
        QStyle.ComplexControl.CC_GroupBox, option, QStyle.SubControl.SC_GroupBoxLabel, box
    )


def _combo_room(combo: QComboBox) -> tuple[int, int]:
    """The width a combo box has for its shown text, and the width that text needs."""
    option = QStyleOptionComboBox()
    option.initFrom(combo)
    option.editable = combo.isEditable()
    option.currentText = combo.currentText()
    option.currentIcon = combo.itemIcon(combo.currentIndex())
    option.iconSize = combo.iconSize()
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    icon_room = 0 if option.currentIcon.isNull() else combo.iconSize().width() + 4
    needed = combo.fontMetrics().horizontalAdvance(combo.currentText())
    return field.width() - 2 - icon_room, needed


def _shown_widgets(top: QWidget, kind: type[W]) -> list[W]:
    """The visible `kind` widgets of `top`, less a line edit's clear button and a tab
    bar's scroll arrows (icons, no text)."""
    return [
        widget
        for widget in top.findChildren(kind)
        if widget.isVisible() and not isinstance(widget.parentWidget(), QLineEdit | QTabBar)
    ]


def clipped(top: QWidget) -> list[str]:
    """What is cut in `top` as it is laid out now, one line each (none: nothing is)."""
    problems: list[str] = []

    def cut(widget: QWidget, how: str) -> None:
        problems.append(f"{_where(widget)}: {how}")

    labels = [
        label
        for label in _shown_widgets(top, QLabel)
        if label.text() and not isinstance(label, ElidedLabel)  # elided on purpose: data
    ]
    for label in labels:
        if label.wordWrap():
            lines = label.heightForWidth(label.width())
            if label.height() < lines:
                cut(label, f"{label.height()} px tall, its lines need {lines}")
            continue
        hint = label.sizeHint()
        if label.width() < hint.width():
            cut(label, f"{label.width()} px wide, its text needs {hint.width()}")
        elif label.height() < label.minimumSizeHint().height():
            cut(label, f"{label.height()} px tall, its text needs {hint.height()}")
    buttons = _shown_widgets(top, QAbstractButton)
    for button in buttons:
        if button.width() < button.sizeHint().width():
            cut(button, f"{button.width()} px wide, its text needs {button.sizeHint().width()}")
    for widget in [*labels, *buttons]:
        edge = _cut_by_an_edge(widget, top)
        if edge is not None:
            cut(widget, f"cut by the edge of {_where(edge)}")
    for combo in _shown_widgets(top, QComboBox):
        if combo.isEditable() or not combo.currentText():
            continue
        if isinstance(combo, ElidedComboBox) and combo.currentText() not in combo.whole_texts():
            continue  # data, cut with "…" on purpose
        room, needed = _combo_room(combo)
        if room < needed:
            cut(combo, f"{room} px for its text, which needs {needed}")
    for bar in _shown_widgets(top, QTabBar):
        for index in range(bar.count()):
            has, needed = bar.tabRect(index).width(), bar.tabSizeHint(index).width()
            if has < needed:
                cut(bar, f"tab {bar.tabText(index)!r} is {has} px, it needs {needed}")
    for table in _shown_widgets(top, QTableView):
        header = table.horizontalHeader()
        if not header.isVisible():
            continue
        for section in range(header.count()):
            if header.isSectionHidden(section):
                continue
            width = header.sectionSize(section)
            wanted = header.sectionSizeFromContents(section).width()
            if width < wanted:
                title = header.model().headerData(section, Qt.Orientation.Horizontal)
                cut(table, f"column {title!r} is {width} px, its title needs {wanted}")
    for box in _shown_widgets(top, QGroupBox):
        if not box.title():
            continue
        title = _title_rect(box)
        needed = box.fontMetrics().horizontalAdvance(box.title().replace("&", ""))
        if title.width() < needed or title.left() < 0 or title.right() >= box.width():
            cut(box, f"its title needs {needed} px, the box is {box.width()}")
    return problems


def settle(top: QWidget) -> None:
    """Let every layout of `top` do the work it has been asked for (a form rebuilt, a text
    changed): what is checked is what the user sees once the window is drawn."""
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()
        layout = top.layout()
        if layout is not None:
            layout.activate()


def smallest(top: QWidget) -> QSize:
    """The size the user can make `top` no smaller than."""
    settle(top)
    return top.minimumSizeHint().expandedTo(top.minimumSize())


def _has_size(top: QWidget, size: QSize) -> bool:
    return top.size() == size


def resize_to_smallest(qtbot: QtBot, top: QWidget) -> QSize:
    """Resize `top` to its minimum, again while laying it out there asks for more."""
    size = smallest(top)
    for _ in range(5):
        top.resize(size)
        qtbot.waitUntil(partial(_has_size, top, QSize(size)), timeout=5000)
        settle(top)
        again = smallest(top)
        if again == size:
            break
        size = again
    return size


def _size(size: QSize) -> str:
    return f"{size.width()}×{size.height()}"


# -- the views ---------------------------------------------------------------------------

TEMPLATE_KIND = "negative_review_reply"  # asks for two fields of its own: a form to show


def shown(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@dataclass
class Scene:
    """What a view is built from: the store (the built-in library, a profile and Anna's
    order), the language, a folder of its own, and what to close afterwards."""

    qtbot: QtBot
    store: TemplateStore
    code: str
    folder: Path
    to_close: list[Callable[[], object]] = field(default_factory=list)

    def template_id(self) -> str:
        """A built-in template in the window's language that asks for fields of its own."""
        rows = self.store.list_templates(kind=TEMPLATE_KIND, language=self.code)
        return (rows or self.store.list_templates(kind=TEMPLATE_KIND, language="en"))[0].id

    def shown(self, widget: QWidget) -> QWidget:
        return shown(self.qtbot, widget)

    def catalog(self) -> Catalog:
        opened = Catalog(self.store.path)
        self.to_close.append(opened.close)
        return opened


def _main_window(scene: Scene) -> QWidget:
    """The window with a template selected: the order bar, its fill form and preview."""
    from replydesk.ui.main_window import MainWindow
    from replydesk.ui.settings import window_settings

    window = MainWindow(window_settings())
    scene.shown(window)
    window.set_catalog(scene.catalog())
    window.set_store(scene.store)
    scene.to_close.append(window.close)
    model = window.templates.model()
    listed = [model.summary_at(row) for row in range(model.rowCount())]
    ours = [summary for summary in listed if summary.kind == TEMPLATE_KIND]
    assert ours, f"no {TEMPLATE_KIND} template is listed"
    template_id = next((s.id for s in ours if s.language == scene.code), ours[0].id)
    if window.template_id != template_id:
        with scene.qtbot.waitSignal(window.templates.currentTemplateChanged, timeout=10_000):
            assert window.templates.select(template_id)
    assert window.form.editors(), "the fill form shows the template's fields"
    assert window.preview.isVisible()
    return window


def _recovery_page(scene: Scene) -> QWidget:
    """The window after a damaged database was moved aside, with a backup to restore."""
    from replydesk.core.backups import list_backups
    from replydesk.ui.main_window import MainWindow
    from replydesk.ui.settings import window_settings

    backups.make_backup(scene.store.path, scene.store.backup_dir, "manual")
    newest = list_backups(scene.store.backup_dir)[0]
    window = MainWindow(window_settings())
    moved = scene.store.path.with_name("replydesk.sqlite3.damaged-20261203-144800")
    window.show_recovery("file is not a database", moved, newest)
    return scene.shown(window)


def _editor(scene: Scene) -> QWidget:
    from replydesk.ui.editor import TemplateEditor

    return scene.shown(TemplateEditor(scene.store, scene.template_id()))


def _import(scene: Scene) -> QWidget:
    """A teammate's file with a conflict, an update, a new and an identical template."""
    from replydesk.ui.import_dialog import ImportDialog

    store = scene.store
    theirs = TemplateStore(scene.folder / "theirs.db", scene.folder / "backups")
    try:
        sync_builtin(theirs)
        conflict, update, identical = (
            store.list_templates(kind=kind, language="en")[0].id
            for kind in ("refund_offer", "greeting", "delivery")
        )
        body = store.get_template(conflict).body
        store.update_template(conflict, body=body + "\n\nP.S. Mine.")
        theirs.update_template(conflict, body=body + "\n\nP.S. Theirs.")
        theirs.update_template(update, body=theirs.get_template(update).body + "\n\nBye!")
        new = theirs.create_template(
            TemplateData(name="Portfolio link", kind="greeting", language="en", body="Hi")
        )
        file = scene.folder / "from-dana.replydesk"
        export_file(theirs, file, ids=[conflict, update, identical, new.id])
    finally:
        theirs.close()
    return scene.shown(ImportDialog(store, plan_import(store, read_bundle(file))))


def _export(scene: Scene) -> QWidget:
    from replydesk.ui.export_dialog import ExportDialog

    return scene.shown(ExportDialog(scene.store, scene.template_id()))


def _trash(scene: Scene) -> QWidget:
    """Three templates in the trash, the first selected (its buttons enabled)."""
    from replydesk.ui.trash_dialog import TrashDialog

    for row in scene.store.list_templates(language=scene.code)[:3]:
        scene.store.delete_template(row.id)
    dialog = TrashDialog(scene.store)
    dialog.list_view().setCurrentIndex(dialog.model().index(0, 0))
    assert dialog.selected_ids()
    return scene.shown(dialog)


def _join(scene: Scene) -> QWidget:
    """A German template of the user's choosing the built-in reply it joins."""
    from replydesk.core.models import TemplateData
    from replydesk.ui.join_dialog import JoinReplyDialog

    german = scene.store.create_template(
        TemplateData(name="Danke für die Bewertung", kind="review_thanks", language="de",
                     body="Danke!\n")
    )  # fmt: skip
    catalog = scene.catalog()
    summary = catalog.summary(german.id)
    assert summary is not None
    return scene.shown(JoinReplyDialog(scene.store, catalog, summary))


def _restore(scene: Scene) -> QWidget:
    from replydesk.core.backups import list_backups
    from replydesk.ui.backup_dialog import RestoreDialog

    store = scene.store
    backups.make_backup(store.path, store.backup_dir, "manual")
    return scene.shown(RestoreDialog(list_backups(store.backup_dir), store.backup_dir))


def _palette(scene: Scene) -> QWidget:
    from replydesk.ui.palette import QuickPalette

    palette = QuickPalette(scene.store, scene.catalog())
    scene.qtbot.addWidget(palette)
    scene.to_close.append(palette.hide)
    palette.open_palette()
    scene.qtbot.waitExposed(palette)
    return palette


def _palette_form(scene: Scene) -> QWidget:
    """The palette asking for the two fields of the template picked from the tray."""
    from replydesk.ui.palette import QuickPalette

    palette = _palette(scene)
    assert isinstance(palette, QuickPalette)
    palette.hide()
    palette.open_palette(scene.template_id())
    scene.qtbot.waitExposed(palette)
    assert palette.form_shown()
    return palette


BUILDERS: dict[str, Callable[[Scene], QWidget]] = {
    "main window": _main_window,
    "recovery page": _recovery_page,
    "editor": _editor,
    "import": _import,
    "export": _export,
    "trash": _trash,
    "join a reply": _join,
    "restore": _restore,
    "palette": _palette,
    "palette form": _palette_form,
}


@pytest.mark.parametrize("view", sorted(BUILDERS))
@pytest.mark.parametrize("code", LANGUAGES)
def test_nothing_is_cut_at_the_default_and_the_minimum_size(
    qtbot: QtBot, store_with_order: TemplateStore, tmp_path: Path, code: str, view: str
) -> None:
    apply_language(code)
    scene = Scene(qtbot, store_with_order, code, tmp_path)
    try:
        top = BUILDERS[view](scene)
        settle(top)
        default = top.size()
        problems = [f"{code} {view} at {_size(default)}: {problem}" for problem in clipped(top)]
        small = resize_to_smallest(qtbot, top)
        problems += [f"{code} {view} at {_size(small)} (its minimum): {p}" for p in clipped(top)]
        assert not problems, "\n".join(problems)
    finally:
        for close in reversed(scene.to_close):
            close()


# -- the checks themselves -----------------------------------------------------------------


def _row(*widgets: QWidget) -> QWidget:
    window = QWidget()
    row = QHBoxLayout(window)
    for widget in widgets:
        row.addWidget(widget)
    return window


def test_each_check_sees_what_is_cut(qtbot: QtBot) -> None:
    """A label, a button, a combo box, a column title, a tab and a group box title made too
    narrow are each reported, once; a wrapped label, an elided one and an empty one are
    not, nor a data choice cut with "…"."""
    label = QLabel("Sablonszerkesztő beállításai")
    button = QPushButton("Elérhetőségek módosítása")
    combo = QComboBox()
    combo.addItem("Minden nyelv és típus")
    tabs = QTabBar()
    tabs.addTab("Részletes beállítások")
    tabs.setElideMode(Qt.TextElideMode.ElideRight)
    tabs.setUsesScrollButtons(False)
    table = QTableView()
    model = QStandardItemModel(1, 1, table)
    model.setHorizontalHeaderLabels(["Alapértelmezett érték"])
    table.setModel(model)
    box = QGroupBox("Exportálandó sablonok kiválasztása")
    QVBoxLayout(box).addWidget(QLabel("x"))
    wrapped = QLabel("Hosszú magyarázó szöveg, amely több sorba törik. " * 3)
    wrapped.setWordWrap(True)
    elided = ElidedLabel("Ügyfél-elégedettségi kérdőív — nagyon hosszú sablonnév")
    data = ElidedComboBox()
    data.addItem("Ügyfél-elégedettségi kérdőív — nagyon hosszú")
    window = _row(label, button, combo, tabs, table, box, wrapped, elided, data, QLabel())
    window.resize(2400, 300)
    shown(qtbot, window)
    settle(window)
    table.setColumnWidth(0, table.horizontalHeader().sectionSizeFromContents(0).width())
    assert clipped(window) == []

    for widget in (label, button, combo, tabs, box, elided, data):
        widget.setFixedWidth(40)
    table.setColumnWidth(0, 30)
    settle(window)
    problems = clipped(window)
    for text in (
        "QLabel 'Sablonszerkesztő beállításai': 40 px wide",
        "QPushButton 'Elérhetőségek módosítása': 40 px wide",
        "QComboBox 'Minden nyelv és típus': ",
        "QTabBar '': tab 'Részletes beállítások' is ",
        "QTableView '': column 'Alapértelmezett érték' is 30 px",
        "QGroupBox 'Exportálandó sablonok kiválasztása': its title needs",
    ):
        assert [problem for problem in problems if problem.startswith(text)], (text, problems)
    assert len(problems) == 6, problems


def test_a_choice_the_app_names_is_not_cut_either(qtbot: QtBot) -> None:
    combo = ElidedComboBox()
    combo.addItem("Minden nyelv és típus")
    combo.addItem("Ügyfél-elégedettségi kérdőív — nagyon hosszú")
    combo.keep_whole("Minden nyelv és típus")
    window = _row(combo)
    shown(qtbot, window)
    settle(window)
    assert clipped(window) == []
    combo.setFixedWidth(40)
    settle(window)
    assert [p for p in clipped(window) if p.startswith("ElidedComboBox 'Minden nyelv")]
    combo.setCurrentIndex(1)
    assert clipped(window) == []


def test_a_label_cut_by_the_edge_of_its_panel_is_seen(qtbot: QtBot) -> None:
    """A label as wide as its text but put where its panel ends is cut all the same."""
    window = QWidget()
    window.resize(300, 100)
    panel = QWidget(window)
    panel.setGeometry(0, 0, 120, 60)
    label = QLabel("Részletes beállítások", panel)
    label.resize(label.sizeHint())
    label.move(60, 10)
    shown(qtbot, window)
    assert clipped(window) == ["QLabel 'Részletes beállítások': cut by the edge of QWidget ''"]


def test_a_wrapped_label_without_the_height_of_its_lines_is_seen(qtbot: QtBot) -> None:
    window = QWidget()
    window.resize(300, 200)
    label = QLabel("Hosszú magyarázó szöveg, amely több sorba törik. " * 4, window)
    label.setWordWrap(True)
    label.setGeometry(0, 0, 200, label.fontMetrics().height())
    shown(qtbot, window)
    (problem,) = clipped(window)
    assert problem.startswith("QLabel 'Hosszú") and "its lines need" in problem


# -- data is cut, never the window widened ------------------------------------------------

LONG_NAME = "ÜGYFÉL-ELÉGEDETTSÉGI KÉRDŐÍV A KÉSVE LESZÁLLÍTOTT LOGÓTERVEZÉSI MEGRENDELÉSEKHEZ " * 2


@pytest.mark.parametrize("view", ["main window", "export", "palette form"])
def test_a_long_template_name_is_cut_with_an_ellipsis_not_widening_the_view(
    qtbot: QtBot, store_with_order: TemplateStore, tmp_path: Path, view: str
) -> None:
    apply_language("hu")
    for row in store_with_order.list_templates(kind=TEMPLATE_KIND):
        store_with_order.update_template(row.id, name=f"{LONG_NAME}{row.language}")
    scene = Scene(qtbot, store_with_order, "hu", tmp_path)
    try:
        top = BUILDERS[view](scene)
        settle(top)
        metrics = top.fontMetrics()
        assert smallest(top).width() < metrics.horizontalAdvance(LONG_NAME)
        assert top.width() < metrics.horizontalAdvance(LONG_NAME)
        widgets: list[QLabel | QAbstractButton] = [
            *top.findChildren(QLabel),
            *top.findChildren(QAbstractButton),
        ]
        texts = [
            (widget.text(), widget.toolTip())
            for widget in widgets
            if widget.isVisible() and LONG_NAME[:20] in widget.text()
        ]
        assert texts, "the name is shown"
        for text, tooltip in texts:
            assert text.endswith(("…", "…:")) and LONG_NAME[:40] in tooltip, (text, tooltip)
        resize_to_smallest(qtbot, top)
        assert clipped(top) == []
    finally:
        for close in reversed(scene.to_close):
            close()


def test_the_backups_folder_is_cut_in_its_middle_in_a_narrow_dialog(
    qtbot: QtBot, store: TemplateStore, tmp_path: Path
) -> None:
    from replydesk.ui.backup_dialog import RestoreDialog

    folder = tmp_path / ("nagyon-hosszu-mappanev-" * 8) / "backups"
    dialog = shown(qtbot, RestoreDialog([], folder))
    settle(dialog)
    (where,) = [label for label in dialog.findChildren(ElidedLabel) if label.isVisible()]
    assert where.full_text().endswith(str(folder)) and where.toolTip() == where.full_text()
    resize_to_smallest(qtbot, dialog)
    assert where.text().endswith("backups") and "…" in where.text()
    assert where.width() < where.fontMetrics().horizontalAdvance(str(folder))
    assert clipped(dialog) == []


def test_a_wrapped_label_keeps_the_height_of_its_lines_when_narrowed(qtbot: QtBot) -> None:
    window = QWidget()
    layout = QVBoxLayout(window)
    label = WrappingLabel("Hosszú magyarázó szöveg, amely több sorba törik. " * 4)
    layout.addWidget(label)
    layout.addStretch(1)
    shown(qtbot, window)
    for width in (600, 300, 150):
        window.resize(width, 10)  # as short as the window may be
        settle(window)
        assert label.height() >= label.heightForWidth(label.width()) > 0
    assert clipped(window) == []
