"""JinjaHighlighter: the formats it leaves on the body's text layout."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit

from replydesk.ui.highlighter import JinjaHighlighter


@pytest.fixture
def document(qtbot) -> Iterator[QTextDocument]:
    """The document of a plain-text editor, as in the template editor.

    (A document without a layout never reports changes, so nothing would be highlighted.)
    """
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    yield editor.document()


def highlighted(document: QTextDocument, text: str, palette: QPalette | None = None):
    highlighter = JinjaHighlighter(document, palette)
    document.setPlainText(text)
    return highlighter


def format_at(document: QTextDocument, line: int, column: int) -> QTextCharFormat | None:
    """The highlighter's format covering one character (Qt's UTF-16 positions)."""
    block = document.findBlockByNumber(line)
    for item in block.layout().formats():
        if item.start <= column < item.start + item.length:
            return QTextCharFormat(item.format)  # a copy: the range list is temporary
    return None


def colour_of(fmt: QTextCharFormat | None) -> str | None:
    return None if fmt is None else fmt.foreground().color().name()


def test_expression_delimiters_and_variable_names_are_formatted(document):
    h = highlighted(document, "Hi {{ client_name }}!")
    opener = format_at(document, 0, 3)
    variable = format_at(document, 0, 6)
    assert opener is not None, "no format at the {{ position"
    assert colour_of(opener) == colour_of(h.format_for("delimiter"))
    assert variable is not None
    assert colour_of(variable) == colour_of(h.format_for("variable"))
    assert variable.fontWeight() == QFont.Weight.Bold
    assert format_at(document, 0, 0) is None  # plain text stays plain
    assert format_at(document, 0, 20) is None  # the "!" after the tag


def test_statement_keywords_are_bold_and_variables_in_them_marked(document):
    h = highlighted(document, "{% if notes and deadline %}x{% endif %}")
    keyword = format_at(document, 0, 3)  # "if"
    assert colour_of(keyword) == colour_of(h.format_for("keyword"))
    assert keyword is not None and keyword.fontWeight() == QFont.Weight.Bold
    assert colour_of(format_at(document, 0, 6)) == colour_of(h.format_for("variable"))
    assert colour_of(format_at(document, 0, 12)) == colour_of(h.format_for("keyword"))  # and
    assert format_at(document, 0, 27) is None  # the "x" between the tags
    assert colour_of(format_at(document, 0, 31)) == colour_of(h.format_for("keyword"))  # endif


def test_filters_strings_and_keyword_arguments(document):
    text = '{{ deadline|date(\'long\') }} {{ n|plural(one="day", other="days") }}'
    h = highlighted(document, text)
    assert colour_of(format_at(document, 0, text.index("date"))) == colour_of(
        h.format_for("filter")
    )
    assert colour_of(format_at(document, 0, text.index("'long'"))) == colour_of(
        h.format_for("string")
    )
    assert colour_of(format_at(document, 0, text.index("plural"))) == colour_of(
        h.format_for("filter")
    )
    assert colour_of(format_at(document, 0, text.index('"days"'))) == colour_of(
        h.format_for("string")
    )
    # `one=` names an argument: not a variable the template reads.
    assert format_at(document, 0, text.index("one")) is None


def test_comments_are_grey_italic_across_lines(document):
    h = highlighted(document, "Hi {# a note\nstill a note #} there\nplain {{ x }}")
    first = format_at(document, 0, 3)
    second = format_at(document, 1, 0)
    assert first is not None and first.fontItalic()
    assert second is not None and second.fontItalic()
    assert colour_of(second) == colour_of(h.format_for("comment"))
    assert format_at(document, 1, len("still a note #} ")) is None  # "there" is text again
    assert format_at(document, 2, 0) is None
    assert colour_of(format_at(document, 2, 9)) == colour_of(h.format_for("variable"))


def test_a_tag_spanning_lines_keeps_its_colours(document):
    h = highlighted(document, "{{ price\n|money }} done")
    assert colour_of(format_at(document, 1, 1)) == colour_of(h.format_for("filter"))
    assert format_at(document, 1, len("|money }} ")) is None


def test_positions_count_characters_beyond_the_bmp(document):
    # "😀" is two UTF-16 units: the tag starts at Qt position 3, not 2.
    h = highlighted(document, "😀 {{ x }}")
    assert colour_of(format_at(document, 0, 3)) == colour_of(h.format_for("delimiter"))
    assert colour_of(format_at(document, 0, 6)) == colour_of(h.format_for("variable"))


def _palette(base: str, text: str) -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor(base))
    palette.setColor(QPalette.ColorRole.Text, QColor(text))
    return palette


def test_colours_follow_the_palette_lightness(document):
    h = highlighted(document, "{{ client_name }}", _palette("#ffffff", "#000000"))
    light = h.format_for("variable").foreground().color()
    assert not h.dark
    assert light.lightness() < 128  # dark ink on a light page

    h.set_palette(_palette("#1e1e1e", "#eeeeee"))
    dark = h.format_for("variable").foreground().color()
    assert h.dark
    assert dark.lightness() > 128  # light ink on a dark page
    # The document was re-coloured, not only the formats changed.
    assert colour_of(format_at(document, 0, 3)) == dark.name()


def test_is_dark_is_the_style_modules_own():
    from replydesk.ui import highlighter, style

    assert highlighter.is_dark is style.is_dark
