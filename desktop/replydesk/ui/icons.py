"""SVG icons from resources/icons/, drawn in the palette's text colour (light and dark)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from replydesk.core import shipped

ICON_SIZES: tuple[int, ...] = (16, 24, 32, 48)
APP_ICON_SIZES: tuple[int, ...] = (16, 24, 32, 48, 64, 128, 256)
APP_ICON_NAME = "replydesk"

_cache: dict[tuple[str, str, float], QIcon] = {}


def icons_dir() -> Path:
    return shipped.resources_dir() / "icons"


@cache
def _svg_text(name: str) -> str:
    path = icons_dir() / f"{name}.svg"
    # A name is a file stem, never a path: "../x" must not reach outside the folder.
    if "/" in name or "\\" in name or not path.is_file():
        known = ", ".join(sorted(p.stem for p in icons_dir().glob("*.svg")))
        raise KeyError(f"no icon named {name!r} in {icons_dir()} (known: {known})")
    return path.read_text(encoding="utf-8")


def _text_colour() -> QColor:
    return QGuiApplication.palette().color(
        QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText
    )


def _ratios() -> list[float]:
    """Device pixel ratios to draw for: 1 and the highest screen's (2 on a HiDPI screen)."""
    app = QGuiApplication.instance()
    highest = app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0
    return sorted({1.0, max(1.0, highest)})


def _render(svg: str, sizes: tuple[int, ...]) -> QIcon:
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    if not renderer.isValid():
        raise ValueError("the SVG could not be read")
    result = QIcon()
    for ratio in _ratios():
        for size in sizes:
            side = round(size * ratio)
            pixmap = QPixmap(side, side)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            renderer.render(painter, QRectF(0, 0, side, side))
            painter.end()
            pixmap.setDevicePixelRatio(ratio)
            result.addPixmap(pixmap)
    return result


def icon(name: str, colour: QColor | None = None) -> QIcon:
    """The icon `name` (a file stem in resources/icons/), in the palette's WindowText colour.

    `colour` overrides the palette's (a selected row's text colour, say). Cached per name
    and colour: call it again after a palette change (dark mode) to get the icon in the
    new colour. Raises KeyError for an unknown name.
    """
    wanted = colour if colour is not None else _text_colour()
    hex_colour = wanted.name(QColor.NameFormat.HexRgb)
    key = (name, hex_colour, _ratios()[-1])
    cached = _cache.get(key)
    if cached is not None:
        return cached
    svg = _svg_text(name).replace("currentColor", hex_colour)
    try:
        result = _render(svg, ICON_SIZES)
    except ValueError:
        raise KeyError(f"the icon {name!r} in {icons_dir()} is not a readable SVG") from None
    _cache[key] = result
    return result


def app_icon() -> QIcon:
    """The application's own icon, in its own colours."""
    key = (APP_ICON_NAME, "", _ratios()[-1])
    cached = _cache.get(key)
    if cached is None:
        cached = _cache[key] = _render(_svg_text(APP_ICON_NAME), APP_ICON_SIZES)
    return cached
