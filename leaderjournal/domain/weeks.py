"""Pooling ratings over days and ISO weeks.

A :class:`Tally` keeps the sum and the count of the ratings of each
dimension, so that leans of any period can be pooled from per-day totals
without holding every entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.entry import Entry
from leaderjournal.domain.scoring import iso_week_id, lean_value, week_bounds


@dataclass
class Tally:
    """Sums and counts of ratings, per dimension."""

    sums: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(DIMENSION_KEYS, 0)
    )
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(DIMENSION_KEYS, 0)
    )

    def add(self, key: str, total: int, count: int) -> None:
        self.sums[key] += total
        self.counts[key] += count

    def add_entry(self, entry: Entry) -> None:
        for key, rating in entry.ratings.items():
            if rating is not None:
                self.add(key, rating, 1)

    def merge(self, other: Tally) -> None:
        for key in DIMENSION_KEYS:
            self.add(key, other.sums[key], other.counts[key])

    def total(self) -> tuple[int, int]:
        """Sum and count of all ratings pooled."""
        return sum(self.sums.values()), sum(self.counts.values())

    def lean(self) -> Fraction | None:
        total, count = self.total()
        return Fraction(50 * total, count) if count else None

    def dimension_lean(self, key: str) -> Fraction | None:
        count = self.counts[key]
        return Fraction(50 * self.sums[key], count) if count else None


@dataclass(frozen=True)
class TagTotals:
    """What the entries with one tag add up to: how many there are, and every
    rating of theirs pooled (so the lean follows the rule for any period)."""

    tag: str
    entries: int
    rating_sum: int
    rating_count: int

    @property
    def lean(self) -> float | None:
        """The pooled lean to one decimal; None when nothing is rated."""
        return lean_value(self.rating_sum, self.rating_count)


@dataclass
class DayTotals:
    """What one day's entries add up to."""

    date: dt.date
    entries: int
    tally: Tally
    advice_requests: int


@dataclass
class WeekTotals:
    """What one ISO week's entries add up to."""

    week: str
    start: dt.date
    end: dt.date
    entries: int = 0
    days_journaled: int = 0
    tally: Tally = field(default_factory=Tally)
    advice_requests: int = 0

    def add_day(self, day: DayTotals) -> None:
        self.entries += day.entries
        self.days_journaled += 1 if day.entries else 0
        self.tally.merge(day.tally)
        self.advice_requests += day.advice_requests


def day_totals(entries: Iterable[Entry]) -> list[DayTotals]:
    """Per-day totals of these entries, oldest day first."""
    days: dict[dt.date, DayTotals] = {}
    for entry in entries:
        day = days.get(entry.date)
        if day is None:
            day = days[entry.date] = DayTotals(entry.date, 0, Tally(), 0)
        day.entries += 1
        day.tally.add_entry(entry)
        day.advice_requests += entry.advice_requests
    return [days[d] for d in sorted(days)]


def group_by_week(days: Iterable[DayTotals]) -> list[WeekTotals]:
    """ISO weeks that have entries, oldest first, from per-day totals."""
    weeks: dict[str, WeekTotals] = {}
    for day in days:
        week_id = iso_week_id(day.date)
        week = weeks.get(week_id)
        if week is None:
            week = weeks[week_id] = WeekTotals(week_id, *week_bounds(week_id))
        week.add_day(day)
    return [weeks[w] for w in sorted(weeks, key=lambda w: weeks[w].start)]
