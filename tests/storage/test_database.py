"""Opening the journal file: settings, migrations, refusals and permissions."""

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.storage.database import (
    JournalError,
    NewerJournalError,
    NotAJournalError,
    connect,
)
from leaderjournal.storage.journal import Journal
from leaderjournal.storage.schema import known_migrations
from tests.files import mode, posix_only, sha256, wal_bytes

WRITTEN = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def migration_names(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id",
            ("leaderjournal",),
        ).fetchall()
    finally:
        conn.close()
    return [name for (name,) in rows]


@pytest.fixture
def journal_file(data_dir) -> Path:
    """A closed journal holding one entry."""
    with Journal(data_dir) as journal:
        journal.entries.add(
            Entry.new(dt.date(2026, 3, 2), at=WRITTEN, text="kept safe")
        )
        return journal.path


# -- opening ----------------------------------------------------------------------


def test_opening_creates_the_journal_in_the_data_folder(data_dir):
    assert not data_dir.exists()
    with Journal(data_dir) as journal:
        assert journal.path == data_dir / "journal.db"
        assert journal.path.is_file()
        assert journal.entries.count() == 0


def test_entries_survive_closing_and_reopening(journal_file, data_dir):
    with Journal(data_dir) as journal:
        [entry] = journal.entries.on_day(dt.date(2026, 3, 2))
    assert entry.text == "kept safe"


def test_connection_settings(journal_file):
    db = connect(journal_file)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    finally:
        db.close()


def test_a_new_journal_is_in_wal_mode_while_open(data_dir):
    with Journal(data_dir) as journal:
        journal.entries.add(Entry.new(dt.date(2026, 3, 2), at=WRITTEN, text="x"))
        conn = sqlite3.connect(journal.path)
        try:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        finally:
            conn.close()


def test_deleting_an_entry_removes_its_tag_rows(data_dir):
    # foreign_keys=ON is what makes ON DELETE CASCADE work
    with Journal(data_dir) as journal:
        entry = Entry.new(dt.date(2026, 3, 2), at=WRITTEN, tags=("a", "b"))
        journal.entries.add(entry)
        journal.entries.delete(entry.id)
        path = journal.path
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT count(*) FROM entry_tags").fetchone()[0] == 0
    finally:
        conn.close()


# -- migrations -------------------------------------------------------------------


def test_migrations_are_applied_once(data_dir):
    assert known_migrations()  # at least the first schema
    with Journal(data_dir) as journal:
        path = journal.path
    with Journal(data_dir):
        pass
    names = migration_names(path)
    assert names == list(known_migrations())
    assert len(names) == len(set(names))


def test_the_schema_has_what_the_app_needs(journal_file):
    conn = sqlite3.connect(journal_file)
    try:
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()
    assert {"entries", "entry_tags", "entries_fts", "_sqlite_migrations"} <= tables


# -- refusals ---------------------------------------------------------------------


def test_a_journal_from_a_newer_version_is_refused_untouched(journal_file, data_dir):
    conn = sqlite3.connect(journal_file)
    try:
        with conn:
            conn.execute(
                "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                "VALUES ('leaderjournal', 'm999_from_the_future', "
                "'2030-01-01 00:00:00.000000+00:00')"
            )
    finally:
        conn.close()
    assert wal_bytes(journal_file) == 0  # everything is in journal.db itself
    before_bytes = journal_file.read_bytes()
    before_sha = sha256(journal_file)
    before_mtime = journal_file.stat().st_mtime_ns

    with pytest.raises(NewerJournalError, match="newer version") as caught:
        Journal(data_dir)

    assert isinstance(caught.value, JournalError)
    assert "m999_from_the_future" in str(caught.value)
    assert journal_file.read_bytes() == before_bytes
    assert sha256(journal_file) == before_sha
    assert journal_file.stat().st_mtime_ns == before_mtime
    assert wal_bytes(journal_file) == 0
    assert migration_names(journal_file) == [
        *known_migrations(),
        "m999_from_the_future",
    ]


def test_a_newer_journal_is_refused_every_time(journal_file, data_dir):
    conn = sqlite3.connect(journal_file)
    try:
        with conn:
            conn.execute(
                "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                "VALUES ('leaderjournal', 'm999_from_the_future', '2030-01-01')"
            )
    finally:
        conn.close()
    before = sha256(journal_file)
    for _ in range(2):
        with pytest.raises(NewerJournalError):
            Journal(data_dir)
    assert sha256(journal_file) == before


def test_another_apps_migrations_in_the_same_file_are_not_a_newer_journal(
    journal_file, data_dir
):
    conn = sqlite3.connect(journal_file)
    try:
        with conn:
            conn.execute(
                "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                "VALUES ('some-plugin', 'm001_plugin', '2030-01-01')"
            )
    finally:
        conn.close()
    with Journal(data_dir) as journal:
        assert journal.entries.count() == 1


NOT_DATABASES = pytest.mark.parametrize(
    "content",
    [
        b"Dear diary,\nToday I delegated the release.\n" * 20,
        b"hello",
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        b"SQLite format 3\x00" + b"\xff" * 200,  # a damaged header
    ],
    ids=["text", "short-text", "binary", "damaged-header"],
)


@NOT_DATABASES
def test_a_file_that_is_not_a_database_is_refused_untouched(data_dir, content):
    data_dir.mkdir()
    path = data_dir / "journal.db"
    path.write_bytes(content)

    with pytest.raises(NotAJournalError) as caught:
        Journal(data_dir)

    assert isinstance(caught.value, JournalError)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == content
    assert wal_bytes(path) == 0


@NOT_DATABASES
def test_a_file_that_is_not_a_database_is_never_written_to(data_dir, content):
    # Whatever the error says, the person's file must come out unchanged.
    data_dir.mkdir()
    path = data_dir / "journal.db"
    path.write_bytes(content)
    with pytest.raises((JournalError, sqlite3.DatabaseError)):
        Journal(data_dir)
    assert path.read_bytes() == content
    assert wal_bytes(path) == 0


# -- permissions ------------------------------------------------------------------


@posix_only
def test_a_new_journal_is_private(data_dir):
    with Journal(data_dir) as journal:
        journal.entries.add(Entry.new(dt.date(2026, 3, 2), at=WRITTEN, text="x"))
        assert mode(data_dir) == 0o700
        assert mode(journal.path) == 0o600
        # SQLite gives its side files the journal's own mode
        for side in ("journal.db-wal", "journal.db-shm"):
            if (data_dir / side).exists():
                assert mode(data_dir / side) == 0o600, side
    assert mode(journal.path) == 0o600


@posix_only
def test_an_existing_readable_journal_is_made_private(journal_file, data_dir):
    journal_file.chmod(0o644)
    data_dir.chmod(0o755)
    with Journal(data_dir) as journal:
        assert journal.entries.count() == 1
    assert mode(journal_file) == 0o600
    assert mode(data_dir) == 0o700


@posix_only
def test_nested_data_folders_are_created(tmp_path):
    data_dir = tmp_path / "a" / "b" / "LeaderJournal"
    with Journal(data_dir) as journal:
        assert journal.path.is_file()
    assert mode(data_dir) == 0o700
    assert mode(data_dir / "journal.db") == 0o600
