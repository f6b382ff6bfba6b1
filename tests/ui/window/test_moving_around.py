"""Moving between days and views: the cursor lands in the text."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from leaderjournal.domain.entry import Entry

TODAY = dt.date.today()
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def typed_lands_in_the_text(qtbot, window) -> None:
    """What the person types next goes into the entry's text."""
    form = window.day_view.form
    assert window.current_view() is window.day_view
    # The window's own focus is on the text at once...
    qtbot.waitUntil(lambda: window.focusWidget() is form.text_edit, timeout=10_000)
    # ...and the keyboard's once the window is active again (a closing
    # pop-up gives it back a moment later; on a loaded machine the offscreen
    # platform can take longer than that, so it is asked for here).
    window.activateWindow()
    qtbot.waitUntil(
        lambda: QApplication.focusWidget() is form.text_edit, timeout=10_000
    )
    qtbot.keyClicks(QApplication.focusWidget(), "typed next")
    assert "typed next" in form.text_edit.toPlainText()


def focus_the_tags(qtbot, window) -> None:
    tags = window.day_view.form.tags_edit
    tags.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tags)


@pytest.mark.parametrize(
    ("key", "modifier"),
    [(Qt.Key.Key_Left, ALT), (Qt.Key.Key_Right, ALT), (Qt.Key.Key_T, CTRL)],
)
def test_the_cursor_lands_in_the_text_after_changing_day(
    qtbot, journal, make_window, key, modifier
):
    window = make_window(journal)
    if key == Qt.Key.Key_T:  # Ctrl+T from another day
        window.day_view.show_day(TODAY - dt.timedelta(days=3))
    focus_the_tags(qtbot, window)

    qtbot.keyClick(QApplication.focusWidget(), key, modifier)

    typed_lands_in_the_text(qtbot, window)


# The offscreen platform cannot grab the keyboard for a pop-up; it says so.
@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_the_cursor_lands_in_the_text_after_choosing_a_day(qtbot, journal, make_window):
    window = make_window(journal)
    focus_the_tags(qtbot, window)
    calendar = window.day_view.day_bar.calendar
    picked = []

    def pick_yesterday() -> None:
        # The pop-up runs its own event loop: answer it from inside.
        if not calendar.isVisible():
            QTimer.singleShot(20, pick_yesterday)
            return
        target = calendar.focusWidget() or calendar
        qtbot.keyClick(target, Qt.Key.Key_Left)
        qtbot.keyClick(target, Qt.Key.Key_Return)
        picked.append(True)

    QTimer.singleShot(20, pick_yesterday)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_G, CTRL)
    # (generous: on a loaded machine the pop-up takes its time to show)
    qtbot.waitUntil(lambda: bool(picked) and not calendar.isVisible(), timeout=20_000)

    assert window.day_view.day() == TODAY - dt.timedelta(days=1)
    typed_lands_in_the_text(qtbot, window)


def test_the_cursor_lands_in_the_text_after_opening_from_history(
    qtbot, journal, make_window
):
    journal.entries.add(Entry.new(TODAY - dt.timedelta(days=2), text="Old entry"))
    window = make_window(journal)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    table = window.history_view.findChild(QWidget, "historyTable")
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Return)

    assert window.day_view.day() == TODAY - dt.timedelta(days=2)
    typed_lands_in_the_text(qtbot, window)


def test_the_cursor_lands_in_the_text_after_opening_from_the_calendar(
    qtbot, journal, make_window
):
    window = make_window(journal)
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    window.calendar_view.day_opened.emit(TODAY - dt.timedelta(days=5))

    assert window.day_view.day() == TODAY - dt.timedelta(days=5)
    typed_lands_in_the_text(qtbot, window)


def test_the_cursor_lands_in_the_text_after_opening_from_trends(
    qtbot, journal, make_window
):
    journal.entries.add(Entry.new(TODAY, ratings={"growth": 1}))
    window = make_window(journal)
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    window.trends_view.day_opened.emit(TODAY - dt.timedelta(days=1))

    assert window.day_view.day() == TODAY - dt.timedelta(days=1)
    typed_lands_in_the_text(qtbot, window)


def test_the_cursor_lands_in_the_text_after_opening_from_the_review(
    qtbot, journal, make_window
):
    entry = Entry.new(TODAY, text="From the review", ratings={"growth": 2})
    journal.entries.add(entry)
    window = make_window(journal)
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    window.review_view.entry_opened.emit(entry.id, TODAY)

    assert window.day_view.current_entry().id == entry.id
    typed_lands_in_the_text(qtbot, window)
