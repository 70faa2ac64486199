"""`replydesk fill` and `check` (replydesk/cli/filling.py), run in this process; the
checker's own rules are in tests/unit/core/test_checker.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from replydesk.core import library
from replydesk.core.fields import example_values, format_value
from replydesk.core.render import fields_for
from replydesk.core.store import TemplateStore

if TYPE_CHECKING:
    from tests.conftest import RunCli


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data folder shared by the read-only tests of this module (start-up is not free)."""
    return tmp_path_factory.mktemp("cli")


def set_args(template: library.TemplateFile) -> list[str]:
    """`--set FIELD=VALUE` for every field of a template, from example values."""
    fields = fields_for(template.body, template.fields)
    examples = example_values(fields)
    return [f"--set={f.name}={format_value(f, examples[f.name])}" for f in fields]


@pytest.mark.parametrize("template", library.load_builtin(), ids=lambda t: f"{t.language}/{t.kind}")
def test_fill_every_builtin_from_set_values(
    template: library.TemplateFile, home: Path, replydesk: RunCli
) -> None:
    """`replydesk fill` renders each built-in template from --set values alone."""
    result = replydesk("fill", template.id, *set_args(template), "--json", data_dir=home)
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["template"] == template.id
    assert "Anna" in data["text"] and "{{" not in data["text"]


def test_fill_names_every_missing_field(home: Path, replydesk: RunCli) -> None:
    result = replydesk("fill", "Optional extras", "--set", "client_name=Ann", data_dir=home)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("replydesk: missing required fields: ")
    for name in ("order_id", "service", "price", "my_name"):
        assert name in result.stderr


def test_fill_bad_value_is_one_clear_line(home: Path, replydesk: RunCli) -> None:
    result = replydesk("fill", "Optional extras", "--set", "price=25,x", data_dir=home)
    assert result.returncode == 1
    assert result.stderr == "replydesk: Price: '25,x' is not an amount\n"


def test_cli_fill_prints_findings_on_stderr(replydesk: RunCli) -> None:
    template = next(
        t for t in library.load_builtin() if t.language == "en" and t.kind == "greeting"
    )
    result = replydesk(
        "fill",
        template.id,
        *set_args(template),
        "--set",
        "client_name=Anna (+7 912 345 67 89)",
    )
    assert result.returncode == 0, result.stderr
    assert "+7 912 345 67 89" in result.stdout
    assert "error" in result.stderr and "phone:" in result.stderr


def test_copy_without_a_clipboard_says_so(
    home: Path, replydesk: RunCli, monkeypatch: pytest.MonkeyPatch
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
    result = replydesk("fill", template.id, *set_args(template), "--copy", data_dir=home)
    assert "Anna" in result.stdout
    if result.returncode == 0:
        assert result.stderr.endswith("copied to the clipboard\n")
    else:
        assert result.stderr.startswith("replydesk: could not copy to the clipboard")
        assert result.stderr.count("\n") == 1


PHONE_BODY = "Hi {{ client_name }}, call me at +7 (912) 345-67-89. {{ price|money }}"


def phone_template(store: TemplateStore) -> None:
    from replydesk.core.models import TemplateData

    store.create_template(TemplateData("Phone reply", "greeting", "en", PHONE_BODY))


def test_fill_copy_asks_for_anyway_when_the_checker_finds_an_error(
    store: TemplateStore, replydesk: RunCli
) -> None:
    phone_template(store)
    result = replydesk(
        "fill", "Phone reply", "--set", "client_name=Ann", "--set", "price=5", "--copy"
    )
    assert result.returncode == 3
    assert result.stdout.startswith("Hi Ann, call me")  # printed, not copied
    assert "Add --anyway to copy anyway; not copied" in result.stderr


def test_fill_copy_is_blocked_when_copying_is_blocked_on_errors(
    store: TemplateStore, replydesk: RunCli
) -> None:
    from replydesk.core.delivery import BLOCKED_TEXT
    from replydesk.core.settings import BLOCK_COPY

    phone_template(store)
    BLOCK_COPY.write(store, True)
    result = replydesk(
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
    store: TemplateStore, replydesk: RunCli
) -> None:
    phone_template(store)
    result = replydesk(
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


def test_cli_check_exit_codes_and_json(tmp_path: Path, replydesk: RunCli) -> None:
    clean = replydesk("check", "--lang", "en", stdin="Thanks, Anna!")
    assert (clean.returncode, clean.stdout) == (0, "")

    reply = tmp_path / "reply.txt"
    reply.write_text("Hi Anna,\ncall +7 912 345 67 89 or use PayPal", encoding="utf-8")
    found = replydesk("check", str(reply), "--lang", "en", "--json")
    assert found.returncode == 3, found.stderr
    data = json.loads(found.stdout)
    assert [set(d) for d in data] == [{"severity", "start", "end", "rule", "message"}] * 2
    assert [(d["severity"], d["rule"]) for d in data] == [
        ("error", "phone"),
        ("error", "off-platform-payment"),
    ]
    assert reply.read_text("utf-8")[data[0]["start"] : data[0]["end"]] == "+7 912 345 67 89"

    text = replydesk("check", str(reply), "--platform", "Fiverr")
    assert text.returncode == 3
    assert text.stdout.splitlines()[0].startswith("error 2:6 phone: ")

    missing = replydesk("check", str(tmp_path / "nope.txt"))
    assert missing.returncode == 1
    assert missing.stderr.strip().count("\n") == 0 and "nope.txt" in missing.stderr


def test_cli_check_order_language(replydesk: RunCli) -> None:
    """--order-language: a warning when the reply is in another language than the client's."""
    reply = "Hello Anna, thanks for your order! I will start today and send the draft by Friday."
    same = replydesk("check", "--order-language", "en-US", stdin=reply)
    assert (same.returncode, same.stdout) == (0, "")
    assert replydesk("check", stdin=reply).returncode == 0  # no order language, no warning

    other = replydesk("check", "--order-language", "ro", stdin=reply)
    assert other.returncode == 3, other.stderr
    assert other.stdout == (
        "warning 1:1 language: This reply is in English; the client's language is Romanian\n"
    )

    found = replydesk("check", "-", "--order-language", "ru", "--json", stdin=reply)
    assert found.returncode == 3
    assert json.loads(found.stdout) == [
        {
            "severity": "warning",
            "start": 0,
            "end": 0,
            "rule": "language",
            "message": "This reply is in English; the client's language is Russian",
        }
    ]


def test_cli_check_help_names_the_order_language_option(replydesk: RunCli) -> None:
    result = replydesk("check", "--help")
    assert result.returncode == 0
    assert "--order-language" in result.stdout
