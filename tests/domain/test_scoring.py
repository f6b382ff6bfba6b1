"""Scores as DESIGN.md defines them ("Scale and scores" is normative)."""

import datetime as dt
from fractions import Fraction

import pytest

from leaderjournal.domain.dimensions import SCALE, SCALE_LABELS
from leaderjournal.domain.entry import Entry
from leaderjournal.domain.scoring import (
    day_lean,
    describe_lean,
    dimension_lean,
    dimension_leans,
    entry_lean,
    format_lean,
    iso_week_id,
    lean,
    period_lean,
    rolling_lean,
    rolling_series,
    round_lean,
    week_bounds,
)

UTC = dt.UTC
WRITTEN = dt.datetime(2026, 3, 1, 20, 0, tzinfo=UTC)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def entry(on: str, **ratings: int | None) -> Entry:
    return Entry.new(day(on), at=WRITTEN, ratings=ratings)


# -- lean of a set of ratings -------------------------------------------------


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ([2], 100),  # 50 * 2
        ([-2], -100),  # 50 * -2
        ([1], 50),  # 50 * 1
        ([1, 2], 75),  # 50 * (1 + 2) / 2
        ([-1, 2, 2, -2, 1], 20),  # 50 * (2 / 5)
        ([1, 0, 0], Fraction(50, 3)),  # 50 * (1 / 3), kept exact
        ([2, 2, -2, -2], 0),  # 50 * (0 / 4)
    ],
)
def test_lean_is_fifty_times_the_mean(ratings, expected):
    assert lean(ratings) == expected


def test_lean_is_exact_not_a_float():
    # 50 * (1 + 1 + 0) / 3 = 100/3, exactly
    result = lean([1, 1, 0])
    assert isinstance(result, Fraction)
    assert result == Fraction(100, 3)


@pytest.mark.parametrize("ratings", [[], [None], [None, None, None]])
def test_lean_of_no_ratings_is_none(ratings):
    assert lean(ratings) is None


def test_a_rating_of_zero_is_not_the_same_as_not_rated():
    assert lean([0]) == 0  # 50 * 0 / 1
    assert lean([0]) is not None
    assert lean([None]) is None


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ({"influence": 0}, 0),  # 50 * 0 / 1: "both in balance" counts
        ({}, None),  # nothing rated
        ({"influence": 2, "followers": None}, 100),  # 50 * 2 / 1, not 50 * 2 / 2
        ({"influence": 2, "followers": 0}, 50),  # 50 * (2 + 0) / 2
        ({"influence": -1, "growth": -2, "mentor": 0}, -50),  # 50 * (-3 / 3)
    ],
)
def test_entry_lean_uses_only_given_ratings(ratings, expected):
    assert entry_lean(entry("2026-03-02", **ratings)) == expected


def test_entry_lean_with_every_dimension_rated():
    e = entry(
        "2026-03-02", influence=2, followers=1, growth=0, relationship=-1, mentor=2
    )
    assert entry_lean(e) == 40  # 50 * (2 + 1 + 0 - 1 + 2) / 5 = 50 * 4/5


# -- day, dimension and period leans pool ratings -----------------------------


def test_day_lean_pools_all_ratings_of_the_day():
    a = entry("2026-03-02", influence=2, followers=2, growth=2, relationship=2)
    b = entry("2026-03-02", influence=-2)
    # pooled: 50 * (2 + 2 + 2 + 2 - 2) / 5 = 50 * 6/5 = 60
    assert day_lean([a, b], day("2026-03-02")) == 60
    # a mean of the entry means would be (100 + -100) / 2 = 0: not what we show
    assert (entry_lean(a) + entry_lean(b)) / 2 == 0


def test_day_lean_ignores_other_days_and_unrated_entries():
    entries = [
        entry("2026-03-01", influence=-2),
        entry("2026-03-02", influence=1),
        entry("2026-03-02"),  # written but not rated
        entry("2026-03-03", influence=-2),
    ]
    assert day_lean(entries, day("2026-03-02")) == 50  # 50 * 1 / 1
    assert day_lean(entries, day("2026-03-04")) is None  # no entries
    assert day_lean([entry("2026-03-05")], day("2026-03-05")) is None  # no ratings


def test_dimension_lean_uses_only_that_dimension():
    entries = [
        entry("2026-03-02", influence=2, mentor=-2),
        entry("2026-03-03", influence=-1, mentor=-2),
        entry("2026-03-04", influence=None, growth=2),
    ]
    assert dimension_lean(entries, "influence") == 25  # 50 * (2 - 1) / 2
    assert dimension_lean(entries, "mentor") == -100  # 50 * (-2 - 2) / 2
    assert dimension_lean(entries, "followers") is None  # never rated


def test_dimension_leans_covers_every_dimension():
    entries = [
        entry("2026-03-02", influence=2, relationship=0),
        entry("2026-03-03", influence=1, relationship=-1),
    ]
    assert dimension_leans(entries) == {
        "influence": 75,  # 50 * (2 + 1) / 2
        "followers": None,
        "growth": None,
        "relationship": -25,  # 50 * (0 - 1) / 2
        "mentor": None,
    }


def test_dimension_leans_accepts_a_one_shot_iterator():
    entries = iter([entry("2026-03-02", influence=2), entry("2026-03-03", growth=-1)])
    result = dimension_leans(entries)
    assert result["influence"] == 100  # 50 * 2 / 1
    assert result["growth"] == -50  # 50 * -1 / 1


def test_period_lean_includes_both_bounds():
    entries = [
        entry("2026-03-01", influence=-2),  # the day before: outside
        entry("2026-03-02", influence=2),  # start: inside
        entry("2026-03-05", influence=0, followers=1),  # inside
        entry("2026-03-08", influence=1),  # end: inside
        entry("2026-03-09", influence=-2),  # the day after: outside
    ]
    # 50 * (2 + 0 + 1 + 1) / 4 = 50
    assert period_lean(entries, day("2026-03-02"), day("2026-03-08")) == 50
    # a one-day period: 50 * 2 / 1
    assert period_lean(entries, day("2026-03-02"), day("2026-03-02")) == 100
    # a period without entries
    assert period_lean(entries, day("2026-04-01"), day("2026-04-30")) is None


def test_week_lean_is_the_period_lean_of_its_iso_week():
    entries = [
        entry("2026-03-01", influence=2),  # Sunday of the week before
        entry("2026-03-02", influence=1),  # Monday of 2026-W10
        entry("2026-03-08", influence=-2, mentor=-2),  # Sunday of 2026-W10
        entry("2026-03-09", influence=2),  # Monday of 2026-W11
    ]
    monday, sunday = week_bounds("2026-W10")
    assert period_lean(entries, monday, sunday) == -50  # 50 * (1 - 2 - 2) / 3


# -- rolling lean ---------------------------------------------------------------

# An irregular journal: gaps, several entries on a day, unrated entries.
JOURNAL = [
    entry("2026-03-01", influence=2, followers=2),
    entry("2026-03-03", influence=2),
    entry("2026-03-04", influence=-1),
    entry("2026-03-04", growth=0, mentor=None),
    entry("2026-03-10", influence=2, followers=1),
    entry("2026-03-11"),  # written, nothing rated
    entry("2026-03-13", relationship=-2),
    entry("2026-03-25", mentor=1, growth=-2, influence=0),
    entry("2026-03-26", mentor=2),
]


def test_rolling_lean_covers_the_seven_days_ending_on_the_day():
    # window for 03-10 is 03-04..03-10; 03-03 (d-7) is outside, 03-04 (d-6) inside
    # 50 * (-1 + 0 + 2 + 1) / 4 = 50 * 2/4 = 25
    assert rolling_lean(JOURNAL, day("2026-03-10")) == 25


def test_rolling_lean_on_a_day_without_entries_uses_its_window():
    # window for 03-12 is 03-06..03-12: 03-10 (2, 1) and 03-11 (no ratings)
    assert rolling_lean(JOURNAL, day("2026-03-12")) == 75  # 50 * (2 + 1) / 2
    # window for 03-09 is 03-03..03-09: 03-03 (2), 03-04 (-1, 0)
    assert rolling_lean(JOURNAL, day("2026-03-09")) == Fraction(50, 3)  # 50 * 1/3


def test_rolling_lean_is_none_when_the_whole_window_is_empty():
    # window for 03-22 is 03-16..03-22: no entries at all
    assert rolling_lean(JOURNAL, day("2026-03-22")) is None
    # window for 03-20 is 03-14..03-20: no entries; 03-13 is just outside
    assert rolling_lean(JOURNAL, day("2026-03-20")) is None
    # window for 03-19 is 03-13..03-19: 03-13 only
    assert rolling_lean(JOURNAL, day("2026-03-19")) == -100  # 50 * -2 / 1


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2026-02-20", "2026-04-05"),  # from before the first entry to after
        ("2026-03-01", "2026-03-31"),  # the month of the journal
        ("2026-03-09", "2026-03-27"),  # a chart that starts mid-journal
        ("2026-03-18", "2026-03-28"),  # starts just after a busy stretch
        ("2026-03-10", "2026-03-10"),  # a single day
    ],
)
def test_rolling_series_matches_rolling_lean_on_every_day(start, end):
    series = rolling_series(JOURNAL, day(start), day(end))
    first, last = day(start), day(end)
    expected_days = [
        first + dt.timedelta(days=i) for i in range((last - first).days + 1)
    ]
    assert [d for d, _ in series] == expected_days
    assert series == [(d, rolling_lean(JOURNAL, d)) for d in expected_days]


def test_rolling_series_has_gaps_where_the_window_is_empty():
    series = dict(rolling_series(JOURNAL, day("2026-02-20"), day("2026-03-31")))
    assert series[day("2026-03-19")] == -100  # 03-13..03-19: 50 * -2 / 1
    assert series[day("2026-03-20")] is None  # 03-14..03-20: empty
    assert series[day("2026-03-24")] is None  # 03-18..03-24: empty
    assert series[day("2026-03-25")] == Fraction(-50, 3)  # 50 * (1 - 2 + 0) / 3
    assert series[day("2026-03-26")] == Fraction(25, 2)  # 50 * (1 - 2 + 0 + 2) / 4
    assert series[day("2026-02-28")] is None  # before the first entry


# -- rounding and words ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(25, 2), 12.5),  # 12.5 stays 12.5
        (Fraction(50, 8), 6.3),  # 6.25: a half, away from zero
        (Fraction(-50, 8), -6.3),  # -6.25: a half, away from zero
        (Fraction(49, 4), 12.3),  # 12.25
        (Fraction(50, 3), 16.7),  # 16.666...
        (Fraction(-50, 3), -16.7),  # -16.666...
        (Fraction(100, 3), 33.3),  # 33.333...
        (Fraction(175, 4), 43.8),  # 43.75 = 50 * 7/8
        (Fraction(100), 100.0),
        (Fraction(-100), -100.0),
        (Fraction(0), 0.0),
    ],
)
def test_round_lean_to_one_decimal_halves_away_from_zero(value, expected):
    assert round_lean(value) == expected


def test_round_lean_of_a_computed_lean():
    # seven 1s and a 0: 50 * 7/8 = 43.75 -> 43.8
    assert round_lean(lean([1, 1, 1, 1, 1, 1, 1, 0])) == 43.8


def test_round_lean_of_nothing_is_none():
    assert round_lean(None) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(25, 2), "+12.5"),
        (Fraction(-40), "-40.0"),
        (Fraction(0), "0.0"),
        (Fraction(100), "+100.0"),
        (Fraction(-100), "-100.0"),
        (Fraction(50, 3), "+16.7"),  # 16.666... -> 16.7
        (Fraction(-50, 8), "-6.3"),  # -6.25 -> -6.3
        (Fraction(-1, 40), "0.0"),  # -0.025 rounds to zero: no "-0.0"
        (Fraction(1, 40), "0.0"),  # +0.025 rounds to zero: no "+0.0"
        (12.5, "+12.5"),  # a float as read back from a chart
        (-40, "-40.0"),  # an int
    ],
)
def test_format_lean_shows_a_sign_and_one_decimal(value, expected):
    assert format_lean(value) == expected


def test_format_lean_of_nothing_is_empty():
    assert format_lean(None) == ""
    assert format_lean(None, empty="\u2014") == "\u2014"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (-100, "strongly managing"),
        (-75, "strongly managing"),  # mean -1.5
        (Fraction(-149, 2), "leaning managing"),  # -74.5: mean -1.49
        (-50, "leaning managing"),
        (-25, "leaning managing"),  # mean -0.5
        (Fraction(-49, 2), "both in balance"),  # -24.5: mean -0.49
        (0, "both in balance"),
        (Fraction(49, 2), "both in balance"),  # 24.5: mean 0.49
        (25, "leaning leading"),  # mean 0.5
        (50, "leaning leading"),
        (Fraction(149, 2), "leaning leading"),  # 74.5: mean 1.49
        (75, "strongly leading"),  # mean 1.5
        (100, "strongly leading"),
        (None, "not rated"),
    ],
)
def test_describe_lean_uses_the_scale_words(value, expected):
    assert describe_lean(value) == expected


@pytest.mark.parametrize("rating", SCALE)
def test_describe_lean_of_one_rating_matches_its_scale_label(rating):
    assert describe_lean(lean([rating])) == SCALE_LABELS[rating].lower()


# -- ISO weeks ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "week"),
    [
        ("2026-11-30", "2026-W49"),  # a Monday
        ("2026-11-29", "2026-W48"),  # the Sunday before it
        ("2026-12-31", "2026-W53"),  # 2026 has 53 ISO weeks
        ("2027-01-03", "2026-W53"),  # a Sunday in January, still 2026's week
        ("2027-01-04", "2027-W01"),  # the Monday after
        ("2024-12-30", "2025-W01"),  # a December Monday in next year's week 1
        ("2021-01-03", "2020-W53"),
        ("2026-01-05", "2026-W02"),  # two-digit week with a leading zero
    ],
)
def test_iso_week_id(on, week):
    assert iso_week_id(day(on)) == week


@pytest.mark.parametrize(
    ("week", "monday", "sunday"),
    [
        ("2026-W53", "2026-12-28", "2027-01-03"),
        ("2027-W01", "2027-01-04", "2027-01-10"),
        ("2025-W01", "2024-12-30", "2025-01-05"),
        ("2026-W10", "2026-03-02", "2026-03-08"),
    ],
)
def test_week_bounds_are_monday_and_sunday(week, monday, sunday):
    assert week_bounds(week) == (day(monday), day(sunday))


def test_week_bounds_round_trip_over_year_ends():
    first = day("2024-12-20")
    for offset in range(760):  # to 2027-01-18: crosses three year ends
        d = first + dt.timedelta(days=offset)
        monday, sunday = week_bounds(iso_week_id(d))
        assert monday <= d <= sunday, d
        assert monday.isoweekday() == 1
        assert sunday - monday == dt.timedelta(days=6)
        assert iso_week_id(monday) == iso_week_id(sunday) == iso_week_id(d)


@pytest.mark.parametrize(
    "week",
    [
        "",
        "2026",
        "2026-48",
        "2026W48",
        "2026-w48",
        "2026-W5",
        "26-W48",
        "2026-W048",
        " 2026-W48",
        "2026-W48 ",
        "2026-W48\n",
        "2026-W00",
        "2026-W54",
        "2025-W53",  # 2025 has only 52 ISO weeks
        "\u0662\u0660\u0662\u0666-W\u0664\u0668",  # Arabic-Indic digits
    ],
)
def test_week_bounds_refuses_a_malformed_id(week):
    with pytest.raises(ValueError):  # noqa: PT011
        week_bounds(week)
