"""Under the year's grid: what the chosen day holds, and its month's figures.

A day with entries lists them (time, headline, lean) with the day's lean
and advice requests; any day is followed by its month's figures, so an
empty day still tells something. A button opens the day (to read or to
write in it), as Enter and a double click on the grid do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.domain.scoring import describe_lean, entry_lean, format_lean
from leaderjournal.domain.weeks import DayTotals, Tally
from leaderjournal.domain.words import plural
from leaderjournal.ui.common.dates import long_date
from leaderjournal.ui.common.style import SPACING
from leaderjournal.ui.day.entry_list import headline

# A line reads left to right (a left-to-right mark starts it, so that a
# title's first letter does not decide), and a title sits in an isolate
# (Unicode's "first strong isolate" and its end) that keeps a right-to-left
# title's own direction without pulling the time and lean around it.
_LEFT_TO_RIGHT, _ISOLATE, _END_ISOLATE = "\u200e", "\u2068", "\u2069"


def lean_words(tally: Tally) -> str:
    """ "lean +25.0, leaning leading", or "not rated"."""
    lean = tally.lean()
    if lean is None:
        return "not rated"
    return f"lean {format_lean(lean)}, {describe_lean(lean)}"


def entry_line(entry: Entry) -> str:
    """ "09:05 · Coffee with the design lead · lean +100.0", in local time."""
    written = entry.created_at.astimezone().strftime("%H:%M")
    lean = entry_lean(entry)
    rated = f"lean {format_lean(lean)}" if lean is not None else "not rated"
    title = f"{_ISOLATE}{headline(entry)}{_END_ISOLATE}"
    return f"{_LEFT_TO_RIGHT}{written} \u00b7 {title} \u00b7 {rated}"


def day_figures(totals: DayTotals) -> str:
    return " \u00b7 ".join(
        (
            plural(totals.entries, "entry", "entries"),
            lean_words(totals.tally),
            plural(totals.advice_requests, "advice request", "advice requests"),
        )
    )


def month_figures(days: Sequence[DayTotals]) -> str:
    """A month's entries, days journaled, pooled lean and advice requests."""
    entries = sum(d.entries for d in days)
    if not entries:
        return "No entries this month."
    tally = Tally()
    for day in days:
        tally.merge(day.tally)
    return " \u00b7 ".join(
        (
            plural(entries, "entry", "entries"),
            f"{plural(sum(1 for d in days if d.entries), 'day', 'days')} journaled",
            lean_words(tally),
            plural(
                sum(d.advice_requests for d in days),
                "advice request",
                "advice requests",
            ),
        )
    )


class CalendarSummary(QWidget):
    """The chosen day's entries and figures, then its month's figures."""

    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarSummary")
        self.day_heading = self._label("summaryDayHeading", bold=True)
        self.day_figures = self._label("summaryDayFigures")
        self.entries = self._label("summaryEntries")
        self.open_button = QPushButton("&Open this day", objectName="openDayButton")
        self.open_button.setToolTip("Open this day (Enter or double click)")
        self.open_button.setAccessibleName("Open this day")
        self.open_button.clicked.connect(self.open_requested)
        self.month_heading = self._label("summaryMonthHeading", bold=True)
        self.month_figures = self._label("summaryMonthFigures")

        heading = QHBoxLayout()
        heading.setSpacing(SPACING)
        heading.addWidget(self.day_heading)
        heading.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignVCenter)
        heading.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING // 2)
        layout.addLayout(heading)
        layout.addWidget(self.day_figures)
        layout.addWidget(self.entries)
        layout.addSpacing(SPACING)
        layout.addWidget(self.month_heading)
        layout.addWidget(self.month_figures)
        layout.addStretch(1)

    def _label(self, name: str, bold: bool = False) -> QLabel:
        label = QLabel(self, objectName=name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(not bold)  # a heading is a date: one short line
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if bold:
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        return label

    def show_day(
        self,
        day: dt.date,
        entries: Sequence[Entry],
        totals: DayTotals | None,
        month: Sequence[DayTotals],
    ) -> None:
        """Show ``day`` (its ``entries`` and ``totals``) and its ``month``'s days."""
        written = bool(entries) and totals is not None and totals.entries > 0
        self.day_heading.setText(
            long_date(day) if written else f"{long_date(day)}: no entry"
        )
        self.day_figures.setVisible(written)
        self.entries.setVisible(written)
        if totals is not None and written:
            self.day_figures.setText(day_figures(totals))
            self.entries.setText("\n".join(entry_line(e) for e in entries))
        self.month_heading.setText(f"{day:%B %Y}")
        self.month_figures.setText(month_figures(month))
