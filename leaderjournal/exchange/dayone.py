"""Day One's JSON export: a ``.zip`` holding ``<Journal>.json`` (and
``photos/``), or a bare ``.json``.

Each entry has a ``uuid``, ``creationDate`` and ``modifiedDate`` (UTC), the
``timeZone`` it was written in, its ``text`` in Markdown, ``tags`` and
``starred``. Its day and times are those of its own time zone; a first line
``# Heading`` becomes the title. Links to photos and other media
(``dayone-moment:``) are taken out of the text and counted, with starred
flags, locations and weather, as what could not be brought along.

The zip is read in memory, never extracted: only its top-level ``.json``
members are read, each within the size limit.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import re
import zipfile
import zlib
from collections import Counter
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.entry import Entry, InvalidEntryError
from leaderjournal.domain.limits import shown
from leaderjournal.exchange.sources import (
    SOURCE_MAX_BYTES,
    SourceFileError,
    SourceProblem,
    SourceRead,
    read_bytes,
    source_id,
    source_tags,
    title_and_text,
)

NAME = "dayone"
LABEL = "Day One JSON"
_WHAT = "a Day One export"

#: The most members a Day One zip may list (its photos included).
ZIP_MAX_MEMBERS = 500_000
_ZIP_MAGIC = b"PK\x03\x04"
_HEAD = 64 * 1024
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


def recognises(path: Path, head: bytes) -> bool:
    """A ``.json`` (or a zip with a top-level ``.json``) whose object lists
    ``entries`` with a ``creationDate``."""
    if head.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(path) as archive:
                infos = archive.infolist()
                if len(infos) > ZIP_MAX_MEMBERS:
                    return False
                members = _journal_members(infos)
                if not members:
                    return False
                with archive.open(members[0]) as member:
                    head = member.read(_HEAD)
        except (OSError, zipfile.BadZipFile, EOFError, zlib.error, ValueError):
            return False  # damaged: read() says so when it is chosen
        except (RuntimeError, NotImplementedError):
            return False  # an encrypted member, or a compression zipfile lacks
    return looks_like(head, b'"creationDate"')


def looks_like(head: bytes, mark: bytes) -> bool:
    """Whether the start of a file is a JSON object listing ``entries`` with
    ``mark`` among the first entry's keys."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return text.startswith(b"{") and b'"entries"' in text and mark in text


def _journal_members(infos: list[zipfile.ZipInfo]) -> list[zipfile.ZipInfo]:
    """The journals of a Day One zip: its top-level ``.json`` files."""
    return [
        info
        for info in infos
        if not info.is_dir()
        and "/" not in info.filename
        and "\\" not in info.filename
        and info.filename.lower().endswith(".json")
    ]


def read(path: Path) -> SourceRead:
    """Every entry of a Day One export (a zip of journals or one journal)."""
    data = read_bytes(path, _WHAT)
    zipped = data.startswith(_ZIP_MAGIC)
    journals = _zip_journals(path, data) if zipped else [(path.name, data)]
    # Each file's bytes are let go once parsed (and each parsed entry once
    # read): the memory they free serves what is made next.
    del data
    read = SourceRead(NAME)
    several = len(journals) > 1
    seen: set[str] = set()
    journals.reverse()
    while journals:
        name, content = journals.pop()
        document = load_json(content, name, _WHAT)
        del content
        _read_journal(document, name, f"{name}, " if several else "", read, seen)
    return read


def _zip_journals(path: Path, data: bytes) -> list[tuple[str, bytes]]:
    """The names and bytes of the top-level ``.json`` files of a zip, each
    (and all together) within SOURCE_MAX_BYTES uncompressed."""
    name = shown(path.name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > ZIP_MAX_MEMBERS:
                raise SourceFileError(
                    f"{name} holds more than {ZIP_MAX_MEMBERS:,} files: too many "
                    f"for {_WHAT}."
                )
            members = _journal_members(infos)
            if not members:
                raise SourceFileError(
                    f"{name} holds no journal (.json file) at its top level: "
                    f"choose the zip Day One exported, or the .json in it."
                )
            journals: list[tuple[str, bytes]] = []
            total = 0
            for info in members:
                with archive.open(info) as member:
                    content = member.read(SOURCE_MAX_BYTES + 1 - total)
                total += len(content)
                if total > SOURCE_MAX_BYTES:
                    raise SourceFileError(
                        f"The journals in {name} are larger than "
                        f"{SOURCE_MAX_BYTES // 2**20} MB unpacked: too large "
                        f"for {_WHAT}."
                    )
                journals.append((info.filename, content))
            return journals
    except (zipfile.BadZipFile, EOFError, zlib.error, ValueError) as exc:
        raise SourceFileError(
            f"{name} is a damaged zip file ({shown(str(exc))}): export it again."
        ) from exc
    except RuntimeError as exc:  # an encrypted member
        raise SourceFileError(
            f"{name} is an encrypted zip file: export it again without a password."
        ) from exc
    except NotImplementedError as exc:
        raise SourceFileError(
            f"{name} is packed in a way that cannot be read ({shown(str(exc))})."
        ) from exc


def load_json(data: bytes, name: str, what: str) -> Any:
    """A JSON document, or SourceFileError saying where it breaks."""
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise SourceFileError(
            f"{shown(name)} is not text in UTF-8 (byte {exc.start + 1:,}), as "
            f"{what} is."
        ) from exc
    except json.JSONDecodeError as exc:
        raise SourceFileError(
            f"{shown(name)} is not valid JSON at line {exc.lineno:,}, column "
            f"{exc.colno:,} ({exc.msg.lower()}): it may be cut short; export it "
            "again."
        ) from exc
    except (ValueError, RecursionError) as exc:
        raise SourceFileError(
            f"{shown(name)} holds JSON that cannot be read (nested too deep or a "
            "number too long)."
        ) from exc


_MARKS = ("uuid", "creationDate")


def _looks_like_entry(item: Any, marks: tuple[str, ...]) -> bool:
    return isinstance(item, dict) and all(mark in item for mark in marks)


def entry_list(document: Any, name: str, what: str) -> list[Any]:
    """The ``entries`` list of an export, or SourceFileError."""
    entries = document.get("entries") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise SourceFileError(
            f"{shown(name)} is not {what}: it has no list of entries."
        )
    return entries


def _read_journal(
    document: Any, name: str, prefix: str, read: SourceRead, seen: set[str]
) -> None:
    """Each entry of one parsed journal into ``read``; its list of entries is
    emptied on the way."""
    zones: dict[str, dt.tzinfo] = {}
    items = entry_list(document, name, _WHAT)
    if items and not any(_looks_like_entry(item, _MARKS) for item in items):
        raise SourceFileError(
            f"{shown(name)} is not {LABEL}: none of its entries has a uuid and "
            "a creationDate."
        )
    for index, item in enumerate(items):
        items[index] = None
        place = f"{prefix}entry {index + 1:,}"
        entry = _entry(item, place, read, zones)
        if entry is None:
            continue
        if entry.id in seen:
            read.not_brought["duplicate"] += 1
            continue
        seen.add(entry.id)
        read.entries.append(entry)
        read.places[entry.id] = place


_NOT_RATED = dict.fromkeys(DIMENSION_KEYS)
#: str for each of a list's items (all(map(isinstance, items, _STR))).
_STR = itertools.repeat(str)


def _entry(
    item: Any, place: str, read: SourceRead, zones: dict[str, dt.tzinfo]
) -> Entry | None:
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
