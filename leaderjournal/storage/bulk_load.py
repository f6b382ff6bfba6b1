"""Writing many entries in one transaction (an import, sync taking in
another computer's changes): through a staging table, or, from
BULK_ENTRIES on, as a bulk load that indexes the new entries for search once
and merges the index at the end."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable
from typing import Any

from leaderjournal.storage.database import Database
from leaderjournal.storage.entry_rows import COLUMNS, UPDATE_ON_CONFLICT

#: Many entries are saved through a temporary table, then in one statement:
#: FTS5 writes out its pending index at every statement of a transaction, so
#: 100,000 one-row statements left 100,000 tiny index segments to merge, and
#: an import of 100,000 entries spent 8 s writing instead of 3.
_STAGE = "temp.entries_to_save"
_STAGE_CREATE = f"CREATE TEMP TABLE entries_to_save ({', '.join(COLUMNS)})"
_STAGE_INSERT = f"INSERT INTO {_STAGE} VALUES ({', '.join('?' for _ in COLUMNS)})"
_UPSERT_STAGED = (
    f"INSERT INTO entries ({', '.join(COLUMNS)}) "
    f"SELECT {', '.join(COLUMNS)} FROM {_STAGE} WHERE true ORDER BY rowid "
    f"{UPDATE_ON_CONFLICT}"
)
#: From this many entries on, a save is a bulk load (an import): the search
#: index then gathers up to _BULK_FTS_HASH bytes in memory before writing a
#: segment, instead of FTS5's default of 1 MB, so that fewer, larger segments
#: are written and merged (an import of 100,000 entries: 0.5 s less). The
#: default is put back in the same transaction.
BULK_ENTRIES = 1000
_BULK_FTS_HASH = 16 * 1024 * 1024
_DEFAULT_FTS_HASH = 1024 * 1024
_FTS_HASH = "INSERT INTO entries_fts (entries_fts, rank) VALUES ('hashsize', ?)"

#: A bulk load indexes its new entries for search in one statement after
#: they are all written, instead of row by row in the insert trigger (which
#: is set aside for the load and put back, as it was, in the same
#: transaction): an import of 100,000 entries then indexes them once.
_INSERT_TRIGGER = "entries_after_insert"
#: Rows written per statement of a bulk load: the memory it holds at once.
_LOAD_CHUNK = 20_000
_LAST_SEQ = "SELECT coalesce(max(seq), 0) FROM entries"
#: A join, not IN (...): IN sorts the 10,000 ids of a large load first.
_STORED_AMONG = "SELECT e.id FROM json_each(?) j JOIN entries e ON e.id = j.value"
_INSERT = (
    f"INSERT INTO entries ({', '.join(COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in COLUMNS)})"
)
_TRIGGER_SQL = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?"
_INDEX_NEW = (
    "INSERT INTO entries_fts (rowid, title, text, tags) "
    "SELECT seq, title, text, tags FROM entries WHERE seq > ? ORDER BY seq"
)
_TAG_NEW = (
    "INSERT OR IGNORE INTO entry_tags (entry_seq, tag) "
    "SELECT e.seq, j.value FROM entries e, json_each(e.tags) j "
    "WHERE e.seq > ? AND e.tags <> '[]'"
)
#: After a bulk load the search index is merged into one segment. Left as
#: many segments, FTS5 merged large ones now and then during an autosave
#: later, which took 0.25-1.2 s instead of about a millisecond (1,000 saves
#: on 100,000 entries imported; after 'optimize' the worst was 5-11 ms).
_FTS_OPTIMIZE = "INSERT INTO entries_fts (entries_fts) VALUES ('optimize')"
#: While loading, segments are not merged as they are written: the
#: 'optimize' at the end merges them all once.
_FTS_AUTOMERGE = "INSERT INTO entries_fts (entries_fts, rank) VALUES ('automerge', ?)"
_DEFAULT_FTS_AUTOMERGE = 4


def _last_of_each_id(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Each id's last row, where its first row was: what saving the rows in
    turn would leave (an entry keeps the place it was first saved at)."""
    last: dict[str, tuple[Any, ...]] = {}
    for row in rows:
        last[row[0]] = row
    if len(last) == len(rows):
        return rows
    return list(last.values())


def upsert_staged(db: Database, rows: list[tuple[Any, ...]]) -> None:
    """Insert or update ``rows`` (of COLUMNS) in one statement, in order."""
    db.execute(f"DROP TABLE IF EXISTS {_STAGE}")
    db.execute(_STAGE_CREATE)
    db.conn.executemany(_STAGE_INSERT, rows)
    db.execute(_UPSERT_STAGED)
    db.execute(f"DROP TABLE {_STAGE}")


def write(db: Database, rows: Iterable[tuple[Any, ...]], count: int) -> None:
    """Insert or replace ``count`` rows (of COLUMNS) in order, inside the
    caller's transaction: through the staging table, or from BULK_ENTRIES
    on as a bulk load."""
    if count < BULK_ENTRIES:
        upsert_staged(db, list(rows))
    else:
        load(db, rows)


def load(db: Database, rows: Iterable[tuple[Any, ...]]) -> None:
    """Write many rows inside the caller's transaction, a chunk at a
    time: each chunk's new entries indexed for search (and their tags
    listed) in one statement each, the index merged at the end."""
    (trigger,) = db.execute(_TRIGGER_SQL, [_INSERT_TRIGGER]).fetchone()
    db.execute(_FTS_HASH, [_BULK_FTS_HASH])
    db.execute(_FTS_AUTOMERGE, [0])
    db.execute(f"DROP TRIGGER {_INSERT_TRIGGER}")
    rows = iter(rows)
    while chunk := list(itertools.islice(rows, _LOAD_CHUNK)):
        (before,) = db.execute(_LAST_SEQ).fetchone()
        chunk = _last_of_each_id(chunk)
        stored = {
            entry_id
            for (entry_id,) in db.execute(
                _STORED_AMONG, [json.dumps([row[0] for row in chunk])]
            )
        }
        # New entries go straight in; stored ones are updated through
        # their trigger (their old words leave the index). Each id comes
        # once in a chunk, so no row is updated before it is indexed: a
        # later chunk finds it indexed.
        db.conn.executemany(_INSERT, [row for row in chunk if row[0] not in stored])
        if stored:
            upsert_staged(db, [row for row in chunk if row[0] in stored])
        db.execute(_INDEX_NEW, [before])
        db.execute(_TAG_NEW, [before])
    db.execute(trigger)
    db.execute(_FTS_OPTIMIZE)
    db.execute(_FTS_AUTOMERGE, [_DEFAULT_FTS_AUTOMERGE])
    db.execute(_FTS_HASH, [_DEFAULT_FTS_HASH])
