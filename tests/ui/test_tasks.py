"""ui.tasks: work on the thread pool, results back on the GUI thread, progress and Cancel,
and the objects that carry them kept alive until their result has been delivered."""

from __future__ import annotations

import gc
import threading
import time

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from replydesk.core.progress import Cancelled, Progress
from replydesk.ui.tasks import (
    BackgroundTask,
    ProgressStrip,
    run_in_background,
    wait_for_background_work,
)

WAIT_MS = 60_000  # a bound for a busy machine


def _on_gui_thread() -> bool:
    app = QApplication.instance()
    assert app is not None
    return QThread.currentThread() is app.thread()


def test_run_in_background_delivers_on_the_gui_thread(qtbot: QtBot) -> None:
    worker_threads: list[int] = []
    delivered: list[tuple[object, bool]] = []

    def work() -> int:
        worker_threads.append(threading.get_ident())
        return 42

    run_in_background(work, lambda result: delivered.append((result, _on_gui_thread())), print)
    gc.collect()  # nothing but the module holds the relay
    qtbot.waitUntil(lambda: bool(delivered), timeout=WAIT_MS)
    assert delivered == [(42, True)]
    assert worker_threads != [threading.get_ident()]


def test_run_in_background_delivers_the_error(qtbot: QtBot) -> None:
    errors: list[BaseException] = []

    def work() -> None:
        raise ValueError("broken")

    run_in_background(work, lambda _result: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=WAIT_MS)
    assert isinstance(errors[0], ValueError)


def test_a_task_nobody_holds_still_delivers_and_is_then_let_go(qtbot: QtBot) -> None:
    """A parentless task the caller drops lives until its signals have been delivered;
    then it is freed (after the delivery, never inside it)."""
    results: list[object] = []
    ended: list[bool] = []
    task = BackgroundTask("Counting", lambda progress: sum(range(1000)))
    task.done.connect(results.append)
    task.finished.connect(lambda: ended.append(True))
    task.start()
    del task
    gc.collect()
    qtbot.waitUntil(lambda: bool(ended), timeout=WAIT_MS)
    assert results == [sum(range(1000))]
    for _ in range(5):  # the deferred let-go runs, and nothing crashes
        QApplication.processEvents()
    gc.collect()


def test_progress_reaches_the_gui_thread_and_cancel_stops_the_work(qtbot: QtBot) -> None:
    started, go_on = threading.Event(), threading.Event()
    steps: list[tuple[int, int, str, bool]] = []
    failures: list[object] = []

    def work(progress: Progress) -> str:
        progress.step(1, 3, "first")
        started.set()
        assert go_on.wait(60)
        progress.step(2, 3, "second")  # raises Cancelled: cancel came first
        return "finished"

    task = BackgroundTask("Working", work)
    task.progressed.connect(lambda d, t, w: steps.append((d, t, w, _on_gui_thread())))
    task.failed.connect(failures.append)
    task.start()
    assert task.is_running()
    assert started.wait(60)
    task.cancel()
    go_on.set()
    qtbot.waitUntil(lambda: bool(failures), timeout=WAIT_MS)
    assert isinstance(failures[0], Cancelled)
    assert steps[0] == (1, 3, "first", True)
    assert not task.is_running()


def test_a_burst_of_steps_reaches_the_gui_thread_as_its_newest_step_only(
    qtbot: QtBot,
) -> None:
    """However fast the work steps, at most one report waits in the event queue: a GUI
    thread that was busy meanwhile gets the newest step, not a backlog of bar updates."""
    steps: list[tuple[int, int, str]] = []
    results: list[object] = []

    def work(progress: Progress) -> str:
        for number in range(10_000):
            progress.step(number, 10_000, "counting")
        progress.step(10_000, 10_000, "counted")
        return "done"

    task = BackgroundTask("Counting", work)
    task.progressed.connect(lambda d, t, w: steps.append((d, t, w)))
    task.done.connect(results.append)
    task.start()
    wait_for_background_work()  # the GUI thread answers no event until the work has ended
    qtbot.waitUntil(lambda: bool(results), timeout=WAIT_MS)
    assert steps == [(10_000, 10_000, "counted")]
    assert results == ["done"]


def test_the_strip_follows_a_task_and_its_cancel_button_cancels(qtbot: QtBot) -> None:
    strip = ProgressStrip()
    qtbot.addWidget(strip)
    strip.show()
    started, go_on = threading.Event(), threading.Event()

    def work(progress: Progress) -> None:
        progress.step(5, 10, "Reading")
        started.set()
        assert go_on.wait(60)
        progress.step(6, 10, "Reading")

    task = BackgroundTask("Importing team.replydesk", work)
    failures: list[object] = []
    task.failed.connect(failures.append)
    strip.follow(task)
    task.start()
    assert started.wait(60)
    qtbot.waitUntil(lambda: strip.bar.value() == 5, timeout=WAIT_MS)
    assert strip.isVisible()
    assert strip.label.text() == "Importing team.replydesk"
    assert strip.bar.maximum() == 10
    strip.cancel_button.click()
    assert not strip.cancel_button.isEnabled()  # one press is enough
    go_on.set()
    qtbot.waitUntil(lambda: bool(failures), timeout=WAIT_MS)
    assert isinstance(failures[0], Cancelled)
    assert not strip.isVisible()


def test_waiting_for_background_work_returns_once_every_task_has(qtbot: QtBot) -> None:
    """The app waits so before it exits: a worker still running Python (or emitting to a
    freed relay) while the interpreter shuts down crashes the process."""
    finished = threading.Event()

    def slow() -> None:
        started.set()
        time.sleep(0.3)
        finished.set()

    started = threading.Event()
    run_in_background(slow, lambda _result: None, lambda _error: None)
    assert started.wait(10)
    wait_for_background_work()
    assert finished.is_set()


def test_full_collections_wait_while_any_task_runs_and_resume_after_the_last(
    qtbot: QtBot,
) -> None:
    """Each full collection on a worker froze the window for 60–150 ms during a large
    import; young collections go on, and the collector's own threshold comes back."""
    before = gc.get_threshold()
    seen: dict[str, tuple[int, int, int]] = {}
    release_first = threading.Event()
    first_running = threading.Event()

    def first() -> None:
        first_running.set()
        assert release_first.wait(30)
        seen["first, after the second ended"] = gc.get_threshold()

    def second() -> None:
        seen["second"] = gc.get_threshold()
        raise ValueError("a task that fails lets go too")

    errors: list[BaseException] = []
    run_in_background(first, lambda _result: None, errors.append)
    assert first_running.wait(10)
    run_in_background(second, lambda _result: None, errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=WAIT_MS)
    release_first.set()
    wait_for_background_work()
    assert seen["second"][:2] == before[:2] and seen["second"][2] > 1_000_000
    assert seen["first, after the second ended"] == seen["second"]
    assert gc.get_threshold() == before
