"""Take the README's screenshots of the real window on an X display (Xvfb works).

    Xvfb :77 -screen 0 1400x900x24 & DISPLAY=:77 python scripts/screenshots.py
    DISPLAY=:77 python scripts/screenshots.py --ui ru    # the window speaking Russian

Uses a demo data folder (a profile and one order) so the pictures never show real data.
Writes resources/screenshots/*.png; with `--ui CODE`, ui-CODE.png (the main window with
a template of that language) and profile-CODE.png (Profile and settings).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "screenshots"


def after(ms: int, *actions: Callable[[], object]) -> None:
    """Run `actions` one after the other, `ms` milliseconds from now."""
    from PySide6.QtCore import QTimer

    def run() -> None:
        for action in actions:
            action()

    QTimer.singleShot(ms, run)


def prepare_demo_data(client_language: str) -> None:
    os.environ["REPLYDESK_DATA_DIR"] = tempfile.mkdtemp(prefix="replydesk-shots-")
    from replydesk.core import settings
    from replydesk.core.library import sync_builtin
    from replydesk.core.store import TemplateStore

    with TemplateStore.open_default() as store:
        sync_builtin(store)
        store.update_profile(
            {
                "my_name": "Alex Morgan",
                "signature.en": "Brand & logo design",
                "default_currency": "USD",
            }
        )
        order = store.create_order(
            {
                "client_name": "Anna",
                "order_id": "FO81C2D3",
                "service": "Logo design",
                "price": Decimal("120"),
                "currency": "USD",
                "deadline": dt.date.today() + dt.timedelta(days=5),
                "platform": "Fiverr",
                "language": client_language,
            }
        )
        store.current_order_id = order.id
        store.set_setting("welcome_done", "1")  # the welcome has its own picture
        settings.REPLY_LANGUAGES.write(store, ("en", "ru"))  # each reply once, "My languages"


def main(argv: list[str]) -> int:
    if not os.environ.get("DISPLAY"):
        print("needs an X display: Xvfb :77 & DISPLAY=:77 python scripts/screenshots.py")
        return 2
    ui_language = argv[1] if len(argv) == 2 and argv[0] == "--ui" else None
    sys.path.insert(0, str(ROOT / "desktop"))
    prepare_demo_data(ui_language or "en")  # the client writes as the window speaks
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QWidget

    from replydesk.app import make_application, start_window
    from replydesk.core import library
    from replydesk.ui.language import apply_language

    app = make_application([])
    if ui_language is not None:
        apply_language(ui_language)
    window = start_window()
    window.resize(1280, 800)
    window.move(0, 0)
    OUT.mkdir(parents=True, exist_ok=True)
    builtin = {(t.language, t.kind): t for t in library.load_builtin()}

    def shoot(widget: QWidget, name: str) -> None:
        widget.raise_()
        widget.activateWindow()
        app.processEvents()
        screen = widget.screen()
        frame = widget.frameGeometry()
        picture = screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
        picture.save(str(OUT / f"{name}.png"))
        print(f"wrote {OUT / name}.png")

    steps: list[Callable[[], None]] = []

    def step(delay_ms: int) -> Callable[[Callable[[], None]], Callable[[], None]]:
        def register(function: Callable[[], None]) -> Callable[[], None]:
            steps.append(lambda: QTimer.singleShot(delay_ms, function))
            return function

        return register

    def run_next() -> None:
        if steps:
            steps.pop(0)()

    if ui_language is not None:

        @step(300)
        def in_language() -> None:
            window.templates.select(builtin[(ui_language, "greeting")].id)
            after(500, lambda: shoot(window, f"ui-{ui_language}"), run_next)

        @step(100)
        def profile() -> None:
            window.edit_profile()
            dialog = window.profile_dialog
            assert dialog is not None
            dialog.move(200, 80)
            after(500, lambda: shoot(dialog, f"profile-{ui_language}"), dialog.reject, run_next)

    @step(300)
    def english() -> None:
        window.templates.select(builtin[("en", "greeting")].id)
        form = window.form.editor("first_step")
        if form is not None:
            form.set_value("review your brief and send three first sketches")
            window.form.valueChanged.emit("first_step", form.value())
        after(400, lambda: shoot(window, "main-en"), run_next)

    @step(100)
    def russian() -> None:
        window.templates.select(builtin[("ru", "upsell_options")].id)
        after(400, lambda: shoot(window, "main-ru"), run_next)

    @step(100)
    def editor() -> None:
        window.templates.select(builtin[("en", "upsell_options")].id)
        window.edit_template()
        dialog = window.editor
        assert dialog is not None
        dialog.resize(1100, 760)
        dialog.move(60, 20)
        after(600, lambda: shoot(dialog, "editor"), dialog.reject, run_next)

    @step(100)
    def palette() -> None:
        from replydesk.ui.palette import QuickPalette

        assert window.store is not None and window.catalog is not None
        quick = QuickPalette(window.store, window.catalog)
        window.quick = quick  # type: ignore[attr-defined]
        quick.open_palette()
        quick.search.setText("refu")
        after(500, lambda: shoot(quick, "palette"), quick.hide, run_next)

    @step(100)
    def restore() -> None:
        from replydesk.core import backups
        from replydesk.ui.backup_dialog import RestoreDialog

        assert window.store is not None
        store = window.store
        backups.make_backup(store.path, store.backup_dir, "daily")
        backups.make_backup(store.path, store.backup_dir, "import")
        dialog = RestoreDialog(backups.list_backups(store.backup_dir), store.backup_dir, window)
        dialog.move(200, 150)
        dialog.show()
        after(400, lambda: shoot(dialog, "restore"), dialog.reject, run_next)

    @step(100)
    def recovery() -> None:
        from replydesk.core import backups
        from replydesk.ui.main_window import MainWindow
        from replydesk.ui.settings import window_settings

        assert window.store is not None
        store = window.store
        damaged = MainWindow(window_settings())
        damaged.resize(900, 520)
        damaged.move(100, 60)
        damaged.show_recovery(
            f"{store.path} is not a Replydesk database, or it is damaged",
            store.path.with_name("replydesk.sqlite3.damaged-20261124-093012"),
            backups.list_backups(store.backup_dir)[0],
        )
        damaged.show()
        window.recovery = damaged  # type: ignore[attr-defined]
        after(400, lambda: shoot(damaged, "recovery"), damaged.hide, run_next)

    if ui_language is not None:
        del steps[2:]  # only the pictures of this language

    @step(100)
    def done() -> None:
        window.close()
        app.quit()

    window.ready.connect(run_next)
    QTimer.singleShot(30_000, app.quit)
    app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
