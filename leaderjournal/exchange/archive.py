"""Export Everything: the whole journal in one ``.zip`` a person can keep
or hand to a coach.

The archive holds the entries CSV, the weekly totals CSV, the weekly reviews
CSV, the targets CSV and a short README.txt of their columns. Each CSV is
written by the same exporter as File -> Export, streamed into the archive;
the archive is written atomically and never onto the journal's own files
(see :func:`~leaderjournal.exchange.files.atomic_binary_file`).
"""

from __future__ import annotations

import csv
import io
import logging
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from leaderjournal.domain.dimensions import DIMENSION_KEYS, OVERALL
from leaderjournal.exchange.csv_format import (
    ENTRY_COLUMNS,
    REVIEW_COLUMNS,
    WEEK_COLUMNS,
)
from leaderjournal.exchange.export import EXPORTERS, ExportOptions
from leaderjournal.exchange.files import Cancelled, atomic_binary_file
from leaderjournal.storage.entries import EntryRepository
from leaderjournal.storage.reviews import ReviewRepository

log = logging.getLogger(__name__)

#: The archive's members, in this order.
ENTRIES_CSV = "entries.csv"
WEEKLY_CSV = "weekly.csv"
REVIEWS_CSV = "reviews.csv"
TARGETS_CSV = "targets.csv"
README_TXT = "README.txt"
MEMBERS = (ENTRIES_CSV, WEEKLY_CSV, REVIEWS_CSV, TARGETS_CSV, README_TXT)

TARGET_COLUMNS = ("target", "lean")

_README = f"""\
LeaderJournal: everything in this journal, exported
===================================================

Every file is UTF-8 CSV: comma-separated, "-quoted, one header row. A text
cell that a spreadsheet could take for a formula (starting with =, +, -, @,
a tab, a line break or ') has one extra ' in front; LeaderJournal's import
removes it again.

{ENTRIES_CSV}: one row per entry, oldest first.
  {", ".join(ENTRY_COLUMNS)}
  Ratings run from -2 (strongly managing) to 2 (strongly leading); an
  empty cell means not rated. lean = 50 x the mean of the entry's ratings
  (-100..100). Tags are separated by ";". This file can be imported again.

{WEEKLY_CSV}: one row per ISO week (Monday first) that has entries.
  {", ".join(WEEK_COLUMNS)}
  The per-dimension columns are that week's lean on each dimension.

{REVIEWS_CSV}: one row per weekly review with something written in it.
  {", ".join(REVIEW_COLUMNS)}
  last_intention_kept: yes, no, or empty when not said.

{TARGETS_CSV}: the target lean the person set, one row per target.
  {", ".join(TARGET_COLUMNS)}
  target is "{OVERALL}" or a dimension: {", ".join(DIMENSION_KEYS)}.
"""

#: Called with (files done, files in all); returning False cancels.
Progress = Callable[[int, int], bool | None]


def write_targets(entries: EntryRepository, out: TextIO) -> int:
    """The targets CSV: the overall target first, then each dimension's."""
    targets = ReviewRepository(entries.database).targets()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(TARGET_COLUMNS)
    keys = [key for key in (OVERALL, *DIMENSION_KEYS) if key in targets]
    for key in keys:
        writer.writerow((key, f"{targets[key]:g}"))
    return len(keys)


def _member(book: zipfile.ZipFile, name: str) -> io.TextIOWrapper:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16  # private, as the journal's own files
    return io.TextIOWrapper(
        book.open(info, "w", force_zip64=True), encoding="utf-8", newline=""
    )


def write_archive(
    entries: EntryRepository,
    path: Path,
    progress: Progress | None = None,
    *,
    data_dir: Path | None = None,
) -> int:
    """Write the archive to ``path``; returns the number of entries in it."""
    steps = len(MEMBERS)

    def step(done: int) -> None:
        if progress is not None and progress(done, steps) is False:
            raise Cancelled("The export was cancelled; no file was written.")

    written = 0
    step(0)
    with (
        atomic_binary_file(path, data_dir=data_dir) as raw,
        zipfile.ZipFile(raw, "w") as book,
    ):
        for done, (name, kind) in enumerate(
            (
                (ENTRIES_CSV, "entries"),
                (WEEKLY_CSV, "weekly"),
                (REVIEWS_CSV, "reviews"),
            ),
            start=1,
        ):
            with _member(book, name) as out:
                rows = EXPORTERS[kind](entries, out, ExportOptions(kind=kind))
            written = rows if kind == "entries" else written
            step(done)
        with _member(book, TARGETS_CSV) as out:
            write_targets(entries, out)
        step(4)
        with _member(book, README_TXT) as out:
            out.write(_README.replace("\n", "\r\n"))
        step(5)
    log.info("Exported everything (%d entries)", written)
    return written
