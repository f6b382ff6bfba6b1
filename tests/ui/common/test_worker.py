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
