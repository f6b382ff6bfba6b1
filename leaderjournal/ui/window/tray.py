"""The tray icon and the daily and weekly reminders.

Which reminder is due is decided by domain.reminders (a pure function of
the clock, tested with a fake one); this module only asks it every half
minute, and once at start for what was missed while the app was closed,
and shows the reminder: as a notification from the tray icon, or, on a
desktop without a tray, as a banner in the window (reminder_banner.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from leaderjournal.domain.reminders import (
    DAILY,
    MESSAGES,
    WEEKLY,
    ReminderPlan,
    ReminderState,
    due,
)
from leaderjournal.domain.scoring import iso_week_id
from leaderjournal.settings import Settings
from leaderjournal.storage.journal import Journal
from leaderjournal.ui.common.settings_store import SettingsStore
from leaderjournal.ui.window.reminder_banner import ReminderBanner

CHECK_MS = 30_000


def plan_of(settings: Settings) -> ReminderPlan:
    return ReminderPlan(
        daily=settings.daily_reminder,
        daily_time=settings.daily_time,
        weekly=settings.weekly_reminder,
        weekly_day=settings.weekly_day,
        weekly_time=settings.weekly_time,
    )


class Reminders(QObject):
    """Shows reminders while the app runs: from the tray icon, or in
    ``banner`` when the desktop has no tray. ``store`` keeps when each was
    last shown, so that a restart does not show it again."""

    open_requested = Signal(str)  # "day", "review" or "window"
    quit_requested = Signal()
    shown = Signal(str)  # DAILY or WEEKLY, after a notification

    def __init__(
        self,
        journal: Journal,
        settings: Callable[[], Settings],
        icon: QIcon,
        *,
        clock: Callable[[], dt.datetime] = dt.datetime.now,
        tray_available: bool | None = None,
        banner: ReminderBanner | None = None,
        store: SettingsStore | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._journal = journal
        self._settings = settings
        self._clock = clock
        self._banner = banner
        self._store = store
        shown = store.reminders_shown() if store is not None else (None, None)
        self._daily_shown: dt.date | None = shown[0]
        self._weekly_shown: str | None = shown[1]
        self._last: str | None = None
        available = (
            QSystemTrayIcon.isSystemTrayAvailable()
            if tray_available is None
            else tray_available
        )
        self.tray: QSystemTrayIcon | None = None
        if available:
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip("LeaderJournal")
            self.tray.setContextMenu(self._menu())
            self.tray.activated.connect(lambda _r: self.open_requested.emit("window"))
            self.tray.messageClicked.connect(self._message_clicked)
            self.tray.show()
        self._timer = QTimer(self, interval=CHECK_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        self.check()  # what came due while the app was closed

    @property
    def available(self) -> bool:
        return self.tray is not None

    def _menu(self) -> QMenu:
        menu = QMenu()
        for text, target in (
            ("Open LeaderJournal", "window"),
            ("Write Today's Entry", "day"),
            ("Weekly Review", "review"),
        ):
            action = QAction(text, menu)
            action.triggered.connect(
                lambda _c=False, t=target: self.open_requested.emit(t)
            )
            menu.addAction(action)
        menu.addSeparator()
        quit_action = QAction("Quit LeaderJournal", menu)
        quit_action.triggered.connect(self.quit_requested)
        menu.addAction(quit_action)
        self._menu_ref = menu  # the tray does not own its menu
        return menu

    def state(self, now: dt.datetime) -> ReminderState:
        today = now.date()
        week = iso_week_id(today)
        return ReminderState(
            wrote_today=bool(self._journal.entries.on_day(today)),
            reviewed_this_week=not self._journal.reviews.notes(week).is_blank(),
            daily_shown_on=self._daily_shown,
            weekly_shown_in=self._weekly_shown,
        )

    def check(self) -> list[str]:
        """Show whatever is due now; returns what was shown."""
        plan = plan_of(self._settings())
        if self.tray is None and self._banner is None:
            return []  # nowhere to show it
        if not (plan.daily or plan.weekly):
            self._take_down(daily=True, weekly=True)  # switched off
            return []  # nothing to ask the journal
        now = self._clock()
        state = self.state(now)
        self._take_down(
            daily=not plan.daily or state.wrote_today,
            weekly=not plan.weekly or state.reviewed_this_week,
        )
        shown = due(now, plan, state)
        for kind in shown:
            self._show(kind)
            self._last = kind
            if kind == DAILY:
                self._daily_shown = now.date()
            elif kind == WEEKLY:
                self._weekly_shown = iso_week_id(now.date())
        if shown and self._store is not None:
            self._store.save_reminders_shown(self._daily_shown, self._weekly_shown)
        for kind in shown:
            self.shown.emit(kind)
        return shown

    def _take_down(self, *, daily: bool, weekly: bool) -> None:
        """Hide the banner's reminders that are done or switched off."""
        if self._banner is None:
            return
        if daily:
            self._banner.dismiss(DAILY)
        if weekly:
            self._banner.dismiss(WEEKLY)

    def _show(self, kind: str) -> None:
        if self.tray is not None:
            title, text = MESSAGES[kind]
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information)
        elif self._banner is not None:
            self._banner.show_reminder(kind)

    def _message_clicked(self) -> None:
        self.open_requested.emit("review" if self._last == WEEKLY else "day")

    def stop(self) -> None:
        self._timer.stop()
        if self.tray is not None:
            self.tray.hide()
