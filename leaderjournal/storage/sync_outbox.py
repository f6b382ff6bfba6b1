"""The journal's side of sync: each write made while sync is on is also
kept in ``sync_outbox``, in the write's own transaction.

Storage does not know how computers merge (that is leaderjournal/sync, a
layer above): it keeps the facts, each record as it was before the write
and as it is after, with the time of the write. Sync turns them into
stamped changes and publishes them. Writes that sync itself makes, taking
in another computer's changes, are made :func:`not_recording`, so they do
not come back as this computer's changes.

Sync is on when ``sync_settings`` holds this computer's device id.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from leaderjournal.domain.entry import Entry
from leaderjournal.domain.review import WeekNotes
from leaderjournal.storage.database import Database
from leaderjournal.storage.entry_rows import COLUMNS, to_row

DEVICE = "device"
ENTRY, WEEK, TARGETS = "entry", "week", "targets"
#: The one record of the targets.
TARGETS_ID = "targets"

Fields = dict[str, Any]

_INSERT = (
    "INSERT INTO sync_outbox (at, kind, record, before, after) VALUES (?, ?, ?, ?, ?)"
)
_QUIET = "_sync_not_recording"


def recording(db: Database) -> bool:
    """Whether writes on ``db`` are to be kept for sync now."""
    if getattr(db, _QUIET, False):
        return False
    row = db.execute("SELECT 1 FROM sync_settings WHERE name = ?", (DEVICE,)).fetchone()
    return row is not None


def has_writes(db: Database) -> bool:
    """Whether writes wait in the outbox for the next run to stamp."""
    return db.execute("SELECT 1 FROM sync_outbox LIMIT 1").fetchone() is not None


@contextlib.contextmanager
def not_recording(db: Database) -> Iterator[Database]:
    """Writes on ``db`` inside this are not kept (sync's own)."""
    setattr(db, _QUIET, True)
    try:
        yield db
    finally:
        setattr(db, _QUIET, False)


def entry_fields(entry: Entry) -> Fields:
    """An entry as the fields a change can carry (its stored row but the id),
    tags as a list."""
    return _row_fields(to_row(entry), range(1, len(COLUMNS)))


def week_fields(notes: WeekNotes) -> Fields:
    return {
        "reflection": notes.reflection,
        "intention": notes.intention,
        "last_intention_kept": notes.kept,
    }


def record(
    db: Database,
    kind: str,
    record_id: str,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
) -> None:
    """Keep one write (inside the caller's transaction); nothing when the
    record did not change.

    Of a record that was there before and after, only the fields the write
    changed are kept (an entry's text as :func:`_insert` keeps it)."""
    if before == after:
        return
    if before is not None and after is not None:
        changed = {
            name
            for name in before.keys() | after.keys()
            if before.get(name) != after.get(name)
        }
        before = {name: before.get(name) for name in changed}
        after = {name: after.get(name) for name in changed}
    _insert(db, kind, record_id, before, after)


def _insert(
    db: Database,
    kind: str,
    record_id: str,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
) -> None:
    """Keep one write. An entry's text is never held here: the old one is
    kept as null (sync compares, it never needs the old words), the new one
    as TEXT_AS_STORED, read from the entry when the write is stamped."""
    if kind == ENTRY:
        if before is not None and "text" in before:
            before = {**before, "text": None}
        if after is not None and "text" in after:
            named = {name: v for name, v in after.items() if name != "text"}
            after = {**named, TEXT_AS_STORED: True}
    db.execute(
        _INSERT,
        (
            dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
            kind,
            record_id,
            None if before is None else _json(before),
            None if after is None else _json(after),
        ),
    )


#: In a kept write of an entry: the conflict versions (their stamps, as
#: text) the person resolved by choosing the entry's text.
RESOLVES = "resolves"


def record_resolution(db: Database, entry_id: str, stamps: list[str]) -> None:
    """Keep that the person resolved these conflict versions of an entry."""
    _insert(db, ENTRY, entry_id, {}, {RESOLVES: stamps})


#: In a kept write of an entry's text: the digest (:func:`text_digest`) of
#: the text the page was edited from, when the text stored was another.
TEXT_FROM = "_text_from"
_TEXT = COLUMNS.index("text")


def text_digest(text: str) -> str:
    """A text's fingerprint: sync finds the version a page was edited from."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


#: In a kept write of an entry: its text changed, and is the entry's text as
#: stored when sync stamps the write. Sync stamps every kept write before it
#: takes another computer's changes in, so the entry then holds the text of
#: this computer's last write: no write keeps its text twice (see _insert).
TEXT_AS_STORED = "_text_as_stored"


def texts_as_stored(db: Database, entry_ids: Iterable[str]) -> dict[str, str]:
    """The stored texts of these entries (those still there)."""
    rows = db.execute(
        "SELECT id, text FROM entries WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(list(entry_ids)),),
    )
    return dict(rows.fetchall())


#: Whether sync is on, and the entry's stored row (NULLs if none): one query
#: for the usual autosave, which also compares the tags stored.
_ON_AND_STORED = (
    "SELECT (SELECT value FROM sync_settings WHERE name = ?), "
    f"{', '.join('e.' + c for c in COLUMNS)} "
    "FROM (SELECT ? AS id) AS k LEFT JOIN entries e ON e.id = k.id"
)


def stored_row(db: Database, entry_id: str) -> tuple[bool, tuple[Any, ...] | None]:
    """Whether a save of this entry on ``db`` is to be kept for sync, and
    its row as stored (entry_rows.COLUMNS; None: a new entry), in one query."""
    found = db.execute(_ON_AND_STORED, (DEVICE, entry_id)).fetchone()
    recording = found[0] is not None and not getattr(db, _QUIET, False)
    return recording, None if found[1] is None else found[1:]


def record_entry_row(
    db: Database,
    row: tuple[Any, ...],
    stored: tuple[Any, ...] | None,
    edited_from: str | None = None,
) -> None:
    """Keep the save of one entry (sync on, see :func:`stored_row`), as its
    row (entry_rows.COLUMNS) about to be written, against the row ``stored``
    (None: a new entry): the usual autosave, compared column by column
    without making the stored Entry.

    ``edited_from``: the text the page was edited from; kept (as
    ``TEXT_FROM``) when the save changes a stored text that is another."""
    if stored is None:
        _insert(db, ENTRY, row[0], None, _row_fields(row, range(1, len(COLUMNS))))
        return
    changed = [n for n in range(1, len(COLUMNS)) if stored[n] != row[n]]
    if changed:
        before = _row_fields(stored, changed)
        after = _row_fields(row, changed)
        if "text" in before and edited_from not in (None, stored[_TEXT]):
            after[TEXT_FROM] = text_digest(edited_from)
        _insert(db, ENTRY, row[0], before, after)


def _row_fields(row: tuple[Any, ...], columns: Iterable[int]) -> Fields:
    return {
        COLUMNS[n]: json.loads(row[n]) if COLUMNS[n] == "tags" else row[n]
        for n in columns
    }


def record_entries(
    db: Database, before: Mapping[str, Entry], after: Iterable[Entry]
) -> None:
    """Keep many entries' writes: ``before`` holds those stored before."""
    for entry in after:
        old = before.get(entry.id)
        record(
            db,
            ENTRY,
            entry.id,
            None if old is None else entry_fields(old),
            entry_fields(entry),
        )


def _json(fields: Mapping[str, Any]) -> str:
    return json.dumps(fields, ensure_ascii=False, sort_keys=True)
