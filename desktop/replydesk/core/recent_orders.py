"""The recent orders a reply can be filled from, and how an order is named in a list: one
list for the order bar and the palette (Qt-free)."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass

from replydesk.core.errors import ReplydeskError
from replydesk.core.i18n import N_, _
from replydesk.core.store import TemplateStore

RECENT_ORDERS = 30
# Translators: the order list's entry for an order not saved yet (or without a name).
NEW_ORDER_TEXT = N_("New order")


@dataclass(frozen=True)
class OrderChoice:
    order_id: int
    title: str


def order_title(values: Mapping[str, object]) -> str:
    """How an order list names an order: "FO81C2D3 — Anna · Logo design"."""
    order_id = str(values.get("order_id") or "")
    who = " · ".join(str(values[k]) for k in ("client_name", "service") if values.get(k))
    if order_id and who:
        return f"{order_id} — {who}"
    return order_id or who or _(NEW_ORDER_TEXT)


def recent_orders(
    store: TemplateStore, current: int | None, limit: int = RECENT_ORDERS
) -> list[OrderChoice]:
    """The most recently used orders, newest first, with `current` among them even when
    it is older; empty when the store cannot be read."""
    try:
        orders = store.list_orders(limit=limit)
        if current is not None and all(order.id != current for order in orders):
            with contextlib.suppress(ReplydeskError):  # deleted meanwhile: not listed
                orders.insert(0, store.get_order(current))
    except ReplydeskError:
        return []
    return [OrderChoice(int(order.id or 0), order_title(order.values())) for order in orders]


__all__ = ["NEW_ORDER_TEXT", "RECENT_ORDERS", "OrderChoice", "order_title", "recent_orders"]
