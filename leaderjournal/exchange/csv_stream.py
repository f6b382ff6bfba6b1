"""Importing a large entries CSV without holding its entries in memory.

A plan of a million rows held as entries took about 1.3 GB. A large UTF-8
file is therefore read twice instead: the check reads every row, keeps only
what the plan needs (each id's line, the counts, the rows the journal keeps
its own version of, each tag's first spelling) and a digest of the bytes;
writing reads the rows again and writes them in one transaction, a chunk at
a time, as they come. The second reading must see the same bytes: if the
file changed in between, nothing is written and the person is asked to
import it again.

The outcome is the one :func:`csv_import.plan_import` and
:func:`import_plan.apply_import` give for the same bytes (the tests compare
both on the same files).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import io
import itertools
from collections.abc import Iterator
from pathlib import Path

from leaderjournal.domain.entry import Entry, now
from leaderjournal.domain.limits import tag_key
from leaderjournal.exchange.csv_import import (
    FIELD_LIMIT,
    LONGEST_CELL,
    WHAT_IT_IS,
    empty_file_error,
    plan_import,
    read_file,
    read_header,
    row_entries,
)
from leaderjournal.exchange.decoding import BOM, NotTextError, check_utf8_file, sniff
from leaderjournal.exchange.files import Cancelled
from leaderjournal.exchange.import_plan import (
    ImportFileError,
    ImportPlan,
    ImportProgress,
    Kept,
    Problem,
    same_content,
)
from leaderjournal.exchange.sources import SourceProblem
from leaderjournal.storage.entries import EntryRepository

#: Files larger than this are read twice rather than held. Holding costs
#: about 1.1 kB a row beside the file's bytes (a 232 MB file of a million
#: short rows peaked at 1.3 GB), reading twice about half as much time
#: again: a ten-year journal's export (2 MB) or a 100,000-entry one (25 to
#: 100 MB) is held.
STREAM_ABOVE = 128 * 2**20
#: Rows the journal already holds, compared with it this many at a time.
_COMPARED_AT_ONCE = 1000
_PROGRESS_EVERY = 1000
_CHANGED = (
    "{name} changed while it was being imported, so nothing was imported. "
    "Import it again once it is saved."
)


class _Digesting(io.RawIOBase):
    """A file's bytes as read, and a digest of all of them."""

    def __init__(self, file: io.BufferedReader) -> None:
        super().__init__()
        self._file = file
        self.digest = hashlib.blake2b(digest_size=32)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        count = self._file.readinto(buffer)
        if count:
            self.digest.update(memoryview(buffer)[:count])
        return count


def plan_import_file(
    path: Path,
    entries: EntryRepository,
    progress: ImportProgress | None = None,
    *,
    stream: bool | None = None,
) -> ImportPlan:
    """What importing the entries CSV ``path`` would change (as
    :func:`csv_import.plan_import`). ``stream``: read it twice rather than
    hold its entries; by default when it is large and UTF-8."""
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            head = file.read(64)
    except OSError:
        return plan_import(read_file(path), entries, progress)  # says why
    encoding, skip = sniff(head)
    if stream is None:
        stream = size > STREAM_ABOVE
    if not stream or encoding != "utf-8":
        return plan_import(read_file(path), entries, progress)
    try:
        if check_utf8_file(path, WHAT_IT_IS, skip):
            raise empty_file_error()
    except NotTextError as exc:
        raise ImportFileError(str(exc)) from exc
    except OSError as exc:
        raise ImportFileError(f"{path} could not be read ({exc.strerror}).") from exc
    return _StreamPlanner(path, entries, size).plan(progress)


@dataclasses.dataclass
class _Reading:
    """What the first reading learnt, for the second."""

    path: Path
    size: int
    at: dt.datetime
    digest: bytes = b""
    #: The journal's entries when the file was checked: updated_at by id.
    stored: dict[str, dt.datetime] = dataclasses.field(default_factory=dict)
    added: int = 0
    updated: int = 0
    #: Each tag key's spelling in the oldest entry to write, with its age.
    first_spelling: dict[str, tuple[dt.date, dt.datetime, str]] = dataclasses.field(
        default_factory=dict
    )
    rewritten: set[str] = dataclasses.field(default_factory=set)

    def rows(self, problems: list[Problem]) -> Iterator[tuple[int, Entry]]:
        """Each good row of the file with its line (bad ones in
        ``problems``); ``self.digest`` is set once all are read."""
        with self.path.open("rb") as file:
            raw = _Digesting(file)
            text = io.TextIOWrapper(
                io.BufferedReader(raw, buffer_size=1 << 16),
                encoding="utf-8-sig",
                newline="",
            )
            first = text.readline().lstrip(BOM)  # a second mark, if any
            reader = csv.reader(itertools.chain((first,), text), strict=True)
            with FIELD_LIMIT.raised_to(max(self.size, LONGEST_CELL)):
                header, older = read_header(reader)
                yield from row_entries(reader, header, older, self.at, problems, {})
            text.detach()
            self.digest = raw.digest.digest()

    def to_write(self, entry: Entry) -> bool:
        known = self.stored.get(entry.id)
        return known is None or entry.updated_at > known

    def write(self, entries: EntryRepository) -> None:
        """Read the file again and write its new and newer entries, all in
        one transaction; nothing if the file changed since it was checked."""
        if not self.added and not self.updated:
            return
        problems: list[Problem] = []
        checked = self.digest
        spellings = {key: tag for key, (_d, _t, tag) in self.first_spelling.items()}

        def wanted() -> Iterator[Entry]:
            # Errors of the file are said here, inside the write: raised out
            # of it, they would read as the journal's.
            written = 0
            try:
                for _line, entry in self.rows(problems):
                    if self.to_write(entry):
                        written += 1
                        yield entry
            except UnicodeDecodeError as exc:
                raise ImportFileError(_CHANGED.format(name=self.path.name)) from exc
            except OSError as exc:
                raise ImportFileError(
                    f"{self.path} could not be read again ({exc.strerror}); "
                    "nothing was imported."
                ) from exc
            changed = problems or written != self.added + self.updated
            if changed or self.digest != checked:
                raise ImportFileError(_CHANGED.format(name=self.path.name))

        entries.save_stream(wanted(), spellings, self.rewritten)


class _StreamPlanner:
    def __init__(self, path: Path, entries: EntryRepository, size: int) -> None:
        self._entries = entries
        self._reading = _Reading(path, size, now())
        self._plan = ImportPlan()
        self._not_newer: list[tuple[int, Entry]] = []

    def plan(self, progress: ImportProgress | None) -> ImportPlan:
        reading, plan = self._reading, self._plan
        reading.stored = self._entries.updated_at_by_id()
        problems: list[Problem] = []
        read = 0
        try:
            for line, entry in reading.rows(problems):
                read += 1
                if (
                    progress is not None
                    and read % _PROGRESS_EVERY == 0
                    and progress(read, None) is False
                ):
                    raise Cancelled("The import was cancelled; nothing was written.")
                if problems:
                    # Nothing will be written: the rest is read for its problems.
                    continue
                if reading.to_write(entry):
                    self._count(entry)
                else:
                    self._not_newer.append((line, entry))
                    if len(self._not_newer) == _COMPARED_AT_ONCE:
                        self._compare()
        except UnicodeDecodeError as exc:
            raise ImportFileError(_CHANGED.format(name=reading.path.name)) from exc
        except OSError as exc:
            raise ImportFileError(
                f"{reading.path} could not be read ({exc.strerror})."
            ) from exc
        if problems:
            return ImportPlan(problems=list[Problem | SourceProblem](problems))
        self._compare()
        plan.kept.sort(key=lambda kept: kept.line)
        plan.streamed = reading
        return plan

    def _count(self, entry: Entry) -> None:
        reading = self._reading
        if entry.id in reading.stored:
            reading.updated += 1
            reading.rewritten.add(entry.id)
        else:
            reading.added += 1
        age = (entry.date, entry.created_at)
        spellings = reading.first_spelling
        for tag in entry.tags:
            key = tag_key(tag)
            first = spellings.get(key)
            if first is None or age < first[:2]:
                spellings[key] = (*age, tag)

    def _compare(self) -> None:
        """The rows not newer than the journal's: unchanged, or kept."""
        if not self._not_newer:
            return
        ours = self._entries.get_many([entry.id for _line, entry in self._not_newer])
        for line, entry in self._not_newer:
            stored = ours[entry.id]
            if same_content(entry, stored):
                self._plan.unchanged += 1
            else:
                self._plan.kept.append(
                    Kept(
                        line,
                        entry.id,
                        stored.date,
                        stored.title,
                        newer=stored.updated_at > entry.updated_at,
                    )
                )
        self._not_newer.clear()
