"""`replydesk order` and `profile` (replydesk/cli/orders.py), run in this process."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from replydesk.core import library, paths
from replydesk.core.store import TemplateStore

if TYPE_CHECKING:
    from tests.conftest import RunCli


def test_orders_are_reused_by_fill(replydesk: RunCli) -> None:
    added = replydesk(
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
    assert replydesk("profile", "--name", "Олег").returncode == 0
    template = next(
        t for t in library.load_builtin() if t.language == "ru" and t.kind == "greeting"
    )
    result = replydesk("fill", template.id, "--order", "K-77")
    assert result.returncode == 0, result.stderr
    assert "Мария" in result.stdout and "K-77" in result.stdout and "Олег" in result.stdout
    listed = json.loads(replydesk("order", "list", "--json").stdout)
    assert [o["values"]["order_id"] for o in listed] == ["K-77"]
    edited = replydesk("order", "edit", "K-77", "--set", "price=abc")
    assert edited.returncode == 1 and "Price: 'abc' is not an amount" in edited.stderr


def test_order_prices_are_read_in_the_order_currency(replydesk: RunCli) -> None:
    refused = replydesk("order", "add", "--set", "currency=USD", "--set", "price=25 EUR")
    assert refused.returncode == 1
    assert "Price: '25 EUR' is not in USD" in refused.stderr
    added = replydesk("order", "add", "--set", "price=25 EUR", "--set", "currency=eur", "--json")
    assert added.returncode == 0, added.stderr
    order = json.loads(added.stdout)
    assert order["values"]["currency"] == "EUR"
    edited = replydesk("order", "edit", str(order["id"]), "--set", "price=¥2500")
    assert edited.returncode == 1 and "is not in EUR" in edited.stderr


def test_profile_sets_a_signature_per_language(replydesk: RunCli) -> None:
    assert replydesk("profile", "--name", "Ana", "--signature", "Designer").returncode == 0
    result = replydesk("profile", "--signature", "Графический дизайнер", "--for-language", "ru")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "my_name           Ana",
        "default_language  en",
        "default_currency  USD",
        "signature.en      Designer",
        "signature.ru      Графический дизайнер",
    ]
    data = json.loads(replydesk("profile", "--json").stdout)
    assert data == {
        "my_name": "Ana",
        "default_language": "en",
        "default_currency": "USD",
        "signature": "Designer",
        "signatures": {"en": "Designer", "ru": "Графический дизайнер"},
    }
    # --signature without --for-language is the default language's; "" removes it.
    changed = replydesk("profile", "--language", "ro", "--signature", "Designer grafic")
    assert changed.returncode == 0, changed.stderr
    removed = replydesk("profile", "--signature", "", "--for-language", "en", "--json")
    assert json.loads(removed.stdout)["signatures"] == {
        "ro": "Designer grafic",
        "ru": "Графический дизайнер",
    }


def test_profile_prints_a_multiline_signature_indented(replydesk: RunCli) -> None:
    result = replydesk("profile", "--signature", "Ana\nBrand designer\n")
    assert result.stdout.splitlines()[-2:] == [
        "signature.en      Ana",
        "                  Brand designer",
    ]
    bare = replydesk("profile", "--signature", "")
    assert bare.stdout.splitlines()[-1] == "signatures        (none)"


def test_profile_refuses_a_language_without_a_signature_or_a_bad_code(replydesk: RunCli) -> None:
    alone = replydesk("profile", "--for-language", "ro")
    assert alone.returncode == 2 and "give both" in alone.stderr
    bad = replydesk("profile", "--signature", "x", "--for-language", "Romanian!")
    assert bad.returncode == 2 and "language code" in bad.stderr
    assert json.loads(replydesk("profile", "--json").stdout)["signatures"] == {}


def test_profile_changes_only_what_it_is_given(replydesk: RunCli) -> None:
    """The command line's change survives the window writing another key from the copy it
    read before, and the window's survives the command line's."""
    from replydesk.core.store import signature_key

    assert replydesk("profile", "--name", "Old").returncode == 0
    with TemplateStore(paths.database_path()) as window:
        stale = window.get_profile()
        assert replydesk("profile", "--name", "Олег").returncode == 0
        # The window writes the one key typed in it, not the copy it read.
        window.update_profile({signature_key(stale.default_language): "Typed in the window"})
        assert replydesk("profile", "--currency", "rub").returncode == 0
    data = json.loads(replydesk("profile", "--json").stdout)
    assert (data["my_name"], data["default_currency"]) == ("Олег", "RUB")
    assert data["signatures"] == {"en": "Typed in the window"}
