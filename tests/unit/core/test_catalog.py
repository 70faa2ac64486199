"""Catalog: the list and its search, in memory, reloaded when the database changes."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from test_store import make  # the same helper: a template with defaults

from replydesk.core import catalog as catalog_module
from replydesk.core import library
from replydesk.core.catalog import Catalog, TemplateSummary, load_json_list
from replydesk.core.errors import StoreError
from replydesk.core.models import TemplateData
from replydesk.core.store import TemplateStore
from replydesk.core.variants import family_key


def test_summaries_list_like_the_store_without_bodies(
    store: TemplateStore, catalog: Catalog
) -> None:
    make(store, "Refund", "Money back", tags=["refund", "money"], favorite=True)
    make(store, "Refund ro", "Bani înapoi", language="ro")
    make(store, "Greeting", "Hello")
    make(store, "Money", "Refund of the deposit", tags=["deposit"])
    make(store, "Deposit", "About the money", tags=["refund"])
    gone = make(store, "Refund gone", "Gone")
    store.delete_template(gone.id)
    options: list[dict[str, str]] = [
        {},
        {"search": "refund"},
        {"search": "money"},
        {"search": "r"},
        {"search": "de"},
        {"language": "ro"},
        {"kind": "greeting"},
        {"kind": "greeting", "search": "hello"},
    ]
    for option in options:
        rows = store.list_templates(**option)  # type: ignore[arg-type]
        summaries = catalog.search(option.get("search"), option.get("kind"), option.get("language"))
        assert [s.id for s in summaries] == [r.id for r in rows], option
    first = catalog.search("money")[0]
    assert (first.name, first.tags, first.favorite, first.use_count) == (
        "Refund",
        ["refund", "money"],
        True,
        0,
    )


LIBRARY_QUERIES = [
    "refund",
    "r",
    "client order",
    "{{",  # no word: every template
    "multumesc",  # Romanian without its diacritics
    "mulțumiri recenzie",
    "MULȚUMESC",
    "visszaterites",  # Hungarian without its accents
    "Visszatérítés javítás",
    "odovzdanie",
    "objednávky",
    "спасибо",
    "заказ",
    "Приветствие новый",
    "no such word anywhere",
]


def test_the_store_and_the_catalog_rank_the_library_alike(
    library_store: TemplateStore, catalog: Catalog
) -> None:
    """`replydesk list --search` and the window's list give one order for one text."""
    store = library_store
    rows = store.list_templates()
    # Stars and uses, so that every part of the order has something to order.
    for row in rows[::7]:
        store.set_favorite(row.id, True)
    for number, row in enumerate(rows[::3]):
        for _ in range(number % 4):
            store.record_use(row.id)
    store.delete_template(rows[5].id)
    found_any = 0
    for text in LIBRARY_QUERIES:
        for kind, language in ((None, None), (None, "ro"), ("refund_offer", None)):
            listed = store.list_templates(kind=kind, language=language, search=text)
            searched = catalog.search(text, kind, language)
            assert [s.id for s in searched] == [r.id for r in listed], (text, kind, language)
            found_any += bool(listed)
    assert found_any > 20  # most queries find something: the comparison means something
    assert (
        store.list_templates(search="спасибо заказ", limit=2)
        == store.list_templates(search="спасибо заказ")[:2]
    )


def test_kinds_and_languages_agree_with_the_store(
    library_store: TemplateStore, catalog: Catalog
) -> None:
    library_store.delete_template(library_store.list_templates(language="hu")[0].id)
    assert catalog.kinds() == library_store.kinds()
    assert catalog.languages() == library_store.languages() == ["en", "hu", "ro", "ru", "sk"]
    for row in library_store.list_templates(language="sk"):
        library_store.delete_template(row.id)
    assert catalog.languages() == library_store.languages() == ["en", "hu", "ro", "ru"]


def test_search_orders_favorites_then_name_tags_body_then_use(
    store: TemplateStore, catalog: Catalog
) -> None:
    in_body = make(store, "Money back", "You will get a refund today.")
    in_name = make(store, "Refund", "You will get your money today.")
    in_tags = make(store, "Partial", "You will get half of it today.", tags=["refund"])
    other_name = make(store, "Refund later", "Soon.")
    store.record_use(other_name.id)
    assert [s.id for s in catalog.search("refund")] == [
        other_name.id,
        in_name.id,
        in_tags.id,
        in_body.id,
    ]
    store.set_favorite(in_body.id, True)
    assert catalog.search("REFUND")[0].id == in_body.id


def test_every_word_must_match_as_a_prefix_ignoring_diacritics(
    store: TemplateStore, catalog: Catalog
) -> None:
    make(store, "Mulțumiri", "Mulțumesc pentru comandă", language="ro")
    make(store, "Other", "Nothing")
    assert [s.name for s in catalog.search("multumesc coman")] == ["Mulțumiri"]
    assert catalog.search("multumesc nothing") == []
    assert catalog.search("ulțumesc") == []  # a prefix, not a substring
    assert [s.name for s in catalog.search(" ! ")] == ["Mulțumiri", "Other"]  # no words


def test_changes_by_another_connection_are_seen_at_the_next_search(
    store: TemplateStore, catalog: Catalog, tmp_path: Path
) -> None:
    assert catalog.search() == []
    with TemplateStore(store.path) as other:  # another process's writer, say
        made = make(other, "From elsewhere", "Body")
        assert [s.id for s in catalog.search("elsewhere")] == [made.id]
        other.record_use(made.id)
        assert catalog.search()[0].use_count == 1
        other.delete_template(made.id)
        assert catalog.search() == []


def test_kinds_languages_and_recent(store: TemplateStore, catalog: Catalog) -> None:
    first = make(store, "First", kind="delivery", language="ro")
    second = make(store, "Second", kind="greeting", language="en")
    make(store, "Never", kind="greeting", language="en")
    gone = make(store, "Gone", kind="away_notice", language="hu")
    store.record_use(first.id)
    store.record_use(second.id)
    store.record_use(gone.id)
    store.delete_template(gone.id)
    assert catalog.kinds() == ["delivery", "greeting"]
    assert catalog.languages() == ["en", "ro"]
    assert [s.name for s in catalog.recent()] == ["Second", "First"]
    assert [s.name for s in catalog.recent(limit=1)] == ["Second"]


def test_a_catalog_never_creates_a_database(tmp_path: Path) -> None:
    missing = tmp_path / "missing.sqlite3"
    with pytest.raises(StoreError, match="cannot read"):
        Catalog(missing)
    assert not missing.exists()


def test_a_catalog_refuses_a_database_that_is_not_replydesk(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).close()
    with pytest.raises(StoreError, match="cannot read the templates"):
        Catalog(other)


def test_a_catalog_is_read_only(store: TemplateStore, catalog: Catalog) -> None:
    make(store, "Kept")
    with pytest.raises(sqlite3.OperationalError):
        assert catalog._connection is not None
        catalog._connection.execute("DELETE FROM template")
    assert [row.name for row in store.list_templates()] == ["Kept"]


def test_stored_tags_that_are_not_a_list_read_as_none() -> None:
    assert load_json_list('["a", 2]') == ["a", "2"]
    assert load_json_list("{}") == []
    assert load_json_list("not json") == []
    assert load_json_list(None) == []


def test_a_refresh_loads_what_changed_and_only_then(store: TemplateStore, catalog: Catalog) -> None:
    assert catalog.refresh() is False  # nothing changed since it opened
    make(store, "Added", "Hello")
    assert catalog.refresh() is True
    assert catalog.refresh() is False
    assert [s.name for s in catalog.search()] == ["Added"]


def test_searches_answer_while_a_refresh_reads(
    store: TemplateStore, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A refresh (on a worker thread) reads without the searches' lock: a search meanwhile
    answers from the summaries as they were, and the refresh's then replace them."""
    make(store, "Before", "Hello")
    catalog.search()
    make(store, "After", "Hello")
    reading, go_on = threading.Event(), threading.Event()
    real_load = catalog_module._load

    def slow_load(path: Path, connection: sqlite3.Connection, seen: object) -> object:
        if connection is not catalog._connection:  # the refresh's own connection
            reading.set()
            assert go_on.wait(60)
        return real_load(path, connection, seen)

    monkeypatch.setattr(catalog_module, "_load", slow_load)
    refresher = threading.Thread(target=catalog.refresh)
    refresher.start()
    try:
        assert reading.wait(60)
        seen_meanwhile: list[list[str]] = []
        searcher = threading.Thread(
            target=lambda: seen_meanwhile.append([s.name for s in catalog.summaries()])
        )
        monkeypatch.setattr(catalog_module, "_load", lambda *_args: None)  # no reload here
        searcher.start()
        searcher.join(60)
        assert not searcher.is_alive(), "a search waited for the refresh"
        assert seen_meanwhile == [["Before"]]
        monkeypatch.setattr(catalog_module, "_load", slow_load)
    finally:
        go_on.set()
        refresher.join(60)
    assert [s.name for s in catalog.summaries()] == ["After", "Before"]


def test_a_refresh_never_puts_back_older_summaries(
    store: TemplateStore, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search that reloaded while a refresh was reading keeps its newer summaries."""
    make(store, "One", "Hello")
    real_load = catalog_module._load

    def load_then_write(path: Path, connection: sqlite3.Connection, seen: object) -> object:
        loaded = real_load(path, connection, seen)
        if connection is not catalog._connection:
            make(store, "Two", "Hello")
            catalog.search()  # reloads: sees One and Two
        return loaded

    monkeypatch.setattr(catalog_module, "_load", load_then_write)
    assert catalog.refresh() is False
    monkeypatch.setattr(catalog_module, "_load", real_load)
    assert sorted(s.name for s in catalog.summaries()) == ["One", "Two"]


def test_a_closed_catalog_refreshes_nothing(store: TemplateStore, catalog: Catalog) -> None:
    make(store, "Added", "Hello")
    catalog.close()
    assert catalog.refresh() is False
    with pytest.raises(StoreError, match="closed"):
        catalog.search()


def test_a_search_can_show_several_languages(
    library_store: TemplateStore, catalog: Catalog
) -> None:
    """The user's reply languages ("My languages" in the list's filter)."""
    mine = catalog.search(None, None, ("ru", "hu"))
    assert {summary.language for summary in mine} == {"ru", "hu"}
    assert len(mine) == len(catalog.search(language="ru")) + len(catalog.search(language="hu"))
    found = catalog.search("refund", None, ["en", "sk"])
    assert found and {summary.language for summary in found} <= {"en", "sk"}
    assert len(catalog.search(None, None, ())) == len(catalog.summaries())  # none: all


def test_replies_lists_each_reply_once_in_the_preferred_variant_at_its_best_place(
    library_store: TemplateStore, catalog: Catalog
) -> None:
    """A reply found through one variant (its English name typed) is listed in the
    client's language; a template of its own stands for itself."""
    found = catalog.search("greeting", language=("en", "ru", "ro"))
    assert {s.language for s in found} == {"en"}  # only the English name matches
    listed = catalog.replies(found, ("ro", "en"), allowed=("en", "ru", "ro"))
    assert (listed[0].family, listed[0].language) == ("builtin:greeting", "ro")  # its name
    assert {s.language for s in listed} == {"ro"}
    assert len({s.family for s in listed}) == len(listed)  # each reply once

    everything = catalog.search(language=("en", "ru"))
    replies = catalog.replies(everything, ("hu", "ru"), allowed=("en", "ru"))
    assert len(replies) == len({s.family for s in everything}) == len(library.KINDS)
    assert {s.language for s in replies} == {"ru"}  # no Hungarian allowed: the next
    firsts: dict[str, int] = {}
    for n, s in enumerate(everything):
        firsts.setdefault(s.family, n)
    assert [s.family for s in replies] == sorted(firsts, key=firsts.__getitem__)

    mine = make(library_store, "Greeting of mine", language="en")
    again = catalog.replies(catalog.search("greeting"), ("ro",))
    assert mine.id in [s.id for s in again]  # no family: listed as itself
    picked = next(s.id for s in catalog.search(language="sk") if s.family == "builtin:greeting")
    assert picked in [s.id for s in catalog.replies(catalog.search("greeting"), ("ro",), {picked})]


def test_the_replies_a_template_can_join_lack_its_language(
    library_store: TemplateStore, catalog: Catalog
) -> None:
    german = library_store.create_template(
        TemplateData(name="Danke", kind="review_thanks", language="de-AT", body="Danke!\n")
    )
    # Every built-in reply (once each) can take a German variant; the German one itself not.
    own = family_key(catalog_summary(catalog, german.id))
    open_to_german = catalog.replies_without("de", besides=own)
    assert len(open_to_german) == len(library.KINDS)
    assert german.id not in {summary.id for summary in open_to_german}
    # Every built-in reply has an English variant: a lone English template joins none of
    # them, but the German one.
    assert [s.id for s in catalog.replies_without("en-GB")] == [german.id]
    found = catalog.replies_without("de", "refund")
    assert found[0].name == "Refund or free revision"  # in the variant its name matched


def catalog_summary(catalog: Catalog, template_id: str) -> TemplateSummary:
    return next(summary for summary in catalog.summaries() if summary.id == template_id)
