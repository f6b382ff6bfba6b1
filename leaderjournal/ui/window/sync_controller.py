"""The window syncing by itself while sync is on (DESIGN.md, "Several
computers"): at start, a while after the person saves, every few minutes,
and when the sync tool brings files into the sync folder.

Each run is :meth:`Sync.run` on a :class:`Worker` with a connection of its
own, one at a time: a run asked for while one is under way follows it once.
A failed run is reported by ``failed`` (one line, for the status bar) and
tried again at the next occasion; nothing here opens a box.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from leaderjournal.storage.journal import Journal
from leaderjournal.sync import engine
from leaderjournal.sync.engine import Report, Sync
from leaderjournal.sync.errors import SyncError
from leaderjournal.sync.folder import APP_FOLDER
from leaderjournal.ui.common.worker import Worker

#: After the last save, how long to wait before syncing it.
SAVED_DELAY_MS = 10_000
#: How often to sync when nothing else asks.
EVERY_MS = 5 * 60_000
#: After the sync folder changes, how long to wait for the tool to finish.
FOLDER_DELAY_MS = 2_000


def run_sync(journal: Journal, root: Path) -> Report:
    """One run over a connection of its own (on a Worker's thread).

    A sync folder that is gone (a drive not mounted, a folder moved) is
    refused rather than made again here, where no other computer sees it.
    """
    if not root.is_dir():
        raise SyncError(
            f"The sync folder {root} is not there; reconnect it or choose "
            "another in Settings \u2192 Sync."
        )
    with journal.writer() as entries:
        return Sync(entries.database, journal.data_key).run()


class SyncController(QObject):
    """Runs sync for ``journal`` (whose sync is on) in the background.

    ``before_run`` is called on the UI thread before each run: the window
    saves what is typed, so that a run never lands under unsaved writing.
    """

    started = Signal()
    #: A run ended: its Report.
    synced = Signal(object)
    #: A run failed: the reason in one line.
    failed = Signal(str)

    def __init__(
        self,
        journal: Journal,
        parent: QObject | None = None,
        *,
        before_run: Callable[[], object] = lambda: None,
        saved_delay_ms: int = SAVED_DELAY_MS,
        every_ms: int = EVERY_MS,
        folder_delay_ms: int = FOLDER_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self._journal = journal
        self._before_run = before_run
        self.device = engine.device_of(journal.connection)
        root = engine.folder_of(journal.connection)
        if self.device is None or root is None:
            raise SyncError("Sync is off for this journal: choose a sync folder first.")
        self.root = root
        self._worker: Worker | None = None
        #: The last run's Worker, deleted when the next one ends (not in its
        #: own signal's handler: see Worker.release).
        self._done: Worker | None = None
        self._again = False
        #: A run is asked for at the next turn of the event loop.
        self._due = False
        self._stopped = False
        self._after_save = self._timer(saved_delay_ms, single=True)
        self._every = self._timer(every_ms, single=False)
        self._folder_changed = self._timer(folder_delay_ms, single=True)
        self._every.start()
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._directory_changed)
        self._watch()

    def _timer(self, ms: int, *, single: bool) -> QTimer:
        timer = QTimer(self, singleShot=single, interval=ms)
        timer.timeout.connect(self.run_now)
        return timer

    # -- when to run -----------------------------------------------------------------

    @property
    def running(self) -> bool:
        """Whether a run is under way, or due at the next turn of the event
        loop (see :meth:`run_soon`)."""
        return self._worker is not None or self._due

    def run_soon(self) -> None:
        """Run once the event loop turns (after the window's first paint)."""
        if self._stopped or self._due:
            return
        self._due = True
        QTimer.singleShot(0, self, self._run_due)

    def _run_due(self) -> None:
        self._due = False
        self.run_now()

    def saved(self) -> None:
        """Something was saved: sync it once the person pauses."""
        if not self._stopped:
            self._after_save.start()

    def run_now(self) -> None:
        """Run now, or once more after the run under way."""
        if self._stopped:
            return
        if self._worker is not None:
            self._again = True
            return
        self._after_save.stop()
        self._folder_changed.stop()
        self._before_run()
        journal, root = self._journal, self.root
        worker = self._worker = Worker(lambda _job: run_sync(journal, root), self)
        worker.succeeded.connect(self._succeeded)
        worker.failed.connect(self._failed)
        self.started.emit()
        worker.start()

    def stop(self) -> None:
        """No more runs; a run under way ends first (the journal may close
        next). Its result is not reported."""
        self._stopped = True
        self._due = False
        for timer in (self._after_save, self._every, self._folder_changed):
            timer.stop()
        paths = self.watcher.directories()
        if paths:
            self.watcher.removePaths(paths)
        worker = self._worker
        if worker is not None:
            worker.cancel()
            worker.wait()

    # -- the sync folder ---------------------------------------------------------------

    def _watched_folders(self) -> list[str]:
        """The LeaderJournal folder in the sync folder (the sync folder itself
        until that is made) and the other computers' folders in it; not this
        computer's own, which each run writes to."""
        base = self.root / APP_FOLDER
        folders = [base] if base.is_dir() else [self.root]
        with contextlib.suppress(OSError):  # not there (yet)
            folders += [
                child
                for child in base.iterdir()
                if child.is_dir() and child.name != self.device
            ]
        return [str(folder) for folder in folders if folder.is_dir()]

    def _watch(self) -> None:
        wanted = set(self._watched_folders())
        watched = set(self.watcher.directories())
        if watched - wanted:
            self.watcher.removePaths(sorted(watched - wanted))
        if wanted - watched:
            self.watcher.addPaths(sorted(wanted - watched))

    def _directory_changed(self, _path: str) -> None:
        if self._stopped:
            return
        self._watch()  # a computer's folder may have appeared
        self._folder_changed.start()

    # -- a run's end -------------------------------------------------------------------

    def _ended(self) -> None:
        worker, self._worker = self._worker, None
        if self._done is not None:
            self._done.deleteLater()
        self._done = worker
        if self._again and not self._stopped:
            self._again = False
            self.run_now()

    def _succeeded(self, report: Report) -> None:
        if self._stopped:
            return
        self._watch()
        self.synced.emit(report)
        self._ended()

    def _failed(self, reason: str) -> None:
        if self._stopped:
            return
        self.failed.emit(reason)
        self._ended()
