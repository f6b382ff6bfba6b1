"""Arabic or Hebrew words in the review read from the right, English from the left."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel, QStyle, QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.domain.review import WeekNotes
from leaderjournal.domain.scoring import iso_week_id
from leaderjournal.ui.review.review_view import ReviewView

TODAY = dt.date(2026, 12, 2)
ARABIC = "قررت أن أستمع أولاً ثم أترك الفريق يختار الطريقة."
ENGLISH = "Set the indicators and split the work myself."


def shown_review(qtbot, journal, dialogs) -> ReviewView:
    view = ReviewView(journal, dialogs, lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(780, 900)
    view.show()
    qtbot.waitExposed(view)
    view.refresh()
    return view


def visual_side(widget: QWidget, alignment: Qt.AlignmentFlag) -> Qt.AlignmentFlag:
    """Left or right: where the text starts on screen."""
    side = QStyle.visualAlignment(widget.layoutDirection(), alignment)
    return side & (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignRight)


def x_of(label: QLabel, index: int) -> float:
    """Where the ``index``-th character of the label's text is drawn (the
    middle of its glyph), laid out in the label's direction."""
    layout = QTextLayout(label.text(), label.font())
    option = QTextOption()
    option.setTextDirection(label.layoutDirection())
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(10_000)
    layout.endLayout()
    (run,) = layout.glyphRuns(index, 1)
    return run.boundingRect().center().x()


@pytest.fixture
def view(qtbot, journal, dialogs):
    journal.entries.save_many(
        [
            Entry.new(TODAY, text=ARABIC, ratings={"mentor": 2}),
            Entry.new(TODAY, text=ENGLISH, ratings={"influence": -2}),
        ]
    )
    return shown_review(qtbot, journal, dialogs)


def test_an_arabic_quote_reads_from_the_right(view):
    quote = view.findChild(QLabel, "mostLeadingQuote")
    assert ARABIC in quote.text()
    assert quote.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert visual_side(quote, quote.alignment()) == Qt.AlignmentFlag.AlignRight
    # The full stop and the closing quote mark end the sentence on the left.
    text = quote.text()
    assert x_of(quote, text.index(".")) < x_of(quote, text.index(ARABIC[0]))
    assert x_of(quote, len(text) - 1) < x_of(quote, 0)


def test_an_english_quote_reads_from_the_left(view):
    quote = view.findChild(QLabel, "mostManagingQuote")
    assert quote.text() == f"\u201c{ENGLISH}\u201d"
    assert quote.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert visual_side(quote, quote.alignment()) == Qt.AlignmentFlag.AlignLeft


def test_clicking_a_quote_opens_its_entry(qtbot, view):
    opened = []
    view.entry_opened.connect(lambda entry_id, day: opened.append(day))
    quote = view.findChild(QLabel, "mostLeadingQuote")
    assert quote is not None
    qtbot.mouseClick(quote, Qt.MouseButton.LeftButton)
    assert opened == [TODAY]


def test_the_notes_take_the_direction_of_each_paragraph(qtbot, journal, dialogs):
    last_week = iso_week_id(TODAY - dt.timedelta(days=7))
    journal.reviews.save_notes(WeekNotes(last_week, "", ARABIC))
    journal.reviews.save_notes(
        WeekNotes(iso_week_id(TODAY), f"{ARABIC}\n{ENGLISH}", ARABIC)
    )
    view = shown_review(qtbot, journal, dialogs)

    reflection = view.findChild(QWidget, "reflectionEdit")
    width = reflection.viewport().width()
    arabic, english = reflection.document().firstBlock(), None
    english = arabic.next()
    arabic_line = arabic.layout().lineAt(0).naturalTextRect()
    english_line = english.layout().lineAt(0).naturalTextRect()
    assert arabic_line.right() > width - 20  # against the right edge
    assert arabic_line.left() > width / 3
    assert english_line.left() < 20  # against the left edge

    # The intention starts (its first letter, where the cursor goes at
    # Home) at the right edge.
    intention = view.findChild(QWidget, "intentionEdit")
    intention.setCursorPosition(0)
    intention.grab()  # QLineEdit places its text when it paints
    assert intention.cursorRect().center().x() > intention.width() * 0.75

    # Last week's intention, quoted in an English sentence, keeps its full
    # stop at the Arabic sentence's end (its left).
    said = view.findChild(QLabel, "lastIntention")
    text = said.text()
    assert x_of(said, text.index(".")) < x_of(said, text.index(ARABIC[0]))
