"""Exporting the journal: one code path for the app and the command line.

Exporters are plain functions in :data:`EXPORTERS`, each writing one format
to an open text stream; :data:`FORMATS` says what each is called and counts.
:func:`export_to_file` writes atomically, so a failed or cancelled export
leaves no partial file and never harms an existing one. The Markdown export
writes a folder instead (see :mod:`leaderjournal.exchange.markdown_export`).
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.filters import HistoryFilter
from leaderjournal.domain.scoring import iso_week_id, plain_lean
from leaderjournal.domain.weeks import group_by_week
from leaderjournal.exchange.csv_format import (
    ENTRY_COLUMNS,
    KEPT_CELLS,
    REVIEW_COLUMNS,
    WEEK_COLUMNS,
    protect,
    protect_tags,
)
from leaderjournal.exchange.files import Cancelled, ExchangeError, atomic_text_file
from leaderjournal.exchange.jrnl_export import write_jrnl
from leaderjournal.exchange.jrnl_text import write_jrnl_text
from leaderjournal.exchange.markdown_export import write_markdown_folder
from leaderjournal.storage.entries import EntryRepository
from leaderjournal.storage.reviews import ReviewRepository

#: Called with (rows done, rows in all); returning False cancels the export.
Progress = Callable[[int, int], bool | None]

log = logging.getLogger(__name__)

PROGRESS_EVERY = 1000


@dataclass(frozen=True)
class ExportOptions:
    """What to export: the format (a key of :data:`FORMATS`), an optional
    date range, and the BOM (CSV formats only)."""

    kind: str = "entries"
    start: dt.date | None = None
    end: dt.date | None = None
    excel: bool = False
    #: The history view's search and filters; replaces start/end when set.
    matching: HistoryFilter | None = None


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise Cancelled("The export was cancelled; no file was written.")


def write_entries(
    entries: EntryRepository,
    out: TextIO,
    options: ExportOptions,
    progress: Progress | None = None,
) -> int:
    """Write the entries format; returns the number of entries written."""
    total = entries.count_between(options.start, options.end, options.matching)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(ENTRY_COLUMNS)
    done = 0
    _report(progress, done, total)
    for raw in entries.export_rows(options.start, options.end, options.matching):
        (*head, title, text) = raw[:6]
        ratings = raw[6:11]
        rating_sum, rating_count, advice, tags = raw[11:]
        writer.writerow(
            (
                *head,
                protect(title),
                protect(text),
                *ratings,
                plain_lean(rating_sum, rating_count),
                advice,
                protect_tags(tags or ""),  # each tag, as a cell of its own
            )
        )
        done += 1
        if done % PROGRESS_EVERY == 0:
            _report(progress, done, total)
    _report(progress, done, total)
    return done


def write_weeks(
    entries: EntryRepository,
    out: TextIO,
    options: ExportOptions,
    progress: Progress | None = None,
) -> int:
    """Write the weekly format; returns the number of weeks written."""
    days = entries.day_totals(options.start, options.end, options.matching)
    weeks = group_by_week(days)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(WEEK_COLUMNS)
    _report(progress, 0, len(weeks))
    for done, week in enumerate(weeks, start=1):
        tally = week.tally
        writer.writerow(
            (
                week.week,
                week.start.isoformat(),
                week.end.isoformat(),
                week.entries,
                week.days_journaled,
                plain_lean(*tally.total()),
                *(plain_lean(tally.sums[k], tally.counts[k]) for k in DIMENSION_KEYS),
                week.advice_requests,
            )
        )
        if done % PROGRESS_EVERY == 0:
            _report(progress, done, len(weeks))
    _report(progress, len(weeks), len(weeks))
    return len(weeks)


def write_reviews(
    entries: EntryRepository,
    out: TextIO,
    options: ExportOptions,
    progress: Progress | None = None,
) -> int:
    """Write the weekly reviews (the weeks with something written, those
    that hold a day of the range when one is given); returns how many."""
    start, end = options.start, options.end
    if options.matching is not None:
        start, end = options.matching.start, options.matching.end
    notes = ReviewRepository(entries.database).all_notes(
        iso_week_id(start) if start else None, iso_week_id(end) if end else None
    )
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(REVIEW_COLUMNS)
    _report(progress, 0, len(notes))
    for week in notes:
        writer.writerow(
            (
                week.week,
                protect(week.reflection),
                protect(week.intention),
                KEPT_CELLS[week.kept],
            )
        )
    _report(progress, len(notes), len(notes))
    return len(notes)


@dataclass(frozen=True)
class ExportFormat:
    """One export format as the app and the command line name it."""

    label: str
    #: What one row, or file, of it is: singular and plural.
    nouns: tuple[str, str]
    #: The file's ending; "" for a folder.
    suffix: str
    csv: bool = False

    @property
    def folder(self) -> bool:
        return not self.suffix


#: Every export format by its kind (the command line's ``--format`` says
#: "csv" for "entries").
FORMATS: dict[str, ExportFormat] = {
    "entries": ExportFormat("Entries CSV", ("entry", "entries"), "csv", csv=True),
    "weekly": ExportFormat("Weekly totals CSV", ("week", "weeks"), "csv", csv=True),
    "reviews": ExportFormat(
        "Weekly reviews CSV", ("weekly review", "weekly reviews"), "csv", csv=True
    ),
    "markdown": ExportFormat("Markdown", ("entry", "entries"), ""),
    "jrnl": ExportFormat("jrnl JSON", ("entry", "entries"), "json"),
    "jrnl-text": ExportFormat("jrnl text", ("entry", "entries"), "txt"),
}

#: The exporters that write one file, by kind.
EXPORTERS: dict[str, Callable[..., int]] = {
    "entries": write_entries,
    "weekly": write_weeks,
    "reviews": write_reviews,
    "jrnl": write_jrnl,
    "jrnl-text": write_jrnl_text,
}


def export_to_stream(
    entries: EntryRepository,
    out: TextIO,
    options: ExportOptions,
    progress: Progress | None = None,
) -> int:
    """Export to an open stream (e.g. standard output); returns rows written."""
    if options.kind not in EXPORTERS:
        raise ExchangeError(
            f"{FORMATS[options.kind].label} is written to a folder, not a stream."
        )
    if options.excel:
        out.write("\ufeff")
    return EXPORTERS[options.kind](entries, out, options, progress)


def export_to_file(
    entries: EntryRepository,
    path: Path,
    options: ExportOptions,
    progress: Progress | None = None,
    *,
    data_dir: Path | None = None,
) -> int:
    """Export to ``path`` atomically; returns the number of rows written.

    ``data_dir`` is the journal's data folder: its files are never written
    (see :func:`~leaderjournal.exchange.files.atomic_text_file`, which also
    refuses devices, FIFOs and sockets, and writes through a link). For the
    Markdown format ``path`` is the folder to write the files into.
    """
    if FORMATS[options.kind].folder:
        return write_markdown_folder(
            entries,
            path,
            start=options.start,
            end=options.end,
            matching=options.matching,
            progress=progress,
            data_dir=data_dir,
        )
    with atomic_text_file(path, bom=options.excel, data_dir=data_dir) as out:
        rows = EXPORTERS[options.kind](entries, out, options, progress)
    log.info("Exported %d rows (%s) to %s", rows, options.kind, path)
    return rows
