"""Filling one template for one order: form fields, value routing, results."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from replydesk.core import filling, models
from replydesk.core.filling import Filling, filling_for
from replydesk.core.store import TemplateStore

BODY = (
    "Hi {{ client_name }}, {{ price|money }} by {{ deadline|date('long') }}."
    "{% if notes %} {{ notes }}{% endif %} Extra: {{ extra }}. {{ my_name }}"
)
ORDER = {"client_name": "Ann", "price": Decimal("25"), "deadline": dt.date(2026, 12, 1)}


def make(**kwargs: object) -> Filling:
    options: dict[str, object] = {"order_values": ORDER, "profile_values": {"my_name": "Bo"}}
    options.update(kwargs)
    return Filling(BODY, [{"name": "extra", "type": "text", "default": "none"}], "en", **options)  # type: ignore[arg-type]


def test_form_asks_for_own_fields_and_order_fields_outside_the_bar() -> None:
    filling = make()
    assert [f.name for f in filling.form_fields] == ["extra", "notes"]


def test_profile_fields_are_asked_only_while_the_profile_lacks_them() -> None:
    filling = make(profile_values={})
    assert "my_name" in [f.name for f in filling.form_fields]
    assert filling.result().missing == ("my_name",)
    filling.set_value("my_name", "Bo")
    assert filling.destination("my_name") == "profile"
    assert filling.result().text is not None


def test_result_renders_with_order_profile_and_typed_values() -> None:
    filling = make()
    assert filling.result().text == "Hi Ann, $25.00 by December 1, 2026. Extra: none. Bo"
    filling.set_value("extra", "gift wrap")
    filling.set_value("notes", "Thanks!")
    assert filling.destination("notes") == "reply"
    assert filling.result().text == (
        "Hi Ann, $25.00 by December 1, 2026. Thanks! Extra: gift wrap. Bo"
    )


def test_missing_and_invalid_values_are_reported_not_raised() -> None:
    filling = make(order_values={"client_name": "Ann"})
    result = filling.result()
    assert not result.ok and result.missing == ("price", "deadline")
    assert result.message == "Fill in: Price, Deadline"
    filling.set_value("price", "12,x")
    filling.set_value("deadline", "soon")
    result = filling.result()
    assert set(result.invalid) == {"price", "deadline"}
    assert result.invalid["price"].startswith("Price: '12,x'")
    assert "Deadline: 'soon'" in result.message


def test_syntax_and_render_errors_are_reported_with_the_line() -> None:
    broken = Filling("ok\n{{ client_name", [], "en")
    assert broken.fields == [] and not broken.result().ok
    assert broken.result().error is not None and broken.result().error.line == 2  # type: ignore[union-attr]
    failing = Filling("a\n{{ 1 / n }}", [{"name": "n", "type": "number"}], "en")
    failing.set_value("n", 0)
    assert "line 2" in failing.result().message


def test_initial_values_prefer_typed_then_order_then_profile_then_default() -> None:
    filling = make()
    specs = {f.name: f for f in filling.fields}
    assert filling.initial_value(specs["client_name"]) == "Ann"
    assert filling.initial_value(specs["extra"]) == "none"
    filling.set_value("extra", "x")
    assert filling.initial_value(specs["extra"]) == "x"


def test_filling_for_the_current_order(library_store: TemplateStore) -> None:
    from replydesk.core.library import load_builtin

    greeting = next(t for t in load_builtin() if t.language == "en" and t.kind == "greeting")
    assert filling_for(library_store, greeting.id).result().missing
    library_store.update_profile({"my_name": "Bo"})
    order = library_store.create_order(ORDER | {"order_id": "X1", "service": "Logo"})
    library_store.current_order_id = order.id
    result = filling_for(library_store, greeting.id).result()
    assert result.ok and result.text is not None and "Ann" in result.text and "Bo" in result.text


def test_messages_name_fields_by_their_labels() -> None:
    filling = Filling(
        "{{ back_on|date }} {{ client_name }}",
        [{"name": "back_on", "type": "date", "label": "Back at work on"}],
        "en",
    )
    assert filling.result().message == "Fill in: Back at work on, Client name"


def test_a_cleared_default_renders_empty_and_a_cleared_required_field_is_missing() -> None:
    filling = Filling(
        "Hi.{% if step %} First: {{ step }}.{% endif %} {{ must }}",
        [
            {"name": "step", "type": "text", "default": "a sketch", "required": False},
            {"name": "must", "type": "text", "default": "ok"},
        ],
        "en",
    )
    assert filling.result().text == "Hi. First: a sketch. ok"
    step = next(f for f in filling.fields if f.name == "step")
    filling.set_value("step", None)
    assert filling.initial_value(step) is None  # the form shows it empty again
    assert filling.result().text == "Hi. ok"
    filling.set_value("must", "")
    assert filling.result().missing == ("must",)


def test_a_note_is_per_reply_unless_pinned_to_the_order() -> None:
    filling = make()
    filling.set_value("notes", "Two variants")
    assert filling.order_values.get("notes") is None
    assert "Two variants" in (filling.result().text or "")
    filling.pin("notes", True)
    assert filling.destination("notes") == "order"
    assert filling.order_values["notes"] == "Two variants"
    pinned = make(order_values=ORDER | {"notes": "Kept"})
    assert pinned.destination("notes") == "order" and "notes" in pinned.pinned
    pinned.pin("notes", False)
    assert pinned.destination("notes") == "reply"


def test_an_unpinned_note_on_the_order_is_not_used_after_unpinning() -> None:
    filling = make(order_values=ORDER | {"notes": "Old note"})
    filling.pin("notes", False)
    filling.set_value("notes", None)
    filling.set_order_values(ORDER | {"notes": "Old note"})
    assert "Old note" not in (filling.result().text or "")


def test_every_date_of_the_reply_is_checked_against_today() -> None:
    filling = Filling(
        "Back on {{ back_on|date('long') }}. {{ my_name }}",
        [{"name": "back_on", "type": "date", "label": "Back on"}],
        "en",
        profile_values={"my_name": "Bo"},
    )
    filling.set_value("back_on", (dt.date.today() - dt.timedelta(days=3)).isoformat())
    result = filling.result()
    assert [f.rule for f in result.findings] == ["past-date"]
    filling.set_value("back_on", "+3")
    assert filling.result().findings == ()


def test_only_the_users_and_the_librarys_templates_render_on_the_gui_thread() -> None:
    assert filling.TRUSTED_ORIGINS is models.TRUSTED_ORIGINS
    assert {models.USER_ORIGIN, models.BUILTIN_ORIGIN} == set(models.TRUSTED_ORIGINS)
    assert models.IMPORT_ORIGIN not in models.TRUSTED_ORIGINS
    someone_elses = Filling("Hi {{ client_name }}", [], "en", trusted=False)
    someone_elses.set_value("client_name", "Anna")
    assert someone_elses.result().deferred
    assert someone_elses.result(time_budget=1.0).text == "Hi Anna"


def test_an_extras_default_follows_the_orders_price_in_the_form_and_the_reply() -> None:
    """A money default of "20%": the form shows that share of the order's price, and the
    reply follows the price when the order changes (a Hungarian order is in forints)."""
    fields = [{"name": "extra_price", "type": "money", "default": "20%"}]
    body = "Hi {{ client_name }}: +{{ extra_price|money(style='chat') }}. {{ my_name }}"
    order = {"client_name": "Ági", "price": Decimal("25000"), "currency": "HUF"}
    shown = Filling(body, fields, "hu", order_values=order, profile_values={"my_name": "Bo"})
    [spec] = shown.form_fields
    assert shown.initial_value(spec) == Decimal("5000")
    assert shown.result().text == "Hi Ági: +5\xa0000\xa0Ft. Bo"
    shown.set_order_values({**order, "price": Decimal("40000")})
    assert shown.result().text == "Hi Ági: +8\xa0000\xa0Ft. Bo"
