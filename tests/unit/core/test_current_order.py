"""The current order: edits written field by field, changes made elsewhere kept."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from replydesk.core.current_order import CurrentOrder
from replydesk.core.store import TemplateStore


@pytest.fixture
def other(store: TemplateStore) -> Iterator[TemplateStore]:
    """A second store on the same file, as another process (the CLI) has."""
    opened = TemplateStore(store.path)
    try:
        yield opened
    finally:
        opened.close()


def current(store: TemplateStore, **values: object) -> CurrentOrder:
    order = store.create_order({"client_name": "Anna", "price": Decimal("250"), **values})
    store.current_order_id = order.id
    return CurrentOrder(store)


def test_an_edit_of_one_field_keeps_another_process_change_of_another(
    store: TemplateStore, other: TemplateStore
) -> None:
    order = current(store)
    assert order.order_id is not None
    other.update_order(order.order_id, {"price": Decimal("300")})  # `order edit --set`
    assert order.set("client_name", "Anna K.")
    outcome = order.save()
    assert outcome.overwritten == {}
    stored = store.get_order(order.order_id)
    assert (stored.client_name, Decimal(stored.price)) == ("Anna K.", Decimal("300"))
    assert order.values()["price"] == Decimal("300")


def test_the_same_field_changed_elsewhere_is_reported_when_written_over(
    store: TemplateStore, other: TemplateStore
) -> None:
    order = current(store)
    assert order.order_id is not None
    other.update_order(order.order_id, {"price": Decimal("300")})
    order.set("price", Decimal("275"))
    outcome = order.save()
    assert outcome.overwritten == {"price": Decimal("300")}
    assert Decimal(store.get_order(order.order_id).price) == Decimal("275")


def test_refresh_shows_changes_made_elsewhere_and_keeps_unsaved_edits(
    store: TemplateStore, other: TemplateStore
) -> None:
    order = current(store, service="Logo")
    assert order.order_id is not None
    order.set("service", "Logo and card")
    other.update_order(order.order_id, {"price": Decimal("300"), "service": "Banner"})
    assert order.refresh() == {"price"}
    assert order.values()["service"] == "Logo and card"
    assert order.is_edited("service") and not order.is_edited("price")
    assert order.refresh() == set()


def test_clearing_a_field_is_saved_as_empty(store: TemplateStore) -> None:
    order = current(store, service="Logo")
    order.set("service", "")
    order.save()
    assert order.order_id is not None
    assert store.get_order(order.order_id).service == ""
    assert "service" not in order.values()


def test_typing_back_the_stored_value_leaves_nothing_to_save(store: TemplateStore) -> None:
    order = current(store)
    assert order.set("client_name", "Ann")
    assert order.set("client_name", "Anna")
    assert not order.dirty
    assert not order.set("client_name", "Anna")


def test_a_new_order_is_created_on_its_first_save_and_becomes_current(
    store: TemplateStore,
) -> None:
    order = CurrentOrder(store)
    assert order.order_id is None and not order.save().created
    order.set("client_name", "Petra")
    outcome = order.save()
    assert outcome.created and order.order_id == store.current_order_id
    assert store.get_order(order.order_id or 0).client_name == "Petra"


def test_an_order_deleted_elsewhere_is_saved_again_as_a_new_one(
    store: TemplateStore, other: TemplateStore
) -> None:
    order = current(store)
    old_id = order.order_id
    assert old_id is not None
    order.set("service", "Logo")
    other.delete_order(old_id)
    assert order.save().created
    assert order.order_id != old_id
    stored = store.get_order(order.order_id or 0)
    assert (stored.client_name, stored.service) == ("Anna", "Logo")


def test_another_current_order_chosen_elsewhere_is_followed_when_nothing_is_unsaved(
    store: TemplateStore, other: TemplateStore
) -> None:
    order = current(store)
    second = other.create_order({"client_name": "Bence"})
    other.current_order_id = second.id
    assert "client_name" in order.refresh()
    assert order.order_id == second.id and order.values()["client_name"] == "Bence"
