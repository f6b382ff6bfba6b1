"""One LeaderJournal per data folder, and no stale lock after a crash."""

import datetime as dt
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.storage.journal import Journal
from leaderjournal.storage.lock import JournalInUseError, JournalLock

REPO_ROOT = Path(__file__).resolve().parent.parent.parent

posix_only = pytest.mark.skipif(
    sys.platform == "win32", reason="SIGKILL and select on pipes are POSIX only"
)

HOLD_THE_JOURNAL = """
import sys, time
from pathlib import Path
from leaderjournal.storage.journal import Journal
journal = Journal(Path(sys.argv[1]))
print("ready", flush=True)
time.sleep(120)
"""


def start_holder(data_dir: Path) -> subprocess.Popen[bytes]:
    """Another process with the journal open; returns once it has it open."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_JOURNAL, str(data_dir)],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    line = b""
    while not line.endswith(b"\n"):
        left = deadline - time.monotonic()
        ready, _, _ = select.select([proc.stdout], [], [], max(left, 0))
        chunk = os.read(proc.stdout.fileno(), 100) if ready else b""
        if not chunk:
            proc.kill()
            _, err = proc.communicate()
            pytest.fail(f"the holder did not start: {err.decode()}")
        line += chunk
    assert line == b"ready\n"
    return proc


def kill(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    proc.stderr.close()


def test_a_second_journal_on_the_same_folder_is_refused(data_dir):
    with Journal(data_dir), pytest.raises(JournalInUseError) as caught:
        Journal(data_dir)
    message = str(caught.value)
    assert "open in another LeaderJournal" in message
    assert str(data_dir) in message


def test_the_refusal_leaves_the_first_journal_working_and_locked(data_dir):
    with Journal(data_dir) as first:
        with pytest.raises(JournalInUseError):
            Journal(data_dir)
        first.entries.add(Entry.new(dt.date(2026, 3, 2), text="still mine"))
        # the failed attempt did not release the first one's lock
        with pytest.raises(JournalInUseError):
            Journal(data_dir)
        assert first.entries.count() == 1


def test_after_closing_the_folder_can_be_opened_again(data_dir):
    first = Journal(data_dir)
    first.entries.add(Entry.new(dt.date(2026, 3, 2), text="handed over"))
    first.close()
    with Journal(data_dir) as second:
        assert [e.text for e in second.entries.iter_all()] == ["handed over"]


def test_different_folders_do_not_block_each_other(tmp_path):
    with Journal(tmp_path / "a"), Journal(tmp_path / "b"):
        pass


def test_the_lock_says_who_holds_it(data_dir):
    with Journal(data_dir):
        assert JournalLock(data_dir).holder() == os.getpid()
        with pytest.raises(JournalInUseError, match=f"process {os.getpid()}"):
            Journal(data_dir)


@posix_only
def test_a_journal_open_in_another_process_is_refused(data_dir):
    holder = start_holder(data_dir)
    try:
        with pytest.raises(JournalInUseError) as caught:
            Journal(data_dir)
        assert "open in another LeaderJournal" in str(caught.value)
        assert str(holder.pid) in str(caught.value)
    finally:
        kill(holder)


@posix_only
def test_a_lock_left_by_a_killed_process_is_recovered(data_dir):
    holder = start_holder(data_dir)
    try:
        with pytest.raises(JournalInUseError):
            Journal(data_dir)
    finally:
        kill(holder)
    assert holder.returncode == -signal.SIGKILL
    assert (data_dir / "journal.lock").exists()  # left behind, and harmless

    with Journal(data_dir) as journal:
        journal.entries.add(Entry.new(dt.date(2026, 3, 2), text="after the crash"))
        assert journal.entries.count() == 1
