"""Profile values typed in a reply's form: only the typed keys are written, a change made
elsewhere meanwhile is named, and nothing typed is lost when the store refuses."""

from __future__ import annotations

import pytest

from replydesk.core.errors import StoreError
from replydesk.core.profile_edits import ProfileEdits, profile_key, profile_value
from replydesk.core.store import TemplateStore


def test_a_signature_typed_for_a_russian_reply_is_the_russian_one(store: TemplateStore) -> None:
    edits = ProfileEdits()
    edits.type("signature", "ru", "С уважением", store.get_profile())
    profile, replaced = edits.save(store)
    assert profile.signature_for("ru") == "С уважением"
    assert profile.signature_for("en") == ""
    assert replaced == []
    assert not edits


def test_only_typed_keys_are_written(store: TemplateStore) -> None:
    edits = ProfileEdits()
    edits.type("my_name", "en", "Ana", store.get_profile())
    store.update_profile({"default_currency": "RON"})  # elsewhere, another key
    profile, replaced = edits.save(store)
    assert (profile.my_name, profile.default_currency) == ("Ana", "RON")
    assert replaced == []


def test_a_value_changed_elsewhere_since_typing_began_is_named(store: TemplateStore) -> None:
    store.update_profile({"my_name": "Ann"})
    edits = ProfileEdits()
    edits.type("my_name", "en", "Ana", store.get_profile())
    store.update_profile({"my_name": "Anne"})
    profile, replaced = edits.save(store)
    assert profile.my_name == "Ana"
    assert len(replaced) == 1 and "“Anne”" in replaced[0]


def test_typed_values_show_over_the_stored_profile(store: TemplateStore) -> None:
    store.update_profile({"my_name": "Ann", "signature.hu": "Üdv"})
    edits = ProfileEdits()
    edits.type("my_name", "hu", "Anna", store.get_profile())
    values = edits.values_over(store.get_profile(), "hu")
    assert values["my_name"] == "Anna" and values["signature"] == "Üdv"


def test_nothing_typed_is_lost_when_the_store_refuses(
    store: TemplateStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    edits = ProfileEdits()
    edits.type("my_name", "en", "Ana", store.get_profile())

    def refuse(_changes: object) -> None:
        raise StoreError("the disk is full")

    with monkeypatch.context() as patch:
        patch.setattr(store, "update_profile", refuse)
        with pytest.raises(StoreError):
            edits.save(store)
    assert edits
    profile, _replaced = edits.save(store)
    assert profile.my_name == "Ana"


def test_keys_and_values_by_key(store: TemplateStore) -> None:
    store.update_profile({"signature.ro": "Cu stimă", "my_name": "Ion"})
    profile = store.get_profile()
    assert profile_key("signature", "ro") == "signature.ro"
    assert profile_key("my_name", "ro") == "my_name"
    assert profile_value(profile, "signature.ro") == "Cu stimă"
    assert profile_value(profile, "my_name") == "Ion"
