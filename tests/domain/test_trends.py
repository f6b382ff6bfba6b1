"""The trends chart's series, tested as data (x and y per series), not pixels."""

from __future__ import annotations

import datetime as dt

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.domain.scoring import rolling_series
from leaderjournal.domain.trends import (
    Series,
    granularity_for,
    range_start,
    trend,
)
from leaderjournal.domain.weeks import day_totals

AT = dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.UTC)
D = dt.date


def entry(day: dt.date, advice: int = 0, **ratings: int) -> Entry:
    return Entry.new(day, at=AT, ratings=ratings, advice_requests=advice)


# A small journal, every figure below counted by hand.
#   Mon 2 Mar: influence +2, mentor -1 (one entry) and influence +1 (another entry)
#   Tue 3 Mar: (not rated), advice 3
#   Thu 5 Mar: followers -2, advice 1
#   Mon 9 Mar: mentor +2
#   Mon 16 Mar: influence 0, advice 2
JOURNAL = [
    entry(D(2026, 3, 2), influence=2, mentor=-1),
    entry(D(2026, 3, 2), influence=1),
    entry(D(2026, 3, 3), advice=3),
    entry(D(2026, 3, 5), advice=1, followers=-2),
    entry(D(2026, 3, 9), mentor=2),
    entry(D(2026, 3, 16), advice=2, influence=0),
]


def test_a_short_range_shows_days_with_the_rolling_line():
    data = trend(day_totals(JOURNAL), D(2026, 3, 2), D(2026, 3, 16))
    assert data.granularity == "day"
    # Day leans (pooled): 2 Mar 50*(2-1+1)/3 = 33.3..; 5 Mar -100; 9 Mar +100;
    # 16 Mar 0. 3 Mar has entries but no ratings: no point.
    assert data.points.x == (
        D(2026, 3, 2),
        D(2026, 3, 5),
        D(2026, 3, 9),
        D(2026, 3, 16),
    )
    assert data.points.y == pytest.approx((100 / 3, -100.0, 100.0, 0.0))
    # Rolling on 8 Mar: window 2..8 Mar -> ratings 2,-1,1,-2 -> 50*0/4 = 0.
    # Rolling on 9 Mar: window 3..9 Mar -> -2, 2 -> 0. On 13 Mar: 7..13 -> +2 -> 100.
    # On 15 Mar: window 9..15 -> +2 -> 100; 16 Mar: 10..16 -> 0 -> 0.
    rolling = dict(zip(data.line.x, data.line.y, strict=True))
    assert len(rolling) == 15  # one value per day, gaps included
    assert rolling[D(2026, 3, 8)] == 0.0
    assert rolling[D(2026, 3, 13)] == 100.0
    assert rolling[D(2026, 3, 16)] == 0.0


def test_the_rolling_line_equals_the_domain_rolling_lean_every_day():
    start, end = D(2026, 3, 2), D(2026, 3, 20)
    data = trend(day_totals(JOURNAL), start, end)
    expected = [
        (day, None if v is None else float(v))
        for day, v in rolling_series(JOURNAL, start, end)
    ]
    assert list(zip(data.line.x, data.line.y, strict=True)) == expected


def test_a_day_with_no_ratings_in_its_window_is_a_gap():
    data = trend(day_totals(JOURNAL), D(2026, 3, 2), D(2026, 3, 31))
    rolling = dict(zip(data.line.x, data.line.y, strict=True))
    # 23..29 Mar: nothing rated (16 Mar left the window on the 23rd).
    assert rolling[D(2026, 3, 22)] == 0.0
    assert rolling[D(2026, 3, 23)] is None


def test_per_dimension_rolling_lines():
    data = trend(day_totals(JOURNAL), D(2026, 3, 2), D(2026, 3, 16))
    influence = dict(
        zip(data.dimensions["influence"].x, data.dimensions["influence"].y, strict=True)
    )
    mentor = dict(
        zip(data.dimensions["mentor"].x, data.dimensions["mentor"].y, strict=True)
    )
    # Power on 2 Mar: +2 and +1 -> 75. On 16 Mar: window 10..16 -> 0 -> 0.
    assert influence[D(2026, 3, 2)] == 75.0
    assert influence[D(2026, 3, 16)] == 0.0
    # Mentor on 8 Mar: window 2..8 holds -1 only -> -50. On 9 Mar: window
    # 3..9 holds +2 only -> 100 (2 Mar's -1 has left the window).
    assert mentor[D(2026, 3, 8)] == -50.0
    assert mentor[D(2026, 3, 9)] == 100.0
    assert set(data.dimensions) == {
        "influence",
        "followers",
        "growth",
        "relationship",
        "mentor",
    }


def test_advice_is_summed_per_iso_week():
    data = trend(day_totals(JOURNAL), D(2026, 3, 2), D(2026, 3, 16))
    # Week of 2 Mar: 3 + 1 = 4; week of 9 Mar: 0; week of 16 Mar: 2.
    assert data.advice == Series(
        (D(2026, 3, 2), D(2026, 3, 9), D(2026, 3, 16)), (4.0, 0.0, 2.0)
    )
    assert data.advice_period == "week"


def test_a_year_is_aggregated_by_iso_week_and_says_so():
    data = trend(day_totals(JOURNAL), D(2025, 3, 17), D(2026, 3, 16))
    assert data.granularity == "week"
    # Week of 2 Mar pools 2, -1, 1, -2 -> 0; week of 9 Mar: +2 -> 100;
    # week of 16 Mar: 0 -> 0.
    assert data.points == Series(
        (D(2026, 3, 2), D(2026, 3, 9), D(2026, 3, 16)), (0.0, 100.0, 0.0)
    )
    assert data.line == data.points
    assert "week" in data.caption()
    assert "pooled" in data.caption()


def test_ten_years_are_aggregated_by_month_never_by_day():
    start, end = D(2016, 3, 1), D(2026, 3, 31)
    journal = [
        entry(start + dt.timedelta(days=n), influence=(n % 5) - 2)
        for n in range((end - start).days + 1)
    ]
    data = trend(day_totals(journal), start, end)
    assert data.granularity == "month"
    assert len(data.points.x) == 121  # March 2016 .. March 2026
    assert all(day.day == 1 for day in data.points.x)
    assert data.advice_period == "month"
    assert "month" in data.caption()


def test_granularity_thresholds():
    start = D(2026, 1, 1)
    assert granularity_for(start, start + dt.timedelta(days=99)) == "day"
    assert granularity_for(start, start + dt.timedelta(days=100)) == "week"
    assert granularity_for(start, start + dt.timedelta(days=3 * 366 - 1)) == "week"
    assert granularity_for(start, start + dt.timedelta(days=3 * 366)) == "month"


def test_named_ranges_end_today():
    today = D(2026, 11, 29)
    assert range_start("4w", today, None) == D(2026, 11, 2)
    assert range_start("3m", today, None) == D(2026, 8, 31)
    assert range_start("1y", today, None) == D(2025, 11, 30)
    assert range_start("all", today, D(2019, 5, 4)) == D(2019, 5, 4)
    assert range_start("all", today, None) == today
