"""The main window's actions and menus: texts, shortcuts and tips, nothing else.

The window connects each action to what it does; views never reach for an action by name
from elsewhere.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from replydesk.core.i18n import _, pgettext


def _action(
    window: QMainWindow,
    text: str,
    shortcuts: tuple[str | QKeySequence.StandardKey, ...] = (),
    tip: str = "",
) -> QAction:
    action = QAction(text, window)
    if shortcuts:
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    window.addAction(action)  # shortcuts work while the menus are closed too
    return action


class WindowActions:
    """Every menu command of the main window."""

    def __init__(self, window: QMainWindow) -> None:
        self.new = _action(window, _("&New template…"), ("Ctrl+N",))
        self.quit = _action(window, _("&Quit"), ("Ctrl+Q",))
        self.import_ = _action(
            window,
            _("&Import templates…"),
            ("Ctrl+I",),
            _("Import a .replydesk file, a zip or a folder of template files"),
        )
        self.export = _action(
            window,
            _("E&xport templates…"),
            ("Ctrl+Shift+E",),
            _("Export templates to a .replydesk file or a folder"),
        )
        self.copy = _action(
            window,
            _("&Copy reply"),
            ("Ctrl+Return", "Ctrl+Enter"),
            _("Copy the filled reply to the clipboard"),
        )
        self.find = _action(
            window, _("&Find template"), ("Ctrl+F", "Ctrl+K"), _("Search templates")
        )
        self.undo = _action(window, _("&Undo delete"), ("Ctrl+Z",))
        self.undo.setEnabled(False)
        self.profile = _action(window, _("&Profile and settings…"))
        # Translators: the Template menu's item that opens the shown template in the editor.
        self.edit = _action(window, pgettext("template menu", "&Edit…"), ("F2", "Ctrl+E"))
        self.duplicate = _action(window, _("&Duplicate…"), ("Ctrl+D",))
        # Translators: the Template menu's item: the same reply written in another language.
        self.add_variant = _action(
            window,
            _("Add a &variant in another language…"),
            tip=_("Write this reply for clients of another language"),
        )
        # Translators: the Template menu's item: this template joins another reply.
        self.join_reply = _action(
            window,
            _("Make it a variant of &another reply…"),
            tip=_("Join a reply written in other languages, as its variant in this one"),
        )
        # Translators: the Template menu's item: this variant becomes a reply of its own.
        self.separate = _action(
            window,
            _("&Separate from its reply"),
            tip=_("Make this variant a reply of its own, apart from its other languages"),
        )
        # Translators: a check mark item of the Template menu: the template is starred.
        self.favorite = _action(window, pgettext("template menu", "&Favorite"), ("Ctrl+B",))
        self.favorite.setCheckable(True)
        self.delete = _action(window, _("&Move to trash"), ("Del",))
        # Translators: opens the trash (the deleted templates).
        self.trash = _action(window, pgettext("template menu", "&Trash…"))
        self.restore = _action(
            window,
            _("&Restore from backup…"),
            tip=_("Put back the templates, orders and settings of an earlier backup"),
        )
        self.about = _action(window, _("&About Replydesk"))
        self.needing_store = (
            self.new,
            self.copy,
            self.find,
            self.profile,
            self.trash,
            self.restore,
            self.import_,
            self.export,
        )
        self.needing_template = (
            self.edit,
            self.duplicate,
            self.add_variant,
            self.join_reply,
            self.favorite,
            self.delete,
        )
        self._build_menus(window)

    def _build_menus(self, window: QMainWindow) -> None:
        bar = window.menuBar()
        # Translators: a menu of the main window; the letter after & opens it with Alt.
        file_menu = bar.addMenu(pgettext("menu", "&File"))
        file_menu.addAction(self.new)
        file_menu.addSeparator()
        for action in (self.import_, self.export, self.restore):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        edit_menu = bar.addMenu(pgettext("menu", "&Edit"))
        edit_menu.addAction(self.undo)
        edit_menu.addSeparator()
        edit_menu.addAction(self.copy)
        edit_menu.addAction(self.find)
        edit_menu.addSeparator()
        edit_menu.addAction(self.profile)
        template_menu = bar.addMenu(pgettext("menu", "&Template"))
        for action in (self.edit, self.duplicate):
            template_menu.addAction(action)
        template_menu.addSeparator()
        for action in (self.add_variant, self.join_reply, self.separate):
            template_menu.addAction(action)
        template_menu.addSeparator()
        template_menu.addAction(self.favorite)
        template_menu.addSeparator()
        template_menu.addAction(self.delete)
        template_menu.addAction(self.trash)
        help_menu = bar.addMenu(pgettext("menu", "&Help"))
        help_menu.addAction(self.about)

    def enable(self, *, store: bool, template: bool, variant: bool = False) -> None:
        """`variant`: the template is one of its reply's variants (it can be separated)."""
        for action in self.needing_store:
            action.setEnabled(store)
        for action in self.needing_template:
            action.setEnabled(store and template)
        self.separate.setEnabled(store and template and variant)


__all__ = ["WindowActions"]
