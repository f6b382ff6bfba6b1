"""A journal entry: what happened on one day, and how it was handled."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.limits import (
    ADVICE_MAX,
    ADVICE_MIN,
    EARLIEST_DATE,
    LATEST_DATE,
    RATING_MAX,
    RATING_MIN,
    TEXT_MAX,
    TITLE_MAX,
    InvalidEntryError,
    check_advice,
    check_date,
    check_rating,
    check_stamp,
    check_tags,
    check_text,
    check_title,
)

# EARLIEST_DATE, LATEST_DATE and InvalidEntryError are defined with the other
# limits; other modules import them from here too.
__all__ = [
    "EARLIEST_DATE",
    "LATEST_DATE",
    "Entry",
    "InvalidEntryError",
    "normalise_tags",
    "now",
    "parse_tags",
]

_KEYS = frozenset(DIMENSION_KEYS)


def now() -> dt.datetime:
    """The current local time with its UTC offset, to the second."""
    return dt.datetime.now().astimezone().replace(microsecond=0)


def normalise_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tidy spaces, drop empties and repeats (without regard to case, keeping
    the first spelling); InvalidEntryError for a new tag outside the limits."""
    return check_tags(tags)


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags as a person types them: separated by commas (or semicolons)."""
    return check_tags(text.replace(";", ",").split(","))


@dataclass(frozen=True)
class Entry:
    """One entry. Several entries may share a date.

    ``ratings`` maps every dimension key to -2..2, or None for "not rated"
    (which is not the same as 0, "both in balance").
    """

    id: str
    date: dt.date
    created_at: dt.datetime
    updated_at: dt.datetime
    title: str = ""
    text: str = ""
    ratings: Mapping[str, int | None] = field(default_factory=dict)
    advice_requests: int = 0
    tags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Every entry read, imported or edited passes here: the limits of
        # DESIGN.md are enforced once, for all of them. The usual case (plain
        # values in range) costs a few comparisons; anything else gets the
        # full check and its message.
        date = self.date
        if type(date) is not dt.date or not EARLIEST_DATE <= date <= LATEST_DATE:
            check_date(date)
        check_stamp(self.created_at, "created_at")
        check_stamp(self.updated_at, "updated_at")
        title, text = self.title, self.text
        if (
            type(title) is not str
            or len(title) > TITLE_MAX
            or "\n" in title
            or "\r" in title
        ):
            check_title(title)
        if type(text) is not str or len(text) > TEXT_MAX:
            check_text(text)
        given = self.ratings
        if not _KEYS.issuperset(given):
            unknown = set(given) - _KEYS
            raise InvalidEntryError(f"unknown dimension: {', '.join(sorted(unknown))}")
        ratings = {key: given.get(key) for key in DIMENSION_KEYS}
        for key, value in ratings.items():
            if value is not None and (
                type(value) is not int or not RATING_MIN <= value <= RATING_MAX
            ):
                ratings[key] = check_rating(key, value)
        object.__setattr__(self, "ratings", ratings)
        advice = self.advice_requests
        if type(advice) is not int or not ADVICE_MIN <= advice <= ADVICE_MAX:
            check_advice(advice)
        if self.tags != ():
            # A journal may keep a tag with a comma from an older version;
            # new tags are checked strictly where they come in (editor, import).
            object.__setattr__(self, "tags", check_tags(self.tags, stored=True))

    @classmethod
    def new(
        cls, date: dt.date, at: dt.datetime | None = None, **fields: object
    ) -> Entry:
        """A fresh entry with a new id, created and updated now (or ``at``)."""
        stamp = at or now()
        return cls(
            id=str(uuid.uuid4()),
            date=date,
            created_at=stamp,
            updated_at=stamp,
            **fields,  # type: ignore[arg-type]
        )

    def rated(self) -> list[int]:
        """The ratings that were given, skipping "not rated"."""
        return [r for r in self.ratings.values() if r is not None]

    def is_blank(self) -> bool:
        """True when nothing has been written or rated yet."""
        return not (
            self.title.strip()
            or self.text.strip()
            or self.rated()
            or self.advice_requests
            or self.tags
        )

    def same_content(self, other: Entry) -> bool:
        """Equal in everything a person wrote, ignoring the timestamps."""
        return (
            self.id,
            self.date,
            self.title,
            self.text,
            self.ratings,
            self.advice_requests,
            self.tags,
        ) == (
            other.id,
            other.date,
            other.title,
            other.text,
            other.ratings,
            other.advice_requests,
            other.tags,
        )

    def edits_onto(self, base: Entry, onto: Entry) -> Entry:
        """What this entry changed from ``base``, applied to ``onto``: the
        page edited from ``base`` saved over an entry that changed under it
        (another computer's changes taken in meanwhile). A field, or a
        rating, left as it was keeps ``onto``'s value."""
        changes: dict[str, object] = {
            name: getattr(self, name)
            for name in ("date", "title", "text", "advice_requests", "tags")
            if getattr(self, name) != getattr(base, name)
        }
        ratings = dict(onto.ratings)
        for key in self.ratings.keys() | base.ratings.keys():
            if self.ratings.get(key) != base.ratings.get(key):
                ratings[key] = self.ratings.get(key)
        return replace(
            onto,
            updated_at=self.updated_at,
            ratings=ratings,
            **changes,  # type: ignore[arg-type]
        )

    def edited(self, at: dt.datetime | None = None, **changes: object) -> Entry:
        """A copy with ``changes`` applied and ``updated_at`` moved to now.

        If the clock has jumped backwards, ``updated_at`` stays where it was
        rather than going back, so "newer wins" merges keep this edit.
        """
        stamp = max(at or now(), self.updated_at)
        return replace(self, updated_at=stamp, **changes)  # type: ignore[arg-type]
