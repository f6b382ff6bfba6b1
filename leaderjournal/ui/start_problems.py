"""What start-up says when the journal cannot be opened.

Another app holds the folder (its window is brought forward instead), the
journal is damaged (the newest good backup is offered), or it is refused
for a reason said in one line. :class:`~leaderjournal.ui.app.Startup` is
built on this part.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from leaderjournal import APP_NAME
from leaderjournal.errors import LeaderJournalError
from leaderjournal.paths import backup_dir
from leaderjournal.storage.backups import newest_good_backup
from leaderjournal.storage.failures import DamagedJournalError
from leaderjournal.storage.journal import Journal, recover_from_backup
from leaderjournal.storage.lock import JournalInUseError
from leaderjournal.ui.dialogs.messages import Dialogs

log = logging.getLogger(__name__)


class StartProblems:
    """Startup's part for a journal it cannot open: say why, and offer a
    backup when the journal is damaged."""

    # Startup's own, used here.
    data_dir: Path
    dialogs: Dialogs
    exit_code: int
    _key: bytes | None
    _open_journal: Callable[[], Journal]
    _open: Callable[[Journal], None]

    def _already_running(self, exc: JournalInUseError) -> None:
        from leaderjournal.ui.window.single_instance import ask_running_app_to_activate

        if ask_running_app_to_activate(self.data_dir):
            print(f"{APP_NAME} is already open; its window was brought to the front.")
            QTimer.singleShot(0, QApplication.quit)
            return
        self._fail(str(exc))

    def _damaged(self, exc: DamagedJournalError) -> None:
        print(f"leaderjournal: {exc}", file=sys.stderr)
        backup = newest_good_backup(backup_dir(self.data_dir), self._key)
        if backup is None:
            self._fail(
                f"{exc}\n\nThere is no backup to restore it from in "
                f"{backup_dir(self.data_dir)}."
            )
            return
        restore = f"Restore the Backup of {backup.label}"

        def answered(choice: str | None) -> None:
            if choice != restore:
                self._key = None
                self.exit_code = 1
                QApplication.quit()
                return
            try:
                aside = recover_from_backup(self.data_dir, backup.path, key=self._key)
                journal = self._open_journal()
            except LeaderJournalError as error:
                self._fail(f"The backup could not be restored: {error}")
                return
            self._open(journal)
            self.dialogs.inform(
                "Journal restored",
                f"Your journal was restored from the backup of {backup.label}. "
                f"The damaged file was kept as {aside}.",
            )

        self.dialogs.ask(
            "Your journal is damaged",
            f"{exc}\n\nThe newest good backup is from {backup.label}. Restoring "
            "it keeps the damaged file aside under a dated name; entries "
            "written after that backup are not in it.",
            [restore, "Quit"],
            answered,
            default=restore,
            escape="Quit",
            icon=Dialogs.Icon.Warning,
        )

    def _fail(self, reason: str) -> None:
        self._key = None
        print(f"leaderjournal: {reason.splitlines()[0]}", file=sys.stderr)
        log.warning("The journal could not be opened")
        self.exit_code = 1
        self.dialogs.error(
            f"{APP_NAME} cannot open the journal", reason, QApplication.quit
        )
