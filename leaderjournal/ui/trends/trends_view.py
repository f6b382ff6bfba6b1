"""Trends: which way the person leans over time, and in which contexts.

pyqtgraph is imported the first time the view is shown, not at start-up:
most evenings are spent writing, and the chart library is the heaviest
import of the app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from leaderjournal.domain.dimensions import DIMENSIONS, OVERALL
from leaderjournal.domain.scoring import ROLLING_DAYS
from leaderjournal.domain.trends import RANGE_NAMES, TrendData, range_start, trend
from leaderjournal.storage.journal import Journal
from leaderjournal.storage.targets import TargetError, check_write_target
from leaderjournal.ui.common.style import (
    DIMENSION_STYLES,
    MARGIN,
    SPACING,
    muted_text_color,
)
from leaderjournal.ui.dialogs.messages import Dialogs
from leaderjournal.ui.trends.context_table import CONTEXT_WIDTH, ContextTable
from leaderjournal.ui.trends.flow_layout import FlowLayout

if TYPE_CHECKING:  # pyqtgraph is imported when the chart is first shown
    from leaderjournal.ui.trends.chart_export import ExportChart
    from leaderjournal.ui.trends.trend_chart import TrendChart


def swatch(color: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class TrendsView(QWidget):
    """The lean chart, advice bars, dimension toggles and lean by context."""

    day_opened = Signal(object)

    def __init__(
        self,
        journal: Journal,
        dialogs: Dialogs,
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("trendsView")
        self._journal = journal
        self._dialogs = dialogs
        self._today = today
        self._range = "3m"
        self.chart: TrendChart | None = None  # made on first show
        self.data: TrendData | None = None

        ranges = self._build_ranges()
        self.save_button = QPushButton("Save Chart as &PNG\u2026", objectName="savePng")
        self.save_button.clicked.connect(self.choose_png)
        self.caption = QLabel(objectName="trendCaption")
        self.caption.setWordWrap(True)
        self.hover = QLabel(" ", objectName="trendHover")
        self.hover.setAccessibleName("Values under the pointer")
        # A long day title wraps instead of widening the window; two lines are
        # kept free so that the chart does not jump as the pointer moves.
        self.hover.setWordWrap(True)
        lines = self.hover.fontMetrics().lineSpacing() * 2
        self.hover.setMinimumHeight(lines + self.hover.margin() * 2)
        legend = self._build_legend()
        self.context_table = ContextTable(self)
        self._chart_box = QVBoxLayout()
        self._build_layout(ranges, legend)

    def _build_ranges(self) -> QHBoxLayout:
        self.range_buttons = QButtonGroup(self)
        self.range_buttons.setExclusive(True)
        ranges = QHBoxLayout()
        ranges.setSpacing(2)
        for key, name in RANGE_NAMES.items():
            button = QToolButton(self, objectName=f"range_{key}")
            button.setText(name)
            button.setCheckable(True)
            button.setChecked(key == self._range)
            button.setAccessibleName(f"Show {name.lower()}")
            button.clicked.connect(lambda _c=False, k=key: self.set_range(k))
            self.range_buttons.addButton(button)
            ranges.addWidget(button)
        return ranges

    def _build_legend(self) -> FlowLayout:
        self.toggles: dict[str, QCheckBox] = {}
        # The five names flow onto more rows in a narrow window.
        legend = FlowLayout(spacing=SPACING)
        legend.addWidget(QLabel("Dimensions:"))
        for dimension in DIMENSIONS:
            color, _pen = DIMENSION_STYLES[dimension.key]
            box = QCheckBox(dimension.name, objectName=f"toggle_{dimension.key}")
            box.setIcon(swatch(color))
            box.setToolTip(f"Show the rolling lean of {dimension.name}")
            box.toggled.connect(self._toggled)
            self.toggles[dimension.key] = box
            legend.addWidget(box)
        return legend

    def _build_layout(self, ranges: QHBoxLayout, legend: FlowLayout) -> None:
        top = QHBoxLayout()
        top.addLayout(ranges)
        top.addStretch(1)
        top.addWidget(self.save_button)
        chart_side = QWidget()
        chart_layout = QVBoxLayout(chart_side)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addLayout(self._chart_box, 1)
        chart_layout.addWidget(self.hover)
        chart_layout.addLayout(legend)
        context_side = QWidget()
        context_layout = QVBoxLayout(context_side)
        context_layout.setContentsMargins(0, 0, 0, 0)
        context_title = QLabel("<b>Lean by context</b> (tags, this range)")
        context_title.setWordWrap(True)
        context_layout.addWidget(context_title)
        context_layout.addWidget(self.context_table, 1)
        splitter = ChartSplitter()
        splitter.addWidget(chart_side)
        splitter.addWidget(context_side)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addLayout(top)
        # The explanation has a row of its own and wraps, so that it never
        # sets the window's width.
        layout.addWidget(self.caption)
        layout.addWidget(splitter, 1)

    # -- data ------------------------------------------------------------------

    def set_range(self, key: str) -> None:
        self._range = key
        for button in self.range_buttons.buttons():
            button.setChecked(button.objectName() == f"range_{key}")
        self.refresh()

    def compute(self) -> TrendData:
        """The series for the chosen range, from one query of per-day totals."""
        today = self._today()
        entries = self._journal.entries
        start = range_start(self._range, today, entries.first_date())
        end = max(today, start)
        days = entries.day_totals(start - dt.timedelta(days=ROLLING_DAYS - 1), end)
        return trend(days, start, end)

    def _first_title(self, day: dt.date) -> str:
        """The day's first entry by its title (or its first line, untitled),
        cut to fit a tooltip; "" for a day without words."""
        for entry in self._journal.entries.on_day(day):
            lines = (entry.title or entry.text).strip().splitlines()
            if lines:
                title = lines[0]
                return title if len(title) <= 60 else title[:59] + "\u2026"
        return ""

    def refresh(self) -> None:
        """Compute and draw; the chart library is loaded on the first call."""
        if self.chart is None:
            from leaderjournal.ui.trends.trend_chart import TrendChart

            self.chart = TrendChart(self)
            self.chart.point_clicked.connect(self.day_opened)
            self.chart.hovered.connect(self.hover.setText)
            self.chart.title_of = self._first_title
            self._chart_box.addWidget(self.chart)
        self.data = self.compute()
        targets = self._journal.reviews.targets()
        self.chart.draw(
            self.data,
            targets.get(OVERALL),
            self._palette_colors(),
            dimension_targets={k: v for k, v in targets.items() if k != OVERALL},
        )
        self._toggled()
        self.caption.setText(self.data.caption())
        self.context_table.show_totals(
            self._journal.entries.tag_totals(self.data.start, self.data.end)
        )

    def _palette_colors(self) -> dict[str, QColor]:
        # The application's palette: a theme switch reaches it at once, while
        # a widget's own copy follows only after the change event.
        palette = QApplication.palette()
        return {
            "background": palette.color(palette.ColorRole.Base),
            "text": palette.color(palette.ColorRole.Text),
            "muted": muted_text_color(palette),
        }

    def _toggled(self, *_args: object) -> None:
        if self.chart is None:
            return
        for key, box in self.toggles.items():
            self.chart.show_dimension(key, box.isChecked())

    # -- saving ----------------------------------------------------------------

    def choose_png(self) -> None:
        suggested = Path.home() / f"leaderjournal-trend-{self._today().isoformat()}.png"
        self._dialogs.choose_save_file(
            "Save chart as PNG", suggested, "PNG images (*.png)", self.save_png
        )

    def export_chart(self) -> ExportChart | None:
        """The chart as shown, drawn for a slide with a title and a key."""
        if self.data is None:
            return None
        from leaderjournal.ui.trends.chart_export import ChartPicture, ExportChart

        targets = self._journal.reviews.targets()
        picture = ChartPicture(
            data=self.data,
            range_name=RANGE_NAMES[self._range],
            colors=self._palette_colors(),
            target=targets.get(OVERALL),
            dimension_targets={k: v for k, v in targets.items() if k != OVERALL},
            shown=frozenset(k for k, box in self.toggles.items() if box.isChecked()),
        )
        return ExportChart(picture, self)

    def save_png(self, path: Path) -> None:
        if self.chart is None:
            return
        if path.suffix.lower() != ".png":
            path = path.with_suffix(".png")
        try:
            # The same rule as an export: never onto the journal's own files
            # (also through a link), never onto a device; written beside the
            # file and renamed over it only when complete.
            target = check_write_target(path, self._journal.data_dir)
        except TargetError as exc:
            self._dialogs.error("The chart was not saved", str(exc))
            return
        partial = target.with_name(f".{target.name}.part")
        chart = self.export_chart()
        saved = chart is not None and chart.image().save(str(partial), "PNG")
        if chart is not None:
            chart.deleteLater()
        if not saved:
            partial.unlink(missing_ok=True)
            self._dialogs.error(
                "The chart was not saved", f"{path} could not be written."
            )
            return
        partial.replace(target)
        self._dialogs.notify("Chart saved", f"The chart was saved as {path}.")


class ChartSplitter(QSplitter):
    """The chart beside the contexts table: about a quarter of the width goes
    to the table, within what reads well, until the person drags the divider.
    """

    def __init__(self) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.setChildrenCollapsible(False)
        self._chosen = False
        self.splitterMoved.connect(self._moved)

    def _moved(self, *_args: object) -> None:
        self._chosen = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._chosen and self.count() == 2:
            total = sum(self.sizes())
            table = min(max(total // 4, CONTEXT_WIDTH[0]), CONTEXT_WIDTH[1])
            self.setSizes([total - table, table])
