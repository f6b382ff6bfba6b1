"""When reminders are due, with a fake clock rather than waiting."""

from __future__ import annotations

import datetime as dt

from leaderjournal.domain.reminders import (
    DAILY,
    WEEKLY,
    ReminderPlan,
    ReminderState,
    due,
)

PLAN = ReminderPlan(
    daily=True,
    daily_time=dt.time(18, 30),
    weekly=True,
    weekly_day=4,  # Friday
    weekly_time=dt.time(16, 0),
)
FRIDAY = dt.date(2026, 11, 27)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


def test_nothing_is_due_before_its_time():
    assert due(at(FRIDAY, 15, 59), PLAN, ReminderState()) == []


def test_the_weekly_reminder_comes_at_its_time_on_its_day():
    assert due(at(FRIDAY, 16, 0), PLAN, ReminderState()) == [WEEKLY]


def test_the_daily_reminder_comes_at_its_time():
    assert due(at(FRIDAY, 18, 30), PLAN, ReminderState(reviewed_this_week=True)) == [
        DAILY
    ]


def test_not_once_the_entry_is_written_or_the_review_done():
    state = ReminderState(wrote_today=True, reviewed_this_week=True)
    assert due(at(FRIDAY, 20, 0), PLAN, state) == []


def test_each_reminder_is_shown_once_a_day_or_a_week():
    state = ReminderState(daily_shown_on=FRIDAY, weekly_shown_in="2026-W48")
    assert due(at(FRIDAY, 20, 0), PLAN, state) == []
    saturday = FRIDAY + dt.timedelta(days=1)
    # The next day the daily one is due again; the weekly one stays shown.
    assert due(at(saturday, 19, 0), PLAN, state) == [DAILY]


def test_a_weekly_reminder_missed_on_its_day_comes_later_that_week():
    sunday = FRIDAY + dt.timedelta(days=2)
    assert due(at(sunday, 9, 0), PLAN, ReminderState()) == [WEEKLY]
    monday = FRIDAY + dt.timedelta(days=3)  # a new ISO week, before its Friday
    assert due(at(monday, 9, 0), PLAN, ReminderState()) == []


def test_switched_off_reminders_never_come():
    assert due(at(FRIDAY, 23, 0), ReminderPlan(), ReminderState()) == []


def test_a_daily_reminder_missed_at_its_time_is_due_later_that_day_only():
    # The app was closed at 18:30: opened at 22:00 it reminds at once...
    assert due(at(FRIDAY, 22, 0), PLAN, ReminderState(reviewed_this_week=True)) == [
        DAILY
    ]
    # ...but opened the next morning, before 18:30, it does not.
    saturday = FRIDAY + dt.timedelta(days=1)
    assert due(at(saturday, 8, 0), PLAN, ReminderState(reviewed_this_week=True)) == []
