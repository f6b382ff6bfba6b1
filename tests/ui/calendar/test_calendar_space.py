"""The calendar uses the room it is given, and says what the chosen day holds.

Views are measured at the size they get in an 800x600 and a 1400x900
window: the window's own menus, tabs and status bar are measured on a real
window, then taken off.
"""

from __future__ import annotations

import datetime as dt
import itertools
from datetime import date

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QScrollArea, QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.ui.calendar.calendar_view import CalendarView
from leaderjournal.ui.common.dates import long_date
from leaderjournal.ui.history.history_view import HistoryView

TODAY = date(2026, 3, 3)
SMALL, LARGE = QSize(800, 600), QSize(1400, 900)


@pytest.fixture
def chrome(journal, make_window) -> QSize:
    """What the window takes around a view: menus, tabs, status bar, frames."""
    window = make_window(journal)
    window.show_view(window.calendar_view)
    taken = window.size() - window.calendar_view.size()
    window.close()
    return taken


@pytest.fixture
def make_view(qtbot, chrome):
    def make(kind, journal, window: QSize = SMALL):
        view = kind(journal, today=lambda: TODAY)
        qtbot.addWidget(view)
        view.resize(window - chrome)
        view.show()
        qtbot.waitExposed(view)
        return view

    return make


def add(journal, day: date, title: str, hour: int, advice: int = 0, **ratings):
    stamp = dt.datetime(day.year, day.month, day.day, hour, 5).astimezone()
    journal.entries.add(
        Entry.new(
            day,
            title=title,
            text="What happened.",
            ratings=ratings,
            advice_requests=advice,
            at=stamp,
        )
    )


def visible_in(widget: QWidget, view: QWidget) -> QRect:
    """``widget``'s rectangle in ``view``'s coordinates."""
    return QRect(widget.mapTo(view, QPoint(0, 0)), widget.size())


def test_the_grid_grows_with_the_window_and_stays_inside_it(journal, make_view):
    sizes = {}
    for window in (SMALL, LARGE):
        view = make_view(CalendarView, journal, window)
        grid = view.calendar
        last = grid.cell_rect(date(2026, 12, 31))
        # The whole grid, ring of the focused day included, is on screen.
        assert view.rect().contains(visible_in(grid, view))
        assert last.right() + 2 < grid.width()
        sunday = grid.cell_rect(date(2026, 12, 27))
        assert sunday.bottom() + 2 < grid.height()
        assert grid.cell_rect(date(2026, 6, 1)).width() == last.height()  # square
        sizes[window.width()] = last.width()
        view.close()

    assert 10 <= sizes[800] < sizes[1400] <= 28


def test_month_names_sit_over_their_weeks_and_never_touch(journal, make_view):
    for window in (SMALL, LARGE):
        grid = make_view(CalendarView, journal, window).calendar
        labels = grid.month_label_rects()

        assert [month for month, _ in labels] == list(range(1, 13))
        for (_, left), (_, right) in itertools.pairwise(labels):
            assert left.right() < right.left()
        for month, rect in labels:
            first = date(2026, month, 1)
            week_of = first + dt.timedelta(days=(3 - first.weekday()) % 7)
            column = grid.cell_rect(week_of)
            assert rect.left() >= column.left() - 1
            assert rect.bottom() < grid.cell_rect(date(2026, 1, 5)).top()
            assert grid.rect().contains(rect)


def test_choosing_a_day_shows_its_entries_times_lean_and_advice(
    qtbot, journal, make_view
):
    day = date(2026, 3, 10)
    add(journal, day, "Coffee with the design lead", 9, advice=2, influence=2)
    add(journal, day, "Quarterly targets", 14, mentor=-1)
    add(journal, date(2026, 3, 12), "Retro", 11, growth=1)
    view = make_view(CalendarView, journal, LARGE)
    grid = view.calendar
    opened = []
    view.day_opened.connect(opened.append)

    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=grid.cell_rect(day).center())

    summary = view.findChild(QWidget, "calendarSummary")
    text = summary_text(view)
    assert opened == []  # one click chooses the day; it does not leave the view
    assert grid.focus_day() == day
    assert long_date(day) in text
    assert "09:05 \u00b7 Coffee with the design lead \u00b7 lean +100.0" in text
    assert "14:05 \u00b7 Quarterly targets \u00b7 lean -50.0" in text
    assert "2 entries \u00b7 lean +25.0, leaning leading \u00b7 2 advice requests" in (
        text
    )
    assert "Retro" not in text
    # Below the grid, in the room the grid leaves.
    assert visible_in(summary, view).top() > visible_in(grid, view).bottom()


def test_a_day_without_entries_shows_its_month(qtbot, journal, make_view):
    add(journal, date(2026, 3, 2), "Monday", 9, advice=1, influence=2)
    add(journal, date(2026, 3, 2), "Monday again", 10, influence=-2)
    add(journal, date(2026, 3, 20), "Friday", 9, advice=3, mentor=1)
    add(journal, date(2026, 4, 1), "April", 9, mentor=-2)
    view = make_view(CalendarView, journal, SMALL)
    grid = view.calendar
    grid.setFocus()

    qtbot.keyClick(grid, Qt.Key.Key_Down)  # Wednesday 4 March: nothing written

    text = summary_text(view)
    assert grid.focus_day() == date(2026, 3, 4)
    assert f"{long_date(date(2026, 3, 4))}: no entry" in text
    assert "March 2026" in text
    assert (
        "3 entries \u00b7 2 days journaled \u00b7 lean +16.7, both in balance"
        " \u00b7 4 advice requests"
    ) in text
    assert "Monday" not in text  # the month's figures, not its entries


def summary_text(view: CalendarView) -> str:
    """Everything the summary panel shows, in reading order (without the
    invisible marks that keep each line left to right and a right-to-left
    title's direction its own)."""
    summary = view.findChild(QWidget, "calendarSummary")
    shown = "\n".join(
        label.text() for label in summary.findChildren(QLabel) if label.isVisible()
    )
    for mark in "\u200e\u2068\u2069":
        shown = shown.replace(mark, "")
    return shown


def test_enter_double_click_and_the_button_open_the_chosen_day(
    qtbot, journal, make_view
):
    add(journal, date(2026, 3, 10), "Coffee", 9, influence=1)
    view = make_view(CalendarView, journal, SMALL)
    grid = view.calendar
    opened = []
    view.day_opened.connect(opened.append)
    centre = grid.cell_rect(date(2026, 3, 10)).center()

    qtbot.mouseDClick(grid, Qt.MouseButton.LeftButton, pos=centre)
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    qtbot.keyClick(grid, Qt.Key.Key_Up)
    button = view.findChild(QAbstractButton, "openDayButton")
    assert button.isVisible()
    assert button.accessibleName() == "Open this day"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    assert opened == [date(2026, 3, 10), date(2026, 3, 11), date(2026, 3, 10)]


@pytest.mark.parametrize("kind", [CalendarView, HistoryView])
def test_the_view_fits_an_800_by_600_window_with_nothing_cut(
    kind, journal, make_view, chrome
):
    add(journal, TODAY, "Coffee", 9, influence=1)
    view = make_view(kind, journal, SMALL)
    room = SMALL - chrome
    if kind is HistoryView:
        view.refresh()

    hint = view.minimumSizeHint()
    assert hint.width() <= room.width()
    assert hint.height() <= room.height()
    assert view.size() == room
    for child in view.findChildren(QWidget):
        if not child.isVisible() or isinstance(child.parentWidget(), QScrollArea):
            continue
        if child.parentWidget() is not view:
            continue  # parts of a control, or inside the scrolling summary
        # Every control is wholly in the view and no narrower than it asks.
        name = child.objectName() or type(child).__name__
        assert view.rect().contains(child.geometry()), name
        if not isinstance(child, QScrollArea) and child.objectName() != "historyTable":
            assert child.width() >= child.minimumSizeHint().width(), name
            assert child.height() >= child.minimumSizeHint().height(), name


def test_the_summary_follows_new_entries_and_a_low_wide_window_keeps_room_for_it(
    journal, make_view
):
    view = make_view(CalendarView, journal, QSize(2400, 560))
    assert f"{long_date(TODAY)}: no entry" in summary_text(view)
    # The grid does not take the whole height: half the view is the summary's.
    assert view.summary_area.height() >= view.height() // 3

    add(journal, TODAY, "Skip-level lunch", 12, advice=1, mentor=1)
    view.refresh()

    text = summary_text(view)
    assert "12:05 \u00b7 Skip-level lunch \u00b7 lean +50.0" in text
    assert "1 entry \u00b7 lean +50.0, leaning leading \u00b7 1 advice request" in text
