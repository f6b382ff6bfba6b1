"""Moving between days: previous, next, today, and a calendar pop-up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from leaderjournal.domain.entry import EARLIEST_DATE, LATEST_DATE
from leaderjournal.ui.common.dates import long_date, py_date
from leaderjournal.ui.common.widgets import tool_button

DaysWithEntries = Callable[[dt.date, dt.date], set[dt.date]]


def when_from_today(day: dt.date, today: dt.date) -> str:
    """ "today", "in 1 day", "in 3 days"; nothing for a day gone by.

    A day to come can be written in (a plan, a note for the meeting), so
    the bar says it is ahead rather than let it pass for a day that was.
    """
    ahead = (day - today).days
    if ahead == 0:
        return "today"
    if ahead == 1:
        return "in 1 day"
    if ahead > 1:
        return f"in {ahead:,} days"
    return ""


class DayBar(QWidget):
    """Shows the current day and lets the person pick another."""

    day_chosen = Signal(object)

    def __init__(
        self,
        days_with_entries: DaysWithEntries,
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._days_with_entries = days_with_entries
        self._today = today
        self._day = today()
        self._marked: set[dt.date] = set()

        self.previous_button = tool_button(
            self, "previousDayButton", "\u25c0", "Previous day (Alt+Left)"
        )
        self.next_button = tool_button(
            self, "nextDayButton", "\u25b6", "Next day (Alt+Right)"
        )
        self.today_button = tool_button(self, "todayButton", "Today", "Today (Ctrl+T)")
        self.date_button = tool_button(
            self, "dateButton", "", "Choose a day from the calendar"
        )
        font = self.date_button.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.date_button.setFont(font)
        self.date_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.date_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        # The calendar itself is made when the menu first opens: it is the
        # costliest widget of the day view, and most evenings it is not used.
        self._calendar: QCalendarWidget | None = None
        menu = QMenu(self.date_button)
        menu.aboutToShow.connect(self.refresh_calendar)
        self.date_button.setMenu(menu)
        self._menu = menu

        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button.clicked.connect(self.go_today)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.date_button)
        layout.addWidget(self.next_button)
        layout.addSpacing(8)
        layout.addWidget(self.today_button)
        layout.addStretch(1)
        QWidget.setTabOrder(self.previous_button, self.date_button)
        QWidget.setTabOrder(self.date_button, self.next_button)
        QWidget.setTabOrder(self.next_button, self.today_button)
        self._show_day()

    # -- the day -------------------------------------------------------------

    def day(self) -> dt.date:
        return self._day

    def set_day(self, day: dt.date) -> None:
        """Show ``day`` without announcing it (the caller already knows)."""
        self._day = day
        self._show_day()

    def step(self, days: int) -> None:
        self._choose(self._day + dt.timedelta(days=days))

    def go_today(self) -> None:
        self._choose(self._today())

    def choose_date(self) -> None:
        """Open the calendar pop-up to pick a day (Ctrl+G)."""
        self.date_button.showMenu()

    def _choose(self, day: dt.date) -> None:
        if EARLIEST_DATE <= day <= LATEST_DATE:
            self.day_chosen.emit(day)

    def _show_day(self) -> None:
        text = long_date(self._day)
        when = when_from_today(self._day, self._today())
        if when:
            text += f"  \u00b7  {when}"
        self.date_button.setText(text)
        self.date_button.setAccessibleName(f"Day shown: {text}. Choose another day")
        self.today_button.setEnabled(self._day != self._today())

    # -- calendar ------------------------------------------------------------

    @property
    def calendar(self) -> QCalendarWidget:
        if self._calendar is None:
            calendar = self._calendar = QCalendarWidget(objectName="calendar")
            calendar.setGridVisible(False)
            calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            calendar.setAccessibleName("Calendar; days with entries are in bold")
            calendar.setDateRange(QDate(EARLIEST_DATE), QDate(LATEST_DATE))
            calendar.currentPageChanged.connect(self._mark_page)
            calendar.activated.connect(self._calendar_picked)
            calendar.clicked.connect(self._calendar_picked)
            action = QWidgetAction(self._menu)
            action.setDefaultWidget(calendar)
            self._menu.addAction(action)
        return self._calendar

    def refresh_calendar(self) -> None:
        """Select the day shown and mark the days with entries around it."""
        self.calendar.setSelectedDate(QDate(self._day))
        self._mark_page(self._day.year, self._day.month)
        self.calendar.setFocus()

    def _mark_page(self, year: int, month: int) -> None:
        """Embolden the days with entries in the month shown (and its edges)."""
        for day in self._marked:
            self.calendar.setDateTextFormat(QDate(day), QTextCharFormat())
        first = dt.date(year, month, 1) - dt.timedelta(days=7)
        last = dt.date(year, month, 28) + dt.timedelta(days=14)
        self._marked = self._days_with_entries(first, last)
        marked = QTextCharFormat()
        marked.setFontWeight(QFont.Weight.Bold)
        marked.setFontUnderline(True)
        for day in self._marked:
            self.calendar.setDateTextFormat(QDate(day), marked)

    def _calendar_picked(self, day: QDate) -> None:
        self._menu.close()
        self._choose(py_date(day))
