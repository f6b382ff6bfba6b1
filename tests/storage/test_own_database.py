"""The app's own ``Database`` and schema builder, against sqlite-utils itself:
the same transactions, and the same schema at every level."""

from __future__ import annotations

import sqlite3

import pytest

from leaderjournal.storage import schema
from leaderjournal.storage.database import Database


def _master(conn: sqlite3.Connection) -> list[tuple[str, str, str, str | None]]:
    return conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
    ).fetchall()


@pytest.mark.parametrize("level", range(len(schema.known_migrations()) + 1))
def test_the_schema_built_in_memory_is_the_one_sqlite_utils_migrations_make(
    level: int,
) -> None:
    ours, theirs = sqlite3.connect(":memory:"), sqlite3.connect(":memory:")
    schema.build(Database(ours), level)
    schema.apply_first(Database(theirs), level)
    assert _master(ours) == _master(theirs)  # every definition, byte for byte
    assert schema.applied(ours) == schema.applied(theirs)
    assert schema.applied(ours) == schema.known_migrations()[:level]


def _rows(conn: sqlite3.Connection) -> list[str]:
    return [text for (text,) in conn.execute("SELECT text FROM notes ORDER BY text")]


@pytest.fixture
def db(tmp_path) -> Database:
    made = Database(sqlite3.connect(tmp_path / "notes.db"))
    made.execute("CREATE TABLE notes (text TEXT NOT NULL)")
    return made


def _elsewhere(db: Database) -> list[str]:
    """The rows as another connection sees them: what is committed."""
    [(_, _, file)] = db.conn.execute("PRAGMA database_list").fetchall()
    other = sqlite3.connect(file)
    try:
        return _rows(other)
    finally:
        other.close()


def test_a_write_outside_a_transaction_is_committed_at_once(db: Database) -> None:
    db.execute("INSERT INTO notes VALUES (?)", ["kept"])
    assert not db.conn.in_transaction
    assert _elsewhere(db) == ["kept"]


class StopError(Exception):
    """Ends a block by an error."""


def _write_then_stop(db: Database, text: str) -> None:
    with db.atomic():
        db.execute("INSERT INTO notes VALUES (?)", [text])
        raise StopError


def test_a_failed_block_writes_nothing(db: Database) -> None:
    with pytest.raises(StopError):
        _write_then_stop(db, "lost")
    assert not db.conn.in_transaction
    assert _rows(db.conn) == []


def test_a_nested_block_is_a_savepoint_undone_alone(db: Database) -> None:
    with db.atomic():
        db.execute("INSERT INTO notes VALUES ('outer')")
        with pytest.raises(StopError):
            _write_then_stop(db, "inner")
        assert _elsewhere(db) == []  # nothing committed before the outer block
    assert _elsewhere(db) == ["outer"]


def test_a_refused_write_leaves_no_transaction_open(db: Database) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO notes VALUES (NULL)")
    assert not db.conn.in_transaction
    db.execute("INSERT INTO notes VALUES ('after')")
    assert _elsewhere(db) == ["after"]
