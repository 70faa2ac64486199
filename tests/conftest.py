"""Shared fixtures: a private data folder and an open store for every test that asks.

Also the markers by place: everything under e2e/ is `e2e`, the build of the double-click
app is `packaging`, lint and types are `lint`; all of these are `slow`, so
`pytest -m "not slow"` is the fast subset (the core's unit tests and the pytest-qt tests).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from replydesk.core import paths
from replydesk.core.catalog import Catalog
from replydesk.core.store import TemplateStore

# Offscreen Qt for every test; a 1920x1080 screen instead of the plugin's 800x800, so
# window sizes are those of a laptop, not clamped to a tiny screen.
_SCREEN = Path(__file__).with_name("offscreen-screen.json")
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_SCREEN}")


_MARKERS_BY_PLACE: dict[str, tuple[str, ...]] = {
    "e2e": ("e2e", "slow"),
    "test_packaging.py": ("packaging", "slow"),
    "test_frozen.py": ("packaging", "slow"),
    "test_project.py": ("lint", "slow"),
    "test_bench.py": ("slow",),
}
_TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        parts = item.path.resolve().relative_to(_TESTS).parts
        for place in parts:
            for marker in _MARKERS_BY_PLACE.get(place, ()):
                item.add_marker(marker)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """REPLYDESK_DATA_DIR pointed at a fresh folder."""
    path = tmp_path / "data"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(path))
    return path


@pytest.fixture
def store(data_dir: Path) -> Iterator[TemplateStore]:
    """An open store on the test's own database."""
    opened = TemplateStore(paths.database_path(), paths.backup_dir())
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def library_store(store: TemplateStore) -> TemplateStore:
    """An open store with the built-in library loaded, as on a first start."""
    from replydesk.core.library import sync_builtin

    sync_builtin(store)
    return store


@pytest.fixture
def catalog(store: TemplateStore) -> Iterator[Catalog]:
    """The list and search over the test's store (sees every change the store makes)."""
    opened = Catalog(store.path)
    try:
        yield opened
    finally:
        opened.close()


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
    library_store.update_profile({"my_name": "Alex", "default_currency": "USD"})
    order = library_store.create_order(anna_order())
    library_store.current_order_id = order.id
    return library_store
