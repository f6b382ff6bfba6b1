"""The unfinished week or month at the end of a long range is said to be so."""

from __future__ import annotations

import datetime as dt

from leaderjournal.domain.entry import Entry
from leaderjournal.domain.trends import trend
from leaderjournal.domain.weeks import day_totals

AT = dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.UTC)
D = dt.date


def entry(day: dt.date, advice: int = 0, **ratings: int) -> Entry:
    return Entry.new(day, at=AT, ratings=ratings, advice_requests=advice)


def test_this_week_so_far_is_the_partial_last_point_of_a_year():
    wednesday = D(2026, 12, 2)
    journal = [
        entry(D(2026, 11, 24), influence=2, advice=3),
        entry(wednesday, mentor=-2, advice=1),
    ]
    data = trend(day_totals(journal), wednesday - dt.timedelta(days=364), wednesday)
    assert data.granularity == "week"
    assert data.points.x[-1] == D(2026, 11, 30)  # the Monday of this week
    assert data.partial
    assert data.advice_partial
    assert data.partial_words == "this week so far"
    assert "this week so far" in data.caption()


def test_a_week_that_ended_today_is_complete():
    sunday = D(2026, 12, 6)
    journal = [entry(D(2026, 12, 2), mentor=-2), entry(sunday, influence=1)]
    data = trend(day_totals(journal), sunday - dt.timedelta(days=364), sunday)
    assert not data.partial
    assert not data.advice_partial
    assert data.partial_words == ""
    assert "so far" not in data.caption()


def test_an_unrated_current_week_leaves_the_last_dot_complete():
    wednesday = D(2026, 12, 2)
    journal = [entry(D(2026, 11, 24), influence=2), entry(wednesday, advice=2)]
    data = trend(day_totals(journal), wednesday - dt.timedelta(days=364), wednesday)
    assert data.points.x[-1] == D(2026, 11, 23)  # last week: a whole week
    assert not data.partial
    assert data.advice_partial  # the advice bar of this week is a part week


def test_this_month_so_far_over_all_the_years():
    today = D(2026, 12, 2)
    journal = [entry(D(2020, 1, 6), influence=1), entry(today, influence=-2)]
    data = trend(day_totals(journal), D(2020, 1, 6), today)
    assert data.granularity == "month"
    assert data.points.x[-1] == D(2026, 12, 1)
    assert data.partial
    assert data.partial_words == "this month so far"
    assert "this month so far" in data.caption()


def test_days_are_never_partial_but_this_weeks_advice_bar_is():
    wednesday = D(2026, 12, 2)
    journal = [entry(wednesday, influence=1, advice=2)]
    data = trend(day_totals(journal), wednesday - dt.timedelta(days=27), wednesday)
    assert data.granularity == "day"
    assert not data.partial
    assert data.advice_partial
    assert "this week so far" in data.caption()


def test_the_first_week_of_a_year_is_a_whole_week():
    # The year starts on a Wednesday: its first week's dot and advice bar
    # pool the whole ISO week (Monday and Tuesday included), never a part.
    wednesday = D(2025, 12, 3)
    journal = [
        entry(D(2025, 12, 1), influence=-2, advice=5),
        entry(wednesday, influence=2, advice=1),
        entry(D(2026, 12, 1), influence=1),
    ]
    data = trend(day_totals(journal), wednesday, D(2026, 12, 2))
    assert data.points.x[0] == D(2025, 12, 1)
    assert data.points.y[0] == 0.0  # -2 and +2 pooled
    assert data.advice.y[0] == 6.0


def test_the_first_month_of_a_long_range_is_a_whole_month():
    start = D(2023, 11, 20)
    journal = [
        entry(D(2023, 11, 2), mentor=-2),
        entry(start, mentor=1),
        entry(D(2026, 12, 1), influence=1),
    ]
    data = trend(day_totals(journal), start, D(2026, 12, 2))
    assert data.granularity == "month"
    assert data.points.x[0] == D(2023, 11, 1)
    assert data.points.y[0] == -25.0  # -2 and +1 pooled


def test_days_before_a_range_of_days_draw_no_points():
    wednesday = D(2026, 12, 2)
    start = wednesday - dt.timedelta(days=27)  # a Thursday
    journal = [
        entry(start - dt.timedelta(days=1), influence=2),
        entry(start, influence=1),
    ]
    data = trend(day_totals(journal), start, wednesday)
    assert data.points.x == (start,)
