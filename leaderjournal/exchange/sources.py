"""What every importer of another app's journal shares (no Qt, no writing).

A format module (``dayone``, ``jrnl_json``, ``daylio``, ``rednotebook``)
reads a file or folder into a :class:`SourceRead`: the entries it found, the
problems it found (each with its place: a line, an entry's index, a file's
name), the place each entry came from, and a count of what it could not
bring along (photos, moods, starred flags). Nothing is written;
:mod:`leaderjournal.exchange.importers` plans and applies the import.

Ids are derived from the source (its uuid, or a hash of date, time and text
where it has none), so that importing the same file twice adds nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import re
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from leaderjournal.domain.entry import Entry
from leaderjournal.domain.limits import (
    TAG_FORBIDDEN,
    TAG_MAX_LENGTH,
    TAGS_MAX,
    TEXT_MAX,
    TITLE_MAX,
    shown,
)
from leaderjournal.exchange.files import ExchangeError

#: The largest file (or member of a zip, or folder in all) an importer reads:
#: ten years of daily entries in any of the formats is a few tens of MB.
SOURCE_MAX_BYTES = 512 * 1024 * 1024

#: Namespace of the ids of imported entries (uuid5 of "<format>:<key>").
_NAMESPACE = uuid.UUID("6f1e5d38-3c1b-4f0e-9a43-2b7c8d0e4a51")

_TAG_FORBIDDEN_RE = re.compile("[" + re.escape("".join(TAG_FORBIDDEN)) + "]+")


class SourceFileError(ExchangeError):
    """The file or folder as a whole cannot be read in the chosen format;
    ``str()`` says why in one line. Nothing was written."""


@dataclass(frozen=True)
class SourceProblem:
    """Something wrong at one place of the source: ``place`` as a person
    finds it ("line 12", "entry 3", "2024-03.txt, day 14")."""

    place: str
    reason: str

    def __str__(self) -> str:
        return f"{self.place[:1].upper()}{self.place[1:]}: {self.reason}"


@dataclass
class SourceRead:
    """Everything an importer read from one source."""

    #: The format's name in the registry, e.g. "dayone".
    format: str
    entries: list[Entry] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)
    #: Where each entry was read, by entry id ("entry 12").
    places: Mapping[str, str] = field(default_factory=dict)
    #: What could not be brought along, by kind in the singular ("photo",
    #: "mood", "starred flag", "tag beyond 30"), with how many.
    not_brought: Counter[str] = field(default_factory=Counter)


def entry_place(number: int, prefix: str = "") -> str:
    """Where an entry of an export's list was read: "entry 1,234" (after
    the journal's name, "Work.json, entry 1,234", where a file holds
    several)."""
    return f"{prefix}entry {number:,}"


class EntryPlaces(Mapping[str, str]):
    """Where each entry of an export's list was read, by entry id, as
    :func:`entry_place` says it. Kept as numbers and said when asked for:
    an import of 100,000 entries asks for a few."""

    def __init__(self) -> None:
        #: By entry id: its number in its list, and the prefix of the list.
        self.numbers: dict[str, tuple[int, str]] = {}

    def __getitem__(self, key: str) -> str:
        return entry_place(*self.numbers[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self.numbers)

    def __len__(self) -> int:
        return len(self.numbers)


#: SHA-1 over the namespace, copied for each id (uuid5 hashes it again for
#: every call, which is most of its cost on a large import).
_NAMESPACE_SHA1 = hashlib.sha1(_NAMESPACE.bytes, usedforsecurity=False)


def source_id(fmt: str, key: str) -> str:
    """A stable entry id for the source's own id ``key`` (e.g. its uuid):
    ``uuid.uuid5(_NAMESPACE, f"{fmt}:{key}")``, written out for speed."""
    sha1 = _NAMESPACE_SHA1.copy()
    sha1.update(f"{fmt}:{key}".encode())
    h = sha1.hexdigest()
    # Version 5 in the 13th digit, the RFC 4122 variant in the 17th.
    return f"{h[:8]}-{h[8:12]}-5{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:32]}"


#: The 17th hex digit of an id with its top two bits set to the variant 10.
_VARIANT = {f"{n:x}": f"{n & 0x3 | 0x8:x}" for n in range(16)}


def content_id(fmt: str, when: dt.date | dt.datetime, text: str) -> str:
    """A stable entry id for a source without ids: from the date (and time)
    and the text, so the same entry read twice gets the same id."""
    digest = hashlib.sha256(f"{when.isoformat()}\n{text}".encode()).hexdigest()
    return source_id(fmt, digest)


def source_tags(values: Iterable[str], read: SourceRead) -> tuple[str, ...]:
    """Another app's tags made into tags within the limits: characters a tag
    may not hold become spaces, a tag is cut to TAG_MAX_LENGTH, repeats
    (without regard to case) are dropped, and those beyond TAGS_MAX are
    counted in ``read.not_brought`` as "tag beyond 30"."""
    kept: list[str] = []
    seen: set[str] = set()
    for value in values:
        text = str(value)
        # Only short ones are remembered: a long one may be most of a file.
        tag, folded = _tidy_tag(text) if len(text) <= 200 else _tidied(text)
        if not tag or folded in seen:
            continue
        if len(kept) == TAGS_MAX:
            read.not_brought[f"tag beyond {TAGS_MAX}"] += 1
            continue
        seen.add(folded)
        kept.append(tag)
    return tuple(kept)


def _tidied(value: str) -> tuple[str, str]:
    """A tag made from ``value``, and its folded case."""
    tag = " ".join(_TAG_FORBIDDEN_RE.sub(" ", value).split())
    tag = tag[:TAG_MAX_LENGTH].strip()
    return tag, tag.casefold()


#: A journal of 100,000 entries uses a few dozen tags: each is tidied once.
_tidy_tag = functools.lru_cache(maxsize=1024)(_tidied)


def title_and_text(title: str, text: str, place: str, read: SourceRead) -> bool:
    """Whether a title and text fit the limits; if not, the problem is added
    to ``read`` (an entry is never cut: it is refused with its place)."""
    fits = True
    if len(title) > TITLE_MAX:
        read.problems.append(
            SourceProblem(place, f"the title is longer than {TITLE_MAX:,} characters")
        )
        fits = False
    if len(text) > TEXT_MAX:
        read.problems.append(
            SourceProblem(place, f"the text is longer than {TEXT_MAX:,} characters")
        )
        fits = False
    return fits


def read_bytes(path: Path, what: str) -> bytes:
    """A source file's bytes, refusing what is too large or not a file;
    ``what`` names the format in messages ("a Day One export")."""
    with open_source(path, what) as handle, source_errors(path):
        return handle.read()


def open_source(path: Path, what: str) -> BinaryIO:
    """A source file opened to read, refused as :func:`read_bytes` does."""
    with source_errors(path):
        if not path.is_file():
            raise SourceFileError(f"{shown(str(path))} is not a file ({what} is).")
        if path.stat().st_size > SOURCE_MAX_BYTES:
            raise SourceFileError(
                f"{shown(str(path))} is larger than {SOURCE_MAX_BYTES // 2**20} MB: "
                f"too large for {what}."
            )
        return path.open("rb")


@contextlib.contextmanager
def source_errors(path: Path) -> Iterator[None]:
    """An OSError in reading ``path`` as SourceFileError in plain words."""
    try:
        yield
    except PermissionError as exc:
        raise SourceFileError(
            f"You do not have permission to read {shown(str(path))}."
        ) from exc
    except OSError as exc:
        raise SourceFileError(
            f"{shown(str(path))} could not be read ({exc.strerror or exc})."
        ) from exc
