"""The year calendar, driven as a person would, on a real journal file.

Dates are expected as ``long_date`` writes them ("Tuesday, 3 March 2026" in
English): Qt switches Python's time locale to the system's at start-up.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QToolButton, QToolTip, QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.ui.calendar.calendar_view import CalendarView
from leaderjournal.ui.calendar.year_calendar import YearCalendar
from leaderjournal.ui.common import style
from leaderjournal.ui.common.dates import long_date
from leaderjournal.ui.common.lean_colors import empty_color, lean_color, neutral_color

TODAY = date(2026, 3, 3)


def add(journal, day: date, **ratings: int) -> None:
    journal.entries.add(Entry.new(day, text="Something happened.", ratings=ratings))


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, name in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.Button, "#3a3a3a"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"),
        (QPalette.ColorRole.Highlight, "#3d7fc4"),
    ):
        palette.setColor(role, QColor(name))
    return palette


@pytest.fixture
def make_view(qtbot):
    def make(journal, today: date = TODAY) -> CalendarView:
        view = CalendarView(journal, today=lambda: today)
        qtbot.addWidget(view)
        view.show()
        qtbot.waitExposed(view)
        return view

    return make


def pixel(calendar: YearCalendar, day: date) -> str:
    image = calendar.grab().toImage()
    return image.pixelColor(calendar.cell_rect(day).center()).name()


def ask_for_tooltip(calendar: YearCalendar, day: date) -> None:
    """What Qt sends when the pointer rests on ``day``."""
    centre = calendar.cell_rect(day).center()
    event = QHelpEvent(QEvent.Type.ToolTip, centre, calendar.mapToGlobal(centre))
    QApplication.sendEvent(calendar, event)


def show_tooltip(calendar: YearCalendar, day: date) -> str:
    ask_for_tooltip(calendar, day)
    text = QToolTip.text()
    QToolTip.hideText()
    return text


def test_a_day_is_coloured_by_its_pooled_lean(journal, make_view):
    leading, managing, balanced = date(2026, 2, 2), date(2026, 2, 3), date(2026, 2, 4)
    add(journal, leading, influence=2, followers=2)
    add(journal, managing, mentor=-2)
    add(journal, balanced, growth=0)
    mixed = date(2026, 2, 5)  # +2 and -1 in two entries: 50 x 1/2 = +25
    add(journal, mixed, influence=2)
    add(journal, mixed, influence=-1)
    pooled = date(2026, 2, 6)  # entry leans +100 and -100, but pooled +50
    add(journal, pooled, influence=2, followers=2, growth=2)
    add(journal, pooled, influence=-2)
    calendar = make_view(journal).calendar
    palette = calendar.palette()

    assert calendar.color_of(leading).name() == style.LEADING.name()
    assert calendar.color_of(managing).name() == style.MANAGING.name()
    assert calendar.color_of(balanced).name() == neutral_color(palette).name()
    assert calendar.color_of(pooled).name() == lean_color(50, palette).name()
    assert pixel(calendar, leading) == style.LEADING.name()

    between = calendar.color_of(mixed)
    assert between.name() not in (neutral_color(palette).name(), style.LEADING.name())
    assert distance(between, style.LEADING) < distance(between, style.MANAGING)


def distance(a: QColor, b: QColor) -> int:
    """Squared distance in RGB."""
    return (
        (a.red() - b.red()) ** 2
        + (a.green() - b.green()) ** 2
        + (a.blue() - b.blue()) ** 2
    )


def test_the_colour_scale_runs_from_managing_through_neutral_to_leading(qapp):
    palette = QApplication.palette()

    assert lean_color(100, palette) == style.LEADING
    assert lean_color(-100, palette) == style.MANAGING
    assert lean_color(0, palette) == neutral_color(palette)
    assert lean_color(-25, palette).red() > lean_color(25, palette).red()
    assert lean_color(25, palette).blue() > lean_color(-25, palette).blue()


def test_entries_without_ratings_look_unlike_a_day_without_entries(journal, make_view):
    unrated, empty = date(2026, 2, 10), date(2026, 2, 11)
    add(journal, unrated)
    calendar = make_view(journal).calendar

    assert calendar.kind_of(unrated) == "unrated"
    assert calendar.kind_of(empty) == "empty"
    assert calendar.color_of(unrated) is None
    assert calendar.color_of(empty) is None
    assert pixel(calendar, unrated) != pixel(calendar, empty)
    assert pixel(calendar, empty) == empty_color(calendar.palette()).name()


def test_days_of_other_years_are_not_drawn(journal, make_view):
    add(journal, date(2025, 12, 31), influence=2)
    calendar = make_view(journal).calendar
    # 1 January 2026 is a Thursday: the first column starts on Monday 29 Dec.
    thursday = calendar.cell_rect(date(2026, 1, 1)).center()
    monday = thursday - QPoint(0, 3 * calendar.pitch())
    image = calendar.grab().toImage()

    assert calendar.day_at(monday) is None
    assert image.pixelColor(monday).name() == calendar.palette().window().color().name()
    with pytest.raises(ValueError, match="not in 2026"):
        calendar.cell_rect(date(2025, 12, 31))


def test_a_click_chooses_a_day_and_a_double_click_opens_it(qtbot, journal, make_view):
    view = make_view(journal)
    day = date(2026, 5, 14)
    centre = view.calendar.cell_rect(day).center()
    opened: list[date] = []
    view.day_opened.connect(opened.append)

    qtbot.mouseClick(view.calendar, Qt.MouseButton.LeftButton, pos=centre)
    assert view.calendar.focus_day() == day
    assert opened == []

    with qtbot.waitSignal(view.day_opened, timeout=1000) as opening:
        qtbot.mouseDClick(view.calendar, Qt.MouseButton.LeftButton, pos=centre)

    assert opening.args == [day]


def test_the_keyboard_moves_along_the_grid_and_opens_the_focused_day(
    qtbot, journal, make_view
):
    calendar = make_view(journal).calendar
    calendar.setFocus()
    assert calendar.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert calendar.focus_day() == TODAY  # a Tuesday

    # Down the column is the next day; along the row, the next week.
    qtbot.keyClick(calendar, Qt.Key.Key_Down)
    with qtbot.waitSignal(calendar.day_opened, timeout=1000) as opened:
        qtbot.keyClick(calendar, Qt.Key.Key_Return)
    assert opened.args == [date(2026, 3, 4)]

    qtbot.keyClick(calendar, Qt.Key.Key_Right)
    qtbot.keyClick(calendar, Qt.Key.Key_Up)
    with qtbot.waitSignal(calendar.day_opened, timeout=1000) as opened:
        qtbot.keyClick(calendar, Qt.Key.Key_Space)
    assert opened.args == [date(2026, 3, 10)]

    qtbot.keyClick(calendar, Qt.Key.Key_End)
    assert calendar.focus_day() == date(2026, 12, 31)
    qtbot.keyClick(calendar, Qt.Key.Key_Right)  # no next week in this year
    assert calendar.focus_day() == date(2026, 12, 31)
    qtbot.keyClick(calendar, Qt.Key.Key_Home)
    qtbot.keyClick(calendar, Qt.Key.Key_Left)
    assert calendar.focus_day() == date(2026, 1, 1)


def test_the_focused_day_is_described_for_screen_readers(qtbot, journal, make_view):
    add(journal, date(2026, 3, 4), influence=1)
    calendar = make_view(journal).calendar

    assert calendar.accessibleName() == "Year calendar of 2026"
    assert calendar.accessibleDescription() == f"{long_date(TODAY)}: no entry"
    qtbot.keyClick(calendar, Qt.Key.Key_Down)
    assert calendar.accessibleDescription() == (
        f"{long_date(date(2026, 3, 4))}: 1 entry \u00b7 lean +50.0, leaning leading"
    )


def test_hovering_a_day_tells_its_date_lean_and_entries(journal, make_view):
    day = date(2026, 3, 3)
    add(journal, day, influence=2)
    add(journal, day, influence=-1)
    add(journal, date(2026, 3, 5))
    calendar = make_view(journal).calendar

    text = show_tooltip(calendar, day)

    assert text.splitlines()[0] == long_date(day)
    assert "2 entries" in text
    assert "+25.0" in text
    assert "1 entry \u00b7 not rated" in show_tooltip(calendar, date(2026, 3, 5))
    assert "no entry" in show_tooltip(calendar, date(2026, 3, 6))


def test_a_shown_tooltip_follows_the_pointer_at_once(qtbot, journal, make_view):
    add(journal, date(2026, 3, 4), influence=-1)
    calendar = make_view(journal).calendar
    qtbot.mouseMove(calendar, calendar.cell_rect(date(2026, 3, 3)).center())
    ask_for_tooltip(calendar, date(2026, 3, 3))
    assert QToolTip.text().startswith(long_date(date(2026, 3, 3)))

    qtbot.mouseMove(calendar, calendar.cell_rect(date(2026, 3, 4)).center())

    assert QToolTip.text().startswith(f"{long_date(date(2026, 3, 4))}\n1 entry")
    assert "-50.0" in QToolTip.text()
    QToolTip.hideText()


def tab_order(start: QWidget, count: int) -> list[QWidget]:
    """The widgets Tab goes through, from ``start``."""
    found, widget = [start], start
    while len(found) < count:
        widget = widget.nextInFocusChain()
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isEnabled():
            found.append(widget)
    return found


def test_the_arrows_show_the_year_before_and_after(qtbot, journal, make_view):
    add(journal, date(2025, 7, 1), influence=-2)
    view = make_view(journal)
    year = view.findChild(QLabel, "yearLabel")
    previous = view.findChild(QToolButton, "previousYearButton")
    following = view.findChild(QToolButton, "nextYearButton")
    assert (previous.accessibleName(), following.accessibleName()) == (
        "Previous year",
        "Next year",
    )
    assert tab_order(previous, 3) == [previous, following, view.calendar]
    assert year.text() == "2026"
    assert view.calendar.kind_of(date(2026, 7, 1)) == "empty"

    qtbot.mouseClick(previous, Qt.MouseButton.LeftButton)

    assert year.text() == "2025"
    assert view.calendar.accessibleName() == "Year calendar of 2025"
    assert view.calendar.color_of(date(2025, 7, 1)) == style.MANAGING
    assert view.calendar.focus_day() == date(2025, 3, 3)

    qtbot.mouseClick(following, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(following, Qt.MouseButton.LeftButton)
    assert year.text() == "2027"
    qtbot.keyClick(view.calendar, Qt.Key.Key_PageUp)
    assert year.text() == "2026"


def test_a_year_is_read_in_one_query(journal, qtbot):
    asked: list[tuple[date, date]] = []

    def day_totals(start: date, end: date):
        asked.append((start, end))
        return journal.entries.day_totals(start, end)

    calendar = YearCalendar(day_totals, today=lambda: TODAY)
    qtbot.addWidget(calendar)
    calendar.set_year(2024)

    assert asked == [
        (date(2026, 1, 1), date(2026, 12, 31)),
        (date(2024, 1, 1), date(2024, 12, 31)),
    ]
    assert calendar.sizeHint().width() <= 54 * 14 + 60


def test_streaks_are_counted_over_month_ends_and_gaps(journal, make_view):
    for day in (30, 31):
        add(journal, date(2026, 1, day), influence=1)
    add(journal, date(2026, 2, 1))
    add(journal, date(2026, 2, 1), mentor=-1)
    add(journal, date(2026, 2, 3), mentor=-1)  # 2 February missed

    view = make_view(journal, today=date(2026, 2, 3))

    assert view.findChild(QLabel, "streakLabel").text() == (
        "5 entries \u00b7 4 days journaled \u00b7 current streak 1 day"
        " \u00b7 longest streak 3 days"
    )


def test_streaks_span_new_year_and_refresh_shows_new_entries(journal, make_view):
    for day in (date(2025, 12, 30), date(2025, 12, 31), date(2026, 1, 1)):
        add(journal, day, growth=1)
    view = make_view(journal, today=date(2026, 1, 2))
    label = view.findChild(QLabel, "streakLabel")
    assert "current streak 3 days \u00b7 longest streak 3 days" in label.text()

    add(journal, date(2026, 1, 2), growth=-2)
    view.refresh()

    assert label.text() == (
        "4 entries \u00b7 4 days journaled \u00b7 current streak 4 days"
        " \u00b7 longest streak 4 days"
    )
    assert view.calendar.color_of(date(2026, 1, 2)) == style.MANAGING


def test_days_stay_distinguishable_in_a_dark_palette(journal, make_view):
    unrated, empty, balanced = date(2026, 2, 10), date(2026, 2, 11), date(2026, 2, 12)
    add(journal, unrated)
    add(journal, balanced, influence=0)
    view = make_view(journal)
    view.setPalette(dark_palette())
    calendar = view.calendar
    palette = calendar.palette()
    window = palette.window().color()
    assert window.name() == "#2b2b2b"

    shown = {day: pixel(calendar, day) for day in (unrated, empty, balanced)}

    assert shown[empty] == empty_color(palette).name()
    assert len({window.name(), *shown.values()}) == 4
    assert distance(empty_color(palette), window) >= 3 * 15**2
    assert distance(neutral_color(palette), empty_color(palette)) >= 3 * 30**2


def test_the_calendar_tab_opens_a_double_clicked_day_in_the_day_view(
    qtbot, journal, make_window
):
    day = date.today().replace(day=1)
    journal.entries.add(
        Entry.new(day, title="First of the month", ratings={"influence": 1})
    )
    window = make_window(journal)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view() is window.calendar_view
    grid = window.calendar_view.calendar

    qtbot.mouseDClick(grid, Qt.MouseButton.LeftButton, pos=grid.cell_rect(day).center())

    assert window.current_view() is window.day_view
    assert window.day_view.day() == day
    assert window.day_view.form.title_edit.text() == "First of the month"
