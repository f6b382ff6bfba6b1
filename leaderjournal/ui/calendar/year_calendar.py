"""A year at a glance: one square per day, coloured by that day's lean.

The grid reads like a contribution graph: ISO weeks are columns, Monday at
the top. How a day's square looks is decided in :mod:`lean_colors`, where
it goes (and how large it grows) in :mod:`grid_geometry`, how it is drawn
in :mod:`year_painting`; what is known of each day is in :mod:`year_days`.
The view around it adds the year's arrows, the journal's streaks and the
chosen day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from leaderjournal.domain.entry import EARLIEST_DATE, LATEST_DATE
from leaderjournal.domain.weeks import DayTotals
from leaderjournal.ui.calendar.grid_geometry import (
    DEFAULT_CELL,
    MIN_CELL,
    GridGeometry,
    grid_height,
    grid_origin,
    grid_width,
    largest_cell,
)
from leaderjournal.ui.calendar.year_days import YearDays
from leaderjournal.ui.calendar.year_painting import paint_year
from leaderjournal.ui.common.lean_colors import lean_color, legend_height, legend_width

DayTotalsSource = Callable[[dt.date, dt.date], list[DayTotals]]

# As the grid is laid out: a column is a week, a row a weekday. Keyed by int,
# which is what QKeyEvent.key() gives.
_STEPS: dict[int, int] = {
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_Left: -7,
    Qt.Key.Key_Right: 7,
}


class YearCalendar(QWidget):
    """One calendar year, a square per day; a click chooses a day.

    Up/Down move a day (along a week's column), Left/Right a week (along a
    row), as the grid is laid out; Home/End go to the first/last day of the
    year and Page Up/Page Down to the year before/after. A double click,
    Enter or Space opens the day.

    The squares grow with the widget's width (its height follows, see
    :meth:`heightForWidth`), within the bounds of :mod:`grid_geometry`, and
    no taller than :meth:`set_height_limit` allows.
    """

    day_opened = Signal(object)
    year_changed = Signal(int)
    #: The focused day changed, or what is known about it (a year was read).
    focus_day_changed = Signal(object)

    def __init__(
        self,
        day_totals: DayTotalsSource,
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("yearCalendar")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self._day_totals = day_totals
        self._today = today
        self._days = YearDays([])
        self._focus: dt.date | None = None
        self._hovered: dt.date | None = None
        self._height_limit: int | None = None
        self._geometry: tuple[tuple[object, ...], GridGeometry] | None = None
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.set_year(today().year)

    # -- data --------------------------------------------------------------------

    def year(self) -> int:
        return self._year

    def focus_day(self) -> dt.date:
        assert self._focus is not None
        return self._focus

    def set_year(self, year: int) -> None:
        """Show ``year``, loading its per-day totals in one query."""
        if not EARLIEST_DATE.year <= year <= LATEST_DATE.year:
            raise ValueError(
                f"A journal holds the years {EARLIEST_DATE.year}-"
                f"{LATEST_DATE.year}, not {year}."
            )
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        self._year = year
        self._days = YearDays(self._day_totals(first, last))
        if self._focus is None:
            today = self._today()
            self._focus = today if today.year == year else first
        elif self._focus.year != year:
            self._focus = _same_day_in(year, self._focus)
        self.setAccessibleName(f"Year calendar of {year}")
        self._describe_focus()
        self.update()
        self.year_changed.emit(year)
        self.focus_day_changed.emit(self._focus)

    def reload(self) -> None:
        """Read the year's entries again (after they changed)."""
        self.set_year(self._year)

    def kind_of(self, day: dt.date) -> str:
        """Whether the day is "rated", "unrated" (entries, none rated) or "empty"."""
        return self._days.kind_of(day)

    def color_of(self, day: dt.date) -> QColor | None:
        """The fill of a rated day (its day lean); None for any other day."""
        lean = self._days.lean_of(day)
        return None if lean is None else lean_color(lean, self.palette())

    def tooltip_text(self, day: dt.date) -> str:
        return "\n".join(self._days.describe(day))

    def totals_of(self, day: dt.date) -> DayTotals | None:
        """What the day's entries add up to; None for a day without entries
        or outside the year shown."""
        return self._days.totals_of(day)

    def month_totals(self, month: int) -> list[DayTotals]:
        """The days of ``month`` (of the year shown) that have entries."""
        return self._days.month_totals(month)

    # -- geometry ------------------------------------------------------------------

    def geometry_now(self) -> GridGeometry:
        """Where things go at the widget's present width."""
        return self._geometry_for(self.width())

    def cell_size(self) -> int:
        """The side of a day's square at the widget's present width."""
        return self.geometry_now().cell

    def pitch(self) -> int:
        """From one square to the next, gap included."""
        return self.geometry_now().pitch

    def set_height_limit(self, height: int | None) -> None:
        """Keep the grid and its legend within ``height`` pixels (None: no
        limit), so that a wide, low window leaves room under the grid."""
        if height != self._height_limit:
            self._height_limit = height
            self.updateGeometry()
            self.update()

    def _geometry_for(self, width: int) -> GridGeometry:
        metrics = self.fontMetrics()
        key = (self._year, width, self._height_limit, self.font().toString())
        if self._geometry is None or self._geometry[0] != key:
            origin = grid_origin(metrics)
            cell = largest_cell(
                width,
                origin.x(),
                origin.y(),
                legend_height(metrics),
                self._height_limit,
            )
            geometry = GridGeometry(self._year, origin.x(), origin.y(), cell)
            self._geometry = (key, geometry)
        return self._geometry[1]

    def cell_rect(self, day: dt.date) -> QRect:
        """Where ``day``'s square is drawn; ValueError for another year's day."""
        return self.geometry_now().cell_rect(day)

    def day_at(self, pos: QPoint) -> dt.date | None:
        """The day under ``pos`` (gaps included), or None."""
        return self.geometry_now().day_at(pos)

    def month_label_rects(self) -> list[tuple[int, QRect]]:
        """Each month's number and where its name is written."""
        return self.geometry_now().month_label_rects(self.fontMetrics())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        cell = self._geometry_for(width).cell
        metrics = self.fontMetrics()
        return grid_height(grid_origin(metrics).y(), cell, legend_height(metrics))

    def sizeHint(self) -> QSize:
        return self._size_for(DEFAULT_CELL)

    def minimumSizeHint(self) -> QSize:
        return self._size_for(MIN_CELL)

    def _size_for(self, cell: int) -> QSize:
        metrics = self.fontMetrics()
        origin = grid_origin(metrics)
        return QSize(
            grid_width(origin.x(), cell, legend_width(metrics)),
            grid_height(origin.y(), cell, legend_height(metrics)),
        )

    # -- painting ------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        paint_year(self, QPainter(self))

    # -- focus and keys ------------------------------------------------------------

    def set_focus_day(self, day: dt.date) -> None:
        """Move the keyboard focus cell to ``day`` (in the year shown)."""
        if day.year == self._year and day != self._focus:
            self._focus = day
            self._describe_focus()
            self.update()
            self.focus_day_changed.emit(day)

    def _describe_focus(self) -> None:
        if self._focus is not None:
            lines = self._days.describe(self._focus)
            self.setAccessibleDescription(f"{lines[0]}: {', '.join(lines[1:])}")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        focus = self.focus_day()
        if not plain:
            super().keyPressEvent(event)
        elif key in _STEPS:
            self.set_focus_day(focus + dt.timedelta(days=_STEPS[key]))
        elif key == Qt.Key.Key_Home:
            self.set_focus_day(dt.date(self._year, 1, 1))
        elif key == Qt.Key.Key_End:
            self.set_focus_day(dt.date(self._year, 12, 31))
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.day_opened.emit(focus)
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            year = self._year + (1 if key == Qt.Key.Key_PageDown else -1)
            if EARLIEST_DATE.year <= year <= LATEST_DATE.year:
                self.set_year(year)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    # -- mouse and tooltips --------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            day = self.day_at(event.position().toPoint())
            if day is not None:
                self.set_focus_day(day)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and day is not None:
            self.set_focus_day(day)
            self.day_opened.emit(day)
            return
        super().mouseDoubleClickEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if day != self._hovered:
            self._hovered = day
            shape = (
                Qt.CursorShape.PointingHandCursor if day else Qt.CursorShape.ArrowCursor
            )
            self.setCursor(shape)
            # Once a tip is up, follow the pointer at once, not after a delay.
            if QToolTip.isVisible():
                self._show_tooltip(day, event.globalPosition().toPoint())
        super().mouseMoveEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self._show_tooltip(self.day_at(event.pos()), event.globalPos())
            return True
        return super().event(event)

    def _show_tooltip(self, day: dt.date | None, global_pos: QPoint) -> None:
        if day is None:
            QToolTip.hideText()
            return
        text = self.tooltip_text(day)
        QToolTip.showText(global_pos, text, self, self.cell_rect(day))


def _same_day_in(year: int, day: dt.date) -> dt.date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February, in a year that has none
        return day.replace(year=year, day=28)
