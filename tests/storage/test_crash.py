"""Killing LeaderJournal at any moment never damages the journal or loses a
save that had returned.

A child process saves entries as fast as it can and prints each id once
``save`` has returned; the test kills it with SIGKILL at a random moment,
then checks the file with plain sqlite3 and looks for every printed id.
"""

import os
import random
import select
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from leaderjournal.storage.backup_copy import check_file
from leaderjournal.storage.journal import Journal
from tests.storage.killable import Killable

pytestmark = [
    pytest.mark.skipif(
        sys.platform == "win32", reason="SIGKILL and select on pipes are POSIX only"
    ),
    pytest.mark.slow,
]

REPO_ROOT = Path(__file__).resolve().parent.parent.parent

SAVE_FOREVER = """
import datetime as dt, sys
from pathlib import Path
from leaderjournal.domain.entry import Entry
from leaderjournal.storage.journal import Journal
journal = Journal(Path(sys.argv[1]))
print("ready", flush=True)
n = 0
while True:
    entry = Entry.new(
        dt.date(2026, 3, 2),
        title=f"crash test {n}",
        text="\\u05e9\\u05dc\\u05d5\\u05dd \\U0001f680 " + "words " * (n % 200),
        ratings={"influence": n % 5 - 2},
        tags=("crash", f"t{n % 7}"),
    )
    journal.entries.save(entry)
    print(entry.id, flush=True)
    n += 1
"""

SAVE_MANY_FOREVER = """
import datetime as dt, sys
from pathlib import Path
from leaderjournal.domain.entry import Entry
from leaderjournal.storage.journal import Journal
journal = Journal(Path(sys.argv[1]))
print("ready", flush=True)
batch = int(sys.argv[2])
while True:
    entries = [
        Entry.new(dt.date(2026, 3, 2), title=f"batch {batch}", text=f"row {i} " * 20)
        for i in range(5000)
    ]
    print(f"start {batch}", flush=True)
    journal.entries.save_many(entries)
    print(f"done {batch}", flush=True)
    batch += 1
"""


class Child:
    """A child process whose output lines are read without blocking."""

    def __init__(self, code: str, *args: str) -> None:
        self.proc = Killable(code, *args, cwd=REPO_ROOT)
        self.lines: list[str] = []
        self._partial = b""
        self._eof = False

    def _read(self, timeout: float) -> None:
        if self._eof:
            return
        ready, _, _ = select.select([self.proc.stdout], [], [], max(timeout, 0))
        if not ready:
            return
        chunk = os.read(self.proc.stdout.fileno(), 65536)
        if not chunk:
            self._eof = True  # a last line cut off by the kill is not counted
            return
        *complete, self._partial = (self._partial + chunk).split(b"\n")
        self.lines.extend(line.decode() for line in complete)

    def wait_for(self, wanted: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while wanted not in self.lines:
            if self._eof or time.monotonic() > deadline:
                self.kill()
                pytest.fail(
                    f"the child never printed {wanted!r}: "
                    f"{self.proc.stderr.read().decode()}"
                )
            self._read(deadline - time.monotonic())

    def wait_for_output_after(self, first: str, timeout: float = 30) -> None:
        """Wait until the child printed a line after ``first``."""
        deadline = time.monotonic() + timeout
        while self.lines[-1:] == [first] or not self.lines:
            if self._eof or time.monotonic() > deadline:
                self.kill()
                pytest.fail(f"the child printed nothing after {first!r}")
            self._read(deadline - time.monotonic())

    def read_for(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not self._eof:
            self._read(deadline - time.monotonic())

    def kill(self) -> None:
        """SIGKILL, then read what it had printed before it died."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)
        while not self._eof:
            self._read(5)
        self.proc.stdout.close()
        self.proc.stderr.close()


def integrity(path: Path) -> list[tuple[str]]:
    """PRAGMA integrity_check with plain sqlite3 (which replays the WAL)."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()


def stored_ids(data_dir: Path) -> set[str]:
    """Open the journal as the app does (stale lock, WAL) and read its ids."""
    with Journal(data_dir) as journal:
        return {i for (i,) in journal.connection.execute("SELECT id FROM entries")}


def test_killing_the_app_while_it_saves_never_loses_a_saved_entry(data_dir):
    rng = random.Random(20261129)
    printed_in_all_runs: set[str] = set()
    for run in range(15):
        child = Child(SAVE_FOREVER, str(data_dir))
        try:
            child.wait_for("ready")
            # At least one save is done before the kill, however busy the
            # machine: the kill then lands at a random point of later saves.
            child.wait_for_output_after("ready")
            child.read_for(rng.uniform(0.0, 0.35))
        finally:
            child.kill()
        assert child.proc.returncode == -signal.SIGKILL, child.lines[-3:]
        printed = set(child.lines) - {"ready"}
        assert printed, f"run {run}: nothing was saved before the kill"
        printed_in_all_runs |= printed

        assert integrity(data_dir / "journal.db") == [("ok",)], f"run {run}"
        missing = printed_in_all_runs - stored_ids(data_dir)
        assert not missing, f"run {run}: {len(missing)} saved entries lost"

    assert check_file(data_dir / "journal.db") is None
    with Journal(data_dir) as journal:
        # every entry is whole: searchable and with its tags
        assert journal.entries.count() >= len(printed_in_all_runs)
        assert len(journal.entries.search("crash")) == min(journal.entries.count(), 200)
        assert "crash" in journal.entries.tags()


def test_a_kill_during_save_many_keeps_all_or_nothing(data_dir):
    rng = random.Random(5000)
    killed_inside = 0
    batch = 0
    for _ in range(6):
        child = Child(SAVE_MANY_FOREVER, str(data_dir), str(batch))
        try:
            child.wait_for(f"start {batch}")
            child.read_for(rng.uniform(0.02, 0.3))
        finally:
            child.kill()
        assert integrity(data_dir / "journal.db") == [("ok",)]

        with Journal(data_dir) as journal:
            counts = dict(
                journal.connection.execute(
                    "SELECT title, count(*) FROM entries GROUP BY title"
                ).fetchall()
            )
        done = {line.split()[1] for line in child.lines if line.startswith("done")}
        started = [line.split()[1] for line in child.lines if line.startswith("start")]
        for number in started:
            count = counts.get(f"batch {number}", 0)
            assert count in (0, 5000), f"batch {number}: {count} of 5000 rows"
            if number in done:
                assert count == 5000, f"batch {number} was saved, then lost"
        if child.lines[-1].startswith("start"):
            killed_inside += 1  # killed between "start" and "done": in save_many
        batch = int(started[-1]) + 1
    assert killed_inside > 0, "no kill landed inside save_many; try other delays"
