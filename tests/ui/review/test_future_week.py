"""The review of a week that has not started: its plans, nothing compared."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from leaderjournal.domain.entry import Entry

TODAY = dt.date(2026, 12, 1)  # Tuesday of 2026-W49


def text(view, name: str) -> str:
    return view.findChild(QLabel, name).text()


def open_review(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    return window.review_view


def test_a_week_ahead_says_it_has_not_started_instead_of_comparing(
    qtbot, journal, make_window
):
    journal.entries.save_many(
        [
            Entry.new(dt.date(2026, 11, 24), ratings={"mentor": -2}, advice_requests=1),
            Entry.new(TODAY, ratings={"mentor": 2}, advice_requests=4),
            Entry.new(dt.date(2026, 12, 8), text="Plan: ask, then listen"),
        ]
    )
    window = make_window(journal, today=lambda: TODAY)
    view = open_review(qtbot, window)
    assert "last week -100.0 (change +200.0)" in text(view, "weekLean")

    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)

    assert view.week() == "2026-W50"
    note = view.findChild(QLabel, "emptyWeek")
    assert note.isVisible()
    assert "This week has not started yet" in note.text()
    assert "<b>1</b> entry" in text(view, "weekSummary")  # the plan counts
    for name in ("weekLean", "weekAdvice"):
        line = text(view, name)
        assert "nothing to compare yet" in line, name
        assert "change" not in line, name
        assert "no comparison" not in line, name
    assert "Nothing to point out yet" in text(view, "observations")
    # Its notes can be written all the same (an intention, say).
    assert view.findChild(QWidget, "intentionEdit").isEnabled()

    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert not note.isVisible()
    assert "(change +200.0)" in text(view, "weekLean")


def test_an_empty_week_gone_by_still_says_no_entries(qtbot, journal, make_window):
    window = make_window(journal, today=lambda: TODAY)
    view = open_review(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)

    assert "No entries this week" in text(view, "emptyWeek")
    lean_line = text(view, "weekLean")
    assert "last week not rated" in lean_line
    # a change that cannot be worked out is left out, not called "no comparison"
    assert "no comparison" not in lean_line
    assert "(change" not in lean_line
