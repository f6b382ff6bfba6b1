"""The figures of one week's review, and a few plain sentences about them.

Everything here follows DESIGN.md's "Scale and scores": every lean pools the
ratings of its period, "not rated" never counts, and weeks are ISO weeks.
The sentences describe; they never judge. Both styles have their place, so
the review shows where the week went and the person chooses what to do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import TypeVar

from leaderjournal.domain.dimensions import DIMENSION_KEYS, dimension
from leaderjournal.domain.entry import Entry
from leaderjournal.domain.scoring import (
    dimension_lean,
    entry_lean,
    format_lean,
    iso_week_id,
    pooled_lean,
    round_lean,
    week_bounds,
)

#: A target is met when the lean is within target +/- this many points.
TARGET_BAND = 10.0

#: The weeks before the reviewed one that make up its baseline.
_BASELINE_WEEKS = 4

#: The smallest change, in points, that the review puts into words.
_NOTABLE_SHIFT = 10

#: About how long a quoted entry may be, "\u2026" included.
_QUOTE_LENGTH = 160

_WEEK = dt.timedelta(days=7)


_T = TypeVar("_T")


@dataclass(frozen=True)
class WeekNotes:
    """What the person wrote in one week's review."""

    week: str
    reflection: str = ""
    intention: str = ""
    kept: bool | None = None  # was the *previous* week's intention kept?
    updated_at: dt.datetime | None = None

    def is_blank(self) -> bool:
        return not (self.reflection.strip() or self.intention.strip()) and (
            self.kept is None
        )

    def content(self) -> tuple[str, str, bool | None]:
        """What the person wrote, without the time of the save."""
        return self.reflection, self.intention, self.kept

    def edits_onto(self, base: WeekNotes, onto: WeekNotes) -> WeekNotes:
        """What these notes changed from ``base``, applied to ``onto``: the
        review page edited from ``base`` saved over notes that changed under
        it (another computer's, taken in by a sync run). A field left as it
        was keeps ``onto``'s value."""
        return replace(
            self,
            reflection=_changed(self.reflection, base.reflection, onto.reflection),
            intention=_changed(self.intention, base.intention, onto.intention),
            kept=_changed(self.kept, base.kept, onto.kept),
        )


def _changed(mine: _T, base: _T, theirs: _T) -> _T:
    return mine if mine != base else theirs


@dataclass(frozen=True)
class Extreme:
    """The entry of a week that leaned furthest one way, to re-read."""

    entry_id: str
    date: dt.date
    title: str
    quote: str
    lean: Fraction


@dataclass(frozen=True)
class WeekFigures:
    """Everything the weekly review shows for one ISO week.

    ``baseline_lean`` pools every rating of the four weeks before this one
    (28 days), as DESIGN.md defines any period's lean; it is not the mean of
    four week leans, which would give a week with one rating the same weight
    as a week with thirty. A change is None unless both of its sides exist,
    and for a week that has not started yet (``started`` False): what is
    written on its days is a plan, with nothing to compare yet.
    """

    week: str
    start: dt.date
    end: dt.date
    entries: int
    days_journaled: int
    lean: Fraction | None
    last_week_lean: Fraction | None
    baseline_lean: Fraction | None
    change_from_last_week: Fraction | None
    change_from_baseline: Fraction | None
    dimensions: dict[str, Fraction | None]
    last_week_dimensions: dict[str, Fraction | None]
    advice: int
    last_week_advice: int
    advice_change: int | None
    most_managing: Extreme | None
    most_leading: Extreme | None
    observations: tuple[str, ...] = ()
    started: bool = True

    @property
    def is_empty(self) -> bool:
        """True when nothing was written this week."""
        return self.entries == 0


def review_window(week_id: str) -> tuple[dt.date, dt.date]:
    """The dates a review of ``week_id`` needs: Monday of W-4 to Sunday of W."""
    monday, sunday = week_bounds(week_id)
    return monday - _BASELINE_WEEKS * _WEEK, sunday


def weekly_review(
    week_id: str,
    entries: Iterable[Entry],
    targets: Mapping[str, float | None] | None = None,
    *,
    today: dt.date | None = None,
) -> WeekFigures:
    """The figures and observations of one ISO week.

    ``entries`` may hold entries of any dates; only those of the week and
    of the four weeks before it count. ``targets`` maps "overall" or a
    dimension key to a target lean. A week whose Monday is after ``today``
    has not started: it has no changes and no observations. ValueError for
    a malformed week id.
    """
    monday, sunday = week_bounds(week_id)
    started = today is None or monday <= today
    entries = list(entries)
    this_week = _dated(entries, monday, sunday)
    last_week = _dated(entries, monday - _WEEK, monday - dt.timedelta(days=1))
    baseline = _dated(
        entries, monday - _BASELINE_WEEKS * _WEEK, monday - dt.timedelta(days=1)
    )
    week_lean = pooled_lean(this_week)
    last_week_lean = pooled_lean(last_week)
    baseline_lean = pooled_lean(baseline)
    advice = sum(e.advice_requests for e in this_week)
    last_week_advice = sum(e.advice_requests for e in last_week)
    most_managing, most_leading = _extremes(this_week)
    figures = WeekFigures(
        week=iso_week_id(monday),
        start=monday,
        end=sunday,
        entries=len(this_week),
        days_journaled=len({e.date for e in this_week}),
        lean=week_lean,
        last_week_lean=last_week_lean,
        baseline_lean=baseline_lean,
        change_from_last_week=_change(week_lean, last_week_lean) if started else None,
        change_from_baseline=_change(week_lean, baseline_lean) if started else None,
        dimensions={k: dimension_lean(this_week, k) for k in DIMENSION_KEYS},
        last_week_dimensions={k: dimension_lean(last_week, k) for k in DIMENSION_KEYS},
        advice=advice,
        last_week_advice=last_week_advice,
        advice_change=advice - last_week_advice if started else None,
        most_managing=most_managing,
        most_leading=most_leading,
        started=started,
    )
    return replace(figures, observations=observations(figures, targets))


def observations(
    figures: WeekFigures, targets: Mapping[str, float | None] | None = None
) -> tuple[str, ...]:
    """Up to three factual sentences about a week's figures, in a fixed order.

    The biggest shift since last week, the dimension that leaned furthest
    toward managing (with its suggestion), and the distance to a target.
    ``figures.observations`` itself is not read. An empty week has none,
    nor has a week that has not started (its entries are plans).
    """
    if figures.is_empty or not figures.started:
        return ()
    sentences = (
        _shift_sentence(figures),
        _managing_sentence(figures),
        _target_sentence(figures, targets or {}),
    )
    return tuple(s for s in sentences if s)


def _quote(entry: Entry, length: int = _QUOTE_LENGTH) -> str:
    """The entry's text on one line, cut at a word to about ``length``.

    An entry without text is quoted by its title.
    """
    text = " ".join(entry.text.split())
    if not text:
        return " ".join(entry.title.split())
    if len(text) <= length:
        return text
    head = text[: length - 1]
    if text[length - 1] != " " and " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:-\u2013\u2014") + "\u2026"


def _dated(entries: list[Entry], start: dt.date, end: dt.date) -> list[Entry]:
    return [e for e in entries if start <= e.date <= end]


def _change(now: Fraction | None, before: Fraction | None) -> Fraction | None:
    return None if now is None or before is None else now - before


def _extremes(entries: list[Entry]) -> tuple[Extreme | None, Extreme | None]:
    """The lowest lean below 0 and the highest above 0; ties go to the earlier
    written entry (by ``created_at``), so the pick does not depend on order."""
    scored = [(lean, e) for e in entries if (lean := entry_lean(e)) is not None]
    managing = [(lean, e) for lean, e in scored if lean < 0]
    leading = [(lean, e) for lean, e in scored if lean > 0]
    lowest = min(managing, key=lambda p: (p[0], p[1].created_at), default=None)
    highest = min(leading, key=lambda p: (-p[0], p[1].created_at), default=None)
    return _extreme(lowest), _extreme(highest)


def _extreme(scored: tuple[Fraction, Entry] | None) -> Extreme | None:
    if scored is None:
        return None
    lean, entry = scored
    return Extreme(entry.id, entry.date, entry.title, _quote(entry), lean)


def _points(value: Fraction) -> str:
    """A distance or a change without its sign: "40.0"."""
    return f"{round_lean(abs(value)):.1f}"


def _shift_sentence(figures: WeekFigures) -> str:
    """The largest change since last week, if it is at least 10 points.

    Dimensions first (the first in DIMENSION_KEYS order wins a tie); the
    week lean only when no dimension moved that far.
    """
    # (change, subject, before, now); the lean's before and now may be None
    # only where its change is None, which is never picked.
    shifts: list[tuple[Fraction, str, Fraction | None, Fraction | None]] = [
        (now - before, dimension(key).name, before, now)
        for key in DIMENSION_KEYS
        if (now := figures.dimensions[key]) is not None
        and (before := figures.last_week_dimensions[key]) is not None
    ]
    biggest = max(shifts, key=lambda s: abs(s[0]), default=None)
    if biggest is None or abs(biggest[0]) < _NOTABLE_SHIFT:
        change = figures.change_from_last_week
        if change is None or abs(change) < _NOTABLE_SHIFT:
            return ""
        biggest = (change, "Your week lean", figures.last_week_lean, figures.lean)
    change, subject, before, now = biggest
    pole = "leading" if change > 0 else "managing"
    return (
        f"{subject} moved {_points(change)} points toward {pole} since last week "
        f"(from {format_lean(before)} to {format_lean(now)})."
    )


def _managing_sentence(figures: WeekFigures) -> str:
    """The dimension with the lowest lean this week, if it is below 0."""
    rated = [
        (lean, k) for k in DIMENSION_KEYS if (lean := figures.dimensions[k]) is not None
    ]
    lowest = min(rated, key=lambda p: p[0], default=None)
    if lowest is None or lowest[0] >= 0:
        return ""
    lean, key = lowest
    dim = dimension(key)
    return (
        f"{dim.name} leaned furthest toward managing this week "
        f"({format_lean(lean)}). If that is more than you want: {dim.suggestion}"
    )


def _target_sentence(figures: WeekFigures, targets: Mapping[str, float | None]) -> str:
    """Where the week stands against the overall target, or else against
    the first dimension target (in DIMENSION_KEYS order) that has a lean."""
    overall = targets.get("overall")
    if overall is not None and figures.lean is not None:
        return _against_target("Your week lean of", figures.lean, overall)
    for key in DIMENSION_KEYS:
        target = targets.get(key)
        lean = figures.dimensions[key]
        if target is not None and lean is not None:
            subject = f"Your {dimension(key).name} lean of"
            return _against_target(subject, lean, target, " this week")
    return ""


def _against_target(subject: str, lean: Fraction, target: float, when: str = "") -> str:
    goal = Fraction(str(target))
    low, high = goal - Fraction(TARGET_BAND), goal + Fraction(TARGET_BAND)
    band = f"your target band ({format_lean(goal)} \u00b1 {TARGET_BAND:g})"
    opening = f"{subject} {format_lean(lean)}{when} is"
    if lean < low:
        return f"{opening} {_points(low - lean)} points below {band}."
    if lean > high:
        return f"{opening} {_points(lean - high)} points above {band}."
    return f"{opening} within {band}."
