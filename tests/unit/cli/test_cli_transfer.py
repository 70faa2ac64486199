"""`replydesk export` and `import` (replydesk/cli/transfer.py), run in this process."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from replydesk.core import library

if TYPE_CHECKING:
    from tests.conftest import RunCli


def test_export_then_import_into_a_fresh_folder_round_trips(
    tmp_path: Path, replydesk: RunCli
) -> None:
    source, target = tmp_path / "a", tmp_path / "b"
    exported = tmp_path / "team.replydesk"
    result = replydesk("export", "-o", str(exported), "--lang", "ro", data_dir=source)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(f"replydesk: exported {len(library.KINDS)} templates to ")
    replydesk("list", data_dir=target)  # the fresh folder has the library: all are identical
    first = json.loads(replydesk("import", str(exported), "--json", data_dir=target).stdout)
    assert first["counts"]["identical"] == len(library.KINDS) and first["outcome"]["added"] == 0
    edited = next(t for t in first["templates"] if t["status"] == "identical")["id"]
    assert replydesk("edit", edited, "--name", "Salut scurt", data_dir=source).returncode == 0
    replydesk("export", "-o", str(exported), "--lang", "ro", data_dir=source)
    dry = replydesk("import", str(exported), "--dry-run", data_dir=target)
    assert (
        dry.returncode == 0 and "update" in dry.stdout and "dry run: nothing changed" in dry.stdout
    )
    assert "Salut scurt" not in replydesk("list", "--lang", "ro", data_dir=target).stdout
    applied = replydesk("import", str(exported), data_dir=target)
    assert applied.returncode == 0, applied.stderr
    assert "imported: 0 added, 1 updated" in applied.stdout
    assert "Salut scurt" in replydesk("list", "--lang", "ro", data_dir=target).stdout


def test_a_bad_import_file_is_one_line_and_exit_1(tmp_path: Path, replydesk: RunCli) -> None:
    bad = tmp_path / "bad.replydesk"
    bad.write_text('{"format": "something-else", "version": 1}', encoding="utf-8")
    result = replydesk("import", str(bad), "--json")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "bad.replydesk" in result.stderr
    assert "Traceback" not in result.stderr
