"""Importing entries from the CSV entries format.

Import is all-or-nothing: every row is checked first, and if any is bad
nothing is written and every bad row is reported with its line number.
Entries merge by id: a row whose ``updated_at`` is newer than the stored
entry's replaces it; older or equal rows leave the journal as it is.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from leaderjournal.domain.dimensions import DIMENSION_KEYS, SCALE
from leaderjournal.domain.entry import Entry, InvalidEntryError, now
from leaderjournal.exchange.csv_format import ENTRY_COLUMNS, TAG_SEPARATOR, unprotect
from leaderjournal.exchange.files import Cancelled, ExchangeError
from leaderjournal.storage.entries import EntryRepository

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: An id as LeaderJournal writes it, which uuid.UUID would give back unchanged.
_CANONICAL_ID = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
)
#: Rating cells as exported; any other spelling ("+1", " 02") is parsed.
_RATING_CELLS = {str(point): point for point in SCALE}
_EXAMPLE_STAMP = "2026-11-29T18:42:00+01:00"

#: Called with (rows read, None); returning False stops reading.
ImportProgress = Callable[[int, int | None], bool | None]


class ImportFileError(ExchangeError):
    """The file as a whole cannot be read as an entries export."""


@dataclass(frozen=True)
class Problem:
    """A bad row: its line number in the file and what is wrong, in words."""

    line: int
    reason: str

    def __str__(self) -> str:
        return f"Line {self.line}: {self.reason}"


@dataclass
class ImportPlan:
    """What an import would do; nothing is written until it is applied."""

    added: list[Entry] = field(default_factory=list)
    updated: list[Entry] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return len(self.added) + len(self.updated) + self.unchanged

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, "
            f"{self.unchanged} unchanged"
        )


def decode(data: bytes) -> str:
    """The file's text; ImportFileError if it is empty, binary or not UTF-8."""
    if not data.strip():
        raise ImportFileError(
            "The file is empty. An entries export starts with the header row "
            f"{','.join(ENTRY_COLUMNS)}."
        )
    if b"\x00" in data:
        raise ImportFileError(
            "This is not a CSV file: it contains binary data. Choose a file "
            "exported from LeaderJournal or saved as CSV."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            "The file is not UTF-8 text (it has a byte that UTF-8 does not "
            f"allow at position {exc.start}). Save it as \u201cCSV UTF-8\u201d "
            "and import it again."
        ) from exc


def _check_header(header: list[str]) -> list[str]:
    names = [name.strip() for name in header]
    missing = [c for c in ENTRY_COLUMNS if c not in names]
    unexpected = [n for n in names if n not in ENTRY_COLUMNS]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if missing or unexpected or repeated:
        details = []
        if missing:
            details.append("missing " + ", ".join(missing))
        if unexpected:
            details.append(
                "unexpected " + ", ".join(f"\u201c{n}\u201d" for n in unexpected)
            )
        if repeated:
            details.append("repeated " + ", ".join(repeated))
        raise ImportFileError(
            "The columns do not match an entries export ("
            + "; ".join(details)
            + f"). The first row must be: {','.join(ENTRY_COLUMNS)}"
        )
    return names


class _RowReader:
    """Turns the cells of one row into an Entry, collecting every reason."""

    def __init__(self, at: dt.datetime) -> None:
        self.at = at
        self.reasons: list[str] = []

    def entry(self, cells: dict[str, str]) -> Entry | None:
        fields = {
            "id": self._id(cells["id"]),
            "date": self._date(cells["date"]),
            "created_at": self._stamp("created_at", cells["created_at"]),
            "updated_at": self._stamp("updated_at", cells["updated_at"]),
            "ratings": {k: self._rating(k, cells[k]) for k in DIMENSION_KEYS},
            "advice_requests": self._advice(cells["advice_requests"]),
        }
        if self.reasons:
            return None
        tags = unprotect(cells["tags"])
        try:
            return Entry(
                title=unprotect(cells["title"]),
                text=unprotect(cells["text"]),
                tags=tuple(tags.split(TAG_SEPARATOR)) if tags else (),
                **fields,  # type: ignore[arg-type]
            )
        except InvalidEntryError as exc:
            self.reasons.append(str(exc))
            return None

    def _id(self, cell: str) -> str:
        cell = cell.strip()
        if not cell:
            return str(uuid.uuid4())
        if _CANONICAL_ID.fullmatch(cell):
            return cell
        try:
            return str(uuid.UUID(cell))
        except ValueError:
            self.reasons.append(
                f"the id \u201c{cell}\u201d is not a UUID "
                "(like 1b4e28ba-2fa1-41d2-883f-0016d3cca427); leave it empty "
                "for a new entry"
            )
            return ""

    def _date(self, cell: str) -> dt.date | None:
        cell = cell.strip()
        try:
            if _DATE.fullmatch(cell):
                return dt.date.fromisoformat(cell)
        except ValueError:
            self.reasons.append(f"the date \u201c{cell}\u201d does not exist")
            return None
        self.reasons.append(
            f"the date \u201c{cell}\u201d is not a date written as YYYY-MM-DD"
        )
        return None

    def _stamp(self, column: str, cell: str) -> dt.datetime | None:
        cell = cell.strip()
        if not cell:
            return self.at
        try:
            stamp = dt.datetime.fromisoformat(cell)
        except ValueError:
            self.reasons.append(
                f"{column} \u201c{cell}\u201d is not a date and time like "
                f"{_EXAMPLE_STAMP}"
            )
            return None
        # A time without its UTC offset is taken as this computer's local time;
        # the journal keeps whole seconds, so a re-import compares equal.
        stamp = stamp if stamp.tzinfo else stamp.astimezone()
        return stamp.replace(microsecond=0) if stamp.microsecond else stamp

    def _rating(self, column: str, cell: str) -> int | None:
        if cell in _RATING_CELLS:
            return _RATING_CELLS[cell]
        cell = cell.strip()
        if not cell:
            return None
        try:
            value = int(cell)
        except ValueError:
            value = None
        if value is None or value not in SCALE:
            self.reasons.append(
                f"{column} is \u201c{cell}\u201d; a rating must be -2, -1, 0, 1, 2, "
                "or empty for not rated"
            )
            return None
        return value

    def _advice(self, cell: str) -> int:
        cell = cell.strip()
        if not cell:
            return 0
        try:
            value = int(cell)
        except ValueError:
            value = -1
        if value < 0:
            self.reasons.append(
                f"advice_requests is \u201c{cell}\u201d; it must be a whole "
                "number, 0 or more"
            )
            return 0
        return value


def read_entries(
    text: str | TextIO, progress: ImportProgress | None = None
) -> tuple[list[Entry], list[Problem]]:
    """Every entry in an entries export, and every problem found in it.

    ``text`` is the file's text, or a stream of it opened with newline="".
    """
    lines = io.StringIO(text, newline="") if isinstance(text, str) else text
    reader = csv.reader(lines, strict=True)
    try:
        header = _check_header(next(reader))
    except csv.Error as exc:
        raise ImportFileError(f"The first row is not valid CSV ({exc}).") from exc
    at = now()
    entries: list[Entry] = []
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(line, _describe_csv_error(exc)))
            break
        if not cells or cells == [""]:
            continue
        if len(cells) != len(header):
            problems.append(
                Problem(
                    line,
                    f"the row has {len(cells)} cells but there are "
                    f"{len(header)} columns (a comma too many or too few?)",
                )
            )
            continue
        row = _RowReader(at)
        entry = row.entry(dict(zip(header, cells, strict=True)))
        if entry is not None and entry.id in first_line:
            row.reasons.append(
                f"the id {entry.id} was already used on line {first_line[entry.id]}"
            )
        if row.reasons:
            problems.append(Problem(line, "; ".join(row.reasons)))
            continue
        assert entry is not None
        first_line[entry.id] = line
        entries.append(entry)
        if (
            progress is not None
            and len(entries) % 1000 == 0
            and progress(len(entries), None) is False
        ):
            raise Cancelled("The import was cancelled; nothing was written.")
    return entries, problems


def _describe_csv_error(exc: csv.Error) -> str:
    text = str(exc)
    if "EOF" in text or "end of data" in text:
        return 'a quoted cell is opened with " but never closed'
    return f"this row is not valid CSV ({text})"


def plan_import(
    data: bytes, entries: EntryRepository, progress: ImportProgress | None = None
) -> ImportPlan:
    """Check a file and work out what importing it would change.

    Raises ImportFileError when the file as a whole is unusable; bad rows are
    listed in the plan's ``problems``.
    """
    decode(data)  # refuses an empty, binary or non-UTF-8 file, in words
    # Read as a stream of the bytes: copying a large file's text into a
    # StringIO costs more than decoding it a second time.
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")
    read, problems = read_entries(stream, progress)
    plan = ImportPlan(problems=problems)
    if problems:
        return plan
    stored = entries.updated_at_by_id()
    for entry in read:
        known = stored.get(entry.id)
        if known is None:
            plan.added.append(entry)
        elif entry.updated_at > known:
            plan.updated.append(entry)
        else:
            plan.unchanged += 1
    return plan


def apply_import(plan: ImportPlan, entries: EntryRepository) -> None:
    """Write a checked plan in one transaction; refuses a plan with problems."""
    if plan.problems:
        raise ImportFileError(
            f"{len(plan.problems)} rows are not valid, so nothing was imported."
        )
    entries.save_many([*plan.added, *plan.updated])


def read_file(path: Path) -> bytes:
    """The bytes of a file to import, or ImportFileError in plain words."""
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise ImportFileError(f"There is no file {path}.") from exc
    except IsADirectoryError as exc:
        raise ImportFileError(f"{path} is a folder, not a file.") from exc
    except PermissionError as exc:
        raise ImportFileError(f"You do not have permission to read {path}.") from exc
    except OSError as exc:
        raise ImportFileError(f"{path} could not be read ({exc.strerror}).") from exc
