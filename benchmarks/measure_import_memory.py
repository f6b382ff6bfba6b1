"""The memory and the time per row of a huge import: 1,000,000 CSV rows.

The files are generated once into ``benchmarks/data`` (not in git) from the
generator's entries, as the export writes them: 1,000,000 rows, and 100,000
rows of the same kind for the time per row. Each import runs in a fresh
child into an empty journal (``plan_import`` + ``apply_import``, as the
command line and the window do); its peak resident memory (``VmHWM``, see peak.py) is
set against a floor child that loads the same modules and imports nothing.
"""

from __future__ import annotations

import csv
import dataclasses
import shutil
import uuid
from pathlib import Path

import generate
from children import run_child
from results import Row, median

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.entry import Entry
from leaderjournal.exchange.csv_format import ENTRY_COLUMNS

HUGE = 1_000_000
LARGE = 100_000
FLOORS = 2
MEMORY_LIMIT_MB = 250
#: Bump when the files' content changes, so that old ones are rebuilt.
FILE_VERSION = 1
TEXT_CUT = 100


def _cells(entry: Entry) -> list[object]:
    rated = [v for v in entry.ratings.values() if v is not None]
    lean = f"{50.0 * sum(rated) / len(rated):.1f}" if rated else ""
    return [
        entry.id,
        entry.date.isoformat(),
        entry.created_at.isoformat(timespec="seconds"),
        entry.updated_at.isoformat(timespec="seconds"),
        entry.title,
        entry.text,
        *("" if entry.ratings[k] is None else entry.ratings[k] for k in DIMENSION_KEYS),
        lean,
        entry.advice_requests,
        ";".join(entry.tags),
    ]


def _short(entry: Entry) -> Entry:
    """The entry with its text cut to its first words: rows of about 190
    bytes, as in the file this was first measured with (1,000,000 rows in
    192 MB)."""
    text = entry.text[:TEXT_CUT].rsplit(" ", 1)[0]
    return dataclasses.replace(entry, text=text)


def csv_file(rows: int, root: Path = generate.DATA_DIR) -> Path:
    """An entries CSV of ``rows`` rows, made once: the 100,000 generated
    entries of the stress journal, short, repeated with new ids."""
    path = root / f"import-{rows}-v{FILE_VERSION}.csv"
    if path.exists():
        return path
    base = [_short(entry) for entry in generate.entries(generate.STRESS)]
    part = path.with_name(path.name + ".part")
    with part.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(ENTRY_COLUMNS)
        for number in range(rows):
            entry = base[number % len(base)]
            cells = _cells(entry)
            cells[0] = str(uuid.UUID(int=number + 1, version=4))
            writer.writerow(cells)
    part.replace(path)
    return path


def _import(source: Path, folder: Path, *how: str) -> dict:
    shutil.rmtree(folder, ignore_errors=True)
    figures = run_child("child_import.py", "import", str(source), str(folder), *how)
    shutil.rmtree(folder, ignore_errors=True)
    return figures


def measure(scratch: Path) -> list[Row]:
    huge, large = csv_file(HUGE), csv_file(LARGE)
    floor_mb = median(
        [run_child("child_import.py", "floor")["peak_kb"] / 1024 for _ in range(FLOORS)]
    )
    small = _import(large, scratch / "import-large")
    big = _import(huge, scratch / "import-huge")
    twice = _import(large, scratch / "import-large", "stream")
    assert small["rows"] == twice["rows"] == LARGE
    assert big["rows"] == HUGE
    big_mb = big["peak_kb"] / 1024
    per_row = {n: f["seconds"] / f["rows"] for n, f in ((HUGE, big), (LARGE, small))}
    ratio = per_row[HUGE] / per_row[LARGE]
    return [
        Row(
            "bigimport",
            "import 1,000,000 CSV rows: peak memory",
            f"floor + {big_mb - floor_mb:.0f} MB "
            f"({big_mb:.0f} MB vs {floor_mb:.0f} MB)",
            f"\u2264 floor + {MEMORY_LIMIT_MB} MB",
            big_mb - floor_mb <= MEMORY_LIMIT_MB,
            f"{huge.stat().st_size / 1e6:.0f} MB file; 100,000 rows peaked at "
            f"{small['peak_kb'] / 1024:.0f} MB",
            {"peak_mb": big_mb, "floor_mb": floor_mb},
        ),
        Row(
            "bigimport",
            "import 1,000,000 CSV rows: time per row against 100,000",
            f"{ratio:.2f} \u00d7 ({per_row[HUGE] * 1e6:.0f} \u00b5s vs "
            f"{per_row[LARGE] * 1e6:.0f} \u00b5s a row)",
            "\u2264 1 \u00d7",
            ratio <= 1.0,
            f"{big['seconds']:.1f} s and {small['seconds']:.1f} s in all",
            {"ratio": ratio, "huge_s": big["seconds"], "large_s": small["seconds"]},
        ),
        Row(
            "bigimport",
            "the same, against 100,000 rows also read twice",
            f"{per_row[HUGE] / (twice['seconds'] / LARGE):.2f} \u00d7 "
            f"({twice['seconds'] / LARGE * 1e6:.0f} \u00b5s a row read twice)",
            "",
            None,
            f"the 1,000,000-row file is read twice (checked, then written) "
            f"rather than held; {twice['peak_kb'] / 1024:.0f} MB peak",
            {"large_twice_s": twice["seconds"]},
        ),
    ]
