"""The pyqtgraph chart of the trends view (imported only when first shown).

Two plots share the time axis: the lean (points, rolling line, per-dimension
lines, zero line, target band) above, advice requests as bars below.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPen
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from leaderjournal.domain.review import TARGET_BAND
from leaderjournal.domain.scoring import LEAN_MEANING, format_lean
from leaderjournal.domain.trends import Series, TrendData, period_start
from leaderjournal.ui.common.style import pole_color
from leaderjournal.ui.trends.date_axis import DAY_SECONDS, DateAxis, seconds
from leaderjournal.ui.trends.dimension_lines import DimensionLines


def _finite(values: tuple[float | None, ...]) -> list[float]:
    return [math.nan if v is None else v for v in values]


def _split_partial(
    series: Series, partial: bool
) -> tuple[tuple[list[float], list[float]], tuple[list[float], list[float]]]:
    """A line's whole periods, and the segment to a last, unfinished one."""
    xs = [seconds(d) for d in series.x]
    ys = _finite(series.y)
    if not partial or not xs:
        return (xs, ys), ([], [])
    segment = xs[-2:], ys[-2:]
    if len(xs) < 2 or any(math.isnan(y) for y in segment[1]):
        segment = [], []
    return (xs[:-1], ys[:-1]), segment


@dataclass(frozen=True)
class ChartLook:
    """How big the chart's text, lines and dots are drawn."""

    #: Text size in pixels; None for the application's font (on screen).
    font_px: int | None = None
    #: Line widths and dot sizes are multiplied by this.
    weight: float = 1.0
    #: Rows of the layout left free above the plots (a saved chart's title).
    first_row: int = 0


class TrendChart(QWidget):
    """Draws a TrendData; says which point was clicked and what is hovered."""

    point_clicked = Signal(object)  # datetime.date
    hovered = Signal(str)

    def __init__(
        self, parent: QWidget | None = None, look: ChartLook = ChartLook()
    ) -> None:
        super().__init__(parent)
        pg.setConfigOptions(antialias=True)
        self.look = look
        self.view = pg.GraphicsLayoutWidget()
        self.view.setObjectName("trendChart")
        self.view.setAccessibleName("Lean over time chart")
        row = look.first_row
        self.lean_plot = self.view.addPlot(
            row=row, col=0, axisItems={"bottom": DateAxis()}
        )
        self.advice_plot = self.view.addPlot(
            row=row + 1, col=0, axisItems={"bottom": DateAxis()}
        )
        self.view.ci.layout.setRowStretchFactor(row, 3)
        self.view.ci.layout.setRowStretchFactor(row + 1, 1)
        self.advice_plot.setXLink(self.lean_plot)
        # What the lean axis means, on hovering its title (also Help, F1).
        self.lean_plot.getAxis("left").setToolTip(LEAN_MEANING)
        for plot in (self.lean_plot, self.advice_plot):
            plot.setMouseEnabled(x=True, y=False)
            plot.showGrid(x=False, y=True, alpha=0.15)
        self._set_fonts(look)
        self.lean_plot.setYRange(-100, 100, padding=0.05)
        self.lean_plot.setLimits(yMin=-110, yMax=110)

        self.band = pg.LinearRegionItem(orientation="horizontal", movable=False)
        self.band.setZValue(-10)
        self.zero = pg.InfiniteLine(pos=0, angle=0)
        self.line = pg.PlotDataItem(connect="finite")
        # The last segment, dashed, when it leads to a week or month that is
        # still going on (a part of a period is not a whole one).
        self.partial_line = pg.PlotDataItem()
        # The tooltip of a hovered dot is the app's own description of it,
        # not pyqtgraph's raw "x: 1.79e+09 / y: 100 / data=...".
        self.scatter = pg.ScatterPlotItem(
            size=8 * look.weight, hoverable=True, tip=self._tip
        )
        self.scatter.sigClicked.connect(self._clicked)
        self.dimensions = DimensionLines(self.lean_plot, self._pen)
        self.bars = pg.BarGraphItem(x=[], height=[], width=1)
        for item in (self.band, self.zero, self.line, self.partial_line, self.scatter):
            self.lean_plot.addItem(item)
        self.advice_plot.addItem(self.bars)
        self.lean_plot.scene().sigMouseMoved.connect(self._moved)

        self._dates: list[float] = []
        self._data: TrendData | None = None
        #: The title of a day's first entry ("" for none), for the hover text.
        self.title_of: Callable[[dt.date], str] = lambda _day: ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def _set_fonts(self, look: ChartLook) -> None:
        label_style = {}
        if look.font_px is not None:
            font = QFont(QApplication.font())
            font.setPixelSize(look.font_px)
            label_style = {"font-size": f"{look.font_px}px"}
            for plot in (self.lean_plot, self.advice_plot):
                for side in ("left", "bottom"):
                    plot.getAxis(side).setTickFont(font)
                # pyqtgraph grows an axis to its labels only after a first
                # paint, and leaves out labels that do not fit until then: a
                # chart drawn once (a saved picture) gets the room at once.
                metrics = QFontMetricsF(font)
                plot.getAxis("bottom").setHeight(round(metrics.height() * 1.2 + 12))
        self.lean_plot.setLabel(
            "left", "Lean  (managing \u2212 / + leading)", **label_style
        )
        self.advice_plot.setLabel("left", "Advice", **label_style)

    def _pen(self, color: QColor | str, width: float, **style: object) -> QPen:
        return pg.mkPen(color, width=width * self.look.weight, **style)

    def draw(
        self,
        data: TrendData,
        target: float | None,
        colors: dict[str, QColor],
        dimension_targets: Mapping[str, float] | None = None,
    ) -> None:
        """Show ``data``; ``target`` (a lean) is drawn as a band of ±10, and
        so is each of ``dimension_targets`` (by key) while its line is shown."""
        self._data = data
        self.view.setBackground(colors["background"])
        muted = colors["muted"]
        for plot in (self.lean_plot, self.advice_plot):
            for side in ("left", "bottom"):
                plot.getAxis(side).setPen(muted)
                plot.getAxis(side).setTextPen(colors["text"])
        self.zero.setPen(self._pen(muted, 1, style=Qt.PenStyle.DashLine))
        self._draw_points(data, colors)
        self._draw_lines(data, colors)
        self._draw_band(target, colors)
        self.dimensions.draw_bands(dimension_targets or {})
        bars = QColor(muted)
        bars.setAlpha(150)
        self._draw_advice(data, bars)
        # A range of weeks or months shows its first period whole.
        first = (
            data.start
            if data.granularity == "day"
            else period_start(data.start, data.granularity)
        )
        self.lean_plot.setXRange(
            seconds(first) - DAY_SECONDS / 2,
            seconds(data.end) + DAY_SECONDS / 2,
            padding=0.01,
        )

    def _draw_points(self, data: TrendData, colors: dict[str, QColor]) -> None:
        xs = [seconds(d) for d in data.points.x]
        ys = list(data.points.y)
        self._dates = xs
        brushes = [pg.mkBrush(pole_color((y or 0) / 50)) for y in ys]
        pens = [self._pen(colors["background"], 1) for _ in ys]
        if data.partial and ys:
            # Hollow: ringed in its lean's colour, filled with the background.
            pens[-1] = self._pen(pole_color((ys[-1] or 0) / 50), 2)
            brushes[-1] = pg.mkBrush(colors["background"])
        self.scatter.setData(
            x=xs, y=ys, data=list(data.points.x), brush=brushes, pen=pens
        )

    def _draw_lines(self, data: TrendData, colors: dict[str, QColor]) -> None:
        whole, last = _split_partial(data.line, data.partial)
        self.line.setData(*whole, pen=self._pen(colors["text"], 2))
        dashed = self._pen(colors["text"], 2, style=Qt.PenStyle.DashLine)
        self.partial_line.setData(*last, pen=dashed)
        self.partial_line.setVisible(bool(last[0]))
        for key, series in data.dimensions.items():
            self.dimensions.draw(key, *_split_partial(series, data.partial))

    def _draw_band(self, target: float | None, colors: dict[str, QColor]) -> None:
        if target is None:
            self.band.hide()
            return
        fill = QColor(colors["text"])
        fill.setAlpha(28)
        self.band.setBrush(pg.mkBrush(fill))
        for line in self.band.lines:
            line.setPen(self._pen(colors["muted"], 1, style=Qt.PenStyle.DotLine))
        self.band.setRegion((target - TARGET_BAND, target + TARGET_BAND))
        self.band.show()

    def _draw_advice(self, data: TrendData, muted: QColor) -> None:
        days = 30 if data.advice_period == "month" else 7
        width = days * DAY_SECONDS * 0.8
        centres = [seconds(d) + (days - 1) * DAY_SECONDS / 2 for d in data.advice.x]
        brushes = [pg.mkBrush(muted) for _ in centres]
        if data.advice_partial and brushes:
            lighter = QColor(muted)
            lighter.setAlpha(muted.alpha() // 2)
            brushes[-1] = pg.mkBrush(lighter)
        self.bars.setOpts(
            x=centres,
            height=list(data.advice.y),
            width=width,
            brushes=brushes,
            pen=None,
        )
        top = max((y or 0 for y in data.advice.y), default=0)
        self.advice_plot.setYRange(0, max(top, 1), padding=0.1)

    def show_dimension(self, key: str, shown: bool) -> None:
        """Show or hide a dimension's line, with its target band if it has one."""
        self.dimensions.show(key, shown)

    # -- pointer ---------------------------------------------------------------

    def point_position(self, index: int) -> QPoint:
        """Where the ``index``-th point is, in the chart view's coordinates."""
        scene = self.lean_plot.vb.mapViewToScene(
            QPointF(self._dates[index], self.scatter.data[index]["y"])
        )
        return self.view.mapFromScene(scene)

    def _clicked(self, _item, points, _event=None) -> None:
        if len(points):
            self.point_clicked.emit(points[0].data())

    def _moved(self, scene_pos: QPointF) -> None:
        if self._data is None or not self._dates:
            return
        if not self.lean_plot.sceneBoundingRect().contains(scene_pos):
            return
        x = self.lean_plot.vb.mapSceneToView(scene_pos).x()
        self.hovered.emit(self.describe_near(x))

    def describe_near(self, x: float) -> str:
        """The values of the point nearest to time ``x``, in words."""
        data = self._data
        if data is None or not self._dates:
            return ""
        i = bisect.bisect_left(self._dates, x)
        candidates = [j for j in (i - 1, i) if 0 <= j < len(self._dates)]
        j = min(candidates, key=lambda k: abs(self._dates[k] - x))
        day = data.points.x[j]
        value = data.points.y[j]
        period = {"day": "", "week": "week of ", "month": ""}[data.granularity]
        when = f"{day:%B %Y}" if data.granularity == "month" else f"{day:%a %d %b %Y}"
        if data.partial and j == len(self._dates) - 1:
            when += f" ({data.partial_words})"
        text = f"{period}{when}: lean {format_lean(value)}"
        if data.granularity == "day":
            if day in data.line.x:
                rolling = data.line.y[data.line.x.index(day)]
                text += f" \u00b7 7-day lean {format_lean(rolling)}"
            title = self.title_of(day)
            if title:
                text += f" \u00b7 \u201c{title}\u201d"
        return text

    def _tip(self, x: float, y: float, data: object) -> str:
        return self.describe_near(x)
