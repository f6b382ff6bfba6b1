"""Painting the year calendar: weekday and month names, a square per day,
the focus ring and the legend."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QPainter, QPalette, QPen

from leaderjournal.ui.common.lean_colors import RADIUS, RATED, paint_cell, paint_legend
from leaderjournal.ui.common.style import muted_text_color

if TYPE_CHECKING:
    from leaderjournal.ui.calendar.year_calendar import YearCalendar

_ONE_DAY = dt.timedelta(days=1)


def paint_year(calendar: YearCalendar, painter: QPainter) -> None:
    """Draw ``calendar``'s year as it stands: every day, the focused one
    ringed while the grid has the keyboard, and the legend under it."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    palette = calendar.palette()
    _paint_labels(calendar, painter, palette)
    year = calendar.year()
    day = dt.date(year, 1, 1)
    while day.year == year:
        kind = calendar.kind_of(day)
        fill = calendar.color_of(day) if kind == RATED else None
        paint_cell(painter, QRectF(calendar.cell_rect(day)), kind, fill, palette)
        day += _ONE_DAY
    if calendar.hasFocus():
        # In the text colour, not Highlight: a blue ring would vanish
        # around a blue (leading) day.
        pen = QPen(palette.color(QPalette.ColorRole.WindowText), 2.0)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        ring = QRectF(calendar.cell_rect(calendar.focus_day())).adjusted(-2, -2, 2, 2)
        painter.drawRoundedRect(ring, RADIUS + 1, RADIUS + 1)
    geometry = calendar.geometry_now()
    paint_legend(
        painter, palette, calendar.fontMetrics(), geometry.left, geometry.legend_top
    )


def _paint_labels(calendar: YearCalendar, painter: QPainter, palette: QPalette) -> None:
    """The weekday names left of the rows and the month names over them."""
    painter.setPen(muted_text_color(palette))
    metrics = calendar.fontMetrics()
    geometry, height = calendar.geometry_now(), metrics.height()
    for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri")):
        middle = geometry.top + row * geometry.pitch + geometry.cell // 2
        box = QRect(0, middle - height // 2, geometry.left - 6, height)
        painter.drawText(box, Qt.AlignmentFlag.AlignRight, name)
    for month, rect in calendar.month_label_rects():
        name = f"{dt.date(calendar.year(), month, 1):%b}"
        painter.drawText(QPoint(rect.left(), metrics.ascent()), name)
