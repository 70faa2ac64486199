"""TemplateEditor: new, edit and duplicate, used the way a person would."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLineEdit, QMessageBox

from replydesk.core.fields import FieldType
from replydesk.core.store import TemplateStore
from replydesk.ui import editor as editor_module
from replydesk.ui.editor import ChangedElsewhereDialog, TemplateEditor
from replydesk.ui.field_table import FieldTableModel

GREETING = "Greeting — new order"


@pytest.fixture
def open_editor(qtbot) -> Callable[..., TemplateEditor]:
    def opener(store: TemplateStore, *args, **kwargs) -> TemplateEditor:
        dialog = TemplateEditor(store, *args, **kwargs)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        return dialog

    return opener


REAL_ASK_DISCARD = editor_module.ask_discard


class Answers:
    """Stands in for the "unsaved changes" question: gives `reply`, records each time asked.

    Every test gets one: a real message box would wait forever for a click, also when
    qtbot closes a dialog with edits at the end of a test.
    """

    def __init__(self) -> None:
        self.reply = "discard"
        self.asked: list[str] = []

    def __call__(self, parent: object) -> str:
        self.asked.append(self.reply)
        return self.reply


@pytest.fixture(autouse=True)
def answers(monkeypatch) -> Answers:
    fake = Answers()
    monkeypatch.setattr(editor_module, "ask_discard", fake)
    return fake


def greeting(store: TemplateStore):
    return store.find_template(GREETING)


def retype(qtbot, widget: QLineEdit, text: str) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def press_ctrl_s(qtbot, dialog: TemplateEditor) -> None:
    qtbot.keyClick(
        dialog.focusWidget() or dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
    )


def test_edit_a_builtin_template_and_save_with_ctrl_s(qtbot, library_store, open_editor):
    before = greeting(library_store)
    dialog = open_editor(library_store, before.id)
    assert dialog.name_edit.text() == GREETING
    assert dialog.kind_combo.currentText() == "Greeting"
    assert dialog.language_combo.currentText() == "English"
    assert dialog.body_edit.toPlainText() == before.body
    assert not dialog.is_modified()

    retype(qtbot, dialog.name_edit, "Hello for new orders")
    assert dialog.is_modified()
    emitted: list[str] = []
    dialog.saved.connect(emitted.append)
    with qtbot.waitSignal(dialog.saved) as saved:
        press_ctrl_s(qtbot, dialog)
    assert len(emitted) == 1  # saved once, not by the shortcut and the key press both

    after = library_store.get_template(before.id)
    assert saved.args == [before.id]
    assert after.name == "Hello for new orders"
    assert after.revision == before.revision + 1
    assert after.body == before.body
    assert after.fields == before.fields
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.isVisible()


def test_ctrl_s_saves_a_dialog_that_is_not_the_active_window(qtbot, library_store):
    before = greeting(library_store)
    dialog = TemplateEditor(library_store, before.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.name_edit.setText("Renamed")
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert library_store.get_template(before.id).name == "Renamed"


def test_favorite_alone_is_not_an_edit(qtbot, library_store, open_editor):
    before = greeting(library_store)
    dialog = open_editor(library_store, before.id)
    qtbot.mouseClick(dialog.favorite_check, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    after = library_store.get_template(before.id)
    assert after.favorite is True
    assert after.revision == before.revision  # the stored text and fields came back unchanged


def test_new_template_from_defaults_is_saved_with_its_fields(qtbot, store, open_editor):
    dialog = open_editor(store, defaults={"language": "ru", "kind": "away_notice"})
    assert dialog.windowTitle().startswith("New template")
    assert dialog.language_combo.currentText() == "Русский"
    assert dialog.kind_combo.currentText() == "Away notice"
    assert "{{ client_name }}" in dialog.body_edit.toPlainText()  # a starting point
    assert dialog.focusWidget() is dialog.name_edit

    qtbot.keyClicks(dialog.name_edit, "Away until Monday")
    qtbot.keyClicks(dialog.tags_edit, "away, holiday,  away")
    dialog.body_edit.setPlainText(
        "Привет, {{ client_name }}! Вернусь {{ back_on|date('long') }}. {{ reason }}"
    )
    qtbot.mouseClick(dialog.add_used_button, Qt.MouseButton.LeftButton)
    model = dialog.field_model
    assert model.names() == ["back_on", "reason"]
    model.setData(model.index(0, FieldTableModel.TYPE), "date")

    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    row = store.get_template(saved.args[0])
    assert (row.name, row.kind, row.language) == ("Away until Monday", "away_notice", "ru")
    assert row.tags == ["away", "holiday"]
    assert row.fields == [{"name": "back_on", "type": "date"}, {"name": "reason", "type": "text"}]
    assert row.body.startswith("Привет")
    assert dialog.template_id == row.id


def test_a_typed_kind_and_language_code_are_kept(qtbot, store, open_editor):
    dialog = open_editor(store)
    qtbot.keyClicks(dialog.name_edit, "Follow-up")
    retype(qtbot, dialog.kind_combo.lineEdit(), "Follow up")
    retype(qtbot, dialog.language_combo.lineEdit(), "de")
    with qtbot.waitSignal(dialog.saved) as saved:
        press_ctrl_s(qtbot, dialog)
    row = store.get_template(saved.args[0])
    assert (row.kind, row.language) == ("follow_up", "de")


def test_duplicate_saves_a_second_template(qtbot, library_store, open_editor):
    original = greeting(library_store)
    count = library_store.count_templates()
    dialog = open_editor(library_store, original.id, duplicate=True)
    assert dialog.name_edit.text() == f"{GREETING} (copy)"
    assert dialog.template_id is None
    with qtbot.waitSignal(dialog.saved) as saved:
        press_ctrl_s(qtbot, dialog)

    assert library_store.count_templates() == count + 1
    copy = library_store.get_template(saved.args[0])
    assert copy.id != original.id
    assert copy.name == f"{GREETING} (copy)"
    assert (copy.body, copy.fields, copy.kind, copy.tags) == (
        original.body,
        original.fields,
        original.kind,
        original.tags,
    )
    unchanged = library_store.get_template(original.id)
    assert (unchanged.name, unchanged.revision) == (original.name, original.revision)


def test_a_syntax_error_shows_its_line_and_blocks_saving(
    qtbot, library_store, open_editor, answers
):
    before = greeting(library_store)
    dialog = open_editor(library_store, before.id)
    status = dialog.status_label.text()
    assert status.startswith("Fields: ")
    assert {"client_name", "order_id", "service"} <= set(
        status.removeprefix("Fields: ").split(", ")
    )
    dialog.body_edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(dialog.body_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.body_edit, "{% if extra %}See you")
    lines = dialog.body_edit.blockCount()

    qtbot.waitUntil(lambda: f"line {lines}" in dialog.status_label.text())
    assert "Cannot preview" in dialog.preview.toPlainText()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert dialog.problem_label.isVisible()
    assert f"line {lines}" in dialog.problem_label.text()
    assert dialog.body_edit.textCursor().blockNumber() == lines - 1  # taken to the line
    after = library_store.get_template(before.id)
    assert (after.body, after.revision) == (before.body, before.revision)
    assert answers.asked == []


def test_preview_renders_example_values(qtbot, library_store, open_editor):
    dialog = open_editor(library_store, greeting(library_store).id)
    assert dialog.preview.toPlainText().startswith("Hi Anna,")
    dialog.body_edit.setPlainText("Order {{ order_id }} for {{ extra_thing }}")
    qtbot.waitUntil(lambda: dialog.preview.toPlainText() == "Order FO81C2D3 for Extra thing")
    assert dialog.status_label.text() == "Fields: order_id, extra_thing"


def test_insert_field_puts_it_at_the_cursor(qtbot, store, open_editor):
    dialog = open_editor(store)
    dialog.body_edit.setPlainText("Hello , bye")
    dialog.body_edit.setFocus()
    qtbot.keyClick(dialog.body_edit, Qt.Key.Key_Home)
    for _ in range(len("Hello ")):
        qtbot.keyClick(dialog.body_edit, Qt.Key.Key_Right)

    menu = dialog.insert_button.menu()
    actions = {action.data(): action for action in menu.actions() if action.data()}
    assert "Client name" in actions["{{ client_name }}"].text()
    actions["{{ client_name }}"].trigger()

    assert dialog.body_edit.toPlainText() == "Hello {{ client_name }}, bye"
    assert dialog.body_edit.textCursor().position() == len("Hello {{ client_name }}")


def test_insert_menu_lists_declared_fields_and_filters(qtbot, store, open_editor):
    dialog = open_editor(store)
    dialog.body_edit.clear()
    dialog.field_model.add_field("extra_price")
    menu = dialog.insert_button.menu()
    assert "{{ extra_price }}" in [action.data() for action in menu.actions()]
    filters = next(a.menu() for a in menu.actions() if a.menu() is not None)
    snippets = [action.data() for action in filters.actions()]
    assert "{{ price|money }}" in snippets
    filters.actions()[snippets.index("{{ deadline|date('long') }}")].trigger()
    assert dialog.body_edit.toPlainText() == "{{ deadline|date('long') }}"


def test_add_a_field_with_the_button_and_pick_its_type(qtbot, store, open_editor):
    dialog = open_editor(store)
    qtbot.keyClicks(dialog.name_edit, "Extras")
    qtbot.mouseClick(dialog.add_field_button, Qt.MouseButton.LeftButton)
    # The new row's name is open for typing.
    name_editor = dialog.field_view.findChild(QLineEdit)
    assert name_editor is not None and name_editor.text() == "field_1"
    qtbot.keyClick(name_editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(name_editor, "rush_fee")
    qtbot.keyClick(name_editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.field_model.names() == ["rush_fee"])
    assert dialog.isVisible()  # Enter finished the cell; it did not press Save

    type_index = dialog.field_model.index(0, FieldTableModel.TYPE)
    dialog.field_view.setCurrentIndex(type_index)
    dialog.field_view.edit(type_index)
    combo = dialog.field_view.findChild(QComboBox)
    assert combo is not None
    combo.setCurrentIndex(combo.findText("money"))
    combo.activated.emit(combo.currentIndex())

    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert store.get_template(saved.args[0]).fields == [{"name": "rush_fee", "type": "money"}]


def test_remove_selected_fields(qtbot, library_store, open_editor):
    dialog = open_editor(library_store, greeting(library_store).id)
    assert dialog.field_model.names() == ["first_step"]
    assert not dialog.remove_field_button.isEnabled()
    dialog.field_view.selectRow(0)
    qtbot.mouseClick(dialog.remove_field_button, Qt.MouseButton.LeftButton)
    assert dialog.field_model.names() == []
    assert dialog.is_modified()


def test_a_bad_field_name_is_reported_on_save(qtbot, store, open_editor):
    dialog = open_editor(store)
    qtbot.keyClicks(dialog.name_edit, "Bad field")
    qtbot.mouseClick(dialog.add_field_button, Qt.MouseButton.LeftButton)
    name_editor = dialog.field_view.findChild(QLineEdit)
    qtbot.keyClick(name_editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(name_editor, "2 bad")
    press_ctrl_s(qtbot, dialog)  # while still typing in the cell

    assert dialog.isVisible()
    assert dialog.problem_label.isVisible()
    assert "row 1" in dialog.problem_label.text()
    assert "'2 bad' is not a valid identifier" in dialog.problem_label.text()
    assert store.count_templates() == 0


def test_an_empty_name_is_reported_on_save(qtbot, store, open_editor):
    dialog = open_editor(store)
    press_ctrl_s(qtbot, dialog)
    assert dialog.isVisible()
    assert "name" in dialog.problem_label.text()
    assert dialog.focusWidget() is dialog.name_edit
    assert store.count_templates() == 0


def test_escape_with_edits_and_cancel_keeps_the_dialog(qtbot, library_store, open_editor, answers):
    before = greeting(library_store)
    dialog = open_editor(library_store, before.id)
    retype(qtbot, dialog.name_edit, "Changed")
    answers.reply = "cancel"
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    assert answers.asked == ["cancel"]
    assert dialog.isVisible()
    assert dialog.name_edit.text() == "Changed"
    assert library_store.get_template(before.id).name == GREETING


def test_escape_with_edits_and_discard_closes_without_saving(
    qtbot, library_store, open_editor, answers
):
    before = greeting(library_store)
    dialog = open_editor(library_store, before.id)
    retype(qtbot, dialog.name_edit, "Changed")
    answers.reply = "discard"
    with qtbot.assertNotEmitted(dialog.saved):
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    assert answers.asked == ["discard"]
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    after = library_store.get_template(before.id)
    assert (after.name, after.revision) == (GREETING, before.revision)


def test_escape_with_edits_and_save_saves(qtbot, library_store, open_editor, answers):
    before = greeting(library_store)
    dialog = open_editor(library_store, before.id)
    retype(qtbot, dialog.name_edit, "Changed")
    answers.reply = "save"
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert library_store.get_template(before.id).name == "Changed"


def test_closing_the_window_with_edits_asks_too(qtbot, library_store, open_editor, answers):
    dialog = open_editor(library_store, greeting(library_store).id)
    dialog.body_edit.setPlainText("Short reply")
    answers.reply = "cancel"
    dialog.close()
    assert answers.asked == ["cancel"]
    assert dialog.isVisible()


def test_escape_without_edits_closes_without_asking(qtbot, library_store, open_editor, answers):
    dialog = open_editor(library_store, greeting(library_store).id)
    retype(qtbot, dialog.name_edit, "Changed")
    retype(qtbot, dialog.name_edit, GREETING[:8])
    dialog.name_edit.setText(GREETING)  # back to what was loaded
    assert not dialog.is_modified()
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    assert answers.asked == []
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_ask_discard_maps_the_message_box_buttons(qtbot, store, open_editor):
    dialog = open_editor(store)
    clicked: list[str] = []

    def click_discard() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        clicked.append(box.text())
        box.button(QMessageBox.StandardButton.Discard).click()

    QTimer.singleShot(0, click_discard)
    assert REAL_ASK_DISCARD(dialog) == "discard"
    assert clicked and "Save the changes" in clicked[0]


def test_field_type_values_offered_match_the_core(qtbot, store, open_editor):
    dialog = open_editor(store)
    dialog.field_model.add_field("x")
    index = dialog.field_model.index(0, FieldTableModel.TYPE)
    dialog.field_view.edit(index)
    combo = dialog.field_view.findChild(QComboBox)
    assert combo is not None
    assert [combo.itemText(i) for i in range(combo.count())] == [t.value for t in FieldType]


# -- a template changed or deleted elsewhere while it is open ------------------------------

REAL_ASK_CHANGED = ChangedElsewhereDialog.__dict__["ask"]


class Choices:
    """Stands in for ChangedElsewhereDialog.ask: gives `reply`, records what was asked."""

    def __init__(self) -> None:
        self.reply = "cancel"
        self.asked: list[tuple[str, tuple[str, ...], str | None]] = []

    def __call__(
        self, parent: object, name: str, parts: tuple[str, ...] = (), *, gone: str | None = None
    ) -> str:
        self.asked.append((name, tuple(parts), gone))
        return self.reply


@pytest.fixture(autouse=True)
def choices(monkeypatch) -> Choices:
    fake = Choices()
    monkeypatch.setattr(ChangedElsewhereDialog, "ask", fake)
    return fake


def elsewhere(store: TemplateStore, template_id: str, **parts) -> int:
    """Change the template through a second store on the same file, as another process
    (the command line, a second window) would; the revision it wrote."""
    with TemplateStore(store.path) as other:
        return other.update_template(template_id, **parts).revision


THEIR_BODY = "Hello {{ client_name }}, written elsewhere."
MY_BODY = "Hi {{ client_name }}, written in the editor."


def test_a_rename_in_the_editor_keeps_a_body_saved_elsewhere(
    qtbot, library_store, open_editor, choices
):
    before = greeting(library_store)
    dialog = open_editor(library_store, before.id)
    theirs = elsewhere(library_store, before.id, body=THEIR_BODY)
    retype(qtbot, dialog.name_edit, "Hello for new orders")

    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert choices.asked == []  # different parts: merged without a question
    after = library_store.get_template(before.id)
    assert saved.args == [before.id]
    assert (after.name, after.body) == ("Hello for new orders", THEIR_BODY)
    assert after.revision == theirs + 1
    assert (after.fields, after.tags, after.kind) == (before.fields, before.tags, before.kind)
    # The editor stays open with what is stored now, and says what happened.
    assert dialog.isVisible()
    assert dialog.problem_label.isVisible()
    assert "Merged with a change made elsewhere: body" in dialog.problem_label.text()
    assert dialog.body_edit.toPlainText() == THEIR_BODY
    assert dialog.name_edit.text() == "Hello for new orders"
    assert not dialog.is_modified()
    # A second save is over the merged revision: nothing more to merge, it closes.
    retype(qtbot, dialog.name_edit, "Hello again")
    with qtbot.waitSignal(dialog.saved):
        press_ctrl_s(qtbot, dialog)
    assert not dialog.isVisible()
    assert library_store.get_template(before.id).name == "Hello again"


def test_only_the_parts_changed_in_the_editor_are_written(
    qtbot, library_store, open_editor, choices
):
    before = greeting(library_store)
    dialog = open_editor(library_store, before.id)
    elsewhere(library_store, before.id, name="Renamed elsewhere", tags=["theirs"], language="de")
    retype(qtbot, dialog.tags_edit, "mine, tags")
    dialog.body_edit.setPlainText(MY_BODY)

    with qtbot.assertNotEmitted(dialog.saved):
        press_ctrl_s(qtbot, dialog)

    # Tags were changed on both sides (theirs ["theirs"], mine here): that one is asked.
    assert [asked[1] for asked in choices.asked] == [("tags",)]
    after = library_store.get_template(before.id)
    assert (after.body, after.tags) == (before.body, ["theirs"])  # cancel: nothing written

    choices.reply = "keep"
    with qtbot.waitSignal(dialog.saved):
        press_ctrl_s(qtbot, dialog)
    after = library_store.get_template(before.id)
    assert (after.name, after.language, after.tags, after.body) == (
        "Renamed elsewhere",
        "de",
        ["mine", "tags"],
        MY_BODY,
    )
    assert "Merged with a change made elsewhere: name, language" in dialog.problem_label.text()


@pytest.fixture
def both_changed_the_body(qtbot, library_store, open_editor):
    """The editor open on the greeting; the body changed elsewhere and in the editor."""
    before = greeting(library_store)
    dialog = open_editor(library_store, before.id)
    theirs = elsewhere(library_store, before.id, body=THEIR_BODY)
    dialog.body_edit.setPlainText(MY_BODY)
    return before, dialog, theirs


def test_the_same_part_changed_on_both_sides_asks(
    qtbot, library_store, both_changed_the_body, choices
):
    before, dialog, theirs = both_changed_the_body
    count = library_store.count_templates()
    with qtbot.assertNotEmitted(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert choices.asked == [(GREETING, ("body",), None)]
    # Cancel: back to the editor with my text, nothing written anywhere.
    assert dialog.isVisible()
    assert dialog.body_edit.toPlainText() == MY_BODY
    assert "changed elsewhere" in dialog.problem_label.text()
    after = library_store.get_template(before.id)
    assert (after.body, after.revision) == (THEIR_BODY, theirs)
    assert library_store.count_templates() == count


def test_reload_drops_mine_and_shows_theirs(qtbot, library_store, both_changed_the_body, choices):
    before, dialog, theirs = both_changed_the_body
    retype(qtbot, dialog.name_edit, "My name for it")
    choices.reply = "reload"
    with qtbot.assertNotEmitted(dialog.saved):
        press_ctrl_s(qtbot, dialog)

    after = library_store.get_template(before.id)
    assert (after.name, after.body, after.revision) == (GREETING, THEIR_BODY, theirs)
    assert dialog.isVisible()
    assert dialog.body_edit.toPlainText() == THEIR_BODY
    assert dialog.name_edit.text() == GREETING
    assert not dialog.is_modified()
    assert "Reloaded" in dialog.problem_label.text()
    # Editing on from their version saves over it without a question.
    dialog.body_edit.setPlainText(MY_BODY)
    with qtbot.waitSignal(dialog.saved):
        press_ctrl_s(qtbot, dialog)
    assert len(choices.asked) == 1
    assert library_store.get_template(before.id).body == MY_BODY


def test_keep_mine_writes_mine_over_theirs(qtbot, library_store, both_changed_the_body, choices):
    before, dialog, theirs = both_changed_the_body
    choices.reply = "keep"
    with qtbot.waitSignal(dialog.saved) as saved:
        press_ctrl_s(qtbot, dialog)

    assert saved.args == [before.id]
    after = library_store.get_template(before.id)
    assert (after.body, after.revision) == (MY_BODY, theirs + 1)
    assert not dialog.isVisible()  # nothing of theirs is left to show


def test_save_as_a_copy_keeps_theirs(qtbot, library_store, both_changed_the_body, choices):
    before, dialog, theirs = both_changed_the_body
    count = library_store.count_templates()
    choices.reply = "copy"
    with qtbot.waitSignal(dialog.saved) as saved:
        press_ctrl_s(qtbot, dialog)

    original = library_store.get_template(before.id)
    assert (original.body, original.revision) == (THEIR_BODY, theirs)
    copy = library_store.get_template(saved.args[0])
    assert copy.id != before.id
    assert (copy.name, copy.body) == (f"{GREETING} (copy)", MY_BODY)
    assert (copy.kind, copy.language, copy.fields) == (before.kind, before.language, before.fields)
    assert library_store.count_templates() == count + 1
    assert dialog.template_id == copy.id
    assert not dialog.isVisible()


@pytest.mark.parametrize("how", ["trash", "purge"])
def test_a_template_deleted_elsewhere_can_be_saved_as_a_copy(
    qtbot, library_store, open_editor, choices, how
):
    before = greeting(library_store)
    dialog = open_editor(library_store, before.id)
    with TemplateStore(library_store.path) as other:
        if how == "trash":
            other.delete_template(before.id)
        else:
            other.purge_template(before.id)
    dialog.body_edit.setPlainText(MY_BODY)
    gone = "moved to the trash" if how == "trash" else "deleted"

    press_ctrl_s(qtbot, dialog)  # cancel first: nothing written
    assert choices.asked == [(GREETING, (), gone)]
    assert dialog.isVisible()
    assert gone in dialog.problem_label.text()
    alive = {row.id for row in library_store.list_templates()}
    assert before.id not in alive

    choices.reply = "copy"
    with qtbot.waitSignal(dialog.saved) as saved:
        press_ctrl_s(qtbot, dialog)
    copy = library_store.get_template(saved.args[0])
    assert copy.id != before.id
    assert (copy.name, copy.body, copy.deleted_at) == (GREETING, MY_BODY, None)
    if how == "trash":
        trashed = library_store.get_template(before.id)  # theirs stays as it was
        assert trashed.body == before.body
        assert trashed.deleted_at is not None


def click_in_changed_elsewhere(qtbot, label: str | None, seen: list[str]) -> None:
    """Once the real question is up, click its button `label` (None: press Esc)."""
    tries = [0]

    def act() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, ChangedElsewhereDialog):
            tries[0] += 1
            if tries[0] < 500:
                QTimer.singleShot(10, act)
            return
        seen.append(box.text())
        seen.extend(button.text().replace("&", "") for button in box.buttons())
        if label is None:
            qtbot.keyClick(box, Qt.Key.Key_Escape)
            return
        button = next(b for b in box.buttons() if b.text().replace("&", "") == label)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, act)


def test_the_real_question_offers_three_choices_and_esc(
    qtbot, library_store, both_changed_the_body, monkeypatch
):
    before, dialog, theirs = both_changed_the_body
    monkeypatch.setattr(ChangedElsewhereDialog, "ask", REAL_ASK_CHANGED)

    seen: list[str] = []
    click_in_changed_elsewhere(qtbot, None, seen)
    with qtbot.assertNotEmitted(dialog.saved):
        press_ctrl_s(qtbot, dialog)
    assert seen[0] == f"“{GREETING}” was changed elsewhere since you opened it"
    assert set(seen[1:]) == {"Reload", "Keep mine", "Save as a copy", "Cancel"}
    assert dialog.isVisible()
    assert library_store.get_template(before.id).revision == theirs

    seen.clear()
    click_in_changed_elsewhere(qtbot, "Keep mine", seen)
    with qtbot.waitSignal(dialog.saved):
        press_ctrl_s(qtbot, dialog)
    assert seen, "the question was not asked"
    assert library_store.get_template(before.id).body == MY_BODY


def test_the_real_question_for_a_deleted_template(qtbot, store, open_editor, monkeypatch):
    monkeypatch.setattr(ChangedElsewhereDialog, "ask", REAL_ASK_CHANGED)
    seen: list[str] = []
    click_in_changed_elsewhere(qtbot, "Save as a copy", seen)
    parent = open_editor(store)
    assert ChangedElsewhereDialog.ask(parent, "Away", gone="deleted") == "copy"
    assert seen[0] == "“Away” was deleted elsewhere since you opened it"
    assert set(seen[1:]) == {"Save as a copy", "Cancel"}


# -- the store's announcements while the editor is open --------------------------------------


@pytest.fixture
def events(library_store):
    from replydesk.ui.store_events import StoreEvents

    announcer = StoreEvents(library_store)
    yield announcer
    announcer.stop()


def test_a_change_elsewhere_shows_in_an_editor_without_edits(
    qtbot, library_store, open_editor, events
):
    before = greeting(library_store)
    dialog = open_editor(library_store, before.id, events=events)
    elsewhere(library_store, before.id, body=THEIR_BODY)
    events.check_now()
    qtbot.waitUntil(lambda: dialog.body_edit.toPlainText() == THEIR_BODY, timeout=30_000)
    assert "changed elsewhere" in dialog.problem_label.text()
    assert not dialog.is_modified()
    # Editing on from their version saves over it without a question.
    retype(qtbot, dialog.name_edit, "Hello for new orders")
    with qtbot.waitSignal(dialog.saved):
        press_ctrl_s(qtbot, dialog)
    after = library_store.get_template(before.id)
    assert (after.name, after.body) == ("Hello for new orders", THEIR_BODY)
    assert not dialog.isVisible()


def test_a_change_elsewhere_keeps_the_edits_and_says_so(
    qtbot, library_store, open_editor, events, choices
):
    before = greeting(library_store)
    dialog = open_editor(library_store, before.id, events=events)
    retype(qtbot, dialog.name_edit, "Hello for new orders")
    elsewhere(library_store, before.id, body=THEIR_BODY)
    events.check_now()
    qtbot.waitUntil(lambda: "changed elsewhere" in dialog.problem_label.text(), timeout=30_000)
    assert dialog.name_edit.text() == "Hello for new orders"
    assert dialog.body_edit.toPlainText() == before.body  # not replaced under the user

    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert choices.asked == []
    assert "Merged with a change made elsewhere: body" in dialog.problem_label.text()
    assert dialog.body_edit.toPlainText() == THEIR_BODY


def test_a_template_trashed_elsewhere_is_said_while_open(qtbot, library_store, open_editor, events):
    before = greeting(library_store)
    dialog = open_editor(library_store, before.id, events=events)
    with TemplateStore(library_store.path) as other:
        other.delete_template(before.id)
    events.check_now()
    qtbot.waitUntil(lambda: "moved to the trash" in dialog.problem_label.text(), timeout=30_000)
    assert dialog.body_edit.toPlainText() == before.body


def test_a_change_to_another_template_leaves_the_editor_alone(
    qtbot, library_store, open_editor, events
):
    before = greeting(library_store)
    other = next(row for row in library_store.list_templates() if row.id != before.id)
    dialog = open_editor(library_store, before.id, events=events)
    retype(qtbot, dialog.name_edit, "Mine")
    with qtbot.waitSignal(events.templatesChanged, timeout=30_000):
        library_store.update_template(other.id, body="Something else {{ client_name }}")
    assert dialog.problem_label.isHidden()
    assert dialog.name_edit.text() == "Mine"


def test_the_editors_own_save_is_not_news_to_it(qtbot, library_store, open_editor, events):
    before = greeting(library_store)
    dialog = open_editor(library_store, before.id, events=events)
    retype(qtbot, dialog.name_edit, "Hello for new orders")
    elsewhere(library_store, before.id, body=THEIR_BODY)
    with qtbot.waitSignal(events.templatesChanged, timeout=30_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # merged: stays open
    events.check_now()  # the file's commits too, as the watcher would see them
    QApplication.processEvents()  # and their announcement delivered
    assert "Merged with a change made elsewhere: body" in dialog.problem_label.text()
    assert (dialog.name_edit.text(), dialog.body_edit.toPlainText()) == (
        "Hello for new orders",
        THEIR_BODY,
    )


# -- a long body is checked off the GUI thread --------------------------------------------


def test_a_long_body_is_checked_and_previewed_off_the_gui_thread(
    qtbot, store, open_editor, monkeypatch
):
    import threading

    on_gui_thread: list[bool] = []
    real = editor_module.check_syntax

    def spy(body: str) -> None:
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        real(body)

    monkeypatch.setattr(editor_module, "check_syntax", spy)
    dialog = open_editor(store)
    paragraph = "Thank you for the order, {{ client_name }}. We start on it today.\n"
    long_body = paragraph * (editor_module.CHECK_HERE_MAX_CHARS // len(paragraph) + 1)
    QApplication.clipboard().setText(long_body)
    dialog.body_edit.setFocus()
    qtbot.keyClick(dialog.body_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    on_gui_thread.clear()
    qtbot.keyClick(dialog.body_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog.body_edit, Qt.Key.Key_Backspace)  # and one more keystroke

    qtbot.waitUntil(lambda: dialog.status_label.text() == "Fields: client_name", timeout=30_000)
    qtbot.waitUntil(
        lambda: dialog.preview.toPlainText().startswith("Thank you for the order, Anna."),
        timeout=30_000,
    )
    assert on_gui_thread and not any(on_gui_thread)


def test_a_problem_is_red_and_a_note_is_not(qtbot, library_store, open_editor, events):
    from replydesk.ui.style import error_color

    red = error_color(QApplication.palette()).name()
    dialog = open_editor(library_store, greeting(library_store).id, events=events)
    retype(qtbot, dialog.name_edit, " ")
    press_ctrl_s(qtbot, dialog)
    assert red in dialog.problem_label.styleSheet()
    elsewhere(library_store, greeting(library_store).id, body=THEIR_BODY)
    events.check_now()
    qtbot.waitUntil(lambda: "changed elsewhere" in dialog.problem_label.text(), timeout=30_000)
    assert red not in dialog.problem_label.styleSheet()
