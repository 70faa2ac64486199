"""How the command line prints: one-line errors, JSON, tables and paths, every piece of
other people's text escaped (core.display) so that it cannot steer a terminal."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TextIO

from replydesk.core.display import CELL_NOTE, json_text, one_line, shown_line
from replydesk.core.i18n import _, ngettext

CELL_LIMIT = 60
"""A table cell's width at most, in characters: a longer one is cut with "…"."""


def say_error(error: object, err: TextIO, limit: int = 1000) -> None:
    """One line on `err`: "replydesk: " and the error, whose text may quote what someone
    typed or a file held (a pasted path with an escape in it): escaped like every name, at
    most `limit` characters."""
    print(f"replydesk: {one_line(str(error), limit)}", file=err)


def print_json(data: object, out: TextIO) -> None:
    """JSON with readable letters of every script; control, bidi and zero-width characters
    (and lone surrogates) as \\u escapes, which JSON reads back as the same text."""
    out.write(json_text(json.dumps(data, ensure_ascii=False, indent=2, default=str)) + "\n")


def print_table(rows: list[list[str]], headers: list[str], out: TextIO) -> None:
    """Columns padded to their widest cell; every cell escaped (core.display) and cut at
    CELL_LIMIT, with a note under the table when one was."""
    escaped = cut = False
    shown: list[list[str]] = []
    for row in rows:
        cells = []
        for cell in row:
            text, hidden, shortened = shown_line(cell, CELL_LIMIT)
            escaped = escaped or hidden
            cut = cut or shortened
            cells.append(text)
        shown.append(cells)
    widths = [
        max(len(h), *(len(r[i]) for r in shown)) if shown else len(h) for i, h in enumerate(headers)
    ]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    out.write(line.rstrip() + "\n")
    for cells in shown:
        out.write("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip() + "\n")
    notes = [_(CELL_NOTE)] if escaped else []
    if cut:
        # Translators: under a table; --json is the option, typed as it is.
        note = ngettext(
            "Cells longer than {count} character are cut short with “…” "
            "(--json prints them whole).",
            "Cells longer than {count} characters are cut short with “…” "
            "(--json prints them whole).",
            CELL_LIMIT,
        )
        notes.append(note.format(count=CELL_LIMIT))
    if notes:
        out.write("\n" + "\n".join(notes) + "\n")


def path_text(path: Path) -> str:
    """A path as printed: bytes that are not UTF-8 (a folder named in another encoding)
    shown as \\xff escapes instead of failing the output."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")
