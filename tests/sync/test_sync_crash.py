"""SIGKILL while syncing: one computer saves and publishes, the other takes
in, both killed at random moments, again and again. Every journal opens
after each kill, the next sync completes, and in the end both hold every
entry that was saved, the same on both."""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path

import pytest

from leaderjournal.exchange.export import ExportOptions, export_to_stream
from leaderjournal.storage.journal import Journal
from leaderjournal.sync import engine
from tests.storage.test_crash import Child

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX only"),
    pytest.mark.slow,
]

SAVE_AND_PUBLISH = """
import datetime as dt, sys
from pathlib import Path
from leaderjournal.domain.entry import Entry
from leaderjournal.storage.journal import Journal
from leaderjournal.sync import engine
journal = Journal(Path(sys.argv[1]))
sync = engine.for_journal(journal)
print("ready", flush=True)
n = 0
while True:
    entry = Entry.new(
        dt.date(2026, 3, 2), title=f"{sys.argv[2]} {n}", text="words " * (n % 300)
    )
    journal.entries.save(entry)
    print(entry.id, flush=True)
    if n % 3 == 0:
        sync.run()
        print("synced", flush=True)
    n += 1
"""

TAKE_IN = """
import sys
from pathlib import Path
from leaderjournal.storage.journal import Journal
from leaderjournal.sync import engine
journal = Journal(Path(sys.argv[1]))
sync = engine.for_journal(journal)
print("ready", flush=True)
while True:
    report = sync.run()
    print(f"took {report.taken_in}", flush=True)
"""


def export(journal: Journal) -> str:
    out = io.StringIO()
    export_to_stream(journal.entries, out, ExportOptions(kind="entries"))
    return out.getvalue()


def test_kills_while_publishing_and_taking_in_lose_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "Sync"
    folder.mkdir()
    office, home = tmp_path / "office", tmp_path / "home"
    for data_dir in (office, home):
        with Journal(data_dir) as journal:
            engine.start(journal, folder)
    saved: set[str] = set()
    rng = random.Random(20261202)
    for round_ in range(8):
        writer = Child(SAVE_AND_PUBLISH, str(office), f"round {round_}")
        reader = Child(TAKE_IN, str(home))
        writer.wait_for("ready")
        reader.wait_for("ready")
        # At least one save each round, however busy the machine; then the
        # kill comes at a random moment.
        writer.wait_for_output_after("ready")
        writer.read_for(rng.uniform(0.05, 0.6))
        reader.kill()
        writer.kill()
        saved.update(line for line in writer.lines if len(line) == 36)
        # Each journal opens after the kill, and its next sync completes.
        for data_dir in (office, home):
            with Journal(data_dir) as journal:
                engine.for_journal(journal).run()
    assert len(saved) >= 8  # one a round at least
    with Journal(office) as first, Journal(home) as second:
        engine.for_journal(first).run()
        engine.for_journal(second).run()
        assert export(first) == export(second)
        ids = {entry.id for entry in second.entries.iter_all()}
        assert saved <= ids
        for journal in (first, second):
            (leftover,) = journal.connection.execute(
                "SELECT count(*) FROM sync_outbox"
            ).fetchone()
            assert leftover == 0
