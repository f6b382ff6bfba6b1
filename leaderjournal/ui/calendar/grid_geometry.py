"""Where the year calendar puts things: squares, month names, the legend.

ISO weeks are columns, Monday at the top. A day's square is ``cell`` pixels
on a side, with a gap that grows with it; the widget picks the largest cell
that fits the room it is given (:func:`largest_cell`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFontMetrics

from leaderjournal.ui.common.style import SPACING

MAX_COLUMNS = 54  # a leap year from a Sunday to a Monday spans 54 weeks
#: A day's square grows with the room the grid is given, between these sides.
MIN_CELL, MAX_CELL = 10, 28
DEFAULT_CELL = 11  # what the grid asks for when nobody says how much room
FOCUS_MARGIN = 3  # room for the focus ring around the squares at the edges


def gap_for(cell: int) -> int:
    """The gap between two squares of side ``cell``: a quarter of it, 2 at least."""
    return max(2, cell // 4)


def grid_origin(metrics: QFontMetrics) -> QPoint:
    """Top-left of the grid: room for weekday labels and month names."""
    left = max(metrics.horizontalAdvance(d) for d in ("Mon", "Wed", "Fri"))
    return QPoint(left + 6, metrics.height() + 4)


def grid_width(left: int, cell: int, legend_width: int) -> int:
    """The widget's width for squares of side ``cell`` (or the legend's)."""
    grid = MAX_COLUMNS * (cell + gap_for(cell))
    return left + max(grid, legend_width) + FOCUS_MARGIN


def grid_height(top: int, cell: int, legend_height: int) -> int:
    """The widget's height for squares of side ``cell``, legend included."""
    rows = 6 * (cell + gap_for(cell)) + cell
    return top + rows + SPACING + legend_height + FOCUS_MARGIN


def largest_cell(
    width: int, left: int, top: int, legend_height: int, height_limit: int | None
) -> int:
    """The largest square whose 54 weeks fit ``width`` (and, given a limit,
    whose grid and legend fit ``height_limit``); never below MIN_CELL."""
    fitting = [
        cell
        for cell in range(MIN_CELL, MAX_CELL + 1)
        if MAX_COLUMNS * (cell + gap_for(cell)) <= width - left - FOCUS_MARGIN
        and (
            height_limit is None
            or grid_height(top, cell, legend_height) <= height_limit
        )
    ]
    return max(fitting, default=MIN_CELL)


@dataclass(frozen=True)
class GridGeometry:
    """One year's grid at one cell size, its top-left corner at (left, top)."""

    year: int
    left: int  # room for the weekday names
    top: int  # room for the month names
    cell: int

    @property
    def pitch(self) -> int:
        """From one square to the next, gap included."""
        return self.cell + gap_for(self.cell)

    @property
    def first_monday(self) -> dt.date:
        first = dt.date(self.year, 1, 1)
        return first - dt.timedelta(days=first.weekday())

    @property
    def legend_top(self) -> int:
        return self.top + 6 * self.pitch + self.cell + SPACING

    def cell_rect(self, day: dt.date) -> QRect:
        """Where ``day``'s square is drawn; ValueError for another year's day."""
        if day.year != self.year:
            raise ValueError(f"{day} is not in {self.year}.")
        offset = (day - self.first_monday).days
        return QRect(
            self.left + offset // 7 * self.pitch,
            self.top + offset % 7 * self.pitch,
            self.cell,
            self.cell,
        )

    def day_at(self, pos: QPoint) -> dt.date | None:
        """The day under ``pos`` (gaps included), or None."""
        column = (pos.x() - self.left) // self.pitch
        row = (pos.y() - self.top) // self.pitch
        if column < 0 or not 0 <= row < 7:
            return None
        day = self.first_monday + dt.timedelta(days=7 * column + row)
        return day if day.year == self.year else None

    def month_label_rects(self, metrics: QFontMetrics) -> list[tuple[int, QRect]]:
        """Each month's number and where its name is written: over the first
        week that is mostly its own (the ISO rule: the week of its
        Thursday), moved right if the name before it would touch it."""
        placed: list[tuple[int, QRect]] = []
        after = 0  # the first x a name may take
        for month in range(1, 13):
            first = dt.date(self.year, month, 1)
            column = (first - self.first_monday).days // 7
            if first.weekday() > 3:
                column += 1
            x = max(self.left + column * self.pitch, after)
            name_width = metrics.horizontalAdvance(f"{first:%b}")
            rect = QRect(x, 0, name_width, metrics.height())
            placed.append((month, rect))
            after = rect.right() + 1 + metrics.horizontalAdvance(" ")
        return placed
