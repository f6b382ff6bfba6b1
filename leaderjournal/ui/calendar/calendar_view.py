"""The Calendar view: a year of days coloured by lean, with the streaks, and
under it what the chosen day and its month hold."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from leaderjournal.domain.entry import EARLIEST_DATE, LATEST_DATE
from leaderjournal.domain.streaks import streaks
from leaderjournal.domain.weeks import DayTotals
from leaderjournal.domain.words import plural
from leaderjournal.storage.journal import Journal
from leaderjournal.ui.calendar.calendar_summary import CalendarSummary
from leaderjournal.ui.calendar.year_calendar import YearCalendar
from leaderjournal.ui.common.style import MARGIN, SPACING
from leaderjournal.ui.common.widgets import tool_button


class CalendarView(QWidget):
    """The year calendar with the year's name, arrows, the journal's streaks,
    and the chosen day's summary."""

    day_opened = Signal(object)

    def __init__(
        self,
        journal: Journal,
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("calendarView")
        self._journal = journal
        self._today = today

        self.previous_button = tool_button(
            self, "previousYearButton", "\u25c0", "Previous year (Page Up)"
        )
        self.next_button = tool_button(
            self, "nextYearButton", "\u25b6", "Next year (Page Down)"
        )
        self.year_label = QLabel(self, objectName="yearLabel")
        font = self.year_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.year_label.setFont(font)
        self.streak_label = QLabel(self, objectName="streakLabel")
        self.streak_label.setWordWrap(True)
        self.calendar = YearCalendar(self._day_totals, today, self)
        self.setFocusProxy(self.calendar)
        self.summary = CalendarSummary()
        self.summary_area = QScrollArea(self, objectName="calendarSummaryArea")
        self.summary_area.setWidget(self.summary)
        self.summary_area.setWidgetResizable(True)
        self.summary_area.setFrameShape(QFrame.Shape.NoFrame)
        self.summary_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.previous_button.clicked.connect(lambda: self._step_year(-1))
        self.next_button.clicked.connect(lambda: self._step_year(1))
        self.calendar.year_changed.connect(self._show_year)
        self.calendar.day_opened.connect(self.day_opened)
        self.calendar.focus_day_changed.connect(self._show_day)
        self.summary.open_requested.connect(
            lambda: self.day_opened.emit(self.calendar.focus_day())
        )
        self._build_layout()
        self._show_year(self.calendar.year())
        self._show_day(self.calendar.focus_day())
        self._show_figures()

    def _build_layout(self) -> None:
        header = QHBoxLayout()
        header.setSpacing(SPACING)
        header.addWidget(self.previous_button)
        header.addWidget(self.year_label)
        header.addWidget(self.next_button)
        header.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addLayout(header)
        layout.addWidget(self.streak_label)
        layout.addWidget(self.calendar)
        # The rest of the view, under the grid; it scrolls in a small window.
        layout.addWidget(self.summary_area, 1)
        QWidget.setTabOrder(self.previous_button, self.next_button)
        QWidget.setTabOrder(self.next_button, self.calendar)
        QWidget.setTabOrder(self.calendar, self.summary.open_button)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # A wide but low window would give the grid all its height: keep
        # about half of the view for the summary under it. The layout has
        # already placed the grid for this size, so it places it again now.
        self.calendar.set_height_limit(event.size().height() // 2)
        layout = self.layout()
        if layout is not None:
            layout.activate()
        super().resizeEvent(event)

    def _show_day(self, day: dt.date) -> None:
        totals = self.calendar.totals_of(day)
        entries = self._journal.entries.on_day(day) if totals else []
        self.summary.show_day(
            day, entries, totals, self.calendar.month_totals(day.month)
        )

    def _day_totals(self, start: dt.date, end: dt.date) -> list[DayTotals]:
        # Looked up on each use: a restore gives the journal new entries.
        return self._journal.entries.day_totals(start, end)

    def refresh(self) -> None:
        """Read the figures and the year's days again (entries changed)."""
        self._show_figures()
        self.calendar.reload()

    def _step_year(self, step: int) -> None:
        year = self.calendar.year() + step
        if EARLIEST_DATE.year <= year <= LATEST_DATE.year:
            self.calendar.set_year(year)

    def _show_year(self, year: int) -> None:
        self.year_label.setText(str(year))
        self.year_label.setAccessibleName(f"Year shown: {year}")
        self.previous_button.setEnabled(year > EARLIEST_DATE.year)
        self.next_button.setEnabled(year < LATEST_DATE.year)

    def _show_figures(self) -> None:
        # All the days, not just this year's: a streak may span New Year.
        entries = self._journal.entries
        days = entries.days_with_entries(EARLIEST_DATE, LATEST_DATE)
        found = streaks(days, self._today())
        self.streak_label.setText(
            " \u00b7 ".join(
                (
                    plural(entries.count(), "entry", "entries"),
                    f"{plural(found.days_journaled, 'day', 'days')} journaled",
                    f"current streak {plural(found.current, 'day', 'days')}",
                    f"longest streak {plural(found.longest, 'day', 'days')}",
                )
            )
        )
