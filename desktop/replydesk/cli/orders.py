"""`replydesk order` and `profile`: the saved orders and the user's own values."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from replydesk.cli.exit import ExitStatus
from replydesk.cli.output import print_json, print_table
from replydesk.cli.parser import UsageError, parse_assignments
from replydesk.cli.streams import Streams
from replydesk.core.display import one_line
from replydesk.core.i18n import _, pgettext

if TYPE_CHECKING:
    from replydesk.core.models import OrderRow
    from replydesk.core.store import TemplateStore


def order_command(store: TemplateStore, args: argparse.Namespace, streams: Streams) -> ExitStatus:
    """`order list|add|edit|show`: the recent orders, or one order after the change asked."""
    out = streams.stdout
    action = args.order_command
    if action == "list":
        orders = store.list_orders(limit=args.limit)
        current = store.current_order_id
        if args.json:
            print_json([order_json(o, current) for o in orders], out)
            return ExitStatus.OK
        table = [
            [("* " if o.id == current else "  ") + str(o.id), o.order_id, o.client_name, o.service]
            for o in orders
        ]
        headers = [
            "  #",
            pgettext("column", "ORDER ID"),
            pgettext("column", "CLIENT"),
            pgettext("column", "SERVICE"),
        ]
        print_table(table, headers, out)
        return ExitStatus.OK
    if action == "add":
        default = store.get_profile().default_currency
        order = store.create_order(parse_order_values(parse_assignments(args.set), default))
    elif action == "edit":
        order = store.find_order(args.order)
        currency = order.currency or store.get_profile().default_currency
        values = parse_order_values(parse_assignments(args.set), currency)
        order = store.update_order(order_id(order), values)
    else:
        order = store.find_order(args.order)
    if getattr(args, "current", False):
        store.current_order_id = order.id
    if args.json:
        print_json(order_json(order, store.current_order_id), out)
        return ExitStatus.OK
    # Translators: the heading of one saved order; {number} is its number.
    out.write(_("order {number}").format(number=order.id) + "\n")
    for name, value in order.values().items():
        out.write(one_line(f"  {name:<12} {value}") + "\n")
    return ExitStatus.OK


def profile_command(store: TemplateStore, args: argparse.Namespace, streams: Streams) -> ExitStatus:
    """Change only the profile values given, then show the profile."""
    from replydesk.core.store import signature_key

    out = streams.stdout
    if args.for_language is not None and args.signature is None:
        raise UsageError(_("--for-language says which language --signature is for: give both"))
    changes: dict[str, str | None] = {
        key: value
        for key, value in (
            ("my_name", args.name),
            ("default_language", args.language),
            ("default_currency", args.currency.upper() if args.currency else None),
        )
        if value is not None
    }
    language = (args.for_language or "").strip()
    if args.signature is not None:
        changes[signature_key(language) if language else "signature"] = (
            args.signature.rstrip() or None
        )
    try:
        profile = store.update_profile(changes) if changes else store.get_profile()
    except ValueError:  # the one key update_profile can refuse here: the language's
        # Translators: {language} is what was typed after --for-language.
        message = _("--for-language takes a language code such as en or ru, not {language!r}")
        raise UsageError(message.format(language=language)) from None
    data: dict[str, Any] = {
        "my_name": profile.my_name,
        "default_language": profile.default_language,
        "default_currency": profile.default_currency,
        # The default language's, the one signature there was before languages had their own.
        "signature": profile.signature_for(profile.default_language),
        "signatures": dict(sorted(profile.signatures.items())),
    }
    if args.json:
        print_json(data, out)
        return ExitStatus.OK
    for key in ("my_name", "default_language", "default_currency"):
        out.write(f"{key:<17} {data[key]}\n")
    if not profile.signatures:
        # Translators: the profile has no signature in any language.
        out.write(f"{'signatures':<17} {_('(none)')}\n")
    for code, text in data["signatures"].items():
        lines = text.splitlines() or [""]
        out.write(f"{signature_key(code):<17} {lines[0]}\n")
        for line in lines[1:]:
            out.write(f"{'':<17} {line}\n")
    return ExitStatus.OK


def parse_order_values(assignments: dict[str, str], currency: str) -> dict[str, object]:
    """Typed order values from --set; the price is read in the currency the order will
    have (`currency` set here, else `currency`, the order's or the profile's)."""
    from replydesk.core.fields import STANDARD_FIELDS, parse_value

    values: dict[str, object] = {}
    names = sorted(assignments, key=lambda name: name != "currency")  # the currency first
    for name in names:
        raw = assignments[name]
        spec = STANDARD_FIELDS.get(name)
        in_currency = str(values.get("currency") or currency)
        values[name] = parse_value(spec, raw, currency=in_currency) if spec and raw.strip() else raw
    return values


def order_id(order: OrderRow) -> int:
    """A saved order's number (the database has assigned it)."""
    assert order.id is not None
    return order.id


def order_json(order: OrderRow, current_id: int | None) -> dict[str, Any]:
    """A saved order as --json gives it: its number, whether it is current, its values."""
    values = {
        k: (v.isoformat() if hasattr(v, "isoformat") else str(v)) for k, v in order.values().items()
    }
    return {"id": order.id, "current": order.id == current_id, "values": values}
