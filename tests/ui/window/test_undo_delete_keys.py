"""Ctrl+Z brings back a deleted entry, except where it undoes typing."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolButton, QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.ui.day.rating import RatingControl

TODAY = dt.date.today()
CTRL = Qt.KeyboardModifier.ControlModifier


def delete_the_entry(qtbot, window, journal) -> Entry:
    """Store one entry, show it, delete it with its button; returns it."""
    entry = Entry.new(TODAY, title="Regretted", text="I should not delete this")
    journal.entries.add(entry)
    window.day_view.refresh()
    qtbot.mouseClick(
        window.findChild(QWidget, "deleteEntryButton"), Qt.MouseButton.LeftButton
    )
    assert journal.entries.get(entry.id) is None
    return entry


def press_ctrl_z(qtbot) -> None:
    """Ctrl+Z where the keyboard focus is, as a person's key press."""
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Z, CTRL)


def test_ctrl_z_in_the_entry_list_brings_the_entry_back(qtbot, journal, make_window):
    window = make_window(journal)
    entry = delete_the_entry(qtbot, window, journal)
    # Deleting leaves the keyboard in the day's list of entries.
    assert QApplication.focusWidget() is window.findChild(QWidget, "entryList")

    press_ctrl_z(qtbot)

    assert journal.entries.get(entry.id) == entry
    assert window.day_view.form.text_edit.toPlainText() == "I should not delete this"
    assert not window.findChild(QWidget, "undoBar").isVisible()


def test_ctrl_z_on_a_rating_brings_the_entry_back(qtbot, journal, make_window):
    window = make_window(journal)
    entry = delete_the_entry(qtbot, window, journal)
    control = window.findChild(RatingControl, "rating_growth")
    button = control.findChildren(QToolButton)[0]
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)

    press_ctrl_z(qtbot)

    assert journal.entries.get(entry.id) == entry


def test_ctrl_z_in_another_view_brings_the_entry_back(qtbot, journal, make_window):
    window = make_window(journal)
    entry = delete_the_entry(qtbot, window, journal)
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)  # the calendar
    assert window.current_name() == "calendar"

    press_ctrl_z(qtbot)

    assert journal.entries.get(entry.id) == entry
    assert window.current_name() == "day"  # showing the entry brought back


@pytest.mark.parametrize("field", ["titleEdit", "textEdit", "tagsEdit"])
def test_ctrl_z_while_typing_undoes_the_typing_only(qtbot, journal, make_window, field):
    window = make_window(journal)
    entry = delete_the_entry(qtbot, window, journal)
    edit = window.findChild(QWidget, field)
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClicks(edit, "typo")

    press_ctrl_z(qtbot)

    shown = edit.text() if hasattr(edit, "text") else edit.toPlainText()
    assert shown == ""
    assert journal.entries.get(entry.id) is None
    assert window.findChild(QWidget, "undoBar").isVisible()  # still on offer
