"""The review's bars mark each dimension's target."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.ui.review.review_view import ReviewView

TODAY = dt.date(2026, 12, 2)


@pytest.fixture
def bars(qtbot, journal, dialogs):
    journal.entries.save_many(
        [Entry.new(TODAY, ratings={"influence": -2, "mentor": 1, "growth": 2})]
    )
    journal.reviews.set_targets({"influence": 30, "overall": 10})
    view = ReviewView(journal, dialogs, lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(780, 490)
    view.show()
    view.refresh()
    widget = view.findChild(QWidget, "dimensionBars")
    qtbot.waitUntil(lambda: widget.width() > 400)
    return widget


def test_a_dimensions_target_is_marked_on_its_bar(bars):
    marker = bars.target_rect("influence")
    assert marker is not None
    left, width = bars.track()
    centre = left + width / 2
    # The band spans the target +/- 10 on the bar's scale (-100 .. +100).
    assert marker.left() == pytest.approx(centre + 20 / 100 * width / 2)
    assert marker.right() == pytest.approx(centre + 40 / 100 * width / 2)
    # On the influence row (the first), inside the widget.
    assert marker.top() < 30
    assert bars.rect().toRectF().contains(marker)
    assert bars.target_rect("mentor") is None


def test_the_target_is_said_in_the_tooltip_and_to_screen_readers(bars):
    assert "Power \u2194 Influence: -100.0 (last week not rated; target +30.0)" in (
        bars.toolTip()
    )
    assert "target +30.0" in bars.accessibleDescription()
    assert "Director \u2194 Mentor: +50.0 (last week not rated)" in bars.toolTip()


def test_the_legend_names_the_target_mark_below_the_bars(bars):
    assert bars.legend_rect("target").top() >= bars.legend_rect("managing").bottom()
    assert bars.rect().toRectF().contains(bars.legend_rect("target"))
    assert not bars.legend_rect("target").intersects(bars.legend_rect("last week"))
