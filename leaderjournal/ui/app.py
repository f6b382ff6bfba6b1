"""Starting the desktop app: one window per data folder, a checked journal."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from leaderjournal import APP_NAME, __version__
from leaderjournal.paths import backup_dir
from leaderjournal.storage.backups import BackupError, newest_good_backup
from leaderjournal.storage.database import DamagedJournalError, JournalError
from leaderjournal.storage.journal import Journal, recover_from_backup
from leaderjournal.storage.lock import JournalInUseError
from leaderjournal.ui.dialogs import Dialogs
from leaderjournal.ui.main_window import MainWindow
from leaderjournal.ui.resources import resource_file
from leaderjournal.ui.single_instance import (
    ActivationServer,
    ask_running_app_to_activate,
)


def application() -> QApplication:
    """The QApplication, created once with the app's name and icon."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0] if sys.argv else "leaderjournal"])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("leaderjournal")
    app.setWindowIcon(QIcon(str(resource_file("icons/leaderjournal.svg"))))
    return app


class Startup:
    """Opens the journal and the window, or explains why it cannot.

    Every message is non-blocking; the event loop runs from the start, so
    nothing here can hang a test or a session.
    """

    def __init__(self, data_dir: Path, dialogs: Dialogs | None = None) -> None:
        self.data_dir = data_dir
        self.dialogs = dialogs or Dialogs()
        self.journal: Journal | None = None
        self.window: MainWindow | None = None
        self.exit_code = 0
        self._server: ActivationServer | None = None

    def start(self) -> None:
        try:
            journal = Journal(self.data_dir)
        except JournalInUseError as exc:
            self._already_running(exc)
        except DamagedJournalError as exc:
            self._damaged(exc)
        except (JournalError, OSError) as exc:
            self._fail(str(exc))
        else:
            self._open(journal)

    def _open(self, journal: Journal) -> None:
        self.journal = journal
        self.window = MainWindow(journal, dialogs=self.dialogs)
        self.dialogs.set_parent(self.window)
        self._server = ActivationServer(self.data_dir, self.window.bring_to_front)
        self.window.show()
        # After the first paint, so that a large backup never delays the window.
        QTimer.singleShot(0, self.window.backups.backup_if_due)

    def _already_running(self, exc: JournalInUseError) -> None:
        if ask_running_app_to_activate(self.data_dir):
            print(f"{APP_NAME} is already open; its window was brought to the front.")
            QTimer.singleShot(0, QApplication.quit)
            return
        self._fail(str(exc))

    def _damaged(self, exc: DamagedJournalError) -> None:
        print(f"leaderjournal: {exc}", file=sys.stderr)
        backup = newest_good_backup(backup_dir(self.data_dir))
        if backup is None:
            self._fail(
                f"{exc}\n\nThere is no backup to restore it from in "
                f"{backup_dir(self.data_dir)}."
            )
            return
        restore = f"Restore the Backup of {backup.label}"

        def answered(choice: str | None) -> None:
            if choice != restore:
                self.exit_code = 1
                QApplication.quit()
                return
            try:
                aside = recover_from_backup(self.data_dir, backup.path)
                journal = Journal(self.data_dir)
            except (BackupError, JournalError, OSError) as error:
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
            "!",
        )

    def _fail(self, reason: str) -> None:
        print(f"leaderjournal: {reason.splitlines()[0]}", file=sys.stderr)
        self.exit_code = 1
        self.dialogs.error(
            f"{APP_NAME} cannot open the journal", reason, QApplication.quit
        )

    def close(self) -> None:
        if self.journal is not None:
            self.journal.close()


def run_app(data_dir: Path) -> int:
    """Open the journal in ``data_dir`` and run the window until it closes."""
    app = application()
    startup = Startup(data_dir)
    startup.start()
    try:
        code = app.exec()
    finally:
        startup.close()
    return startup.exit_code or code
