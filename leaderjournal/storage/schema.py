"""The journal's schema, built and changed only through migrations.

Each migration runs in its own transaction (sqlite-utils ``Migrations``).
Migrations are only ever appended; a name once released is never changed.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from leaderjournal.domain.limits import respell

MIGRATIONS = Migrations("leaderjournal")
_KNOWN: list[str] = []
_STEPS: list[Callable[[Database], None]] = []


def _migration(fn: Callable[[Database], None]) -> Callable[[Database], None]:
    _KNOWN.append(fn.__name__)
    _STEPS.append(fn)
    return MIGRATIONS(name=fn.__name__)(fn)


def known_migrations() -> tuple[str, ...]:
    """Names of the migrations this version knows, oldest first."""
    return tuple(_KNOWN)


def needs_upgrade(db: Database) -> bool:
    """True for an existing journal (not a new, empty one) with migrations due."""
    return bool(MIGRATIONS.applied(db)) and bool(MIGRATIONS.pending(db))


def migrate(db: Database) -> None:
    """Apply every pending migration."""
    MIGRATIONS.apply(db)


def apply_first(db: Database, level: int) -> None:
    """Apply only the first ``level`` migrations to an empty ``db``: the
    schema a journal at that level has (level 0: nothing at all)."""
    if level == 0:
        return
    first = Migrations(MIGRATIONS.name)
    for step in _STEPS[:level]:
        first(name=step.__name__)(step)
    first.apply(db)


_RATING = "INTEGER CHECK ({col} IS NULL OR {col} BETWEEN -2 AND 2)"


@_migration
def m001_entries(db: Database) -> None:
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
def m002_reviews_and_targets(db: Database) -> None:
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
def m003_one_spelling_per_tag(db: Database) -> None:
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
def m004_influence(db: Database) -> None:
    """The first rating is called ``influence``, for its leading pole, as
    every other rating is: ``influence = 2`` reads as "strongly Influence".

    The column was ``power``; SQLite renames it in the column's CHECK too.
    A target for that dimension is kept under the new key. (The names are
    written out here: a migration does what it did when it was released,
    whatever the dimensions are called later.)
    """
    db.execute("ALTER TABLE entries RENAME COLUMN power TO influence")
    db.execute("UPDATE targets SET key = 'influence' WHERE key = 'power'")
