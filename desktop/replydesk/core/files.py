"""Writing files so that they are never half written: the one atomic write."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

BATCH_CHARS = 1 << 16
"""Text given in pieces is written this many characters at a time."""


def write_atomically(
    path: Path, data: str | bytes | Iterable[str], *, mode: int | None = None
) -> None:
    """Write `data` (text as UTF-8 with \\n line ends) through a temporary file in the same
    folder, synced, then renamed over `path`; `mode` sets its permissions. Text given as
    pieces is written as they come, never held whole: a worker writing a large file lets
    the other threads run in between (one 35 MB copy or encode froze the window)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            if isinstance(data, bytes):
                out.write(data)
            else:
                for batch in _batches([data] if isinstance(data, str) else data):
                    out.write(batch.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _batches(pieces: Iterable[str]) -> Iterator[str]:
    """The pieces joined into texts of about BATCH_CHARS (a long piece is cut)."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        for start in range(0, len(piece), BATCH_CHARS):
            part = piece[start : start + BATCH_CHARS]
            batch.append(part)
            size += len(part)
            if size >= BATCH_CHARS:
                yield "".join(batch)
                batch, size = [], 0
    if batch:
        yield "".join(batch)


__all__ = ["write_atomically"]
