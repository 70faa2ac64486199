"""Shared fixtures: a private data folder, an open store and the command line run in this
process, for every test that asks.

Also the markers by place: everything under e2e/ is `e2e`, the build of the double-click
app is `packaging`, lint and types are `lint`; all of these are `slow`, so
`pytest -m "not slow"` is the fast subset (the core's unit tests and the pytest-qt tests).
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Protocol

import pytest

from replydesk import cli
from replydesk.core import i18n, logs, paths
from replydesk.core.catalog import Catalog
from replydesk.core.store import TemplateStore

# Offscreen Qt for every test; a 1920x1080 screen instead of the plugin's 800x800, so
# window sizes are those of a laptop, not clamped to a tiny screen.
_SCREEN = Path(__file__).with_name("offscreen-screen.json")
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_SCREEN}")

# The tests read the English source texts, whatever the machine's language; a test of
# another language sets it itself (the app and the CLI follow these variables).
os.environ.pop("LANGUAGE", None)
os.environ["LC_MESSAGES"] = "C.UTF-8"
if os.environ.get("LC_ALL"):
    os.environ["LC_ALL"] = "C.UTF-8"


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


@pytest.fixture(autouse=True)
def _collector_as_python_starts_it() -> Iterator[None]:
    """A test that started the app froze its heap (tasks.settle_heap); the next starts over,
    in English (a test of another language, or a command line run under one, chose it)."""
    yield
    gc.unfreeze()
    i18n.use(i18n.SOURCE_LANGUAGE)


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


@dataclass(frozen=True)
class CliResult:
    """What a run of the command line gave: exit status, stdout and stderr."""

    returncode: int
    stdout: str
    stderr: str


class RunCli(Protocol):
    """`replydesk ARGS` on the test's data folder, or on `data_dir` when given."""

    def __call__(
        self, *args: str, data_dir: Path | None = None, stdin: str | None = None
    ) -> CliResult: ...


@pytest.fixture
def replydesk(
    data_dir: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Iterator[RunCli]:
    """Runs `replydesk ARGS` as `cli.main(ARGS)` in this process, as the console script
    would: on the test's data folder (or the `data_dir` given), `stdin` as standard input.

    XDG_RUNTIME_DIR is an empty private folder, so the probe for a running Replydesk (whose
    socket is named after the data folder) can find none; the log that `main` sets up is put
    back as it was afterwards (other tests read the `replydesk` logger with caplog).
    """
    runtime = tmp_path_factory.mktemp("run")
    runtime.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setitem(logs._state, "debug", logs.debug_enabled())
    handlers, level, propagate = list(logs.log.handlers), logs.log.level, logs.log.propagate
    own_folder = data_dir

    def run(*args: str, data_dir: Path | None = None, stdin: str | None = None) -> CliResult:
        monkeypatch.setenv(paths.DATA_DIR_ENV, str(data_dir or own_folder))
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin or ""))
        capsys.readouterr()
        try:
            code = cli.main(list(args))
        except SystemExit as exit_:  # argparse's errors, as sys.exit in a process
            code = exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    yield run
    for handler in list(logs.log.handlers):
        logs.log.removeHandler(handler)
        handler.close()
    for handler in handlers:
        logs.log.addHandler(handler)
    logs.log.setLevel(level)
    logs.log.propagate = propagate


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
