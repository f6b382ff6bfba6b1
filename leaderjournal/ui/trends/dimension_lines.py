"""Each dimension on the trend chart: its rolling line, the segment to a
period still going on, and its target band, shown while it is ticked."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPen

from leaderjournal.domain.dimensions import dimension
from leaderjournal.domain.review import TARGET_BAND
from leaderjournal.domain.scoring import format_lean
from leaderjournal.ui.common.style import DIMENSION_STYLES

#: A pen of a colour and width (scaled to the chart's look), and a style.
PenMaker = Callable[..., QPen]
#: A line's points (x, y).
Points = tuple[list[float], list[float]]


class DimensionLines:
    """The dimensions' lines and bands on the lean plot, made as first needed."""

    def __init__(self, plot: pg.PlotItem, pen: PenMaker) -> None:
        self._plot = plot
        self._pen = pen
        self.lines: dict[str, pg.PlotDataItem] = {}
        self.partial_lines: dict[str, pg.PlotDataItem] = {}
        #: Each dimension's target band, shown with the dimension's line.
        self.bands: dict[str, pg.LinearRegionItem] = {}
        self._targets: dict[str, float] = {}
        self._shown: set[str] = set()

    def draw(self, key: str, whole: Points, last: Points) -> None:
        """Draw dimension ``key``'s line over its whole periods, and ``last``,
        the segment to an unfinished one."""
        item = self.lines.get(key)
        if item is None:
            item = self.lines[key] = pg.PlotDataItem(connect="finite")
            self.partial_lines[key] = pg.PlotDataItem()
            self._plot.addItem(item)
            self._plot.addItem(self.partial_lines[key])
        color, style = DIMENSION_STYLES[key]
        item.setData(*whole, pen=self._pen(color, 1.6, style=style))
        # A dimension's own dashes already tell it apart: its part-period
        # segment is drawn fainter instead.
        faint = QColor(color)
        faint.setAlpha(110)
        self.partial_lines[key].setData(*last, pen=self._pen(faint, 1.6, style=style))

    def draw_bands(self, targets: Mapping[str, float]) -> None:
        """A band of ±TARGET_BAND around each dimension's target."""
        self._targets = {k: v for k, v in targets.items() if k in DIMENSION_STYLES}
        for key, target in self._targets.items():
            band = self.bands.get(key)
            if band is None:
                band = pg.LinearRegionItem(orientation="horizontal", movable=False)
                band.setZValue(-9)
                self.bands[key] = band
                self._plot.addItem(band)
            color, _style = DIMENSION_STYLES[key]
            fill = QColor(color)
            fill.setAlpha(40)
            band.setBrush(pg.mkBrush(fill))
            edge = QColor(color)
            edge.setAlpha(160)
            for line in band.lines:
                line.setPen(self._pen(edge, 1, style=Qt.PenStyle.DotLine))
            band.setRegion((target - TARGET_BAND, target + TARGET_BAND))
            band.setToolTip(
                f"Target for {dimension(key).name}: "
                f"{format_lean(target)} \u00b1 {TARGET_BAND:g}"
            )
        self._show_bands()

    def show(self, key: str, shown: bool) -> None:
        """Show or hide a dimension's line, with its target band if it has one."""
        for items in (self.lines, self.partial_lines):
            item = items.get(key)
            if item is not None:
                item.setVisible(shown)
        if shown:
            self._shown.add(key)
        else:
            self._shown.discard(key)
        self._show_bands()

    def _show_bands(self) -> None:
        for key, band in self.bands.items():
            band.setVisible(key in self._targets and key in self._shown)
