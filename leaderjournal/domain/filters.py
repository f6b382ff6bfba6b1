"""What the history view asks for: words to search and filters to apply.

Plain data, so that the same request can be run by storage, shown by the
UI, and later exported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from leaderjournal.domain.dimensions import DIMENSION_KEYS, SCALE


@dataclass(frozen=True)
class DimensionRange:
    """Ratings of one dimension from ``low`` to ``high``, both included."""

    key: str
    low: int = SCALE[0]
    high: int = SCALE[-1]

    def __post_init__(self) -> None:
        if self.key not in DIMENSION_KEYS:
            raise ValueError(f"Unknown dimension: {self.key}")
        if not SCALE[0] <= self.low <= self.high <= SCALE[-1]:
            raise ValueError(f"Not a range of ratings: {self.low}..{self.high}")


@dataclass(frozen=True)
class HistoryFilter:
    """Entries to show: every condition set here must hold.

    ``text`` is what the person typed in the search box; the lean bounds are
    on the -100..+100 scale and only match entries that have ratings.
    """

    text: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    tag: str = ""
    dimension: DimensionRange | None = None
    lean_min: float | None = None
    lean_max: float | None = None
    asked_for_advice: bool = False
    sort: str = "date"  # or "lean"
    descending: bool = True

    def is_empty(self) -> bool:
        """True when nothing narrows the entries down."""
        return self == HistoryFilter(sort=self.sort, descending=self.descending)
