"""Sync: taking in another computer's changes, and what sync adds to a save.

- **Take in 10,000 changes**: one computer saves 10,000 entries with sync on
  and publishes them (10,000 changes in its folder); the other, a journal
  of its own with sync on through the same folder, runs one sync: the time
  of that run (reading and checking the files, keeping the changes, merging
  and writing every entry). Each run on a fresh copy of the receiving
  journal; budget 2 s.
- **A save with sync on**: the day view's autosave of an edited entry (as
  in the ``save`` group) on two copies of the ten-year journal, one with
  sync on (every save also keeps its change in the outbox, in the same
  transaction), one without; saves alternate between the copies in blocks,
  so that a busy moment of the machine hits both alike; medians, sync on ÷
  off, target 1.2 times.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import time
from pathlib import Path

from children import scratch_copy
from results import Row, budget_row, median, ms

from leaderjournal.domain.entry import Entry, now
from leaderjournal.storage.journal import Journal
from leaderjournal.sync import engine

CHANGES = 10_000
TAKE_IN_RUNS = 3
TAKE_IN_BUDGET_S = 2.0
SAVE_BLOCKS = 20
SAVES_PER_BLOCK = 25
SAVE_LIMIT = 1.2


def take_in(scratch: Path) -> Row:
    folder = scratch / "sync-folder"
    folder.mkdir(parents=True)
    with Journal(scratch / "sync-writer") as writer:
        engine.start(writer, folder)
        start = dt.datetime(2020, 1, 1, 8, tzinfo=dt.UTC)
        writer.entries.save_many(
            Entry.new(
                start.date() + dt.timedelta(days=n // 3),
                start + dt.timedelta(hours=n),
                title=f"Entry {n}",
                text=f"What happened on day {n // 3}, part {n % 3}. " * 20,
                ratings={"influence": n % 5 - 2, "mentor": (n // 5) % 5 - 2},
                advice_requests=n % 4,
                tags=(f"tag{n % 40}", "team"),
            )
            for n in range(CHANGES)
        )
        published = engine.for_journal(writer).run().published
    assert published == CHANGES, published
    empty = scratch / "sync-reader-empty"
    with Journal(empty) as reader:
        engine.start(reader, folder)
    times = []
    for run in range(TAKE_IN_RUNS):
        copy = scratch_copy(empty, scratch / f"sync-reader-{run}")
        with Journal(copy) as reader:
            sync = engine.for_journal(reader)
            began = time.perf_counter()
            report = sync.run()
            times.append(time.perf_counter() - began)
            assert report.taken_in == CHANGES, report.taken_in
            assert reader.entries.count() == CHANGES
        shutil.rmtree(copy)
    return budget_row(
        "sync",
        f"take in {CHANGES:,} changes from another computer",
        times,
        TAKE_IN_BUDGET_S,
        f"one sync run on a fresh copy of the receiving journal, {TAKE_IN_RUNS} runs",
    )


def _latest(journal: Journal) -> Entry:
    row = journal.connection.execute(
        "SELECT id FROM entries ORDER BY date DESC, julianday(created_at) DESC, "
        "seq DESC LIMIT 1"
    ).fetchone()
    entry = journal.entries.get(row[0])
    assert entry is not None
    return entry


def save_with_sync(ten_year: Path, scratch: Path) -> Row:
    off_dir = scratch_copy(ten_year, scratch / "save-sync-off")
    on_dir = scratch_copy(ten_year, scratch / "save-sync-on")
    folder = scratch / "save-sync-folder"
    folder.mkdir()
    times: dict[str, list[float]] = {"off": [], "on": []}
    with Journal(off_dir) as off, Journal(on_dir) as on:
        engine.start(on, folder).run()  # the journal as it was, published
        # Turning sync on wrote every entry as a change: that write's pages
        # are put in the journal file first, as a quiet moment would, so the
        # saves measured are everyday ones on both copies.
        for journal in (off, on):
            journal.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        edited = {"off": _latest(off), "on": _latest(on)}
        journals = {"off": off, "on": on}
        for block in range(SAVE_BLOCKS):
            for name in ("off", "on") if block % 2 else ("on", "off"):
                entry = edited[name]
                for number in range(SAVES_PER_BLOCK):
                    changed = dataclasses.replace(
                        entry, text=f"{entry.text} word{number}"
                    ).edited(at=now())
                    began = time.perf_counter()
                    entry = journals[name].entries.save(changed)
                    times[name].append(time.perf_counter() - began)
                edited[name] = entry
        kept = on.connection.execute("SELECT count(*) FROM sync_outbox").fetchone()
        assert kept[0] == SAVE_BLOCKS * SAVES_PER_BLOCK, kept
    on_mid, off_mid = median(times["on"]), median(times["off"])
    ratio = on_mid / off_mid
    return Row(
        "sync",
        "save: autosave of an edited entry with sync on, ten-year",
        f"{ratio:.2f} \u00d7 sync off ({ms(on_mid)} vs {ms(off_mid)})",
        f"\u2264 {SAVE_LIMIT:g} \u00d7 sync off",
        ratio <= SAVE_LIMIT,
        f"medians of {len(times['on'])} saves each, alternating in blocks of "
        f"{SAVES_PER_BLOCK}",
        {"on": on_mid, "off": off_mid, "ratio": ratio, "runs": len(times["on"])},
    )


def measure(ten_year: Path, scratch: Path) -> list[Row]:
    return [take_in(scratch), save_with_sync(ten_year, scratch)]
