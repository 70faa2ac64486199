"""Start the desktop app: the window paints first, the database opens right after."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from replydesk.core.store import TemplateStore
    from replydesk.ui.main_window import MainWindow

SMOKE_TEST_SECONDS = 60


def open_store() -> TemplateStore:
    """Open the user's database and load the built-in library (runs off the GUI thread)."""
    from replydesk.core.library import sync_builtin
    from replydesk.core.store import TemplateStore

    store = TemplateStore.open_default()
    try:
        sync_builtin(store)
    except Exception:
        store.close()
        raise
    return store


def make_application(argv: Sequence[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication([sys.argv[0], *argv])
    app.setApplicationName("Replydesk")
    app.setOrganizationName("Replydesk")
    app.setApplicationDisplayName("Replydesk")
    app.setDesktopFileName("replydesk")
    return app


def start_window() -> MainWindow:
    """Show the window now and give it the store once it has painted once."""
    from replydesk.ui.icons import app_icon
    from replydesk.ui.main_window import MainWindow
    from replydesk.ui.settings import window_settings
    from replydesk.ui.tasks import run_in_background

    window = MainWindow(window_settings())
    window.setWindowIcon(app_icon())

    def store_opened(store: object) -> None:
        window.set_store(store)  # type: ignore[arg-type]

    def store_failed(error: BaseException) -> None:
        window.show_start_error(str(error))

    window.firstPainted.connect(lambda: run_in_background(open_store, store_opened, store_failed))
    window.show()
    return window


def run(argv: Sequence[str] = (), *, smoke_test: bool = False) -> int:
    """Run the app until the window closes; the exit status."""
    from replydesk.ui import errors

    app = make_application(argv)
    errors.install()
    window = start_window()
    if smoke_test:
        return run_smoke_test(app, window)
    status = app.exec()
    if window.store is not None:
        window.store.close()
    return status


def run_smoke_test(app: QApplication, window: MainWindow) -> int:
    """Open the window, render a built-in template, quit: 0, or 1 with the reason on stderr."""
    outcome: dict[str, str] = {}

    def check() -> None:
        from replydesk.core.fields import example_values

        filling = window.filling
        if filling is None:
            outcome["error"] = "no template was shown"
        else:
            for name, value in example_values(filling.fields).items():
                filling.set_value(name, value)
            result = window.refresh_preview()
            if result.ok and result.text:
                outcome["ok"] = f"rendered “{window.template_name}” ({len(result.text)} chars)"
            else:
                outcome["error"] = f"“{window.template_name}” did not render: {result.message}"
        app.quit()

    def failed_start(message: str) -> None:
        outcome["error"] = f"the store did not open: {message}"
        app.quit()

    def timeout() -> None:
        outcome.setdefault("error", f"the window was not ready after {SMOKE_TEST_SECONDS} s")
        app.quit()

    window.ready.connect(lambda: QTimer.singleShot(0, check))
    window.startFailed.connect(failed_start)
    QTimer.singleShot(SMOKE_TEST_SECONDS * 1000, timeout)
    app.exec()
    if window.store is not None:
        window.store.close()
    if "ok" in outcome and "error" not in outcome:
        print(f"smoke test passed: {outcome['ok']}")
        return 0
    print(f"smoke test failed: {outcome.get('error', 'unknown reason')}", file=sys.stderr)
    return 1
