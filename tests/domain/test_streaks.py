"""Streaks, counted by hand on a calendar."""

from __future__ import annotations

from datetime import date

import pytest

from leaderjournal.domain.streaks import Streaks, streaks


def test_no_days_means_no_streak():
    assert streaks([], date(2026, 3, 3)) == Streaks(0, 0, 0)


def test_a_streak_runs_across_a_month_boundary():
    days = [date(2026, 1, 30), date(2026, 1, 31), date(2026, 2, 1), date(2026, 2, 2)]

    assert streaks(days, today=date(2026, 2, 2)) == Streaks(4, 4, 4)


def test_a_streak_runs_across_new_year_and_a_leap_day():
    days = [date(2023, 12, 31), date(2024, 1, 1), date(2024, 2, 28), date(2024, 2, 29)]
    days.append(date(2024, 3, 1))

    found = streaks(days, today=date(2024, 3, 1))

    assert (found.current, found.longest) == (3, 3)
    assert streaks(days[:2], today=date(2024, 1, 1)).current == 2


def test_a_missed_day_starts_a_new_streak():
    # 1, 2, 3 March; 4 March missed; 5, 6 March.
    days = [date(2026, 3, d) for d in (1, 2, 3, 5, 6)]

    assert streaks(days, today=date(2026, 3, 6)) == Streaks(5, 2, 3)


def test_today_without_an_entry_yet_keeps_yesterdays_streak():
    days = [date(2026, 3, 1), date(2026, 3, 2)]

    assert streaks(days, today=date(2026, 3, 3)).current == 2


def test_the_current_streak_is_zero_after_a_whole_day_without_entries():
    days = [date(2026, 3, 1), date(2026, 3, 2)]

    found = streaks(days, today=date(2026, 3, 4))

    assert found.current == 0
    assert found.longest == 2


def test_the_longest_streak_can_be_long_past():
    days = [date(2025, 6, d) for d in range(1, 11)] + [date(2026, 3, 3)]

    assert streaks(days, today=date(2026, 3, 3)) == Streaks(11, 1, 10)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 3, 2), Streaks(2, 2, 2)),
        (date(2026, 3, 3), Streaks(3, 3, 3)),
        (date(2026, 2, 27), Streaks(0, 0, 0)),
    ],
)
def test_days_after_today_are_plans_and_never_count(today, expected):
    # Entries dated in the future are plans or notes: nothing journaled yet.
    days = [date(2026, 3, d) for d in (1, 2, 3, 4)]

    assert streaks(days, today=today) == expected


def test_an_entry_dated_tomorrow_does_not_lengthen_any_streak():
    today = date(2026, 3, 7)
    week = [date(2026, 3, d) for d in range(1, 7)]  # 1..6 March, not today

    found = streaks([*week, date(2026, 3, 8)], today=today)

    assert found == Streaks(6, 6, 6)


def test_several_entries_on_one_day_count_that_day_once():
    days = [date(2026, 3, 1), date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 2)]

    assert streaks(iter(days), today=date(2026, 3, 2)) == Streaks(2, 2, 2)


def test_the_first_day_of_the_calendar_does_not_overflow():
    assert streaks([date.min], today=date.min) == Streaks(1, 1, 1)
