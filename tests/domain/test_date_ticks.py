"""Which dates a time axis names, at any width."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given
from hypothesis import strategies as st

from leaderjournal.domain.date_ticks import date_ticks


def width(text: str) -> float:
    """A monospaced stand-in for a font: 7 px a character."""
    return 7.0 * len(text)


def ticks(first: dt.date, last: dt.date, pixels: float) -> list[tuple[dt.date, str]]:
    return date_ticks(
        first.toordinal() - 0.5, last.toordinal() + 0.5, pixels, width, gap=7
    )


def test_weeks_start_on_mondays_and_the_month_is_named_where_it_changes():
    shown = ticks(dt.date(2026, 10, 9), dt.date(2026, 11, 5), 300)
    assert shown == [
        (dt.date(2026, 10, 12), "12 Oct"),
        (dt.date(2026, 10, 19), "19"),
        (dt.date(2026, 10, 26), "26"),
        (dt.date(2026, 11, 2), "2 Nov"),
    ]
    assert all(day.weekday() == 0 for day, _ in shown)


def test_a_wide_axis_names_every_day():
    shown = ticks(dt.date(2026, 12, 28), dt.date(2027, 1, 3), 700)
    assert [label for _, label in shown] == [
        "28 Dec",
        "29",
        "30",
        "31",
        "1 Jan",
        "2",
        "3",
    ]


def test_months_name_the_year_at_the_first_and_where_it_changes():
    shown = ticks(dt.date(2025, 11, 10), dt.date(2026, 3, 10), 260)
    assert [label for _, label in shown] == ["Dec 2025", "Jan 2026", "Feb", "Mar"]


def test_two_hundred_years_are_named_by_decades_or_more():
    shown = ticks(dt.date(1900, 1, 1), dt.date(2100, 12, 31), 600)
    years = [int(label) for _, label in shown]
    assert len(years) >= 3
    assert {b - a for a, b in itertools.pairwise(years)} in ({20}, {50})


def test_nothing_fits_on_a_tiny_axis():
    assert ticks(dt.date(2026, 1, 1), dt.date(2026, 12, 31), 5) == []
    assert ticks(dt.date(2026, 1, 1), dt.date(2025, 1, 1), 500) == []


@given(
    first=st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
    days=st.integers(0, 80_000),
    pixels=st.floats(20, 3000),
)
def test_labels_lie_inside_the_axis_and_never_touch(first, days, pixels):
    last = min(first + dt.timedelta(days=days), dt.date(2100, 12, 31))
    lo, hi = first.toordinal() - 0.5, last.toordinal() + 0.5
    shown = date_ticks(lo, hi, pixels, width, gap=7)
    per_day = pixels / (hi - lo)
    spans = [
        ((day.toordinal() - lo) * per_day, width(label) / 2) for day, label in shown
    ]
    for centre, half in spans:
        assert centre - half >= 0
        assert centre + half <= pixels + 1e-6
    for (left, left_half), (right, right_half) in itertools.pairwise(spans):
        assert right - left >= left_half + right_half + 7 - 1e-6
