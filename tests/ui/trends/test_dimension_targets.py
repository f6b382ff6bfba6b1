"""A dimension's target is drawn with its line, in its colour."""

from __future__ import annotations

import datetime as dt

import pyqtgraph as pg
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.ui.common.style import DIMENSION_STYLES
from leaderjournal.ui.trends.trends_view import TrendsView

TODAY = dt.date(2026, 12, 2)


def target_bands(view) -> dict[tuple[float, float], pg.LinearRegionItem]:
    """The horizontal bands on the lean plot, by the leans they span."""
    return {
        tuple(item.getRegion()): item
        for item in view.chart.lean_plot.items
        if isinstance(item, pg.LinearRegionItem)
    }


def test_a_dimensions_target_band_is_shown_with_its_line(qtbot, journal, dialogs):
    journal.entries.save_many(
        [
            Entry.new(
                TODAY - dt.timedelta(days=n), ratings={"influence": 1, "mentor": -1}
            )
            for n in range(20)
        ]
    )
    journal.reviews.set_targets({"influence": 30, "overall": 0})
    view = TrendsView(journal, dialogs, lambda: TODAY)
    qtbot.addWidget(view)
    view.show()
    view.refresh()

    bands = target_bands(view)
    assert set(bands) == {(-10.0, 10.0), (20.0, 40.0)}  # overall, influence
    influence = bands[(20.0, 40.0)]
    assert not influence.isVisible()  # the influence line is not shown yet

    view.findChild(QWidget, "toggle_influence").click()
    assert view.chart.dimensions.lines["influence"].isVisible()
    assert influence.isVisible()
    # In the dimension's colour, lighter than its line.
    fill = influence.brush.color()
    line_colour = QColor(DIMENSION_STYLES["influence"][0])
    assert fill.rgb() == line_colour.rgb()
    assert fill.alpha() < 100
    assert "Power" in influence.toolTip()
    assert "+30" in influence.toolTip()

    view.findChild(QWidget, "toggle_influence").click()
    assert not influence.isVisible()


def test_a_cleared_target_is_no_longer_drawn(qtbot, journal, dialogs):
    journal.entries.save(Entry.new(TODAY, ratings={"mentor": 2}))
    journal.reviews.set_targets({"mentor": -20})
    view = TrendsView(journal, dialogs, lambda: TODAY)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    view.findChild(QWidget, "toggle_mentor").click()
    assert target_bands(view)[(-30.0, -10.0)].isVisible()

    journal.reviews.set_targets({"mentor": None})
    view.refresh()

    visible = [r for r, band in target_bands(view).items() if band.isVisible()]
    assert visible == []
