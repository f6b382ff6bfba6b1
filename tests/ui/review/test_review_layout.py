"""The weekly review at the sizes people use: nothing is cut at the side."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QScrollArea, QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.domain.review import WeekNotes
from leaderjournal.domain.scoring import iso_week_id
from leaderjournal.ui.review.review_view import ReviewView

TODAY = dt.date(2026, 12, 2)  # a Wednesday
LAST_WEEK = iso_week_id(TODAY - dt.timedelta(days=7))
#: What an 800x600 window leaves a view (menu, tab and status bars).
ROOM = QSize(780, 490)


def shown_review(qtbot, journal, dialogs, size: QSize) -> ReviewView:
    view = ReviewView(journal, dialogs, lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(size)
    view.show()
    qtbot.waitExposed(view)
    view.refresh()
    return view


def test_long_unbroken_words_wrap_inside_the_review(qtbot, journal, dialogs):
    # A pasted link or a word with no spaces cannot wrap at a space: it must
    # still break inside the page instead of running off its right side.
    journal.entries.save_many(
        [
            Entry.new(TODAY, title="x" * 300, ratings={"influence": -2}),
            Entry.new(
                TODAY,
                text="See https://wiki.example.com/" + "a" * 120,
                ratings={"mentor": 2},
            ),
        ]
    )
    journal.reviews.save_notes(WeekNotes(LAST_WEEK, "", "Ask" + "k" * 250))
    view = shown_review(qtbot, journal, dialogs, ROOM)
    scroll = view.findChild(QScrollArea)
    body = scroll.widget()
    room = scroll.viewport().width()

    assert view.minimumSizeHint().width() <= ROOM.width()
    qtbot.waitUntil(lambda: body.width() == room)
    assert body.minimumSizeHint().width() <= room
    for widget in body.findChildren(QWidget):
        if not widget.isVisible():
            continue
        where = QRect(widget.mapTo(body, widget.rect().topLeft()), widget.size())
        assert where.right() < room, (widget.objectName(), where, room)
        assert widget.minimumSizeHint().width() <= room, (
            widget.objectName(),
            widget.minimumSizeHint(),
        )
