"""Progress and cancelling of long work (Qt-free): the work reports, the caller cancels.

Long core work (reading and planning an import, applying it, exporting, a backup, a
restore) takes a `Progress` and calls `step()` as it goes. `step()` raises `Cancelled`
once `cancel()` was called from another thread, so the work stops at a point where nothing
is half-done: the store's writes roll back, files are written aside and never renamed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from replydesk.core.errors import ReplydeskError
from replydesk.core.i18n import N_, _

Reporter = Callable[[int, int, str], None]  # (done, total, what is being done)


class Cancelled(ReplydeskError):
    """The user cancelled; nothing was changed."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(_(_CANCELLED) if message is None else message)


_CANCELLED = N_("Cancelled: nothing was changed")
"""What a cancelled piece of work says by default."""


class Progress:
    """How far long work has come; thread-safe. `total` 0 means not known yet."""

    def __init__(self, report: Reporter | None = None) -> None:
        self._report = report
        self._cancelled = threading.Event()

    def step(self, done: int, total: int = 0, what: str = "") -> None:
        """Say how far the work is; raises Cancelled when it was cancelled."""
        self.check()
        if self._report is not None:
            self._report(done, total, what)

    def check(self) -> None:
        """Raise Cancelled when it was cancelled (work that reports no numbers calls this)."""
        if self._cancelled.is_set():
            raise Cancelled()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()


NO_PROGRESS = Progress()
"""For callers that neither watch nor cancel (the CLI, tests): never cancelled."""

__all__ = ["NO_PROGRESS", "Cancelled", "Progress", "Reporter"]
