"""Benchmark LeaderJournal against its floors, its budgets and jrnl.

One command generates the journals if needed, measures everything, prints
one table and writes it to ``benchmarks/results.json``::

    .venv/bin/python benchmarks/run.py

Options: ``--only GROUP[,GROUP]`` (start, memory, save, search, history,
trends, review, csv, peer, encryption, dayone, outside, stalls, bigimport,
sync)
to measure some groups, and ``--json PATH``.
Measurements run offscreen; journals are copied to a scratch folder first,
so the generated data is never changed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import generate
import measure_csv
import measure_dayone
import measure_encryption
import measure_import_memory
import measure_outside
import measure_peer
import measure_responsive
import measure_saves
import measure_storage
import measure_sync
import measure_ui
from children import HERE, scratch_copy
from results import Row, machine, summary, table, write_json

GROUPS = ("start", "memory", "save", "search", "history", "trends", "review")
GROUPS += (
    "csv",
    "peer",
    "encryption",
    "dayone",
    "outside",
    "responsive",
    "stalls",
    "bigimport",
    "sync",
)


def plan(
    ten_year: Path, stress: Path, scratch: Path
) -> dict[str, Callable[[], list[Row]]]:
    """What each group measures; search and review share one journal copy."""
    shared: dict[str, list[Row]] = {}

    def storage(group: str) -> list[Row]:
        if not shared:
            copy = scratch_copy(stress, scratch / "storage")
            shared["rows"] = measure_storage.measure(copy)
        return [r for r in shared["rows"] if r.group == group]

    return {
        "start": lambda: measure_ui.cold_start(ten_year, stress, scratch),
        "memory": lambda: [measure_ui.memory(ten_year, scratch)],
        "save": lambda: measure_ui.save(ten_year, stress, scratch),
        "search": lambda: storage("search"),
        "history": lambda: measure_ui.history(stress, scratch),
        "trends": lambda: measure_ui.trends(ten_year, scratch),
        "review": lambda: storage("review"),
        "csv": lambda: measure_csv.measure(ten_year, stress, scratch),
        "peer": lambda: measure_peer.measure(
            scratch_copy(ten_year, scratch / "peer-journal"), scratch
        ),
        "encryption": lambda: measure_encryption.measure(ten_year, stress, scratch),
        "dayone": lambda: measure_dayone.measure(stress, scratch),
        "responsive": lambda: measure_responsive.measure(stress, scratch),
        "stalls": lambda: measure_saves.measure(
            scratch_copy(stress, scratch / "stalls")
        ),
        "bigimport": lambda: measure_import_memory.measure(scratch),
        "outside": lambda: measure_outside.measure(ten_year, scratch),
        "sync": lambda: measure_sync.measure(ten_year, scratch / "sync"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(GROUPS), help="groups to run")
    parser.add_argument("--json", type=Path, default=HERE / "results.json")
    args = parser.parse_args(argv)
    wanted = [g.strip() for g in args.only.split(",") if g.strip()]
    unknown = sorted(set(wanted) - set(GROUPS))
    if unknown:
        parser.error(f"unknown groups: {', '.join(unknown)}")

    began = time.monotonic()
    print("Generating journals (reused when current)\u2026", flush=True)
    ten_year = generate.generate(generate.TEN_YEAR)
    stress = generate.generate(generate.STRESS)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="lj-bench-") as folder:
        steps = plan(ten_year, stress, Path(folder))
        for group in wanted:
            print(f"Measuring {group}\u2026", flush=True)
            rows += steps[group]()
    took = time.monotonic() - began
    info = machine() | {"jrnl": measure_peer.jrnl_version()}
    print()
    print(table(rows))
    print()
    print(summary(rows))
    print(
        f"Machine: {info['cpu']}, {info['cores']} cores; Python {info['python']}; "
        f"{info['qt']}; SQLite {info['sqlite']}; {info['jrnl']}. "
        f"Took {took / 60:.1f} min."
    )
    write_json(args.json, rows, info, took)
    print(f"Written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
