"""What the palette and the tray list: each reply once, in the client's language."""

from __future__ import annotations

from replydesk.core import library, settings
from replydesk.core.catalog import Catalog, TemplateSummary
from replydesk.core.models import TemplateData
from replydesk.core.quick_replies import as_replies, matching_replies, reply_languages
from replydesk.core.store import TemplateStore
from replydesk.core.variants import ReplyLanguages, family_key


def languages_of(summaries: list[TemplateSummary]) -> set[str]:
    return {summary.language for summary in summaries}


def test_the_languages_are_the_orders_and_the_users(library_store: TemplateStore) -> None:
    settings.REPLY_LANGUAGES.write(library_store, ["en", "sk"])
    order = library_store.create_order({"client_name": "Ivan", "language": "ru"})
    assert order.id is not None
    assert reply_languages(library_store, order.id) == ReplyLanguages("ru", ("en", "sk"))
    assert reply_languages(library_store, None) == ReplyLanguages("", ("en", "sk"))
    library_store.delete_order(order.id)
    assert reply_languages(library_store, order.id) == ReplyLanguages("", ("en", "sk"))


def test_each_built_in_reply_once_in_the_clients_language(
    library_store: TemplateStore, catalog: Catalog
) -> None:
    listed = matching_replies(catalog, None, ReplyLanguages("ru", ("en",)))
    assert len(listed) == len(library_store.kinds()) == len(library.KINDS)
    assert languages_of(listed) == {"ru"}
    assert len({family_key(summary) for summary in listed}) == len(library.KINDS)


def test_a_reply_found_by_its_english_name_is_listed_in_the_clients_language(
    library_store: TemplateStore, catalog: Catalog
) -> None:
    listed = matching_replies(catalog, "refund", ReplyLanguages("ro", ("en",)))
    assert listed[0].name == "Ofertă de rambursare sau revizie"  # its name matched
    assert languages_of(listed) == {"ro"}
    assert len({family_key(summary) for summary in listed}) == len(listed)


def test_without_a_client_the_users_first_language_is_listed(
    library_store: TemplateStore, catalog: Catalog
) -> None:
    listed = matching_replies(catalog, None, ReplyLanguages("", ("sk", "en")))
    assert languages_of(listed) == {"sk"}


def test_a_client_in_another_language_brings_it_in(
    library_store: TemplateStore, catalog: Catalog
) -> None:
    """The user writes English only; a Hungarian client's replies are listed in Hungarian."""
    assert languages_of(matching_replies(catalog, None, ReplyLanguages("hu", ("en",)))) == {"hu"}


def test_templates_in_other_languages_are_left_out_and_lone_ones_kept(
    library_store: TemplateStore, catalog: Catalog
) -> None:
    german = library_store.create_template(
        TemplateData(name="Begrüßung", kind="greeting", language="de", body="Hallo")
    )
    mine = library_store.create_template(
        TemplateData(name="My own thanks", kind="other", language="en", body="Thanks!")
    )
    listed = {s.id for s in matching_replies(catalog, None, ReplyLanguages("ru", ("en",)))}
    assert mine.id in listed  # no Russian variant: listed in the one it has
    assert german.id not in listed
    german_client = matching_replies(catalog, None, ReplyLanguages("de", ("en",)))
    assert german.id in {summary.id for summary in german_client}


def test_without_any_language_every_variant_is_listed(
    library_store: TemplateStore, catalog: Catalog
) -> None:
    assert matching_replies(catalog, None, ReplyLanguages()) == catalog.summaries()


def test_a_starred_variant_is_offered_in_the_clients_language(
    library_store: TemplateStore, catalog: Catalog
) -> None:
    english = library_store.find_template("Greeting — new order")
    starred = [s for s in catalog.summaries() if s.id == english.id]
    offered = as_replies(catalog, starred, ReplyLanguages("hu", ("en",)))
    assert [summary.name for summary in offered] == ["Üdvözlés – új rendelés"]
    assert as_replies(catalog, starred, ReplyLanguages("", ("en",))) == starred
