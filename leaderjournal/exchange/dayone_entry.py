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
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.entry import Entry, InvalidEntryError
from leaderjournal.domain.limits import shown
from leaderjournal.exchange.sources import (
    SourceProblem,
    SourceRead,
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
_TITLE_RE = re.compile(r"#[ \t]+(.*)")

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


def entry(
    item: Any, place: str, read: SourceRead, zones: dict[str, dt.tzinfo]
) -> Entry | None:
    """The entry ``item`` (a parsed entry of the export, read at ``place``)
    makes, or None with the problem added to ``read``; ``zones`` keeps each
    time zone met, by name."""
    if not isinstance(item, dict):
        read.problems.append(
            SourceProblem(place, "this is not an entry (an object with a uuid)")
        )
        return None
    reasons: list[str] = []
    key = item.get("uuid")
    if not isinstance(key, str) or not (key := key.strip()):
        reasons.append("it has no uuid")
    name = item.get("timeZone")
    zone = zones.get(name) if isinstance(name, str) else None
    if zone is None:
        zone = _zone(name, zones)
    stamp = item.get("creationDate")
    created = _stamp(stamp, "creationDate", zone, reasons)
    modified = created
    changed = item.get("modifiedDate")
    if changed is not None and changed != stamp:
        modified = _stamp(changed, "modifiedDate", zone, reasons)
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
        read.problems.append(SourceProblem(place, "; ".join(reasons)))
        return None
    assert created is not None
    assert modified is not None
    assert isinstance(key, str)
    title, text = _title_and_text(text, item, read.not_brought)
    if not title_and_text(title, text, place, read):
        return None
    _count_extras(item, read.not_brought)
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
        read.problems.append(SourceProblem(place, exc.reason))
        return None


def _zone(name: object, zones: dict[str, dt.tzinfo]) -> dt.tzinfo:
    """The entry's IANA time zone; UTC when it has none Python knows."""
    if not isinstance(name, str) or not name or len(name) > 100:
        return _UTC
    zone = zones.get(name)
    if zone is None:
        try:
            zone = ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            zone = _UTC
        zones[name] = zone
    return zone


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
    value: object, field: str, zone: dt.tzinfo, reasons: list[str]
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
    offset = local.utcoffset()
    fixed = _OFFSETS[offset] if offset in _OFFSETS else _fixed(offset)
    # The same time as local.replace(tzinfo=fixed), in a third of the time.
    # A zone's local mean time of old (seconds in its offset) gives the time
    # in UTC, the day still the zone's own.
    return when.astimezone(fixed or _UTC), local.date()


def _title_and_text(
    text: str, item: dict[str, Any], not_brought: Counter[str]
) -> tuple[str, str]:
    """The title (from a first line ``# Heading``) and the text without its
    media links, each link counted by its kind."""
    if "dayone-moment:" in text or not _MEDIA.keys().isdisjoint(item):
        text = _without_media(text, item, not_brought)
    title = ""
    text = text.lstrip("\r\n")
    if text.startswith("#"):
        first, _, rest = text.partition("\n")
        heading = _TITLE_RE.fullmatch(first.rstrip())
        if heading:
            title = heading.group(1).strip()
            text = rest
    return title, text.strip()


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


def _count_extras(item: dict[str, Any], not_brought: Counter[str]) -> None:
    if item.get("starred") is True:
        not_brought["starred flag"] += 1
    if item.get("location"):
        not_brought["location"] += 1
    if item.get("weather"):
        not_brought["weather report"] += 1
