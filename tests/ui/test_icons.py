"""Icons: every SVG loads, unknown names are refused, colours follow the palette."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from replydesk.core.shipped import resources_dir
from replydesk.ui.icons import app_icon, icon

ICON_DIR = resources_dir() / "icons"
LINE_ICONS = sorted(path.stem for path in ICON_DIR.glob("*.svg") if path.stem != "replydesk")
REQUIRED = {
    "search", "copy", "add", "duplicate", "edit", "delete", "star", "star-filled", "trash",
    "restore", "undo", "order", "profile", "import", "export", "settings", "warning",
    "check", "close", "menu",
}  # fmt: skip


def opaque_colours(result: QIcon, size: int = 48, min_alpha: int = 255) -> list[QColor]:
    """The colours of the icon's pixels drawn at `size` px, at least `min_alpha` opaque."""
    image = result.pixmap(size).toImage()
    colours = []
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            if colour.alpha() >= min_alpha:
                colours.append(colour)
    return colours


@pytest.fixture
def text_colour(qapp: QApplication) -> Iterator[QColor]:
    """The application palette's text drawn in an unmistakable red for one test."""
    original = QPalette(QApplication.palette())
    red = QColor("#d01020")
    palette = QPalette(original)
    palette.setColor(QPalette.ColorRole.WindowText, red)
    QApplication.setPalette(palette)
    try:
        yield red
    finally:
        QApplication.setPalette(original)


def test_the_icon_set_is_complete() -> None:
    assert sorted(REQUIRED - set(LINE_ICONS)) == []


@pytest.mark.parametrize("name", LINE_ICONS)
def test_every_icon_file_is_a_24px_line_icon_in_the_current_colour(name: str) -> None:
    svg = (ICON_DIR / f"{name}.svg").read_text(encoding="utf-8")
    assert 'viewBox="0 0 24 24"' in svg
    assert 'stroke="currentColor"' in svg
    assert 'stroke-width="2"' in svg
    assert re.search(r"#[0-9a-fA-F]{3,8}\b", svg) is None, "colours must come from the palette"


@pytest.mark.parametrize("name", LINE_ICONS)
def test_every_icon_loads_at_every_size(qapp: QApplication, name: str) -> None:
    result = icon(name)
    assert not result.isNull()
    for size in (16, 24, 32, 48):
        pixmap = result.pixmap(size)
        assert pixmap.width() == size
        # Thin lines at 16 px are anti-aliased over two pixel rows: half opaque is drawn.
        assert opaque_colours(result, size, 128), f"{name} draws nothing at {size} px"


@pytest.mark.parametrize("name", ["no-such-icon", "../icons/search", ""])
def test_an_unknown_icon_is_a_key_error_naming_it(qapp: QApplication, name: str) -> None:
    with pytest.raises(KeyError, match="no icon named"):
        icon(name)


def test_icons_are_drawn_in_the_palette_text_colour(text_colour: QColor) -> None:
    colours = opaque_colours(icon("check"))
    assert len(colours) > 20
    assert {colour.name() for colour in colours} == {text_colour.name()}


def test_a_new_palette_gives_icons_in_the_new_colour(qapp: QApplication) -> None:
    before = opaque_colours(icon("menu"))[0].name()
    original = QPalette(QApplication.palette())
    dark = QPalette(original)
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    QApplication.setPalette(dark)
    try:
        after = opaque_colours(icon("menu"))[0].name()
    finally:
        QApplication.setPalette(original)
    assert before == original.color(QPalette.ColorRole.WindowText).name()
    assert after == "#eeeeee"


def test_an_explicit_colour_wins_over_the_palette(qapp: QApplication) -> None:
    colours = opaque_colours(icon("star-filled", QColor("#e5a50a")))
    assert {colour.name() for colour in colours} == {"#e5a50a"}


def test_the_filled_star_is_filled_and_the_outline_is_not(qapp: QApplication) -> None:
    assert len(opaque_colours(icon("star-filled"))) > 2 * len(opaque_colours(icon("star")))


def test_the_app_icon_keeps_its_own_colours(text_colour: QColor) -> None:
    colours = opaque_colours(app_icon(), 64)
    names = {colour.name() for colour in colours}
    assert "#ffffff" in names
    assert text_colour.name() not in names
    assert any(c.blue() > 150 and c.red() < 100 for c in colours), "the blue background"
