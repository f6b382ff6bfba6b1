"""The trend chart as a picture for a slide: 1600x900, with a title that
says what and when, and a key of everything drawn.

The on-screen chart is sized for a window and explained by the widgets
around it (the caption, the legend checkboxes); a saved PNG has none of
those, so it is drawn afresh with large text and says it all itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QWidget

from leaderjournal.domain.dimensions import DIMENSIONS
from leaderjournal.domain.review import TARGET_BAND
from leaderjournal.domain.scoring import format_lean
from leaderjournal.domain.trends import TrendData, span_words
from leaderjournal.ui.common.style import DIMENSION_STYLES, LEADING, MANAGING
from leaderjournal.ui.trends.trend_chart import ChartLook, TrendChart

#: The picture's size: 16:9, sharp on a projector.
EXPORT_SIZE = QSize(1600, 900)
#: Text on a slide: the key and the axes, and the title.
TEXT_PX = 22
TITLE_PX = 34


@dataclass
class ChartPicture:
    """What to draw: the data and the choices made on screen."""

    data: TrendData
    range_name: str
    colors: dict[str, QColor]
    target: float | None = None
    dimension_targets: Mapping[str, float] = field(default_factory=dict)
    shown: frozenset[str] = frozenset()


class ExportChart(TrendChart):
    """A TrendChart with a title, a subtitle and a key, at slide size."""

    def __init__(self, picture: ChartPicture, parent: QWidget) -> None:
        # Owned by a parent: pyqtgraph's items must not be left to Python's
        # garbage collector, which may take them apart in any order. A window
        # of its own that is laid out but never put on the screen.
        super().__init__(parent, ChartLook(font_px=TEXT_PX, weight=2.0, first_row=2))
        self.setWindowFlag(Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        self.view.setObjectName("savedChart")
        colors = picture.colors
        self.draw(picture.data, picture.target, colors, dict(picture.dimension_targets))
        for dimension in DIMENSIONS:
            self.show_dimension(dimension.key, dimension.key in picture.shown)
        data = picture.data
        layout = self.view.ci
        self.title = layout.addLabel(
            f"LeaderJournal \u2014 lean, {span_words(data.start, data.end)}",
            row=0,
            col=0,
            size=f"{TITLE_PX}px",
            bold=True,
            color=colors["text"],
        )
        self.subtitle = layout.addLabel(
            subtitle(picture), row=1, col=0, size=f"{TEXT_PX}px", color=colors["muted"]
        )
        self.legend = pg.LegendItem(
            colCount=3, labelTextSize=f"{TEXT_PX}px", labelTextColor=colors["text"]
        )
        for sample, name in key_entries(picture):
            self.legend.addItem(sample, name)
        layout.addItem(self.legend, row=4, col=0)
        self.resize(EXPORT_SIZE)
        self.show()  # lays it out (WA_DontShowOnScreen: nothing appears)

    def image(self) -> QImage:
        """The chart drawn at EXPORT_SIZE."""
        image = QImage(EXPORT_SIZE, QImage.Format.Format_ARGB32)
        image.fill(self.view.backgroundBrush().color())
        painter = QPainter(image)
        try:
            self.view.render(painter)
        finally:
            painter.end()
        return image


def subtitle(picture: ChartPicture) -> str:
    """The range and what a dot is: "3 months: one dot per day"."""
    data = picture.data
    words = f"{picture.range_name}: one dot per {data.granularity}"
    if data.granularity != "day":
        words += ", all its ratings pooled"
    if data.partial:
        words += f"; the hollow last dot is {data.partial_words}"
    return words


def key_entries(picture: ChartPicture) -> list[tuple[object, str]]:
    """A sample and a name for everything drawn, in the order of the chart."""
    data, colors = picture.data, picture.colors
    dot = 16

    def band(color: QColor | str, alpha: int) -> pg.BarGraphItem:
        fill = QColor(color)
        fill.setAlpha(alpha)
        return pg.BarGraphItem(x=[], height=[], width=1, brush=fill, pen=None)

    entries: list[tuple[object, str]] = [
        (pg.ScatterPlotItem(size=dot, brush=LEADING, pen=None), "Leaning leading"),
        (pg.ScatterPlotItem(size=dot, brush=MANAGING, pen=None), "Leaning managing"),
    ]
    if data.granularity == "day":
        line = pg.PlotDataItem(pen=pg.mkPen(colors["text"], width=4))
        entries.append((line, "7-day rolling lean"))
    if data.partial:
        dashed = pg.mkPen(colors["text"], width=4, style=Qt.PenStyle.DashLine)
        entries.append(
            (
                pg.PlotDataItem(pen=dashed),
                f"{data.partial_words.capitalize()} (hollow dot, dashed line)",
            )
        )
    if picture.target is not None:
        entries.append(
            (
                band(colors["text"], 60),
                f"Target {format_lean(picture.target)} \u00b1 {TARGET_BAND:g}",
            )
        )
    for dimension in DIMENSIONS:
        if dimension.key not in picture.shown:
            continue
        color, style = DIMENSION_STYLES[dimension.key]
        pen = pg.mkPen(color, width=4, style=style)
        entries.append((pg.PlotDataItem(pen=pen), dimension.name))
        target = picture.dimension_targets.get(dimension.key)
        if target is not None:
            entries.append(
                (
                    band(color, 80),
                    f"{dimension.name} target {format_lean(target)} "
                    f"\u00b1 {TARGET_BAND:g}",
                )
            )
    advice = f"Advice requests per {data.advice_period}"
    if data.advice_partial:
        advice += f" (the fainter last: this {data.advice_period} so far)"
    entries.append((band(colors["muted"], 150), advice))
    return entries
