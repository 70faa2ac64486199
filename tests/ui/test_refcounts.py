"""No reference to None is lost while the window is used: typing, copying, tooltips.

PySide6-Essentials 6.12.0 drops a reference to None on calls such as setToolTip,
setAccessibleDescription and QTest.keyClicks. Before Python 3.12 None is not immortal:
when its count reaches zero the process aborts ("Fatal Python error: none_dealloc"),
which the real window did after about 330 keystrokes. Each test repeats one thing a
thousand times and fails as soon as None's count falls by more than normal churn.
"""

from __future__ import annotations

import ctypes
import gc
import sys
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from replydesk.core import library
from replydesk.ui.main_window import MainWindow

pytestmark = pytest.mark.skipif(
    sys.version_info >= (3, 12),
    reason="None is immortal from Python 3.12 on: its reference count never changes",
)

REPEATS = 1000
# With PySide6 6.11.3 the count moves by 0 to 2 references over a thousand repeats (the
# garbage collected first); 6.12.0 loses 30 to 120 per keystroke, copy or update, 1,500
# to 6,000 by the first check, and None, about 50,000 strong here, runs out long before
# the thousandth.
MARGIN = 200
CHECK_EVERY = 50  # repeats between checks; REPEATS is a multiple
WARM_UP = 20  # repeats before the count is taken: caches and lazy imports fill first
GREETING = next(t for t in library.load_builtin() if (t.language, t.kind) == ("en", "greeting"))


def none_refs() -> int:
    """None's reference count, with unreachable cycles (which may hold None) freed first."""
    gc.collect()
    return sys.getrefcount(None)


def give_back(lost: int) -> None:
    """Add the references a leak took, never to be released, so that this process
    lives to report the failure instead of aborting in a later test or at exit."""
    for _ in range(lost):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))


def repeat_keeps_none(what: str, step: Callable[[int], None]) -> None:
    """Run `step(n)` for n = 0 … WARM_UP + REPEATS - 1; fail once None's count has
    fallen by more than MARGIN since the warm-up."""
    for n in range(WARM_UP):
        step(n)
    start = none_refs()
    for i in range(1, REPEATS + 1):
        step(WARM_UP + i - 1)
        if i % CHECK_EVERY == 0:
            fall = start - none_refs()
            if fall > MARGIN:
                give_back(fall)
                pytest.fail(
                    f"None lost {fall} references over {i} {what} (more than {MARGIN}): "
                    "a reference-count leak in PySide6 (6.12.0 has one; 6.11.3 does not)",
                    pytrace=False,
                )


def type_and_erase(qtbot: QtBot, widget: QWidget, word: str) -> Callable[[int], None]:
    """Step n of a typing session: the letters of `word` one by one, then as many
    BackSpaces; the text is as it was after a whole number of words."""
    keys = len(word)

    def step(n: int) -> None:
        position = n % (2 * keys)
        if position < keys:
            qtbot.keyClicks(widget, word[position])
        else:
            qtbot.keyClick(widget, Qt.Key.Key_Backspace)
        QApplication.processEvents()  # and the window repaints, as between two real keystrokes

    return step


def pick_greeting(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.templates.currentTemplateChanged, timeout=10_000):
        assert window.templates.select(GREETING.id)
    assert window.preview.is_ready()


def test_typing_in_the_search_box_keeps_none(qtbot: QtBot, window: MainWindow) -> None:
    search = window.templates.search_box()
    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    repeat_keeps_none("keystrokes in the search box", type_and_erase(qtbot, search, "refund"))
    assert search.text() == ""  # 1,020 keystrokes: 85 words typed and erased
    assert window.templates.model().rowCount() == len(library.load_builtin())


def test_typing_in_the_order_bar_keeps_none(qtbot: QtBot, window: MainWindow) -> None:
    pick_greeting(qtbot, window)
    editor = window.order_bar.editor("service")
    assert editor is not None
    widget = editor.focus_widget()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(widget, Qt.Key.Key_End)
    repeat_keeps_none("keystrokes in the order bar", type_and_erase(qtbot, widget, " logo"))
    assert "“Logo design”" in window.preview.text()  # 102 words typed and erased


def test_copying_with_ctrl_enter_keeps_none(qtbot: QtBot, window: MainWindow) -> None:
    pick_greeting(qtbot, window)
    copies: list[str] = []
    window.copied.connect(copies.append)
    clipboard = QGuiApplication.clipboard()

    def copy(_n: int) -> None:
        clipboard.setText("")
        qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        QApplication.processEvents()  # the use is counted off the keystroke's path

    repeat_keeps_none("copies", copy)
    assert len(copies) == WARM_UP + REPEATS
    assert clipboard.text() == window.preview.text()
    assert "Hi Anna" in clipboard.text()


def test_tooltip_and_description_updates_keep_none(qtbot: QtBot, window: MainWindow) -> None:
    pick_greeting(qtbot, window)
    bar = window.order_bar
    client = bar.editor("client_name")
    assert client is not None

    def mark(n: int) -> None:
        # Every bar field's tooltip and accessible description: "Required", then its help.
        bar.mark(["client_name", "service"] if n % 2 == 0 else [], {})
        window.preview.set_block_copy(n % 2 == 0)  # the Copy button's tooltip

    repeat_keeps_none("tooltip and description updates", mark)
    assert client.problem() is None
    assert client.focus_widget().accessibleDescription() == client.toolTip()
