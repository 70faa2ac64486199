"""Long work off the GUI thread, with progress and Cancel; results come back as signals.

`run_in_background(work, on_done, on_error)` runs `work()` on the thread pool (start-up's
reads). `BackgroundTask` runs `work(progress)` where `progress` is a core
`Progress`: the task's `progressed(done, total, what)` signal follows it, `cancel()`
makes its next `step()` raise `Cancelled`, and `done`/`failed` arrive on the GUI thread.
`ProgressStrip` shows a task in the status bar with a bar and a Cancel button.
`settle_heap()` takes what is alive now out of the garbage collector's walks; while work
runs in the background, the collector's full collections wait for it.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from replydesk.core.i18n import _
from replydesk.core.progress import Progress


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from the worker are queued to it."""

    done = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)
    progress_waiting = Signal()


class _LatestProgress:
    """The worker's latest report, handed to the GUI thread one at a time: however fast
    the work steps, at most one report waits in the event queue, and it is the newest
    (a burst of steps once queued hundreds of bar updates that froze the window)."""

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._lock = threading.Lock()
        self._latest: tuple[int, int, str] | None = None

    def report(self, done: int, total: int, what: str) -> None:
        """On the worker: keep this report; wake the GUI thread unless it is already woken."""
        with self._lock:
            waiting = self._latest is not None
            self._latest = (done, total, what)
        if not waiting:
            self._relay.progress_waiting.emit()

    def deliver(self) -> None:
        """On the GUI thread: emit the newest report, if one is waiting."""
        with self._lock:
            latest, self._latest = self._latest, None
        if latest is not None:
            self._relay.progressed.emit(*latest)


def settle_heap() -> None:
    """Move what is alive now out of the garbage collector's sight (`gc.freeze`): the
    modules start-up loaded, or an import's plan that waits in its preview. A full
    collection on a worker thread holds the interpreter lock while it walks every tracked
    object; each walk over these froze the window for about 0.1 s. The objects are freed
    as before when nothing refers to them; only the walks are saved."""
    gc.freeze()


class _FullCollectionsHeld:
    """While any task runs, the collector's automatic full collections wait (young ones go
    on as before). A full collection walks every tracked object with the interpreter lock
    held: during a 10,000-template import or export each one froze the window for
    60–150 ms, three or more times, over objects the task was still using. Afterwards the
    collector's own rule (a quarter more long-lived objects) decides when the one deferred
    walk runs, over what the task left alive; nothing is frozen or kept."""

    _HELD = 1 << 30  # young collections before a full one: never, while held

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tasks = 0
        self._saved = 0

    def __enter__(self) -> None:
        with self._lock:
            self._tasks += 1
            if self._tasks == 1:
                young, middle, self._saved = gc.get_threshold()
                gc.set_threshold(young, middle, self._HELD)

    def __exit__(self, *_exc: object) -> None:
        with self._lock:
            self._tasks -= 1
            if self._tasks == 0:
                young, middle, _held = gc.get_threshold()
                gc.set_threshold(young, middle, self._saved)


_full_collections_held = _FullCollectionsHeld()


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            with _full_collections_held:
                result = self._work()
        except Exception as error:  # delivered to the caller's on_error, never lost
            self._relay.failed.emit(error)
        else:
            self._relay.done.emit(result)


_running: set[QObject] = set()  # kept alive until their result is delivered


def _let_go(holder: QObject) -> None:
    """Stop keeping `holder` alive, once the signal being delivered has returned: never
    free a QObject inside its own signal's emission."""
    QTimer.singleShot(0, lambda: _running.discard(holder))


def wait_for_background_work() -> None:
    """Block until every task on the pool has returned: before the app exits, so that no
    worker is still running Python (or emitting to a freed relay) while the interpreter
    shuts down, which crashes the process."""
    QThreadPool.globalInstance().waitForDone()


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
) -> None:
    """Run `work` on the thread pool; call on_done(result) or on_error(exception) on the GUI thread.

    `work` must not touch widgets.
    """
    relay = _Relay()
    _running.add(relay)

    def finish(callback: Callable[[Any], None], value: object) -> None:
        _let_go(relay)
        callback(value)

    relay.done.connect(lambda result: finish(on_done, result))
    relay.failed.connect(lambda error: finish(on_error, error))
    QThreadPool.globalInstance().start(_Task(work, relay))


class BackgroundTask(QObject):
    """`work(progress)` on the thread pool. `done(result)` or `failed(error)` (a `Cancelled`
    when cancelled) arrive on the GUI thread, then `finished`."""

    progressed = Signal(int, int, str)  # done, total (0: not known), what
    done = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, title: str, work: Callable[[Progress], Any], parent: QObject | None = None):
        super().__init__(parent)
        self.title = title
        self._relay = _Relay()
        latest = _LatestProgress(self._relay)
        self._progress = Progress(latest.report)
        self._running = False
        self._relay.progress_waiting.connect(latest.deliver)
        self._relay.progressed.connect(self.progressed)
        self._relay.done.connect(self._done)
        self._relay.failed.connect(self._failed)
        self._work = work

    def start(self) -> None:
        self._running = True
        _running.add(self)
        progress = self._progress
        work = self._work
        QThreadPool.globalInstance().start(_Task(lambda: work(progress), self._relay))

    def cancel(self) -> None:
        """Ask the work to stop at its next step; `failed(Cancelled)` follows."""
        self._progress.cancel()

    def is_running(self) -> bool:
        return self._running

    def _done(self, result: object) -> None:
        self._end()
        self.done.emit(result)
        self.finished.emit()

    def _failed(self, error: object) -> None:
        self._end()
        self.failed.emit(error)
        self.finished.emit()

    def _end(self) -> None:
        self._running = False
        _let_go(self)


class ProgressStrip(QWidget):
    """A task's title, a progress bar and Cancel, for the status bar; hidden when idle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(220)
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setAccessibleName(_("Cancel the running task"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self._task: BackgroundTask | None = None
        self.cancel_button.clicked.connect(self._cancel)
        self.hide()

    def follow(self, task: BackgroundTask) -> None:
        """Show `task` until it finishes."""
        self._task = task
        self.label.setText(task.title)
        self.bar.setRange(0, 0)  # busy until the first step says how far
        self.cancel_button.setEnabled(True)
        task.progressed.connect(self._progressed)
        task.finished.connect(self._finished)
        self.show()

    def _progressed(self, done: int, total: int, what: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        if what:
            # Translators: a progress bar's text: {what} is being done, %p% is Qt's percentage
            # ("42%"); keep %p% as it is.
            self.bar.setFormat(_("{what} %p%").format(what=what) if total > 0 else what)

    def _cancel(self) -> None:
        if self._task is not None:
            self.cancel_button.setEnabled(False)
            self._task.cancel()

    def _finished(self) -> None:
        self._task = None
        self.hide()


__all__ = ["BackgroundTask", "ProgressStrip", "run_in_background", "settle_heap"]
