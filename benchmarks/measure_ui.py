"""Cold start, peak memory, saving, the history and the trends chart.

Each is measured in child processes (``child_start.py``, ``child_ui.py``)
so that start-up and one-time imports are paid as they are in the app.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from children import run_child, scratch_copy, timed_child
from results import Row, budget_row, median, ratio_row

START_RUNS = 7
MEMORY_RUNS = 3
TREND_RUNS = 5
HISTORY_RUNS = 3

COLD_START_LIMIT = 1.25
MEMORY_BUDGET_MB = 80
SAVE_BUDGET_S = 0.015
HISTORY_BUDGET_S = 0.030
TRENDS_BUDGET_S = 0.150


def _start_times(mode: str, folder: Path, runs: int) -> list[float]:
    """Seconds from launch to first paint, after one run that is not kept
    (it warms the file cache, writes bytecode, makes the day's backup)."""
    timed_child("child_start.py", mode, str(folder))
    times = []
    for _ in range(runs):
        launched, reported = timed_child("child_start.py", mode, str(folder))
        times.append(reported["painted"] - launched)
    return times


def _alternating_start_times(
    folder: Path, runs: int
) -> tuple[list[float], list[float]]:
    """The floor's and the app's start times, launched in turn (floor, app,
    floor, ...) after one of each that is not kept, so that a busy moment of
    a shared machine hits both alike."""
    timed_child("child_start.py", "floor", str(folder))
    timed_child("child_start.py", "app", str(folder))
    floor: list[float] = []
    app: list[float] = []
    for _ in range(runs):
        for mode, times in (("floor", floor), ("app", app)):
            launched, reported = timed_child("child_start.py", mode, str(folder))
            times.append(reported["painted"] - launched)
    return floor, app


def cold_start(ten_year: Path, stress: Path, scratch: Path) -> list[Row]:
    folder = scratch_copy(ten_year, scratch / "start-ten-year")
    floor, app = _alternating_start_times(folder, START_RUNS)
    rows = [
        ratio_row("start", "cold start, ten-year", app, floor, limit=COLD_START_LIMIT)
    ]
    big = scratch_copy(stress, scratch / "start-stress")
    app_big = _start_times("app", big, 3)
    check = median([_quick_check(big / "journal.db") for _ in range(3)])
    rows.append(
        Row(
            "start",
            "cold start, 100,000 entries",
            f"{median(app_big) / median(floor):.2f} \u00d7 floor "
            f"({median(app_big) * 1000:.0f} ms)",
            "",
            None,
            f"no target; the check at open (quick_check) takes {check * 1000:.0f} ms"
            " of it: it reads the whole file",
            {"app": median(app_big), "floor": median(floor), "quick_check": check},
        )
    )
    return rows


def _quick_check(database: Path) -> float:
    """Seconds for the integrity check the app runs when it opens a journal."""
    conn = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    try:
        start = time.perf_counter()
        conn.execute("PRAGMA quick_check").fetchall()
        return time.perf_counter() - start
    finally:
        conn.close()


def memory(ten_year: Path, scratch: Path) -> Row:
    """Peak resident memory after every view was shown, against the floor."""
    folder = scratch_copy(ten_year, scratch / "memory")
    run_child("child_start.py", "app-views", str(folder))  # the day's backup
    floor = [
        run_child("child_start.py", "floor-views", str(folder))["peak_kb"] / 1024
        for _ in range(MEMORY_RUNS)
    ]
    app = [
        run_child("child_start.py", "app-views", str(folder))["peak_kb"] / 1024
        for _ in range(MEMORY_RUNS)
    ]
    extra = median(app) - median(floor)
    return Row(
        "memory",
        "peak RSS, ten-year, every view visited",
        f"floor + {extra:.0f} MB ({median(app):.0f} MB vs {median(floor):.0f} MB)",
        f"\u2264 floor + {MEMORY_BUDGET_MB} MB",
        extra <= MEMORY_BUDGET_MB,
        f"medians of {MEMORY_RUNS} runs",
        {"app_mb": median(app), "floor_mb": median(floor), "extra_mb": extra},
    )


def save(ten_year: Path, stress: Path, scratch: Path) -> list[Row]:
    rows = []
    for name, source in (("ten-year", ten_year), ("100,000 entries", stress)):
        folder = scratch_copy(source, scratch / "save")
        times = run_child("child_ui.py", "save", str(folder))["save"]
        rows.append(
            budget_row(
                "save", f"autosave of an edited entry, {name}", times, SAVE_BUDGET_S
            )
        )
    return rows


def history(stress: Path, scratch: Path) -> list[Row]:
    folder = scratch_copy(stress, scratch / "history")
    opened, following = [], []
    for _ in range(HISTORY_RUNS):
        times = run_child("child_ui.py", "history", str(folder))
        opened += times["history_open"]
        following += times["history_next"]
    return [
        budget_row("history", "open, first page, 100,000", opened, HISTORY_BUDGET_S),
        budget_row(
            "history",
            "scroll to the next page (pages 2-5), 100,000",
            following,
            HISTORY_BUDGET_S,
        ),
    ]


def trends(ten_year: Path, scratch: Path) -> list[Row]:
    folder = scratch_copy(ten_year, scratch / "trends")
    first, after = [], []
    for _ in range(TREND_RUNS):
        times = run_child("child_ui.py", "trends", str(folder))
        first += times["trends_with_import"]
        after += times["trends_after_import"]
    return [
        Row(
            "trends",
            "all-time chart, first, with the chart-library import",
            f"{median(first) * 1000:.0f} ms median of {len(first)}",
            "",
            None,
            "reported, no target: pyqtgraph and numpy load once per session",
            {"median_s": median(first)},
        ),
        budget_row(
            "trends",
            "all-time chart, first render after the import",
            after,
            TRENDS_BUDGET_S,
        ),
    ]
