"""The daily editor, driven as a person would, on a real journal file."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QLabel, QToolButton, QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.storage.journal import Journal
from leaderjournal.ui.day.rating import RatingControl

TODAY = dt.date.today()


def rating_button(window, key: str, text: str) -> QToolButton:
    control = window.findChild(RatingControl, f"rating_{key}")
    for button in control.findChildren(QToolButton):
        if button.text() == text:
            return button
    raise LookupError(text)


def saved_status(window) -> str:
    return window.findChild(QLabel, "saveStatus").text()


def type_entry(qtbot, window, title: str, text: str) -> None:
    qtbot.keyClicks(window.findChild(QWidget, "titleEdit"), title)
    qtbot.keyClicks(window.findChild(QWidget, "textEdit"), text)


def test_opens_on_today_with_the_cursor_in_the_text(journal, make_window):
    window = make_window(journal)

    assert window.windowTitle() == "LeaderJournal"
    assert window.day_view.day() == TODAY
    assert "today" in window.findChild(QToolButton, "dateButton").text()
    assert QApplication.focusWidget() is window.findChild(QWidget, "textEdit")


def test_an_entry_is_autosaved_and_is_there_after_reopening(
    qtbot, data_dir, journal, make_window
):
    window = make_window(journal)
    type_entry(qtbot, window, "Roadmap review", "Asked the team to pick the order.")
    qtbot.mouseClick(
        rating_button(window, "influence", "+2"), Qt.MouseButton.LeftButton
    )
    qtbot.mouseClick(rating_button(window, "mentor", "0"), Qt.MouseButton.LeftButton)
    advice = window.findChild(QWidget, "adviceSpin")
    advice.setFocus()
    qtbot.keyClick(advice, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(advice, "3")
    qtbot.keyClicks(window.findChild(QWidget, "tagsEdit"), "1:1, roadmap")

    # No Ctrl+S: the entry is saved about a second after typing stops.
    qtbot.waitUntil(lambda: saved_status(window).startswith("Saved"), timeout=4000)
    window.close()
    journal.close()

    with Journal(data_dir) as reopened:
        again = make_window(reopened)
        form = again.day_view.form
        assert form.title_edit.text() == "Roadmap review"
        assert form.text_edit.toPlainText() == "Asked the team to pick the order."
        assert form.ratings["influence"].rating() == 2
        assert form.ratings["mentor"].rating() == 0  # 0 is a rating...
        assert form.ratings["followers"].rating() is None  # ...not rated is not
        assert form.advice_spin.value() == 3
        assert form.tags_edit.text() == "1:1, roadmap"
        (stored,) = reopened.entries.on_day(TODAY)
        assert stored.ratings == {
            "influence": 2,
            "followers": None,
            "growth": None,
            "relationship": None,
            "mentor": 0,
        }
        assert stored.tags == ("1:1", "roadmap")
        again.close()


def test_ctrl_s_saves_at_once(qtbot, journal, make_window):
    window = make_window(journal)
    type_entry(qtbot, window, "", "Coached Sam through the outage.")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    (stored,) = journal.entries.on_day(TODAY)
    assert stored.text == "Coached Sam through the outage."
    assert saved_status(window).startswith("Saved")


def test_a_blank_entry_is_never_stored(qtbot, journal, make_window):
    window = make_window(journal)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert journal.entries.count() == 0


def test_day_navigation_by_shortcut(qtbot, journal, make_window):
    window = make_window(journal)
    view = window.day_view

    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert view.day() == TODAY - dt.timedelta(days=1)
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert view.day() == TODAY - dt.timedelta(days=2)
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert view.day() == TODAY - dt.timedelta(days=1)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert view.day() == TODAY
    assert "today" in window.findChild(QToolButton, "dateButton").text()


def test_changing_day_saves_what_was_typed_and_shows_the_other_day(
    qtbot, journal, make_window
):
    yesterday = TODAY - dt.timedelta(days=1)
    journal.entries.add(Entry.new(yesterday, title="Yesterday's one-to-one"))
    window = make_window(journal)
    type_entry(qtbot, window, "Today", "Written just before switching day.")

    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)

    assert [e.text for e in journal.entries.on_day(TODAY)] == [
        "Written just before switching day."
    ]
    assert window.day_view.form.title_edit.text() == "Yesterday's one-to-one"


def test_ctrl_n_adds_a_second_entry_to_the_same_day(qtbot, journal, make_window):
    window = make_window(journal)
    type_entry(qtbot, window, "Morning", "Stand-up ran itself.")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)

    assert window.day_view.form.text_edit.toPlainText() == ""
    assert QApplication.focusWidget() is window.findChild(QWidget, "textEdit")
    type_entry(qtbot, window, "Afternoon", "Pairing with the new hire.")
    qtbot.waitUntil(lambda: len(journal.entries.on_day(TODAY)) == 2, timeout=4000)

    assert [e.title for e in journal.entries.on_day(TODAY)] == ["Morning", "Afternoon"]
    entry_list = window.findChild(QWidget, "entryList")
    assert entry_list.count() == 2
    assert entry_list.item(0).text().startswith("Morning")


def test_ctrl_n_goes_back_to_today_from_another_day(qtbot, journal, make_window):
    journal.entries.add(Entry.new(TODAY, title="Earlier today"))
    window = make_window(journal)
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.findChild(QWidget, "textEdit"), "Second entry today")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert window.day_view.day() == TODAY
    assert [e.title or e.text for e in journal.entries.on_day(TODAY)] == [
        "Earlier today",
        "Second entry today",
    ]


def test_choosing_another_entry_of_the_day_shows_it(qtbot, journal, make_window):
    first = Entry.new(TODAY, title="First", text="one")
    journal.entries.add(first)
    journal.entries.add(Entry.new(TODAY, title="Second", text="two"))
    window = make_window(journal)
    assert window.day_view.form.title_edit.text() == "Second"  # the latest

    window.findChild(QWidget, "entryList").setCurrentRow(0)

    assert window.day_view.form.text_edit.toPlainText() == "one"
    assert window.day_view.current_entry().id == first.id


def test_delete_asks_nothing_and_undo_brings_the_entry_back(
    qtbot, journal, make_window, dialogs
):
    kept = Entry.new(TODAY, title="Kept", text="stays")
    gone = Entry.new(TODAY, title="Regretted", text="comes back", tags=("1:1",))
    journal.entries.add(kept)
    journal.entries.add(gone)
    window = make_window(journal)

    qtbot.mouseClick(
        window.findChild(QWidget, "deleteEntryButton"), Qt.MouseButton.LeftButton
    )
    assert [e.id for e in journal.entries.on_day(TODAY)] == [kept.id]
    assert dialogs.shown == []
    undo_bar = window.findChild(QWidget, "undoBar")
    assert undo_bar.isVisible()
    assert "Regretted" in window.findChild(QLabel, "undoBarText").text()

    qtbot.mouseClick(
        window.findChild(QWidget, "undoBarButton"), Qt.MouseButton.LeftButton
    )

    assert journal.entries.get(gone.id) == gone
    assert window.day_view.form.text_edit.toPlainText() == "comes back"
    assert not undo_bar.isVisible()


def test_deleting_the_only_entry_leaves_a_blank_page_and_undo_in_the_menu(
    qtbot, journal, make_window
):
    only = Entry.new(TODAY, text="the only one")
    journal.entries.add(only)
    window = make_window(journal)
    entry_list = window.findChild(QWidget, "entryList")
    entry_list.setFocus()
    qtbot.keyClick(entry_list, Qt.Key.Key_Delete)

    assert journal.entries.count() == 0
    assert window.day_view.form.text_edit.toPlainText() == ""
    assert window.undo_delete_action.isEnabled()
    window.undo_delete_action.trigger()
    assert journal.entries.get(only.id) == only
    assert not window.undo_delete_action.isEnabled()


def test_rating_by_keyboard(qtbot, journal, make_window):
    # With some text, so that taking the rating away leaves an entry to keep.
    journal.entries.add(Entry.new(TODAY, text="Retro"))
    window = make_window(journal)
    control = window.findChild(RatingControl, "rating_growth")
    control.setFocus()

    qtbot.keyClick(control, Qt.Key.Key_Right)  # not rated -> 0
    assert control.rating() == 0
    qtbot.keyClick(control, Qt.Key.Key_Right)
    qtbot.keyClick(control, Qt.Key.Key_Right)
    qtbot.keyClick(control, Qt.Key.Key_Right)  # stops at +2
    assert control.rating() == 2
    qtbot.keyClick(control, Qt.Key.Key_Minus)
    qtbot.keyClick(control, Qt.Key.Key_1)
    assert control.rating() == -1
    assert "Leaning managing" in control.accessibleDescription()
    qtbot.keyClick(control, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert journal.entries.on_day(TODAY)[0].ratings["growth"] == -1

    qtbot.keyClick(control, Qt.Key.Key_Delete)
    assert control.rating() is None
    qtbot.keyClick(control, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert journal.entries.on_day(TODAY)[0].ratings["growth"] is None


def test_the_live_lean_follows_the_ratings(qtbot, journal, make_window):
    window = make_window(journal)
    label = window.findChild(QLabel, "leanLabel")
    assert "not rated" in label.text()

    qtbot.mouseClick(
        rating_button(window, "influence", "+2"), Qt.MouseButton.LeftButton
    )
    qtbot.mouseClick(
        rating_button(window, "followers", "\u22121"), Qt.MouseButton.LeftButton
    )

    # 50 x mean(2, -1) = 25
    assert "+25.0" in label.text()
    assert "leaning leading" in label.text()


def test_every_control_reachable_by_tab_has_a_name(qtbot, journal, make_window):
    make_window(journal)
    start = QApplication.focusWidget()
    visited = []
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is start:
            break
        visited.append(widget)
    names = {w.objectName() for w in visited}

    assert {
        "titleEdit",
        "adviceSpin",
        "tagsEdit",
        "entryList",
        "addEntryButton",
        *(f"rating_{k}" for k in ("influence", "followers", "growth", "relationship")),
        "rating_mentor",
    } <= names | {w.parent().objectName() for w in visited if w.parent() is not None}
    for widget in visited:
        # What a screen reader announces: the accessible name, or a button's text.
        spoken = QAccessible.queryAccessibleInterface(widget).text(
            QAccessible.Text.Name
        )
        assert spoken.strip(), widget.objectName()


def test_calendar_marks_days_with_entries(journal, make_window):
    other = TODAY.replace(day=1) if TODAY.day != 1 else TODAY.replace(day=2)
    journal.entries.add(Entry.new(other, text="marked"))
    window = make_window(journal)
    day_bar = window.day_view.day_bar
    day_bar.refresh_calendar()

    formats = day_bar.calendar.dateTextFormat()
    assert QDate(other) in formats
    assert formats[QDate(other)].fontWeight() > 400
    assert QDate(TODAY) not in formats


def test_tags_complete_from_tags_already_used(journal, make_window):
    journal.entries.add(Entry.new(TODAY - dt.timedelta(days=3), tags=("new-hire",)))
    window = make_window(journal)
    completer = window.day_view.form.tags_edit.completer()
    assert completer.model().stringList() == ["new-hire"]
    window.day_view.form.tags_edit.setText("crisis, new")
    assert completer.splitPath("crisis, new") == ["new"]
    assert completer.pathFromIndex(completer.model().index(0, 0)) == "crisis, new-hire"


def hold_write_lock(journal) -> sqlite3.Connection:
    """Another program takes the write lock; writes fail fast until released."""
    journal._db.execute("PRAGMA busy_timeout = 50")
    blocker = sqlite3.connect(journal.path, timeout=0)
    blocker.execute("BEGIN IMMEDIATE")
    return blocker


@pytest.fixture
def locked(journal):
    """Another program holds the write lock; saves fail fast until released."""
    blocker = hold_write_lock(journal)
    yield blocker
    if blocker.in_transaction:
        blocker.rollback()
    blocker.close()


def test_a_failed_save_keeps_the_text_and_saves_when_possible(
    qtbot, journal, make_window, locked
):
    window = make_window(journal)
    type_entry(qtbot, window, "Offsite", "Must not be lost.")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    banner = window.findChild(QWidget, "saveProblem")
    assert banner.isVisible()
    assert (
        "busy in another program" in window.findChild(QLabel, "saveProblemText").text()
    )
    assert window.day_view.form.text_edit.toPlainText() == "Must not be lost."
    assert saved_status(window) == "Not saved"
    # Moving to another day is refused rather than dropping the text.
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.day_view.day() == TODAY
    assert window.day_view.form.text_edit.toPlainText() == "Must not be lost."

    locked.rollback()
    qtbot.mouseClick(
        window.findChild(QWidget, "saveProblemButton"), Qt.MouseButton.LeftButton
    )

    assert [e.text for e in journal.entries.on_day(TODAY)] == ["Must not be lost."]
    assert not banner.isVisible()


def test_closing_with_unsaved_text_asks_first(
    qtbot, journal, make_window, dialogs, locked
):
    window = make_window(journal)
    type_entry(qtbot, window, "", "Unsaved thought")
    dialogs.answer = "Keep Writing"

    window.close()

    assert window.isVisible()
    assert dialogs.shown[-1][1] == "Your latest writing is not saved"
    assert window.day_view.form.text_edit.toPlainText() == "Unsaved thought"
    locked.rollback()
    window.close()
    assert not window.isVisible()
    assert journal.entries.on_day(TODAY)[0].text == "Unsaved thought"


def test_a_long_first_line_is_shortened_in_the_list(qtbot, journal, make_window):
    journal.entries.add(Entry.new(TODAY, text="word " * 500))
    window = make_window(journal)
    first_line = window.findChild(QWidget, "entryList").item(0).text().splitlines()[0]
    assert first_line.endswith("\u2026")
    assert len(first_line) <= 60


def test_a_delete_the_journal_refuses_is_told_and_can_be_tried_again(
    qtbot, journal, make_window
):
    entry = Entry.new(TODAY, title="Offsite", text="Not gone yet")
    journal.entries.add(entry)
    window = make_window(journal)
    blocker = hold_write_lock(journal)
    try:
        qtbot.mouseClick(
            window.findChild(QWidget, "deleteEntryButton"), Qt.MouseButton.LeftButton
        )

        banner = window.findChild(QWidget, "saveProblem")
        told = window.findChild(QLabel, "saveProblemText").text()
        assert banner.isVisible()
        assert "not deleted" in told
        assert "busy in another program" in told
        assert "Not saved" not in told  # nothing typed is waiting to be saved
        assert journal.entries.get(entry.id) == entry
        assert window.day_view.form.text_edit.toPlainText() == "Not gone yet"
        assert not window.findChild(QWidget, "undoBar").isVisible()
    finally:
        blocker.rollback()
        blocker.close()

    qtbot.mouseClick(
        window.findChild(QWidget, "saveProblemButton"), Qt.MouseButton.LeftButton
    )

    assert journal.entries.get(entry.id) is None
    assert not banner.isVisible()
    assert window.findChild(QWidget, "undoBar").isVisible()


def test_an_undo_the_journal_refuses_is_told_and_can_be_tried_again(
    qtbot, journal, make_window
):
    entry = Entry.new(TODAY, title="Offsite", text="Brought back later")
    journal.entries.add(entry)
    window = make_window(journal)
    qtbot.mouseClick(
        window.findChild(QWidget, "deleteEntryButton"), Qt.MouseButton.LeftButton
    )
    blocker = hold_write_lock(journal)
    try:
        window.undo_delete_action.trigger()

        banner = window.findChild(QWidget, "saveProblem")
        told = window.findChild(QLabel, "saveProblemText").text()
        assert banner.isVisible()
        assert "not brought back" in told
        assert "busy in another program" in told
        assert journal.entries.get(entry.id) is None
        # Still there to undo.
        assert window.findChild(QWidget, "undoBar").isVisible()
        assert window.undo_delete_action.isEnabled()
    finally:
        blocker.rollback()
        blocker.close()

    qtbot.mouseClick(
        window.findChild(QWidget, "saveProblemButton"), Qt.MouseButton.LeftButton
    )

    assert journal.entries.get(entry.id) == entry
    assert not banner.isVisible()
    assert window.day_view.form.text_edit.toPlainText() == "Brought back later"
