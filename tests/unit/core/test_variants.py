"""core.variants: one reply in several languages, shown once, filled in the client's."""

from __future__ import annotations

from replydesk.core.catalog import TemplateSummary
from replydesk.core.variants import choose, family_key, preference


def summary(id_: str, language: str, family: str = "") -> TemplateSummary:
    return TemplateSummary(id_, f"name {id_}", "greeting", language, [], False, 0, family)


GREETING = [
    summary("g-en", "en", "hello"),
    summary("g-ru", "ru", "hello"),
    summary("g-ro", "ro", "hello"),
]
ALONE = summary("alone", "sk")


def test_preference_puts_the_clients_language_first_then_the_users_each_once() -> None:
    assert preference("ru-RU", ["en", "RU", "ro_RO", ""]) == ("ru", "en", "ro")
    assert preference(None, ["hu"]) == ("hu",)
    assert preference("", []) == ()


def test_the_variant_in_the_wanted_language_is_chosen() -> None:
    chosen = choose(GREETING, ("ro", "en"))
    assert chosen.variant.id == "g-ro" and not chosen.stands_in


def test_a_missing_language_falls_back_to_the_next_preferred_and_says_so() -> None:
    chosen = choose(GREETING, ("hu", "ru", "en"))
    assert chosen.variant.id == "g-ru"
    assert chosen.stands_in and chosen.wanted == "hu"


def test_with_no_preferred_language_present_the_first_variant_stands_in() -> None:
    chosen = choose(GREETING, ("sk",))
    assert chosen.variant.id == "g-en" and chosen.stands_in
    assert not choose(GREETING, ()).stands_in  # nothing was wanted: nothing stands in


def test_a_template_without_a_family_is_a_reply_of_its_own() -> None:
    twin = summary("other", "sk")
    assert family_key(ALONE) != family_key(twin)


def test_a_variant_the_user_picked_wins_over_the_languages() -> None:
    chosen = choose(GREETING, ("ro", "en"), picked={"g-ru", "unrelated"})
    # The client's is Romanian and the reply has it: the user chose another, no stand-in.
    assert chosen.variant.id == "g-ru" and not chosen.stands_in
    picked_for_missing = choose(GREETING, ("hu", "en"), picked={"g-ro"})
    assert picked_for_missing.variant.id == "g-ro" and picked_for_missing.stands_in
