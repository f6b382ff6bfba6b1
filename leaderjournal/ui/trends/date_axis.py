"""The trends chart's time axis: dates that never run together.

Imported with pyqtgraph, when the chart is first shown.
"""

from __future__ import annotations

import datetime as dt

import pyqtgraph as pg
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication

from leaderjournal.domain.date_ticks import date_ticks

DAY_SECONDS = 86_400


def seconds(day: dt.date) -> float:
    """A date as the chart's x: local noon, so the date axis never slips a day."""
    return dt.datetime(day.year, day.month, day.day, 12).timestamp()


def day_position(x: float) -> float:
    """The chart's x as a day's ordinal (noon of a date is its ordinal)."""
    moment = dt.datetime.fromtimestamp(x)
    since_midnight = (
        moment.hour * 3600 + moment.minute * 60 + moment.second
    ) + moment.microsecond / 1e6
    return moment.toordinal() + since_midnight / DAY_SECONDS - 0.5


class DateAxis(pg.AxisItem):
    """A time axis whose labels never run together, at any width.

    It names days, Mondays, months or years, whichever is the finest that
    fits the pixels it has ("2 Nov", "9", "16"), instead of pyqtgraph's
    date axis that draws two levels of labels over each other ("29Oct").
    """

    def __init__(self, orientation: str = "bottom") -> None:
        super().__init__(orientation)
        self.setTickFont(QApplication.font())
        self._labels: dict[float, str] = {}

    def tickValues(self, min_value: float, max_value: float, size: float) -> list:
        font = self.style["tickFont"] or QApplication.font()
        metrics = QFontMetricsF(font)
        try:
            lo, hi = day_position(min_value), day_position(max_value)
        except (OverflowError, OSError, ValueError):  # panned beyond any date
            return []
        ticks = date_ticks(
            lo, hi, size, metrics.horizontalAdvance, gap=metrics.horizontalAdvance("M")
        )
        self._labels = {seconds(day): label for day, label in ticks}
        return [(DAY_SECONDS, list(self._labels))]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list:
        return [self._labels.get(value, "") for value in values]
