"""Start the desktop app: the window paints first, the database opens right after."""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from replydesk.core.errors import DamagedDatabaseError, ReplydeskError, listed
from replydesk.core.i18n import _, ngettext
from replydesk.trace import trace, tracing

log = logging.getLogger("replydesk")

if TYPE_CHECKING:
    from replydesk.core.catalog import Catalog
    from replydesk.core.filling import FillResult
    from replydesk.core.store import TemplateStore
    from replydesk.instance import InstanceServer
    from replydesk.ui.main_window import MainWindow
    from replydesk.ui.resident import Resident

SMOKE_TEST_SECONDS = 600  # a hang detector, not a speed check: a slow machine still passes
QUIT_AFTER_READY_ENV = "REPLYDESK_QUIT_AFTER_READY"
# How long a thread running Python may keep the interpreter lock while another waits for
# it (Python's default is 5 ms). Long work (an import) runs Python on a worker thread;
# every call the window's painting makes into Python (a model's data()) waits up to this
# long for its turn, hundreds of times per repaint. Only a waiting thread makes the worker
# switch, so a shorter interval costs nothing while the window is idle.
GUI_SWITCH_INTERVAL = 0.0001


def open_store(*, check: bool = True) -> TemplateStore:
    """Open the user's database, load the built-in library and make the daily backup
    when it is due (runs off the GUI thread). `check`: SQLite's quick_check first.

    The daily backup is best effort: when it cannot be made (a full disk, say), the store
    opens anyway and `store.notices` says why. So do templates that could not all be read."""
    from replydesk.core import backups
    from replydesk.core.display import one_line
    from replydesk.core.library import sync_builtin
    from replydesk.core.store import TemplateStore

    store = TemplateStore.open_default(check=check)
    try:
        if not check:  # the list's open made SQLite's check, not the search index's
            store.check_search_index()
        sync_builtin(store)
        unreadable = store.unreadable_templates()
    except Exception:
        store.close()
        raise
    if unreadable:
        names = listed([f"“{one_line(name, 60)}”" for name in unreadable], limit=3)
        # Translators: {names} lists the templates' names, each in quotes.
        notice = ngettext(
            "Some parts of {names} could not be read; they show what could be.",
            "Some parts of {names} could not be read; they show what could be.",
            len(unreadable),
        )
        store.notices.append(notice.format(names=names))
        log.warning("%d template(s) with parts that could not be read", len(unreadable))
    try:
        backups.daily_backup(store.path, store.backup_dir)
    except (ReplydeskError, OSError, sqlite3.Error) as error:
        log.warning("the daily backup failed: %s", error)
        store.notices.append(_("Today's backup could not be made: {error}").format(error=error))
    return store


def open_catalog() -> Catalog | None:
    """The list over the user's database when it needs no upgrade (runs off the GUI thread)."""
    from replydesk.core import paths
    from replydesk.core.catalog import open_current

    return open_current(paths.database_path())


def make_application(argv: Sequence[str]) -> QApplication:
    sys.setswitchinterval(GUI_SWITCH_INTERVAL)
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication([sys.argv[0], *argv])
    app.setApplicationName("Replydesk")
    app.setOrganizationName("Replydesk")
    app.setApplicationDisplayName("Replydesk")
    app.setDesktopFileName("replydesk")
    return app


# Modules the first import or export would otherwise load on the GUI thread (0.1 s of
# frozen window at the click); loaded off it once the store is open.
WARMED_MODULES = (
    "replydesk.core.bundle",
    "replydesk.core.merge",
    "replydesk.ui.import_dialog",
    "replydesk.ui.export_dialog",
)


def warm_up() -> None:
    """Load WARMED_MODULES (runs off the GUI thread: only modules, no widgets)."""
    import importlib

    for name in WARMED_MODULES:
        importlib.import_module(name)


def _window_settings() -> QSettings:
    """The window's saved layout; when the data folder cannot be made (a file in its
    place), settings that are not saved: the window still opens and its start error says
    why (the store's open meets the same FolderError)."""
    from replydesk.core import paths
    from replydesk.ui.settings import window_settings

    try:
        return window_settings()
    except ReplydeskError as error:
        log.warning("the window's settings will not be saved: %s", error)
        path = Path(os.environ.get(paths.DATA_DIR_ENV) or ".") / "window.ini"
        return QSettings(str(path), QSettings.Format.IniFormat)  # cannot be written: unsaved


def apply_saved_language() -> str:
    """The language chosen in Profile and settings (else the system's), for the catalogue
    and Qt's own dialogs; before the first widget is made. The code in use."""
    from replydesk.ui.language import apply_language
    from replydesk.ui.settings import WindowState

    return apply_language(WindowState(_window_settings()).language() or None)


def start_window(*, visible: bool = True) -> MainWindow:
    """Show the window now; once it has painted, give it the list, then the store.

    Hidden (start at login into the tray), they open at once instead.
    """
    from replydesk.ui.main_window import MainWindow
    from replydesk.ui.tasks import run_in_background, settle_heap

    window = MainWindow(_window_settings())

    def set_icon() -> None:
        # Drawing the icon's sizes (and loading QtSvg) would delay the first paint.
        from replydesk.ui.icons import app_icon

        window.setWindowIcon(app_icon())

    def store_opened(store: TemplateStore) -> None:
        window.set_store(store)  # and the list, on a first start or after an upgrade
        run_in_background(warm_up, lambda _loaded: settle_heap(), lambda _error: settle_heap())
        if store.notices:  # what the opening repaired, kept aside or could not do
            window.show_notice("  ".join(store.notices), 0)

    def store_failed(error: BaseException) -> None:
        if isinstance(error, DamagedDatabaseError):
            recover(error)
        else:
            window.show_start_error(str(error))

    def recover(error: DamagedDatabaseError) -> None:
        """Move the damaged file aside; offer the newest backup or a fresh start."""
        from replydesk.core import backups, paths
        from replydesk.core.migrations import NotReplydeskError

        label = "not-replydesk" if isinstance(error, NotReplydeskError) else "damaged"
        try:
            moved = backups.move_aside(error.path, label)
        except ReplydeskError as failure:
            window.show_start_error(f"{error}\n\n{failure}")
            return
        log.warning("the database was damaged (%s); moved to %s", error, moved)
        # Only named: a file in the backup folder's place means no backup to offer, not a failure.
        found = backups.list_backups(paths.backup_dir(create=False))
        newest = next((backup for backup in found if backup.usable), None)
        page = window.show_recovery(str(error), moved, newest)
        page.restoreChosen.connect(restore_then_open)
        page.startFreshChosen.connect(start_fresh)

    def start_fresh() -> None:
        window.show_loading()
        open_in_background()

    def restore_then_open(backup: Path) -> None:
        from replydesk.core import backups, paths

        window.show_loading()
        run_in_background(
            lambda: backups.restore(backup, paths.database_path(), paths.backup_dir()),
            lambda _safety: open_in_background(),
            store_failed,
        )

    def catalog_opened(catalog: Catalog | None) -> None:
        if catalog is not None:
            window.set_catalog(catalog)
        # The catalog's open ran SQLite's quick_check already.
        run_in_background(lambda: open_store(check=catalog is None), store_opened, store_failed)

    def open_in_background() -> None:
        # The list first, read with sqlite3 alone; then the database layer, which takes
        # longer to load (SQLAlchemy), for the order bar, the form and every change.
        run_in_background(open_catalog, catalog_opened, store_failed)

    if visible:
        if tracing():
            window.firstPainted.connect(lambda: trace("first-paint"))
            window.listed.connect(lambda: trace("listed"))
        window.firstPainted.connect(set_icon)
        window.firstPainted.connect(open_in_background)
        window.show()
    else:
        set_icon()
        QTimer.singleShot(0, open_in_background)
    return window


def run(
    argv: Sequence[str] = (),
    *,
    smoke_test: bool = False,
    minimized: bool = False,
    command: str | None = None,
    args: Sequence[str] = (),
    debug: bool = False,
) -> int:
    """Run the app until it quits; the exit status. `debug`: log everything (see core.logs).

    One instance per user and data folder: if another is already listening, the command
    (default "show") is handed to it and this process exits 0.
    """
    from replydesk.core import logs
    from replydesk.ui import errors
    from replydesk.ui.tasks import wait_for_background_work

    app = make_application(argv)
    apply_saved_language()
    errors.install()
    if smoke_test:
        logs.setup(debug)
        try:
            return run_smoke_test(app, start_window())
        finally:
            wait_for_background_work()
    resident: list[Resident] = []
    pending: list[tuple[str, list[str]]] = [(command, list(args))] if command else []

    def status() -> dict[str, object]:
        return resident[0].status() if resident else {"starting": True}

    def received(name: str, values: list[str]) -> None:
        if resident:
            resident[0].handle_command(name, values)
        else:
            pending.append((name, values))

    servers: list[InstanceServer] = []

    def listen() -> int | None:
        """Listen for later launches; when another instance won the race to listen (two
        launches at once), hand it the command: the exit status for this one."""
        from replydesk.instance import InstanceServer, send_command

        try:
            server = InstanceServer(status)
            listening = server.listen()
        except ReplydeskError as failure:  # no data folder: nothing to share with other launches
            log.warning("not listening for other launches: %s", failure)
            return None
        if not listening:
            reply = send_command(command or "show", list(args))
            if reply is not None and not reply.get("ok"):
                error = reply.get("error", _("the running Replydesk did not answer"))
                print(f"replydesk: {error}", file=sys.stderr)
                return 1
            return 0
        server.commandReceived.connect(received)
        servers.append(server)
        return None

    if minimized and (lost := listen()) is not None:
        return lost
    window = start_window(visible=not minimized)

    def listen_after_paint() -> None:
        # The launch itself checked that nobody listens (cli.forwarding.forward); a launch at the
        # same moment may still win: then this window closes and that one shows.
        lost = listen()
        if lost is not None:
            window.keep_running_in_tray = False
            window.hide()
            app.exit(lost)

    if not minimized:
        window.firstPainted.connect(listen_after_paint)

    def log_start() -> None:
        from replydesk import __version__
        from replydesk.core import paths

        logs.setup(debug)
        try:
            folder = str(paths.data_dir())
        except ReplydeskError as error:  # the window's start error says so
            folder = str(error)
        log.info("Replydesk %s started; data folder %s", __version__, folder)

    if minimized:
        log_start()
    else:  # the log's set-up waits for the first paint, like everything not needed for it
        window.firstPainted.connect(log_start)

    def ready() -> None:
        from replydesk.ui.resident import Resident

        assert window.store is not None
        resident.append(Resident(window, window.store))
        resident[-1].paletteShown.connect(lambda: trace("palette-shown"))
        if minimized and resident[0].tray is None:
            window.show()  # nowhere to hide without a tray
        for name, values in pending:
            resident[0].handle_command(name, values)
        pending.clear()
        if tracing():
            trace("ready")
        if os.environ.get(QUIT_AFTER_READY_ENV) == "1":
            QTimer.singleShot(0, app.quit)

    window.ready.connect(ready)
    window.quitRequested.connect(app.quit)
    status_code = app.exec()
    for server in servers:
        server.close()
    wait_for_background_work()  # the start-up's warm-up or a list refresh may still run
    close_databases(window)
    return status_code


def close_databases(window: MainWindow) -> None:
    if window.store is not None:
        window.store.close()
    if window.catalog is not None:
        window.catalog.close()


def run_smoke_test(app: QApplication, window: MainWindow) -> int:
    """Open the window, fill every built-in template in it with example values, quit.

    Each reply goes through the window's own preview, a background render included where a
    template outgrows the interactive budget. 0, or 1 with the reason on stderr.
    """
    from replydesk.core.fields import example_values
    from replydesk.core.models import BUILTIN_ORIGIN

    outcome: dict[str, str] = {}
    waiting: list[str] = []  # the built-ins not rendered yet
    rendered = 0
    awaiting = False  # the shown template's reply is being prepared off the GUI thread

    def finish(key: str, message: str) -> None:
        outcome.setdefault(key, message)
        app.quit()

    def start() -> None:
        assert window.store is not None
        waiting.extend(
            row.id for row in window.store.list_templates() if row.origin == BUILTIN_ORIGIN
        )
        waiting.reverse()
        if not waiting:
            finish("error", _("no built-in template was found"))
        else:
            render_next()

    def render_next() -> None:
        nonlocal awaiting
        if not waiting:
            message = ngettext(
                "rendered {count} built-in template in the window",
                "rendered {count} built-in templates in the window",
                rendered,
            )
            finish("ok", message.format(count=rendered))
            return
        window.show_template(waiting[-1])
        filling = window.filling
        if filling is None:
            finish("error", _("a built-in template could not be shown"))
            return
        for name, value in example_values(filling.fields).items():
            filling.set_value(name, value)
        result = window.refresh_preview()
        awaiting = result.rendering
        if not awaiting:  # else previewUpdated brings the background render's
            shown(result)

    def background_shown(result: FillResult) -> None:
        nonlocal awaiting
        if awaiting and not result.rendering:
            awaiting = False
            shown(result)

    def shown(result: FillResult) -> None:
        nonlocal rendered
        if not (result.ok and result.text):
            # Translators: {name} is the template's name, {message} why it did not render.
            message = _("“{name}” did not render: {message}")
            finish("error", message.format(name=window.template_name, message=result.message))
            return
        waiting.pop()
        rendered += 1
        QTimer.singleShot(0, render_next)

    def failed_start(message: str) -> None:
        finish("error", _("the store did not open: {message}").format(message=message))

    def timeout() -> None:
        # Translators: {seconds} is the time allowed, {count} how many templates rendered.
        message = ngettext(
            "not finished after {seconds} s ({count} rendered)",
            "not finished after {seconds} s ({count} rendered)",
            rendered,
        )
        finish("error", message.format(seconds=SMOKE_TEST_SECONDS, count=rendered))

    def uncaught(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        # A bug in a slot ends the test at once, with its traceback (no dialog to wait on).
        from replydesk.core.logs import describe_error

        described = describe_error(kind, error, tb)
        log.error("uncaught error:\n%s", described)
        print(described, file=sys.stderr)
        # Translators: {kind} is the error's Python name (KeyError), {error} its own text.
        message = _("an error nobody caught: {kind}: {error}")
        finish("error", message.format(kind=kind.__name__, error=error))

    window.ready.connect(lambda: QTimer.singleShot(0, start))
    window.previewUpdated.connect(background_shown)
    window.startFailed.connect(failed_start)
    QTimer.singleShot(SMOKE_TEST_SECONDS * 1000, timeout)
    previous_hook, sys.excepthook = sys.excepthook, uncaught
    try:
        app.exec()
    finally:
        sys.excepthook = previous_hook
    close_databases(window)
    if "ok" in outcome and "error" not in outcome:
        # Translators: {outcome} says what was done ("rendered 25 built-in templates…").
        print(_("smoke test passed: {outcome}").format(outcome=outcome["ok"]))
        return 0
    reason = outcome.get("error", _("unknown reason"))
    print(_("smoke test failed: {reason}").format(reason=reason), file=sys.stderr)
    return 1
