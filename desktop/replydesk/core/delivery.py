"""Delivering a reply: the one set of rules every way in follows (the window, the
palette, the tray and `replydesk fill --copy`).

A reply is checked first; one the checker finds an error in is blocked when the user
asked for that (core.settings.BLOCK_COPY), else it is copied only once the user confirms
it. Once the reply is on the clipboard, the use is recorded: the template's count and
the order's last use.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING

from replydesk.core.errors import ReplydeskError
from replydesk.core.i18n import N_, _
from replydesk.core.settings import BLOCK_COPY

if TYPE_CHECKING:
    from replydesk.core.checker import Finding
    from replydesk.core.store import TemplateStore

BLOCK_COPY_SETTING = BLOCK_COPY.key  # the old name of core.settings.BLOCK_COPY's key
BLOCKED_TEXT = N_("Not copied: the checker found an error (copying is blocked on errors)")


class Verdict(str, Enum):
    COPY = "copy"
    CONFIRM = "confirm"  # ask the user first
    BLOCK = "block"


def errors_in(findings: Sequence[Finding]) -> list[Finding]:
    """The findings that stand in the way of a copy."""
    return [f for f in findings if f.severity.value == "error"]


def verdict(findings: Sequence[Finding], *, blocked: bool, confirmed: bool = False) -> Verdict:
    """Copy, ask first, or refuse: a reply with checker errors is never copied unasked."""
    if not errors_in(findings):
        return Verdict.COPY
    if blocked:
        return Verdict.BLOCK
    return Verdict.COPY if confirmed else Verdict.CONFIRM


def copy_blocked(store: TemplateStore) -> bool:
    """The user's setting: block copying a reply with checker errors."""
    try:
        return BLOCK_COPY.read(store)
    except ReplydeskError:
        return False


def confirm_text(findings: Sequence[Finding], again: str) -> str:
    """What asks the user to confirm: the first error and how to copy anyway."""
    first = errors_in(findings)[0].message
    # Translators: {error} is the checker's finding ("A phone number: ..."); {again} says
    # how to confirm ("Press Enter again", "Click Copy again").
    return _("The checker found an error: {error}. {again} to copy anyway").format(
        error=first, again=again
    )


def record_delivery(store: TemplateStore, template_id: str, order_id: int | None) -> str | None:
    """Count the use of a reply now on the clipboard; a message when it cannot be counted
    (the reply is delivered all the same)."""
    try:
        store.record_use(template_id)
        if order_id is not None:
            store.touch_order(order_id)
    except ReplydeskError as error:
        return _("Could not count the use: {error}").format(error=error)
    return None


__all__ = [
    "BLOCKED_TEXT",
    "BLOCK_COPY_SETTING",
    "Verdict",
    "confirm_text",
    "copy_blocked",
    "errors_in",
    "record_delivery",
    "verdict",
]
