"""core.files: the one atomic write, of text, bytes or text given in pieces."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from replydesk.core import files
from replydesk.core.files import write_atomically


@pytest.mark.parametrize(
    "data",
    ["žluťoučký кот\n", "ő€ 😀".encode(), ["a", "", "ž" * (files.BATCH_CHARS * 2 + 3), "end\n"]],
    ids=["text", "bytes", "pieces"],
)
def test_the_file_holds_exactly_what_was_given(tmp_path: Path, data: object) -> None:
    target = tmp_path / "sub" / "out.txt"
    write_atomically(target, data, mode=0o640)  # type: ignore[arg-type]
    expected = data if isinstance(data, bytes) else "".join(data).encode()  # type: ignore[arg-type]
    assert target.read_bytes() == expected
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]


def test_pieces_are_written_in_batches_never_joined_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "BATCH_CHARS", 10)
    written: list[int] = []
    real_batches = files._batches

    def counting(pieces: object) -> Iterator[str]:
        for batch in real_batches(pieces):  # type: ignore[arg-type]
            written.append(len(batch))
            yield batch

    monkeypatch.setattr(files, "_batches", counting)
    write_atomically(tmp_path / "out.txt", (str(n % 10) for n in range(95)))
    assert (tmp_path / "out.txt").read_text() == "".join(str(n % 10) for n in range(95))
    assert max(written) <= 10 and sum(written) == 95


def test_a_failure_while_the_pieces_come_leaves_the_old_file_and_no_temporary(
    tmp_path: Path,
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old\n")

    def failing() -> Iterator[str]:
        yield "new text "
        raise TypeError("Object of type set is not JSON serializable")

    with pytest.raises(TypeError):
        write_atomically(target, failing())
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
