"""Untrusted text made safe to show: in a terminal, a table cell or a tooltip.

A template's name, kind, tags and body come from other people (an imported file, a
teammate's folder). Shown raw, a right-to-left override makes "Refund offer \\u202eexe.fdp"
read as "…pdf.exe", a zero-width space makes a look-alike of a built-in's name, a newline
forges a table row, and an ANSI or OSC 52 escape drives the terminal (OSC 52 writes its
clipboard). Here every such character becomes a visible escape (`\\u202e`, `\\x1b`, `\\n`),
so what is shown is what is there.

Escaped: C0 and C1 controls (ESC included), DEL, format characters (bidi controls
U+202A-202E, U+2066-2069, U+200E/200F, U+061C; zero-width U+200B-200D, U+2060, U+FEFF;
the soft hyphen; tag characters), line and paragraph separators, lone surrogates, and a
few letters that draw nothing (Hangul fillers, the combining grapheme joiner). Ordinary
spaces, letters of every script, emoji and a literal backslash are kept as they are.
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple

from replydesk.core.i18n import N_

ELLIPSIS = "…"

# Every character of the Unicode categories Cc, Cf, Zl, Zp and Cs (tests/unit/core/
# test_display.py checks this against the running Python's database), then the blanks.
_C0_KEPT_IN_BLOCKS = "\t\n\r"
_C0_OTHERS = "\x00-\x08\x0b\x0c\x0e-\x1f"
_HIDDEN_RANGES = (
    "\x7f-\x9f\xad"
    "\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f"
    "\ud800-\udfff\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    # letters and marks that draw nothing, the usual stuff of invisible look-alike names
    "\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0"
)
# Combining marks stack on the letter before them; a thousand of them ("Zalgo" text) draw
# over the lines around. Languages stack two or three (Vietnamese, Thai, Hebrew); past
# MAX_STACKED_MARKS in a row they are escaped. The blocks of marks such text is made of:
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u1ab0-\u1aff\u1dc0-\u1dff"
    "\u20d0-\u20ff\ufe20-\ufe2f"
)
MAX_STACKED_MARKS = 4
_MARK = re.compile(f"[{_MARKS}]")
_STACKED = f"(?<=[{_MARKS}]{{{MAX_STACKED_MARKS}}})[{_MARKS}]"
_UNSAFE_IN_LINE = re.compile(f"[{_C0_KEPT_IN_BLOCKS}{_C0_OTHERS}{_HIDDEN_RANGES}]|{_STACKED}")
# Multi-line text keeps its newlines and tabs (and a CR that ends a line before its LF).
_HIDDEN_IN_BLOCK = re.compile(f"\r(?!\n)|[{_C0_OTHERS}{_HIDDEN_RANGES}]|{_STACKED}")
_HIDDEN_JSON = re.compile(f"[{_C0_OTHERS}{_HIDDEN_RANGES}]|{_STACKED}")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

# Translators: said under a table of the command line; keep \u…, \x… and \n as they are.
CELL_NOTE = N_(
    "Some names contain invisible or control characters, shown as \\u… escapes "
    "(or \\x…, \\n): what you see is what they hold."
)
"""Said under a table when one of its cells was escaped."""
# Translators: said by the command line; keep "replydesk:", \u…, \x… and --raw as they are.
BLOCK_NOTE = N_(
    "replydesk: the text contains invisible or control characters, shown as \\u… or \\x… "
    "escapes (--raw prints it as it is)"
)


def _escape(char: str) -> str:
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _escape_match(match: re.Match[str]) -> str:
    return _escape(match.group())


class Shown(NamedTuple):
    """Text made safe to show, and what was done to it."""

    text: str
    escaped: bool
    """Something in what is shown was escaped."""
    cut: bool = False
    """The text was cut short with "…"."""


def has_hidden(text: str) -> bool:
    """True when `one_line(text)` would escape something (a newline counts)."""
    return _UNSAFE_IN_LINE.search(text) is not None


def first_hidden(text: str) -> int | None:
    """The index of the first character `one_line` would escape; None when there is none."""
    found = _UNSAFE_IN_LINE.search(text)
    return None if found is None else found.start()


def is_stacked_mark(char: str) -> bool:
    """Whether `char` is of the combining marks escaped past MAX_STACKED_MARKS in a row."""
    return _MARK.fullmatch(char) is not None


def without_hidden(text: str) -> str:
    """`text` without the characters `one_line` would escape (for names we make up)."""
    return _UNSAFE_IN_LINE.sub("", text)


def one_line(text: str, limit: int | None = None) -> str:
    """`text` for one line of a terminal or one table cell: every control, bidi,
    zero-width or line-breaking character as a visible escape; at most `limit` characters
    (cut with "…", never inside an escape). Reads no more of `text` than it shows."""
    return shown_line(text, limit).text


def shown_line(text: str, limit: int | None = None) -> Shown:
    """`one_line(text, limit)` and whether anything in what it shows was escaped."""
    if limit is not None and limit < 1:
        raise ValueError("limit must be at least 1")
    head = text if limit is None else text[: limit + 1]  # a 10 MB kind costs one cell
    unsafe = {match.start() for match in _UNSAFE_IN_LINE.finditer(head)}
    if not unsafe:
        if limit is None or len(head) <= limit:
            return Shown(head, False)
        return Shown(head[: limit - 1] + ELLIPSIS, False, True)
    if limit is None:
        return Shown(_UNSAFE_IN_LINE.sub(_escape_match, head), True)
    pieces: list[str] = []
    size = 0
    for index, char in enumerate(head):
        piece = _escape(char) if index in unsafe else char
        pieces.append(piece)
        size += len(piece)
        if size > limit:
            break
    if size <= limit and len(head) == len(text):
        return Shown("".join(pieces), True)
    while pieces and size + len(ELLIPSIS) > limit:  # room for "…", never half an escape
        size -= len(pieces.pop())
    escaped = any(len(piece) > 1 for piece in pieces)
    return Shown("".join(pieces) + ELLIPSIS, escaped, True)


def multi_line(text: str) -> str:
    """`text` for a terminal, several lines: newlines and tabs kept, every other control,
    bidi or zero-width character (a CR not before an LF too) as a visible escape."""
    return shown_block(text).text


def shown_block(text: str) -> Shown:
    """`multi_line(text)` and whether anything was escaped."""
    if _HIDDEN_IN_BLOCK.search(text) is None:
        return Shown(text, False)
    return Shown(_HIDDEN_IN_BLOCK.sub(_escape_match, text), True)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # a UTF-16 surrogate pair, the only way JSON spells these
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_text(text: str) -> str:
    """JSON text (from json.dumps(ensure_ascii=False)) with every hidden character as a
    \\u escape: the same JSON value, safe to print. JSON already escapes C0 controls
    inside strings, and its own layout uses only spaces and newlines, so every character
    replaced here is inside a string."""
    return _HIDDEN_JSON.sub(_json_escape, text)


TOOLTIP_LINE_LIMIT = 300


def tooltip(text: str) -> str:
    """Plain text for a Qt tooltip: hidden characters escaped per line (each line at most
    TOOLTIP_LINE_LIMIT characters), and marked up so that a name holding `<b>` or `<img>`
    is shown, never rendered (Qt guesses rich text). Without a "<" it stays plain text."""
    lines = [one_line(line, TOOLTIP_LINE_LIMIT) for line in text.split("\n")]
    if not any("<" in line for line in lines):
        return "\n".join(lines)
    body = "<br>".join(html.escape(line, quote=False) for line in lines)
    return f"<p style='white-space:pre'>{body}</p>"
