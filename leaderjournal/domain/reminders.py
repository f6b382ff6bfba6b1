"""When to remind the person to write, as a pure function of the clock.

The UI asks :func:`due` every half minute with the current time; a reminder
is due once its time of day has come, unless the entry (or the review) is
already written or the reminder was already shown for that day (or week).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from leaderjournal.domain.scoring import iso_week_id

DAILY = "daily"
WEEKLY = "weekly"

MESSAGES = {
    DAILY: ("LeaderJournal", "How did you lead today?"),
    WEEKLY: ("LeaderJournal", "Your week in review is ready."),
}


@dataclass(frozen=True)
class ReminderPlan:
    daily: bool = False
    daily_time: dt.time = dt.time(18, 30)
    weekly: bool = False
    weekly_day: int = 4  # 0 is Monday
    weekly_time: dt.time = dt.time(16, 0)


@dataclass(frozen=True)
class ReminderState:
    """What has happened that makes a reminder unnecessary."""

    wrote_today: bool = False
    reviewed_this_week: bool = False
    daily_shown_on: dt.date | None = None
    weekly_shown_in: str | None = None  # ISO week id


def due(now: dt.datetime, plan: ReminderPlan, state: ReminderState) -> list[str]:
    """The reminders to show now (DAILY, WEEKLY), each at most once."""
    reminders = []
    today = now.date()
    if (
        plan.daily
        and now.time() >= plan.daily_time
        and not state.wrote_today
        and state.daily_shown_on != today
    ):
        reminders.append(DAILY)
    week = iso_week_id(today)
    weekly_moment = (today.weekday(), now.time()) >= (plan.weekly_day, plan.weekly_time)
    if (
        plan.weekly
        and weekly_moment
        and not state.reviewed_this_week
        and state.weekly_shown_in != week
    ):
        reminders.append(WEEKLY)
    return reminders
