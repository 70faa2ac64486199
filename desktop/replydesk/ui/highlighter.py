"""Jinja2 syntax colours for the template body editor."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)

from replydesk.ui.style import is_dark


class _State(IntEnum):
    """Where a line ends: lets a tag or a comment continue on the next line."""

    TEXT = 0
    COMMENT = 1
    STATEMENT = 2
    EXPRESSION = 3


_OPENERS = {"{#": _State.COMMENT, "{%": _State.STATEMENT, "{{": _State.EXPRESSION}
_STATES = frozenset(int(state) for state in _State)
_CLOSERS = {_State.COMMENT: "#}", _State.STATEMENT: "%}", _State.EXPRESSION: "}}"}
_OPENER = re.compile(r"\{[{%#][-+]?")
# One token inside a {{ }} or {% %} tag; the closer (with optional whitespace control) first.
_TOKEN = re.compile(
    r"""
    (?P<close>[-+]?(?:\}\}|%\}))
    | (?P<space>\s+)
    | (?P<string>"(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?)
    | (?P<number>\d+(?:\.\d+)?)
    | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<pipe>\|)
    | (?P<other>.)
    """,
    re.X,
)
# fmt: off
_KEYWORDS = frozenset({
    "and", "as", "block", "call", "context", "else", "elif", "endblock", "endcall",
    "endfilter", "endfor", "endif", "endmacro", "endraw", "endset", "endwith", "extends",
    "filter", "for", "from", "if", "import", "in", "include", "is", "macro", "not", "or",
    "raw", "recursive", "set", "with", "without",
})
# fmt: on
_CONSTANTS = frozenset({"true", "false", "none", "True", "False", "None"})


@dataclass(frozen=True)
class _Colours:
    delimiter: str
    variable: str
    keyword: str
    filter: str
    string: str
    comment: str


# Both sets keep at least 4.5:1 contrast against typical light (white) and dark (#1e1e1e-ish)
# editor backgrounds.
_LIGHT = _Colours(
    delimiter="#6a4c93",
    variable="#0b57d0",
    keyword="#8e24aa",
    filter="#00796b",
    string="#a14d00",
    comment="#6b6b6b",
)
_DARK = _Colours(
    delimiter="#c3a6ff",
    variable="#8ab4f8",
    keyword="#e39cf2",
    filter="#4fd1c5",
    string="#f2b86b",
    comment="#9a9a9a",
)


def _format(colour: str, *, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(colour))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if italic:
        fmt.setFontItalic(True)
    return fmt


class JinjaHighlighter(QSyntaxHighlighter):
    """Colours `{{ expressions }}`, `{% statements %}`, `{# comments #}`, filters and strings.

    Tags and comments may span lines (the block state carries them over). Colours follow
    the palette's lightness; call `set_palette` when the theme changes.
    """

    def __init__(self, document: QTextDocument, palette: QPalette | None = None) -> None:
        super().__init__(document)
        self._formats: dict[str, QTextCharFormat] = {}
        self._dark = False
        self._units = _Utf16("")
        self.set_palette(palette if palette is not None else QGuiApplication.palette())

    @property
    def dark(self) -> bool:
        """Whether the dark colour set is in use."""
        return self._dark

    def set_palette(self, palette: QPalette) -> None:
        """Pick the colour set for this palette and re-colour the document if it changed."""
        dark = is_dark(palette)
        if self._formats and dark == self._dark:
            return
        self._dark = dark
        colours = _DARK if dark else _LIGHT
        self._formats = {
            "delimiter": _format(colours.delimiter, bold=True),
            "variable": _format(colours.variable, bold=True),
            "attribute": _format(colours.variable),
            "keyword": _format(colours.keyword, bold=True),
            "constant": _format(colours.keyword),
            "filter": _format(colours.filter),
            "string": _format(colours.string),
            "number": _format(colours.string),
            "comment": _format(colours.comment, italic=True),
        }
        if self.document() is not None:
            self.rehighlight()

    def format_for(self, kind: str) -> QTextCharFormat:
        """The format used for one kind of token ("variable", "keyword", "filter", ...)."""
        return QTextCharFormat(self._formats[kind])

    # -- highlighting --------------------------------------------------------------------

    def highlightBlock(self, text: str) -> None:
        self._units = _Utf16(text)
        previous = self.previousBlockState()
        state = _State(previous) if previous in _STATES else _State.TEXT
        pos = 0
        if state is not _State.TEXT:
            pos, state = self._inside(text, 0, state, first_word_done=True)
        while pos < len(text):
            opener = _OPENER.search(text, pos)
            if opener is None:
                break
            state = _OPENERS[opener.group()[:2]]
            fmt = "comment" if state is _State.COMMENT else "delimiter"
            self._set(opener.start(), opener.end() - opener.start(), fmt)
            pos, state = self._inside(text, opener.end(), state, first_word_done=False)
        self.setCurrentBlockState(int(state))

    def _inside(
        self, text: str, pos: int, state: _State, *, first_word_done: bool
    ) -> tuple[int, _State]:
        """Colour a tag's inside from `pos`; returns where it ended and the state after it."""
        if state is _State.COMMENT:
            end = text.find("#}", pos)
            stop = len(text) if end < 0 else end + 2
            self._set(pos, stop - pos, "comment")
            return stop, (_State.COMMENT if end < 0 else _State.TEXT)
        closer = _CLOSERS[state]
        expect_filter = False
        after_dot = False
        statement_start = state is _State.STATEMENT and not first_word_done
        for match in _TOKEN.finditer(text, pos):
            kind = match.lastgroup
            start, length = match.start(), match.end() - match.start()
            if kind == "close":
                if match.group().lstrip("-+") == closer:
                    self._set(start, length, "delimiter")
                    return match.end(), _State.TEXT
                continue
            if kind == "space":
                continue
            if kind == "string":
                self._set(start, length, "string")
            elif kind == "number":
                self._set(start, length, "number")
            elif kind == "pipe":
                self._set(start, length, "filter")
                expect_filter = True
                continue
            elif kind == "name":
                word = match.group()
                if expect_filter:
                    self._set(start, length, "filter")
                elif statement_start or word in _KEYWORDS:
                    self._set(start, length, "keyword")
                elif word in _CONSTANTS:
                    self._set(start, length, "constant")
                elif after_dot:
                    self._set(start, length, "attribute")
                elif not _is_keyword_argument(text, match.end()):
                    self._set(start, length, "variable")
                statement_start = False
            after_dot = match.group() == "."
            expect_filter = False
        return len(text), state

    def _set(self, start: int, length: int, kind: str) -> None:
        if length > 0:
            begin = self._units.offset(start)
            self.setFormat(begin, self._units.offset(start + length) - begin, self._formats[kind])


def _is_keyword_argument(text: str, end: int) -> bool:
    """`one=` inside a call: an argument name, not a variable."""
    rest = text[end:].lstrip()
    return rest.startswith("=") and not rest.startswith("==")


class _Utf16:
    """Python string index → Qt (UTF-16) position, for lines with characters beyond the BMP."""

    def __init__(self, text: str) -> None:
        self._wide = [i for i, char in enumerate(text) if ord(char) > 0xFFFF]

    def offset(self, index: int) -> int:
        if not self._wide:
            return index
        return index + sum(1 for i in self._wide if i < index)


# is_dark (ui.style) is re-exported for the modules that still import it from here.
__all__ = ["JinjaHighlighter", "is_dark"]
