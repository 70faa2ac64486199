"""TemplateStore: templates, trash, search, orders, settings, and opening bad files."""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
import uuid
from contextlib import closing
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from replydesk.core import paths
from replydesk.core.changes import Change
from replydesk.core.errors import (
    AmbiguousNameError,
    FieldValueError,
    NotFoundError,
    StoreError,
    VariantClashError,
)
from replydesk.core.models import OrderRow, Profile, TemplateData, TemplateRow, utcnow
from replydesk.core.store import TemplateStore, search_query, signature_key


def make(
    store: TemplateStore,
    name: str,
    body: str = "Hello {{ client_name }}",
    *,
    kind: str = "greeting",
    language: str = "en",
    tags: list[str] | None = None,
    favorite: bool = False,
    template_id: str | None = None,
) -> TemplateRow:
    return store.create_template(
        TemplateData(
            name=name,
            kind=kind,
            language=language,
            body=body,
            tags=tags or [],
            favorite=favorite,
            id=template_id,
        )
    )


def names(rows: list[TemplateRow]) -> list[str]:
    return [row.name for row in rows]


def fts_is_consistent(store: TemplateStore) -> bool:
    """FTS5's own check that the index matches the template table's text."""
    with closing(sqlite3.connect(store.path)) as connection:
        try:
            connection.execute(
                "INSERT INTO template_fts (template_fts, rank) VALUES ('integrity-check', 1)"
            )
        except sqlite3.DatabaseError:
            return False
    return True


# -- templates -----------------------------------------------------------------------------


def test_create_gives_a_uuid4_and_get_returns_what_was_stored(store: TemplateStore) -> None:
    before = utcnow()
    created = store.create_template(
        TemplateData(
            name="Greeting",
            kind="greeting",
            language="ro",
            body="Bună {{ client_name }}",
            fields=[{"name": "first_step", "type": "text"}],
            tags=["salut", "comandă nouă"],
        )
    )
    after = utcnow()
    assert uuid.UUID(created.id).version == 4
    assert str(uuid.UUID(created.id)) == created.id

    row = store.get_template(created.id)
    assert (row.name, row.kind, row.language, row.body) == (
        "Greeting",
        "greeting",
        "ro",
        "Bună {{ client_name }}",
    )
    assert row.fields == [{"name": "first_step", "type": "text"}]
    assert row.tags == ["salut", "comandă nouă"]
    assert (row.revision, row.base_revision, row.use_count, row.origin) == (1, 1, 0, "user")
    assert row.created_at == row.updated_at
    assert row.created_at.tzinfo is None
    assert before <= row.created_at <= after  # stamped at the creation, in UTC


def test_create_keeps_a_given_id_and_refuses_a_duplicate(store: TemplateStore) -> None:
    template_id = "7d1c8a52-3f0e-4a5e-9b61-2f4f1d6f0a01"
    make(store, "One", template_id=template_id)
    assert store.get_template(template_id).name == "One"
    with pytest.raises(StoreError, match="already exists"):
        make(store, "Two", template_id=template_id)


def test_library_templates_remember_the_revision_the_library_wrote(
    store: TemplateStore,
) -> None:
    row = store.create_template(
        TemplateData(
            name="Delivery", kind="delivery", language="en", body="Done", library_version=3
        )
    )
    assert (row.library_version, row.library_revision) == (3, 1)
    assert not row.is_edited_since_library
    edited = store.update_template(row.id, body="Done, enjoy")
    assert edited.is_edited_since_library
    assert not make(store, "Mine").is_edited_since_library


def test_get_unknown_id_is_not_found(store: TemplateStore) -> None:
    with pytest.raises(NotFoundError, match="no template with id nope"):
        store.get_template("nope")


def test_find_by_id_prefix_and_name(store: TemplateStore) -> None:
    greeting = make(store, "Greeting — new order")
    russian = make(store, "Приветствие", language="ru")
    assert store.find_template(greeting.id).id == greeting.id
    assert store.find_template(greeting.id[:6]).id == greeting.id
    assert store.find_template(greeting.id[:8].upper()).id == greeting.id
    assert store.find_template("greeting — NEW ORDER").id == greeting.id
    assert store.find_template("  приветствие ").id == russian.id
    with pytest.raises(NotFoundError, match="no template matches 'Greeting'"):
        store.find_template("Greeting")  # a name must match whole
    with pytest.raises(NotFoundError):
        store.find_template(greeting.id[:5])  # too short to be a prefix


def test_find_ambiguous_name_or_prefix_lists_the_candidates(store: TemplateStore) -> None:
    english = make(store, "Delivery", language="en")
    romanian = make(store, "delivery", language="ro")
    with pytest.raises(AmbiguousNameError) as error:
        store.find_template("DELIVERY")
    assert english.id in str(error.value)
    assert romanian.id in str(error.value)

    first = make(store, "A", template_id="abcdef01-0000-4000-8000-000000000000")
    second = make(store, "B", template_id="abcdef02-0000-4000-8000-000000000000")
    with pytest.raises(AmbiguousNameError) as error:
        store.find_template("abcdef0")
    assert first.id in str(error.value)
    assert second.id in str(error.value)
    assert store.find_template("abcdef01").id == first.id


def test_find_does_not_see_the_trash(store: TemplateStore) -> None:
    row = make(store, "Refund offer")
    twin = make(store, "Refund offer", language="ro")
    store.delete_template(twin.id)
    assert store.find_template("refund offer").id == row.id  # not ambiguous any more
    store.delete_template(row.id)
    for ref in (row.id, row.id[:8], "Refund offer"):
        with pytest.raises(NotFoundError):
            store.find_template(ref)


def test_update_bumps_revision_only_when_something_changed(store: TemplateStore) -> None:
    row = make(store, "Greeting", tags=["hello"])
    same = store.update_template(row.id, name="Greeting", tags=["hello"], body=row.body)
    assert same.revision == 1
    assert same.updated_at == row.updated_at

    changed = store.update_template(row.id, body="Hi {{ client_name }}", tags=["hi"])
    assert changed.revision == 2
    assert changed.updated_at > row.updated_at
    assert changed.tags == ["hi"]
    assert store.get_template(row.id).body == "Hi {{ client_name }}"

    fields = [{"name": "extras", "type": "choice", "choices": ["a", "b"]}]
    assert store.update_template(row.id, fields=fields).revision == 3
    assert store.get_template(row.id).fields == fields
    assert store.update_template(row.id, kind="delivery", language="ro").revision == 4


def test_favorite_is_not_an_edit(store: TemplateStore) -> None:
    row = make(store, "Greeting")
    starred = store.set_favorite(row.id, True)
    assert starred.favorite
    assert starred.revision == 1
    assert store.get_template(row.id).favorite
    assert store.get_template(row.id).revision == 1


def test_trash_hides_restores_and_purges(store: TemplateStore) -> None:
    kept = make(store, "Greeting")
    gone = make(store, "Refund offer", "We can refund you", kind="refund_offer", language="ro")

    store.delete_template(gone.id)
    assert names(store.list_templates()) == ["Greeting"]
    assert store.list_templates(search="refund") == []
    assert store.count_templates() == 1
    assert store.count_templates(include_deleted=True) == 2
    assert store.kinds() == ["greeting"]
    assert store.languages() == ["en"]
    assert names(store.list_templates(include_deleted=True)) == ["Greeting", "Refund offer"]
    assert [row.id for row in store.list_trash()] == [gone.id]
    assert store.get_template(gone.id).deleted_at is not None

    store.restore_template(gone.id)
    assert store.list_trash() == []
    assert names(store.list_templates(search="refund")) == ["Refund offer"]

    store.delete_template(gone.id)
    store.purge_template(gone.id)
    with pytest.raises(NotFoundError):
        store.get_template(gone.id)
    assert store.list_trash() == []
    assert store.list_templates(search="refund", include_deleted=True) == []
    assert store.get_template(kept.id).deleted_at is None
    assert fts_is_consistent(store)


def test_empty_trash_deletes_only_the_trash(store: TemplateStore) -> None:
    kept = make(store, "Kept")
    for name in ("One", "Two"):
        store.delete_template(make(store, name).id)
    assert store.empty_trash() == 2
    assert store.list_trash() == []
    assert [row.id for row in store.list_templates()] == [kept.id]


def test_record_use_counts_and_stamps(store: TemplateStore) -> None:
    row = make(store, "Greeting")
    assert row.last_used_at is None
    store.record_use(row.id)
    used = store.record_use(row.id)
    assert used.use_count == 2
    assert used.last_used_at is not None
    assert used.revision == 1
    assert store.get_template(row.id).use_count == 2


# -- search and listing --------------------------------------------------------------------


def test_search_finds_words_in_name_tags_and_body(store: TemplateStore) -> None:
    make(store, "Refund offer", "I can offer a partial refund.", tags=["money back"])
    make(store, "Delivery", "Your files are attached.", tags=["done"])
    make(store, "Away notice", "I am on holiday until Monday.", tags=["vacation"])
    assert names(store.list_templates(search="delivery")) == ["Delivery"]
    assert names(store.list_templates(search="vacation")) == ["Away notice"]
    assert names(store.list_templates(search="attached")) == ["Delivery"]
    assert names(store.list_templates(search="MONEY")) == ["Refund offer"]
    assert names(store.list_templates(search="partial offer")) == ["Refund offer"]
    assert names(store.list_templates(search="monday files")) == []  # every word must match


def test_search_matches_word_prefixes(store: TemplateStore) -> None:
    make(store, "Refund offer", "A refund.")
    make(store, "Reference", "See attached.")
    assert names(store.list_templates(search="refu")) == ["Refund offer"]
    assert sorted(names(store.list_templates(search="ref"))) == ["Reference", "Refund offer"]
    assert store.list_templates(search="efund") == []  # a prefix, not a substring


def test_search_ignores_diacritics_and_case(store: TemplateStore) -> None:
    make(store, "Mulțumiri", "Vă mulțumesc pentru comandă!", language="ro")
    make(store, "Köszönet", "Köszönöm a rendelést!", language="hu")
    make(store, "Спасибо", "Большое спасибо за заказ!", language="ru")
    assert names(store.list_templates(search="multumesc")) == ["Mulțumiri"]
    assert names(store.list_templates(search="MULȚUMESC comanda")) == ["Mulțumiri"]
    assert names(store.list_templates(search="koszonom")) == ["Köszönet"]
    assert names(store.list_templates(search="СПАСИБО заказ")) == ["Спасибо"]


def test_search_text_is_never_an_error(store: TemplateStore) -> None:
    make(store, 'Say "thanks"', "Thanks! (really)")
    for text in ['"', '"thanks', "thanks)", "NOT", "a AND", "*", "-", "name:x", "^x", "!!! ??"]:
        store.list_templates(search=text)  # must not raise
    assert names(store.list_templates(search='"thanks"')) == ['Say "thanks"']
    assert names(store.list_templates(search="thanks !")) == ['Say "thanks"']


def test_blank_or_punctuation_search_does_not_filter(store: TemplateStore) -> None:
    make(store, "One")
    make(store, "Two")
    for text in ("", "   ", "!!!", "- ?"):
        assert names(store.list_templates(search=text)) == ["One", "Two"]


def test_search_query_quotes_every_word_as_a_prefix() -> None:
    assert search_query("refu  delivery") == '"refu"* AND "delivery"*'
    assert search_query('say "hi"') == '"say"* AND """hi"""*'
    assert search_query(" ! ") is None


def test_search_follows_edits(store: TemplateStore) -> None:
    row = make(store, "Greeting", "Hello there", tags=["welcome"])
    store.update_template(row.id, name="Salutation")
    store.update_template(row.id, tags=["intro"])
    store.update_template(row.id, body="Good morning")
    for old in ("greeting", "hello", "welcome"):
        assert store.list_templates(search=old) == []
    for new in ("salutation", "morning", "intro"):
        assert names(store.list_templates(search=new)) == ["Salutation"]
    store.set_favorite(row.id, True)
    store.record_use(row.id)
    assert fts_is_consistent(store)


def test_order_favorites_then_relevance_then_use_then_name(store: TemplateStore) -> None:
    # Filler so that "refund" is a rare word (bm25 needs that) and tags are usual.
    for number in range(10):
        make(store, f"Filler {number}", "Nothing to see here.", tags=["misc", "other"])
    in_body = make(store, "Money back", "You will get a refund today.")
    in_name = make(store, "Refund", "You will get your money today.")
    in_tags = make(store, "Partial", "You will get half of it today.", tags=["refund"])
    assert [r.id for r in store.list_templates(search="refund")] == [
        in_name.id,
        in_tags.id,
        in_body.id,
    ]

    store.set_favorite(in_body.id, True)
    assert [r.id for r in store.list_templates(search="refund")] == [
        in_body.id,
        in_name.id,
        in_tags.id,
    ]

    # Without a search: favorites, then most used, then name.
    store.record_use(in_tags.id)
    listed = store.list_templates()
    assert [r.id for r in listed[:2]] == [in_body.id, in_tags.id]
    assert names(listed[2:5]) == ["Filler 0", "Filler 1", "Filler 2"]


def test_a_new_template_starts_in_step_with_its_base(store: TemplateStore) -> None:
    row = make(store, "Mine")
    assert (row.revision, row.base_revision) == (1, 1)
    edited = store.update_template(row.id, body="Changed {{ client_name }}")
    assert (edited.revision, edited.base_revision) == (2, 1)


def test_equally_relevant_matches_go_by_use_count(store: TemplateStore) -> None:
    for number in range(10):
        make(store, f"Filler {number}", "Nothing to see here.")
    first = make(store, "Refund A", "Same text.")
    second = make(store, "Refund B", "Same text.")
    store.record_use(second.id)
    assert [r.id for r in store.list_templates(search="refund")] == [second.id, first.id]


def test_kind_language_filters_and_limit(store: TemplateStore) -> None:
    make(store, "Greeting en", kind="greeting", language="en")
    make(store, "Greeting ro", kind="greeting", language="ro")
    make(store, "Delivery ro", "Livrare", kind="delivery", language="ro")
    assert names(store.list_templates(kind="greeting")) == ["Greeting en", "Greeting ro"]
    assert names(store.list_templates(language="ro")) == ["Delivery ro", "Greeting ro"]
    assert names(store.list_templates(kind="greeting", language="ro")) == ["Greeting ro"]
    assert names(store.list_templates(language="ro", search="livrare")) == ["Delivery ro"]
    assert len(store.list_templates(limit=2)) == 2
    assert store.kinds() == ["delivery", "greeting"]
    assert store.languages() == ["en", "ro"]


def test_search_in_ten_thousand_templates_is_done_by_the_database(store: TemplateStore) -> None:
    datas = [
        TemplateData(
            name=f"Template {number} word{number % 500}",
            kind="greeting",
            language="en",
            body=f"Body of template {number} with word{number % 700} and more text. " * 5,
        )
        for number in range(10_000)
    ]
    assert store.create_templates(datas) == 10_000
    make(store, "Refund offer", "We can refund you.")

    loaded: list[str] = []

    def count(row: TemplateRow, context: object) -> None:
        loaded.append(row.id)

    event.listen(TemplateRow, "load", count)
    try:
        found = store.list_templates(search="refu", limit=50)
    finally:
        event.remove(TemplateRow, "load", count)
    assert names(found) == ["Refund offer"]
    # The search index found it: one row reached Python, not all 10,001 to be filtered here.
    # (How fast it is belongs to the benchmark.)
    assert loaded == [found[0].id]
    assert len(store.list_templates(search="word42", limit=100)) > 10


# -- transactions and files ----------------------------------------------------------------
# (The store's own write transaction, _writing, is private: these tests are about it.)


def test_a_failing_transaction_leaves_nothing(store: TemplateStore) -> None:
    make(store, "Existing")
    with pytest.raises(RuntimeError), store._writing(Change.TEMPLATES) as session:
        now = utcnow()
        for name in ("One", "Two"):
            session.add(
                TemplateRow(
                    id=str(uuid.uuid4()),
                    name=name,
                    kind="greeting",
                    language="en",
                    body="x",
                    created_at=now,
                    updated_at=now,
                )
            )
        session.flush()
        raise RuntimeError("boom")
    assert names(store.list_templates()) == ["Existing"]
    assert store.list_templates(search="one") == []


def test_connections_use_wal(store: TemplateStore) -> None:
    with store._writing(Change.NONE) as session:
        connection = session.connection()
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    with closing(sqlite3.connect(store.path)) as plain:
        assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_two_stores_on_one_file_see_each_others_changes(store: TemplateStore) -> None:
    with TemplateStore(store.path) as other:
        row = make(other, "Made elsewhere")
        assert store.get_template(row.id).name == "Made elsewhere"
        store.update_template(row.id, name="Renamed")
        assert other.get_template(row.id).name == "Renamed"


def test_a_writer_waits_for_another_instead_of_failing(store: TemplateStore) -> None:
    row = make(store, "Greeting")
    errors: list[Exception] = []

    writing = threading.Event()

    def use_elsewhere() -> None:
        try:
            with TemplateStore(store.path) as other:
                writing.set()
                other.record_use(row.id)
        except Exception as error:
            errors.append(error)

    with store._writing(Change.TEMPLATES) as session:
        held = session.get(TemplateRow, row.id)
        assert held is not None
        held.name = "Renamed"
        session.flush()
        worker = threading.Thread(target=use_elsewhere)
        worker.start()
        assert writing.wait(60), "the other writer never started"
        worker.join(0.3)  # nothing happens meanwhile: blocked on the write lock
        assert worker.is_alive()
    worker.join(120)
    assert not worker.is_alive()
    assert errors == []
    after = store.get_template(row.id)
    assert (after.name, after.use_count) == ("Renamed", 1)


def test_open_default_uses_the_data_folder(data_dir: Path) -> None:
    with TemplateStore.open_default() as store:
        make(store, "Greeting")
        assert store.path == paths.database_path().resolve()
    assert (data_dir / paths.DATABASE_NAME).is_file()


def test_creates_missing_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "replydesk.sqlite3"
    with TemplateStore(path) as store:
        make(store, "Greeting")
    assert path.is_file()


def test_rows_are_usable_after_the_store_is_closed(tmp_path: Path) -> None:
    with TemplateStore(tmp_path / "db.sqlite3") as store:
        row = make(store, "Greeting", tags=["x"])
        listed = store.list_templates()
    assert (row.name, row.tags, listed[0].body) == ("Greeting", ["x"], row.body)


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"these are my notes, not a database\n" * 200)
    with pytest.raises(StoreError) as error:
        TemplateStore(path)
    assert str(path) in str(error.value)
    assert "not a Replydesk database" in str(error.value)
    assert "Traceback" not in str(error.value)


def test_a_damaged_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with TemplateStore(path) as store:
        for number in range(200):
            make(store, f"Template {number}", "text " * 200)
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[page_size * 3 : page_size * 6] = b"\xa5" * (page_size * 3)
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="damaged") as error:
        TemplateStore(path)
    assert str(path) in str(error.value)


def test_a_sqlite_database_of_another_app_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    with pytest.raises(StoreError, match="not a Replydesk one"):
        TemplateStore(path)


# -- orders --------------------------------------------------------------------------------


def test_order_values_round_trip_with_types(store: TemplateStore) -> None:
    created = store.create_order(
        {
            "client_name": "Ana Popescu",
            "order_id": "FO-123",
            "service": "Logo design",
            "price": Decimal("25.50"),
            "currency": "EUR",
            "deadline": date(2026, 12, 1),
            "platform": "Fiverr",
            "notes": "",
            "first_step": "review your brief",
        }
    )
    assert created.id is not None
    values = store.get_order(created.id).values()
    assert values == {
        "client_name": "Ana Popescu",
        "order_id": "FO-123",
        "service": "Logo design",
        "price": Decimal("25.50"),
        "currency": "EUR",
        "deadline": date(2026, 12, 1),
        "platform": "Fiverr",
        "first_step": "review your brief",
    }
    assert isinstance(values["price"], Decimal)
    assert str(values["price"]) == "25.50"


def test_update_order_merges_and_clears(store: TemplateStore) -> None:
    order = store.create_order(
        {"client_name": "Ana", "price": Decimal("10"), "notes": "rush", "extra": "x"}
    )
    assert order.id is not None
    updated = store.update_order(
        order.id,
        {"price": Decimal("12.00"), "notes": None, "extra": "", "deadline": date(2027, 1, 2)},
    )
    assert updated.values() == {
        "client_name": "Ana",
        "price": Decimal("12.00"),
        "deadline": date(2027, 1, 2),
    }
    assert updated.updated_at >= order.updated_at
    assert store.get_order(order.id).values() == updated.values()
    assert store.update_order(order.id, {"deadline": None}).deadline is None


def test_order_custom_values_are_kept_as_text(store: TemplateStore) -> None:
    order = store.create_order({"extras": ["Express delivery", "Source files"], "rush": True})
    assert order.id is not None
    assert store.get_order(order.id).values() == {
        "extras": "Express delivery, Source files",
        "rush": "yes",
    }


def test_find_order_by_number_then_by_order_id(store: TemplateStore) -> None:
    first = store.create_order({"order_id": "FO-1", "client_name": "Old"})
    second = store.create_order({"order_id": "FO-1", "client_name": "New"})
    numeric = store.create_order({"order_id": "98765"})
    assert first.id is not None and second.id is not None
    assert store.find_order(str(first.id)).client_name == "Old"
    assert store.find_order("FO-1").client_name == "New"  # most recent first
    store.touch_order(first.id)
    assert store.find_order(" FO-1 ").client_name == "Old"
    assert store.find_order("98765").id == numeric.id  # no order #98765, so the order id
    with pytest.raises(NotFoundError, match="FO-2"):
        store.find_order("FO-2")
    with pytest.raises(NotFoundError):
        store.get_order(12345)


def test_list_orders_most_recently_used_or_changed_first(store: TemplateStore) -> None:
    orders = [store.create_order({"order_id": f"FO-{n}"}) for n in range(4)]
    ids = [order.id for order in orders]
    assert all(isinstance(order_id, int) for order_id in ids)
    assert [o.id for o in store.list_orders()] == ids[::-1]
    store.touch_order(orders[0].id or 0)
    store.update_order(orders[1].id or 0, {"notes": "changed"})
    assert [o.id for o in store.list_orders()] == [ids[1], ids[0], ids[3], ids[2]]
    assert len(store.list_orders(limit=2)) == 2


def test_delete_order_also_unsets_the_current_one(store: TemplateStore) -> None:
    kept = store.create_order({"order_id": "A"})
    gone = store.create_order({"order_id": "B"})
    assert kept.id is not None and gone.id is not None
    store.current_order_id = gone.id
    assert store.current_order_id == gone.id
    store.delete_order(gone.id)
    assert store.current_order_id is None
    with pytest.raises(NotFoundError):
        store.get_order(gone.id)
    assert [o.id for o in store.list_orders()] == [kept.id]
    # Ids are never reused, so a stale reference cannot point at another order.
    assert store.create_order({"order_id": "C"}).id == gone.id + 1


def test_order_values_helper_validates_types() -> None:
    order = OrderRow.from_values({"price": "25.5", "deadline": "2026-12-01"})
    assert order.values() == {"price": Decimal("25.5"), "deadline": date(2026, 12, 1)}
    with pytest.raises(FieldValueError, match="price"):
        OrderRow.from_values({"price": "25,x"})
    with pytest.raises(FieldValueError, match="deadline"):
        OrderRow.from_values({"deadline": "soon"})


# -- settings and profile ------------------------------------------------------------------


def test_settings_round_trip(store: TemplateStore) -> None:
    assert store.get_setting("theme") is None
    assert store.get_setting("theme", "light") == "light"
    store.set_setting("theme", "dark")
    store.set_setting("theme", "system")
    assert store.get_setting("theme") == "system"
    store.set_setting("theme", None)
    assert store.get_setting("theme") is None


def test_profile_round_trip(store: TemplateStore) -> None:
    assert store.get_profile() == Profile()
    saved = store.update_profile(
        {
            "my_name": "Ion",
            "default_language": "ro",
            "default_currency": "EUR",
            "signature.ro": "Designer grafic",
            "signature.en": "Graphic designer",
        }
    )
    profile = Profile(
        my_name="Ion",
        default_language="ro",
        default_currency="EUR",
        signatures={"ro": "Designer grafic", "en": "Graphic designer"},
    )
    assert saved == store.get_profile() == profile
    assert store.get_setting("profile.signature.ro") == "Designer grafic"
    assert profile.values() == {"my_name": "Ion", "signature": "Designer grafic"}  # ro's
    assert Profile(my_name="Ion").values() == {"my_name": "Ion"}


# -- signatures per language, and field-level profile writes -------------------------------


def test_values_give_the_reply_language_its_own_signature_only() -> None:
    profile = Profile(my_name="Alex", signatures={"en": "Brand designer", "ro": "Designer"})
    assert profile.values("en") == {"my_name": "Alex", "signature": "Brand designer"}
    assert profile.values("ro") == {"my_name": "Alex", "signature": "Designer"}
    for language in ("ru", "hu", "sk"):
        assert profile.values(language) == {"my_name": "Alex"}
        assert profile.signature_for(language) == ""
    assert profile.values() == profile.values("en")  # the default language


def test_update_profile_writes_only_the_given_keys(store: TemplateStore) -> None:
    store.update_profile({"my_name": "Ion", "default_currency": "EUR", "signature.en": "Ion"})
    fresh = store.update_profile({"signature.ro": "Designer grafic", "default_language": "ro"})
    assert fresh == store.get_profile()
    assert fresh == Profile(
        my_name="Ion",
        default_language="ro",
        default_currency="EUR",
        signatures={"en": "Ion", "ro": "Designer grafic"},
    )
    # None or "" removes a key: its default comes back.
    fresh = store.update_profile({"signature.en": None, "default_currency": ""})
    assert fresh.signatures == {"ro": "Designer grafic"} and fresh.default_currency == "USD"
    assert store.get_setting("profile.signature.en") is None
    # "signature" alone is the default language's, the one the same call leaves.
    fresh = store.update_profile({"default_language": "hu", "signature": "Grafikus"})
    assert fresh.signatures == {"ro": "Designer grafic", "hu": "Grafikus"}


@pytest.mark.parametrize(
    "changes",
    [{"signature": "x", "signature.en": "y"}, {"nickname": "x"}, {"signature.EN!": "x"}],
    ids=["twice", "unknown", "bad-language"],
)
def test_update_profile_refuses_bad_keys_and_writes_nothing(
    store: TemplateStore, changes: dict[str, str | None]
) -> None:
    with pytest.raises(ValueError, match="profile key"):
        store.update_profile({"my_name": "Not written", **changes})
    assert store.get_profile() == Profile()


def test_two_writers_on_one_file_both_keep_their_change(store: TemplateStore) -> None:
    """The window read the profile before the command line set the name: its signature
    writes (from what it read then) must not put the old name back, and the other way
    round."""
    store.update_profile({"my_name": "Old name", "signature.en": "Old signature"})
    with TemplateStore(store.path) as window:  # as another process would
        stale = window.get_profile()
        store.update_profile({"my_name": "New name", "signature.ro": "Semnătura"})
        key = signature_key(stale.default_language)
        window.update_profile({key: "Typed in the window"})  # per keystroke, that key only
        window.update_profile({key: "Typed in the window, more"})
        assert stale.my_name == "Old name"  # what the window read is stale: never written
        assert window.get_profile() == Profile(
            my_name="New name",
            signatures={"en": "Typed in the window, more", "ro": "Semnătura"},
        )
        window.update_profile({"signature.ru": "Подпись"})
    profile = store.get_profile()
    assert profile.my_name == "New name"
    assert profile.signatures == {
        "en": "Typed in the window, more",
        "ro": "Semnătura",
        "ru": "Подпись",
    }


def test_the_old_single_signature_becomes_the_default_languages(store: TemplateStore) -> None:
    """Older databases: one `profile.signature`. It is read as the signature of the stored
    default language only (never added under replies in other languages), and the first
    write pins it to that language, so a later change of the default does not move it."""
    store.set_setting("profile.default_language", "ro")
    store.set_setting("profile.signature", "Ana, designer")
    profile = store.get_profile()
    assert profile.signatures == {"ro": "Ana, designer"}
    assert profile.values("en") == {}
    assert profile.values("ro") == {"signature": "Ana, designer"}
    moved = store.update_profile({"default_language": "en"})
    assert moved.signatures == {"ro": "Ana, designer"} and moved.signature_for("en") == ""
    assert store.get_setting("profile.signature") is None
    assert store.get_setting("profile.signature.ro") == "Ana, designer"


def test_the_old_signature_defaults_to_english_and_yields_to_a_new_one(
    store: TemplateStore,
) -> None:
    store.set_setting("profile.signature", "Alex, designer")
    assert store.get_profile().signatures == {"en": "Alex, designer"}
    store.set_setting("profile.signature.en", "Alex · brand designer")
    assert store.get_profile().signatures == {"en": "Alex · brand designer"}
    store.update_profile({"my_name": "Alex"})  # any profile write drops the old key for good
    assert store.get_setting("profile.signature") is None
    assert store.get_profile().signatures == {"en": "Alex · brand designer"}


def test_current_order_survives_reopening(data_dir: Path) -> None:
    with TemplateStore.open_default() as store:
        order = store.create_order({"order_id": "FO-9"})
        store.current_order_id = order.id
    with TemplateStore.open_default() as store:
        assert store.current_order_id == order.id
        store.current_order_id = None
        assert store.current_order_id is None


# -- writes over a revision read earlier (expected_revision) -------------------------------


class TestExpectedRevision:
    """update_template(expected_revision=...) writes only over the revision the caller read."""

    def test_the_revision_read_is_written_over(self, store: TemplateStore) -> None:
        row = make(store, "Greeting")
        after = store.update_template(row.id, body="Hi there", expected_revision=row.revision)
        assert (after.body, after.revision) == ("Hi there", row.revision + 1)

    def test_a_change_made_elsewhere_refuses_the_write(self, store: TemplateStore) -> None:
        from replydesk.core.errors import ChangedElsewhereError

        row = make(store, "Greeting", tags=["a"])
        with TemplateStore(store.path) as other:  # as another process would
            other.update_template(row.id, body="Theirs")
        stored = store.get_template(row.id)
        with pytest.raises(ChangedElsewhereError) as raised:
            store.update_template(
                row.id, name="Mine", body="Mine", tags=["a"], expected_revision=row.revision
            )
        error = raised.value
        assert isinstance(error, StoreError)
        assert (error.template_id, error.name) == (row.id, "Greeting")
        assert (error.expected, error.revision) == (row.revision, row.revision + 1)
        assert error.parts == ("name", "body")  # tags are the same: no difference there
        assert not error.in_trash
        assert "changed elsewhere" in str(error) and "nothing was written" in str(error)
        after = store.get_template(row.id)
        assert (after.name, after.body, after.revision, after.updated_at) == (
            "Greeting",
            "Theirs",
            stored.revision,
            stored.updated_at,
        )
        # Over the revision stored now, the same write goes through.
        store.update_template(row.id, name="Mine", expected_revision=error.revision)
        assert store.get_template(row.id).name == "Mine"

    def test_a_template_in_the_trash_is_not_written(self, store: TemplateStore) -> None:
        from replydesk.core.errors import ChangedElsewhereError

        row = make(store, "Greeting")
        store.delete_template(row.id)
        with pytest.raises(ChangedElsewhereError) as raised:
            store.update_template(row.id, body="Mine", expected_revision=row.revision)
        assert raised.value.in_trash
        assert "trash" in str(raised.value)
        assert store.get_template(row.id).body == row.body
        # Without expected_revision a template in the trash is written as before.
        store.update_template(row.id, body="Mine")
        assert store.get_template(row.id).body == "Mine"

    def test_a_template_deleted_for_good_is_not_found(self, store: TemplateStore) -> None:
        row = make(store, "Greeting")
        store.purge_template(row.id)
        with pytest.raises(NotFoundError):
            store.update_template(row.id, body="Mine", expected_revision=row.revision)

    def test_the_check_waits_for_a_writer_that_holds_the_lock(self, store: TemplateStore) -> None:
        """Checked under the write lock: a write committed while this one waited is seen."""
        from replydesk.core.errors import ChangedElsewhereError

        row = make(store, "Greeting")
        outcome: list[BaseException | None] = []
        writing = threading.Event()

        def save_elsewhere() -> None:
            try:
                with TemplateStore(store.path) as other:
                    writing.set()
                    other.update_template(row.id, name="Mine", expected_revision=row.revision)
                outcome.append(None)
            except BaseException as error:
                outcome.append(error)

        with store._writing(Change.TEMPLATES) as session:
            held = session.get(TemplateRow, row.id)
            assert held is not None
            held.body = "Theirs"
            held.revision += 1
            session.flush()
            worker = threading.Thread(target=save_elsewhere)
            worker.start()
            assert writing.wait(60), "the other writer never started"
            worker.join(0.3)  # blocked on the write lock meanwhile
            assert worker.is_alive()
        worker.join(120)
        assert not worker.is_alive()
        assert len(outcome) == 1 and isinstance(outcome[0], ChangedElsewhereError)
        after = store.get_template(row.id)
        assert (after.name, after.body) == ("Greeting", "Theirs")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "Refund offer \u202eexe.fdp"}, r"the name holds an invisible .*U\+202E"),
        ({"name": "Thanks\u200b"}, r"the name holds an invisible .*U\+200B"),
        ({"name": "two\nlines"}, r"the name holds an invisible .*U\+000A"),
        ({"kind": "k" * 10_000_000}, r"the kind is longer than 60 characters"),
        ({"tags": ["ok", "\x1b]52;c;aGk=\x07"]}, r"tag 2 holds an invisible .*U\+001B"),
        ({"tags": [f"t{i}" for i in range(31)]}, r"more than 30 tags"),
    ],
)
def test_the_store_refuses_names_kinds_and_tags_an_import_would_refuse(
    store: TemplateStore, changes: dict[str, Any], message: str
) -> None:
    """The editor and the command line write through the store: the same limits as an
    import (core.template_texts), on create and on update, and nothing is written."""
    from replydesk.core.errors import LibraryFileError

    data = TemplateData(name="Fine", kind="greeting", language="en", body="Hi")
    with pytest.raises(LibraryFileError, match=f"^template: {message}"):
        store.create_template(dataclasses.replace(data, **changes))
    row = store.create_template(data)
    with pytest.raises(LibraryFileError, match=f"^template: {message}"):
        store.update_template(row.id, **changes)
    assert store.get_template(row.id).parts() == row.parts()
    assert [r.name for r in store.list_templates()].count("Fine") == 1


def test_variants_are_a_familys_templates_not_in_the_trash_by_language(
    store: TemplateStore,
) -> None:
    def add(language: str, family: str = "hello") -> str:
        data = TemplateData(name=f"Hello {language}", kind="greeting", language=language,
                            body="Hi\n", family=family)  # fmt: skip
        return store.create_template(data).id

    ro, en, sk = add("ro"), add("en"), add("sk")
    add("en", family="")
    store.delete_template(sk)
    assert [row.id for row in store.variants("hello")] == [en, ro]
    assert store.variants("") == []  # no family: each stands alone

    alone = add("hu", family="")
    revision = store.get_template(alone).revision
    moved = store.update_template(alone, family="hello")
    assert (moved.family, moved.revision) == ("hello", revision + 1)
    assert [row.language for row in store.variants("hello")] == ["en", "hu", "ro"]


def test_a_variant_joins_the_reply_of_its_source_in_one_write(store: TemplateStore) -> None:
    alone = store.create_template(
        TemplateData(name="Thanks", kind="review_thanks", language="en", body="Thanks!\n")
    )
    variant = store.add_variant(
        alone.id,
        TemplateData(name="Mulțumesc", kind="review_thanks", language="ro", body="Mersi!\n"),
    )
    source = store.get_template(alone.id)
    assert source.family and variant.family == source.family
    assert source.revision == alone.revision + 1  # it was given a family: an edit
    assert [row.language for row in store.variants(source.family)] == ["en", "ro"]
    third = store.add_variant(
        variant.id,
        TemplateData(name="Ďakujem", kind="review_thanks", language="sk", body="Vďaka!\n"),
    )
    assert third.family == source.family
    assert store.get_template(alone.id).revision == source.revision  # already in a family


def test_a_template_joins_another_reply_as_its_variant(store: TemplateStore) -> None:
    def add(name: str, language: str) -> TemplateRow:
        data = TemplateData(name=name, kind="greeting", language=language, body="Hi\n")
        return store.create_template(data)

    english, russian, romanian = add("Hello", "en"), add("Привет", "ru"), add("Salut", "ro")
    joined = store.join_reply(russian.id, english.id)
    reply = store.get_template(english.id)
    assert reply.family and joined.family == reply.family
    assert (reply.revision, joined.revision) == (english.revision + 1, russian.revision + 1)
    store.join_reply(romanian.id, russian.id)  # any variant names the reply
    assert [row.language for row in store.variants(reply.family)] == ["en", "ro", "ru"]
    assert store.get_template(english.id).revision == reply.revision  # already a family


def test_a_reply_keeps_one_variant_per_language(store: TemplateStore) -> None:
    def add(name: str, language: str) -> TemplateRow:
        data = TemplateData(name=name, kind="greeting", language=language, body="Hi\n")
        return store.create_template(data)

    english, other_english = add("Hello", "en"), add("Hi there", "en-GB")
    russian = add("Привет", "ru")
    store.join_reply(russian.id, english.id)
    with pytest.raises(VariantClashError, match="already has a variant in this language: “Hello”"):
        store.join_reply(other_english.id, russian.id)
    with pytest.raises(VariantClashError, match="already a variant"):
        store.join_reply(russian.id, english.id)
    with pytest.raises(VariantClashError, match="already a variant"):
        store.join_reply(english.id, english.id)
    assert store.get_template(other_english.id).family == ""  # nothing was written
    store.delete_template(english.id)  # in the trash: no longer a variant
    family = store.get_template(russian.id).family
    assert store.join_reply(other_english.id, russian.id).family == family
