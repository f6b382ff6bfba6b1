"""Streaks: runs of consecutive calendar days that have at least one entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Streaks:
    """How regularly the journal has been kept."""

    days_journaled: int
    current: int
    longest: int


def streaks(days: Iterable[dt.date], today: dt.date) -> Streaks:
    """The streaks of the days that have entries (duplicates are ignored).

    The current streak ends today if today has an entry, else yesterday:
    today is not over, so a streak is not broken before today's entry is
    written. Days after ``today`` are plans or notes written ahead: nothing
    has been journaled on them yet, so they count for no figure here.
    """
    journaled = {day for day in days if day <= today}
    longest = run = 0
    previous: dt.date | None = None
    for day in sorted(journaled):
        run = run + 1 if previous is not None and day - previous == _ONE_DAY else 1
        longest = max(longest, run)
        previous = day
    return Streaks(len(journaled), _current(journaled, today), longest)


def _current(journaled: set[dt.date], today: dt.date) -> int:
    day = today if today in journaled else _day_before(today)
    current = 0
    while day is not None and day in journaled:
        current += 1
        day = _day_before(day)
    return current


def _day_before(day: dt.date) -> dt.date | None:
    return None if day == dt.date.min else day - _ONE_DAY
