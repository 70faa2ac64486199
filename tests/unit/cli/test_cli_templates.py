"""`replydesk list`, `show` and `edit` (replydesk/cli/templates.py), run in this process."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from replydesk.core import library

if TYPE_CHECKING:
    from tests.conftest import RunCli


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data folder shared by the read-only tests of this module (start-up is not free)."""
    return tmp_path_factory.mktemp("cli")


def test_list_json_has_every_kind_in_every_language(home: Path, replydesk: RunCli) -> None:
    result = replydesk("list", "--json", data_dir=home)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {"id", "name", "kind", "language", "tags"} <= set(rows[0])
    for language in library.LANGUAGES:
        kinds = {r["kind"] for r in rows if r["language"] == language}
        assert len(kinds) >= 11, (language, kinds)


def test_list_filters_and_search(home: Path, replydesk: RunCli) -> None:
    rows = json.loads(
        replydesk("list", "--lang", "ru", "--kind", "refund_offer", "--json", data_dir=home).stdout
    )
    assert [(r["language"], r["kind"]) for r in rows] == [("ru", "refund_offer")]
    found = json.loads(replydesk("list", "--search", "звонок", "--json", data_dir=home).stdout)
    assert found and all(r["language"] == "ru" for r in found)
    table = replydesk("list", "--lang", "en", data_dir=home).stdout
    assert table.splitlines()[0].split() == ["ID", "LANG", "KIND", "NAME"]


def test_show_json_lists_fields(home: Path, replydesk: RunCli) -> None:
    template = next(
        t for t in library.load_builtin() if t.language == "en" and t.kind == "upsell_options"
    )
    data = json.loads(replydesk("show", template.id, "--json", data_dir=home).stdout)
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


def test_edit_bumps_revision_and_checks_the_body(tmp_path: Path, replydesk: RunCli) -> None:
    template = next(
        t for t in library.load_builtin() if t.language == "en" and t.kind == "greeting"
    )
    body = tmp_path / "body.txt"
    body.write_text("Hello {{ client_name }}!\n", encoding="utf-8")
    result = replydesk(
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
    shown = json.loads(replydesk("show", "Short hello", "--json").stdout)
    assert shown["tags"] == ["hi", "short"] and shown["body"] == "Hello {{ client_name }}!\n"
    body.write_text("Hello {{ client_name\n", encoding="utf-8")
    broken = replydesk("edit", template.id, "--body-file", str(body))
    assert broken.returncode == 1 and "line 1" in broken.stderr
