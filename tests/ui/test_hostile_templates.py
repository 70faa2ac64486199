"""A hostile template in the window: cut off within the interactive budget, window usable."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from replydesk.core.filling import INTERACTIVE_RENDER_SECONDS
from replydesk.core.models import TemplateData
from replydesk.core.store import TemplateStore
from replydesk.ui.main_window import MainWindow

BOMBS = {
    "silent nested loops": (
        "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}"
        "Hi {{ client_name }}"
    ),
    "recursive macro": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
    "huge repetition": "{{ 'x' * 10000 * 10000 }}",
}


@pytest.mark.parametrize("name", list(BOMBS))
def test_a_bomb_is_cut_off_and_the_window_keeps_answering(
    qtbot: QtBot, window: MainWindow, store_with_order: TemplateStore, name: str
) -> None:
    bomb = store_with_order.create_template(
        TemplateData(name=f"Bomb: {name}", kind="greeting", language="en", body=BOMBS[name])
    )
    window.templates.refresh()
    ticks: list[float] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(20)
    began = time.perf_counter()
    assert window.templates.select(bomb.id)
    qtbot.waitUntil(lambda: window.template_id == bomb.id, timeout=5000)
    elapsed = time.perf_counter() - began
    qtbot.wait(100)  # the event loop runs on: timers fire again right after
    timer.stop()
    assert elapsed < INTERACTIVE_RENDER_SECONDS + 0.75, f"{name} took {elapsed:.2f} s"
    assert any(tick > began + elapsed for tick in ticks)
    result = window.refresh_preview()
    assert not result.ok and result.message
    assert "Traceback" not in result.message
    # Typing in the order bar re-renders on each keystroke: still bounded.
    began = time.perf_counter()
    for _ in range(3):
        window.refresh_preview()
    assert time.perf_counter() - began < 3 * (INTERACTIVE_RENDER_SECONDS + 0.5)
