"""The order's fields: one declaration (core.fields.ORDER), and every view of it agrees."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from replydesk.core import fields, filling
from replydesk.core.fields import (
    ORDER,
    ORDER_BAR_FIELDS,
    ORDER_FIELD_NAMES,
    ORDER_FIELDS,
    PER_REPLY_ORDER_FIELDS,
    STANDARD_FIELDS,
    example_value,
)
from replydesk.core.filling import Filling
from replydesk.core.models import OrderRow
from replydesk.core.store import TemplateStore

EVERY_ORDER_FIELD = " ".join(f"{{{{ {name} }}}}" for name in ORDER_FIELD_NAMES)
ROW_BOOKKEEPING = {"id", "custom_json", "created_at", "updated_at", "last_used_at"}


def test_the_bar_and_the_form_share_the_order_fields_between_them() -> None:
    assert set(ORDER_BAR_FIELDS).isdisjoint(PER_REPLY_ORDER_FIELDS)
    in_order = [name for name in ORDER_FIELD_NAMES if name in {*ORDER_BAR_FIELDS}]
    assert list(ORDER_BAR_FIELDS) == in_order
    assert sorted(ORDER_BAR_FIELDS + PER_REPLY_ORDER_FIELDS) == sorted(ORDER_FIELD_NAMES)
    assert PER_REPLY_ORDER_FIELDS == ("notes",)
    assert tuple(field.spec for field in ORDER) == ORDER_FIELDS
    assert all(STANDARD_FIELDS[spec.name] is spec for spec in ORDER_FIELDS)


def test_the_window_reads_the_same_lists_from_filling() -> None:
    assert filling.ORDER_BAR_FIELDS is fields.ORDER_BAR_FIELDS
    assert filling.PER_REPLY_ORDER_FIELDS is fields.PER_REPLY_ORDER_FIELDS
    assert filling.PROFILE_FIELD_NAMES is fields.PROFILE_FIELD_NAMES


def test_every_order_field_has_its_own_column() -> None:
    columns = set(OrderRow.model_fields) - ROW_BOOKKEEPING
    assert columns == set(ORDER_FIELD_NAMES)


def test_every_order_field_is_stored_in_its_column_and_read_back_typed(
    store: TemplateStore,
) -> None:
    values = {spec.name: example_value(spec) for spec in ORDER_FIELDS}
    created = store.create_order(values)
    assert created.id is not None
    row = store.get_order(created.id)
    assert row.custom == {}  # nothing went to the custom fields
    assert row.values() == values
    assert isinstance(row.values()["price"], Decimal)
    assert isinstance(row.values()["deadline"], dt.date)


def test_the_bar_fields_go_to_the_order_and_the_note_stays_with_the_reply() -> None:
    fill = Filling(EVERY_ORDER_FIELD, [], "en")
    assert {fill.destination(name) for name in ORDER_BAR_FIELDS} == {"order"}
    assert {fill.destination(name) for name in PER_REPLY_ORDER_FIELDS} == {"reply"}
    assert [spec.name for spec in fill.form_fields] == list(PER_REPLY_ORDER_FIELDS)
    fill.pin("notes", True)
    assert fill.destination("notes") == "order"
