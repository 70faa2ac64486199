"""EditorView: the editor's layout alone, driven from the keyboard; and the split's limits."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from replydesk.ui import editor, editor_view
from replydesk.ui.editor_view import EditorView

MAX_STATEMENTS = 50


@pytest.fixture
def view(qtbot: QtBot) -> EditorView:
    shown = EditorView()
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    return shown


def test_tab_visits_the_inputs_in_reading_order_then_the_buttons_and_round(
    qtbot: QtBot, view: EditorView
) -> None:
    view.name_edit.setFocus()
    visited: list[QWidget] = []
    for _ in range(len(view.tab_order()) + 2):
        widget = QApplication.focusWidget()
        assert widget is not None
        visited.append(_owner(widget, view))
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert visited[:-2] == view.tab_order()
    assert set(visited[-2:]) == {view.save_button, view.cancel_button}
    # From the last button, Tab goes round to the top (it used to bounce between the two).
    last = QApplication.focusWidget()
    assert last is not None and _owner(last, view) is view.name_edit


def _owner(widget: QWidget, view: EditorView) -> QWidget:
    """The listed input a focused child (a combo box's line edit) belongs to."""
    for listed in view.tab_order():
        if widget is listed or listed.isAncestorOf(widget):
            return listed
    return widget


@pytest.mark.parametrize(
    ("key", "target"),
    [
        (Qt.Key.Key_N, "name_edit"),
        (Qt.Key.Key_K, "kind_combo"),
        (Qt.Key.Key_L, "language_combo"),
        (Qt.Key.Key_T, "tags_edit"),
        (Qt.Key.Key_B, "body_edit"),
        (Qt.Key.Key_V, "preview"),
        (Qt.Key.Key_F, "field_view"),
    ],
)
def test_each_label_mnemonic_takes_the_focus_to_its_input(
    qtbot: QtBot, view: EditorView, key: Qt.Key, target: str
) -> None:
    view.cancel_button.setFocus()
    qtbot.keyClick(view.cancel_button, key, Qt.KeyboardModifier.AltModifier)
    wanted = getattr(view, target)
    focused = QApplication.focusWidget()
    assert focused is wanted or wanted.isAncestorOf(focused)


def test_every_input_has_a_name_for_screen_readers(view: EditorView) -> None:
    unnamed = [
        widget.objectName() or type(widget).__name__
        for widget in [*view.tab_order(), view.save_button, view.cancel_button]
        if not widget.accessibleName() and not getattr(widget, "text", str)()
    ]
    assert unnamed == []
    buddies = [label.buddy() for label in view.findChildren(QLabel) if label.buddy() is not None]
    for widget in (view.name_edit, view.kind_combo, view.language_combo, view.tags_edit):
        assert widget in buddies


def test_the_view_holds_no_data_of_its_own(view: EditorView) -> None:
    """Lists, menu and table stay empty until the editor fills them."""
    assert view.kind_combo.count() == 0
    assert view.language_combo.count() == 0
    assert view.insert_menu.isEmpty()
    assert view.field_view.model() is None
    assert view.problem_label.isHidden()
    assert view.save_button.isDefault()


def test_the_view_module_imports_nothing_from_the_core_but_its_texts_catalogue() -> None:
    """Layout only: no behaviour of the core; its texts come from the one catalogue that
    every module's texts come from (core.i18n, which needs only core.shipped)."""
    tree = ast.parse(Path(editor_view.__file__).read_text(encoding="utf-8"))
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert {name for name in imported if name and name.startswith("replydesk")} == {
        "replydesk.core.i18n"
    }
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, replydesk.ui.editor_view; "
            "print(sorted(m for m in sys.modules if m.startswith('replydesk.core')))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert (
        loaded.stdout.strip()
        == "['replydesk.core', 'replydesk.core.i18n', 'replydesk.core.shipped']"
    )


@pytest.mark.parametrize("module", [editor_view, editor], ids=lambda m: m.__name__)
def test_no_method_is_longer_than_fifty_statements(module: object) -> None:
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    too_long = {
        node.name: count
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (count := sum(isinstance(inner, ast.stmt) for inner in ast.walk(node)) - 1)
        > MAX_STATEMENTS
    }
    assert too_long == {}
