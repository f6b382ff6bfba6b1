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

from PySide6.QtCore import QObject, Qt, QThread, Signal
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

    def start(self, *args, **kwargs) -> None:
        # Free on the UI thread what is waiting to be freed: the collector
        # would otherwise run on the work's thread as soon as it allocates,
        # and a Qt object destroyed there can deadlock with the UI thread.
        gc.collect()
        super().start(*args, **kwargs)

    def cancel(self) -> None:
        """Ask the work to stop at its next check; it may be too late."""
        self.job.cancel()

    def run(self) -> None:
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
