"""The chart's date labels: never run together, and say which month it is."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from PySide6.QtGui import QImage, QPainter

from leaderjournal.domain.entry import Entry
from leaderjournal.ui.trends.trends_view import TrendsView

TODAY = dt.date(2026, 12, 2)
#: The least room between two labels, in pixels (a space is about 4 px).
SPACE = 4
MONTH = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")


@pytest.fixture
def view(qtbot, journal, dialogs):
    journal.entries.save_many(
        [
            Entry.new(TODAY - dt.timedelta(days=n), ratings={"influence": 1})
            for n in range(0, 1200, 4)
        ]
    )
    view = TrendsView(journal, dialogs, lambda: TODAY)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    return view


def drawn_labels(qtbot, view, width: int) -> list:
    """(rectangle, text) of each date label the lean plot's axis draws when
    the view is ``width`` pixels wide."""
    view.resize(width, 700)
    chart = view.chart
    qtbot.waitUntil(lambda: view.width() == width)
    qtbot.waitUntil(
        lambda: chart.view.ci.size().toSize() == chart.view.viewport().size()
    )
    axis = chart.lean_plot.getAxis("bottom")
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _axis, _ticks, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return sorted(
        ((rect, text) for rect, _flags, text in texts), key=lambda t: t[0].x()
    )


@pytest.mark.parametrize("range_key", ["4w", "3m", "1y", "all"])
@pytest.mark.parametrize("width", [420, 780, 1380, 1900])
def test_date_labels_never_overlap(qtbot, view, range_key, width):
    view.set_range(range_key)
    labels = drawn_labels(qtbot, view, width)

    # Two labels at least, except on the narrowest chart (about 150 px for a
    # year) where one label is all that can be read.
    assert len(labels) >= (1 if width < 600 else 2), labels
    for (left, left_text), (right, right_text) in itertools.pairwise(labels):
        # A space's width at least, or "29" and "Oct" read as "29Oct".
        assert right.left() - left.right() >= SPACE, (left_text, right_text)
    # The first label says which month (or year) the axis starts in.
    first = labels[0][1]
    assert MONTH.search(first) or re.fullmatch(r"\d{4}", first), first


@pytest.mark.parametrize("width", [780, 1380])
def test_the_four_week_range_names_the_month_where_it_changes(qtbot, view, width):
    view.set_range("4w")  # 5 Nov .. 2 Dec 2026
    texts = [text for _rect, text in drawn_labels(qtbot, view, width)]

    assert re.fullmatch(r"\d{1,2} Nov", texts[0]), texts
    day = int(texts[0].split()[0])
    for text in texts[1:]:
        number, *month = text.split()
        # A bare number continues the month named before; a new month is named.
        if int(number) > day:
            assert not month, texts
        else:
            assert month == ["Dec"], texts
        day = int(number)
