"""The window's few colours of meaning, one home each, readable on light and dark themes."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

# The red of every problem: a field's frame, an inline message, an error line in a list.
_ERROR_ON_LIGHT = "#c01c28"  # 5.9:1 on white
_ERROR_ON_DARK = "#ff7b72"  # 6.3:1 on #1e1e1e


def is_dark(palette: QPalette) -> bool:
    """True when the palette's text background is dark (a dark theme)."""
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def error_color(palette: QPalette) -> QColor:
    """The red of problems, for text or a frame drawn over `palette`'s background."""
    return QColor(_ERROR_ON_DARK if is_dark(palette) else _ERROR_ON_LIGHT)


def problem_label(parent: QWidget | None = None) -> QLabel:
    """A hidden, wrapping, plain-text label for an inline problem, in the problem red."""
    from PySide6.QtCore import Qt

    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    paint_as_problem(label)
    label.hide()
    return label


def paint_as_problem(widget: QWidget) -> None:
    """Show `widget`'s text in the problem red."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, error_color(palette))
    palette.setColor(QPalette.ColorRole.Text, error_color(palette))
    widget.setPalette(palette)


__all__ = ["error_color", "is_dark", "paint_as_problem", "problem_label"]
