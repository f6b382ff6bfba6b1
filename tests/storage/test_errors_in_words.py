"""SQLite's and the system's own errors never reach a person as they are:
storage turns them into the LeaderJournalError family, in plain words."""

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from leaderjournal.cli import main
from leaderjournal.domain.entry import Entry
from leaderjournal.errors import LeaderJournalError
from leaderjournal.exchange.export import ExportOptions, export_to_file
from leaderjournal.storage.journal import Journal
from tests.files import sha256

WRITTEN = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def damage_the_entries_pages(path: Path) -> None:
    """Garbage over every page of the entries table after its root, the way
    a failing disk would leave them."""
    conn = sqlite3.connect(path)
    try:
        [(root,)] = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'entries'"
        ).fetchall()
        [(size,)] = conn.execute("PRAGMA page_size").fetchall()
    finally:
        conn.close()
    data = bytearray(path.read_bytes())
    offset = (root - 1) * size
    data[offset : offset + 12] = b"\x17" * 12  # not a page type SQLite knows
    path.write_bytes(bytes(data))


@pytest.fixture
def journal_damaged_while_open(tmp_path: Path):
    data = tmp_path / "data"
    with Journal(data) as journal:
        for n in range(40):
            journal.entries.save(
                Entry.new(dt.date(2026, 3, 2), at=WRITTEN, title=f"Entry {n}")
            )
    journal = Journal(data)  # checked and sound when opened
    damage_the_entries_pages(journal.path)
    try:
        yield journal
    finally:
        journal.close()


def test_an_export_from_a_journal_damaged_since_it_was_opened_says_so(
    journal_damaged_while_open: Journal, tmp_path: Path
) -> None:
    target = tmp_path / "export.csv"
    target.write_text("the last export\n")
    before = sha256(target)
    with (
        pytest.raises(LeaderJournalError) as caught,
        journal_damaged_while_open.reader() as entries,
    ):
        export_to_file(entries, target, ExportOptions(kind="entries"))
    message = str(caught.value)
    assert "is damaged" in message
    assert "restored from a backup" in message
    assert "\n" not in message
    assert sha256(target) == before


def test_saving_into_a_journal_damaged_since_it_was_opened_says_so(
    journal_damaged_while_open: Journal,
) -> None:
    entry = Entry.new(dt.date(2026, 3, 3), at=WRITTEN, title="After the damage")
    with pytest.raises(LeaderJournalError) as caught:
        journal_damaged_while_open.entries.save(entry)
    message = str(caught.value)
    assert "is damaged" in message
    assert "\n" not in message


def test_a_folder_in_place_of_the_lock_file_is_named_without_an_errno(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    Journal(data).close()
    (data / "journal.lock").unlink()
    (data / "journal.lock").mkdir()
    before = sha256(data / "journal.db")
    status = main(["--data-dir", str(data), "export", "-"])
    err = capsys.readouterr().err
    assert status == 1
    assert err.count("\n") == 1
    assert "journal.lock is a folder" in err
    assert "Errno" not in err
    assert sha256(data / "journal.db") == before
