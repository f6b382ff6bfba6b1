"""The tray icon and the daily and weekly reminders.

Which reminder is due is decided by domain.reminders (a pure function of
the clock, tested with a fake one); this module only asks it every half
minute and shows the notification.
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
    """Shows reminders through the tray icon while the app runs."""

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
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._journal = journal
        self._settings = settings
        self._clock = clock
        self._daily_shown: dt.date | None = None
        self._weekly_shown: str | None = None
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
        if self.tray is None:
            return []
        now = self._clock()
        shown = due(now, plan_of(self._settings()), self.state(now))
        for kind in shown:
            title, text = MESSAGES[kind]
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information)
            self._last = kind
            if kind == DAILY:
                self._daily_shown = now.date()
            elif kind == WEEKLY:
                self._weekly_shown = iso_week_id(now.date())
            self.shown.emit(kind)
        return shown

    def _message_clicked(self) -> None:
        self.open_requested.emit("review" if self._last == WEEKLY else "day")

    def stop(self) -> None:
        self._timer.stop()
        if self.tray is not None:
            self.tray.hide()
