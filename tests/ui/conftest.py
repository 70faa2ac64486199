"""Fixtures of the window tests: windows over a store (the store fixtures are in
../conftest.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest
from pytestqt.qtbot import QtBot

from replydesk.core.store import TemplateStore

if TYPE_CHECKING:
    from replydesk.ui.main_window import MainWindow


@pytest.fixture
def open_window(qtbot: QtBot) -> Iterator[Callable[[TemplateStore], MainWindow]]:
    """Opens main windows over a store, shown; closes them and their lists at the end."""
    from replydesk.ui.main_window import MainWindow
    from replydesk.ui.settings import window_settings

    opened: list[MainWindow] = []

    def open_(store: TemplateStore) -> MainWindow:
        shown = MainWindow(window_settings())
        qtbot.addWidget(shown)
        shown.set_store(store)
        shown.show()
        qtbot.waitExposed(shown)
        opened.append(shown)
        return shown

    yield open_
    for shown in opened:
        shown.close()
        if shown.catalog is not None:
            shown.catalog.close()


@pytest.fixture
def window(
    open_window: Callable[[TemplateStore], MainWindow], store_with_order: TemplateStore
) -> MainWindow:
    """The main window over `store_with_order`, shown."""
    return open_window(store_with_order)
