"""Read a large JSON file in steps, so that another thread gets its turn in between.

`json.loads` and `bytes.decode` are single calls into C that keep the interpreter lock
until they return: on a worker thread reading a 35 MB import file (10,000 templates)
they froze the window for about 0.3 s. These do the same work a piece at a time.
"""

from __future__ import annotations

import codecs
import json
import re
from typing import Any

CHUNK_BYTES = 1 << 20

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")


class _NotPlain(Exception):
    """The text is not a plain object (or is broken): json.loads reads it, and says why."""


def decode(raw: bytes, encoding: str = "utf-8-sig") -> str:
    """`raw.decode(encoding)` a chunk at a time; raises UnicodeDecodeError the same way."""
    if len(raw) <= CHUNK_BYTES:
        return raw.decode(encoding)
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    view = memoryview(raw)
    parts = [
        decoder.decode(view[start : start + CHUNK_BYTES])
        for start in range(0, len(raw), CHUNK_BYTES)
    ]
    parts.append(decoder.decode(b"", final=True))
    return "".join(parts)


def loads(text: str) -> Any:
    """`json.loads(text)`, but a top-level object's lists one element at a time. The same
    result and the same errors: anything but a well-formed object goes to json.loads."""
    try:
        return _object(text)
    except (_NotPlain, ValueError, RecursionError):  # JSONDecodeError is a ValueError
        return json.loads(text)


def _skip_space(text: str, position: int) -> int:
    found = _SPACE.match(text, position)
    assert found is not None  # the pattern matches the empty string
    return found.end()


def _object(text: str) -> dict[str, Any]:
    position = _skip_space(text, 0)
    if not text.startswith("{", position):
        raise _NotPlain
    result: dict[str, Any] = {}
    position = _skip_space(text, position + 1)
    if text.startswith("}", position):
        position += 1
    else:
        while True:
            if not text.startswith('"', position):
                raise _NotPlain
            key, position = _DECODER.raw_decode(text, position)
            position = _skip_space(text, position)
            if not text.startswith(":", position):
                raise _NotPlain
            position = _skip_space(text, position + 1)
            if text.startswith("[", position):
                result[key], position = _list(text, position)
            else:
                result[key], position = _DECODER.raw_decode(text, position)
            position = _skip_space(text, position)
            if text.startswith(",", position):
                position = _skip_space(text, position + 1)
            elif text.startswith("}", position):
                position += 1
                break
            else:
                raise _NotPlain
    if _skip_space(text, position) != len(text):
        raise _NotPlain  # extra data after the object
    return result


def _list(text: str, position: int) -> tuple[list[Any], int]:
    """The list that starts at `position` ("["), and where it ends."""
    items: list[Any] = []
    position = _skip_space(text, position + 1)
    if text.startswith("]", position):
        return items, position + 1
    while True:
        item, position = _DECODER.raw_decode(text, position)
        items.append(item)
        position = _skip_space(text, position)
        if text.startswith(",", position):
            position = _skip_space(text, position + 1)
        elif text.startswith("]", position):
            return items, position + 1
        else:
            raise _NotPlain
