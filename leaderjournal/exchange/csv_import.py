"""Reading LeaderJournal's CSV entries format into an import plan.

Every row is checked: a bad one is named with its line number, the header
with the columns it lacks or should not have, and a file that is empty or
not text as a whole. What the plan then does is :mod:`import_plan`'s.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import itertools
import sys
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from leaderjournal.domain.dimensions import FORMER_KEYS
from leaderjournal.domain.entry import Entry, now
from leaderjournal.domain.limits import TEXT_MAX, shown
from leaderjournal.exchange.csv_format import ENTRY_COLUMNS
from leaderjournal.exchange.csv_rows import RowReader
from leaderjournal.exchange.decoding import BOM, NotTextError, check_utf8, sniff
from leaderjournal.exchange.decoding import decode as decode_text
from leaderjournal.exchange.files import Cancelled
from leaderjournal.exchange.import_plan import (
    ImportFileError,
    ImportPlan,
    ImportProgress,
    Problem,
    classify,
)
from leaderjournal.exchange.sources import SourceProblem
from leaderjournal.storage.entries import EntryRepository

#: The longest cell of a row inside the limits: the text with its guards
#: (one "'" before it and, at most, one after each of its characters).
LONGEST_CELL = 2 * TEXT_MAX + 1
#: What a file to import is, as messages say it ("... is not a file ...").
WHAT_IT_IS = "exported from LeaderJournal or saved as CSV"


def decode(data: bytes) -> str:
    """The file's text; ImportFileError if it is empty, binary or not text in
    UTF-8, UTF-16 or UTF-32 (with or without a byte-order mark)."""
    return _text(data)[0]


def _text(data: bytes) -> tuple[str, str]:
    # isspace, not strip: no copy of a large file, made holding Python's lock
    if not data or data.isspace():
        raise empty_file_error()
    try:
        text, encoding, _ = decode_text(data, WHAT_IT_IS)
    except NotTextError as exc:
        raise ImportFileError(str(exc)) from exc
    if not text or text.isspace():
        raise empty_file_error()
    return text, encoding


def _check_utf8(data: bytes, skip: int) -> None:
    """What :func:`_text` checks, for a UTF-8 file, without its text."""
    if not data or data.isspace():
        raise empty_file_error()
    try:
        blank = check_utf8(data, WHAT_IT_IS, skip)
    except NotTextError as exc:
        raise ImportFileError(str(exc)) from exc
    if blank:
        raise empty_file_error()


def empty_file_error() -> ImportFileError:
    return ImportFileError(
        "The file is empty. An entries export starts with the header row "
        f"{','.join(ENTRY_COLUMNS)}."
    )


def _listed(names: list[str], most: int = 5) -> str:
    """Names for a message: each shown, at most ``most`` of them."""
    listed = ", ".join(shown(n) for n in names[:most])
    return listed + (f" and {len(names) - most:,} more" if len(names) > most else "")


def _check_header(header: list[str]) -> tuple[list[str], dict[str, str]]:
    """The columns of ``header`` by their current names, and the file's own
    name of each column an older version named otherwise ("power")."""
    names = [name.strip() for name in header]
    older = {FORMER_KEYS[n]: n for n in names if n in FORMER_KEYS}
    both = [f"{old} and {new}" for new, old in older.items() if new in names]
    if both:
        raise ImportFileError(
            f"The file has both {both[0]} columns, the old and the new name of "
            "the same rating: delete one of them and import again."
        )
    names = [FORMER_KEYS.get(n, n) for n in names]
    known = set(ENTRY_COLUMNS)
    missing = [c for c in ENTRY_COLUMNS if c not in names]
    unexpected = [n for n in names if n not in known]
    repeated = sorted(
        n for n, count in Counter(names).items() if count > 1 and n in known
    )
    if missing or unexpected or repeated:
        details = []
        if missing:
            details.append("missing " + ", ".join(missing))
        if unexpected:
            details.append("unexpected " + _listed(unexpected))
        if repeated:
            details.append("repeated " + ", ".join(repeated))
        raise ImportFileError(
            "The columns do not match an entries export ("
            + "; ".join(details)
            + f"). The first row must be: {','.join(ENTRY_COLUMNS)}"
        )
    return names, older


class _FieldLimit:
    """csv's longest cell (131,072 characters by default) belongs to the
    whole process: it is raised only while some import reads, and put back
    as it was when the last one is done."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._readers = 0
        self._before = 0

    @contextlib.contextmanager
    def raised_to(self, longest: int) -> Iterator[None]:
        with self._lock:
            if not self._readers:
                self._before = csv.field_size_limit()
            self._readers += 1
            csv.field_size_limit(max(csv.field_size_limit(), longest))
        try:
            yield
        finally:
            with self._lock:
                self._readers -= 1
                if not self._readers:
                    csv.field_size_limit(self._before)


FIELD_LIMIT = _FieldLimit()


def read_entries(
    text: str | Iterable[str],
    progress: ImportProgress | None = None,
    *,
    longest: int | None = None,
) -> tuple[list[Entry], list[Problem], dict[str, int]]:
    """Every entry in an entries export, every problem found in it, and the
    line each entry was read from (by id).

    ``text`` is the file's text, or its lines as read with newline="".
    ``longest`` bounds the length of a cell (a file's size does); it is
    needed only for lines, and only to keep csv's limit low.
    """
    if isinstance(text, str):
        text = text.lstrip(BOM)
        longest = len(text)
        text = io.StringIO(text, newline="")
    longest = sys.maxsize if longest is None else max(longest, LONGEST_CELL)
    with FIELD_LIMIT.raised_to(longest):
        return _read_rows(csv.reader(text, strict=True), progress)


def _read_rows(
    reader: Any, progress: ImportProgress | None
) -> tuple[list[Entry], list[Problem], dict[str, int]]:
    header, older = read_header(reader)
    entries: list[Entry] = []
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    for _line, entry in row_entries(reader, header, older, now(), problems, first_line):
        entries.append(entry)
        if (
            progress is not None
            and len(entries) % 1000 == 0
            and progress(len(entries), None) is False
        ):
            raise Cancelled("The import was cancelled; nothing was written.")
    return entries, problems, first_line


def read_header(reader: Any) -> tuple[list[str], dict[str, str]]:
    """The columns of a file's first row (see :func:`_check_header`)."""
    try:
        return _check_header(next(reader))
    except StopIteration:
        raise empty_file_error() from None
    except csv.Error as exc:
        raise ImportFileError(f"The first row is not valid CSV ({exc}).") from exc


def row_entries(  # noqa: PLR0917 - the state of one reading of a file
    reader: Any,
    header: list[str],
    older: dict[str, str],
    at: dt.datetime,
    problems: list[Problem],
    first_line: dict[str, int],
) -> Iterator[tuple[int, Entry]]:
    """Each good row after the header as an entry, with its line; each bad
    one added to ``problems``. ``at`` is the time an empty updated_at means;
    ``first_line`` learns the line of each id, to name a repeated one."""
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            reason = _describe_csv_error(exc, line, reader.line_num)
            problems.append(Problem(line, reason))
            if _never_closed(exc):
                return  # the open quote took in the rest of the file
            continue  # csv starts again on the next line: check the rest too
        if not cells or cells == [""]:
            continue
        if len(cells) != len(header):
            problems.append(
                Problem(
                    line,
                    f"the row has {len(cells):,} cells but there are "
                    f"{len(header)} columns (a comma too many or too few?)",
                )
            )
            continue
        row = RowReader(at, older)
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
        yield line, entry


def _never_closed(exc: csv.Error) -> bool:
    text = str(exc)
    return "EOF" in text or "end of data" in text


def _describe_csv_error(exc: csv.Error, start: int, end: int) -> str:
    if _never_closed(exc):
        return 'a quoted cell is opened with " but never closed'
    if "expected after" in str(exc):
        where = f" on line {end:,}" if end != start else ""
        return (
            f'a quoted cell is closed with "{where} and followed by more text; '
            'write "" for a quote inside a quoted cell'
        )
    return f"this row is not valid CSV ({exc})"


def plan_import(
    data: bytes, entries: EntryRepository, progress: ImportProgress | None = None
) -> ImportPlan:
    """Check a file and work out what importing it would change.

    Raises ImportFileError when the file as a whole is unusable; bad rows are
    listed in the plan's ``problems``.
    """
    encoding, skip = sniff(data)
    if encoding == "utf-8":
        # Checked, then read as a stream of the bytes: copying a large file's
        # text into a StringIO costs more than decoding it a second time.
        _check_utf8(data, skip)
        stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")
        first = stream.readline().lstrip(BOM)  # a second mark, if any
        rows = itertools.chain((first,), stream)
        read, problems, lines = read_entries(rows, progress, longest=len(data))
    else:
        read, problems, lines = read_entries(_text(data)[0], progress)
    plan = ImportPlan(problems=list[Problem | SourceProblem](problems))
    if problems:
        return plan
    return classify(read, lines, entries, plan)


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
