"""A reply in the client's language: the list shows each reply once, in the order's
language when it has a variant in it; the variant bar switches; the checker warns."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QToolButton
from pytestqt.qtbot import QtBot

from replydesk.core import library, settings
from replydesk.core.models import TemplateData
from replydesk.core.store import TemplateStore
from replydesk.ui.main_window import MainWindow

WAIT_MS = 20_000


def open_with_my_languages(
    open_window: Callable[[TemplateStore], MainWindow], store: TemplateStore
) -> MainWindow:
    settings.REPLY_LANGUAGES.write(store, ("en", "ru"))  # as the welcome asks
    return open_window(store)


def pick_client_language(qtbot: QtBot, window: MainWindow, name: str) -> None:
    """What a person does: open the order bar's Language box and choose the name."""
    editor = window.reply.order_bar.editor("language")
    assert editor is not None
    combo = editor.focus_widget()
    assert isinstance(combo, QComboBox)
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    target = combo.findText(name)
    assert target >= 0, name
    if combo.currentIndex() > target:
        qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _step in range(combo.count()):
        if combo.currentIndex() == target:
            break
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == name


def greeting_row(window: MainWindow) -> tuple[int, str]:
    """The list's greeting: its row and its language (listed once)."""
    rows = [
        (n, s.language)
        for n, s in enumerate(window.templates.model().summaries())
        if s.family == "builtin:greeting"
    ]
    assert len(rows) == 1, rows
    return rows[0]


def variant_buttons(window: MainWindow) -> dict[str, QToolButton]:
    bar = window._variants
    assert bar is not None
    return {b.text(): b for b in bar.findChildren(QToolButton) if not b.isHidden()}


def select_greeting(qtbot: QtBot, window: MainWindow) -> None:
    row, _language = greeting_row(window)
    view = window.templates.list_view()
    rect = view.visualRect(window.templates.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_each_reply_is_listed_once_in_the_clients_language_and_switches(
    qtbot: QtBot,
    open_window: Callable[[TemplateStore], MainWindow],
    store_with_order: TemplateStore,
) -> None:
    window = open_with_my_languages(open_window, store_with_order)
    assert window.templates.model().rowCount() == len(library.KINDS)  # one per reply
    assert greeting_row(window)[1] == "en"  # no client's language yet: the user's first

    pick_client_language(qtbot, window, "Română")
    qtbot.waitUntil(lambda: greeting_row(window)[1] == "ro", timeout=WAIT_MS)
    select_greeting(qtbot, window)
    shown = window.template_id
    assert shown is not None and store_with_order.get_template(shown).language == "ro"
    buttons = variant_buttons(window)
    assert sorted(buttons) == ["English", "Magyar", "Română", "Slovenčina", "Русский"]
    assert buttons["Română"].isChecked()

    qtbot.mouseClick(buttons["English"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: greeting_row(window)[1] == "en", timeout=WAIT_MS)
    shown = window.template_id
    assert shown is not None and store_with_order.get_template(shown).language == "en"
    assert variant_buttons(window)["English"].isChecked()
    # The checker says the reply is not in the client's language.
    qtbot.waitUntil(
        lambda: any(f.rule == "language" for f in window.preview.findings()), timeout=WAIT_MS
    )

    # A new client: the switch is forgotten, the list follows the new language.
    pick_client_language(qtbot, window, "Русский")
    qtbot.waitUntil(lambda: greeting_row(window)[1] == "ru", timeout=WAIT_MS)


def test_a_reply_without_the_clients_language_says_which_variant_stands_in(
    qtbot: QtBot,
    open_window: Callable[[TemplateStore], MainWindow],
    store_with_order: TemplateStore,
) -> None:
    mine = store_with_order.create_template(
        TemplateData(
            name="Portfolio link",
            kind="greeting",
            language="en",
            body="Hello {{ client_name }}, here is what I did before.\n",
            family="portfolio",
        )
    )
    window = open_with_my_languages(open_window, store_with_order)
    pick_client_language(qtbot, window, "Magyar")
    assert window.templates.select(mine.id)
    bar = window._variants
    assert bar is not None
    qtbot.waitUntil(bar.note.isVisible, timeout=WAIT_MS)
    assert bar.note.text() == "No variant in Magyar: the English one is filled"
    assert window.template_id == mine.id


def test_add_a_variant_writes_the_reply_in_the_clients_language(
    qtbot: QtBot,
    open_window: Callable[[TemplateStore], MainWindow],
    store_with_order: TemplateStore,
) -> None:
    mine = store_with_order.create_template(
        TemplateData(name="Files received", kind="progress_update", language="en",
                     body="Hello {{ client_name }}, I got your files.\n")
    )  # fmt: skip
    window = open_with_my_languages(open_window, store_with_order)
    pick_client_language(qtbot, window, "Română")
    assert window.templates.select(mine.id)
    qtbot.waitUntil(lambda: window.template_id == mine.id, timeout=WAIT_MS)
    window.actions_.add_variant.trigger()  # Template → Add a variant in another language…
    editor = window.editor
    assert editor is not None
    qtbot.waitExposed(editor)
    assert editor.windowTitle().startswith("New variant — Files received")
    assert editor.language_combo.currentText() == "Română"  # the client's, which it lacked
    editor.name_edit.setFocus()
    qtbot.keyClick(editor.name_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    # (QTest types Latin-1 only: the words without their Romanian letters.)
    qtbot.keyClicks(editor.name_edit, "Fisiere primite")
    editor.body_edit.setFocus()
    editor.body_edit.selectAll()
    qtbot.keyClicks(editor.body_edit, "Buna ziua, {{ client_name }}, am primit fisierele.")
    with qtbot.waitSignal(editor.saved, timeout=WAIT_MS) as saved:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    variant = store_with_order.get_template(saved.args[0])
    family = store_with_order.get_template(mine.id).family
    assert variant.language == "ro" and family and variant.family == family
    assert [row.id for row in store_with_order.variants(family)] == [mine.id, variant.id]
    # The list shows the reply once, in Romanian now; the bar offers both.
    qtbot.waitUntil(lambda: window.template_id == variant.id, timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: sorted(variant_buttons(window)) == ["English", "Română"], timeout=WAIT_MS
    )
    listed = [s.id for s in window.templates.model().summaries()]
    assert variant.id in listed and mine.id not in listed


def test_without_a_clients_language_nothing_stands_in(
    qtbot: QtBot,
    open_window: Callable[[TemplateStore], MainWindow],
    store_with_order: TemplateStore,
) -> None:
    mine = store_with_order.create_template(
        TemplateData(name="Файлы получены", kind="progress_update", language="ru",
                     body="Здравствуйте, файлы получил.\n")
    )  # fmt: skip
    window = open_with_my_languages(open_window, store_with_order)  # en first, then ru
    assert window.templates.select(mine.id)
    qtbot.waitUntil(lambda: window.template_id == mine.id, timeout=WAIT_MS)
    bar = window._variants
    assert bar is not None
    assert not bar.isVisible() and not bar.note.isVisible()  # one variant, no client's language
    pick_client_language(qtbot, window, "English")
    qtbot.waitUntil(bar.note.isVisible, timeout=WAIT_MS)  # now it stands in for English
    assert bar.note.text() == "No variant in English: the Русский one is filled"


def test_a_reply_found_by_its_english_name_is_filled_in_the_clients_language(
    qtbot: QtBot,
    open_window: Callable[[TemplateStore], MainWindow],
    store_with_order: TemplateStore,
) -> None:
    """Seen in the real window: "greet" typed for a Romanian client listed the English
    greeting and said there was no Romanian variant."""
    window = open_with_my_languages(open_window, store_with_order)
    pick_client_language(qtbot, window, "Română")
    window.focus_search()
    qtbot.keyClicks(window.templates.search_box(), "greet")
    qtbot.waitUntil(lambda: greeting_row(window)[1] == "ro", timeout=WAIT_MS)
    shown = window.template_id
    assert shown is not None and store_with_order.get_template(shown).language == "ro"
    bar = window._variants
    assert bar is not None and not bar.note.isVisible()
    assert variant_buttons(window)["Română"].isChecked()


def test_a_template_of_ones_own_joins_another_reply_and_leaves_it(
    qtbot: QtBot,
    open_window: Callable[[TemplateStore], MainWindow],
    store_with_order: TemplateStore,
) -> None:
    """A Russian greeting written before variants existed becomes the Russian variant of
    the user's English one, chosen by typing in the dialog; then it is separated again."""
    english = store_with_order.create_template(
        TemplateData(name="Hello again", kind="greeting", language="en",
                     body="Hello {{ client_name }}, good to see you again.\n")
    )  # fmt: skip
    russian = store_with_order.create_template(
        TemplateData(name="Снова здравствуйте", kind="greeting", language="ru",
                     body="Здравствуйте, {{ client_name }}, рад снова работать с вами.\n")
    )  # fmt: skip
    window = open_with_my_languages(open_window, store_with_order)
    assert window.templates.select(russian.id)
    qtbot.waitUntil(lambda: window.template_id == russian.id, timeout=WAIT_MS)
    assert not window.actions_.separate.isEnabled()  # a reply of its own
    window.actions_.join_reply.trigger()  # Template → Make it a variant of another reply…
    dialog = window.join_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    listed = [s.id for s in dialog.model.summaries()]
    assert english.id in listed and russian.id not in listed
    # Every built-in reply has a Russian variant already: none is offered.
    assert all(not s.family.startswith("builtin:") for s in dialog.model.summaries())
    qtbot.keyClicks(dialog.search, "again")
    assert [s.id for s in dialog.model.summaries()] == [english.id]
    with qtbot.waitSignal(dialog.joined, timeout=WAIT_MS):
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    family = store_with_order.get_template(english.id).family
    assert family and store_with_order.get_template(russian.id).family == family
    qtbot.waitUntil(
        lambda: sorted(variant_buttons(window)) == ["English", "Русский"], timeout=WAIT_MS
    )
    assert window.template_id == russian.id
    assert window.actions_.separate.isEnabled()

    window.actions_.separate.trigger()  # Template → Separate from its reply
    assert store_with_order.get_template(russian.id).family == ""
    bar = window._variants
    assert bar is not None
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=WAIT_MS)
    assert window.template_id == russian.id
    assert "reply of its own" in window.statusBar().currentMessage()


def test_joining_a_reply_that_gained_the_language_meanwhile_says_so_and_stays(
    qtbot: QtBot,
    open_window: Callable[[TemplateStore], MainWindow],
    store_with_order: TemplateStore,
) -> None:
    english = store_with_order.create_template(
        TemplateData(name="Files received", kind="other", language="en", body="Got them.\n")
    )
    russian = store_with_order.create_template(
        TemplateData(name="Файлы получены", kind="other", language="ru", body="Получил.\n")
    )
    window = open_with_my_languages(open_window, store_with_order)
    assert window.templates.select(russian.id)
    window.actions_.join_reply.trigger()
    dialog = window.join_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.search, "files")
    # Another window gives the English reply a Russian variant before this one confirms.
    store_with_order.add_variant(
        english.id,
        TemplateData(name="Файлы у меня", kind="other", language="ru", body="Файлы у меня.\n"),
    )
    qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "already has a variant in this language: “Файлы у меня”" in dialog._problem.text()
    assert store_with_order.get_template(russian.id).family == ""
