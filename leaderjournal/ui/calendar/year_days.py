"""What the year calendar knows of each day: its entries' totals, read a
year at a time, and the words its tooltip says."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from leaderjournal.domain.scoring import describe_lean, format_lean
from leaderjournal.domain.weeks import DayTotals
from leaderjournal.domain.words import plural
from leaderjournal.ui.common.dates import long_date
from leaderjournal.ui.common.lean_colors import EMPTY, RATED, UNRATED


def describe_day(day: dt.date, totals: DayTotals | None) -> list[str]:
    """What a day's tooltip says: the date, then entries and lean."""
    if totals is None or not totals.entries:
        return [long_date(day), "no entry"]
    entries = plural(totals.entries, "entry", "entries")
    lean = totals.tally.lean()
    if lean is None:
        return [long_date(day), f"{entries} \u00b7 not rated"]
    return [
        long_date(day),
        f"{entries} \u00b7 lean {format_lean(lean)}, {describe_lean(lean)}",
    ]


class YearDays:
    """One year's days that have entries, each with what they add up to."""

    def __init__(self, totals: list[DayTotals]) -> None:
        self._totals = {t.date: t for t in totals}

    def totals_of(self, day: dt.date) -> DayTotals | None:
        """What the day's entries add up to; None for a day without entries
        or outside the year."""
        return self._totals.get(day)

    def kind_of(self, day: dt.date) -> str:
        """Whether the day is "rated", "unrated" (entries, none rated) or "empty"."""
        totals = self._totals.get(day)
        if totals is None or not totals.entries:
            return EMPTY
        return RATED if totals.tally.lean() is not None else UNRATED

    def lean_of(self, day: dt.date) -> Fraction | None:
        """The day's lean; None for a day without rated entries."""
        totals = self._totals.get(day)
        return totals.tally.lean() if totals else None

    def describe(self, day: dt.date) -> list[str]:
        """The day's tooltip, line by line."""
        return describe_day(day, self._totals.get(day))

    def month_totals(self, month: int) -> list[DayTotals]:
        """The days of ``month`` that have entries."""
        return sorted(
            (t for t in self._totals.values() if t.date.month == month),
            key=lambda t: t.date,
        )
