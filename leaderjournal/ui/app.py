"""Starting the desktop app: one window per data folder, a checked journal."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from leaderjournal import APP_NAME, __version__
from leaderjournal.errors import LeaderJournalError
from leaderjournal.logs import log_uncaught_errors, setup_logging
from leaderjournal.storage.failures import DamagedJournalError, JournalEncryptedError
from leaderjournal.storage.journal import Journal
from leaderjournal.storage.lock import JournalInUseError
from leaderjournal.ui.common.resources import resource_file
from leaderjournal.ui.common.settings_store import SettingsStore
from leaderjournal.ui.common.theme import apply_theme
from leaderjournal.ui.dialogs.messages import Dialogs
from leaderjournal.ui.start_problems import StartProblems
from leaderjournal.ui.unlocking import Unlocking
from leaderjournal.ui.window import lock as locking
from leaderjournal.ui.window.main_window import MainWindow
from leaderjournal.ui.window.tray import Reminders

if TYPE_CHECKING:
    from leaderjournal.ui.dialogs.welcome import WelcomeDialog
    from leaderjournal.ui.window.sample_journal import SampleJournal

log = logging.getLogger(__name__)


def application() -> QApplication:
    """The QApplication, created once with the app's name and icon."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0] if sys.argv else "leaderjournal"])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("org.leaderjournal.LeaderJournal")
    app.setWindowIcon(QIcon(str(resource_file("icons/leaderjournal.svg"))))
    return app


class Startup(Unlocking, StartProblems):
    """Opens the journal and the window, or explains why it cannot.

    Every message is non-blocking; the event loop runs from the start, so
    nothing here can hang a test or a session. An encrypted journal's
    passphrase and lock are :class:`Unlocking`'s part; what is said when the
    journal cannot be opened is :class:`StartProblems`'.
    """

    def __init__(
        self,
        data_dir: Path,
        dialogs: Dialogs | None = None,
        store: SettingsStore | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        *,
        ms_per_minute: int = 60_000,
        secret: str | None = None,
    ) -> None:
        """``ms_per_minute`` shortens the idle time before a lock (tests);
        ``secret``: an encrypted journal's passphrase given on standard input
        (``--passphrase-stdin``), tried before asking in a window."""
        self.data_dir = data_dir
        self.dialogs = dialogs or Dialogs()
        self.store = store or SettingsStore()
        self.settings = self.store.load()
        self.today = today
        self.journal: Journal | None = None
        self.window: MainWindow | None = None
        self.reminders: Reminders | None = None
        self.exit_code = 0
        self._server: QObject | None = None  # answers a second start
        self._following_theme = False
        self._init_unlocking(secret, ms_per_minute)

    def start(self) -> None:
        apply_theme(application(), self.settings.theme)
        self._open_or_explain()

    def _open_or_explain(self) -> None:
        try:
            journal = self._open_journal()
        except JournalEncryptedError:
            if not self._open_remembered():
                self.ask_passphrase()
        except JournalInUseError as exc:
            self._already_running(exc)
        except DamagedJournalError as exc:
            self._damaged(exc)
        except LeaderJournalError as exc:
            self._fail(str(exc))
        else:
            self._open(journal)

    def _open_journal(self) -> Journal:
        retention = (self.settings.backups_daily, self.settings.backups_weekly)
        return Journal(
            self.data_dir, daily=retention[0], weekly=retention[1], key=self._key
        )

    def _open(self, journal: Journal) -> None:
        self._key = None  # the journal holds it now
        self.journal = journal
        place, self._place = self._place, None
        window = self.window = MainWindow(
            journal, dialogs=self.dialogs, today=self.today, store=self.store
        )
        if place is not None:  # unlocked: back where the person was
            locking.return_to(window, place)
        self.dialogs.set_parent(window)
        self._watch_idle(window, journal)
        window.lock_requested.connect(self.lock)
        window.show()
        # What the first paint does not need waits until it is done: the
        # window opens at once, and a large journal's backup never delays it.
        # Timers tied to the window: they never fire once it is gone.
        QTimer.singleShot(0, window, lambda: self._after_first_paint(journal, window))
        QTimer.singleShot(BACKUP_DELAY_MS, window, window.backups.backup_if_due)
        if place is None and journal.entries.count() == 0:
            self.welcome()

    def _after_first_paint(self, journal: Journal, window: MainWindow) -> None:
        from leaderjournal.ui.window.single_instance import ActivationServer

        if self._server is None:
            self._server = ActivationServer(self.data_dir, self.bring_to_front)
        self._start_reminders(journal, window)
        if not self._following_theme:
            self._following_theme = True
            application().styleHints().colorSchemeChanged.connect(
                self._system_theme_changed
            )

    def _system_theme_changed(self, _scheme: object) -> None:
        """The desktop switched between light and dark: follow it if asked to."""
        window = self.window
        if window is not None and window.settings.theme == "system":
            window.settings_actions.apply_settings(window.settings)

    def _start_reminders(self, journal: Journal, window: MainWindow) -> None:
        reminders = self.reminders = Reminders(
            journal,
            lambda: window.settings,
            application().windowIcon(),
            banner=window.reminder_banner,  # when the desktop has no tray
            store=self.store,
            parent=window,
        )
        views = {
            "day": window.go_today,
            "review": lambda: window.show_view(window.review_view),
        }

        def open_view(which: str) -> None:
            window.bring_to_front()
            views.get(which, lambda: None)()

        reminders.open_requested.connect(open_view)
        reminders.quit_requested.connect(window.quit)
        window.keeps_running = lambda: (
            reminders.available and window.settings.keep_in_tray
        )
        application().setQuitOnLastWindowClosed(not reminders.available)
        window.closed.connect(reminders.stop)
        window.closed.connect(QApplication.quit)

    def welcome(self) -> WelcomeDialog:
        """First run: explain the idea, then start writing or explore a sample."""
        from leaderjournal.ui.dialogs.welcome import WelcomeDialog

        dialog = WelcomeDialog(self.window, journal=self.journal)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.explore_sample.connect(self.open_sample)
        if self.window is not None:
            dialog.start_writing.connect(self.window.day_view.form.focus_text)
        dialog.open()
        return dialog

    def open_sample(self) -> MainWindow | None:
        """The welcome's "Explore a sample": as Help -> Explore a Sample Journal."""
        if self.window is None:
            return None
        return self.window.help.explore_sample()

    @property
    def sample(self) -> SampleJournal | None:
        """The sample journal open beside the person's own, if any."""
        return self.window.help.sample if self.window is not None else None

    def close(self) -> None:
        if self.window is not None:
            with contextlib.suppress(RuntimeError):  # the window may be gone
                self.window.help.close_sample()
        if self.journal is not None:
            self.journal.close()
            self.journal = None
        self._release_held()


def _close_after_start(startup: Startup) -> None:
    window = startup.window
    if window is None or not window.isVisible():
        print("leaderjournal: the window did not open", file=sys.stderr)
        startup.exit_code = 1
        QApplication.quit()
        return
    window.repaint()
    print(f"{APP_NAME} started and painted its window.")
    window.quit()


#: How long after the window opens the day's first backup is made.
BACKUP_DELAY_MS = 1500

#: Set to 1 to open the window, let it paint, close it and exit: the bundle's
#: smoke test in CI, and a way to time a cold start.
QUIT_AFTER_START = "LEADERJOURNAL_QUIT_AFTER_START"


def run_app(data_dir: Path, secret: str | None = None) -> int:
    """Open the journal in ``data_dir`` and run the window until it closes;
    ``secret`` opens an encrypted one without asking, if it is right."""
    setup_logging(data_dir)
    log_uncaught_errors()
    app = application()
    startup = Startup(data_dir, secret=secret)
    del secret
    startup.start()
    if os.environ.get(QUIT_AFTER_START) == "1":
        QTimer.singleShot(0, lambda: _close_after_start(startup))
    try:
        code = app.exec()
    finally:
        startup.close()
    return startup.exit_code or code
