"""Fixtures of the window tests: the library, a profile and a current order, as a user has."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from pytestqt.qtbot import QtBot

from replydesk.core.models import Profile
from replydesk.core.store import TemplateStore

if TYPE_CHECKING:
    from replydesk.ui.main_window import MainWindow


def anna_order() -> dict[str, object]:
    """Anna's Fiverr order: everything the built-in English templates need."""
    return {
        "client_name": "Anna",
        "order_id": "FO81C2D3",
        "service": "Logo design",
        "price": Decimal("120"),
        "currency": "USD",
        "deadline": dt.date.today() + dt.timedelta(days=5),
        "platform": "Fiverr",
    }


@pytest.fixture
def anna_values() -> dict[str, object]:
    return anna_order()


@pytest.fixture
def store_with_order(library_store: TemplateStore) -> TemplateStore:
    """The built-in library, the profile of "Alex", and Anna's order as the current one."""
    library_store.save_profile(Profile(my_name="Alex", signature="", default_currency="USD"))
    order = library_store.create_order(anna_order())
    library_store.current_order_id = order.id
    return library_store


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
