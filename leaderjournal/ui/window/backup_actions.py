"""File > Back Up Now and Restore from Backup, and the "last backup" status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from leaderjournal.errors import LeaderJournalError
from leaderjournal.storage.backups import Backup, list_backups
from leaderjournal.storage.journal import Journal, StagedRestore
from leaderjournal.ui.common.worker import Job, Worker, progress_dialog, soon
from leaderjournal.ui.day.day_view import DayView
from leaderjournal.ui.dialogs.messages import Dialogs

if TYPE_CHECKING:
    from leaderjournal.ui.dialogs.restore_picker import RestorePicker


class BackupActions:
    """What the window does about backups; ``label`` shows the last one."""

    def __init__(
        self,
        journal: Journal,
        dialogs: Dialogs,
        day_view: DayView,
        label: QLabel,
        today: Callable[[], dt.date],
        *,
        journal_changed: Callable[[], None],
    ) -> None:
        self._journal = journal
        self._dialogs = dialogs
        self._day_view = day_view
        #: Redraws every view after a restore replaced the journal.
        self._journal_changed = journal_changed
        self._label = label
        self._today = today
        #: The daily backup while it runs.
        self.daily: Worker | None = None
        #: Back Up Now while it runs.
        self.manual: Worker | None = None
        #: A restore from asking to the end.
        self.restoring: RestoreFlow | None = None
        self.show_status()

    def show_status(self, problem: str = "") -> None:
        if problem:
            self._label.setText(f"Backup failed: {problem}")
            return
        last = self._journal.last_backup()
        if last is None:
            self._label.setText("No backup yet")
            return
        day = last.made.date()
        when = "today" if day == self._today() else f"{day:%d %b %Y}"
        self._label.setText(f"Last backup: {when} {last.made:%H:%M}")

    def backup_if_due(self) -> Worker:
        """The first start of each day backs the journal up, off the UI thread
        (a large journal takes a second or more); the status line tells when
        it is done, or why it failed.
        """
        if self.daily is not None:
            return self.daily
        journal = self._journal
        worker = Worker(lambda _job: journal.daily_backup_if_due(), self._label)
        worker.succeeded.connect(lambda _made: self.show_status())
        worker.failed.connect(self.show_status)
        worker.finished.connect(self._daily_done)
        self.daily = worker
        self._label.setText("Backing up\u2026")
        worker.start()
        return worker

    def _daily_done(self) -> None:
        if self.daily is not None:
            self.daily.deleteLater()
        self.daily = None

    def backup_now(self) -> None:
        """Back up into the backups folder off the UI thread (a large journal
        takes seconds); the status line says so meanwhile."""
        if self.manual is not None or not self._day_view.save_now():
            return
        journal = self._journal
        worker = Worker(lambda _job: journal.backup_now(), self._label)
        worker.succeeded.connect(self._backed_up)
        worker.failed.connect(self._backup_failed)
        worker.finished.connect(self._manual_done)
        self.manual = worker
        self._label.setText("Backing up\u2026")
        worker.start()

    def _backed_up(self, made: Backup) -> None:
        self.show_status()
        self._dialogs.notify(
            "Backup made",
            f"The journal was backed up and the copy checked: {made.path}",
        )

    def _backup_failed(self, problem: str) -> None:
        self.show_status()
        self._dialogs.error("The backup failed", problem)

    def _manual_done(self) -> None:
        if self.manual is not None:
            self.manual.deleteLater()
        self.manual = None

    def choose_restore(self) -> RestorePicker:
        """File > Restore from Backup: the backups listed in words, newest
        first (or another backup file); the one chosen is restored after
        asking."""
        from leaderjournal.ui.dialogs.restore_picker import RestorePicker

        folder = self._journal.backup_dir
        picker = RestorePicker(
            list_backups(folder),
            self._journal.read_backup,
            self._dialogs,
            folder,
            self._label.window(),
        )
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.chosen.connect(self.restore_from)
        picker.open()
        return picker

    def restore_from(self, path: Path) -> None:
        """Replace the journal with the backup at ``path``, after asking; the
        checking and copying run off the UI thread (see :class:`RestoreFlow`).
        """
        if self.restoring is not None:
            return
        flow = RestoreFlow(
            self._journal, self._dialogs, path, self._day_view, self._label.window()
        )
        flow.restored.connect(self._restored)
        flow.finished.connect(self._restore_done)
        self.restoring = flow
        flow.start()

    def _restored(self) -> None:
        self._journal_changed()
        self.show_status()

    def _restore_done(self) -> None:
        if self.restoring is not None:
            self.restoring.deleteLater()
        self.restoring = None


class RestoreFlow(QObject):
    """One restore: check the backup in a Worker, ask, then stage a checked
    copy and the safety backup in a Worker (Cancel allowed), and put the copy
    in place on the UI thread, which is one rename.

    The progress dialog is window-modal, so nothing is typed into the journal
    while it is replaced. ``restored`` is emitted once the journal holds the
    backup; ``finished`` once it is over, whatever the outcome.
    """

    restored = Signal()
    finished = Signal()

    def __init__(
        self,
        journal: Journal,
        dialogs: Dialogs,
        path: Path,
        day_view: DayView,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._journal = journal
        self._dialogs = dialogs
        self._path = path
        self._day_view = day_view
        self.progress = progress_dialog(parent, "restore", "Restore")
        self.progress.setRange(0, 0)
        self.progress.canceled.connect(self.cancel)
        self.worker: Worker | None = None

    def start(self) -> None:
        path = self._path
        self.progress.setLabelText(f"Checking {path.name}\u2026")
        self.progress.show()
        journal = self._journal  # with the key of an encrypted journal
        self._run(lambda _job: journal.read_backup(path).problem, self._checked)

    def cancel(self) -> None:
        """Stop before the journal is replaced; it stays as it was."""
        if self.worker is not None:
            self.worker.cancel()

    def _run(self, work: Callable[[Job], object], done: Callable) -> None:
        worker = Worker(work, self)
        worker.succeeded.connect(done)
        worker.failed.connect(
            lambda reason: self._end("The journal was not restored", reason)
        )
        worker.cancelled.connect(self._end)
        self.worker = worker  # a child of the flow, deleted with it
        worker.start()

    def _cancel_asked(self) -> bool:
        return self.worker is not None and self.worker.job.cancel_requested

    def _checked(self, problem: str | None) -> None:
        self.progress.hide()
        if self._cancel_asked():
            self._end()
        elif problem:
            self._end("This backup cannot be restored", problem)
        else:
            self._dialogs.ask(
                "Restore this backup?",
                f"The journal will be replaced by {self._path.name}. Entries "
                "written since that backup will not be in it; the journal as it "
                "is now is backed up first, so nothing is lost.",
                ["Restore", "Cancel"],
                self._answered,
                # Enter keeps the journal as it is: restoring is a click.
                default="Cancel",
                escape="Cancel",
                icon=Dialogs.Icon.Warning,
            )

    def _answered(self, choice: str) -> None:
        if choice != "Restore":
            self._end()
            return
        self._day_view.save_now()
        journal, path = self._journal, self._path
        self.progress.setLabelText(f"Restoring {path.name}\u2026")
        self.progress.show()
        self._run(lambda job: journal.stage_restore(path, job.check), self._staged)

    def _staged(self, staged: StagedRestore) -> None:
        if self._cancel_asked():  # Cancel came before the journal was replaced
            self._journal.discard_restore(staged)
            self._end()
            return
        try:
            safety = self._journal.finish_restore(staged)
        except LeaderJournalError as exc:
            self._end("The journal was not restored", str(exc))
            return
        # Reopened; the views redraw in events of their own, so that the
        # window answers between these steps on a large journal.
        soon(self, lambda: self._redraw(safety))

    def _redraw(self, safety: Backup) -> None:
        self.restored.emit()  # the views redraw, some in events they post
        # The notice follows them, so that what it announces is on screen.
        soon(
            self,
            lambda: self._end(
                "Journal restored",
                f"The journal now holds the backup {self._path.name}. The "
                f"journal as it was just before is kept as {safety.path}.",
                done=True,
            ),
        )

    def _end(self, title: str = "", text: str = "", *, done: bool = False) -> None:
        self.progress.hide()
        self.progress.deleteLater()
        if self.worker is not None:
            # It has reported and is returning; the flow (its parent) may be
            # deleted once finished is emitted, and Qt must never destroy a
            # thread that still runs.
            self.worker.wait()
        if done:
            self._dialogs.notify(title, text)
        elif title:
            self._dialogs.error(title, text)
        self.finished.emit()
