"""Scores, exactly as DESIGN.md defines them.

The lean of any set of ratings is 50 x their mean, a number in -100..+100,
and is None when the set holds no ratings. "Not rated" never counts as 0.
Day, week and period leans pool every rating of the entries in them; they are
never a mean of the entries' own leans.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.entry import Entry

ROLLING_DAYS = 7

#: What the lean scale means, in the words used wherever a person meets a
#: lean (the day's "Lean:", the trend chart, Help). Both styles have their
#: place: the words describe the scale and never rank its ends.
LEAN_MEANING = (
    "Lean runs from \u2212100 to +100: 50 \u00d7 the mean of the ratings "
    "given (\u201cnot rated\u201d does not count). \u2212100 means every "
    "rating was strongly managing, +100 strongly leading, and 0 both in "
    "balance. Neither end is better: good managers use both styles, each "
    "where it fits. The lean shows your mix so that you can choose it."
)

_WEEK_ID = re.compile(r"([0-9]{4})-W([0-9]{2})")


def lean(ratings: Iterable[int | None]) -> Fraction | None:
    """50 x the mean of the given ratings, exactly; None if none were given."""
    given = [r for r in ratings if r is not None]
    if not given:
        return None
    return Fraction(50 * sum(given), len(given))


def round_lean(value: Fraction | None) -> float | None:
    """A lean rounded to one decimal, halves away from zero (12.25 -> 12.3)."""
    if value is None:
        return None
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def format_lean(value: Fraction | float | None, empty: str = "") -> str:
    """A lean as people read it, with its sign: "+12.5", "-40.0", "0.0"."""
    if value is None:
        return empty
    rounded = round_lean(Fraction(value))
    return "0.0" if rounded == 0 else f"{rounded:+.1f}"


def describe_lean(value: Fraction | float | None) -> str:
    """The scale's words for a lean, e.g. "leaning leading"; never a verdict."""
    if value is None:
        return "not rated"
    mean = Fraction(value) / 50
    if mean <= Fraction(-3, 2):
        return "strongly managing"
    if mean <= Fraction(-1, 2):
        return "leaning managing"
    if mean < Fraction(1, 2):
        return "both in balance"
    if mean < Fraction(3, 2):
        return "leaning leading"
    return "strongly leading"


def entry_lean(entry: Entry) -> Fraction | None:
    """The lean of one entry's own ratings."""
    return lean(entry.ratings.values())


def pooled_lean(entries: Iterable[Entry]) -> Fraction | None:
    """The lean of every rating of these entries pooled together."""
    return lean(r for e in entries for r in e.ratings.values())


def dimension_lean(entries: Iterable[Entry], key: str) -> Fraction | None:
    """The lean of one dimension's ratings over these entries."""
    return lean(e.ratings[key] for e in entries)


def dimension_leans(entries: Iterable[Entry]) -> dict[str, Fraction | None]:
    """Per-dimension lean over these entries, for every dimension."""
    entries = list(entries)
    return {key: dimension_lean(entries, key) for key in DIMENSION_KEYS}


def day_lean(entries: Iterable[Entry], day: dt.date) -> Fraction | None:
    """The lean of all ratings of that day's entries, pooled."""
    return pooled_lean(e for e in entries if e.date == day)


def period_lean(
    entries: Iterable[Entry], start: dt.date, end: dt.date
) -> Fraction | None:
    """The pooled lean of entries dated start..end, both days included."""
    return pooled_lean(e for e in entries if start <= e.date <= end)


def rolling_lean(
    entries: Iterable[Entry], day: dt.date, days: int = ROLLING_DAYS
) -> Fraction | None:
    """The pooled lean of the calendar days day-6..day (for the default 7)."""
    return period_lean(entries, day - dt.timedelta(days=days - 1), day)


def rolling_series(
    entries: Iterable[Entry], start: dt.date, end: dt.date, days: int = ROLLING_DAYS
) -> list[tuple[dt.date, Fraction | None]]:
    """Rolling lean for every day start..end, in one pass over the ratings.

    Days on which the window holds no ratings have None, so a chart can leave
    a gap instead of inventing a value.
    """
    sums: dict[dt.date, list[int]] = defaultdict(lambda: [0, 0])
    for e in entries:
        given = e.rated()
        if given:
            acc = sums[e.date]
            acc[0] += sum(given)
            acc[1] += len(given)
    result: list[tuple[dt.date, Fraction | None]] = []
    total = count = 0
    window_start = start - dt.timedelta(days=days - 1)
    day = window_start
    while day <= end:
        arriving = sums.get(day)
        if arriving:
            total += arriving[0]
            count += arriving[1]
        leaving_day = day - dt.timedelta(days=days)
        leaving = sums.get(leaving_day) if leaving_day >= window_start else None
        if leaving:
            total -= leaving[0]
            count -= leaving[1]
        if day >= start:
            result.append((day, Fraction(50 * total, count) if count else None))
        day += dt.timedelta(days=1)
    return result


def iso_week_id(day: dt.date) -> str:
    """The ISO 8601 week of a date, e.g. "2026-W48" (Monday first)."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def week_bounds(week_id: str) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of an ISO week id; ValueError for a malformed id."""
    match = _WEEK_ID.fullmatch(week_id)
    if not match:
        raise ValueError(f"Not an ISO week such as 2026-W48: {week_id!r}")
    year, week = int(match[1]), int(match[2])
    monday = dt.date.fromisocalendar(year, week, 1)
    return monday, monday + dt.timedelta(days=6)


def lean_tenths(total: int, count: int) -> int | None:
    """The lean of ratings summing to ``total`` over ``count``, in tenths.

    Exact integer arithmetic, halves away from zero: the same figure as
    ``round_lean`` gives, fast enough for every row of a large export.
    """
    if count == 0:
        return None
    numerator = 500 * abs(total)  # 10 x 50 x |mean| x count
    tenths = (2 * numerator + count) // (2 * count)
    return -tenths if total < 0 else tenths


def lean_value(total: int, count: int) -> float | None:
    """The lean of ratings summing to ``total`` over ``count``, rounded to one
    decimal as shown and exported (the same figure as :func:`plain_lean`, as
    a number); None if nothing is rated."""
    tenths = lean_tenths(total, count)
    return None if tenths is None else tenths / 10


def plain_lean(total: int, count: int) -> str:
    """A lean as the CSV writes it: one decimal, no plus sign, "" if unrated."""
    tenths = lean_tenths(total, count)
    if tenths is None:
        return ""
    sign = "-" if tenths < 0 else ""
    whole, tenth = divmod(abs(tenths), 10)
    return f"{sign}{whole}.{tenth}"
