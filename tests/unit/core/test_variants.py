"""core.variants: one reply in several languages, shown once, filled in the client's."""

from __future__ import annotations

from replydesk.core.catalog import TemplateSummary
from replydesk.core.variants import choose, family_key, one_per_reply, preference


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
    assert one_per_reply([ALONE, twin], ("en",)) == [ALONE, twin]


def test_the_list_shows_each_reply_once_at_its_best_place() -> None:
    listed = [GREETING[1], ALONE, GREETING[0], GREETING[2]]  # the list's order: best first
    assert [t.id for t in one_per_reply(listed, ("ro", "en"))] == ["g-ro", "alone"]
    assert [t.id for t in one_per_reply(listed, ("de",))] == ["g-ru", "alone"]


def test_a_variant_the_user_picked_wins_over_the_languages() -> None:
    chosen = choose(GREETING, ("ro", "en"), picked={"g-ru", "unrelated"})
    assert chosen.variant.id == "g-ru" and chosen.stands_in  # the client's is Romanian
    listed = one_per_reply([*GREETING, ALONE], ("ro",), picked={"g-en"})
    assert [t.id for t in listed] == ["g-en", "alone"]
