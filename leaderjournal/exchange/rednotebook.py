"""RedNotebook's data folder: one YAML file per month, ``YYYY-MM.txt``.

Each file maps a day number to that day's content: ``text`` (the day's
text, txt2tags markup kept as written) and categories. RedNotebook 2 keeps
a tag as a category without entries (``work: null``); older versions kept
tags as the entries of a category named "Tags". Both become tags, and so do
the ``#hashtags`` in the text, as RedNotebook shows them. A category with
entries becomes a tag of its name; its entries (short notes) cannot be
brought along and are counted as "note in a category".

A day has no time in RedNotebook: an entry is created at 00:00 of its day,
this computer's local time (``date`` is the day itself, whatever the zone),
and its ``updated_at`` is the same, never the file's modification time, so
that the same folder imported twice adds nothing. Its id comes from its day
and text (:func:`sources.content_id`).

Files are read with ``yaml.safe_load`` only: a file from elsewhere never
makes Python objects of its own choosing.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from leaderjournal.domain.entry import (
    EARLIEST_DATE,
    LATEST_DATE,
    Entry,
    InvalidEntryError,
)
from leaderjournal.domain.limits import shown
from leaderjournal.exchange.sources import (
    SOURCE_MAX_BYTES,
    SourceFileError,
    SourceProblem,
    SourceRead,
    content_id,
    read_bytes,
    source_tags,
    title_and_text,
)

NAME = "rednotebook"
LABEL = "RedNotebook journal"

_WHAT = "a RedNotebook data folder"
_MONTH_FILE = re.compile(r"(\d{4})-(\d{2})\.txt")
_TAGS_CATEGORY = "tags"
#: A hashtag as RedNotebook finds one: "#" (or the full-width U+FF03) not
#: after a letter, digit, "&" or "#"; then letters and digits with at least
#: one letter; not a colour like #FF0000, nor txt2tags' "#include".
_HASHTAG = re.compile(
    "(?<![\\w&#\uff03])[#\uff03]"
    r"(?![0-9a-f]{6}(?!\w))(?!include(?!\w))(\w*[^\W\d_]\w*)",
    re.IGNORECASE,
)


def _load_yaml(text: str) -> Any:
    """``yaml.safe_load`` (PyYAML's C loader where it has one). PyYAML is
    imported only when a RedNotebook file is read, not to start the app."""
    import yaml

    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)


def _yaml_errors() -> tuple[type[BaseException], ...]:
    """What a broken YAML file may raise from safe_load (a date that does not
    exist is a ValueError; nesting a thousand deep a RecursionError)."""
    import yaml

    return (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError)


def month_files(folder: Path) -> list[Path]:
    """The ``YYYY-MM.txt`` files of a folder, oldest month first."""
    try:
        names = sorted(
            child for child in folder.iterdir() if _MONTH_FILE.fullmatch(child.name)
        )
    except OSError:
        return []
    return [child for child in names if child.is_file()]


def _folder(path: Path) -> Path:
    """The data folder of ``path``: itself, or the folder of a month file."""
    return path.parent if path.is_file() else path


def recognises(path: Path, head: bytes) -> bool:
    """A folder holding a month file that reads as one (or such a file)."""
    if path.is_file():
        return bool(_MONTH_FILE.fullmatch(path.name)) and _month(path) is not None
    return path.is_dir() and any(_month(f) is not None for f in month_files(path))


def _month(path: Path) -> dict[Any, Any] | None:
    """A month file's days, or None if it is not a month file."""
    unread: tuple[type[BaseException], ...] = (
        SourceFileError,
        UnicodeDecodeError,
        *_yaml_errors(),
    )
    try:
        data = read_bytes(path, _WHAT)
        content = _load_yaml(data.decode("utf-8"))
    except unread:
        return None
    if content is None:
        return {}
    return content if isinstance(content, dict) else None


def read(path: Path) -> SourceRead:
    """Every day of a RedNotebook data folder (or of the folder of one of its
    month files), and every problem with its file and day."""
    folder = _folder(path)
    files = month_files(folder)
    if not files:
        raise SourceFileError(
            f"{shown(folder.name)} holds no RedNotebook month files "
            "(named like 2024-03.txt)."
        )
    total = 0
    for file in files:
        total += file.stat().st_size
        if total > SOURCE_MAX_BYTES:
            raise SourceFileError(
                f"{shown(folder.name)} holds more than "
                f"{SOURCE_MAX_BYTES // 2**20} MB of month files: too large for "
                f"{_WHAT}."
            )
    places: dict[str, str] = {}
    result = SourceRead(NAME, places=places)
    for file in files:
        for entry, place in _read_month(file, result):
            places[entry.id] = place
            result.entries.append(entry)
    return result


def _read_month(file: Path, read: SourceRead) -> Iterator[tuple[Entry, str]]:
    name = file.name
    found = _MONTH_FILE.fullmatch(name)
    assert found is not None
    year, month = int(found[1]), int(found[2])
    if not 1 <= month <= 12:
        read.problems.append(SourceProblem(name, f"there is no month {month}"))
        return
    if not EARLIEST_DATE.year <= year <= LATEST_DATE.year:
        read.problems.append(
            SourceProblem(
                name,
                f"the year {year} is outside the years {EARLIEST_DATE.year}-"
                f"{LATEST_DATE.year} that a journal can hold",
            )
        )
        return
    try:
        text = read_bytes(file, _WHAT).decode("utf-8")
    except UnicodeDecodeError:
        read.problems.append(SourceProblem(name, "this is not UTF-8 text"))
        return
    try:
        content = _load_yaml(text)
    except _yaml_errors() as exc:
        read.problems.append(SourceProblem(name, _yaml_reason(exc)))
        return
    if content is None:
        return
    if not isinstance(content, dict):
        read.problems.append(
            SourceProblem(
                name,
                "this is not a RedNotebook month (day numbers, each with its text)",
            )
        )
        return
    days = calendar.monthrange(year, month)[1]
    for key in sorted(content, key=_day_order):
        place = f"{name}, day {key}"
        if type(key) is not int or not 1 <= key <= days:
            read.problems.append(SourceProblem(place, _bad_day(key, year, month)))
            continue
        entry = _entry(dt.date(year, month, key), content[key], place, read)
        if entry is not None:
            yield entry, place


def _day_order(key: object) -> tuple[bool, int, str]:
    """Days in order, anything that is not a day number after them."""
    number = key if type(key) is int else 0
    return (type(key) is not int, number, str(key))


def _bad_day(key: object, year: int, month: int) -> str:
    if type(key) is not int:
        return f"{shown(key)} is not a day number"
    if 1 <= key <= 31:
        first = dt.date(year, month, 1)
        days = calendar.monthrange(year, month)[1]
        return f"{first:%B %Y} has {days} days"
    return "a month has no such day"


def _yaml_reason(exc: BaseException) -> str:
    import yaml

    # Where a construct began (a quote never closed) says more than where
    # the reader gave up (the end of the file).
    mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
    where = f" (line {mark.line + 1})" if mark is not None else ""
    if isinstance(exc, RecursionError):
        return "this file is nested too deeply to be a RedNotebook month"
    if isinstance(exc, yaml.YAMLError):
        return f"this is not valid YAML{where}"
    return f"this file holds a value that cannot be read ({shown(str(exc))})"


def _entry(day: dt.date, content: object, place: str, read: SourceRead) -> Entry | None:
    if content is None:
        return None
    if not isinstance(content, dict):
        read.problems.append(
            SourceProblem(place, "the day is not a text with its categories")
        )
        return None
    text = content.get("text", "")
    if text is None:
        text = ""
    if isinstance(text, bool) or not isinstance(text, str | int | float):
        read.problems.append(SourceProblem(place, "the day's text is not text"))
        return None
    text = str(text)
    names: list[str] = []
    for category, entries in content.items():
        if category == "text":
            continue
        if not isinstance(entries, dict | list | type(None)):
            read.problems.append(
                SourceProblem(place, f"the category {shown(category)} is not a list")
            )
            return None
        if str(category).strip().casefold() == _TAGS_CATEGORY:
            names.extend(str(tag) for tag in entries or ())
            continue
        names.append(str(category))
        read.not_brought["note in a category"] += len(entries or ())
    names.extend(found[1] for found in _HASHTAG.finditer(text))
    if not text.strip() and not names:
        return None  # RedNotebook leaves out such a day, and shows nothing
    if not title_and_text("", text, place, read):
        return None
    start = dt.datetime.combine(day, dt.time())
    try:
        created = start.astimezone()
        return Entry(
            id=content_id(NAME, day, text),
            date=day,
            created_at=created,
            updated_at=created,
            text=text,
            tags=source_tags(names, read),
        )
    except (InvalidEntryError, OverflowError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or f"the day {day} cannot be used"
        read.problems.append(SourceProblem(place, reason))
        return None
