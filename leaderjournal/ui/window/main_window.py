"""The main window: menus, shortcuts, the status line, and closing safely."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from leaderjournal import APP_NAME
from leaderjournal.domain.filters import HistoryFilter
from leaderjournal.settings import Settings
from leaderjournal.storage.journal import Journal
from leaderjournal.ui.common.autosave import AutosaveDelays
from leaderjournal.ui.common.settings_store import SettingsStore
from leaderjournal.ui.common.worker import finish_workers
from leaderjournal.ui.day.day_view import DayView
from leaderjournal.ui.dialogs.messages import Dialogs
from leaderjournal.ui.window.backup_actions import BackupActions
from leaderjournal.ui.window.close_question import ask_to_quit_unsaved
from leaderjournal.ui.window.commands import window_commands
from leaderjournal.ui.window.exchange_actions import ExchangeActions
from leaderjournal.ui.window.help_actions import HelpActions
from leaderjournal.ui.window.menus import build_menus
from leaderjournal.ui.window.reminder_banner import (
    ReminderBanner,
    with_reminder_banner,
)
from leaderjournal.ui.window.sample_banner import with_sample_banner
from leaderjournal.ui.window.save_status import SaveStatus, status_labels
from leaderjournal.ui.window.settings_actions import SettingsActions
from leaderjournal.ui.window.sync_actions import SyncActions
from leaderjournal.ui.window.view_tabs import ViewTabs

if TYPE_CHECKING:
    from leaderjournal.ui.calendar.calendar_view import CalendarView
    from leaderjournal.ui.history.history_view import HistoryView
    from leaderjournal.ui.review.review_view import ReviewView
    from leaderjournal.ui.trends.trends_view import TrendsView


class MainWindow(QMainWindow):
    """LeaderJournal's window; everything it shows comes from ``journal``."""

    brought_to_front = Signal()
    closed = Signal()
    #: Ctrl+L on an encrypted journal: the owner closes the window to lock it.
    lock_requested = Signal()
    settings_changed = Signal(object)  # Settings
    #: Encryption was turned on or off: Lock and the idle time apply or not.
    encryption_changed = Signal()

    def __init__(
        self,
        journal: Journal,
        dialogs: Dialogs | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
        *,
        store: SettingsStore | None = None,
        sample: bool = False,
        autosave: AutosaveDelays | None = None,
        sync_delays: dict[str, int] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        # Qt adds the application's name after a window's own title.
        self.setWindowTitle("Sample journal" if sample else APP_NAME)
        self.resize(1200, 780)
        self._journal = journal
        self._dialogs = dialogs or Dialogs(self)
        if store is not None:  # file dialogs open where they were last used
            self._dialogs.remember_folders_in(store)
        self._today = today
        self._store = store
        self.sample = sample
        self._closing_confirmed = False
        self._quitting = False
        self._locking = False
        #: Asked on close: True keeps the app running in the tray instead.
        self.keeps_running: Callable[[], bool] = lambda: False

        self.day_view = DayView(journal, today, self, autosave=autosave)
        self.views = ViewTabs(journal, self._dialogs, today, self.day_view, autosave)
        central = with_sample_banner(self.views) if sample else self.views
        # Reminders when the desktop has no tray to show them (see tray.py).
        self.reminder_banner = ReminderBanner(self.views)
        self.setCentralWidget(with_reminder_banner(central, self.reminder_banner))

        self.backup_status, self.save_status = status_labels(self.statusBar())
        # Every autosaving view reports here, so the status bar and the view
        # tell the same save (the review's notes once it is made).
        self.save_state = SaveStatus(self.save_status)
        self.save_state.watch(self.day_view.autosaver)
        self.sync = SyncActions(
            journal,
            self,
            self.day_view,
            self.save_written,
            self.views.journal_changed,
            controller_options=sync_delays,
        )
        self.views.review_tab.view_made.connect(self._review_made)
        self.backups = BackupActions(
            journal,
            self._dialogs,
            self.day_view,
            self.backup_status,
            today,
            journal_changed=self.views.journal_changed,
        )
        self.exchange = ExchangeActions(
            journal,
            self._dialogs,
            self.day_view,
            today,
            self._shown_filter,
            journal_changed=self.views.journal_changed,
            parent=self,
        )
        self.help = HelpActions(
            journal, self._dialogs, self, today, sample=sample, window_type=type(self)
        )
        self.settings_actions = SettingsActions(
            journal,
            self._dialogs,
            store,
            lambda: self.review_view,
            self,
            sync=self.sync,
        )
        self.settings_actions.applied.connect(self._settings_applied)
        self.settings_actions.encryption_changed.connect(self._encryption_changed)
        self.day_view.entry_saved.connect(self._entry_saved)
        self.day_view.form.edited.connect(self._update_actions)

        self.actions_by_name = build_menus(self, window_commands(self), sample=sample)
        self.undo_delete_action = self.actions_by_name["undo_delete"]
        self._update_actions()
        self._restore_state()
        self.day_view.form.focus_text()
        self.sync.start()  # syncs by itself while sync is on

    # -- commands (the menus' and shortcuts' targets; see commands.py) ----------

    def add_entry_to_day(self) -> None:
        """Ctrl+Shift+N: a new entry on the day shown, not on today."""
        self.day_view.new_entry(self.day_view.day())

    def undo_delete(self) -> None:
        """Ctrl+Z (outside a text field): the entry deleted last, back and shown."""
        if not self.day_view.can_undo_delete():
            return
        self.views.show_view(self.day_view)
        self.day_view.undo_delete()

    def choose_date(self) -> None:
        """Ctrl+G: the day bar's calendar, to jump to any day."""
        shown = self.day_view.day()
        self.day_view.day_bar.choose_date()  # returns when the pop-up closes
        if self.day_view.day() != shown:
            self.day_view.form.focus_text()

    # -- views (the tabs hold them; these name them for callers) --------------

    def show_view(self, view: QWidget) -> None:
        self.views.show_view(view)

    def current_view(self) -> QWidget:
        return self.views.current_view()

    def current_name(self) -> str:
        return self.views.current_name()

    def search(self) -> None:
        self.views.search()

    def go_today(self) -> None:
        self.views.go_today()

    @property
    def history_view(self) -> HistoryView:
        return self.views.history_tab.view()

    @property
    def calendar_view(self) -> CalendarView:
        return self.views.calendar_tab.view()

    @property
    def trends_view(self) -> TrendsView:
        return self.views.trends_tab.view()

    @property
    def review_view(self) -> ReviewView:
        return self.views.review_tab.view()

    def _entry_saved(self, _entry: object) -> None:
        self._update_actions()
        self.views.refresh_current()
        self.sync.saved()

    def _review_made(self, review: ReviewView) -> None:
        self.save_state.watch(review.autosaver)
        review.autosaver.saved.connect(self.sync.saved)
        review.targets_changed.connect(self.sync.saved)

    def save_written(self) -> bool:
        """Save what the day view and the weekly notes hold unsaved; False if
        some of it could not be saved (it stays as typed)."""
        review = self.views.review_tab.made
        day = self.day_view.save_now()
        return day and (review is None or bool(review.save_notes()))

    def _shown_filter(self) -> HistoryFilter | None:
        history = self.views.history_tab.made
        return history.current_filter() if history and history.loaded else None

    def bring_to_front(self) -> None:
        """Another start on this folder asked for the window."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        self.brought_to_front.emit()

    def _update_actions(self) -> None:
        self.undo_delete_action.setEnabled(self.day_view.can_undo_delete())
        lock = self.actions_by_name.get("lock")
        if lock is not None:  # only an encrypted journal can be locked
            lock.setVisible(self._journal.encrypted)
            lock.setEnabled(self._journal.encrypted)

    # -- settings and window state -------------------------------------------

    @property
    def settings(self) -> Settings:
        """The settings in use."""
        return self.settings_actions.settings

    def _encryption_changed(self) -> None:
        self._update_actions()
        self.encryption_changed.emit()

    def _settings_applied(self, settings: Settings) -> None:
        self.settings_changed.emit(settings)
        self.views.shown_again()  # redraw in the new colours

    def _restore_state(self) -> None:
        if self._store is None:
            return
        geometry, view = self._store.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if 0 <= view < self.views.count():
            self.views.setCurrentIndex(view)

    def quit(self) -> None:
        """Ctrl+Q: close for good, even when the tray would keep the app."""
        self._quitting = True
        if self.close():
            QApplication.quit()

    # -- locking -------------------------------------------------------------

    def lock(self) -> None:
        """Ctrl+L: ask the owner to lock an encrypted journal."""
        if self._journal.encrypted:
            self.lock_requested.emit()

    def close_for_lock(self) -> bool:
        """Save everything written, then close without ending the app (the
        owner closes the journal next). False, and the window stays, if
        what was written could not be saved: locking must not lose it."""
        self._locking = True
        closed = self.close()
        self._locking = False
        return closed

    # -- closing -------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save before closing; if saving fails, ask rather than lose text."""
        saved = self.save_written()
        if self._locking and not saved:
            event.ignore()
            self._dialogs.notify(
                "The journal is not locked",
                "What you wrote could not be saved, so the journal stays open. "
                "Save it (Ctrl+S) and lock again.",
            )
            return
        if saved and not self._quitting and not self._locking and self.keeps_running():
            self.hide()  # reminders go on from the tray
            event.ignore()
            return
        if self._closing_confirmed or saved:
            if self._store is not None:
                self._store.save_window_state(
                    self.saveGeometry(), self.views.currentIndex()
                )
            self.sync.finish()  # sends what is new; no more runs till unlocked
            finish_workers(self)  # a backup or import under way ends first
            self.help.close_sample()
            event.accept()
            if not self._locking:  # a locked app goes on, asking the passphrase
                self.closed.emit()
            return
        event.ignore()
        ask_to_quit_unsaved(self._dialogs, self._close_without_saving)

    def _close_without_saving(self) -> None:
        self._closing_confirmed = True
        self.close()
