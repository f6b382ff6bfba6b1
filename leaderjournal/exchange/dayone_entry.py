"""What one entry of a Day One export becomes (see :mod:`dayone`).

Its day and times are those of its own time zone; a first line ``# Heading``
becomes the title. Links to photos and other media (``dayone-moment:``) are
taken out of the text and counted, with starred flags, locations and
weather, as what could not be brought along. Each value is checked: an entry
that cannot be made is a problem with its place, never cut or guessed.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from typing import Any, TypeGuard
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.entry import Entry, InvalidEntryError
from leaderjournal.domain.limits import TEXT_MAX, TITLE_MAX, shown
from leaderjournal.exchange.sources import (
    SourceProblem,
    SourceRead,
    entry_place,
    source_id,
    source_tags,
    title_and_text,
)

#: The format's name, in ids and in the registry.
NAME = "dayone"

_UTC = dt.UTC

#: A media link Day One writes into the text: ``![](dayone-moment://<id>)``
#: for a photo, ``![](dayone-moment:/video/<id>)`` for a video, and so on;
#: alone on its line, the line goes with it.
_MOMENT = r"!\[[^\]\n]*\]\(dayone-moment:(//|/([A-Za-z]+)/)[^)\s]*\)"
_MOMENT_RE = re.compile(_MOMENT)
#: What may stand beside a link on its line for the line to go with it.
_BLANKS = " \t"

#: Media in an entry, by Day One's list name and link kind, with the word for
#: one of them in the summary.
_MEDIA = {
    "photos": ("photo", "photo"),
    "videos": ("video", "video"),
    "audios": ("audio", "recording"),
    "pdfAttachments": ("pdfAttachment", "attached PDF"),
}
_KIND_WORDS = dict(_MEDIA.values())

_MARKS = ("uuid", "creationDate")


def looks_like_entry(item: Any, marks: tuple[str, ...] = _MARKS) -> bool:
    """Whether a parsed item has what every Day One entry has."""
    return isinstance(item, dict) and all(mark in item for mark in marks)


_NOT_RATED = dict.fromkeys(DIMENSION_KEYS)
#: str for each of a list's items (all(map(isinstance, items, _STR))).
_STR = itertools.repeat(str)
#: "2024-03-01T22:30:00Z": a time in UTC, as Day One writes every time.
_UTC_STAMP_LENGTH = len("2024-03-01T22:30:00Z")


def _in_utc(value: object) -> TypeGuard[str]:
    """Whether ``value`` is written as Day One writes a time: in UTC, to the
    second, its first ten characters its UTC day."""
    return type(value) is str and len(value) == _UTC_STAMP_LENGTH and value[-1] == "Z"


#: The fixed zone of each (zone, UTC day) met: see :class:`Zones`.
Days = dict[tuple[dt.tzinfo, str], dt.timezone | None]


class Zones:
    """The time zones of one journal's entries: each zone met, by name, and
    for each zone and UTC day met, its UTC offset on that day if it is the
    same all day (every day but those the clocks change on). Another time
    of such a day is put in its zone in one step instead of three: a journal
    large enough for that to matter has many entries a day."""

    def __init__(self) -> None:
        self._by_name: dict[str, dt.tzinfo] = {}
        #: By (zone, "YYYY-MM-DD"): the day's fixed zone, or None for a day
        #: whose offset changes.
        self.days: Days = {}

    def get(self, name: object) -> dt.tzinfo:
        """The entry's IANA time zone; UTC when it has none Python knows."""
        if type(name) is str:
            zone = self._by_name.get(name)
            if zone is not None:
                return zone
        if not isinstance(name, str) or not name or len(name) > 100:
            return _UTC
        try:
            zone = ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            zone = _UTC
        self._by_name[name] = zone
        return zone

    def met(self, zone: dt.tzinfo, day: str, when: dt.datetime) -> None:
        """Note that ``when``, a time in UTC of a whole second on the UTC
        ``day`` ("YYYY-MM-DD"), was put in ``zone``: learn the day's offset
        if it is the same at the day's start and end, and a whole number of
        minutes. (No zone of the time zone database changes its clocks
        twice within a day, and back.)"""
        if not dt.MINYEAR < when.year < dt.MAXYEAR or (zone, day) in self.days:
            return
        start = when.replace(hour=0, minute=0, second=0)
        offset = start.astimezone(zone).utcoffset()
        same = (start + _DAY_END).astimezone(zone).utcoffset() == offset
        self.days[zone, day] = _fixed(offset) if same else None


#: The last moment of a day, from its start.
_DAY_END = dt.timedelta(days=1, microseconds=-1)
_FROM_ISO = dt.datetime.fromisoformat


def entry(
    item: Any, number: int, prefix: str, read: SourceRead, zones: Zones
) -> Entry | None:
    """The entry ``item`` (a parsed entry of the export, the ``number``th of
    its journal) makes, or None with the problem added to ``read``."""
    if not isinstance(item, dict):
        read.problems.append(
            SourceProblem(
                entry_place(number, prefix),
                "this is not an entry (an object with a uuid)",
            )
        )
        return None
    get = item.get
    key = get("uuid")
    zone = zones.get(get("timeZone"))
    stamp = get("creationDate")
    changed = get("modifiedDate")
    text = get("text", "")
    tags = get("tags", [])
    created = _on_known_day(stamp, zone, zones.days)
    if changed is None or changed == stamp:
        modified = created
    else:
        modified = _on_known_day(changed, zone, zones.days)
    if (
        created is None
        or modified is None
        or type(key) is not str
        or type(text) is not str
        or type(tags) is not list
    ):
        return _checked(item, number, prefix, read, zones)
    key = key.strip()
    if not key or not all(map(isinstance, tags, _STR)):
        return _checked(item, number, prefix, read, zones)
    return _made(item, key, created, modified, text, tags, (number, prefix), read)


def _on_known_day(
    value: object, zone: dt.tzinfo, days: Days
) -> tuple[dt.datetime, dt.date] | None:
    """A time as Day One writes it (``2024-03-01T22:30:00Z``) on a day of
    ``zone`` whose offset is known, put in the zone in one step; None for
    any other, which :func:`_checked` reads."""
    if _in_utc(value):
        fixed = days.get((zone, value[:10]))
        if fixed is not None:
            try:
                local = _FROM_ISO(value).astimezone(fixed)
            except ValueError:
                return None
            return local, local.date()
    return None


def _checked(
    item: dict[str, Any], number: int, prefix: str, read: SourceRead, zones: Zones
) -> Entry | None:
    """:func:`entry` for any entry, with each value checked and each
    problem said."""
    reasons: list[str] = []
    key = item.get("uuid")
    if not isinstance(key, str) or not (key := key.strip()):
        reasons.append("it has no uuid")
    zone = zones.get(item.get("timeZone"))
    stamp = item.get("creationDate")
    created = _stamp(stamp, "creationDate", zone, reasons, zones)
    modified = created
    changed = item.get("modifiedDate")
    if changed is not None and changed != stamp:
        modified = _stamp(changed, "modifiedDate", zone, reasons, zones)
    text = item.get("text", "")
    if text is None:
        text = ""
    if not isinstance(text, str):
        reasons.append(f"its text is not text but {shown(text)}")
        text = ""
    tags = item.get("tags", [])
    if tags is None:
        tags = []
    if not isinstance(tags, list) or not all(map(isinstance, tags, _STR)):
        reasons.append(f"its tags are not a list of words but {shown(tags)}")
        tags = []
    if reasons:
        read.problems.append(
            SourceProblem(entry_place(number, prefix), "; ".join(reasons))
        )
        return None
    assert created is not None
    assert modified is not None
    assert isinstance(key, str)
    return _made(item, key, created, modified, text, tags, (number, prefix), read)


def _made(  # noqa: PLR0917 - an entry's checked values
    item: dict[str, Any],
    key: str,
    created: tuple[dt.datetime, dt.date],
    modified: tuple[dt.datetime, dt.date],
    text: str,
    tags: list[str],
    where: tuple[int, str],
    read: SourceRead,
) -> Entry | None:
    """The entry of checked values, or None with the problem in ``read``."""
    not_brought = read.not_brought
    if "dayone-moment:" in text or not _MEDIA.keys().isdisjoint(item):
        text = _without_media(text, item, not_brought)
    title, text = _title_and_text(text)
    if len(title) > TITLE_MAX or len(text) > TEXT_MAX:
        title_and_text(title, text, entry_place(*where), read)
        return None
    if item.get("starred") is True:
        not_brought["starred flag"] += 1
    if item.get("location"):
        not_brought["location"] += 1
    if item.get("weather"):
        not_brought["weather report"] += 1
    try:
        return Entry(
            id=source_id(NAME, key),
            date=created[1],
            created_at=created[0],
            updated_at=modified[0],
            title=title,
            text=text,
            ratings=_NOT_RATED,
            advice_requests=0,
            tags=source_tags(tags, read) if tags else (),
        )
    except InvalidEntryError as exc:
        read.problems.append(SourceProblem(entry_place(*where), exc.reason))
        return None


#: The fixed zone of each UTC offset met (None for one with seconds):
#: 100,000 entries have a few dozen offsets.
_OFFSETS: dict[dt.timedelta | None, dt.timezone | None] = {}


def _fixed(offset: dt.timedelta | None) -> dt.timezone | None:
    if offset in _OFFSETS:
        return _OFFSETS[offset]
    whole = offset or dt.timedelta(0)
    fixed = None if whole % dt.timedelta(minutes=1) else dt.timezone(whole)
    _OFFSETS[offset] = fixed
    return fixed


def _stamp(
    value: object, field: str, zone: dt.tzinfo, reasons: list[str], zones: Zones
) -> tuple[dt.datetime, dt.date] | None:
    """A Day One time (UTC) as the time of the entry's zone, with a fixed
    UTC offset of whole minutes."""
    when = None
    if isinstance(value, str) and len(value) <= 40:
        try:
            when = dt.datetime.fromisoformat(value)
        except ValueError:
            when = None
    if when is None:
        reasons.append(
            f"its {field} {shown(value)} is not a time like 2024-03-01T22:30:00Z"
        )
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=_UTC)
    try:
        local = when.astimezone(zone)
    except OverflowError:
        reasons.append(
            f"its {field} {shown(value)} is outside the years a journal holds"
        )
        return None
    if _in_utc(value):
        zones.met(zone, value[:10], when)
    offset = local.utcoffset()
    fixed = _OFFSETS[offset] if offset in _OFFSETS else _fixed(offset)
    # The same time as local.replace(tzinfo=fixed), in a third of the time.
    # A zone's local mean time of old (seconds in its offset) gives the time
    # in UTC, the day still the zone's own.
    return when.astimezone(fixed or _UTC), local.date()


def _title_and_text(text: str) -> tuple[str, str]:
    """The title (from a first line ``# Heading``) and the text."""
    text = text.lstrip("\r\n")
    if text[:1] == "#":
        first, _, rest = text.partition("\n")
        first = first.rstrip()
        # "#", then spaces or tabs, then the heading ("##" is no title).
        if len(first) > 1 and first[1] in _BLANKS:
            return first[1:].strip(), rest.strip()
    return "", text.strip()


def _without_media(text: str, item: dict[str, Any], not_brought: Counter[str]) -> str:
    links: dict[str, int] = {}
    kept: list[str] = []
    start = 0
    # One search for the links themselves (a regex anchored at each line's
    # start tries every character of the text); a link with only spaces or
    # tabs beside it on its line takes the line, line break included, along.
    for match in _MOMENT_RE.finditer(text):
        kind = match.group(2) or "photo"
        links[kind] = links.get(kind, 0) + 1
        begin, end = match.span()
        before, after = begin, end
        while before and text[before - 1] in _BLANKS:
            before -= 1
        while after < len(text) and text[after] in _BLANKS:
            after += 1
        if before == 0 or text[before - 1] == "\n":
            if after == len(text):
                begin, end = before, after
            elif text[after] == "\n":
                begin, end = before, after + 1
            elif text.startswith("\r\n", after):
                begin, end = before, after + 2
        kept.append(text[start:begin])
        start = end
    kept.append(text[start:])
    text = "".join(kept)
    for listed, (kind, word) in _MEDIA.items():
        media = item.get(listed)
        count = max(links.pop(kind, 0), len(media) if isinstance(media, list) else 0)
        if count:
            not_brought[word] += count
    for kind, count in links.items():
        not_brought[_KIND_WORDS.get(kind, kind)] += count
    return text
