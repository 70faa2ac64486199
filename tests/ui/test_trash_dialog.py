"""The trash: restore a template, delete one forever, empty it, each asked first."""

from __future__ import annotations

from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from replydesk.core import library
from replydesk.core.errors import NotFoundError
from replydesk.core.store import TemplateStore
from replydesk.ui import confirm as confirm_module
from replydesk.ui.trash_dialog import TrashDialog

W = TypeVar("W", bound=QWidget)


def named(parent: QWidget, kind: type[W], accessible_name: str) -> W:
    """The visible child a screen reader would announce as `accessible_name`."""
    for widget in parent.findChildren(kind):
        if widget.accessibleName() == accessible_name:
            return widget
    raise AssertionError(f"no {kind.__name__} named {accessible_name!r}")


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isEnabled(), f"{button.text()!r} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


DELETED = ["Away notice", "Delivery — work is ready", "Refund or free revision"]


@pytest.fixture
def trashed(library_store: TemplateStore) -> dict[str, str]:
    """Three templates moved to the trash, by name; the last one deleted is listed first."""
    ids = {}
    for name in DELETED:
        ids[name] = library_store.find_template(name).id
        library_store.delete_template(ids[name])
    return ids


@pytest.fixture
def trash(qtbot: QtBot, library_store: TemplateStore, trashed: dict[str, str]) -> TrashDialog:
    dialog = TrashDialog(library_store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def button(dialog: QWidget, name: str) -> QPushButton:
    return named(dialog, QPushButton, name)


def click_row(qtbot: QtBot, dialog: TrashDialog, name: str) -> None:
    view = dialog.list_view()
    model = dialog.model()
    row = next(r for r in range(model.rowCount()) if model.summary_at(r).name == name)
    point = view.visualRect(model.index(row, 0)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert dialog.selected_ids() == [model.summary_at(row).id]


def listed_names(dialog: TrashDialog) -> list[str]:
    return [summary.name for summary in dialog.model().summaries()]


def empty_state(dialog: TrashDialog) -> QLabel:
    label = dialog.findChild(QLabel, "emptyState")
    assert label is not None
    return label


def never_asked(*_args: object) -> bool:
    raise AssertionError("nothing should be asked")


def test_the_trash_lists_deleted_templates_and_enables_what_applies(
    trash: TrashDialog, qtbot: QtBot
) -> None:
    assert sorted(listed_names(trash)) == sorted(DELETED)
    assert trash.list_view().accessibleName() == "Deleted templates"
    assert not empty_state(trash).isVisible()
    for name in ("Restore", "Delete forever", "Empty trash"):
        assert button(trash, name).isEnabled()
    trash.list_view().clearSelection()
    assert not button(trash, "Restore").isEnabled()
    assert not button(trash, "Delete forever").isEnabled()
    assert button(trash, "Empty trash").isEnabled()


def test_select_picks_one_template_in_the_trash(
    trash: TrashDialog, trashed: dict[str, str]
) -> None:
    assert trash.select(trashed["Away notice"])
    assert trash.selected_ids() == [trashed["Away notice"]]
    assert not trash.select("no-such-id")
    assert trash.selected_ids() == [trashed["Away notice"]]


def test_restore_puts_a_template_back(
    trash: TrashDialog, qtbot: QtBot, library_store: TemplateStore, trashed: dict[str, str]
) -> None:
    click_row(qtbot, trash, "Refund or free revision")
    refund = trashed["Refund or free revision"]
    with (
        qtbot.waitSignal(trash.restored, timeout=10_000) as restored,
        qtbot.waitSignal(trash.changed, timeout=10_000),
    ):
        click(qtbot, button(trash, "Restore"))
    assert restored.args == [refund]
    assert "Refund or free revision" not in listed_names(trash)
    assert len(listed_names(trash)) == 2
    assert refund in [row.id for row in library_store.list_templates()]
    assert refund not in [row.id for row in library_store.list_trash()]


def test_delete_forever_asks_first(
    trash: TrashDialog,
    qtbot: QtBot,
    library_store: TemplateStore,
    trashed: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    questions: list[str] = []

    def say_no(_parent: object, _title: str, text: str) -> bool:
        questions.append(text)
        return False

    monkeypatch.setattr(confirm_module, "confirm", say_no)
    click_row(qtbot, trash, "Away notice")
    with qtbot.assertNotEmitted(trash.changed):
        click(qtbot, button(trash, "Delete forever"))
    assert "Away notice" in questions[0]
    assert len(listed_names(trash)) == 3

    monkeypatch.setattr(confirm_module, "confirm", lambda *_args: True)
    with qtbot.waitSignal(trash.changed, timeout=10_000):
        click(qtbot, button(trash, "Delete forever"))
    assert "Away notice" not in listed_names(trash)
    with pytest.raises(NotFoundError):
        library_store.get_template(trashed["Away notice"])
    assert len(library_store.list_trash()) == 2


def test_the_delete_key_in_the_list_deletes_forever(
    trash: TrashDialog, qtbot: QtBot, library_store: TemplateStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(confirm_module, "confirm", lambda *_args: True)
    click_row(qtbot, trash, "Away notice")
    qtbot.keyClick(trash.list_view(), Qt.Key.Key_Delete)
    assert "Away notice" not in listed_names(trash)
    assert len(library_store.list_trash()) == 2


def test_empty_trash_deletes_everything_after_asking(
    trash: TrashDialog, qtbot: QtBot, library_store: TemplateStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(confirm_module, "confirm", lambda *_args: False)
    click(qtbot, button(trash, "Empty trash"))
    assert len(library_store.list_trash()) == 3

    monkeypatch.setattr(confirm_module, "confirm", lambda *_args: True)
    with qtbot.waitSignal(trash.changed, timeout=10_000):
        click(qtbot, button(trash, "Empty trash"))
    assert library_store.list_trash() == []
    assert listed_names(trash) == []
    assert empty_state(trash).isVisible()
    assert empty_state(trash).text() == "The trash is empty."
    for name in ("Restore", "Delete forever", "Empty trash"):
        assert not button(trash, name).isEnabled()
    assert library_store.count_templates() == len(library.KINDS) * len(library.LANGUAGES) - 3


def test_an_empty_trash_says_so(
    qtbot: QtBot, store: TemplateStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(confirm_module, "confirm", never_asked)
    dialog = TrashDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert empty_state(dialog).isVisible()
    assert not button(dialog, "Empty trash").isEnabled()
    assert not button(dialog, "Restore").isEnabled()
