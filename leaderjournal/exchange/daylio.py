"""Daylio's CSV export: one row per mood entry.

The header is ``full_date,date,weekday,time,mood,activities,note_title,note``
(older versions leave out ``note_title``). ``full_date`` is the day
(``2024-03-14``), ``time`` the time of day as the phone showed it ("21:15"
or "9:15 pm"); neither carries a zone, so they are read as this computer's
local time on that day. The activities (separated by ``" | "``) become tags,
and the mood the tag ``mood:<name>``. Daylio writes a line break in a note
as ``<br>`` (its notes allow a little formatting); those become line breaks,
and the rest of the note is kept as written.

Daylio has no ids: an entry's id comes from its day, time and content
(:func:`sources.content_id`), and its times are its own (never "now"), so the
same export imported twice adds nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

from leaderjournal.domain.entry import Entry, InvalidEntryError
from leaderjournal.domain.limits import shown
from leaderjournal.exchange.sources import (
    SourceFileError,
    SourceProblem,
    SourceRead,
    content_id,
    read_bytes,
    source_tags,
    title_and_text,
)

NAME = "daylio"
LABEL = "Daylio export"

COLUMNS = (
    "full_date",
    "date",
    "weekday",
    "time",
    "mood",
    "activities",
    "note_title",
    "note",
)
#: The header of versions before note titles.
OLDER_COLUMNS = tuple(name for name in COLUMNS if name != "note_title")

_WHAT = "a Daylio export"
_TIME = re.compile(
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?:\s*(?P<half>[ap])\.?\s*m\.?)?",
    re.IGNORECASE,
)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_ACTIVITY_SEPARATOR = "|"


def _header(line: str) -> tuple[str, ...]:
    return tuple(name.strip().lower() for name in line.strip().split(","))


def recognises(path: Path, head: bytes) -> bool:
    """A file whose first line is Daylio's header."""
    text = head.decode("utf-8", "replace").lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    return path.is_file() and _header(first) in (COLUMNS, OLDER_COLUMNS)


def read(path: Path) -> SourceRead:
    """Every entry of a Daylio CSV export, and every problem with its line."""
    data = read_bytes(path, _WHAT)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceFileError(
            f"{shown(path.name)} is not UTF-8 text, so it is not {_WHAT}."
        ) from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = _header(",".join(next(reader)))
    except (StopIteration, csv.Error):
        header = ()
    if header not in (COLUMNS, OLDER_COLUMNS):
        raise SourceFileError(
            f"{shown(path.name)} does not start with Daylio's header "
            f"{','.join(COLUMNS)}."
        )
    places: dict[str, str] = {}
    result = SourceRead(NAME, places=places)
    seen: dict[str, str] = {}
    while True:
        place = f"line {reader.line_num + 1}"
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:
            result.problems.append(
                SourceProblem(place, "this row is not valid CSV (a quote not closed?)")
            )
            break
        if not cells or cells == [""]:
            continue
        if len(cells) != len(header):
            result.problems.append(
                SourceProblem(
                    place,
                    f"the row has {len(cells)} cells but there are {len(header)} "
                    "columns",
                )
            )
            continue
        row = dict(zip(header, cells, strict=True))
        entry = _entry(row, place, result)
        if entry is None:
            continue
        if entry.id in seen:
            # The same moment, mood, activities and note twice: one entry.
            result.not_brought["repeated row"] += 1
            continue
        seen[entry.id] = place
        places[entry.id] = place
        result.entries.append(entry)
    return result


def _entry(row: dict[str, str], place: str, read: SourceRead) -> Entry | None:
    reasons: list[str] = []
    day = _day(row["full_date"], reasons)
    time = _time(row["time"], reasons)
    title = " ".join(row.get("note_title", "").split())
    text = _BREAK.sub("\n", row["note"]).strip("\n")
    if reasons:
        read.problems.append(SourceProblem(place, "; ".join(reasons)))
        return None
    if not title_and_text(title, text, place, read):
        return None
    assert day is not None
    assert time is not None
    moment = dt.datetime.combine(day, time)
    mood = " ".join(row["mood"].split())
    activities = [a.strip() for a in row["activities"].split(_ACTIVITY_SEPARATOR)]
    tags = source_tags([f"mood:{mood}" if mood else "", *activities], read)
    key = "\n".join((title, text, mood, row["activities"].strip()))
    try:
        created = moment.astimezone()
        return Entry(
            id=content_id(NAME, moment, key),
            date=day,
            created_at=created,
            updated_at=created,
            title=title,
            text=text,
            tags=tags,
        )
    except (InvalidEntryError, OverflowError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or f"the time {moment} cannot be used"
        read.problems.append(SourceProblem(place, reason))
        return None


def _day(value: str, reasons: list[str]) -> dt.date | None:
    value = value.strip()
    try:
        if _DAY.fullmatch(value):
            return dt.date.fromisoformat(value)
    except ValueError:
        reasons.append(f"the date {shown(value)} does not exist")
        return None
    reasons.append(f"the date {shown(value)} is not a day like 2024-03-14")
    return None


def _time(value: str, reasons: list[str]) -> dt.time | None:
    found = _TIME.fullmatch(value.strip())
    if found:
        hour, minute = int(found["hour"]), int(found["minute"])
        half = (found["half"] or "").lower()
        if half and 1 <= hour <= 12:
            hour = hour % 12 + (12 if half == "p" else 0)
        elif half:
            hour = 24  # "13:00 pm" is no time
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    reasons.append(f"the time {shown(value)} is not a time like 21:15 or 9:15 pm")
    return None
