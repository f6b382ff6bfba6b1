"""jrnl's JSON export (``jrnl --format json``).

As jrnl's exporter writes it: ``{"tags": {"@work": 2}, "entries": [{"title",
"body", "date": "YYYY-MM-DD", "time": "HH:MM", "tags": ["@work"], "starred"}]}``
(an entry of a Day One-backed journal also has a ``uuid``, a ``creator``).
jrnl keeps no time zone: the times are this computer's local time on the
entry's date. jrnl has no ids either, so an entry's id comes from its date,
time, title and body; tags lose jrnl's ``@``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.entry import Entry, InvalidEntryError
from leaderjournal.domain.limits import shown
from leaderjournal.exchange.json_source import entry_list, load_json, looks_like
from leaderjournal.exchange.sources import (
    SourceFileError,
    SourceProblem,
    SourceRead,
    content_id,
    entry_place,
    read_bytes,
    source_tags,
    title_and_text,
)

NAME = "jrnl"
LABEL = "jrnl JSON"
_WHAT = "a jrnl JSON export"

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME_RE = re.compile(r"\d{1,2}:\d{2}(:\d{2})?")
#: The characters jrnl starts a tag with (``@`` unless configured otherwise).
_TAG_SYMBOLS = "@#"
_NOT_RATED = dict.fromkeys(DIMENSION_KEYS)


def recognises(path: Path, head: bytes) -> bool:
    """A JSON object listing ``entries`` with a ``body`` (Day One's, with a
    ``creationDate``, is not jrnl's)."""
    return (
        path.is_file() and looks_like(head, b'"body"') and b'"creationDate"' not in head
    )


def read(path: Path) -> SourceRead:
    """Every entry of a jrnl JSON export."""
    document = load_json(read_bytes(path, _WHAT), path.name, _WHAT)
    places: dict[str, str] = {}
    read = SourceRead(NAME, places=places)
    items = entry_list(document, path.name, _WHAT)
    if items and not any(
        isinstance(item, dict) and "date" in item and "body" in item for item in items
    ):
        raise SourceFileError(
            f"{shown(path.name)} is not {LABEL}: none of its entries has a date "
            "and a body."
        )
    for index, item in enumerate(items):
        place = entry_place(index + 1)
        entry = _entry(item, place, read)
        if entry is None:
            continue
        if entry.id in read.places:
            read.not_brought["duplicate"] += 1  # the very same entry again
            continue
        read.entries.append(entry)
        places[entry.id] = place
    return read


def _text(item: dict[str, Any], field: str, reasons: list[str]) -> str:
    value = item.get(field)
    if value is None:
        return ""
    if not isinstance(value, str):
        reasons.append(f"its {field} is not text but {shown(value)}")
        return ""
    return value


def _when(item: dict[str, Any], reasons: list[str]) -> dt.datetime | None:
    date, time = item.get("date"), item.get("time", "00:00")
    day = None
    if isinstance(date, str) and _DATE_RE.fullmatch(date):
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            day = None
    if day is None:
        reasons.append(f"its date {shown(date)} is not a day like 2024-03-01")
    clock = None
    if isinstance(time, str) and _TIME_RE.fullmatch(time):
        try:
            clock = dt.time.fromisoformat(time.zfill(5) if len(time) < 5 else time)
        except ValueError:
            clock = None
    if clock is None:
        reasons.append(f"its time {shown(time)} is not a time like 21:30")
    if day is None or clock is None:
        return None
    return dt.datetime.combine(day, clock)


def _entry(item: Any, place: str, read: SourceRead) -> Entry | None:
    if not isinstance(item, dict):
        read.problems.append(
            SourceProblem(place, "this is not an entry (an object with a date)")
        )
        return None
    reasons: list[str] = []
    when = _when(item, reasons)
    title = _text(item, "title", reasons)
    body = _text(item, "body", reasons)
    tags = item.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        reasons.append(f"its tags are not a list of words but {shown(tags)}")
        tags = []
    if reasons:
        read.problems.append(SourceProblem(place, "; ".join(reasons)))
        return None
    assert when is not None
    title = title.strip()
    if not title_and_text(title, body, place, read):
        return None
    if item.get("starred") is True:
        read.not_brought["starred flag"] += 1
    try:
        local = when.astimezone()  # jrnl's times are this computer's own
    except (OverflowError, ValueError):
        read.problems.append(
            SourceProblem(
                place, f"its date {when:%Y-%m-%d} is outside the years a journal holds"
            )
        )
        return None
    try:
        return Entry(
            id=content_id(NAME, when, f"{title}\n{body}"),
            date=when.date(),
            created_at=local,
            updated_at=local,
            title=title,
            text=body,
            ratings=_NOT_RATED,
            tags=source_tags((t.lstrip(_TAG_SYMBOLS) for t in tags), read),
        )
    except InvalidEntryError as exc:
        read.problems.append(SourceProblem(place, exc.reason))
        return None
