"""Long work off the UI thread, so the window keeps painting and answering.

A :class:`Worker` runs one function on a thread of its own and reports by
signals, which Qt delivers on the UI thread: ``progressed`` as it goes,
then exactly one of ``succeeded``, ``failed`` (the person's message) or
``cancelled``. The function opens its own database connection
(``Journal.reader()`` / ``Journal.writer()``): a SQLite connection belongs
to the thread that opened it.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from leaderjournal.errors import LeaderJournalError
from leaderjournal.exchange.files import Cancelled

log = logging.getLogger(__name__)


class Job:
    """What the function running on the worker's thread is handed."""

    def __init__(self, report: Callable[[int, int], None]) -> None:
        self._report = report
        self._stop = threading.Event()

    @property
    def cancel_requested(self) -> bool:
        return self._stop.is_set()

    def cancel(self) -> None:
        self._stop.set()

    def progress(self, done: int, total: int | None = None) -> bool:
        """Report progress (``total`` None when unknown); False once cancel
        was asked for, which is what the exchange functions' progress
        callbacks expect."""
        self._report(done, -1 if total is None else total)
        return not self._stop.is_set()

    def check(self) -> None:
        """Stop here with Cancelled if cancel was asked for."""
        if self._stop.is_set():
            raise Cancelled("Cancelled; nothing was changed.")


class _Collector(QObject):
    """Python's automatic collection, paused while any Worker runs.

    The collector runs on whichever thread happens to allocate; on a work
    thread it would free there the Qt objects that became garbage on the UI
    thread meanwhile, and Qt objects destroyed on the wrong thread crash the
    app. So it is paused from the first Worker's start (on the UI thread)
    until the last one's end, and runs on the UI thread again after.

    Neither end makes the UI thread wait for a full collection, which
    visits every object alive (a 100,000-entry import plan is about a
    million): the start collects the young generations only (they are
    small while collection runs), and the end hands everything made
    meanwhile, garbage included, to the oldest generation at once
    (``freeze`` then ``unfreeze``), where the next full collection, on the
    UI thread as no Worker runs then, frees what is garbage.
    """

    ended = Signal()  # emitted on a work thread, received on the UI thread

    def __init__(self) -> None:
        super().__init__()
        self._running = 0
        self._paused = False
        self.ended.connect(self._one_ended, Qt.ConnectionType.QueuedConnection)

    def one_started(self) -> None:
        if self._running == 0:
            # Free what is waiting to be freed now, on the UI thread.
            gc.collect(1)
            if gc.isenabled():
                gc.disable()
                self._paused = True
        self._running += 1

    def _one_ended(self) -> None:
        self._running -= 1
        if self._running == 0 and self._paused:
            self._paused = False
            gc.freeze()  # into the oldest generation, without visiting them
            gc.unfreeze()
            gc.enable()


_collector: _Collector | None = None


def _the_collector() -> _Collector:
    global _collector  # noqa: PLW0603 - one per process, made on the UI thread
    if _collector is None:
        _collector = _Collector()
    return _collector


class Worker(QThread):
    """Runs ``work(job)`` once on its own thread.

    ``progressed(done, total)`` has ``total`` -1 when it is not known. A
    LeaderJournalError ends in ``failed`` with its message; Cancelled (the
    function saw :meth:`cancel`) in ``cancelled``; anything else is a bug: it
    is logged and the person is told in one line that the work stopped.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self, work: Callable[[Job], object], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._work = work
        self.job = Job(self.progressed.emit)
        self._collector = _the_collector()
        self._counted = False

    def start(self, *args, **kwargs) -> None:
        # No collection on the work's thread (see _Collector).
        if not self._counted:
            self._counted = True
            self._collector.one_started()
        super().start(*args, **kwargs)

    def release(self) -> None:
        """Let go of a Worker whose work has ended, typically from a handler
        of its own ``succeeded`` / ``failed``. It is not deleted there: Qt
        may still hold a queued call of it, and deleting it at that point
        made the app crash now and then (a segfault after an encryption,
        under load). A Worker goes with its parent; one without a parent is
        deleted once its thread has finished."""
        if self.parent() is not None:
            return
        if self.isRunning():
            self.finished.connect(self.deleteLater)
        else:
            QTimer.singleShot(0, self, self.deleteLater)

    def cancel(self) -> None:
        """Ask the work to stop at its next check; it may be too late."""
        self.job.cancel()

    def run(self) -> None:
        try:
            self._run()
        finally:
            if self._counted:
                self._counted = False
                self._collector.ended.emit()

    def _run(self) -> None:
        try:
            result = self._work(self.job)
        except Cancelled:
            self.cancelled.emit()
        except LeaderJournalError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a bug: say so in one line, log the details
            log.exception("Unexpected error in background work")
            self.failed.emit(
                f"It stopped on an unexpected problem ({type(exc).__name__}). "
                "Please try again; if it happens again, report it."
            )
        else:
            self.succeeded.emit(result)


def finish_workers(owner: QObject) -> None:
    """Ask every Worker under ``owner`` to stop, and wait for them to end.

    Called before ``owner`` (the window) goes away: Qt must never destroy a
    thread that is still running. A write already under way is finished,
    not cut off (it is one transaction either way).
    """
    for worker in owner.findChildren(Worker):
        worker.cancel()
    for worker in owner.findChildren(Worker):
        worker.wait()


def soon(context: QObject, step: Callable[[], None]) -> None:
    """Run ``step`` on the UI thread in a later turn of the event loop, after
    the timers due by then (``context`` gone first: not at all). Steps made
    ``soon`` one after the other run in that order.

    For long redrawing in steps, so that the window answers between them: a
    zero-delay call would be handled in the same pass as the other posted
    events, timers and painting waiting until every one is done.
    """
    QTimer.singleShot(1, context, step)


def progress_dialog(parent: QWidget | None, name: str, title: str) -> QProgressDialog:
    """The progress shown while a Worker runs: at once, window-modal (so
    nothing is typed into the journal while it changes), open until closed.

    ``name`` becomes the objectName (``<name>Progress``), ``title`` the
    window title.
    """
    progress = QProgressDialog(parent)
    progress.setObjectName(f"{name}Progress")
    progress.setWindowTitle(title)
    progress.setAccessibleName(f"{title} progress")
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.setMinimumDuration(0)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    return progress
