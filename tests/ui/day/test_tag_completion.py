"""Completing a tag: several tags already used, for the word being typed.

Typed into the real tags field of the day view, on a real journal: the
popup lists tags other entries hold that contain the word after the last
comma (case aside), most used first; never the word as typed, never a tag
the field already holds; choosing one replaces only that word.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QCompleter, QLineEdit

from leaderjournal.domain.entry import Entry
from leaderjournal.storage.journal import Journal

TODAY = dt.date.today()

# The offscreen platform says this whenever a popup opens: not our warning.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support grabbing the keyboard"
)

#: Tags used on earlier days, and how many entries use each.
USED = {
    "Delegation": 4,
    "Delegated work": 3,
    "1:1": 3,
    "delegate": 2,
    "Deadline": 1,
    "Team": 1,
}


@pytest.fixture
def used_tags(journal: Journal) -> Journal:
    day = 1
    for tag, count in USED.items():
        for _ in range(count):
            journal.entries.add(Entry.new(TODAY - dt.timedelta(days=day), tags=(tag,)))
            day += 1
    return journal


def tags_field(window) -> QLineEdit:
    field = window.findChild(QLineEdit, "tagsEdit")
    field.setFocus()
    return field


def offered(completer: QCompleter) -> list[str]:
    """The rows of the popup, top to bottom."""
    rows = completer.completionModel()
    return [rows.index(row, 0).data() for row in range(rows.rowCount())]


def rows_in_sight(completer: QCompleter) -> int:
    """How many rows the popup shows whole, without scrolling."""
    QApplication.processEvents()  # the list lays its rows out when idle
    popup = completer.popup()
    sight = popup.viewport().rect()
    rows = completer.completionModel()
    return sum(
        sight.contains(popup.visualRect(rows.index(row, 0)))
        for row in range(rows.rowCount())
    )


def choose(qtbot, completer: QCompleter, tag: str) -> None:
    """Go down the popup to ``tag`` with the arrow key and press Return."""
    popup = completer.popup()
    target = offered(completer).index(tag)
    while popup.currentIndex() == QModelIndex() or popup.currentIndex().row() < target:
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def test_several_tags_already_used_are_offered_for_the_word_being_typed(
    qtbot, used_tags, make_window
):
    window = make_window(used_tags)
    field = tags_field(window)
    completer = field.completer()
    qtbot.keyClicks(field, "1:1, dele")

    assert completer.popup().isVisible()
    # Most used first, case aside, only tags the journal holds.
    delegation = ["Delegation", "Delegated work", "delegate"]
    assert offered(completer) == delegation
    assert rows_in_sight(completer) == 3

    # A pause while typing: the half-typed word is saved as a tag...
    assert window.day_view.save_now()
    assert "dele" in used_tags.entries.tags()
    # ...but it is not a tag to offer, there or after a step back.
    assert offered(completer) == delegation
    assert rows_in_sight(completer) == 3
    qtbot.keyClicks(field, "g")
    assert offered(completer) == delegation
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert field.text() == "1:1, de"
    assert completer.popup().isVisible()
    assert offered(completer) == [*delegation, "Deadline"]
    assert rows_in_sight(completer) == 4


def test_tags_already_in_the_field_are_not_offered_again(qtbot, used_tags, make_window):
    window = make_window(used_tags)
    field = tags_field(window)
    completer = field.completer()

    qtbot.keyClicks(field, "team, 1:1, ")

    assert completer.popup().isVisible()
    assert offered(completer) == [
        "Delegation",
        "Delegated work",
        "delegate",
        "Deadline",
    ]


def test_choosing_a_tag_replaces_only_the_word_being_typed(
    qtbot, used_tags, make_window
):
    window = make_window(used_tags)
    field = tags_field(window)
    completer = field.completer()
    qtbot.keyClicks(field, "1:1, deleg")

    choose(qtbot, completer, "Delegation")

    qtbot.waitUntil(lambda: field.text() == "1:1, Delegation, ")
    assert not completer.popup().isVisible()
    # The choice is an edit like any other: it is saved.
    assert window.day_view.save_now()
    [today] = used_tags.entries.on_day(TODAY)
    assert today.tags == ("1:1", "Delegation")


def test_up_to_eight_rows_are_in_sight(qtbot, journal, make_window):
    for number in range(12):
        journal.entries.add(
            Entry.new(TODAY - dt.timedelta(days=1), tags=(f"project {number:02d}",))
        )
    window = make_window(journal)
    field = tags_field(window)
    completer = field.completer()

    qtbot.keyClicks(field, "proj")

    assert len(offered(completer)) == 12
    assert rows_in_sight(completer) == 8
