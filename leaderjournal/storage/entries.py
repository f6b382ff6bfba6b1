"""Entries in the journal database: reading, writing and searching them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator, Iterable, Iterator
from dataclasses import replace
from typing import Any

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.entry import Entry
from leaderjournal.domain.filters import HistoryFilter
from leaderjournal.domain.limits import respell
from leaderjournal.domain.weeks import DayTotals, TagTotals, Tally
from leaderjournal.storage import bulk_load, sync_outbox
from leaderjournal.storage.database import Database, writing
from leaderjournal.storage.entry_rows import COLUMNS, UPSERT, from_row, to_row
from leaderjournal.storage.search import (
    RATING_COUNT_SQL,
    RATING_SUM_SQL,
    filter_clause,
    fts_query,
)
from leaderjournal.storage.tag_spelling import spelled_as_stored, spelled_in_stream

#: Ids looked up per query: well under SQLite's limit on parameters.
_IDS_PER_QUERY = 500
_SELECT = f"SELECT {', '.join('e.' + c for c in COLUMNS)} FROM entries e"
_ORDER = "ORDER BY e.date, julianday(e.created_at), e.seq"
#: Columns of :meth:`EntryRepository.export_rows`, in this order.
EXPORTCOLUMNS = (
    *COLUMNS[:-2],
    "rating_sum",
    "rating_count",
    "advice_requests",
    "tags",
)
_EXPORT_SELECT = (
    f"SELECT {', '.join('e.' + c for c in COLUMNS[:-2])}, "
    f"{RATING_SUM_SQL}, {RATING_COUNT_SQL}, e.advice_requests, "
    "(SELECT group_concat(value, ';') FROM json_each(e.tags)) "
    "FROM entries e"
)


def _matching(
    start: dt.date | None, end: dt.date | None, matching: HistoryFilter | None
) -> tuple[str, list[Any]]:
    """WHERE for entries dated start..end, or for what ``matching`` selects."""
    return filter_clause(matching or HistoryFilter(start=start, end=end))


_TAGS = COLUMNS.index("tags")


class EntryRepository:
    """Entries stored in a journal; every write is one transaction."""

    def __init__(self, db: Database) -> None:
        self._db = db

    @property
    def database(self) -> Database:
        """The connection these entries are read over: an export reads the
        weekly reviews and targets over the same one."""
        return self._db

    # -- writing -------------------------------------------------------------

    def save(self, entry: Entry, *, edited_from: str | None = None) -> Entry:
        """Insert the entry, or replace the stored one with the same id.

        Gives back the entry as stored: its tags spelled as the journal
        already spells them (see :func:`tag_spelling.spelled_as_stored`).

        ``edited_from``: the text the page was edited from. If the text
        stored is another (sync took a text in under the page), sync is told,
        so that it keeps that text as a conflict version rather than as one
        the person saw and replaced.
        """
        with writing(self._db) as db:
            # One read of the stored row: for the tags, and for sync when on.
            recording, stored = sync_outbox.stored_row(db, entry.id)
            row = to_row(entry)
            if entry.tags and (stored is None or stored[_TAGS] != row[_TAGS]):
                # Only a change of tags needs a spelling: not every autosave.
                [entry] = spelled_as_stored(db, [entry])
                row = to_row(entry)
            if recording:
                sync_outbox.record_entry_row(db, row, stored, edited_from)
            db.execute(UPSERT, row)
        return entry

    def add(self, entry: Entry) -> None:
        """Insert a new entry; ValueError if its id is already stored."""
        if self.get(entry.id) is not None:
            raise ValueError(f"An entry with id {entry.id} already exists.")
        self.save(entry)

    def update(self, entry: Entry) -> None:
        """Replace a stored entry; KeyError if no entry has its id."""
        if self.get(entry.id) is None:
            raise KeyError(entry.id)
        self.save(entry)

    def save_many(self, entries: Iterable[Entry], *, as_spelled: bool = False) -> None:
        """Insert or replace all of these entries in one transaction.

        Later entries win over earlier ones with the same id, as if each
        were saved in turn. Their tags take the journal's spelling, unless
        ``as_spelled`` (sync, which then spells each tag one way itself).
        """
        given = list(entries)
        spelled = given if as_spelled else spelled_as_stored(self._db, given)
        if not spelled:
            return
        with writing(self._db):
            self._record(spelled)
            # Made a chunk at a time: the rows of a million entries at once
            # took about 200 MB beside the entries.
            bulk_load.write(self._db, map(to_row, spelled), len(spelled))

    def save_rows(self, rows: list[tuple[Any, ...]]) -> None:
        """Insert or replace these rows (of COLUMNS) in one transaction, as
        :meth:`save_many` saves entries: sync's writes of the entries it
        merged (sync/applying.py), whose every value was checked against the
        limits as it came in, and whose tags sync spells itself. Not kept for
        sync: only inside ``sync_outbox.not_recording``."""
        if sync_outbox.recording(self._db):
            raise ValueError("rows are saved only as sync's own writes")
        if rows:
            with writing(self._db):
                bulk_load.write(self._db, rows, len(rows))

    def save_stream(
        self, entries: Iterable[Entry], spellings: dict[str, str], rewritten: set[str]
    ) -> None:
        """Insert or replace entries too many to hold at once, in one
        transaction, as :meth:`save_many` would: ``spellings`` is each tag
        key's spelling in the oldest of them, ``rewritten`` the ids among
        them already stored. Each id must come once."""
        spelled = spelled_in_stream(self._db, spellings, rewritten)

        def respelled(entry: Entry) -> Entry:
            tags = respell(entry.tags, spelled)
            return entry if tags == entry.tags else replace(entry, tags=tags)

        with writing(self._db):
            if sync_outbox.recording(self._db):
                entries = list(map(respelled, entries))
                self._record(entries)
            bulk_load.load(self._db, (to_row(respelled(entry)) for entry in entries))

    def _record(self, entries: list[Entry]) -> None:
        """Keep these writes for sync, when it is on (in the caller's
        transaction, before the rows change)."""
        if sync_outbox.recording(self._db):
            # The last of an id is what is stored; its first 'before' counts.
            last = {entry.id: entry for entry in entries}
            stored = self.get_many(last)
            sync_outbox.record_entries(self._db, stored, last.values())

    def delete(self, entry_id: str) -> Entry | None:
        """Remove an entry and return it (so it can be put back), if it existed."""
        entry = self.get(entry_id)
        if entry is not None:
            with writing(self._db) as db:
                if sync_outbox.recording(db):
                    fields = sync_outbox.entry_fields(entry)
                    sync_outbox.record(db, sync_outbox.ENTRY, entry_id, fields, None)
                db.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
        return entry

    # -- reading -------------------------------------------------------------

    def _query(self, where: str = "", params: tuple[Any, ...] = ()) -> list[Entry]:
        sql = f"{_SELECT} {where} {_ORDER}"
        return [from_row(row) for row in self._db.execute(sql, params).fetchall()]

    def get(self, entry_id: str) -> Entry | None:
        found = self._query("WHERE e.id = ?", (entry_id,))
        return found[0] if found else None

    def get_many(self, ids: Iterable[str]) -> dict[str, Entry]:
        """The stored entries among ``ids``, keyed by id (unknown ids left out)."""
        return {entry_id: from_row(row) for entry_id, row in self.rows_of(ids).items()}

    def rows_of(self, ids: Iterable[str]) -> dict[str, tuple[Any, ...]]:
        """The stored rows (of COLUMNS) among ``ids``, keyed by id."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, tuple[Any, ...]] = {}
        for start in range(0, len(wanted), _IDS_PER_QUERY):
            chunk = wanted[start : start + _IDS_PER_QUERY]
            marks = ",".join("?" * len(chunk))
            sql = f"{_SELECT} WHERE e.id IN ({marks}) {_ORDER}"
            for row in self._db.execute(sql, tuple(chunk)):
                found[row[0]] = row
        return found

    def on_day(self, day: dt.date) -> list[Entry]:
        """That day's entries, in the order they were written."""
        return self._query("WHERE e.date = ?", (day.isoformat(),))

    def between(self, start: dt.date, end: dt.date) -> list[Entry]:
        """Entries dated start..end (both included), by date and time written."""
        return self._query(
            "WHERE e.date BETWEEN ? AND ?", (start.isoformat(), end.isoformat())
        )

    def iter_all(self) -> Iterator[Entry]:
        """Every entry, oldest first, without holding them all in memory."""
        for row in self._db.execute(f"{_SELECT} {_ORDER}"):
            yield from_row(row)

    def export_rows(
        self,
        start: dt.date | None = None,
        end: dt.date | None = None,
        matching: HistoryFilter | None = None,
    ) -> Generator[tuple[Any, ...], None, None]:
        """Raw rows for an export, in ``EXPORTCOLUMNS`` order, oldest first.

        Ratings come summed and counted so that the lean needs no second pass;
        tags come joined with ";". Rows are streamed, never all held at once.
        ``matching`` (the history view's search and filters) replaces the
        date range when given.
        """
        where, params = _matching(start, end, matching)
        yield from self._db.execute(f"{_EXPORT_SELECT} {where} {_ORDER}", params)

    def count_between(
        self,
        start: dt.date | None = None,
        end: dt.date | None = None,
        matching: HistoryFilter | None = None,
    ) -> int:
        where, params = _matching(start, end, matching)
        sql = f"SELECT count(*) FROM entries e {where}"
        return int(self._db.execute(sql, params).fetchone()[0])

    def day_totals(
        self,
        start: dt.date | None = None,
        end: dt.date | None = None,
        matching: HistoryFilter | None = None,
    ) -> list[DayTotals]:
        """Per-day entry counts, rating sums and counts, and advice totals."""
        where, params = _matching(start, end, matching)
        tallies = ", ".join(f"sum(e.{k}), count(e.{k})" for k in DIMENSION_KEYS)
        sql = (
            f"SELECT e.date, count(*), sum(e.advice_requests), {tallies} "
            f"FROM entries e {where} GROUP BY e.date ORDER BY e.date"
        )
        result = []
        for day, entries, advice, *sums in self._db.execute(sql, params):
            tally = Tally()
            for index, key in enumerate(DIMENSION_KEYS):
                tally.add(key, sums[2 * index] or 0, sums[2 * index + 1])
            result.append(DayTotals(dt.date.fromisoformat(day), entries, tally, advice))
        return result

    def tag_totals(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[TagTotals]:
        """Per tag: its entries and their pooled ratings, most used first.

        The rating sum and count pool every rating of the tag's entries, so
        the lean of a context follows the same rule as any period's lean.
        """
        where, params = _matching(start, end, None)
        sql = (
            f"SELECT t.tag, count(*), sum({RATING_SUM_SQL}), sum({RATING_COUNT_SQL}) "
            f"FROM entries e JOIN entry_tags t ON t.entry_seq = e.seq {where} "
            "GROUP BY t.tag COLLATE NOCASE ORDER BY count(*) DESC, t.tag COLLATE NOCASE"
        )
        return [
            TagTotals(tag, entries, rating_sum or 0, rating_count or 0)
            for tag, entries, rating_sum, rating_count in self._db.execute(sql, params)
        ]

    def first_date(self) -> dt.date | None:
        """The date of the oldest entry, if there is one."""
        row = self._db.execute("SELECT min(date) FROM entries").fetchone()
        return dt.date.fromisoformat(row[0]) if row and row[0] else None

    def updated_at_by_id(self) -> dict[str, dt.datetime]:
        """When each stored entry was last changed, keyed by id."""
        rows = self._db.execute("SELECT id, updated_at FROM entries")
        return {i: dt.datetime.fromisoformat(u) for i, u in rows}

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM entries").fetchone()[0])

    def days_with_entries(self, start: dt.date, end: dt.date) -> set[dt.date]:
        """The dates start..end that have at least one entry."""
        rows = self._db.execute(
            "SELECT DISTINCT date FROM entries WHERE date BETWEEN ? AND ?",
            (start.isoformat(), end.isoformat()),
        )
        return {dt.date.fromisoformat(d) for (d,) in rows}

    def search(self, text: str, limit: int = 200) -> list[Entry]:
        """Entries whose title, text or tags contain every word typed.

        Best matches first; an empty query finds nothing.
        """
        query = fts_query(text)
        if query is None:
            return []
        sql = (
            f"{_SELECT} JOIN entries_fts f ON f.rowid = e.seq "
            "WHERE f.entries_fts MATCH ? ORDER BY f.rank, e.date DESC LIMIT ?"
        )
        return [from_row(r) for r in self._db.execute(sql, (query, limit)).fetchall()]

    def tags(self) -> list[str]:
        """Every tag in use, the most used first (for completion)."""
        rows = self._db.execute(
            "SELECT tag FROM entry_tags GROUP BY tag COLLATE NOCASE "
            "ORDER BY count(*) DESC, tag COLLATE NOCASE"
        )
        return [tag for (tag,) in rows]
