"""Read a large JSON file in steps, so that another thread gets its turn in between.

`json.loads` and `bytes.decode` are single calls into C that keep the interpreter lock
until they return: on a worker thread reading a 35 MB import file (10,000 templates)
they froze the window for about 0.3 s. Joining the decoded pieces into one text froze it
again (40–240 ms for the copy of some 30 million characters). `load` decodes the bytes a
chunk at a time and reads the values of a top-level object, and its lists one element at
a time, from a window of text that holds only the chunk being read.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import Any

CHUNK_BYTES = 1 << 20
MAX_VALUE_CHARS = 16 << 20
"""A single value longer than this (not a list's element) is left to json.loads."""

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")
_AFTER_VALUE = frozenset(" \t\n\r,:]}")


class _NotPlain(Exception):
    """The text is not a plain object (or is broken): json.loads reads it, and says why."""


def decode(raw: bytes, encoding: str = "utf-8-sig") -> str:
    """`raw.decode(encoding)` a chunk at a time; raises UnicodeDecodeError the same way."""
    if len(raw) <= CHUNK_BYTES:
        return raw.decode(encoding)
    return "".join(_pieces(raw, encoding, CHUNK_BYTES))


def load(raw: bytes, encoding: str = "utf-8-sig", chunk_bytes: int = CHUNK_BYTES) -> Any:
    """`json.loads(raw.decode(encoding))`, in steps: the same result and the same errors
    (UnicodeDecodeError first). Anything but a well-formed object goes to json.loads."""
    try:
        return _object(_Window(_pieces(raw, encoding, chunk_bytes)))
    except (_NotPlain, ValueError, RecursionError):  # JSONDecodeError is a ValueError
        return json.loads(decode(raw, encoding))


def _pieces(raw: bytes, encoding: str, chunk_bytes: int) -> Iterator[str]:
    """The text of `raw`, decoded `chunk_bytes` at a time (a character cut across two
    chunks comes whole with the second)."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    view = memoryview(raw)
    for start in range(0, len(raw), chunk_bytes):
        yield decoder.decode(view[start : start + chunk_bytes])
    yield decoder.decode(b"", final=True)


class _Window:
    """The part of the text not read yet: `text[position:]`, then the pieces to come."""

    def __init__(self, pieces: Iterator[str]) -> None:
        self._pieces = pieces
        self.text = ""
        self.position = 0

    def _extend(self) -> bool:
        """Drop what was read and append the next piece; False at the end of the text."""
        piece = next(self._pieces, None)
        if piece is None:
            return False
        self.text = self.text[self.position :] + piece
        self.position = 0
        return True

    def next_char(self) -> str:
        """The next character that is not white space ("" at the end), not consumed."""
        while True:
            found = _SPACE.match(self.text, self.position)
            assert found is not None  # the pattern matches the empty string
            self.position = found.end()
            if self.position < len(self.text) or not self._extend():
                return self.text[self.position : self.position + 1]

    def take(self, char: str) -> None:
        """Consume `char`, the next character that is not white space."""
        if self.next_char() != char:
            raise _NotPlain
        self.position += 1

    def value(self) -> Any:
        """The JSON value that starts here (after white space), consumed. A value is
        taken when white space or punctuation follows it; one that reaches the end of
        the window is read again with the next piece (a number cut across two pieces,
        "-1.25e" of "-1.25e+10", would otherwise be read short)."""
        self.next_char()
        while True:
            parsed: tuple[Any, int] | None
            try:
                parsed = _DECODER.raw_decode(self.text, self.position)
            except json.JSONDecodeError:
                parsed = None
            else:
                end = parsed[1]
                if end < len(self.text) and self.text[end] in _AFTER_VALUE:
                    self.position = end
                    return parsed[0]
            if len(self.text) - self.position > MAX_VALUE_CHARS or not self._extend():
                if parsed is None:
                    raise _NotPlain
                self.position = parsed[1]  # what follows is read (and refused) next
                return parsed[0]


def _object(window: _Window) -> dict[str, Any]:
    window.take("{")
    result: dict[str, Any] = {}
    if window.next_char() == "}":
        window.position += 1
    else:
        while True:
            if window.next_char() != '"':
                raise _NotPlain
            key = window.value()
            window.take(":")
            result[key] = _list(window) if window.next_char() == "[" else window.value()
            following = window.next_char()
            window.position += 1
            if following == "}":
                break
            if following != ",":
                raise _NotPlain
    if window.next_char() != "":
        raise _NotPlain  # extra data after the object
    return result


def _list(window: _Window) -> list[Any]:
    """The list that starts here ("["), consumed."""
    window.take("[")
    items: list[Any] = []
    if window.next_char() == "]":
        window.position += 1
        return items
    while True:
        items.append(window.value())
        following = window.next_char()
        window.position += 1
        if following == "]":
            return items
        if following != ",":
            raise _NotPlain
