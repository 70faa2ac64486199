"""What the command line prints of other people's text: names, kinds and bodies with
control, bidi or zero-width characters are shown as visible escapes, with a note; a huge
cell is cut; JSON stays exact but safe to print (replydesk/cli/output.py prints,
core/display.py escapes)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from replydesk.cli.output import CELL_LIMIT
from replydesk.core import bundle, library, paths
from replydesk.core.display import CELL_NOTE
from replydesk.core.models import TemplateData
from replydesk.core.store import TemplateStore

if TYPE_CHECKING:
    from tests.conftest import RunCli

RLO_NAME = "Refund offer \u202eexe.fdp"
ZERO_WIDTH_NAME = "Gree\u200bting"
FORGED_NAME = "Plain\nffffffff  en    greeting             Forged row"
OSC52_NAME = "Copy \x1b]52;c;ZWNobyBwd25lZA==\x07me"
ANSI_BODY = "Hello {{ client_name }},\n\x1b[2J\x1b]52;c;cm0gLXJmIH4=\x07\tbye\u202e\n"
RAW_CONTROLS = ("\x1b", "\u202e", "\u200b", "\x07")


def add_template(name: str, *, kind: str = "greeting", body: str = "Hi") -> str:
    """A template made with the store, then its name, kind and body set by SQL: the way a
    database written by an older Replydesk (or by hand) holds them, past any limit."""
    with TemplateStore(paths.database_path(), paths.backup_dir()) as store:
        row = store.create_template(
            TemplateData(name="placeholder", kind="greeting", language="en", body="Hi")
        )
    with sqlite3.connect(paths.database_path()) as db:
        db.execute(
            "UPDATE template SET name = ?, kind = ?, body = ? WHERE id = ?",
            (name, kind, body, row.id),
        )
    return row.id


def assert_no_raw_controls(text: str) -> None:
    for char in RAW_CONTROLS:
        assert char not in text, f"{char!r} reached the terminal raw"


def test_list_shows_hidden_characters_as_escapes_and_says_so(replydesk: RunCli) -> None:
    replydesk("list")  # the library first
    for name in (RLO_NAME, ZERO_WIDTH_NAME, FORGED_NAME, OSC52_NAME):
        add_template(name)
    result = replydesk("list", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert_no_raw_controls(result.stdout)
    assert "Refund offer \\u202eexe.fdp" in result.stdout
    assert "Gree\\u200bting" in result.stdout
    assert "Copy \\x1b]52;c;" in result.stdout
    assert "Forged row" in result.stdout
    assert not any(
        line.endswith("Forged row") and "\\n" not in line for line in result.stdout.splitlines()
    )
    assert CELL_NOTE in result.stdout


def test_a_newline_in_a_name_does_not_forge_a_row(replydesk: RunCli) -> None:
    template = add_template(FORGED_NAME)
    result = replydesk("list", "--lang", "en")
    rows = [line for line in result.stdout.splitlines() if line.startswith(template[:8])]
    assert len(rows) == 1 and rows[0].endswith(
        "Plain\\nffffffff  en    greeting             Forged row"
    )
    assert not any(line.startswith("ffffffff") for line in result.stdout.splitlines())


def test_list_without_anything_hidden_has_no_note(replydesk: RunCli) -> None:
    result = replydesk("list")
    assert result.returncode == 0
    assert "invisible or control characters" not in result.stdout
    assert "cut short" not in result.stdout


def test_a_10_mb_kind_is_cut_and_the_other_rows_are_not_padded_to_it(
    replydesk: RunCli,
) -> None:
    replydesk("list")
    add_template("Huge kind", kind="k" * 10_000_000)
    result = replydesk("list")
    assert result.returncode == 0, result.stderr
    # Each row holds an id, a language, a kind cut to the cell limit and a name: far from
    # the 10 MB it would take padded to the huge kind.
    rows = len(library.KINDS) * len(library.LANGUAGES) + 1  # the library and the huge one
    assert len(result.stdout) < rows * 2 * CELL_LIMIT
    assert max(len(line) for line in result.stdout.splitlines()) < 4 * CELL_LIMIT
    assert "k" * (CELL_LIMIT - 1) + "…" in result.stdout
    assert "cut short" in result.stdout


def test_list_json_is_exact_and_holds_no_raw_control_characters(replydesk: RunCli) -> None:
    for name in (RLO_NAME, OSC52_NAME, ZERO_WIDTH_NAME, "Tag \U000e0041 char"):
        add_template(name)
    result = replydesk("list", "--json")
    assert_no_raw_controls(result.stdout)
    assert "\U000e0041" not in result.stdout
    names = {item["name"] for item in json.loads(result.stdout)}
    assert {RLO_NAME, OSC52_NAME, ZERO_WIDTH_NAME, "Tag \U000e0041 char"} <= names
    assert "Промежуточный" in result.stdout or "Сдача" in result.stdout  # letters stay letters


def test_show_escapes_the_name_and_body_keeps_lines_and_says_so(replydesk: RunCli) -> None:
    template = add_template(OSC52_NAME, body=ANSI_BODY)
    result = replydesk("show", template)
    assert result.returncode == 0, result.stderr
    assert_no_raw_controls(result.stdout)
    assert result.stdout.startswith("Copy \\x1b]52;c;ZWNobyBwd25lZA==\\x07me\n")
    assert "Hello {{ client_name }},\n\\x1b[2J\\x1b]52;c;cm0gLXJmIH4=\\x07\tbye\\u202e\n" in (
        result.stdout
    )
    assert "invisible or control characters" in result.stderr
    assert "--raw" in result.stderr


def test_show_raw_prints_the_body_as_stored(replydesk: RunCli) -> None:
    template = add_template("Plain", body=ANSI_BODY)
    result = replydesk("show", template, "--raw")
    assert result.returncode == 0, result.stderr
    assert ANSI_BODY.rstrip() in result.stdout
    assert result.stderr == ""


def test_show_of_an_ordinary_template_is_unchanged(replydesk: RunCli) -> None:
    template = add_template("Thanks", body="Thank you, {{ client_name }}!\n\n\tBest")
    result = replydesk("show", template)
    assert result.stdout.endswith("\nThank you, {{ client_name }}!\n\n\tBest\n")
    assert result.stderr == ""


def test_show_help_says_what_is_escaped_and_how_to_get_raw(replydesk: RunCli) -> None:
    result = replydesk("show", "--help")
    assert "--raw" in result.stdout and "escape" in result.stdout


def hostile_bundle(path: Path) -> Path:
    templates = [
        {
            "id": f"1234567{n}-0000-4000-8000-000000000000",
            "name": name,
            "kind": "greeting",
            "language": "en",
            "body": "Hi",
        }
        for n, name in enumerate((RLO_NAME, OSC52_NAME, "Gree\u200bting"))
    ]
    data = {"format": bundle.FORMAT_NAME, "version": bundle.FORMAT_VERSION, "templates": templates}
    path.write_text(json.dumps(data), "utf-8")
    return path


def test_the_import_preview_escapes_names(
    tmp_path: Path, replydesk: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the preview shows of names a reader let through (the reader may refuse them
    itself; the table does not count on it)."""
    source = hostile_bundle(tmp_path / "team.replydesk")
    incoming = tuple(
        bundle.IncomingTemplate(t["id"], t["name"], t["kind"], "en", "Hi", (), (), 1, 1, None)
        for t in json.loads(source.read_text("utf-8"))["templates"]
    )
    monkeypatch.setattr(
        bundle, "read_bundle", lambda path: bundle.Bundle(source=str(path), templates=incoming)
    )
    result = replydesk("import", str(source), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert_no_raw_controls(result.stdout)
    assert "Refund offer \\u202eexe.fdp" in result.stdout
    assert CELL_NOTE in result.stdout


def test_importing_hostile_names_never_prints_them_raw(tmp_path: Path, replydesk: RunCli) -> None:
    result = replydesk("import", str(hostile_bundle(tmp_path / "team.replydesk")), "--dry-run")
    assert_no_raw_controls(result.stdout + result.stderr)


@pytest.mark.parametrize(
    "args",
    [
        ("show", "Refund\x1b]52;c;cm0gLXJmIH4=\x07"),
        ("fill", "no\u202esuch"),
        ("edit", "x\x9b2J"),
        ("import", "/nowhere/\x1b[2Jbundle.json"),
        ("check", "/nowhere/\u200bfile.md"),
    ],
)
def test_an_error_quoting_what_was_typed_never_prints_it_raw(
    replydesk: RunCli, args: tuple[str, ...]
) -> None:
    """A pasted name or path with an escape in it: the error quotes it escaped."""
    result = replydesk(*args)
    assert result.returncode != 0
    assert result.stderr.startswith("replydesk: ") and result.stderr.count("\n") == 1
    assert_no_raw_controls(result.stderr)
    assert "\x9b" not in result.stderr


def test_a_name_stacking_a_thousand_marks_is_shown_with_them_escaped(
    replydesk: RunCli,
) -> None:
    add_template("Zalgo I" + "\u0301" * 1000)
    add_template("Việt Nam ệ")  # two marks on one letter: shown as they are
    listing = replydesk("list").stdout
    assert "\u0301" * 5 not in listing and "\\u0301" in listing
    assert "Việt Nam ệ" in listing
    shown = replydesk("show", "Zalgo").stdout
    assert "\u0301" * 5 not in shown
