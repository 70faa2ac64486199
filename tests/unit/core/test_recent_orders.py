"""One list of recent orders for the order bar and the palette."""

from __future__ import annotations

from replydesk.core.recent_orders import OrderChoice, order_title, recent_orders
from replydesk.core.store import TemplateStore


def test_newest_first_and_the_current_order_is_kept_even_when_older(store: TemplateStore) -> None:
    first = store.create_order({"client_name": "Anna", "order_id": "FO1"})
    for number in range(4):
        store.create_order({"client_name": f"Client {number}"})
    assert first.id is not None
    listed = recent_orders(store, first.id, limit=3)
    assert listed[0] == OrderChoice(first.id, "FO1 — Anna")
    assert len(listed) == 4
    assert [choice.title for choice in recent_orders(store, None, limit=2)] == [
        "Client 3",
        "Client 2",
    ]


def test_a_current_order_deleted_meanwhile_is_simply_not_listed(store: TemplateStore) -> None:
    kept = store.create_order({"client_name": "Ion"})
    gone = store.create_order({"client_name": "Ana"})
    assert gone.id is not None
    store.delete_order(gone.id)
    assert [choice.order_id for choice in recent_orders(store, gone.id)] == [kept.id]


def test_titles_in_every_language() -> None:
    assert order_title({"order_id": "K-7", "client_name": "Иван", "service": "Логотип"}) == (
        "K-7 — Иван · Логотип"
    )
    assert order_title({"service": "Weboldal"}) == "Weboldal"
