"""A saved chart reads on a slide: 1600x900, a title, its range and a key."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.ui.trends.trends_view import TrendsView

TODAY = dt.date(2026, 12, 2)


@pytest.fixture
def view(qtbot, journal, dialogs):
    journal.entries.save_many(
        [
            Entry.new(
                TODAY - dt.timedelta(days=n),
                ratings={"influence": (n % 5) - 2, "mentor": 1},
                advice_requests=n % 3,
            )
            for n in range(0, 120, 2)
        ]
    )
    journal.reviews.set_targets({"overall": 20, "influence": 30})
    view = TrendsView(journal, dialogs, lambda: TODAY)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    return view


def legend_names(chart) -> list[str]:
    return [label.text for _sample, label in chart.legend.items]


def test_the_saved_png_is_slide_sized(qtbot, tmp_path, view, dialogs):
    dialogs.save_path = tmp_path / "lean"
    qtbot.mouseClick(view.findChild(QWidget, "savePng"), Qt.MouseButton.LeftButton)

    image = QImage(str(tmp_path / "lean.png"))
    assert not image.isNull()
    assert image.size() == QSize(1600, 900)
    assert dialogs.shown[-1][:2] == ("notice", "Chart saved")


def test_the_saved_chart_has_a_title_the_range_and_a_key(view):
    view.findChild(QWidget, "toggle_influence").click()
    chart = view.export_chart()

    # 3 months: the 91 days 3 Sep .. 2 Dec 2026.
    assert chart.title.text == "LeaderJournal \u2014 lean, 3 Sep \u2013 2 Dec 2026"
    assert chart.subtitle.text.startswith("3 months: one dot per day")
    assert legend_names(chart) == [
        "Leaning leading",
        "Leaning managing",
        "7-day rolling lean",
        "Target +20.0 \u00b1 10",
        "Power \u2194 Influence",
        "Power \u2194 Influence target +30.0 \u00b1 10",
        "Advice requests per week (the fainter last: this week so far)",
    ]


def test_the_key_names_only_what_is_drawn(view):
    view.set_range("1y")
    chart = view.export_chart()
    names = legend_names(chart)
    assert "Power \u2194 Influence" not in names  # its line is not shown
    assert not any("Power \u2194 Influence target" in n for n in names)
    assert "This week so far (hollow dot, dashed line)" in names
    assert chart.subtitle.text.startswith("1 year: one dot per week")


def test_the_saved_charts_text_reads_on_a_slide(view):
    chart = view.export_chart()
    texts = [chart.title, chart.subtitle] + [label for _s, label in chart.legend.items]
    for label in texts:
        assert label.item.boundingRect().height() >= 20, label.text
    for plot in (chart.lean_plot, chart.advice_plot):
        for side in ("left", "bottom"):
            assert plot.getAxis(side).style["tickFont"].pixelSize() >= 20
