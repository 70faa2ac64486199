"""The resident app: the tray, the quick-paste palette and commands from other launches."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication

from replydesk.core import settings
from replydesk.core.i18n import _
from replydesk.ui.tray import QUICK_PASTE_SHORTCUT

if TYPE_CHECKING:
    from replydesk.core.store import TemplateStore
    from replydesk.ui.main_window import MainWindow
    from replydesk.ui.palette import QuickPalette
    from replydesk.ui.tray import TrayIcon


class Resident(QObject):
    """Wires the window, the palette, the tray and the commands sent by `replydesk quick`,
    `replydesk import FILE` or a second `replydesk`. It uses the window's public methods
    and signals only."""

    paletteShown = Signal()  # the quick-paste palette was opened (the benchmark traces it)

    def __init__(self, window: MainWindow, store: TemplateStore, *, use_tray: bool = True) -> None:
        super().__init__(window)
        from replydesk.ui.palette import QuickPalette
        from replydesk.ui.tray import TrayIcon

        self.window = window
        self.store = store
        assert window.catalog is not None
        self.palette: QuickPalette = QuickPalette(store, window.catalog, events=window.events)
        self.palette.copied.connect(self._copied_from_palette)
        self.palette.pasteFailed.connect(lambda reason: self._notify(_("Not pasted"), reason))
        self.palette.orderSwitched.connect(window.switch_order)
        self.tray: TrayIcon | None = None
        if use_tray and TrayIcon.available():
            self.tray = TrayIcon(window.catalog, store, self)
            self.tray.quickPasteRequested.connect(self.quick_paste)
            self.tray.openRequested.connect(self.show_window)
            self.tray.quitRequested.connect(self.quit)
            self.tray.templateChosen.connect(self.paste_template)
            self.tray.show()
            window.keep_running_in_tray = True
            window.hiddenToTray.connect(self._hidden_to_tray)
        elif use_tray:
            QTimer.singleShot(0, self._say_no_tray_once)
        window.quitRequested.connect(self.quit)
        self.shortcut = QShortcut(QKeySequence(QUICK_PASTE_SHORTCUT), window)
        self.shortcut.activated.connect(self.quick_paste)

    # -- commands --------------------------------------------------------------------

    def handle_command(self, command: str, args: list[str]) -> None:
        """A command from another launch (see docs/ipc.md)."""
        if command == "show":
            self.show_window()
        elif command == "quick":
            self.quick_paste()
        elif command == "import" and args:
            self.show_window()
            self.window.import_file(Path(args[0]))

    def status(self) -> dict[str, object]:
        """What `replydesk`'s "status" request answers; "import_open" also makes the
        instance server refuse a further import while one is read or previewed."""
        return {
            "window_visible": self.window.isVisible(),
            "palette_visible": self.palette.isVisible(),
            "tray": self.tray is not None,
            "import_open": self.window.import_in_progress(),
        }

    def show_window(self) -> None:
        window = self.window
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()

    def quick_paste(self) -> None:
        self.window.flush_pending()  # the palette reads the order from the store
        self.palette.open_palette()
        self.paletteShown.emit()

    def paste_template(self, template_id: str) -> None:
        """From the tray: copy at once when nothing is missing, else ask in the palette."""
        self.window.flush_pending()
        self.palette.open_palette(template_id)

    def quit(self) -> None:
        self.window.keep_running_in_tray = False
        self.palette.hide()
        if self.tray is not None:
            self.tray.hide()
        self.window.close()
        QApplication.quit()

    # -- notices ---------------------------------------------------------------------

    def _copied_from_palette(self, template_id: str, name: str, text: str) -> None:
        first_line = text.strip().splitlines()[0] if text.strip() else ""
        # Translators: {name} is the template's name.
        copied = _("Copied “{name}”").format(name=name)
        self._notify(copied, first_line[:80])
        self.window.show_notice(copied, 3000)

    def _notify(self, title: str, text: str) -> None:
        if self.tray is not None:
            self.tray.notify(title, text)
        else:
            # Translators: a notification in the status bar: its title, then its text.
            notice = _("{title}: {text}").format(title=title, text=text) if text else title
            self.window.show_notice(notice, 4000)

    def _hidden_to_tray(self) -> None:
        if settings.TRAY_NOTICE_SHOWN.first_time(self.store):
            self._notify(
                _("Replydesk is still running"),
                # Translators: "File → Quit" names the window's menu and its item.
                _("It keeps running in the tray. Quit from the tray menu or File → Quit."),
            )

    def _say_no_tray_once(self) -> None:
        if settings.NO_TRAY_NOTICE_SHOWN.first_time(self.store):
            self.window.show_notice(
                # Translators: {shortcut} is a key combination; `replydesk quick` is a command.
                _(
                    "This desktop has no system tray: Replydesk works as an ordinary window "
                    "(quick paste: {shortcut} or `replydesk quick`)."
                ).format(shortcut=QUICK_PASTE_SHORTCUT),
                10000,
            )
