"""Day One import of 100,000 entries against the CSV import's time per entry.

The stress journal's entries are written once as a Day One export (a zip
holding ``Journal.json``, every entry with its uuid, UTC times, one of a few
time zones, a ``# Title`` line, tags, some starred and some with a photo
link) and once as the app's own entries CSV. Each is then imported into an
empty journal, alternately, so both see the same machine; the row is the
Day One import's time per entry as a ratio to the CSV import's.

The first import in a process writes faster than any after it (about 7 s
against 8 s for 100,000 entries here: its memory is fresh), so one of each
is made first and not counted, and each goes first in every other pair.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
import zipfile
from pathlib import Path

from results import Row, median, ratio_row

from leaderjournal.exchange.csv_import import plan_import, read_file
from leaderjournal.exchange.export import ExportOptions, export_to_file
from leaderjournal.exchange.importers import apply_import, plan
from leaderjournal.storage.journal import Journal

RUNS = 4
#: "Stays within the CSV import's time per entry."
LIMIT = 1.0
ZONES = ("Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney")


def _utc(stamp: dt.datetime) -> str:
    return stamp.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_sources(stress: Path, scratch: Path) -> tuple[Path, Path, int]:
    """The stress journal as a Day One zip and as an entries CSV."""
    csv_file = scratch / "dayone-bench.csv"
    entries = []
    with Journal(stress) as journal:
        export_to_file(journal.entries, csv_file, ExportOptions())
        for number, entry in enumerate(journal.entries.iter_all()):
            text = entry.text
            if entry.title:
                text = f"# {entry.title}\n\n{text}"
            if number % 10 == 0:
                text += f"\n\n![](dayone-moment://{number:032X})"
            entries.append(
                {
                    "uuid": entry.id.replace("-", "").upper(),
                    "creationDate": _utc(entry.created_at),
                    "modifiedDate": _utc(entry.updated_at),
                    "timeZone": ZONES[number % len(ZONES)],
                    "starred": number % 7 == 0,
                    "text": text,
                    "tags": list(entry.tags),
                }
            )
    archive = scratch / "dayone-bench.zip"
    document = {"metadata": {"version": "1.0"}, "entries": entries}
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("Journal.json", json.dumps(document, indent=2))
    return archive, csv_file, len(entries)


def _dayone_once(archive: Path, folder: Path) -> float:
    shutil.rmtree(folder, ignore_errors=True)
    with Journal(folder) as journal:
        start = time.perf_counter()
        planned = plan(archive, journal.entries, "dayone")
        apply_import(planned, journal.entries)
        took = time.perf_counter() - start
        assert not planned.problems
        assert len(planned.added) == journal.entries.count()
    return took


def _csv_once(source: Path, folder: Path) -> float:
    shutil.rmtree(folder, ignore_errors=True)
    with Journal(folder) as journal:
        start = time.perf_counter()
        # From the file, as the Day One import reads its zip: held in memory
        # (plan_import), the faster of the CSV import's two ways.
        planned = plan_import(read_file(source), journal.entries)
        apply_import(planned, journal.entries)
        took = time.perf_counter() - start
        assert not planned.problems
    return took


def measure(stress: Path, scratch: Path) -> list[Row]:
    archive, csv_file, count = write_sources(stress, scratch)
    _csv_once(csv_file, scratch / "csv-import")
    _dayone_once(archive, scratch / "dayone-import")
    dayone: list[float] = []
    floor: list[float] = []
    for turn in range(RUNS):
        pair = [
            (floor, lambda: _csv_once(csv_file, scratch / "csv-import")),
            (dayone, lambda: _dayone_once(archive, scratch / "dayone-import")),
        ]
        for times, once in pair if turn % 2 == 0 else reversed(pair):
            times.append(once() / count)
    row = ratio_row(
        "dayone",
        f"Day One import, {count:,} entries (zip), per entry",
        dayone,
        floor,
        limit=LIMIT,
    )
    row.value = (
        f"{median(dayone) / median(floor):.2f} \u00d7 CSV import "
        f"({median(dayone) * 1e6:.0f} \u00b5s vs {median(floor) * 1e6:.0f} \u00b5s "
        "per entry)"
    )
    row.target = f"\u2264 {LIMIT:g} \u00d7 CSV import per entry"
    row.detail = (
        f"medians of {RUNS}, alternated, each first in every other pair, after "
        f"one of each not counted; each into an empty journal, checked and "
        f"written; the zip is {archive.stat().st_size / 2**20:.0f} MB, "
        f"the CSV {csv_file.stat().st_size / 2**20:.0f} MB; each run (\u00b5s): "
        f"Day One {_each(dayone)}, CSV {_each(floor)}"
    )
    return [row]


def _each(times: list[float]) -> str:
    return " ".join(f"{t * 1e6:.0f}" for t in times)
