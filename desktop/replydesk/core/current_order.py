"""The current order: what the store holds for it, plus the edits not saved yet.

The store is the one home of an order's values. `CurrentOrder` keeps the values as it
last read them (to tell which fields someone else changed since) and the user's edits
until they are saved; a save writes only the edited fields, so a change made elsewhere
to another field is never overwritten.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from replydesk.core.errors import NotFoundError, ReplydeskError
from replydesk.core.fields import STANDARD_FIELDS, FieldType, is_empty

if TYPE_CHECKING:
    from replydesk.core.store import TemplateStore


@dataclass(frozen=True)
class SaveOutcome:
    """What a save did: the fields it wrote over a change made elsewhere (name → the
    value that was replaced), and whether it created the order."""

    overwritten: Mapping[str, object] = field(default_factory=dict)
    created: bool = False


_TEXT_VALUED = (FieldType.TEXT, FieldType.MULTILINE, FieldType.CHOICE)


def is_unreadable(name: str, value: object) -> bool:
    """Text typed for a price or a date that is not one (yet): kept as typed, not saved.
    (Text, multi-line and choice values are text.)"""
    spec = STANDARD_FIELDS.get(name)
    typed = spec is not None and spec.type not in _TEXT_VALUED
    return typed and isinstance(value, str)


class CurrentOrder:
    """The order replies are filled from (None: a new order, created on its first save).

    An edit that is not a value yet (a price typed as "25,x") is shown in `values()`, so a
    Filling reports it, but never saved: the stored value stays until the text reads."""

    def __init__(self, store: TemplateStore) -> None:
        self._store = store
        self.order_id: int | None = None
        self._stored: dict[str, object] = {}  # as last read from the store
        self._pending: dict[str, object | None] = {}  # edited, not saved yet
        self.load(self._stored_current_id())

    def _stored_current_id(self) -> int | None:
        try:
            return self._store.current_order_id
        except ReplydeskError:
            return None

    # -- reading -----------------------------------------------------------------------

    def load(self, order_id: int | None) -> None:
        """Show another order (None: a new one); unsaved edits are dropped."""
        values: dict[str, object] = {}
        if order_id is not None:
            try:
                values = self._store.get_order(order_id).values()
            except ReplydeskError:
                order_id = None
        self.order_id = order_id
        self._stored = values
        self._pending = {}

    def values(self) -> dict[str, object]:
        """The order's non-empty values: the stored ones with the edits on top."""
        merged = {**self._stored, **self._pending}
        return {name: value for name, value in merged.items() if not is_empty(value)}

    @property
    def dirty(self) -> bool:
        return bool(self._pending)

    def is_edited(self, name: str) -> bool:
        """The user changed this field and the change is not saved yet."""
        return name in self._pending

    def refresh(self) -> set[str]:
        """Read the stored order again (someone else may have changed it); edits not yet
        saved stay on top. Returns the fields whose shown value changed.

        When another process picked another current order and nothing here is unsaved,
        that order is shown."""
        before = self.values()
        current = self._stored_current_id()
        if current != self.order_id and not self._pending and current is not None:
            self.load(current)
        elif self.order_id is not None:
            try:
                self._stored = self._store.get_order(self.order_id).values()
            except NotFoundError:
                # Deleted elsewhere: what is shown stays, and is saved as a new order.
                self._pending = {**self._stored, **self._pending}
                self._stored = {}
                self.order_id = None
            except ReplydeskError:
                return set()
        after = self.values()
        return {
            name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
        }

    # -- writing -----------------------------------------------------------------------

    def set(self, name: str, value: object | None) -> bool:
        """An edit of one field (None or "" clears it); False when it changes nothing."""
        if is_empty(value):
            value = None
        if self.values().get(name) == value:
            return False
        if self._stored.get(name) == value:
            self._pending.pop(name, None)  # typed back to what is stored
        else:
            self._pending[name] = value
        return True

    def save(self) -> SaveOutcome:
        """Write the edited fields (and only those); raises ReplydeskError when the store
        refuses, the edits then stay pending (as do those that are not values yet)."""
        changes = {
            name: value for name, value in self._pending.items() if not is_unreadable(name, value)
        }
        if not changes:
            return SaveOutcome()
        if self.order_id is not None:
            try:
                order, overwritten = self._store.change_order(self.order_id, changes, self._stored)
            except NotFoundError:
                self._pending = {**self._stored, **self._pending}
                self._stored = {}
                self.order_id = None
            else:
                self._stored = order.values()
                for name, value in changes.items():
                    if self._pending.get(name) == value:
                        del self._pending[name]
                return SaveOutcome(overwritten=overwritten)
        values = {
            name: value for name, value in self.values().items() if not is_unreadable(name, value)
        }
        if not values:
            return SaveOutcome()
        order = self._store.create_order(values)
        assert order.id is not None
        self._store.current_order_id = order.id
        self.order_id = order.id
        self._stored = order.values()
        self._pending = {k: v for k, v in self._pending.items() if is_unreadable(k, v)}
        return SaveOutcome(created=True)


__all__ = ["CurrentOrder", "SaveOutcome"]
