"""The numbers behind the trends chart, as plain data.

For a short range every day is a point and a line shows the 7-day rolling
lean (DESIGN.md). Over longer ranges the days are pooled by ISO week or by
month, so a chart of ten years has about 120 points, never one per day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.scoring import ROLLING_DAYS, iso_week_id, week_bounds
from leaderjournal.domain.weeks import DayTotals, Tally

#: The ranges offered, and how many days each looks back (None: everything).
RANGES: dict[str, int | None] = {"4w": 28, "3m": 91, "1y": 365, "all": None}
RANGE_NAMES = {"4w": "4 weeks", "3m": "3 months", "1y": "1 year", "all": "All"}

#: Up to this many days a chart shows days; up to the next, weeks; then months.
DAYS_UP_TO = 100
WEEKS_UP_TO = 3 * 366


@dataclass(frozen=True)
class Series:
    """Aligned x (dates) and y (values, None for a gap) of one line or set."""

    x: tuple[dt.date, ...] = ()
    y: tuple[float | None, ...] = ()

    def points(self) -> list[tuple[dt.date, float]]:
        return [(x, y) for x, y in zip(self.x, self.y, strict=True) if y is not None]


@dataclass(frozen=True)
class TrendData:
    """Everything the trends chart draws for one range."""

    granularity: str  # "day", "week" or "month"
    start: dt.date
    end: dt.date
    points: Series  # day (or week, month) leans, where there are ratings
    line: Series  # 7-day rolling lean by day, or the same periods' leans
    dimensions: dict[str, Series] = field(default_factory=dict)
    advice: Series = Series()  # advice requests per week (per month if monthly)
    advice_period: str = "week"
    #: The last point is a week or month that has not ended: "so far".
    partial: bool = False
    #: The last advice bar is a week or month that has not ended.
    advice_partial: bool = False

    @property
    def partial_words(self) -> str:
        """Words for an unfinished last point ("this week so far"), else ""."""
        return f"this {self.granularity} so far" if self.partial else ""

    def caption(self) -> str:
        """What the chart shows, in words, so an aggregate is never mistaken."""
        if self.granularity == "day":
            return (
                "Each dot is a day's lean; the line is the 7-day rolling lean. "
                f"Bars: advice requests per week{self._partial_bar()}."
            )
        period = self.granularity
        text = (
            f"Each dot is a {period}'s lean, all its ratings pooled (grouped by "
            f"{period} over this long range). Bars: advice requests per "
            f"{self.advice_period}."
        )
        if self.partial and self.advice_partial:
            text += (
                " The hollow last dot and the fainter last bar are "
                f"{self.partial_words}."
            )
        elif self.partial:
            text += f" The hollow last dot is {self.partial_words}."
        elif self.advice_partial:
            text += f" The fainter last bar is this {self.advice_period} so far."
        return text

    def _partial_bar(self) -> str:
        if not self.advice_partial:
            return ""
        return f" (the fainter last one: this {self.advice_period} so far)"


def span_words(start: dt.date, end: dt.date) -> str:
    """A range of days as a title says it: "1 Sep \u2013 1 Dec 2026"."""
    if start == end:
        return f"{end.day} {end:%b %Y}"
    first = (
        f"{start.day} {start:%b}"
        if start.year == end.year
        else (f"{start.day} {start:%b %Y}")
    )
    return f"{first} \u2013 {end.day} {end:%b %Y}"


def period_end(start: dt.date, granularity: str) -> dt.date:
    """The last day of the day, ISO week or month that begins on ``start``."""
    if granularity == "week":
        return start + dt.timedelta(days=6)
    if granularity == "month":
        following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return start


def range_start(name: str, today: dt.date, first_day: dt.date | None) -> dt.date:
    """The first day of a named range ending today ("all": the first entry)."""
    days = RANGES[name]
    if days is None:
        return first_day or today
    return today - dt.timedelta(days=days - 1)


def granularity_for(start: dt.date, end: dt.date) -> str:
    span = (end - start).days + 1
    if span <= DAYS_UP_TO:
        return "day"
    return "week" if span <= WEEKS_UP_TO else "month"


def _lean(tally: Tally, key: str | None = None) -> float | None:
    value: Fraction | None = tally.lean() if key is None else tally.dimension_lean(key)
    return None if value is None else float(value)


def _series(rows: list[tuple[dt.date, Tally]], key: str | None = None) -> Series:
    return Series(tuple(d for d, _ in rows), tuple(_lean(t, key) for _, t in rows))


def _rolling(
    by_day: dict[dt.date, Tally], start: dt.date, end: dt.date
) -> list[tuple[dt.date, Tally]]:
    """For each day start..end, the pooled tally of its 7-day window."""
    result = []
    window = Tally()
    day = start - dt.timedelta(days=ROLLING_DAYS - 1)
    while day <= end:
        if day in by_day:
            window.merge(by_day[day])
        leaving = day - dt.timedelta(days=ROLLING_DAYS)
        if leaving in by_day and leaving >= start - dt.timedelta(days=ROLLING_DAYS - 1):
            window.merge(_negated(by_day[leaving]))
        if day >= start:
            snapshot = Tally()
            snapshot.merge(window)
            result.append((day, snapshot))
        day += dt.timedelta(days=1)
    return result


def _negated(tally: Tally) -> Tally:
    out = Tally()
    for key in DIMENSION_KEYS:
        out.add(key, -tally.sums[key], -tally.counts[key])
    return out


def period_start(day: dt.date, granularity: str) -> dt.date:
    """The first day of the day, ISO week or month that holds ``day``."""
    if granularity == "week":
        return week_bounds(iso_week_id(day))[0]
    if granularity == "month":
        return day.replace(day=1)
    return day


def _by_period(
    days: Iterable[DayTotals], granularity: str
) -> tuple[list[tuple[dt.date, Tally]], dict[dt.date, int]]:
    """Tallies and advice totals per period (day, week or month), in order."""
    tallies: dict[dt.date, Tally] = {}
    advice: dict[dt.date, int] = {}
    for day in days:
        key = period_start(day.date, granularity)
        tallies.setdefault(key, Tally()).merge(day.tally)
        advice[key] = advice.get(key, 0) + day.advice_requests
    return sorted(tallies.items()), advice


def trend(days: list[DayTotals], start: dt.date, end: dt.date) -> TrendData:
    """The chart's series for start..end from per-day totals.

    ``days`` should reach back six days before ``start``, so that the first
    rolling values are complete and the first ISO week pools all its days (a
    part of a period is never drawn as a whole one); a monthly range should
    start on its first entry ("all") or reach back to the first of the month.
    Other days outside the range draw no points.
    """
    granularity = granularity_for(start, end)
    inside = [d for d in days if start <= d.date <= end]
    if granularity == "day":
        by_day = {d.date: d.tally for d in days if d.date <= end}
        points = _series([(d.date, d.tally) for d in inside])
        rolling = _rolling(by_day, start, end)
        line = _series(rolling)
        dimensions = {k: _series(rolling, k) for k in DIMENSION_KEYS}
    else:
        periods, _ = _by_period(
            _from_period_of(days, start, end, granularity), granularity
        )
        points = line = _series(periods)
        dimensions = {k: _series(periods, k) for k in DIMENSION_KEYS}
    advice_period = "month" if granularity == "month" else "week"
    _, advice = _by_period(
        _from_period_of(days, start, end, advice_period), advice_period
    )
    rated = Series(*_keep_rated(points))
    return TrendData(
        granularity=granularity,
        start=start,
        end=end,
        points=rated,
        line=line,
        dimensions=dimensions,
        advice=Series(
            tuple(sorted(advice)), tuple(float(advice[k]) for k in sorted(advice))
        ),
        advice_period=advice_period,
        # ``end`` is today: a period that ends after it is still going on.
        partial=bool(rated.x) and period_end(rated.x[-1], granularity) > end,
        advice_partial=bool(advice) and period_end(max(advice), advice_period) > end,
    )


def _from_period_of(
    days: list[DayTotals], start: dt.date, end: dt.date, granularity: str
) -> list[DayTotals]:
    """The days up to ``end`` from the first day of ``start``'s period."""
    first = period_start(start, granularity)
    return [d for d in days if first <= d.date <= end]


def _keep_rated(series: Series) -> tuple[tuple[dt.date, ...], tuple[float | None, ...]]:
    kept = series.points()
    return tuple(x for x, _ in kept), tuple(y for _, y in kept)
