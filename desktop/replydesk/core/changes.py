"""What changed in the store, announced to whoever listens (Qt-free).

The store announces every committed write with the parts it touched; the window's
`ui.store_events.StoreEvents` turns these (and other processes' writes, seen through the
database's change counter) into Qt signals that every view updates from.
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable

log = logging.getLogger("replydesk.changes")


class Change(enum.Flag):
    """The parts of the store a write touched."""

    NONE = 0
    TEMPLATES = enum.auto()  # a template's text, name, star, trash, use count; an import
    ORDERS = enum.auto()  # an order's fields, the current order
    PROFILE = enum.auto()  # the user's name, signatures, default language and currency
    SETTINGS = enum.auto()  # the other settings (autopaste, block copy, notices shown)
    ALL = TEMPLATES | ORDERS | PROFILE | SETTINGS


Listener = Callable[[Change], None]


class ChangeFeed:
    """Calls each listener after a write is committed, on the thread that wrote."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(change)` after every committed write; returns the unsubscribe."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def announce(self, change: Change) -> None:
        if not change:
            return
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(change)
            except Exception:  # a listener's bug must not undo or hide a committed write
                log.exception("a change listener failed")


__all__ = ["Change", "ChangeFeed", "Listener"]
