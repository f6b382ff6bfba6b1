"""What the history's columns show for a search, in the running window: the
text, title and tags each with their own matches marked."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QLabel, QStyleOptionViewItem, QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.ui.history.history_model import MARKED_TEXT_ROLE, TAGS, TEXT, TITLE

STAMP = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)


def entry(day: int, title: str, text: str, tags: tuple[str, ...] = ()) -> Entry:
    return Entry.new(dt.date(2024, 3, day), STAMP, title=title, text=text, tags=tags)


def count_text(window) -> str:
    return window.findChild(QLabel, "historyCount").text()


def search(qtbot, window, words: str, matches: str) -> None:
    window.search()
    qtbot.keyClicks(window.findChild(QWidget, "historySearch"), words)
    qtbot.waitUntil(lambda: count_text(window) == matches, timeout=2000)


def bold_parts(document: QTextDocument) -> list[str]:
    """The runs of text a document draws in bold, in order."""
    parts = []
    block = document.begin()
    while block.isValid():
        for piece in block:
            fragment = piece.fragment()
            if fragment.charFormat().fontWeight() >= QFont.Weight.Bold:
                parts.append(fragment.text())
        block = block.next()
    return parts


def cell(window, row: int, column: int) -> tuple[str, list[str]]:
    """A cell's text as shown, and the words its delegate draws marked."""
    table = window.findChild(QWidget, "historyTable")
    index = table.model().index(row, column)
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)
    option.rect = table.visualRect(index)
    document = table.itemDelegateForColumn(column).marked_document(option, index)
    shown = index.data()
    if document is not None:
        assert document.toPlainText() == shown  # what is drawn is what is read
    return shown, bold_parts(document) if document is not None else []


def marked(window, row: int, column: int) -> str:
    index = window.history_view.model.index(row, column)
    return index.data(MARKED_TEXT_ROLE)


def test_the_text_column_shows_the_text_when_the_title_or_a_tag_matched(
    qtbot, journal, make_window
):
    journal.entries.save_many(
        [
            entry(1, "Coaching Omar", "We talked about the roadmap.\nThen lunch."),
            entry(2, "Weekly sync", "Budget review.", ("omar-feedback", "team")),
            entry(3, "Retro", "Asked Omar to run the next retro.", ("team",)),
        ]
    )
    window = make_window(journal)
    search(qtbot, window, "omar", "3 entries match")
    # room for each whole cell (cutting a long one is tested with the cells)
    window.findChild(QWidget, "historyTable").setColumnWidth(TAGS, 300)

    # Newest first: the match in the text, in a tag, in the title.
    assert [window.history_view.model.index(r, TEXT).data() for r in range(3)] == [
        "Asked Omar to run the next retro.",
        "Budget review.",
        "We talked about the roadmap.",
    ]
    assert cell(window, 0, TEXT) == ("Asked Omar to run the next retro.", ["Omar"])
    assert cell(window, 0, TITLE) == ("Retro", [])
    assert cell(window, 0, TAGS) == ("team", [])
    assert cell(window, 1, TEXT) == ("Budget review.", [])
    assert cell(window, 1, TITLE) == ("Weekly sync", [])
    assert cell(window, 1, TAGS) == ("omar-feedback, team", ["omar"])
    assert cell(window, 2, TEXT) == ("We talked about the roadmap.", [])
    assert cell(window, 2, TITLE) == ("Coaching Omar", ["Omar"])
    assert marked(window, 2, TITLE) == "Coaching \x02Omar\x03"
    assert marked(window, 1, TAGS) == "\x02omar\x03-feedback, team"


def test_each_column_marks_its_own_matches(qtbot, journal, make_window):
    journal.entries.save_many(
        [entry(4, "Team day", "The team planned the offsite.", ("team", "offsite"))]
    )
    window = make_window(journal)
    search(qtbot, window, "team off", "1 entry matches")

    assert cell(window, 0, TITLE) == ("Team day", ["Team"])
    assert cell(window, 0, TEXT) == (
        "The team planned the offsite.",
        ["team", "offsite"],
    )
    assert cell(window, 0, TAGS) == ("team, offsite", ["team", "offsite"])


def test_a_phrase_is_marked_as_a_phrase(qtbot, journal, make_window):
    journal.entries.save_many(
        [
            entry(
                5,
                "The team lunch",
                "The client met the team; then the team had lunch.",
            )
        ]
    )
    window = make_window(journal)
    search(qtbot, window, '"the team"', "1 entry matches")

    # Not every "the": only where "the team" stands together.
    assert marked(window, 0, TEXT) == (
        "The client met \x02the team\x03; then \x02the team\x03 had lunch."
    )
    assert cell(window, 0, TEXT)[1] == ["the team", "the team"]
    assert cell(window, 0, TITLE) == ("The team lunch", ["The team"])


def test_the_window_shows_no_marks_without_a_search(qtbot, journal, make_window):
    journal.entries.save_many([entry(6, "Quiet day", "Nothing much.\nReally.")])
    window = make_window(journal)
    window.show_view(window.history_view)

    assert cell(window, 0, TEXT) == ("Nothing much.", [])
    assert cell(window, 0, TITLE) == ("Quiet day", [])
