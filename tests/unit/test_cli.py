"""The command line, through `replydesk.cli.main` in this process (tests/e2e/test_cli_process.py
runs the real `replydesk` process)."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pytest

from replydesk import cli
from replydesk.core import library, logs, paths
from replydesk.core.fields import example_values, format_value
from replydesk.core.render import fields_for
from replydesk.core.store import TemplateStore


@dataclass(frozen=True)
class Result:
    """What a run of the command line gave: exit code, stdout and stderr."""

    returncode: int
    stdout: str
    stderr: str


class Replydesk(Protocol):
    def __call__(self, data_dir: Path, *args: str, stdin: str | None = None) -> Result: ...


@pytest.fixture
def replydesk(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Iterator[Replydesk]:
    """Runs `replydesk ARGS` as `cli.main(ARGS)` on a data folder, as the console script would.

    XDG_RUNTIME_DIR is an empty private folder, so the probe for a running Replydesk (whose
    socket is named after the data folder) can find none; the log that `main` sets up is put
    back as it was afterwards (other tests read the `replydesk` logger with caplog).
    """
    runtime = tmp_path_factory.mktemp("run")
    runtime.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setitem(logs._state, "debug", logs.debug_enabled())
    handlers, level, propagate = list(logs.log.handlers), logs.log.level, logs.log.propagate

    def run(data_dir: Path, *args: str, stdin: str | None = None) -> Result:
        monkeypatch.setenv(paths.DATA_DIR_ENV, str(data_dir))
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin or ""))
        capsys.readouterr()
        try:
            code = cli.main(list(args))
        except SystemExit as exit_:  # argparse and usage errors, as sys.exit in a process
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


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data folder shared by the read-only tests of this module (start-up is not free)."""
    return tmp_path_factory.mktemp("cli")


def test_list_json_has_every_kind_in_every_language(home: Path, replydesk: Replydesk) -> None:
    result = replydesk(home, "list", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {"id", "name", "kind", "language", "tags"} <= set(rows[0])
    for language in library.LANGUAGES:
        kinds = {r["kind"] for r in rows if r["language"] == language}
        assert len(kinds) >= 11, (language, kinds)


def test_list_filters_and_search(home: Path, replydesk: Replydesk) -> None:
    rows = json.loads(
        replydesk(home, "list", "--lang", "ru", "--kind", "refund_offer", "--json").stdout
    )
    assert [(r["language"], r["kind"]) for r in rows] == [("ru", "refund_offer")]
    found = json.loads(replydesk(home, "list", "--search", "звонок", "--json").stdout)
    assert found and all(r["language"] == "ru" for r in found)
    table = replydesk(home, "list", "--lang", "en").stdout
    assert table.splitlines()[0].split() == ["ID", "LANG", "KIND", "NAME"]


def test_show_json_lists_fields(home: Path, replydesk: Replydesk) -> None:
    template = next(
        t for t in library.load_builtin() if t.language == "en" and t.kind == "upsell_options"
    )
    data = json.loads(replydesk(home, "show", template.id, "--json").stdout)
    assert data["body"] == template.body
    names = [f["name"] for f in data["fields"]]
    assert "client_name" in names and "price" in names
    price = next(f for f in data["fields"] if f["name"] == "price")
    assert price == {
        "name": "price",
        "type": "money",
        "label": "Price",
        "required": True,
        "default": None,
        "choices": [],
        "multiple": False,
        "help": "",
    }


def set_args(template: library.TemplateFile) -> list[str]:
    """`--set FIELD=VALUE` for every field of a template, from example values."""
    fields = fields_for(template.body, template.fields)
    examples = example_values(fields)
    return [f"--set={f.name}={format_value(f, examples[f.name])}" for f in fields]


@pytest.mark.parametrize("template", library.load_builtin(), ids=lambda t: f"{t.language}/{t.kind}")
def test_fill_every_builtin_from_set_values(
    template: library.TemplateFile, home: Path, replydesk: Replydesk
) -> None:
    """`replydesk fill` renders each built-in template from --set values alone."""
    result = replydesk(home, "fill", template.id, *set_args(template), "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["template"] == template.id
    assert "Anna" in data["text"] and "{{" not in data["text"]


def test_fill_names_every_missing_field(home: Path, replydesk: Replydesk) -> None:
    result = replydesk(home, "fill", "Optional extras", "--set", "client_name=Ann")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("replydesk: missing required fields: ")
    for name in ("order_id", "service", "price", "my_name"):
        assert name in result.stderr


def test_fill_bad_value_is_one_clear_line(home: Path, replydesk: Replydesk) -> None:
    result = replydesk(home, "fill", "Optional extras", "--set", "price=25,x")
    assert result.returncode == 1
    assert result.stderr == "replydesk: Price: '25,x' is not an amount\n"


def test_unknown_template_and_usage_errors(home: Path, replydesk: Replydesk) -> None:
    result = replydesk(home, "show", "no such template")
    assert result.returncode == 1
    assert result.stderr.startswith("replydesk: ") and "Traceback" not in result.stderr
    assert replydesk(home, "fill", "x", "--set", "novalue").returncode == 2
    assert replydesk(home, "list", "--bogus").returncode == 2


def test_orders_are_reused_by_fill(data_dir: Path, replydesk: Replydesk) -> None:
    added = replydesk(
        data_dir,
        "order",
        "add",
        "--set",
        "client_name=Мария",
        "--set",
        "order_id=K-77",
        "--set",
        "service=Перевод",
        "--set",
        "price=1500",
        "--set",
        "currency=RUB",
        "--set",
        "deadline=+3",
        "--json",
    )
    assert added.returncode == 0, added.stderr
    order = json.loads(added.stdout)
    assert order["values"]["price"] == "1500.00"
    assert replydesk(data_dir, "profile", "--name", "Олег").returncode == 0
    template = next(
        t for t in library.load_builtin() if t.language == "ru" and t.kind == "greeting"
    )
    result = replydesk(data_dir, "fill", template.id, "--order", "K-77")
    assert result.returncode == 0, result.stderr
    assert "Мария" in result.stdout and "K-77" in result.stdout and "Олег" in result.stdout
    listed = json.loads(replydesk(data_dir, "order", "list", "--json").stdout)
    assert [o["values"]["order_id"] for o in listed] == ["K-77"]
    edited = replydesk(data_dir, "order", "edit", "K-77", "--set", "price=abc")
    assert edited.returncode == 1 and "Price: 'abc' is not an amount" in edited.stderr


def test_profile_sets_a_signature_per_language(data_dir: Path, replydesk: Replydesk) -> None:
    assert (
        replydesk(data_dir, "profile", "--name", "Ana", "--signature", "Designer").returncode == 0
    )
    result = replydesk(
        data_dir, "profile", "--signature", "Графический дизайнер", "--for-language", "ru"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "my_name           Ana",
        "default_language  en",
        "default_currency  USD",
        "signature.en      Designer",
        "signature.ru      Графический дизайнер",
    ]
    data = json.loads(replydesk(data_dir, "profile", "--json").stdout)
    assert data == {
        "my_name": "Ana",
        "default_language": "en",
        "default_currency": "USD",
        "signature": "Designer",
        "signatures": {"en": "Designer", "ru": "Графический дизайнер"},
    }
    # --signature without --for-language is the default language's; "" removes it.
    changed = replydesk(data_dir, "profile", "--language", "ro", "--signature", "Designer grafic")
    assert changed.returncode == 0, changed.stderr
    removed = replydesk(data_dir, "profile", "--signature", "", "--for-language", "en", "--json")
    assert json.loads(removed.stdout)["signatures"] == {
        "ro": "Designer grafic",
        "ru": "Графический дизайнер",
    }


def test_profile_prints_a_multiline_signature_indented(
    data_dir: Path, replydesk: Replydesk
) -> None:
    result = replydesk(data_dir, "profile", "--signature", "Ana\nBrand designer\n")
    assert result.stdout.splitlines()[-2:] == [
        "signature.en      Ana",
        "                  Brand designer",
    ]
    bare = replydesk(data_dir, "profile", "--signature", "")
    assert bare.stdout.splitlines()[-1] == "signatures        (none)"


def test_profile_refuses_a_language_without_a_signature_or_a_bad_code(
    data_dir: Path, replydesk: Replydesk
) -> None:
    alone = replydesk(data_dir, "profile", "--for-language", "ro")
    assert alone.returncode == 2 and "give both" in alone.stderr
    bad = replydesk(data_dir, "profile", "--signature", "x", "--for-language", "Romanian!")
    assert bad.returncode == 2 and "language code" in bad.stderr
    assert json.loads(replydesk(data_dir, "profile", "--json").stdout)["signatures"] == {}


def test_profile_changes_only_what_it_is_given(data_dir: Path, replydesk: Replydesk) -> None:
    """The command line's change survives the window writing another key from the copy it
    read before, and the window's survives the command line's."""
    from replydesk.core.store import TemplateStore, signature_key

    assert replydesk(data_dir, "profile", "--name", "Old").returncode == 0
    with TemplateStore(paths.database_path()) as window:
        stale = window.get_profile()
        assert replydesk(data_dir, "profile", "--name", "Олег").returncode == 0
        # The window writes the one key typed in it, not the copy it read.
        window.update_profile({signature_key(stale.default_language): "Typed in the window"})
        assert replydesk(data_dir, "profile", "--currency", "rub").returncode == 0
    data = json.loads(replydesk(data_dir, "profile", "--json").stdout)
    assert (data["my_name"], data["default_currency"]) == ("Олег", "RUB")
    assert data["signatures"] == {"en": "Typed in the window"}


def test_edit_bumps_revision_and_checks_the_body(
    tmp_path: Path, data_dir: Path, replydesk: Replydesk
) -> None:
    template = next(
        t for t in library.load_builtin() if t.language == "en" and t.kind == "greeting"
    )
    body = tmp_path / "body.txt"
    body.write_text("Hello {{ client_name }}!\n", encoding="utf-8")
    result = replydesk(
        data_dir,
        "edit",
        template.id,
        "--name",
        "Short hello",
        "--body-file",
        str(body),
        "--tags",
        "hi, short",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Short hello: revision 2"
    shown = json.loads(replydesk(data_dir, "show", "Short hello", "--json").stdout)
    assert shown["tags"] == ["hi", "short"] and shown["body"] == "Hello {{ client_name }}!\n"
    body.write_text("Hello {{ client_name\n", encoding="utf-8")
    broken = replydesk(data_dir, "edit", template.id, "--body-file", str(body))
    assert broken.returncode == 1 and "line 1" in broken.stderr


def test_copy_without_a_clipboard_says_so(
    home: Path, replydesk: Replydesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyperclip

    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    # pyperclip picks its clipboard on the first copy and keeps it: let it pick again here.
    monkeypatch.setattr(pyperclip, "copy", pyperclip.lazy_load_stub_copy)
    monkeypatch.setattr(pyperclip, "paste", pyperclip.lazy_load_stub_paste)
    template = next(
        t for t in library.load_builtin() if t.language == "en" and t.kind == "review_thanks"
    )
    result = replydesk(home, "fill", template.id, *set_args(template), "--copy")
    assert "Anna" in result.stdout
    if result.returncode == 0:
        assert result.stderr.endswith("copied to the clipboard\n")
    else:
        assert result.stderr.startswith("replydesk: could not copy to the clipboard")
        assert result.stderr.count("\n") == 1


# --- check ----------------------------------------------------------------------------------


def test_cli_check_exit_codes_and_json(
    tmp_path: Path, data_dir: Path, replydesk: Replydesk
) -> None:
    clean = replydesk(data_dir, "check", "--lang", "en", stdin="Thanks, Anna!")
    assert (clean.returncode, clean.stdout) == (0, "")

    reply = tmp_path / "reply.txt"
    reply.write_text("Hi Anna,\ncall +7 912 345 67 89 or use PayPal", encoding="utf-8")
    found = replydesk(data_dir, "check", str(reply), "--lang", "en", "--json")
    assert found.returncode == 3, found.stderr
    data = json.loads(found.stdout)
    assert [set(d) for d in data] == [{"severity", "start", "end", "rule", "message"}] * 2
    assert [(d["severity"], d["rule"]) for d in data] == [
        ("error", "phone"),
        ("error", "off-platform-payment"),
    ]
    assert reply.read_text("utf-8")[data[0]["start"] : data[0]["end"]] == "+7 912 345 67 89"

    text = replydesk(data_dir, "check", str(reply), "--platform", "Fiverr")
    assert text.returncode == 3
    assert text.stdout.splitlines()[0].startswith("error 2:6 phone: ")

    missing = replydesk(data_dir, "check", str(tmp_path / "nope.txt"))
    assert missing.returncode == 1
    assert missing.stderr.strip().count("\n") == 0 and "nope.txt" in missing.stderr


def test_cli_fill_prints_findings_on_stderr(data_dir: Path, replydesk: Replydesk) -> None:
    template = next(
        t for t in library.load_builtin() if t.language == "en" and t.kind == "greeting"
    )
    result = replydesk(
        data_dir,
        "fill",
        template.id,
        *set_args(template),
        "--set",
        "client_name=Anna (+7 912 345 67 89)",
    )
    assert result.returncode == 0, result.stderr
    assert "+7 912 345 67 89" in result.stdout
    assert "error" in result.stderr and "phone:" in result.stderr


# --- export and import ----------------------------------------------------------------------


def test_export_then_import_into_a_fresh_folder_round_trips(
    tmp_path: Path, replydesk: Replydesk
) -> None:
    source, target = tmp_path / "a", tmp_path / "b"
    exported = tmp_path / "team.replydesk"
    result = replydesk(source, "export", "-o", str(exported), "--lang", "ro")
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("replydesk: exported 11 templates to ")
    replydesk(target, "list")  # the fresh folder has the library: all 11 are identical
    first = json.loads(replydesk(target, "import", str(exported), "--json").stdout)
    assert first["counts"]["identical"] == 11 and first["outcome"]["added"] == 0
    edited = next(t for t in first["templates"] if t["status"] == "identical")["id"]
    assert replydesk(source, "edit", edited, "--name", "Salut scurt").returncode == 0
    replydesk(source, "export", "-o", str(exported), "--lang", "ro")
    dry = replydesk(target, "import", str(exported), "--dry-run")
    assert (
        dry.returncode == 0 and "update" in dry.stdout and "dry run: nothing changed" in dry.stdout
    )
    assert "Salut scurt" not in replydesk(target, "list", "--lang", "ro").stdout
    applied = replydesk(target, "import", str(exported))
    assert applied.returncode == 0, applied.stderr
    assert "imported: 0 added, 1 updated" in applied.stdout
    assert "Salut scurt" in replydesk(target, "list", "--lang", "ro").stdout


def test_a_bad_import_file_is_one_line_and_exit_1(
    tmp_path: Path, data_dir: Path, replydesk: Replydesk
) -> None:
    bad = tmp_path / "bad.replydesk"
    bad.write_text('{"format": "something-else", "version": 1}', encoding="utf-8")
    result = replydesk(data_dir, "import", str(bad), "--json")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "bad.replydesk" in result.stderr
    assert "Traceback" not in result.stderr


PHONE_BODY = "Hi {{ client_name }}, call me at +7 (912) 345-67-89. {{ price|money }}"


def phone_template(store: TemplateStore) -> None:
    from replydesk.core.models import TemplateData

    store.create_template(TemplateData("Phone reply", "greeting", "en", PHONE_BODY))


def test_fill_copy_asks_for_anyway_when_the_checker_finds_an_error(
    data_dir: Path, store: TemplateStore, replydesk: Replydesk
) -> None:
    phone_template(store)
    result = replydesk(
        data_dir, "fill", "Phone reply", "--set", "client_name=Ann", "--set", "price=5", "--copy"
    )
    assert result.returncode == 3
    assert result.stdout.startswith("Hi Ann, call me")  # printed, not copied
    assert "Add --anyway to copy anyway; not copied" in result.stderr


def test_fill_copy_is_blocked_when_copying_is_blocked_on_errors(
    data_dir: Path, store: TemplateStore, replydesk: Replydesk
) -> None:
    from replydesk.core.delivery import BLOCK_COPY_SETTING, BLOCKED_TEXT

    phone_template(store)
    store.set_setting(BLOCK_COPY_SETTING, "1")
    result = replydesk(
        data_dir,
        "fill",
        "Phone reply",
        "--set",
        "client_name=Ann",
        "--set",
        "price=5",
        "--copy",
        "--anyway",
    )
    assert result.returncode == 3
    assert f"replydesk: {BLOCKED_TEXT}" in result.stderr


def test_fill_json_carries_the_findings_and_currency_counts_as_used(
    data_dir: Path, store: TemplateStore, replydesk: Replydesk
) -> None:
    phone_template(store)
    result = replydesk(
        data_dir,
        "fill",
        "Phone reply",
        "--set",
        "client_name=Ann",
        "--set",
        "price=5",
        "--set",
        "currency=EUR",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert "€5.00" in data["text"]
    assert data["findings"] and {f["severity"] for f in data["findings"]} == {"error"}
    assert all(f["message"] for f in data["findings"])
    assert "does not use 'currency'" not in result.stderr


def test_order_prices_are_read_in_the_order_currency(data_dir: Path, replydesk: Replydesk) -> None:
    refused = replydesk(data_dir, "order", "add", "--set", "currency=USD", "--set", "price=25 EUR")
    assert refused.returncode == 1
    assert "Price: '25 EUR' is not in USD" in refused.stderr
    added = replydesk(
        data_dir, "order", "add", "--set", "price=25 EUR", "--set", "currency=eur", "--json"
    )
    assert added.returncode == 0, added.stderr
    order = json.loads(added.stdout)
    assert order["values"]["currency"] == "EUR"
    edited = replydesk(data_dir, "order", "edit", str(order["id"]), "--set", "price=¥2500")
    assert edited.returncode == 1 and "is not in EUR" in edited.stderr
