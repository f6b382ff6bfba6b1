"""The week or month still going on is drawn as a part, not as a whole one."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.ui.trends.trends_view import TrendsView

TODAY = dt.date(2026, 12, 2)  # a Wednesday
MONDAY = dt.date(2026, 11, 30)


@pytest.fixture
def view(qtbot, journal, dialogs):
    # Whole weeks lean +50; this week so far has one day at -66.7, which
    # drawn like a whole week looks like a collapse.
    journal.entries.save_many(
        [
            *(
                Entry.new(TODAY - dt.timedelta(days=n), ratings={"influence": 1})
                for n in range(9, 1200, 3)
            ),
            Entry.new(
                TODAY,
                ratings={"influence": -2, "mentor": -1, "growth": -1},
                advice_requests=1,
            ),
        ]
    )
    view = TrendsView(journal, dialogs, lambda: TODAY)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    return view


def test_this_week_so_far_is_hollow_dashed_and_said(view):
    from leaderjournal.ui.trends.trend_chart import seconds

    view.set_range("1y")
    chart = view.chart
    assert view.data.granularity == "week"

    caption = view.findChild(QWidget, "trendCaption").text()
    assert "this week so far" in caption
    # The last dot is hollow: filled with the chart's background, ringed in
    # its lean's colour; the whole weeks before it are filled.
    spots = chart.scatter.points()
    background = QApplication.palette().color(QApplication.palette().ColorRole.Base)
    assert spots[-1].pos().x() == seconds(MONDAY)
    assert spots[-1].brush().color() == background
    assert all(spot.brush().color() != background for spot in spots[:-1])
    # The line reaches it with a dashed segment; the solid line stops before.
    assert chart.partial_line in chart.lean_plot.items
    assert chart.partial_line.isVisible()
    assert chart.partial_line.opts["pen"].style() == Qt.PenStyle.DashLine
    xs, ys = chart.partial_line.getData()
    assert list(xs) == [seconds(MONDAY - dt.timedelta(days=7)), seconds(MONDAY)]
    assert ys[-1] == pytest.approx(-200 / 3)
    assert max(chart.line.getData()[0]) < seconds(MONDAY)
    # Hovering it says so.
    assert "this week so far" in chart.describe_near(seconds(MONDAY))
    assert "so far" not in chart.describe_near(seconds(MONDAY) - 7 * 86_400)


def test_this_month_so_far_over_all_the_years(view):
    from leaderjournal.ui.trends.trend_chart import seconds

    view.set_range("all")
    assert view.data.granularity == "month"
    first_of_month = dt.date(2026, 12, 1)

    assert "this month so far" in view.findChild(QWidget, "trendCaption").text()
    assert view.chart.scatter.points()[-1].pos().x() == seconds(first_of_month)
    assert "this month so far" in view.chart.describe_near(seconds(first_of_month))
    assert view.chart.partial_line.isVisible()


def test_a_range_of_days_has_no_partial_dot(view):
    view.set_range("3m")
    assert view.data.granularity == "day"
    assert not view.chart.partial_line.isVisible()
    background = QApplication.palette().color(QApplication.palette().ColorRole.Base)
    assert all(s.brush().color() != background for s in view.chart.scatter.points())


def test_the_first_week_is_shown_whole_not_cut_at_the_edge(qtbot, journal, dialogs):
    first_day = dt.date(2026, 5, 17)  # a Sunday: its week began on the 11th
    journal.entries.save_many(
        [
            Entry.new(first_day + dt.timedelta(days=n), ratings={"influence": 1})
            for n in range(0, 200, 2)
        ]
    )
    view = TrendsView(journal, dialogs, lambda: TODAY)
    qtbot.addWidget(view)
    view.show()
    view.set_range("all")
    assert view.data.granularity == "week"
    assert view.data.points.x[0] == dt.date(2026, 5, 11)

    (left, _right), _y = view.chart.lean_plot.vb.viewRange()
    first_dot = view.chart.scatter.points()[0].pos().x()
    assert left <= first_dot - 86_400 / 2  # as much room as a day's dot has
