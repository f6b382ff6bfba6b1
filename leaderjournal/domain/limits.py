"""What a journal can hold: the one table of limits (DESIGN.md, "Limits").

The editor, import and restore all check against these numbers, so a value
that one of them accepts the others accept too, and export -> import is
lossless for every value inside them.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata
from collections.abc import Iterable
from typing import TypeGuard

from leaderjournal.domain.dimensions import SCALE
from leaderjournal.errors import LeaderJournalError

#: The days a journal can hold.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)

#: Years allowed in ``created_at`` / ``updated_at`` (which carry a UTC offset).
EARLIEST_YEAR = EARLIEST_DATE.year
LATEST_YEAR = LATEST_DATE.year
#: The largest UTC offset a time may carry (UTC+14:00 is the furthest zone).
MAX_UTC_OFFSET = dt.timedelta(hours=14)

#: A title is one line of at most this many characters.
TITLE_MAX = 500
#: An entry's text is at most this many characters.
TEXT_MAX = 1_000_000

#: Ratings: the scale's ends, or None for "not rated".
RATING_MIN, RATING_MAX = SCALE[0], SCALE[-1]

#: Advice requests per entry.
ADVICE_MIN, ADVICE_MAX = 0, 9999

#: Tags per entry, and characters per tag.
TAGS_MAX = 30
TAG_MAX_LENGTH = 60
#: Characters a tag may not contain: "," separates tags where they are typed,
#: ";" in the CSV format; tabs and line breaks would break both; SQLite's JSON
#: functions (which list, filter and export tags) cut a tag at a NUL.
TAG_FORBIDDEN = (",", ";", "\t", "\n", "\r", "\x00")
#: Older versions let a tag hold a comma, and the journals written then keep
#: such tags: a tag read from a journal may hold one; a new tag (typed in the
#: editor or imported) may not.
TAG_FORBIDDEN_STORED = tuple(c for c in TAG_FORBIDDEN if c != ",")
#: A title is one line: it may not contain these.
TITLE_FORBIDDEN = ("\n", "\r")

#: Values from files are echoed in messages cut to about this many characters.
SHOWN_MAX = 60


class InvalidEntryError(LeaderJournalError, ValueError):
    """A value breaks a limit. ``str()`` is one sentence for the person;
    ``reason`` is the same words uncapitalised, to list after "Line 5: "."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        end = "" if reason.endswith((".", "?", "!")) else "."
        super().__init__(reason[:1].upper() + reason[1:] + end)


# -- values in messages ---------------------------------------------------------

_VISIBLE_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r", "\x00": "\\x00"}
#: Categories of characters that show as nothing (or as a break) in a message.
_INVISIBLE = frozenset(("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))


def _visible(char: str) -> str:
    if char in _VISIBLE_ESCAPES:
        return _VISIBLE_ESCAPES[char]
    if unicodedata.category(char) in _INVISIBLE:
        code = ord(char)
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
    return char


def shown(value: object, limit: int = SHOWN_MAX) -> str:
    """``value`` as a message quotes it: cut to ``limit`` characters with an
    ellipsis, and with tabs, line breaks and invisible characters escaped, so
    that a message stays one short line whatever a file held."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value.bit_length() > 200:  # str() refuses numbers of 4,300+ digits
            digits = int(value.bit_length() * math.log10(2))
            digits += abs(value) >= 10**digits
            return f"a number of {digits:,} digits"
        text = str(value)
    else:
        text = value if isinstance(value, str) else repr(value)
    if len(text) > limit:
        text = text[: limit - 1] + "\u2026"
    if not text.isprintable():
        text = "".join(map(_visible, text))
    return f"\u201c{text}\u201d"


# -- the checks: each gives the value back, or raises InvalidEntryError ---------


def _years() -> str:
    return f"{EARLIEST_YEAR}-{LATEST_YEAR}"


def check_date(value: dt.date) -> dt.date:
    """The day an entry is about: EARLIEST_DATE..LATEST_DATE."""
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidEntryError(f"the date {shown(value)} is not a day")
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise InvalidEntryError(
            f"the date {value.isoformat()} is outside the years {_years()} "
            "that a journal can hold"
        )
    return value


_MINUTE = dt.timedelta(minutes=1)
_EXAMPLE_STAMP = "2026-11-29T18:42:00+01:00"


def _offset_text(offset: dt.timedelta) -> str:
    sign = "-" if offset < dt.timedelta(0) else "+"
    minutes, seconds = divmod(int(abs(offset).total_seconds()), 60)
    text = f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    return f"{text}:{seconds:02d}" if seconds else text


_LOWEST_OFFSET = -MAX_UTC_OFFSET
#: Fixed-offset zones already found inside the limits: every entry read
#: passes here twice, and a journal holds only a few offsets.
_GOOD_ZONES: set[dt.tzinfo] = set()


def check_stamp(value: dt.datetime, name: str = "") -> dt.datetime:
    """A ``created_at`` / ``updated_at`` (``name``): with a UTC offset of whole
    minutes within +-14:00, in the years EARLIEST_YEAR..LATEST_YEAR."""
    if type(value) is dt.datetime and EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        zone = value.tzinfo
        if zone in _GOOD_ZONES:
            return value
        offset = value.utcoffset()
        if (
            offset is not None
            and _LOWEST_OFFSET <= offset <= MAX_UTC_OFFSET
            and not (offset.seconds % 60 or offset.microseconds)
        ):
            if type(zone) is dt.timezone:
                _GOOD_ZONES.add(zone)
            return value
    raise _stamp_problem(value, f"the {name} time" if name else "the time")


def _stamp_problem(value: object, name: str) -> InvalidEntryError:
    if not isinstance(value, dt.datetime):
        return InvalidEntryError(
            f"{name} {shown(value)} is not a date and time like {_EXAMPLE_STAMP}"
        )
    offset = value.utcoffset()
    if offset is None:
        return InvalidEntryError(
            f"{name} {value.isoformat()} has no UTC offset; write it with one, "
            f"like {_EXAMPLE_STAMP}"
        )
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        return InvalidEntryError(
            f"{name} {value.isoformat()} is outside the years {_years()} "
            "that a journal can hold"
        )
    if not _LOWEST_OFFSET <= offset <= MAX_UTC_OFFSET:
        limit = _offset_text(MAX_UTC_OFFSET)[1:]
        return InvalidEntryError(
            f"{name} {value.isoformat()} has the UTC offset {_offset_text(offset)}; "
            f"offsets go from -{limit} to +{limit}"
        )
    return InvalidEntryError(
        f"{name} {value.isoformat()} has the UTC offset {_offset_text(offset)}; "
        "offsets are whole minutes, like +05:30"
    )


def check_title(value: str) -> str:
    """A title: one line of at most TITLE_MAX characters."""
    if type(value) is not str:
        raise InvalidEntryError(f"the title must be text, not {shown(value)}")
    if len(value) > TITLE_MAX:
        raise InvalidEntryError(
            f"the title has {len(value):,} characters; a title holds at most "
            f"{TITLE_MAX:,}"
        )
    if TITLE_FORBIDDEN[0] in value or TITLE_FORBIDDEN[1] in value:
        raise InvalidEntryError(
            f"the title {shown(value)} has a line break; a title is one line"
        )
    return value


def check_text(value: str) -> str:
    """An entry's text: at most TEXT_MAX characters, any of them."""
    if type(value) is not str:
        raise InvalidEntryError(f"the text must be text, not {shown(value)}")
    if len(value) > TEXT_MAX:
        raise InvalidEntryError(
            f"the text has {len(value):,} characters; an entry holds at most "
            f"{TEXT_MAX:,}"
        )
    return value


def _whole_number_in(value: object, low: int, high: int) -> TypeGuard[int]:
    """An int (not a bool, which Python counts as one) from low to high."""
    return (
        isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
    )


def check_rating(key: str, value: object) -> int | None:
    """A rating: an integer RATING_MIN..RATING_MAX, or None for not rated."""
    if value is None:
        return None
    if not _whole_number_in(value, RATING_MIN, RATING_MAX):
        raise InvalidEntryError(
            f"the rating for {key} must be a whole number from {RATING_MIN} to "
            f"{RATING_MAX}, or not rated; got {shown(value)}"
        )
    return value


def check_advice(value: int) -> int:
    """Advice requests: a whole number ADVICE_MIN..ADVICE_MAX."""
    if not _whole_number_in(value, ADVICE_MIN, ADVICE_MAX):
        raise InvalidEntryError(
            f"advice requests (advice_requests) must be a whole number from "
            f"{ADVICE_MIN} to {ADVICE_MAX}, not {shown(value)}"
        )
    return value


_TAG_FORBIDDEN_RE = re.compile("[" + re.escape("".join(TAG_FORBIDDEN)) + "]")
_STORED_FORBIDDEN_RE = re.compile("[" + re.escape("".join(TAG_FORBIDDEN_STORED)) + "]")
_FORBIDDEN_NAMES = {
    ",": "a comma",
    ";": "a semicolon",
    "\t": "a tab",
    "\n": "a line break",
    "\r": "a line break",
    "\x00": "a NUL character",
}


def check_tag(value: str, *, stored: bool = False) -> str:
    """One tag, with its spaces tidied: 1..TAG_MAX_LENGTH characters and none
    of TAG_FORBIDDEN (of TAG_FORBIDDEN_STORED for a tag read from a journal)."""
    if type(value) is not str:
        raise InvalidEntryError(f"a tag must be text, not {shown(value)}")
    bad = (_STORED_FORBIDDEN_RE if stored else _TAG_FORBIDDEN_RE).search(value)
    if bad:
        raise InvalidEntryError(
            f"the tag {shown(value)} contains {_FORBIDDEN_NAMES[bad.group()]}; "
            "tags cannot contain commas, semicolons, tabs, line breaks or NULs"
        )
    tag = " ".join(value.split())
    if not tag:
        raise InvalidEntryError("a tag needs at least one character")
    if len(tag) > TAG_MAX_LENGTH:
        raise InvalidEntryError(
            f"the tag {shown(tag)} has {len(tag):,} characters; a tag holds at "
            f"most {TAG_MAX_LENGTH}"
        )
    return tag


# -- one spelling per tag -------------------------------------------------------


@functools.lru_cache(maxsize=65536)
def tag_key(tag: str) -> str:
    """What two spellings of one tag have in common: its words, compared
    without regard to case ("Delegation", "delegation " and "DELEGATION" are
    one tag; so are "Café" and "CAFÉ", which SQLite's NOCASE keeps apart)."""
    return " ".join(tag.split()).casefold()


def respell(tags: Iterable[str], spellings: dict[str, str]) -> tuple[str, ...]:
    """``tags`` each in the spelling ``spellings`` (by tag_key) already has for
    it, repeats dropped. A tag it has no spelling for keeps its own, and
    ``spellings`` learns it: called on entries oldest first, every tag ends
    up spelled as it was first used."""
    seen: set[str] = set()
    spelled: list[str] = []
    for tag in tags:
        key = tag_key(tag)
        if key not in seen:
            seen.add(key)
            spelled.append(spellings.setdefault(key, tag))
    return tuple(spelled)


def check_tags(values: Iterable[str], *, stored: bool = False) -> tuple[str, ...]:
    """An entry's tags: each checked and tidied, empty ones dropped, repeats
    (compared without regard to case) dropped keeping the first spelling, and
    at most TAGS_MAX of them. ``stored``: tags of an entry as a journal may
    hold them (see TAG_FORBIDDEN_STORED)."""
    if values == ():
        return ()
    forbidden = _STORED_FORBIDDEN_RE if stored else _TAG_FORBIDDEN_RE
    seen: set[str] = set()
    tags: list[str] = []
    for value in values:
        # Inline for the usual tag; check_tag gives the reason for the rest.
        if type(value) is not str:
            check_tag(value)
        tag = " ".join(value.split())
        if not tag:
            continue
        if len(tag) > TAG_MAX_LENGTH or forbidden.search(value):
            check_tag(value, stored=stored)
        folded = tag.casefold()  # tag_key(tag): its spaces are tidied already
        if folded not in seen:
            seen.add(folded)
            tags.append(tag)
    if len(tags) > TAGS_MAX:
        raise InvalidEntryError(
            f"the entry has {len(tags)} tags; an entry holds at most {TAGS_MAX}"
        )
    return tuple(tags)
