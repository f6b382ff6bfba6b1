"""File > Back Up Now and Restore from Backup, and the "last backup" status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QLabel

from leaderjournal.errors import LeaderJournalError
from leaderjournal.storage.backups import BackupError, check_file
from leaderjournal.storage.journal import Journal
from leaderjournal.ui.common.worker import Worker
from leaderjournal.ui.day.day_view import DayView
from leaderjournal.ui.dialogs.messages import Dialogs


class BackupActions:
    """What the window does about backups; ``label`` shows the last one."""

    def __init__(
        self,
        journal: Journal,
        dialogs: Dialogs,
        day_view: DayView,
        label: QLabel,
        today: Callable[[], dt.date],
    ) -> None:
        self._journal = journal
        self._dialogs = dialogs
        self._day_view = day_view
        self._label = label
        self._today = today
        #: The daily backup while it runs.
        self.daily: Worker | None = None
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
        if not self._day_view.save_now():
            return
        try:
            made = self._journal.backup_now()
        except BackupError as exc:
            self._dialogs.error("The backup failed", str(exc))
            return
        self.show_status()
        self._dialogs.inform(
            "Backup made",
            f"The journal was backed up and the copy checked: {made.path}",
        )

    def choose_restore(self) -> None:
        self._dialogs.choose_open_file(
            "Restore from a backup",
            "Journal backups (*.db);;All files (*)",
            self.restore_from,
            folder=self._journal.backup_dir,
        )

    def restore_from(self, path: Path) -> None:
        """Replace the journal with the backup at ``path``, after asking."""
        problem = check_file(path)
        if problem:
            self._dialogs.error("This backup cannot be restored", problem)
            return

        def answered(choice: str) -> None:
            if choice != "Restore":
                return
            self._day_view.save_now()
            try:
                safety = self._journal.restore(path)
            except LeaderJournalError as exc:
                self._dialogs.error("The journal was not restored", str(exc))
                return
            self._day_view.refresh()
            self.show_status()
            self._dialogs.inform(
                "Journal restored",
                f"The journal now holds the backup {path.name}. The journal as "
                f"it was just before is kept as {safety.path}.",
            )

        self._dialogs.ask(
            "Restore this backup?",
            f"The journal will be replaced by {path.name}. Entries written "
            "since that backup will not be in it; the journal as it is now is "
            "backed up first, so nothing is lost.",
            ["Restore", "Cancel"],
            answered,
            default="Restore",
            escape="Cancel",
            icon=Dialogs.Icon.Warning,
        )
