"""Writing what the merge gives into the journal (sync/engine.py takes in
another computer's file, or has stamped this computer's own edits): entries
saved together and in order, each tag spelled one way on every computer, a
week's notes, the targets. The caller holds the transaction, and writes are
not kept as this computer's (storage/sync_outbox.py ``not_recording``)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from leaderjournal.domain import limits
from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.limits import respell, tag_key
from leaderjournal.domain.review import WeekNotes
from leaderjournal.storage import sync_outbox
from leaderjournal.storage.database import Database
from leaderjournal.storage.entries import EntryRepository
from leaderjournal.storage.entry_rows import COLUMNS, tags_text
from leaderjournal.storage.reviews import ReviewRepository
from leaderjournal.sync.changes import decode
from leaderjournal.sync.merge import EntryState, Record

#: The entry fields every complete entry has (tags and ratings may be absent).
_REQUIRED = ("date", "created_at", "updated_at")
_TAGS = COLUMNS.index("tags")


def states_before(
    db: Database, records: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], EntryState]:
    """Each record's state merged from the changes kept so far: read in
    one query per kind."""
    states = {key: EntryState() for key in records}
    for kind in {kind for kind, _ in states}:
        ids = json.dumps([record for k, record in states if k == kind])
        for record, line in db.execute(
            "SELECT record, line FROM sync_changes WHERE kind = ? "
            "AND record IN (SELECT value FROM json_each(?))",
            (kind, ids),
        ):
            states[kind, record].apply(decode(bytes(line)))
    return states


def write_entries(
    db: Database,
    keys: list[tuple[str, str]],
    states: Mapping[tuple[str, str], EntryState],
) -> list[tuple[str, str]]:
    """Write the merged entries (saved together, in order); the changed."""
    entries = EntryRepository(db)
    stored = entries.rows_of([record_id for _, record_id in keys])
    saved: list[tuple[Any, ...]] = []
    changed = []
    for key in keys:
        record_id, state = key[1], states[key]
        if state.deleted:
            if entries.delete(record_id) is not None:
                changed.append(key)
            continue
        merged = merged_row(record_id, state, stored.get(record_id))
        if merged is not None and merged != stored.get(record_id):
            saved.append(merged)
            changed.append(key)
    entries.save_rows(saved)
    lists = {row[_TAGS] for row in saved} - {"[]"}  # many entries share one
    one_spelling(db, {tag_key(tag) for text in lists for tag in json.loads(text)})
    return changed


def one_spelling(db: Database, keys: set[str]) -> None:
    """Each tag of ``keys`` spelled as in the oldest entry that holds it
    (by date, time written, then id), as every computer spells it: the
    journal keeps one spelling per tag, and each computer picking its
    own first one would make their journals differ."""
    ways: dict[str, set[str]] = {}
    for (name,) in db.execute("SELECT DISTINCT tag COLLATE BINARY FROM entry_tags"):
        if tag_key(name) in keys:
            ways.setdefault(tag_key(name), set()).add(name)
    names = [name for found in ways.values() if len(found) > 1 for name in found]
    if not names:
        return  # each spelled one way already
    keys = {tag_key(name) for name in names}
    holders = db.execute(
        "SELECT id, date, created_at, tags FROM entries WHERE seq IN "
        "(SELECT entry_seq FROM entry_tags WHERE tag IN "
        "(SELECT value FROM json_each(?)))",
        (json.dumps(names),),
    ).fetchall()
    holders.sort(key=lambda row: (row[1], dt.datetime.fromisoformat(row[2]), row[0]))
    spellings: dict[str, str] = {}
    for _, _, _, tags in holders:
        for tag in json.loads(tags):
            if tag_key(tag) in keys:
                spellings.setdefault(tag_key(tag), tag)
    for entry_id, _, _, tags in holders:
        stored = tuple(json.loads(tags))
        spelled = respell(stored, spellings)
        if spelled != stored:
            db.execute(
                "UPDATE entries SET tags = ? WHERE id = ?",
                (json.dumps(list(spelled), ensure_ascii=False), entry_id),
            )


def write_record(db: Database, kind: str, record_id: str, state: Record) -> bool:
    if kind == sync_outbox.WEEK:
        return _write_week(db, record_id, state)
    return _write_targets(db, state)


def _write_week(db: Database, week: str, state: Record) -> bool:
    reviews = ReviewRepository(db)
    stored = reviews.notes(week)
    values = state.values()
    notes = WeekNotes(
        week,
        str(values.get("reflection", stored.reflection)),
        str(values.get("intention", stored.intention)),
        values.get("last_intention_kept", stored.kept),  # type: ignore[arg-type]
    )
    if sync_outbox.week_fields(notes) == sync_outbox.week_fields(stored):
        return False
    reviews.save_notes(notes)
    return True


def _write_targets(db: Database, state: Record) -> bool:
    reviews = ReviewRepository(db)
    stored = reviews.targets()
    wanted: dict[str, float | None] = {
        key: None if value is None else float(value)
        for key, value in state.values().items()
    }
    if all(stored.get(key) == value for key, value in wanted.items()):
        return False
    reviews.set_targets(wanted)
    return True


def merged_row(
    record_id: str, state: EntryState, stored: tuple[Any, ...] | None
) -> tuple[Any, ...] | None:
    """The entry as merged, as a row of ``entry_rows.COLUMNS``, its missing
    fields from the ``stored`` row; None if it cannot be made yet (no first
    change) or would break a limit.

    Each value in ``state`` was checked against the limits when its change
    was made (sync/rules.py: every change, read or made here, is), and the
    stored row when it was saved; what the merge puts together, the tags of
    several changes, is checked here. Dates and times are written as the
    journal writes them (entry_rows.to_row)."""
    values: dict[str, Any] = (
        {} if stored is None else dict(zip(COLUMNS, stored, strict=True))
    )
    values.update(state.values())
    if None in map(values.get, _REQUIRED):
        return None
    if state.tag_adds or state.tag_removes:
        tags = state.tags()
        if len(tags) > limits.TAGS_MAX:
            return None
        tags_row = tags_text(tags)
    else:
        tags_row = values.get("tags") or "[]"
    try:
        day = _as_written(values["date"], _DAY, _day)
        created = _as_written(values["created_at"], _TIME, _time)
        updated = _as_written(values["updated_at"], _TIME, _time)
    except (ValueError, TypeError):
        return None
    return (
        record_id,
        day,
        created,
        updated,
        values.get("title") or "",
        values.get("text") or "",
        *map(values.get, DIMENSION_KEYS),
        values.get("advice_requests") or 0,
        tags_row,
    )


#: A date, and a time, as the journal writes them (entry_rows.to_row): a
#: checked value already in this form is written as it is, without being
#: read and written again (a time's offset -00:00 is written +00:00).
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?!-00:00)[+-][0-9]{2}:[0-9]{2}"
)


def _day(value: str) -> str:
    return dt.date.fromisoformat(value).isoformat()


def _time(value: str) -> str:
    return dt.datetime.fromisoformat(value).isoformat(timespec="seconds")


def _as_written(value: str, form: re.Pattern[str], write: Callable[[str], str]) -> str:
    return value if form.fullmatch(value) else write(value)
