"""A journal entry: what happened on one day, and how it was handled."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from leaderjournal.domain.dimensions import DIMENSION_KEYS, SCALE

#: The days a journal can hold; dates outside are refused with a message.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)

#: Characters a tag may not contain: ";" separates tags in the CSV format.
_TAG_FORBIDDEN = (";", "\n", "\r", "\t")
_TAG_FORBIDDEN_RE = re.compile("[" + "".join(_TAG_FORBIDDEN) + "]")

_KEYS = frozenset(DIMENSION_KEYS)
_LOWEST, _HIGHEST = SCALE[0], SCALE[-1]


class InvalidEntryError(ValueError):
    """An entry's fields break a rule; the message is for the person."""


def now() -> dt.datetime:
    """The current local time with its UTC offset, to the second."""
    return dt.datetime.now().astimezone().replace(microsecond=0)


def normalise_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Trim, drop empties and case-insensitive duplicates; keep first spelling.

    Raises InvalidEntryError for a tag with a character that cannot be stored.
    """
    if tags == ():
        return ()
    seen: set[str] = set()
    result: list[str] = []
    for raw in tags:
        tag = " ".join(raw.split())
        if not tag:
            continue
        if _TAG_FORBIDDEN_RE.search(raw):
            raise InvalidEntryError(
                f"The tag \u201c{tag}\u201d contains a semicolon or a line break; "
                "tags are separated by commas and cannot contain these."
            )
        folded = tag.casefold()
        if folded not in seen:
            seen.add(folded)
            result.append(tag)
    return tuple(result)


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags as a person types them: separated by commas (or semicolons)."""
    return normalise_tags(text.replace(";", ",").split(","))


def _check_rating(key: str, value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value not in SCALE:
        raise InvalidEntryError(
            f"The rating for {key} must be a whole number from -2 to 2, "
            f"or not rated; got {value!r}."
        )
    return value


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
        if not EARLIEST_DATE <= self.date <= LATEST_DATE:
            raise InvalidEntryError(
                f"The date {self.date.isoformat()} is outside the years "
                f"{EARLIEST_DATE.year}-{LATEST_DATE.year} that a journal can hold."
            )
        # Every entry read or imported passes here, so the usual case (plain
        # ints in range) is checked inline; anything else gets the full check.
        given = self.ratings
        if not _KEYS.issuperset(given):
            unknown = set(given) - _KEYS
            raise InvalidEntryError(f"Unknown dimension: {', '.join(sorted(unknown))}.")
        ratings = {key: given.get(key) for key in DIMENSION_KEYS}
        for key, value in ratings.items():
            if value is not None and (
                type(value) is not int or not _LOWEST <= value <= _HIGHEST
            ):
                ratings[key] = _check_rating(key, value)
        object.__setattr__(self, "ratings", ratings)
        advice = self.advice_requests
        whole = type(advice) is int or (
            isinstance(advice, int) and not isinstance(advice, bool)
        )
        if not whole or advice < 0:
            raise InvalidEntryError(
                "Advice requests must be a whole number of zero or more; "
                f"got {self.advice_requests!r}."
            )
        object.__setattr__(self, "tags", normalise_tags(self.tags))
        for stamp in (self.created_at, self.updated_at):
            if stamp.tzinfo is None:
                raise InvalidEntryError(
                    "Entry times must carry a UTC offset, "
                    "e.g. 2026-11-29T18:42:00+01:00."
                )

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

    def edited(self, at: dt.datetime | None = None, **changes: object) -> Entry:
        """A copy with ``changes`` applied and ``updated_at`` moved to now.

        If the clock has jumped backwards, ``updated_at`` stays where it was
        rather than going back, so "newer wins" merges keep this edit.
        """
        stamp = max(at or now(), self.updated_at)
        return replace(self, updated_at=stamp, **changes)  # type: ignore[arg-type]
