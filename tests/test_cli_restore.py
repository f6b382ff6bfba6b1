"""``leaderjournal restore`` with files LeaderJournal did not write, run as a
person runs it: refused in one line, and the journal as it was."""

from __future__ import annotations

import datetime as dt
import io
import re
import sqlite3
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from leaderjournal.cli import main
from leaderjournal.domain.entry import Entry
from leaderjournal.storage import cipher
from tests.files import sha256
from tests.kinds import open_journal, passphrase_input, plain_only

WRITTEN = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def texts(data_dir: Path) -> list[str]:
    with open_journal(data_dir) as journal:
        return [e.text for e in journal.entries.iter_all()]


def run(monkeypatch, data_dir: Path, *args: str) -> int:
    """The command as main() runs it; an encrypted journal's passphrase
    comes on standard input."""
    extra, stdin = passphrase_input(data_dir)
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main([*args, "--data-dir", str(data_dir), *extra])


def raw_connect(path: Path, key: bytes | None) -> sqlite3.Connection:
    """A database file opened as another program would: sqlite3, or with
    the data key SQLCipher."""
    return sqlite3.connect(path) if key is None else cipher.connect(path, key)


def one_line(stream: str) -> str:
    lines = stream.splitlines()
    assert len(lines) == 1, stream
    assert "Traceback" not in stream
    return lines[0]


@pytest.fixture
def journal_with_entries(journal_kind, data_dir, tmp_path) -> Path:
    """A closed journal of two entries, of each kind; returns a sound backup
    of it."""
    with journal_kind.new(data_dir) as journal:
        for day, text in ((2, "first"), (3, "second")):
            journal.entries.add(Entry.new(dt.date(2026, 3, day), at=WRITTEN, text=text))
        return journal.backup_now(tmp_path / "good.db").path


def notes_app_database(path: Path) -> Path:
    """Another program's file with an ``entries`` table and sqlite-utils
    migrations of its own."""
    migrations = Migrations("notes-app")

    @migrations(name="m001_notes")
    def m001_notes(db: Database) -> None:
        db.execute("CREATE TABLE entries (id INTEGER PRIMARY KEY, body TEXT)")

    db = Database(path)
    migrations.apply(db)
    db.close()
    return path


def test_a_backup_with_a_trigger_is_not_restored_and_every_entry_survives(
    journal_kind, journal_with_entries, data_dir, capsys, monkeypatch
):
    crafted = journal_with_entries
    conn = raw_connect(crafted, journal_kind.key(data_dir))
    with conn:
        conn.execute("CREATE TABLE hidden (text TEXT)")
        conn.execute(
            "CREATE TRIGGER evil AFTER INSERT ON entries BEGIN "
            "DELETE FROM entries WHERE seq != new.seq; "
            "INSERT INTO hidden (text) VALUES (new.text); END"
        )
    conn.close()
    journal_file = data_dir / "journal.db"
    before, crafted_before = sha256(journal_file), sha256(crafted)

    status = run(monkeypatch, data_dir, "restore", str(crafted))

    out, err = capsys.readouterr()
    assert status == 1
    assert out == ""
    message = one_line(err)
    assert message.startswith("leaderjournal: Not restored: ")
    assert "trigger \u201cevil\u201d" in message
    assert sha256(journal_file) == before
    assert sha256(crafted) == crafted_before
    with open_journal(data_dir) as journal:
        journal.entries.add(Entry.new(dt.date(2026, 3, 4), at=WRITTEN, text="third"))
    assert texts(data_dir) == ["first", "second", "third"]


def test_another_apps_database_is_not_restored(
    journal_kind, journal_with_entries, data_dir, capsys, monkeypatch
):
    other = data_dir.parent / "photos.db"
    conn = sqlite3.connect(other)
    with conn:
        conn.execute("CREATE TABLE photos (file TEXT)")
    conn.close()
    before = sha256(data_dir / "journal.db")

    status = run(monkeypatch, data_dir, "restore", str(other))

    assert status == 1
    message = one_line(capsys.readouterr().err)
    if journal_kind.encrypted:  # refused before its tables are looked at
        assert "photos.db is not encrypted, and this journal is" in message
    else:
        assert "not a LeaderJournal journal" in message
    assert sha256(data_dir / "journal.db") == before


# Plain only: the alien file stands in place of a plain journal.db.
@plain_only
def test_an_alien_journal_is_refused_in_one_line_and_a_backup_restores_it(
    journal_with_entries, data_dir, tmp_path, capsys
):
    # What an earlier version let `restore` put in place: another program's
    # file with an entries table and sqlite-utils migrations.
    journal_file = data_dir / "journal.db"
    journal_file.unlink()
    notes_app_database(journal_file)
    alien_bytes = journal_file.read_bytes()

    status = main(["export", "-", "--data-dir", str(data_dir)])

    assert status == 1
    message = one_line(capsys.readouterr().err)
    assert str(journal_file) in message
    assert "not a LeaderJournal journal" in message
    assert "restore" in message
    assert journal_file.read_bytes() == alien_bytes

    status = main(["restore", str(journal_with_entries), "--data-dir", str(data_dir)])

    out, err = capsys.readouterr()
    assert status == 0, err
    assert texts(data_dir) == ["first", "second"]
    [aside] = [
        p for p in data_dir.iterdir() if re.fullmatch(r"journal\..*\.db", p.name)
    ]
    assert aside.read_bytes() == alien_bytes
    assert str(aside) in one_line(out)


def test_restore_over_a_journal_of_a_newer_version_is_refused_in_one_line(
    journal_kind, journal_with_entries, data_dir, capsys, monkeypatch
):
    journal_file = data_dir / "journal.db"
    conn = raw_connect(journal_file, journal_kind.key(data_dir))
    with conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('leaderjournal', 'm999_from_the_future', '2030-01-01')"
        )
    conn.close()
    before = sha256(journal_file)

    status = run(monkeypatch, data_dir, "restore", str(journal_with_entries))

    assert status == 1
    message = one_line(capsys.readouterr().err)
    assert message.startswith("leaderjournal: Not restored: ")
    assert "newer version" in message
    assert sha256(journal_file) == before
