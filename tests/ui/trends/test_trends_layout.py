"""The trends view at the sizes people use: all of it fits an 800x600 window."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.ui.trends.trends_view import TrendsView

TODAY = dt.date(2026, 12, 2)  # a Wednesday
#: What an 800x600 window leaves a view: its menu, tab and status bars take
#: about 110 px of the height, the tab frame a few pixels of the width.
ROOM = QSize(780, 490)


def seed(journal) -> None:
    journal.entries.save_many(
        [
            Entry.new(
                TODAY - dt.timedelta(days=n),
                title=f"Day {n}",
                ratings={"influence": (n % 5) - 2, "mentor": 1},
                tags=("one-to-one", "quarterly planning"),
                advice_requests=n % 3,
            )
            for n in range(0, 90, 3)
        ]
    )


def shown_view(qtbot, journal, dialogs, size: QSize) -> TrendsView:
    view = TrendsView(journal, dialogs, lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(size)
    view.show()
    qtbot.waitExposed(view)
    view.refresh()  # makes the chart, shown once the event loop runs
    qtbot.waitUntil(lambda: view.findChild(QWidget, "trendChart").isVisible())
    qtbot.waitUntil(lambda: view.size() == size.expandedTo(view.minimumSizeHint()))
    return view


def rect_in_view(view: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(view, widget.rect().topLeft()), widget.size())


def assert_all_inside(view: QWidget, names: list[str]) -> None:
    for name in names:
        widget = view.findChild(QWidget, name)
        assert widget.isVisible(), name
        assert view.rect().contains(rect_in_view(view, widget)), (
            name,
            rect_in_view(view, widget),
            view.rect(),
        )


def test_the_trends_view_fits_an_800_by_600_window(qtbot, journal, dialogs):
    seed(journal)
    view = shown_view(qtbot, journal, dialogs, ROOM)

    hint = view.minimumSizeHint()
    assert hint.width() <= ROOM.width(), hint
    assert hint.height() <= ROOM.height(), hint
    assert view.size() == ROOM
    names = [
        "range_4w",
        "range_3m",
        "range_1y",
        "range_all",
        "savePng",
        "trendCaption",
        "trendChart",
        "contextTable",
        *(f"toggle_{key}" for key in view.toggles),
    ]
    assert_all_inside(view, names)
    # The explanation is shown whole: as high as its wrapped lines need.
    caption = view.findChild(QWidget, "trendCaption")
    assert caption.height() >= caption.heightForWidth(caption.width())
    # The dimension checkboxes do not overlap each other.
    boxes = [rect_in_view(view, box) for box in view.toggles.values()]
    for i, box in enumerate(boxes):
        for other in boxes[i + 1 :]:
            assert not box.intersects(other), (box, other)
    # The chart keeps room to be read.
    chart = view.findChild(QWidget, "trendChart")
    assert chart.width() >= 400, chart.size()
    assert chart.height() >= 200, chart.size()


def test_the_legend_keeps_one_row_in_a_wide_window(qtbot, journal, dialogs):
    seed(journal)
    view = shown_view(qtbot, journal, dialogs, QSize(1380, 790))
    rows = {rect_in_view(view, box).center().y() for box in view.toggles.values()}
    assert len(rows) == 1


def test_a_long_hover_text_wraps_and_does_not_widen_the_view(qtbot, journal, dialogs):
    seed(journal)
    view = shown_view(qtbot, journal, dialogs, ROOM)
    hover = view.findChild(QWidget, "trendHover")
    long_text = (
        "Wed 02 Dec 2026: lean +100.0 \u00b7 7-day lean +23.5 \u00b7 "
        "\u201c" + "A very long title of the first entry of that day " * 2 + "\u201d"
    )

    view.chart.hovered.emit(long_text)
    qtbot.wait(1)

    assert view.minimumSizeHint().width() <= ROOM.width()
    assert view.width() == ROOM.width()
    assert view.rect().contains(rect_in_view(view, hover))
    assert hover.height() >= hover.heightForWidth(hover.width())
