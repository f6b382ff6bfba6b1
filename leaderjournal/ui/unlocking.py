"""An encrypted journal at start: its passphrase, and the lock that asks again.

The passphrase given on standard input or remembered on this computer is
tried first; otherwise it is asked in a window of its own before anything of
the journal is shown, and meanwhile the folder is this app's. Ctrl+L or the
idle time in Settings saves what was written, closes the window and the
journal (its key goes with it) and asks again; the window reopens where the
person was. :class:`~leaderjournal.ui.app.Startup` is built on this part.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from leaderjournal.errors import LeaderJournalError
from leaderjournal.storage import encryption
from leaderjournal.storage.journal import Journal
from leaderjournal.storage.keyfile import WrongPassphraseError
from leaderjournal.storage.lock import JournalLock
from leaderjournal.ui.common.settings_store import SettingsStore
from leaderjournal.ui.dialogs.messages import Dialogs
from leaderjournal.ui.window import lock as locking

if TYPE_CHECKING:
    from leaderjournal.ui.dialogs.passphrase_dialog import PassphraseDialog
    from leaderjournal.ui.window.main_window import MainWindow
    from leaderjournal.ui.window.tray import Reminders

log = logging.getLogger(__name__)


def _application() -> QApplication:
    """The running QApplication (made by ui.app.application at start)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


class Unlocking:
    """Startup's part for an encrypted journal: the passphrase asked (or
    given, or remembered), the folder held while it is asked, and the lock."""

    # Startup's own, used here.
    data_dir: Path
    store: SettingsStore
    dialogs: Dialogs
    journal: Journal | None
    window: MainWindow | None
    reminders: Reminders | None
    _server: QObject | None  # answers a second start
    _open_or_explain: Callable[[], None]

    def _init_unlocking(self, secret: str | None, ms_per_minute: int) -> None:
        """``secret``: the passphrase given on standard input, if any;
        ``ms_per_minute`` shortens the idle time before a lock (tests)."""
        #: The window that asks an encrypted journal's passphrase, once asked.
        self.passphrase_dialog: PassphraseDialog | None = None
        self._asking = False
        # An encrypted journal's data key, from its unlock until the journal
        # holds it (kept meanwhile for the damaged journal's backups).
        self._key: bytes | None = None
        #: Locked: where the person was, and the folder held meanwhile (the
        #: journal itself is closed, its key dropped).
        self._place: locking.Place | None = None
        self._held: JournalLock | None = None
        self._ms_per_minute = ms_per_minute
        #: Says when nobody has used the app for the idle time in Settings.
        self.idle: locking.IdleLock | None = None
        self._tried_remembered = False
        self._given_secret = secret

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
        _application().installEventFilter(idle)
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
            _application().removeEventFilter(self.idle)
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
