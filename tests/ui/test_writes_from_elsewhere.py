"""Writes made by another process while the window is open are never lost: the CLI runs
as a real second process on the window's database."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from tests.e2e.test_cli_process import replydesk

from replydesk.core.store import TemplateStore

if TYPE_CHECKING:
    from replydesk.ui.main_window import MainWindow


NOTICE_MS = 30_000  # a bound for a busy machine: a change notice takes well under a second


def english(store: TemplateStore, kind: str) -> str:
    return next(t.id for t in store.list_templates(language="en", kind=kind))


def show(qtbot: QtBot, window: MainWindow, template_id: str) -> None:
    assert window.templates.select(template_id)
    qtbot.waitUntil(lambda: window.template_id == template_id)


def test_an_order_edited_by_the_cli_survives_a_keystroke_in_the_order_bar(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore, data_dir: Path
) -> None:
    order_id = store_with_order.current_order_id
    assert order_id is not None
    done = replydesk(data_dir, "order", "edit", str(order_id), "--set", "price=300")
    assert done.returncode == 0, done.stderr
    client = window.order_bar.editor("client_name")
    assert client is not None
    client.focus_widget().setFocus()
    qtbot.keyClick(client.focus_widget(), Qt.Key.Key_End)
    qtbot.keyClicks(client.focus_widget(), "!")
    assert window.order_bar.flush()
    stored = store_with_order.get_order(order_id)
    assert (stored.client_name, Decimal(stored.price)) == ("Anna!", Decimal("300"))
    # The window shows the CLI's price too, once the change notice arrives.
    qtbot.waitUntil(
        lambda: window.order_bar.values().get("price") == Decimal("300"), timeout=NOTICE_MS
    )


def test_a_profile_name_set_by_the_cli_survives_a_keystroke_in_the_signature_field(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore, data_dir: Path
) -> None:
    show(qtbot, window, english(store_with_order, "greeting"))
    signature = window.form.editor("signature")
    assert signature is not None, "the profile has no signature: the form asks for it"
    done = replydesk(data_dir, "profile", "--name", "Bob")
    assert done.returncode == 0, done.stderr
    signature.focus_widget().setFocus()
    qtbot.keyClicks(signature.focus_widget(), "x")
    assert window.flush_profile()
    profile = store_with_order.get_profile()
    assert profile.my_name == "Bob"
    assert profile.signature_for("en") == "x"


def test_the_window_follows_a_template_edited_by_the_cli(
    qtbot: QtBot,
    window: MainWindow,
    store_with_order: TemplateStore,
    data_dir: Path,
    tmp_path: Path,
) -> None:
    template_id = english(store_with_order, "greeting")
    show(qtbot, window, template_id)
    body = tmp_path / "body.md"
    body.write_text("Hello {{ client_name }}, changed by the CLI.\n{{ my_name }}", "utf-8")
    done = replydesk(data_dir, "edit", template_id, "--body-file", str(body))
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(
        lambda: "changed by the CLI" in window.preview.text_edit.toPlainText(), timeout=NOTICE_MS
    )


def test_one_keystroke_in_the_note_renders_the_reply_once(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore
) -> None:
    show(qtbot, window, english(store_with_order, "greeting"))
    notes = window.form.editor("notes")
    assert notes is not None
    shown: list[object] = []
    window.previewUpdated.connect(shown.append)
    notes.focus_widget().setFocus()
    qtbot.keyClicks(notes.focus_widget(), "N")
    assert len(shown) == 1


def test_typing_my_name_is_one_write_once_typing_stops(
    qtbot: QtBot,
    open_window: Callable[[TemplateStore], MainWindow],
    library_store: TemplateStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(library_store)
    show(qtbot, window, english(library_store, "greeting"))
    name = window.form.editor("my_name")
    assert name is not None
    writes: list[object] = []
    original = library_store.update_profile

    def counted(*args: object, **kwargs: object) -> object:
        writes.append(args)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(library_store, "update_profile", counted)
    name.focus_widget().setFocus()
    qtbot.keyClicks(name.focus_widget(), "Alex")
    qtbot.waitUntil(lambda: bool(writes), timeout=NOTICE_MS)
    qtbot.wait(400)  # longer than the save delay: no second write follows
    assert len(writes) == 1
    assert library_store.get_profile().my_name == "Alex"


def test_a_signature_set_by_the_cli_shows_in_the_form_before_the_next_keystroke(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore, data_dir: Path
) -> None:
    show(qtbot, window, english(store_with_order, "greeting"))
    signature = window.form.editor("signature")
    assert signature is not None
    done = replydesk(data_dir, "profile", "--signature", "CLI SIG", "--for-language", "en")
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(
        lambda: signature.value() == "CLI SIG", timeout=NOTICE_MS
    )  # the change notice shows it
    widget = signature.focus_widget()
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, "Z")
    assert window.flush_profile()
    assert store_with_order.get_profile().signature_for("en") == "CLI SIGZ"


def test_the_same_profile_value_changed_on_both_sides_is_reported(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore, data_dir: Path
) -> None:
    show(qtbot, window, english(store_with_order, "greeting"))
    signature = window.form.editor("signature")
    assert signature is not None
    window.reply._profile_timer.setInterval(600_000)  # however slow the machine: saved below
    signature.focus_widget().setFocus()
    qtbot.keyClicks(signature.focus_widget(), "Mine")  # not saved yet
    done = replydesk(data_dir, "profile", "--signature", "Theirs", "--for-language", "en")
    assert done.returncode == 0, done.stderr
    assert window.flush_profile()
    assert store_with_order.get_profile().signature_for("en") == "Mine"  # the newer typing
    message = window.statusBar().currentMessage()
    assert "replaced one made elsewhere" in message and "“Theirs”" in message


def test_a_cli_change_during_a_pending_save_shows_once_the_save_is_done(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore, data_dir: Path
) -> None:
    """A change notice while the bar waits to save is not dropped, even when the save
    writes nothing (the text typed is not a date yet)."""
    order_id = store_with_order.current_order_id
    deadline = window.order_bar.editor("deadline")
    assert order_id is not None and deadline is not None
    bar = window.order_bar
    bar._save_timer.setInterval(600_000)  # the save stays pending until flushed below
    deadline.focus_widget().setFocus()
    qtbot.keyClick(deadline.focus_widget(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(deadline.focus_widget(), "20.1")  # half a date: pending, never saved
    done = replydesk(data_dir, "order", "edit", str(order_id), "--set", "service=Banner")
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(
        lambda: bar._refresh_after_save, timeout=NOTICE_MS
    )  # the notice came during the wait
    assert bar.values().get("service") == "Logo design"
    assert bar.flush()
    assert bar.values().get("service") == "Banner"
    service = window.order_bar.editor("service")
    assert service is not None and service.value() == "Banner"
