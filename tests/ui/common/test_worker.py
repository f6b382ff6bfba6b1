"""The one Worker for long work: real threads, signals seen on the UI thread."""

from __future__ import annotations

from PySide6.QtCore import QThread

from leaderjournal.exchange.files import ExchangeError
from leaderjournal.ui.common.worker import Worker


def test_progress_and_the_result_arrive_on_the_ui_thread(qtbot):
    def count(job) -> int:
        for done in range(1, 4):
            job.progress(done, 3)
        return 3

    seen: list[tuple[int, int, bool]] = []
    worker = Worker(count)
    worker.progressed.connect(
        lambda done, total: seen.append(
            (done, total, QThread.currentThread() is worker.thread())
        )
    )
    with qtbot.waitSignal(worker.succeeded, timeout=2000) as result:
        worker.start()
    worker.wait()

    assert result.args == [3]
    assert seen == [(1, 3, True), (2, 3, True), (3, 3, True)]


def test_a_problem_reaches_the_person_as_its_message(qtbot):
    def fail(_job) -> None:
        raise ExchangeError(
            "The file journal.csv could not be written: the disk is full."
        )

    worker = Worker(fail)
    with qtbot.waitSignal(worker.failed, timeout=2000) as failed:
        worker.start()
    worker.wait()
    assert failed.args == [
        "The file journal.csv could not be written: the disk is full."
    ]


def test_a_bug_is_one_line_never_a_traceback(qtbot):
    def bug(_job) -> None:
        {}["missing"]

    worker = Worker(bug)
    with qtbot.waitSignal(worker.failed, timeout=2000) as failed:
        worker.start()
    worker.wait()
    (message,) = failed.args
    assert "\n" not in message
    assert "Traceback" not in message
    assert message.startswith("It stopped on an unexpected problem (KeyError).")


def test_cancel_stops_the_work_at_its_next_check(qtbot):
    def endless(job) -> None:
        done = 0
        while job.progress(done):
            done += 1
            QThread.msleep(1)
        job.check()

    worker = Worker(endless)
    worker.progressed.connect(lambda done, _total: done >= 5 and worker.cancel())
    with qtbot.waitSignal(worker.cancelled, timeout=5000):
        worker.start()
    worker.wait()
    assert worker.isFinished()


def test_qt_objects_left_as_garbage_are_never_freed_on_the_work_thread(qtbot):
    """Python's collector runs on whichever thread allocates; a Qt object
    freed on the work's thread can crash the app. While a Worker runs,
    garbage is freed on the UI thread only."""
    import gc
    import threading

    from PySide6.QtCore import QObject

    freed_on: list[str] = []
    dropped = threading.Event()

    class Probe(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.me = self  # a cycle: only the collector frees it

        def __del__(self) -> None:
            freed_on.append(threading.current_thread().name)

    def allocate(job) -> int:
        dropped.wait(5)
        kept = []
        while not freed_on and len(kept) < 2_000_000:  # work that allocates
            kept.append([len(kept)])
        return len(kept)

    worker = Worker(allocate)
    with qtbot.waitSignal(worker.succeeded, timeout=20_000):
        worker.start()
        Probe()  # garbage at once, in a cycle
        dropped.set()
    worker.wait()
    qtbot.waitUntil(gc.isenabled, timeout=5000)  # the last Worker has ended
    gc.collect()  # the next full collection, on the UI thread

    assert freed_on == [threading.main_thread().name]
