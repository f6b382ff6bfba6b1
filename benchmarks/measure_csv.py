"""CSV export and import against a floor: sqlite3 and csv.writer alone.

The floor writes the same rows and columns in the same order, with the lean
and the tags computed in SQL, and nothing else: no spreadsheet guard, no
temporary file, no progress, no fsync. It is the least a Python program can
do to write this file, so the app's export is reported as a ratio to it.
"""

from __future__ import annotations

import csv
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from children import child_env, scratch_copy
from results import Row, median, ratio_row

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.exchange.csv_format import ENTRY_COLUMNS
from leaderjournal.exchange.csv_import import plan_import, read_file
from leaderjournal.exchange.export import ExportOptions, export_to_file
from leaderjournal.exchange.import_plan import apply_import
from leaderjournal.storage.journal import Journal

EXPORT_RUNS = {"ten-year": 7, "100,000": 5}
PROCESS_RUNS = 7
IMPORT_RUNS = 3
EXPORT_LIMIT = 1.3
IMPORT_LIMIT = 3.0

_SUM = " + ".join(f"coalesce({k}, 0)" for k in DIMENSION_KEYS)
_COUNT = " + ".join(f"({k} IS NOT NULL)" for k in DIMENSION_KEYS)
FLOOR_SQL = (
    f"SELECT id, date, created_at, updated_at, title, text, "
    f"{', '.join(DIMENSION_KEYS)}, "
    f"CASE WHEN ({_COUNT}) > 0 THEN printf('%.1f', 50.0 * ({_SUM}) / ({_COUNT})) "
    "ELSE '' END, advice_requests, "
    "(SELECT group_concat(value, ';') FROM json_each(tags)) "
    "FROM entries ORDER BY date, julianday(created_at), seq"
)


def floor_export(database: Path, target: Path) -> float:
    """Seconds for the floor to write the entries CSV of ``database``."""
    start = time.perf_counter()
    conn = sqlite3.connect(database)
    try:
        with target.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out, lineterminator="\r\n")
            writer.writerow(ENTRY_COLUMNS)
            writer.writerows(conn.execute(FLOOR_SQL))
    finally:
        conn.close()
    return time.perf_counter() - start


def app_export(journal: Journal, target: Path) -> float:
    start = time.perf_counter()
    export_to_file(journal.entries, target, ExportOptions())
    return time.perf_counter() - start


def export(name: str, folder: Path, scratch: Path) -> tuple[Row, list[float], Path]:
    """Alternate floor and app runs, so that both see the same machine."""
    floor, app = [], []
    target = scratch / f"export-{name}.csv"
    with Journal(folder) as journal:
        app_export(journal, target)  # one of each to warm the file cache
        floor_export(folder / "journal.db", scratch / "floor.csv")
        for _ in range(EXPORT_RUNS[name]):
            floor.append(floor_export(folder / "journal.db", scratch / "floor.csv"))
            app.append(app_export(journal, target))
    row = ratio_row("csv", f"export, {name}", app, floor, limit=EXPORT_LIMIT)
    return row, floor, target


def import_once(data: bytes, folder: Path) -> tuple[float, float]:
    """Seconds to check the file and to write it, into an empty journal."""
    shutil.rmtree(folder, ignore_errors=True)
    with Journal(folder) as journal:
        start = time.perf_counter()
        plan = plan_import(data, journal.entries)
        planned = time.perf_counter()
        apply_import(plan, journal.entries)
        applied = time.perf_counter()
        assert not plan.problems
        assert len(plan.added) == journal.entries.count()
    return planned - start, applied - planned


def import_row(csv_file: Path, export_floor: list[float], scratch: Path) -> Row:
    data = read_file(csv_file)
    checks, writes = [], []
    for _ in range(IMPORT_RUNS):
        check, write = import_once(data, scratch / "import")
        checks.append(check)
        writes.append(write)
    totals = [c + w for c, w in zip(checks, writes, strict=True)]
    row = ratio_row(
        "csv",
        "import, 100,000 (file read by the export)",
        totals,
        export_floor,
        limit=IMPORT_LIMIT,
    )
    row.target = f"\u2264 {IMPORT_LIMIT:g} \u00d7 export floor"
    row.detail = (
        f"medians of {IMPORT_RUNS}: checking {median(checks):.2f} s, "
        f"writing {median(writes):.2f} s"
    )
    row.figures.update(check_s=median(checks), write_s=median(writes))
    return row


#: The floor as a whole process: a plain Python script with sqlite3 and csv
#: that writes the same rows as ``leaderjournal export FILE``.
FLOOR_SCRIPT = f"""
import csv, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
with open(sys.argv[2], "w", newline="", encoding="utf-8") as out:
    writer = csv.writer(out, lineterminator="\\r\\n")
    writer.writerow({tuple(ENTRY_COLUMNS)!r})
    writer.writerows(conn.execute({FLOOR_SQL!r}))
conn.close()
"""


def _process(command: list[str]) -> float:
    """Seconds from launching ``command`` to its exit."""
    start = time.monotonic()
    subprocess.run(command, env=child_env(), check=True, capture_output=True)
    return time.monotonic() - start


def command_export(folder: Path, scratch: Path) -> Row:
    """``leaderjournal export FILE`` against the floor script, each a fresh
    process timed from launch to exit, alternating."""
    app_command = [sys.executable, "-m", "leaderjournal", "--data-dir", str(folder)]
    app_command += ["export", str(scratch / "command.csv")]
    floor_command = [sys.executable, "-c", FLOOR_SCRIPT, str(folder / "journal.db")]
    floor_command.append(str(scratch / "command-floor.csv"))
    _process(app_command)  # the day's first open, bytecode, file cache
    _process(floor_command)
    floor, app = [], []
    for _ in range(PROCESS_RUNS):
        floor.append(_process(floor_command))
        app.append(_process(app_command))
    row = ratio_row(
        "csv",
        "leaderjournal export, ten-year, whole process",
        app,
        floor,
        limit=EXPORT_LIMIT,
    )
    row.detail = (
        f"medians of {PROCESS_RUNS}, launch to exit, against python -c with "
        "sqlite3 + csv writing the same rows"
    )
    return row


def measure(ten_year: Path, stress: Path, scratch: Path) -> list[Row]:
    small, _, _ = export("ten-year", ten_year, scratch)
    command = command_export(scratch_copy(ten_year, scratch / "command"), scratch)
    big, big_floor, big_file = export("100,000", stress, scratch)
    return [small, command, big, import_row(big_file, big_floor, scratch)]
