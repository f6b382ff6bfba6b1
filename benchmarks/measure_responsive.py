"""The window never freezes: the longest time the event loop goes without
handling a 5 ms timer while long work runs on 100,000 entries.

Each job runs through the real window in a child (``child_responsive.py``)
on a fresh scratch copy: an import of the 100,000-entry export into an
empty journal (its question answered Import), an export of every entry, a
restore of a backup of the journal (answered Restore, up to the views
redrawn), and the daily backup. The target is a budget, not a ratio: a gap
of more than 50 ms is a stutter a person sees, however fast the machine.
"""

from __future__ import annotations

from pathlib import Path

from children import run_child, scratch_copy
from results import Row, median, ms

from leaderjournal.exchange.export import ExportOptions, export_to_file
from leaderjournal.storage.journal import Journal

RUNS = 2
GAP_BUDGET_S = 0.050

#: Scenario, what the row calls it.
JOBS = (
    ("import", "import of 100,000 entries (file read by the export)"),
    ("export", "export of 100,000 entries to CSV"),
    ("restore", "restore of a backup of 100,000 entries"),
    ("backup", "daily backup of 100,000 entries"),
)


def _prepare(stress: Path, scratch: Path) -> tuple[Path, Path, Path]:
    """The export to import, a backup to restore and an empty journal."""
    folder = scratch / "responsive"
    source = scratch_copy(stress, folder / "source")
    csv_file, backup = folder / "all.csv", folder / "backup.db"
    with Journal(source) as journal:
        export_to_file(journal.entries, csv_file, ExportOptions())
        journal.backup_now(backup)
    empty = folder / "empty"
    with Journal(empty):
        pass
    return csv_file, backup, empty


def _run(job: str, stress: Path, scratch: Path, files: tuple[Path, Path, Path]):
    csv_file, backup, empty = files
    folder = scratch / "responsive" / job
    if job == "import":
        scratch_copy(empty, folder)
        return run_child("child_responsive.py", job, str(folder), str(csv_file))
    scratch_copy(stress, folder)
    if job == "export":
        target = scratch / "responsive" / "out.csv"
        target.unlink(missing_ok=True)
        return run_child("child_responsive.py", job, str(folder), str(target))
    if job == "restore":
        return run_child("child_responsive.py", job, str(folder), str(backup))
    return run_child("child_responsive.py", job, str(folder))


def _check(job: str, reported: dict) -> None:
    """The job did what it was asked: otherwise its gaps mean nothing."""
    said = [title for title, _text in reported["said"]]
    expected = {
        "import": ["Import all.csv?", "Import finished"],
        "export": ["Export finished"],
        "restore": ["Restore this backup?", "Journal restored"],
        "backup": [],
    }[job]
    if said != expected or reported["entries"] != 100_000:
        raise RuntimeError(f"{job} did not end as it should: {reported}")
    if job == "backup" and not str(reported["status"]).startswith("Last backup"):
        raise RuntimeError(f"the daily backup was not made: {reported}")


def measure(stress: Path, scratch: Path) -> list[Row]:
    files = _prepare(stress, scratch)
    results: dict[str, list[dict]] = {job: [] for job, _ in JOBS}
    for _ in range(RUNS):  # interleaved: a busy moment hits every job alike
        for job, _name in JOBS:
            reported = _run(job, stress, scratch, files)
            _check(job, reported)
            results[job].append(reported)
    rows = []
    for job, name in JOBS:
        gaps = [r["longest_gap"] for r in results[job]]
        totals = [r["total"] for r in results[job]]
        worst = max(gaps)
        rows.append(
            Row(
                "responsive",
                f"longest gap between 5 ms ticks, {name}",
                f"{ms(worst)} worst of {len(gaps)} ({', '.join(ms(g) for g in gaps)});"
                f" the job took {median(totals):.1f} s",
                f"\u2264 {ms(GAP_BUDGET_S)}",
                worst <= GAP_BUDGET_S,
                "totals "
                + ", ".join(f"{t:.1f} s" for t in totals)
                + "; the longest gap began "
                + ", ".join(f"{r['longest_gap_at']:.2f} s" for r in results[job])
                + " after the job started",
                {"worst_s": worst, "total_median_s": median(totals), "runs": RUNS},
            )
        )
    return rows
