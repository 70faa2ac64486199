"""What the command line prints of other people's text: names, kinds and bodies with
control, bidi or zero-width characters are shown as visible escapes, with a note; a huge
cell is cut; JSON stays exact but safe to print (core/display.py does the escaping)."""

from __future__ import annotations

import io
import json
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pytest

from replydesk import cli
from replydesk.core import bundle, logs, paths
from replydesk.core.display import CELL_NOTE
from replydesk.core.models import TemplateData
from replydesk.core.store import TemplateStore

RLO_NAME = "Refund offer \u202eexe.fdp"
ZERO_WIDTH_NAME = "Gree\u200bting"
FORGED_NAME = "Plain\nffffffff  en    greeting             Forged row"
OSC52_NAME = "Copy \x1b]52;c;ZWNobyBwd25lZA==\x07me"
ANSI_BODY = "Hello {{ client_name }},\n\x1b[2J\x1b]52;c;cm0gLXJmIH4=\x07\tbye\u202e\n"
RAW_CONTROLS = ("\x1b", "\u202e", "\u200b", "\x07")


@dataclass(frozen=True)
class Result:
    returncode: int
    stdout: str
    stderr: str


class Replydesk(Protocol):
    def __call__(self, *args: str) -> Result: ...


@pytest.fixture
def replydesk(
    data_dir: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Iterator[Replydesk]:
    """`replydesk ARGS` as `cli.main(ARGS)` on the test's data folder; the log that
    `main` sets up is put back afterwards."""
    runtime = tmp_path_factory.mktemp("run")
    runtime.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setitem(logs._state, "debug", logs.debug_enabled())
    handlers, level, propagate = list(logs.log.handlers), logs.log.level, logs.log.propagate

    def run(*args: str) -> Result:
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        capsys.readouterr()
        try:
            code = cli.main(list(args))
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)
        out, err = capsys.readouterr()
        return Result(code, out, err)

    yield run
    for handler in list(logs.log.handlers):
        logs.log.removeHandler(handler)
        handler.close()
    for handler in handlers:
        logs.log.addHandler(handler)
    logs.log.setLevel(level)
    logs.log.propagate = propagate


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


def test_list_shows_hidden_characters_as_escapes_and_says_so(replydesk: Replydesk) -> None:
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


def test_a_newline_in_a_name_does_not_forge_a_row(replydesk: Replydesk) -> None:
    template = add_template(FORGED_NAME)
    result = replydesk("list", "--lang", "en")
    rows = [line for line in result.stdout.splitlines() if line.startswith(template[:8])]
    assert len(rows) == 1 and rows[0].endswith(
        "Plain\\nffffffff  en    greeting             Forged row"
    )
    assert not any(line.startswith("ffffffff") for line in result.stdout.splitlines())


def test_list_without_anything_hidden_has_no_note(replydesk: Replydesk) -> None:
    result = replydesk("list")
    assert result.returncode == 0
    assert "invisible or control characters" not in result.stdout
    assert "cut short" not in result.stdout


def test_a_10_mb_kind_is_cut_and_the_other_rows_are_not_padded_to_it(
    replydesk: Replydesk,
) -> None:
    replydesk("list")
    add_template("Huge kind", kind="k" * 10_000_000)
    result = replydesk("list")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout) < 100 * (cli.CELL_LIMIT + 40)  # about 60 rows of the library
    assert max(len(line) for line in result.stdout.splitlines()) < 4 * cli.CELL_LIMIT
    assert "k" * (cli.CELL_LIMIT - 1) + "…" in result.stdout
    assert "cut short" in result.stdout


def test_list_json_is_exact_and_holds_no_raw_control_characters(replydesk: Replydesk) -> None:
    for name in (RLO_NAME, OSC52_NAME, ZERO_WIDTH_NAME, "Tag \U000e0041 char"):
        add_template(name)
    result = replydesk("list", "--json")
    assert_no_raw_controls(result.stdout)
    assert "\U000e0041" not in result.stdout
    names = {item["name"] for item in json.loads(result.stdout)}
    assert {RLO_NAME, OSC52_NAME, ZERO_WIDTH_NAME, "Tag \U000e0041 char"} <= names
    assert "Промежуточный" in result.stdout or "Сдача" in result.stdout  # letters stay letters


def test_show_escapes_the_name_and_body_keeps_lines_and_says_so(replydesk: Replydesk) -> None:
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


def test_show_raw_prints_the_body_as_stored(replydesk: Replydesk) -> None:
    template = add_template("Plain", body=ANSI_BODY)
    result = replydesk("show", template, "--raw")
    assert result.returncode == 0, result.stderr
    assert ANSI_BODY.rstrip() in result.stdout
    assert result.stderr == ""


def test_show_of_an_ordinary_template_is_unchanged(replydesk: Replydesk) -> None:
    template = add_template("Thanks", body="Thank you, {{ client_name }}!\n\n\tBest")
    result = replydesk("show", template)
    assert result.stdout.endswith("\nThank you, {{ client_name }}!\n\n\tBest\n")
    assert result.stderr == ""


def test_show_help_says_what_is_escaped_and_how_to_get_raw(replydesk: Replydesk) -> None:
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
    tmp_path: Path, replydesk: Replydesk, monkeypatch: pytest.MonkeyPatch
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


def test_importing_hostile_names_never_prints_them_raw(
    tmp_path: Path, replydesk: Replydesk
) -> None:
    result = replydesk("import", str(hostile_bundle(tmp_path / "team.replydesk")), "--dry-run")
    assert_no_raw_controls(result.stdout + result.stderr)


def test_a_reply_error_from_the_running_replydesk_is_escaped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from replydesk import instance, instance_address

    monkeypatch.setattr(instance_address, "nobody_listening", lambda: False)
    monkeypatch.setattr(
        instance,
        "send_command",
        lambda command, args=(): {"ok": False, "error": "pwned \x1b]52;c;eA==\x07" + "x" * 9000},
    )
    assert cli.forward("show") == 1
    err = capsys.readouterr().err
    assert_no_raw_controls(err)
    assert "\\x1b]52;c;eA==\\x07" in err
    assert len(err) < 1000


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
    replydesk: Replydesk, args: tuple[str, ...]
) -> None:
    """A pasted name or path with an escape in it: the error quotes it escaped."""
    result = replydesk(*args)
    assert result.returncode != 0
    assert result.stderr.startswith("replydesk: ") and result.stderr.count("\n") == 1
    assert_no_raw_controls(result.stderr)
    assert "\x9b" not in result.stderr


def test_a_name_stacking_a_thousand_marks_is_shown_with_them_escaped(
    replydesk: Replydesk,
) -> None:
    add_template("Zalgo I" + "\u0301" * 1000)
    add_template("Việt Nam ệ")  # two marks on one letter: shown as they are
    listing = replydesk("list").stdout
    assert "\u0301" * 5 not in listing and "\\u0301" in listing
    assert "Việt Nam ệ" in listing
    shown = replydesk("show", "Zalgo").stdout
    assert "\u0301" * 5 not in shown
