"""The journal's schema, built and changed only through migrations.

Each migration runs in its own transaction (sqlite-utils ``Migrations``).
Migrations are only ever appended; a name once released is never changed.

The steps are registered here in plain Python, and which are due is read by
SQL from sqlite-utils' record of them: sqlite-utils itself is imported only
when a migration is to run (a new journal, or one from an older version),
never to open an up-to-date journal.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Protocol

from leaderjournal.domain.limits import respell

if TYPE_CHECKING:
    from sqlite_utils.migrations import Migrations


#: sqlite-utils' table of the migrations applied, and this app's set in it.
MIGRATIONS_TABLE = "_sqlite_migrations"
MIGRATION_SET = "leaderjournal"

#: What sqlite-utils' ``Migrations`` creates for its record, as it writes it
#: (tests/storage/test_own_database.py checks it against sqlite-utils itself).
#: The expected schema is built in memory with these and the app's own steps.
RECORD_SQL = (
    f'CREATE TABLE "{MIGRATIONS_TABLE}" (\n   "id" INTEGER PRIMARY KEY,\n'
    '   "migration_set" TEXT,\n   "name" TEXT,\n   "applied_at" TEXT\n)',
    f'CREATE UNIQUE INDEX "idx_{MIGRATIONS_TABLE}_migration_set_name"\n'
    f'    ON "{MIGRATIONS_TABLE}" ("migration_set", "name")',
)


class Db(Protocol):
    """What a migration step uses: the app's ``Database`` or sqlite-utils'."""

    conn: sqlite3.Connection

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor: ...


class Buildable(Db, Protocol):
    """What :func:`build` uses: a ``Db`` with transactions."""

    def atomic(self) -> AbstractContextManager[Any]: ...


class _InMemory:
    """A bare connection as a :class:`Buildable`, for :func:`image`: an
    in-memory database needs no transaction, and storage.database (which
    imports this module) is not needed."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters or ())

    @contextlib.contextmanager
    def atomic(self) -> Iterator[_InMemory]:
        yield self
        self.conn.commit()


_STEPS: list[Callable[[Db], None]] = []


def _migration(fn: Callable[[Db], None]) -> Callable[[Db], None]:
    _STEPS.append(fn)
    return fn


def known_migrations() -> tuple[str, ...]:
    """Names of the migrations this version knows, oldest first."""
    return tuple(step.__name__ for step in _STEPS)


def applied(db: Db | sqlite3.Connection) -> tuple[str, ...]:
    """This app's migrations recorded in ``db``, in the order applied (read
    as sqlite-utils' ``Migrations.applied`` reads them)."""
    conn = db if isinstance(db, sqlite3.Connection) else db.conn
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
        (MIGRATIONS_TABLE,),
    ).fetchone()
    if exists is None:
        return ()
    rows = conn.execute(
        f'SELECT name FROM "{MIGRATIONS_TABLE}" WHERE migration_set = ? ORDER BY rowid',
        (MIGRATION_SET,),
    ).fetchall()
    return tuple(str(name) for (name,) in rows)


def pending(db: Db) -> tuple[str, ...]:
    """The migrations this version knows that ``db`` has not had."""
    done = set(applied(db))
    return tuple(name for name in known_migrations() if name not in done)


def needs_upgrade(db: Db) -> bool:
    """True for an existing journal (not a new, empty one) with migrations due."""
    return bool(applied(db)) and bool(pending(db))


def migrate(db: Db) -> None:
    """Apply every pending migration (through sqlite-utils, imported only
    when one is due)."""
    if pending(db):
        migrations().apply(sqlite_utils_database(db))


@functools.cache
def migrations() -> Migrations:
    """sqlite-utils' ``Migrations`` for every step, made on first use."""
    made: Migrations = _sqlite_utils().migrations.Migrations(MIGRATION_SET)
    for step in _STEPS:
        made(name=step.__name__)(step)
    return made


def apply_first(db: Db, level: int) -> None:
    """Apply only the first ``level`` migrations to an empty ``db`` through
    sqlite-utils: the schema a journal at that level has (level 0: nothing
    at all)."""
    if level == 0:
        return
    first = _sqlite_utils().migrations.Migrations(MIGRATION_SET)
    for step in _STEPS[:level]:
        first(name=step.__name__)(step)
    first.apply(sqlite_utils_database(db))


def build(db: Buildable, level: int) -> None:
    """What :func:`apply_first` makes, without sqlite-utils: its record table
    as it writes it, then the first ``level`` steps, each in a transaction
    with its record. For the schema a journal must have (in memory)."""
    if level == 0:
        return
    with db.atomic():
        for sql in RECORD_SQL:
            db.execute(sql)
    for step in _STEPS[:level]:
        with db.atomic():
            step(db)
            db.execute(
                f'INSERT INTO "{MIGRATIONS_TABLE}" (migration_set, name, applied_at) '
                "VALUES (?, ?, ?)",
                (MIGRATION_SET, step.__name__, str(dt.datetime.now(dt.UTC))),
            )


def sqlite_utils_database(db: Db) -> Any:
    """sqlite-utils' ``Database`` on ``db``'s connection (for its migrations)."""
    return _sqlite_utils().Database(db.conn, execute_plugins=False)


@functools.cache
def image(level: int) -> bytes:
    """The database :func:`build` makes at ``level``, serialised: built once
    per process, then copied into a connection with ``deserialize``."""
    conn = sqlite3.connect(":memory:")
    try:
        build(_InMemory(conn), level)
        return conn.serialize()
    finally:
        conn.close()


def _sqlite_utils() -> Any:
    """The sqlite_utils package, imported without numpy.

    sqlite-utils imports numpy, when it is installed, to store numpy values;
    the app never stores any, and numpy alone takes longer to import than a
    whole start. While sqlite-utils is imported, ``numpy`` is marked missing
    (unless it is already loaded), which sqlite-utils takes as numpy not
    installed; numpy itself stays importable afterwards (for the charts).
    """
    if "sqlite_utils.migrations" not in sys.modules:
        hidden = "numpy" not in sys.modules
        if hidden:
            sys.modules["numpy"] = None  # type: ignore[assignment]
        try:
            import sqlite_utils.db
            import sqlite_utils.migrations
        finally:
            if hidden and sys.modules.get("numpy", False) is None:
                del sys.modules["numpy"]
    import sqlite_utils

    return sqlite_utils


_RATING = "INTEGER CHECK ({col} IS NULL OR {col} BETWEEN -2 AND 2)"


@_migration
def m001_entries(db: Db) -> None:
    """Entries, their tags, and full-text search kept in sync by triggers.

    The search index folds case and accents, and counts symbols (So, Sk:
    emoji among them) as word characters so that they can be searched too.

    ``seq`` is an explicit INTEGER PRIMARY KEY so that the rowid the search
    index refers to survives VACUUM; ``id`` is the stable UUID people see in
    exports.
    """
    ratings = ",\n".join(
        f"{key} {_RATING.format(col=key)}"
        for key in ("power", "followers", "growth", "relationship", "mentor")
    )
    db.execute(
        f"""
        CREATE TABLE entries (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            date TEXT NOT NULL CHECK (date(date, '+0 days') IS date),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            {ratings},
            advice_requests INTEGER NOT NULL DEFAULT 0
                CHECK (advice_requests >= 0),
            tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags))
        )
        """
    )
    # Times carry their UTC offset, so they are ordered by the instant
    # (julianday), not as text: 02:30+02:00 comes before 02:15+01:00.
    db.execute("CREATE INDEX entries_by_date ON entries (date, julianday(created_at))")
    db.execute(
        """
        CREATE TABLE entry_tags (
            entry_seq INTEGER NOT NULL REFERENCES entries (seq) ON DELETE CASCADE,
            tag TEXT NOT NULL COLLATE NOCASE,
            PRIMARY KEY (entry_seq, tag)
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX entry_tags_by_tag ON entry_tags (tag)")
    db.execute(
        """
        CREATE VIRTUAL TABLE entries_fts USING fts5 (
            title, text, tags,
            content = 'entries', content_rowid = 'seq',
            tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co So Sk'"
        )
        """
    )
    fts_insert = (
        "INSERT INTO entries_fts (rowid, title, text, tags) "
        "VALUES (new.seq, new.title, new.text, new.tags);"
    )
    fts_delete = (
        "INSERT INTO entries_fts (entries_fts, rowid, title, text, tags) "
        "VALUES ('delete', old.seq, old.title, old.text, old.tags);"
    )
    tags_insert = (
        "INSERT OR IGNORE INTO entry_tags (entry_seq, tag) "
        "SELECT new.seq, value FROM json_each(new.tags);"
    )
    db.execute(
        f"CREATE TRIGGER entries_after_insert AFTER INSERT ON entries BEGIN "
        f"{fts_insert} {tags_insert} END"
    )
    db.execute(
        f"CREATE TRIGGER entries_after_delete AFTER DELETE ON entries BEGIN "
        f"{fts_delete} END"
    )
    db.execute(
        f"CREATE TRIGGER entries_after_update AFTER UPDATE ON entries BEGIN "
        f"{fts_delete} {fts_insert} "
        f"DELETE FROM entry_tags WHERE entry_seq = old.seq; {tags_insert} END"
    )


@_migration
def m002_reviews_and_targets(db: Db) -> None:
    """Weekly reviews (reflection, intention, whether last week's was kept)
    and the person's target leans (overall and per dimension)."""
    db.execute(
        """
        CREATE TABLE weekly_reviews (
            week TEXT PRIMARY KEY CHECK (week GLOB '[0-9][0-9][0-9][0-9]-W[0-9][0-9]'),
            reflection TEXT NOT NULL DEFAULT '',
            intention TEXT NOT NULL DEFAULT '',
            kept INTEGER CHECK (kept IS NULL OR kept IN (0, 1)),
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE targets (
            key TEXT PRIMARY KEY,
            lean REAL NOT NULL CHECK (lean BETWEEN -100 AND 100)
        )
        """
    )


@_migration
def m003_one_spelling_per_tag(db: Db) -> None:
    """One spelling per tag, as DESIGN.md's limits say ("compared without
    regard to case; the first spelling used is kept").

    Earlier versions stored each tag as typed, so "Delegation" and
    "delegation" showed as two tags in History and Trends. Every entry now
    gets the spelling of the oldest entry (by date, then time written) that
    used the tag, and a tag repeated within an entry is kept once. Only
    rows change: the schema stays the one m002 made. The triggers bring the
    tag table and the search index along.
    """
    rows = db.execute(
        "SELECT seq, tags FROM entries WHERE tags <> '[]' "
        "ORDER BY date, julianday(created_at), seq"
    ).fetchall()
    spellings: dict[str, str] = {}
    changed: list[tuple[int, str]] = []
    for seq, stored in rows:
        tags = json.loads(stored)
        folded = list(respell(tags, spellings))
        if folded != tags:
            changed.append((seq, json.dumps(folded, ensure_ascii=False)))
    if not changed:
        return
    # One UPDATE for all: the search index writes out what it gathered at
    # every statement, and a statement per entry took seconds on large
    # journals.
    db.execute("CREATE TEMP TABLE folded_tags (seq INTEGER PRIMARY KEY, tags TEXT)")
    db.conn.executemany("INSERT INTO temp.folded_tags VALUES (?, ?)", changed)
    db.execute(
        "UPDATE entries SET tags = (SELECT f.tags FROM temp.folded_tags f "
        "WHERE f.seq = entries.seq) WHERE seq IN (SELECT seq FROM temp.folded_tags)"
    )
    db.execute("DROP TABLE temp.folded_tags")


@_migration
def m004_influence(db: Db) -> None:
    """The first rating is called ``influence``, for its leading pole, as
    every other rating is: ``influence = 2`` reads as "strongly Influence".

    The column was ``power``; SQLite renames it in the column's CHECK too.
    A target for that dimension is kept under the new key. (The names are
    written out here: a migration does what it did when it was released,
    whatever the dimensions are called later.)
    """
    db.execute("ALTER TABLE entries RENAME COLUMN power TO influence")
    db.execute("UPDATE targets SET key = 'influence' WHERE key = 'power'")


@_migration
def m005_search_index_merged(db: Db) -> None:
    """The search index merged into one segment, once.

    Earlier versions left a large import's index in several large
    segments, and FTS5 merged them during a later save now and then: on
    100,000 entries one autosave in a few hundred took 0.25-1.2 s instead of
    about a millisecond. Imports now merge the index when they are done;
    this does it once for journals imported into before. Only the index's
    own pages change: no row and no schema.
    """
    db.execute("INSERT INTO entries_fts (entries_fts) VALUES ('optimize')")


@_migration
def m006_sync(db: Db) -> None:
    """What syncing through a folder keeps in the journal (leaderjournal/sync).

    - ``sync_settings``: this computer's device id, its clock and the sync
      folder; no device id means sync is off and nothing is recorded.
    - ``sync_outbox``: each write made here while sync is on, as the record
      before and after it (JSON), in the write's own transaction, so a crash
      never loses a change nor records one that did not happen. Sync turns
      these into stamped changes.
    - ``sync_changes``: every change known, this computer's and the others',
      as its line, once per stamp (``file``: the sequence of the file it
      was published in or read from; NULL for one of this computer's not
      yet published).
    - ``sync_applied``: the other computers' files taken in completely.
    """
    db.execute(
        "CREATE TABLE sync_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)"
        " WITHOUT ROWID"
    )
    db.execute(
        """
        CREATE TABLE sync_outbox (
            n INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('entry', 'week', 'targets')),
            record TEXT NOT NULL,
            before TEXT CHECK (before IS NULL OR json_valid(before)),
            after TEXT CHECK (after IS NULL OR json_valid(after))
        )
        """
    )
    db.execute(
        """
        CREATE TABLE sync_changes (
            n INTEGER PRIMARY KEY,
            stamp TEXT NOT NULL UNIQUE,
            device TEXT NOT NULL,
            file INTEGER,
            kind TEXT NOT NULL CHECK (kind IN ('entry', 'week', 'targets')),
            record TEXT NOT NULL,
            line BLOB NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX sync_changes_by_record ON sync_changes (kind, record)")
    db.execute("CREATE INDEX sync_changes_by_file ON sync_changes (device, file)")
    db.execute(
        """
        CREATE TABLE sync_applied (
            device TEXT NOT NULL,
            file INTEGER NOT NULL,
            PRIMARY KEY (device, file)
        ) WITHOUT ROWID
        """
    )
