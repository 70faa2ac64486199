"""Renders that outgrow the interactive budget, finished off the GUI thread.

A preview renders on the GUI thread within INTERACTIVE_RENDER_SECONDS of processor time,
which every ordinary template needs only a fraction of. One that needs more is not an
error: the window shows that the reply is being prepared and hands the render, with the
full MAX_RENDER_SECONDS, to a BackgroundRender.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from replydesk.core.sandbox import MAX_RENDER_SECONDS
from replydesk.ui.tasks import run_in_background

if TYPE_CHECKING:
    from replydesk.core.filling import Filling, FillResult


class BackgroundRender(QObject):
    """Runs one render job at a time on the thread pool; only the newest one counts.

    A job is a callable that owns everything it reads (a snapshot, never live widget
    state). A job requested while another runs waits, replacing any job already waiting,
    and its result reaches its callback on the GUI thread. Results of replaced or
    cancelled jobs are dropped, so a callback only ever sees the state last asked for.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running = False
        self._waiting: tuple[Callable[[], Any], Callable[[Any], object]] | None = None
        self._generation = 0  # of the newest request; a finished job from another is stale
        self._pending = False

    def request(self, job: Callable[[], Any], on_done: Callable[[Any], object]) -> None:
        """Run `job` once the running job (if any) ends; `on_done(result)` unless replaced."""
        self._generation += 1
        self._pending = True
        self._waiting = (job, on_done)
        if not self._running:
            self._start_waiting()

    def finish_fill(self, filling: Filling, on_done: Callable[[FillResult], object]) -> None:
        """Finish `filling` as it stands now, with the full budget: `on_done(FillResult)`."""
        snapshot = filling.snapshot()
        self.request(lambda: snapshot.result(time_budget=MAX_RENDER_SECONDS), on_done)

    def cancel(self) -> None:
        """Forget the waiting job and drop the running one's result."""
        self._generation += 1
        self._pending = False
        self._waiting = None

    def is_pending(self) -> bool:
        """True while the newest request's result has not been delivered."""
        return self._pending

    def _start_waiting(self) -> None:
        if self._waiting is None:
            return
        job, on_done = self._waiting
        self._waiting = None
        self._running = True
        generation = self._generation

        def done(result: Any) -> None:
            self._running = False
            if generation == self._generation:
                self._pending = False
                on_done(result)
            self._start_waiting()

        def failed(error: BaseException) -> None:
            self._running = False
            if generation == self._generation:
                self._pending = False
            self._start_waiting()
            raise error  # a bug, not a template problem: the excepthook reports it

        run_in_background(job, done, failed)
