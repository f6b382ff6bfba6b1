"""A tag typed in another case is saved, and shown, as the journal spells it.

"delegation" typed where the journal already has "Delegation" is stored as
"Delegation" (the first spelling used is kept); the day view shows that
spelling too, once the person is not typing in the field, or at once when
only the case differs.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from leaderjournal.domain.entry import Entry

TODAY = dt.date.today()

# The offscreen platform says this whenever the completer's popup opens.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support grabbing the keyboard"
)


def ctrl_s(qtbot, widget: QWidget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_the_field_shows_the_stored_spelling_after_a_save(qtbot, journal, make_window):
    journal.entries.add(Entry.new(TODAY - dt.timedelta(days=3), tags=("Delegation",)))
    window = make_window(journal)
    text = window.findChild(QWidget, "textEdit")
    tags = window.findChild(QLineEdit, "tagsEdit")
    qtbot.keyClicks(text, "Handed the launch to Ana")
    tags.setFocus()
    qtbot.keyClicks(tags, "delegation")
    text.setFocus()
    ctrl_s(qtbot, text)

    (today,) = journal.entries.on_day(TODAY)
    assert today.tags == ("Delegation",)
    assert tags.text() == "Delegation"
    assert window.day_view.current_entry().tags == ("Delegation",)
    assert not window.day_view.autosaver.dirty


def test_a_change_of_case_only_is_shown_while_typing_with_the_cursor_kept(
    qtbot, journal, make_window
):
    journal.entries.add(Entry.new(TODAY - dt.timedelta(days=3), tags=("Delegation",)))
    window = make_window(journal)
    tags = window.findChild(QLineEdit, "tagsEdit")
    tags.setFocus()
    qtbot.keyClicks(tags, "delegation")
    ctrl_s(qtbot, tags)

    assert QApplication.focusWidget() is tags
    assert tags.text() == "Delegation"
    assert tags.cursorPosition() == len("Delegation")
    qtbot.keyClicks(tags, ", team")
    ctrl_s(qtbot, tags)
    assert journal.entries.on_day(TODAY)[0].tags == ("Delegation", "team")


def test_what_is_being_typed_is_left_alone_until_the_cursor_leaves(
    qtbot, journal, make_window
):
    journal.entries.add(Entry.new(TODAY - dt.timedelta(days=3), tags=("Delegation",)))
    window = make_window(journal)
    tags = window.findChild(QLineEdit, "tagsEdit")
    tags.setFocus()
    qtbot.keyClicks(tags, "delegation, ")  # about to type the next tag
    ctrl_s(qtbot, tags)  # a pause, as the autosave would take it

    assert journal.entries.on_day(TODAY)[0].tags == ("Delegation",)
    assert tags.text() == "delegation, "  # not changed under the cursor

    window.findChild(QWidget, "textEdit").setFocus()
    assert tags.text() == "Delegation"
    assert not window.day_view.autosaver.dirty
    assert window.day_view.current_entry().tags == ("Delegation",)


def test_typing_on_after_a_save_is_kept_and_respelled_at_the_next_save(
    qtbot, journal, make_window
):
    journal.entries.add(Entry.new(TODAY - dt.timedelta(days=3), tags=("Delegation",)))
    window = make_window(journal)
    tags = window.findChild(QLineEdit, "tagsEdit")
    tags.setFocus()
    qtbot.keyClicks(tags, "delegation, ")
    ctrl_s(qtbot, tags)
    qtbot.keyClicks(tags, "team")
    text = window.findChild(QWidget, "textEdit")
    text.setFocus()

    assert tags.text() == "delegation, team"  # typed since the save: kept
    ctrl_s(qtbot, text)
    assert journal.entries.on_day(TODAY)[0].tags == ("Delegation", "team")
    assert tags.text() == "Delegation, team"
