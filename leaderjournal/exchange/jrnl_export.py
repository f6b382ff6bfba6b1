"""Exporting the journal in the JSON shape jrnl's own exporter writes.

jrnl (jrnl.sh, ``jrnl --format json``) writes ``{"tags": {"@tag": count},
"entries": [{"title", "body", "date": "YYYY-MM-DD", "time": "HH:MM", "tags":
["@tag"], "starred"}]}`` (jrnl/plugins/json_exporter.py). Here the title is
the entry's title, the body its text as written, the date the day the entry
is about, the time when it was written (on its own clock), each tag gets
jrnl's "@" in front, and nothing is starred. Ratings, advice requests and
ids have no place in that shape and are left out.
"""

from __future__ import annotations

import collections
import contextlib
import json
from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Any, TextIO

from leaderjournal.exchange.files import Cancelled
from leaderjournal.storage.entries import EntryRepository

if TYPE_CHECKING:
    from leaderjournal.exchange.export import ExportOptions

#: jrnl's default tag symbol.
TAG_SYMBOL = "@"

PROGRESS_EVERY = 1000


def report(
    progress: Callable[[int, int], bool | None] | None, done: int, total: int
) -> None:
    if progress is not None and progress(done, total) is False:
        raise Cancelled("The export was cancelled; no file was written.")


def jrnl_entry(row: tuple[Any, ...]) -> dict[str, Any]:
    """An export row (see EXPORT_COLUMNS) as one of jrnl's entries."""
    _id, day, created, _updated, title, text = row[:6]
    tags = row[-1]
    return {
        "title": title,
        "body": text,
        "date": day,
        # "2026-03-02T09:05:00+01:00": the time as the clock then showed it.
        "time": created[11:16],
        "tags": [TAG_SYMBOL + tag for tag in tags.split(";")] if tags else [],
        "starred": False,
    }


def reported_rows(
    entries: EntryRepository,
    options: ExportOptions,
    progress: Callable[[int, int], bool | None] | None,
) -> Generator[tuple[Any, ...], None, None]:
    """The export rows ``options`` picks, reporting how far it got (and
    stopping at a cancel) every PROGRESS_EVERY rows and at the end."""
    total = entries.count_between(options.start, options.end, options.matching)
    report(progress, 0, total)
    done = 0
    rows = entries.export_rows(options.start, options.end, options.matching)
    with contextlib.closing(rows):  # also when a cancel stops it half way
        for row in rows:
            yield row
            done += 1
            if done % PROGRESS_EVERY == 0:
                report(progress, done, total)
    report(progress, done, total)


def write_jrnl(
    entries: EntryRepository,
    out: TextIO,
    options: ExportOptions,
    progress: Callable[[int, int], bool | None] | None = None,
) -> int:
    """Write the entries as jrnl JSON; returns the number written."""
    with contextlib.closing(reported_rows(entries, options, progress)) as rows:
        found = [jrnl_entry(row) for row in rows]
    counts = collections.Counter(tag for entry in found for tag in entry["tags"])
    tags = dict(sorted(counts.items(), key=lambda item: (-item[1], item[0].lower())))
    json.dump({"tags": tags, "entries": found}, out, indent=2, ensure_ascii=False)
    out.write("\n")
    return len(found)
