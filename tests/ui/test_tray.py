"""The tray icon's menu and clicks. Offscreen there is no tray: the menu is tested as a
menu, the clicks by the activation signal the tray would send."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu, QSystemTrayIcon
from pytestqt.qtbot import QtBot

from replydesk.core import library, settings
from replydesk.core.catalog import Catalog, TemplateSummary
from replydesk.core.errors import StoreError
from replydesk.core.store import TemplateStore
from replydesk.ui import tray as tray_module
from replydesk.ui.labels import kind_label
from replydesk.ui.tray import TrayIcon, template_label

# A popup menu grabs the keyboard; the offscreen platform cannot and says so.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")

FAVORITE = "Away notice"
USED = "Delivery — work is ready"


@pytest.fixture
def ids(library_store: TemplateStore) -> dict[str, str]:
    """One favorite and one used template in the built-in library."""
    favorite = library_store.find_template(FAVORITE).id
    used = library_store.find_template(USED).id
    library_store.set_favorite(favorite, True)
    library_store.record_use(used)
    return {FAVORITE: favorite, USED: used}


def make_tray(qtbot: QtBot, store: TemplateStore) -> Iterator[TrayIcon]:
    icon = TrayIcon(Catalog(store.path), store)
    qtbot.addWidget(icon.menu())
    yield icon
    icon.hide()
    icon.deleteLater()


@pytest.fixture
def tray(qtbot: QtBot, library_store: TemplateStore, ids: dict[str, str]) -> Iterator[TrayIcon]:
    yield from make_tray(qtbot, library_store)


@pytest.fixture
def empty_tray(qtbot: QtBot, store: TemplateStore) -> Iterator[TrayIcon]:
    yield from make_tray(qtbot, store)


def entries(menu: QMenu) -> list[str]:
    """The menu as a user reads it: "-- Title" for a section, "--" for a separator,
    "Title >" for a submenu, "(text)" for a disabled item."""
    lines = []
    for action in menu.actions():
        if action.isSeparator():
            lines.append(f"-- {action.text()}".rstrip())
        elif action.menu() is not None:
            lines.append(f"{action.text()} >")
        elif not action.isEnabled():
            lines.append(f"({action.text()})")
        else:
            lines.append(action.text())
    return lines


def action_named(menu: QMenu, text: str) -> QAction:
    for action in menu.actions():
        if action.text().split("\t")[0] == text:
            return action
    raise AssertionError(f"no {text!r} in {entries(menu)}")


def submenu(menu: QMenu, title: str) -> QMenu:
    sub = action_named(menu, title).menu()
    assert isinstance(sub, QMenu), title
    return sub


def label(store: TemplateStore, name: str) -> str:
    row = store.find_template(name)
    return template_label(
        TemplateSummary(row.id, row.name, row.kind, row.language, [], row.favorite, 0)
    )


def open_menu(qtbot: QtBot, menu: QMenu) -> None:
    """Pop the menu up the way the tray does (aboutToShow fires), then close it."""
    menu.popup(QPoint(10, 10))
    qtbot.waitUntil(menu.isVisible)
    menu.hide()


# -- what the menu lists -------------------------------------------------------------------


def test_the_menu_lists_quick_paste_favorites_recent_kinds_open_and_quit(
    tray: TrayIcon, library_store: TemplateStore
) -> None:
    kinds = sorted((kind_label(kind) for kind in library_store.kinds()), key=str.casefold)
    assert len(kinds) == len(library.KINDS)
    assert entries(tray.menu()) == [
        "Quick paste…\tCtrl+Shift+Space",
        "-- Favorites",
        label(library_store, FAVORITE),
        "-- Recent",
        label(library_store, USED),
        "-- All templates",
        *(f"{kind} >" for kind in kinds),
        "--",
        "Open Replydesk",
        "Quit",
    ]
    assert label(library_store, FAVORITE) == "Away notice (en)"


def test_each_kind_submenu_lists_its_templates_with_their_language(
    tray: TrayIcon, library_store: TemplateStore, catalog: Catalog
) -> None:
    for kind in library_store.kinds():
        listed = entries(submenu(tray.menu(), kind_label(kind)))
        expected = [f"{summary.name} ({summary.language})" for summary in catalog.search(kind=kind)]
        assert listed == expected
        assert len(listed) >= 5  # one per built-in language at least
    greeting = entries(submenu(tray.menu(), "Greeting"))
    assert "Greeting — new order (en)" in greeting
    assert "Приветствие — новый заказ (ru)" in greeting


def test_each_reply_is_offered_once_in_the_current_clients_language(
    tray: TrayIcon, library_store: TemplateStore, ids: dict[str, str]
) -> None:
    """The user writes English; the current client is Russian: the favorite (the English
    away notice), the used reply and every kind are offered in Russian, each once."""
    settings.REPLY_LANGUAGES.write(library_store, ["en"])
    order = library_store.create_order({"client_name": "Иван", "language": "ru"})
    library_store.current_order_id = order.id
    tray.rebuild_menu()  # as when the menu is about to show
    lines = entries(tray.menu())
    favorites = lines[lines.index("-- Favorites") + 1 : lines.index("-- Recent")]
    assert favorites == ["Автоответ — меня нет на месте (ru)"]
    recent = lines[lines.index("-- Recent") + 1 : lines.index("-- All templates")]
    assert recent == ["Сдача готовой работы (ru)"]
    assert entries(submenu(tray.menu(), "Greeting")) == ["Приветствие — новый заказ (ru)"]
    for kind in library_store.kinds():
        listed = entries(submenu(tray.menu(), kind_label(kind)))
        assert len(listed) == 1 and listed[0].endswith("(ru)"), (kind, listed)


def test_the_icon_says_replydesk_and_uses_the_menu(qtbot: QtBot, tray: TrayIcon) -> None:
    icon = tray.findChild(QSystemTrayIcon)
    assert isinstance(icon, QSystemTrayIcon)
    assert icon.toolTip() == "Replydesk"
    assert not icon.icon().isNull()
    assert icon.contextMenu() is tray.menu()


def test_without_favorites_or_uses_the_menu_says_so_and_leaves_recent_out(
    qtbot: QtBot, library_store: TemplateStore
) -> None:
    for icon in make_tray(qtbot, library_store):
        lines = entries(icon.menu())
        assert lines[1:3] == ["-- Favorites", "(No favorites yet (star one in the window))"]
        assert "-- Recent" not in lines
        assert "-- All templates" in lines


def test_an_empty_library_leaves_only_the_commands(empty_tray: TrayIcon) -> None:
    assert entries(empty_tray.menu()) == [
        "Quick paste…\tCtrl+Shift+Space",
        "--",
        "(No templates yet)",
        "--",
        "Open Replydesk",
        "Quit",
    ]


def test_a_store_error_shows_in_the_menu_instead_of_templates(
    tray: TrayIcon, library_store: TemplateStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> list[TemplateSummary]:
        raise StoreError("the database is locked")

    monkeypatch.setattr(Catalog, "summaries", broken)
    tray.rebuild_menu()
    lines = entries(tray.menu())
    assert "(Templates unavailable: the database is locked)" in lines
    assert lines[-2:] == ["Open Replydesk", "Quit"]
    assert lines[0].startswith("Quick paste…")


def test_favorites_are_capped(qtbot: QtBot, library_store: TemplateStore, catalog: Catalog) -> None:
    for summary in catalog.summaries()[:20]:
        library_store.set_favorite(summary.id, True)
    for icon in make_tray(qtbot, library_store):
        lines = entries(icon.menu())
        favorites = lines[lines.index("-- Favorites") + 1 : lines.index("-- All templates")]
        assert len(favorites) == tray_module.MAX_FAVORITES == 15


def test_a_long_kind_ends_with_a_link_to_the_window(
    qtbot: QtBot, library_store: TemplateStore, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tray_module, "MAX_PER_KIND", 2)
    for icon in make_tray(qtbot, library_store):
        greeting = submenu(icon.menu(), "Greeting")
        count = len(catalog.search(kind="greeting"))
        assert entries(greeting)[2:] == ["--", f"{count - 2} more in Replydesk…"]
        with qtbot.waitSignal(icon.openRequested, timeout=10_000):
            action_named(greeting, f"{count - 2} more in Replydesk…").trigger()


def test_template_labels_escape_ampersands_and_shorten_long_names() -> None:
    summary = TemplateSummary("id", "Q&A", "greeting", "en", [], False, 0)
    assert template_label(summary) == "Q&&A (en)"
    long = summary._replace(name="x" * 100)
    text = template_label(long)
    assert text.endswith("… (en)")
    assert len(text) == tray_module.MAX_LABEL_CHARS + len(" (en)")


# -- what the items do ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("Quick paste…", "quickPasteRequested"),
        ("Open Replydesk", "openRequested"),
        ("Quit", "quitRequested"),
    ],
)
def test_the_commands_emit_their_signals(
    qtbot: QtBot, tray: TrayIcon, text: str, signal: str
) -> None:
    others = [
        getattr(tray, name)
        for name in ("quickPasteRequested", "openRequested", "quitRequested", "templateChosen")
        if name != signal
    ]
    with qtbot.waitSignal(getattr(tray, signal), timeout=10_000):
        for other in others:
            other.connect(lambda *_args: pytest.fail(f"{text} emitted another signal"))
        action_named(tray.menu(), text).trigger()


def test_choosing_a_template_anywhere_emits_its_id_once(
    qtbot: QtBot, tray: TrayIcon, library_store: TemplateStore, ids: dict[str, str]
) -> None:
    chosen: list[str] = []
    tray.templateChosen.connect(chosen.append)
    menu = tray.menu()

    action_named(menu, label(library_store, FAVORITE)).trigger()
    action_named(menu, label(library_store, USED)).trigger()
    greeting_en = library_store.find_template("Greeting — new order").id
    action_named(submenu(menu, "Greeting"), "Greeting — new order (en)").trigger()

    assert chosen == [ids[FAVORITE], ids[USED], greeting_en]


@pytest.mark.parametrize(
    ("reason", "signal"),
    [
        (QSystemTrayIcon.ActivationReason.Trigger, "openRequested"),
        (QSystemTrayIcon.ActivationReason.MiddleClick, "quickPasteRequested"),
    ],
)
def test_clicking_the_icon(
    qtbot: QtBot, tray: TrayIcon, reason: QSystemTrayIcon.ActivationReason, signal: str
) -> None:
    icon = tray.findChild(QSystemTrayIcon)
    assert icon is not None
    with qtbot.waitSignal(getattr(tray, signal), timeout=10_000):
        icon.activated.emit(reason)


def test_a_right_click_only_opens_the_menu(qtbot: QtBot, tray: TrayIcon) -> None:
    icon = tray.findChild(QSystemTrayIcon)
    assert icon is not None
    with (
        qtbot.assertNotEmitted(tray.openRequested),
        qtbot.assertNotEmitted(tray.quickPasteRequested),
    ):
        icon.activated.emit(QSystemTrayIcon.ActivationReason.Context)


# -- always current ------------------------------------------------------------------------


def test_the_menu_is_rebuilt_each_time_it_opens(
    qtbot: QtBot, tray: TrayIcon, library_store: TemplateStore
) -> None:
    menu = tray.menu()
    starred = library_store.find_template("Greeting — new order")
    library_store.set_favorite(starred.id, True)
    library_store.record_use(starred.id)
    assert "Greeting — new order (en)" not in entries(menu)[:4]

    open_menu(qtbot, menu)
    lines = entries(menu)
    favorites = lines[lines.index("-- Favorites") + 1 : lines.index("-- Recent")]
    recent = lines[lines.index("-- Recent") + 1 : lines.index("-- All templates")]
    assert "Greeting — new order (en)" in favorites
    assert recent[0] == "Greeting — new order (en)"  # the newest use first

    chosen: list[str] = []
    tray.templateChosen.connect(chosen.append)
    action_named(menu, "Greeting — new order (en)").trigger()
    assert chosen == [starred.id]


def test_a_deleted_template_leaves_the_menu_when_it_next_opens(
    qtbot: QtBot, tray: TrayIcon, library_store: TemplateStore, ids: dict[str, str]
) -> None:
    library_store.delete_template(ids[FAVORITE])
    open_menu(qtbot, tray.menu())
    assert label(library_store, USED) in entries(tray.menu())
    assert "(No favorites yet (star one in the window))" in entries(tray.menu())
    away = entries(submenu(tray.menu(), "Away notice"))
    assert "Away notice (en)" not in away


def test_rebuilding_does_not_pile_up_submenus(qtbot: QtBot, tray: TrayIcon) -> None:
    for _ in range(3):
        open_menu(qtbot, tray.menu())
    # The old submenus are deleted by the event loop (deleteLater), once it runs.
    qtbot.waitUntil(
        lambda: len(tray.menu().findChildren(QMenu)) == len(library.KINDS), timeout=10_000
    )


def test_available_is_false_without_a_tray(qtbot: QtBot) -> None:
    if QGuiApplication.platformName() != "offscreen":
        pytest.skip("a real display may have a tray")
    assert TrayIcon.available() is False
