"""Days still to come can be written in (plans, notes), and say so."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QApplication, QToolButton, QWidget

TODAY = dt.date(2026, 12, 1)  # a Tuesday


def day_shown(window) -> str:
    return window.findChild(QToolButton, "dateButton").text()


def test_the_day_bar_says_how_far_ahead_a_day_is(qtbot, journal, make_window):
    window = make_window(journal, today=lambda: TODAY)
    assert day_shown(window) == "Tuesday, 1 December 2026  \u00b7  today"

    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert day_shown(window) == "Wednesday, 2 December 2026  \u00b7  in 1 day"
    button = window.findChild(QToolButton, "dateButton")
    assert "in 1 day" in button.accessibleName()

    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert day_shown(window) == "Friday, 4 December 2026  \u00b7  in 3 days"

    # Days gone by keep their plain date.
    window.day_view.go_to_day(TODAY - dt.timedelta(days=1))
    assert day_shown(window) == "Monday, 30 November 2026"


def test_a_plan_for_a_day_ahead_is_saved_on_that_day(qtbot, journal, make_window):
    window = make_window(journal, today=lambda: TODAY)
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClicks(window.findChild(QWidget, "textEdit"), "Plan the offsite")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    (plan,) = journal.entries.on_day(TODAY + dt.timedelta(days=1))
    assert plan.text == "Plan the offsite"


def test_a_long_future_date_fits_the_day_bar_at_800_by_600(qtbot, journal, make_window):
    window = make_window(journal, today=lambda: TODAY)
    window.day_view.go_to_day(dt.date(2029, 9, 26))
    small = QSize(800, 600)
    window.resize(small)
    qtbot.waitUntil(lambda: window.size() == small, timeout=2000)
    QApplication.processEvents()

    button = window.findChild(QToolButton, "dateButton")
    assert button.text() == "Wednesday, 26 September 2029  \u00b7  in 1,030 days"
    assert window.minimumSizeHint().width() <= small.width()
    assert button.fontMetrics().horizontalAdvance(button.text()) < button.width()
    assert button.mapTo(window, QPoint(button.width(), 0)).x() <= window.width()
