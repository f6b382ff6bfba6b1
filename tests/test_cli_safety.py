"""Backup and restore from the command line, and how it refuses a damaged or
busy journal: run as a person runs it, without a display."""

import datetime as dt
import os
import random
import re
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.storage.backup_copy import check_file
from leaderjournal.storage.backups import list_backups
from leaderjournal.storage.journal import Journal
from tests.command import run_main

REPO_ROOT = Path(__file__).resolve().parent.parent
WRITTEN = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

posix_only = pytest.mark.skipif(
    sys.platform == "win32", reason="SIGKILL and select on pipes are POSIX only"
)


def headless_env() -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")
    }
    env.pop("LEADERJOURNAL_DATA_DIR", None)
    return env


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command as main() runs it, its output as a process's text."""
    return run_main("--data-dir", str(data_dir), *args, text=True)


def run_process(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command, in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "leaderjournal", "--data-dir", str(data_dir), *args],
        cwd=REPO_ROOT,
        env=headless_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def texts_in(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [t for (t,) in conn.execute("SELECT text FROM entries ORDER BY seq")]
    finally:
        conn.close()


def one_line(stream: str) -> str:
    lines = stream.splitlines()
    assert len(lines) == 1, stream
    return lines[0]


@pytest.fixture
def journal_with_entries(data_dir) -> Path:
    """A closed journal holding two entries."""
    with Journal(data_dir) as journal:
        for text in ("first", "second"):
            journal.entries.add(Entry.new(dt.date(2026, 3, 2), at=WRITTEN, text=text))
    return data_dir / "journal.db"


@pytest.fixture
def good_backup(journal_with_entries, data_dir, tmp_path) -> Path:
    with Journal(data_dir) as journal:
        return journal.backup_now(tmp_path / "good.db").path


def fill(path: Path) -> None:
    """Several hundred KB of entries, so that damage lands on real data."""
    with Journal(path.parent) as journal:
        journal.entries.save_many(
            Entry.new(dt.date(2026, 3, 3), at=WRITTEN, text=f"filler {n} " * 100)
            for n in range(300)
        )


def damage(path: Path) -> bytes:
    """Random bytes over pages in the middle of a journal with many entries."""
    fill(path)
    data = bytearray(path.read_bytes())
    pages = len(data) // 4096
    rng = random.Random(3)
    for page in range(pages // 2, pages // 2 + 4):
        data[page * 4096 : (page + 1) * 4096] = rng.randbytes(4096)
    path.write_bytes(bytes(data))
    return bytes(data)


def damage_the_entries_page_header(path: Path) -> bytes:
    """Garbage over the b-tree page header of the entries table's root page."""
    fill(path)
    conn = sqlite3.connect(path)
    try:
        [(root,)] = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'entries'"
        ).fetchall()
    finally:
        conn.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * 4096 : (root - 1) * 4096 + 12] = b"\x17" * 12
    path.write_bytes(bytes(data))
    return bytes(data)


# -- backup ----------------------------------------------------------------------------


def test_backup_into_the_backups_folder(journal_with_entries, data_dir):
    result = run_process(data_dir, "backup")

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    [made] = list_backups(data_dir / "backups")
    assert str(made.path) in one_line(result.stdout)
    assert check_file(made.path) is None
    assert texts_in(made.path) == ["first", "second"]


def test_backup_to_a_file(journal_with_entries, data_dir, tmp_path):
    target = tmp_path / "copies" / "journal copy.db"

    result = run(data_dir, "backup", str(target))

    assert result.returncode == 0, result.stderr
    assert str(target) in one_line(result.stdout)
    assert check_file(target) is None
    assert texts_in(target) == ["first", "second"]
    assert list_backups(data_dir / "backups") == []


def test_a_backup_that_cannot_be_written_fails_with_one_line(
    journal_with_entries, data_dir, tmp_path
):
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("not a folder")

    result = run(data_dir, "backup", str(in_the_way / "journal.db"))

    assert result.returncode == 1
    assert one_line(result.stderr).startswith("leaderjournal: ")
    assert "Traceback" not in result.stderr


# -- restore ---------------------------------------------------------------------------


def test_restore_replaces_the_journal_and_says_where_the_old_one_went(
    good_backup, data_dir
):
    with Journal(data_dir) as journal:
        journal.entries.add(Entry.new(dt.date(2026, 3, 4), at=WRITTEN, text="later"))

    result = run_process(data_dir, "restore", str(good_backup))

    assert result.returncode == 0, result.stderr
    message = one_line(result.stdout)
    assert str(good_backup) in message
    [safety] = [b for b in list_backups(data_dir / "backups") if b.reason]
    assert safety.reason == "before-restore"
    assert str(safety.path) in message
    assert texts_in(safety.path) == ["first", "second", "later"]
    with Journal(data_dir) as journal:
        assert [e.text for e in journal.entries.iter_all()] == ["first", "second"]


def test_restore_of_a_text_file_is_refused(journal_with_entries, data_dir, tmp_path):
    text_file = tmp_path / "notes.txt"
    text_file.write_text("Dear diary,\n" * 50)
    before = journal_with_entries.read_bytes()

    result = run(data_dir, "restore", str(text_file))

    assert result.returncode == 1
    assert one_line(result.stderr).startswith("leaderjournal: Not restored")
    assert str(text_file) in result.stderr
    assert result.stdout == ""
    assert journal_with_entries.read_bytes() == before
    assert list_backups(data_dir / "backups") == []


def test_a_damaged_journal_is_refused_with_how_to_restore(good_backup, data_dir):
    journal_file = data_dir / "journal.db"
    damaged = damage(journal_file)

    result = run_process(data_dir, "export", "-")

    assert result.returncode == 1
    assert result.stdout == ""
    message = one_line(result.stderr)
    assert message.startswith("leaderjournal: ")
    assert "damaged" in message
    assert "leaderjournal restore FILE" in message
    assert str(data_dir / "backups") in message
    assert journal_file.read_bytes() == damaged


def test_restore_replaces_a_damaged_journal_and_keeps_it_aside(good_backup, data_dir):
    journal_file = data_dir / "journal.db"
    damaged = damage(journal_file)

    result = run(data_dir, "restore", str(good_backup))

    assert result.returncode == 0, result.stderr
    message = one_line(result.stdout)
    [aside] = data_dir.glob("journal.damaged-*.db")
    assert str(aside) in message
    assert "damaged" in message
    assert aside.read_bytes() == damaged
    exported = run(data_dir, "export", "-")
    assert exported.returncode == 0, exported.stderr
    assert "first" in exported.stdout
    assert "second" in exported.stdout


def test_a_journal_that_is_not_a_database_can_be_restored(good_backup, data_dir):
    journal_file = data_dir / "journal.db"
    journal_file.write_text("saved over by a text editor\n")

    refused = run(data_dir, "export", "-")
    assert refused.returncode == 1
    assert "not a SQLite database" in one_line(refused.stderr)

    restored = run(data_dir, "restore", str(good_backup))
    assert restored.returncode == 0, restored.stderr
    [aside] = data_dir.glob("journal.damaged-*.db")
    assert aside.read_text() == "saved over by a text editor\n"
    assert texts_in(journal_file) == ["first", "second"]


def test_a_damage_report_is_one_line_whatever_sqlite_finds(good_backup, data_dir):
    # With the entries table's root page unreadable, SQLite's check reports
    # many problems, one per line; the command still says it in one line.
    journal_file = data_dir / "journal.db"
    damaged = damage_the_entries_page_header(journal_file)

    result = run(data_dir, "export", "-")

    assert result.returncode == 1
    message = one_line(result.stderr)
    assert "damaged" in message
    assert "leaderjournal restore FILE" in message
    assert journal_file.read_bytes() == damaged


# -- a journal open elsewhere ----------------------------------------------------------

HOLD_THE_JOURNAL = """
import sys, time
from pathlib import Path
from leaderjournal.storage.journal import Journal
journal = Journal(Path(sys.argv[1]))
print("ready", flush=True)
time.sleep(120)
"""


@posix_only
def test_a_journal_open_in_another_leaderjournal_is_refused(
    journal_with_entries, data_dir
):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_JOURNAL, str(data_dir)],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        ready, _, _ = select.select([holder.stdout], [], [], 30)
        assert ready
        assert holder.stdout.readline() == b"ready\n"

        started = time.monotonic()
        result = run_process(data_dir, "export", "-")

        assert time.monotonic() - started < 10  # refused at once, not waiting
        assert result.returncode == 1
        assert result.stdout == ""
        message = one_line(result.stderr)
        assert "open in another LeaderJournal" in message
        restore = run(data_dir, "restore", str(journal_with_entries))
        assert restore.returncode == 1
        assert "open in another LeaderJournal" in one_line(restore.stderr)
    finally:
        if holder.poll() is None:
            os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=30)
        holder.stdout.close()
    assert re.search(r"first", run(data_dir, "export", "-").stdout)
