"""An entry emptied of everything goes away, as a delete that can be undone.

A saved entry whose title and text are deleted, with no ratings, advice or
tags left, is not kept as a blank row: it is deleted (the undo bar and
Ctrl+Z bring it back), the same way a blank new entry is never stored. The
editor stays where the person is, so anything typed next is a new entry.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.ui.common.autosave import AutosaveDelays

TODAY = dt.date.today()
QUICK = AutosaveDelays(delay_ms=50, retry_ms=200)


def empty_field(qtbot, window, name: str) -> None:
    """Select everything in a field and delete it, as a person would."""
    field = window.findChild(QWidget, name)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_Delete)


def history_count(qtbot, window) -> str:
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    return window.findChild(QLabel, "historyCount").text()


def test_an_emptied_entry_is_gone_once_the_day_is_left_and_undo_brings_it_back(
    qtbot, journal, make_window
):
    written = Entry.new(TODAY, text="x")
    journal.entries.add(written)
    window = make_window(journal)

    empty_field(qtbot, window, "textEdit")
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)

    assert journal.entries.get(written.id) is None
    assert journal.entries.count() == 0
    assert "x" in window.findChild(QLabel, "undoBarText").text()
    assert history_count(qtbot, window) == "0 entries"

    assert window.undo_delete_action.isEnabled()
    window.undo_delete_action.trigger()  # Edit > Undo Delete Entry, Ctrl+Z

    assert journal.entries.get(written.id) == written
    assert window.day_view.day() == TODAY
    assert window.day_view.form.text_edit.toPlainText() == "x"


def test_an_emptied_title_only_entry_is_gone_when_the_window_closes(
    qtbot, journal, make_window
):
    journal.entries.add(Entry.new(TODAY, title="Only a title"))
    window = make_window(journal)

    empty_field(qtbot, window, "titleEdit")
    window.close()

    assert not window.isVisible()
    assert journal.entries.count() == 0


def test_after_a_pause_the_page_stays_and_what_is_typed_next_is_a_new_entry(
    qtbot, journal, make_window
):
    old = Entry.new(TODAY, text="Old plan")
    journal.entries.add(old)
    window = make_window(journal, autosave=QUICK)
    text = window.findChild(QWidget, "textEdit")

    empty_field(qtbot, window, "textEdit")
    # The person pauses: the autosave takes the entry away...
    qtbot.waitUntil(lambda: journal.entries.count() == 0, timeout=2000)
    assert window.findChild(QWidget, "undoBar").isVisible()
    # ...but not from under the cursor.
    assert QApplication.focusWidget() is text
    assert window.day_view.day() == TODAY

    qtbot.keyClicks(text, "New plan")
    qtbot.waitUntil(lambda: journal.entries.count() == 1, timeout=2000)
    (new,) = journal.entries.on_day(TODAY)
    assert new.text == "New plan"
    assert new.id != old.id

    window.undo_delete_action.trigger()
    assert {e.text for e in journal.entries.on_day(TODAY)} == {"Old plan", "New plan"}


def test_an_emptied_text_with_a_rating_left_is_kept(qtbot, journal, make_window):
    rated = Entry.new(TODAY, text="x", ratings={"mentor": 1})
    journal.entries.add(rated)
    window = make_window(journal)

    empty_field(qtbot, window, "textEdit")
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)

    kept = journal.entries.get(rated.id)
    assert (kept.text, kept.ratings["mentor"]) == ("", 1)
    assert not window.findChild(QWidget, "undoBar").isVisible()
