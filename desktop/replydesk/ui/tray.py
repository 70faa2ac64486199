"""The system tray icon and its menu: quick paste, favorites, recent replies, every kind."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from PySide6.QtCore import QObject, QRect, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from replydesk.core.catalog import Catalog, TemplateSummary
from replydesk.core.errors import ReplydeskError
from replydesk.core.i18n import _, ngettext, pgettext
from replydesk.core.quick_replies import as_replies, matching_replies, reply_languages
from replydesk.core.store import TemplateStore
from replydesk.ui.icons import app_icon
from replydesk.ui.labels import kind_label

QUICK_PASTE_SHORTCUT = "Ctrl+Shift+Space"
MAX_FAVORITES = 15
MAX_RECENT = 8
MAX_PER_KIND = 30
MAX_LABEL_CHARS = 60


def template_label(summary: TemplateSummary) -> str:
    """A template as a menu item: its name (shortened if long) and language code."""
    name = summary.name.strip() or _("(untitled)")
    if len(name) > MAX_LABEL_CHARS:
        name = name[: MAX_LABEL_CHARS - 1].rstrip() + "…"
    # A lone "&" would turn the next letter into a mnemonic.
    return f"{name} ({summary.language})".replace("&", "&&")


class TrayIcon(QObject):
    """Replydesk in the system tray. The menu is rebuilt every time it is about to show,
    so it always lists the current favorites, recent templates and kinds.

    Only the signals leave this class: the resident app decides what they do.
    """

    quickPasteRequested = Signal()
    openRequested = Signal()
    quitRequested = Signal()
    templateChosen = Signal(str)  # template id

    def __init__(
        self, catalog: Catalog, store: TemplateStore, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._store = store  # the current order's language and the user's languages
        # A QMenu cannot have a QObject parent: it lives as long as this object.
        self._menu = QMenu()
        self._menu.setTitle("Replydesk")
        self._menu.aboutToShow.connect(self.rebuild_menu)
        self._menu.triggered.connect(self._on_triggered)
        self.destroyed.connect(self._menu.deleteLater)
        self._submenus: list[QMenu] = []

        self._quick_paste = QAction(_("Quick paste…"), self)
        self._quick_paste.setToolTip(_("Find a template, fill what is missing, copy"))
        self._quick_paste.triggered.connect(self.quickPasteRequested)
        self._open = QAction(_("Open Replydesk"), self)
        self._open.triggered.connect(self.openRequested)
        self._quit = QAction(pgettext("tray menu", "Quit"), self)
        self._quit.setMenuRole(QAction.MenuRole.QuitRole)
        self._quit.triggered.connect(self.quitRequested)

        self._tray = QSystemTrayIcon(app_icon(), self)
        self._tray.setToolTip("Replydesk")
        self._tray.setContextMenu(self._menu)
        self._tray.activated.connect(self._on_activated)
        self.rebuild_menu()

    # -- public API --------------------------------------------------------------------

    @staticmethod
    def available() -> bool:
        """True when the desktop has a system tray. Needs a QApplication (Qt crashes
        without one), so this says False before there is one."""
        if QGuiApplication.instance() is None:
            return False
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        self._tray.show()

    def hide(self) -> None:
        self._tray.hide()

    def is_visible(self) -> bool:
        return self._tray.isVisible()

    def geometry(self) -> QRect:
        """Where the icon is on the screen; empty until the tray has placed it (about
        200 ms after show() on X11)."""
        return self._tray.geometry()

    def notify(self, title: str, text: str, ms: int = 2500) -> None:
        """A short notification bubble from the tray icon."""
        self._tray.showMessage(title, text, app_icon(), ms)

    def menu(self) -> QMenu:
        return self._menu

    def rebuild_menu(self) -> None:
        """Fill the menu from the store as it is now."""
        menu = self._menu
        menu.clear()
        for submenu in self._submenus:
            submenu.deleteLater()
        self._submenus = []

        shortcut = QKeySequence(QUICK_PASTE_SHORTCUT).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        # Text after a tab shows as the shortcut column; the key itself is the window's
        # global shortcut, not this menu's, so it is only shown here, never registered.
        self._quick_paste.setText(f"{_('Quick paste…')}\t{shortcut}")
        menu.addAction(self._quick_paste)
        try:
            self._add_templates(menu)
        except ReplydeskError as error:
            menu.addSeparator()
            self._disabled(menu, _("Templates unavailable: {error}").format(error=error))
        menu.addSeparator()
        menu.addAction(self._open)
        menu.addAction(self._quit)

    # -- building ----------------------------------------------------------------------

    def _add_templates(self, menu: QMenu) -> None:
        # A section is already a separator line (with a title): no plain one before it.
        # Each reply once, in the current client's language where it has a variant in it.
        try:
            current = self._store.current_order_id
        except ReplydeskError:
            current = None
        languages = reply_languages(self._store, current)
        summaries = matching_replies(self._catalog, None, languages)
        if not summaries:
            menu.addSeparator()
            self._disabled(menu, _("No templates yet"))
            return

        # Translators: a section of the tray menu: the starred templates.
        menu.addSection(pgettext("tray menu", "Favorites"))
        # A starred variant offers its reply in the client's language, as the list does.
        starred = [summary for summary in self._catalog.summaries() if summary.favorite]
        favorites = as_replies(self._catalog, starred, languages)[:MAX_FAVORITES]
        if favorites:
            self._add_template_actions(menu, favorites)
        else:
            self._disabled(menu, _("No favorites yet (star one in the window)"))

        recent = as_replies(self._catalog, self._catalog.recent(MAX_RECENT), languages)
        if recent:
            # Translators: a section of the tray menu: the templates used last.
            menu.addSection(pgettext("tray menu", "Recent"))
            self._add_template_actions(menu, recent)

        by_kind: dict[str, list[TemplateSummary]] = {}
        for summary in summaries:
            by_kind.setdefault(summary.kind, []).append(summary)
        menu.addSection(pgettext("tray menu", "All templates"))
        for kind in sorted(by_kind, key=lambda k: kind_label(k).casefold()):
            submenu = menu.addMenu(kind_label(kind).replace("&", "&&"))
            self._submenus.append(submenu)
            templates = by_kind[kind]
            self._add_template_actions(submenu, templates[:MAX_PER_KIND])
            if len(templates) > MAX_PER_KIND:
                submenu.addSeparator()
                hidden = len(templates) - MAX_PER_KIND
                # Translators: the last item of a kind's submenu; it opens the window.
                more_text = ngettext(
                    "{count} more in Replydesk…", "{count} more in Replydesk…", hidden
                )
                more = submenu.addAction(more_text.format(count=hidden))
                more.triggered.connect(self.openRequested)

    def _add_template_actions(self, menu: QMenu, summaries: Iterable[TemplateSummary]) -> None:
        for summary in summaries:
            action = menu.addAction(template_label(summary))
            action.setData(summary.id)

    @staticmethod
    def _disabled(menu: QMenu, text: str) -> None:
        menu.addAction(text.replace("&", "&&")).setEnabled(False)

    # -- events ------------------------------------------------------------------------

    def _on_triggered(self, action: QAction) -> None:
        # Every template action, in the menu or a submenu, carries its template id.
        template_id = action.data()
        if isinstance(template_id, str) and template_id:
            self.templateChosen.emit(template_id)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            # On macOS a click opens the menu and also reports Trigger: leave it to the menu.
            if sys.platform != "darwin":
                self.openRequested.emit()
        elif reason == QSystemTrayIcon.ActivationReason.MiddleClick:
            self.quickPasteRequested.emit()
