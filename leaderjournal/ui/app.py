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
from leaderjournal.paths import backup_dir
from leaderjournal.storage import encryption
from leaderjournal.storage.backups import newest_good_backup
from leaderjournal.storage.failures import DamagedJournalError, JournalEncryptedError
from leaderjournal.storage.journal import Journal, recover_from_backup
from leaderjournal.storage.keyfile import WrongPassphraseError
from leaderjournal.storage.lock import JournalInUseError, JournalLock
from leaderjournal.ui.common.resources import resource_file
from leaderjournal.ui.common.settings_store import SettingsStore
from leaderjournal.ui.common.theme import apply_theme
from leaderjournal.ui.dialogs.messages import Dialogs
from leaderjournal.ui.window import lock as locking
from leaderjournal.ui.window.main_window import MainWindow
from leaderjournal.ui.window.tray import Reminders

if TYPE_CHECKING:
    from leaderjournal.ui.dialogs.passphrase_dialog import PassphraseDialog
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


class Startup:
    """Opens the journal and the window, or explains why it cannot.

    Every message is non-blocking; the event loop runs from the start, so
    nothing here can hang a test or a session.
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
        #: The window that asks an encrypted journal's passphrase, once asked.
        self.passphrase_dialog: PassphraseDialog | None = None
        self._asking = False
        # An encrypted journal's data key, from its unlock until the journal
        # holds it (kept meanwhile for the damaged journal's backups).
        self._key: bytes | None = None
        self.reminders: Reminders | None = None
        self.exit_code = 0
        self._server: QObject | None = None  # answers a second start
        self._following_theme = False
        #: Locked: where the person was, and the folder held meanwhile (the
        #: journal itself is closed, its key dropped).
        self._place: locking.Place | None = None
        self._held: JournalLock | None = None
        self._ms_per_minute = ms_per_minute
        #: Says when nobody has used the app for the idle time in Settings.
        self.idle: locking.IdleLock | None = None
        self._tried_remembered = False
        self._given_secret = secret

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

    def _open_remembered(self) -> bool:
        """At start, the passphrase given on standard input or remembered on
        this computer: open with it. False (then ask) if there is none or it
        does not open the journal."""
        if self._tried_remembered:
            return False
        self._tried_remembered = True
        secret, self._given_secret = self._given_secret, None
        if secret is None:
            secret = locking.remembered(self.data_dir)
        if secret is None:
            return False
        try:
            self._key = encryption.data_key(self.data_dir, secret)
        except WrongPassphraseError:
            log.info("The given or remembered passphrase does not open the journal")
            return False
        except LeaderJournalError:
            return False
        finally:
            del secret
        self._open_or_explain()
        return True

    def ask_passphrase(self, *, locked: bool = False) -> PassphraseDialog:
        """An encrypted journal: ask its passphrase in a window of its own,
        before anything of the journal is shown (or again once locked)."""
        from leaderjournal.ui.dialogs.passphrase_dialog import PassphraseDialog

        dialog = self.passphrase_dialog
        if dialog is None:
            data_dir = self.data_dir
            offered = locking.keyring_usable()
            dialog = self.passphrase_dialog = PassphraseDialog(
                lambda secret: encryption.data_key(data_dir, secret),
                keep=(lambda secret: locking.remember(data_dir, secret))
                if offered
                else None,
                kept=offered and locking.remembered(data_dir) is not None,
            )
            dialog.unlocked.connect(self._unlocked)
            dialog.rejected.connect(self._quit_unopened)
        dialog.set_locked(locked)
        self._asking = True
        if not locked:  # a lock holds the folder once the journal is closed
            self._hold_while_asking()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _hold_while_asking(self) -> None:
        """While the passphrase is asked, the folder is this app's: another
        start on it brings this window forward instead of asking again."""
        from leaderjournal.ui.window.single_instance import ActivationServer

        if self._held is None:
            held = JournalLock(self.data_dir)
            try:
                held.acquire()
            except LeaderJournalError:
                return  # taken meanwhile: opening will say so
            self._held = held
        if self._server is None:
            self._server = ActivationServer(self.data_dir, self.bring_to_front)

    def _unlocked(self, key: bytes | None) -> None:
        self._key = key
        self._asking = False
        self._release_held()
        self._open_or_explain()
        # Closed only now that the journal's window (or a message) is up, so
        # that closing it is not taken for closing the app's last window.
        if not self._asking and self.passphrase_dialog is not None:
            self.passphrase_dialog.accept()

    def _quit_unopened(self) -> None:
        """Quit in the passphrase window: the journal was never opened (or
        was locked, everything in it saved)."""
        self._key = None
        self._release_held()
        QApplication.quit()

    def _release_held(self) -> None:
        held, self._held = self._held, None
        if held is not None:
            held.release()

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

    # -- locking -----------------------------------------------------------------

    def _lock_minutes(self) -> int:
        """Settings' idle time before an encrypted journal locks (0: never)."""
        return self.store.lock_after_minutes()

    def _watch_idle(self, window: MainWindow, journal: Journal) -> None:
        """Lock after the idle time; the watch goes with the window."""
        idle = self.idle = locking.IdleLock(
            self._lock_minutes() if journal.encrypted else 0,
            window,
            ms_per_minute=self._ms_per_minute,
        )
        application().installEventFilter(idle)
        idle.idle.connect(self.lock)

        def rearm(*_changed: object) -> None:
            idle.set_minutes(self._lock_minutes() if journal.encrypted else 0)

        window.settings_changed.connect(rearm)
        window.encryption_changed.connect(rearm)

    def lock(self) -> None:
        """Ctrl+L or the idle time: save what was written, close the window
        and the journal (its key goes with it), and ask the passphrase again;
        it reopens the window where the person was."""
        window, journal = self.window, self.journal
        if window is None or journal is None or not journal.encrypted:
            return
        place = locking.place_of(window)
        # Asked before the window closes, so that the app keeps a window.
        dialog = self.ask_passphrase(locked=True)
        if not window.close_for_lock():  # what was written could not be saved
            self._asking = False
            dialog.hide()
            return
        self._place = place
        self.dialogs.set_parent(dialog)
        if self.reminders is not None:
            self.reminders.stop()
            self.reminders.deleteLater()
            self.reminders = None
        if self.idle is not None:
            application().removeEventFilter(self.idle)
            self.idle = None
        self.window = self.journal = None
        window.deleteLater()
        journal.close()
        # Nothing else opens this folder's journal while it is locked.
        held = JournalLock(self.data_dir)
        held.acquire()
        self._held = held
        log.info("The journal was locked")

    def bring_to_front(self) -> None:
        """Another start on this folder: the window, or the passphrase's."""
        if self.window is not None:
            self.window.bring_to_front()
        elif self.passphrase_dialog is not None and self._asking:
            self.passphrase_dialog.raise_()
            self.passphrase_dialog.activateWindow()

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
