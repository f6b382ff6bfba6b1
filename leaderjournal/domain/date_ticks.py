"""Which dates a time axis names, so that its labels never run together.

A chart a few hundred pixels wide cannot name every day of three months.
The finest step whose labels fit side by side is chosen — days, weeks
(Mondays), months or years — and the month is named at the first label
and wherever it changes: "2 Nov", "9", "16", "23", "30", "7 Dec".

Positions are in days: a date's position is its ordinal (``date.toordinal()``),
the middle of that day; the axis shows positions ``lo``..``hi`` over
``pixels`` pixels. The caller measures text (``width_of``), so this module
needs no GUI.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

EARLIEST_ORDINAL = dt.date.min.toordinal()
LATEST_ORDINAL = dt.date.max.toordinal()


@dataclass(frozen=True)
class Step:
    """Every ``count`` days, weeks, months or years."""

    unit: str  # "day", "week", "month" or "year"
    count: int

    @property
    def shortest(self) -> int:
        """The fewest days between two ticks of this step."""
        per_unit = {"day": 1, "week": 7, "month": 28, "year": 365}[self.unit]
        return per_unit * self.count


#: From the finest to the coarsest.
STEPS = (
    Step("day", 1),
    Step("day", 2),
    Step("week", 1),
    Step("week", 2),
    Step("month", 1),
    Step("month", 2),
    Step("month", 3),
    Step("month", 6),
    Step("year", 1),
    Step("year", 2),
    Step("year", 5),
    Step("year", 10),
    Step("year", 20),
    Step("year", 50),
    Step("year", 100),
)


def date_ticks(
    lo: float,
    hi: float,
    pixels: float,
    width_of: Callable[[str], float],
    gap: float,
) -> list[tuple[dt.date, str]]:
    """The dates to label and their labels, the finest step that fits.

    Every label lies wholly inside the axis, and two neighbours are at least
    ``gap`` pixels apart. Empty when not even one label of any step fits.
    """
    if hi <= lo or pixels <= 0:
        return []
    per_day = pixels / (hi - lo)
    narrowest = width_of("9") + gap
    for step in STEPS:
        if step.shortest * per_day < narrowest:
            continue
        ticks = _fitting(
            step, lo, hi, per_day=per_day, pixels=pixels, width_of=width_of
        )
        if ticks and _apart(ticks, lo, per_day, width_of, gap):
            return ticks
    return []


def _fitting(
    step: Step,
    lo: float,
    hi: float,
    *,
    per_day: float,
    pixels: float,
    width_of: Callable[[str], float],
) -> list[tuple[dt.date, str]]:
    """The step's labelled dates whose labels lie wholly inside the axis."""
    dates = list(_dates(step, lo, hi))
    while True:
        ticks = list(zip(dates, _labels(step, dates), strict=True))
        inside = [
            day
            for day, label in ticks
            if width_of(label) / 2
            <= (day.toordinal() - lo) * per_day
            <= pixels - width_of(label) / 2
        ]
        if inside == dates:
            return ticks
        # Leaving out the first date may move the month's name to the next.
        dates = inside


def _apart(
    ticks: list[tuple[dt.date, str]],
    lo: float,
    per_day: float,
    width_of: Callable[[str], float],
    gap: float,
) -> bool:
    edges = [
        ((day.toordinal() - lo) * per_day, width_of(label) / 2) for day, label in ticks
    ]
    return all(
        right_x - left_x >= left_half + right_half + gap
        for (left_x, left_half), (right_x, right_half) in itertools.pairwise(edges)
    )


def _dates(step: Step, lo: float, hi: float) -> Iterator[dt.date]:
    first = dt.date.fromordinal(max(EARLIEST_ORDINAL, int(lo)))
    last = dt.date.fromordinal(min(LATEST_ORDINAL, int(hi) + 1))
    if step.unit in ("day", "week"):
        days = step.count * (7 if step.unit == "week" else 1)
        # Weeks start on Mondays (ordinal 1 was a Monday); a step of two
        # keeps the same dates while the chart is panned.
        ordinal = first.toordinal()
        ordinal += (-(ordinal - 1)) % days
        while ordinal <= last.toordinal():
            yield dt.date.fromordinal(ordinal)
            ordinal += days
    elif step.unit == "month":
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            day = dt.date(year, month, 1)
            if (month - 1) % step.count == 0 and first <= day:
                yield day
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    else:
        year = first.year
        while year <= last.year:
            day = dt.date(year, 1, 1)
            if year % step.count == 0 and first <= day:
                yield day
            year += 1


def _labels(step: Step, dates: list[dt.date]) -> list[str]:
    """Short labels; the month (or year) is named where it changes."""
    labels = []
    previous: dt.date | None = None
    for day in dates:
        if step.unit == "year":
            label = f"{day.year}"
        elif step.unit == "month":
            new_year = previous is None or previous.year != day.year
            label = f"{day:%b %Y}" if new_year else f"{day:%b}"
        else:
            new_month = previous is None or (previous.year, previous.month) != (
                day.year,
                day.month,
            )
            label = f"{day.day} {day:%b}" if new_month else f"{day.day}"
        labels.append(label)
        previous = day
    return labels
