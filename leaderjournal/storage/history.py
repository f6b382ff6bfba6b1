"""Browsing and searching entries a page at a time.

Everything is done by SQL (search with FTS5, filters in WHERE, sorting and
paging with ORDER BY/LIMIT), so the history stays quick with 100,000
entries: nothing here reads every row into Python.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from typing import Any

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.filters import HistoryFilter
from leaderjournal.domain.scoring import lean_value
from leaderjournal.domain.snippets import END, START, make_snippet, mark_all
from leaderjournal.storage.database import Database
from leaderjournal.storage.search import (
    LEAN_SQL,
    RATING_COUNT_SQL,
    RATING_SUM_SQL,
    filter_clause,
    fts_query,
    searchable,
)

#: Marks around the words a search matched, in :attr:`HistoryRow.snippet`,
#: :attr:`HistoryRow.marked_title` and :attr:`HistoryRow.marked_tags`.
MATCH_START, MATCH_END = START, END
#: Between an entry's tags where they are shown in a row.
TAG_SEPARATOR = ", "

_SUM, _COUNT, _LEAN = RATING_SUM_SQL, RATING_COUNT_SQL, LEAN_SQL
_FIRST_CHARS = 400


@dataclass(frozen=True)
class HistoryRow:
    """One entry as the history table shows it."""

    id: str
    date: dt.date
    title: str
    first_line: str
    ratings: tuple[int | None, ...]
    lean: float | None  # to one decimal; None when not rated
    advice_requests: int
    tags: tuple[str, ...]
    snippet: str  # the text around its first match, marked; "" if none there
    marked_title: str = ""  # the title with its matches marked; "" if none
    marked_tags: str = ""  # :attr:`tags_text` with its matches marked; "" if none

    @property
    def tags_text(self) -> str:
        """The tags as the row shows them."""
        return TAG_SEPARATOR.join(self.tags)


class HistoryRepository:
    """Pages of entries matching a :class:`HistoryFilter`."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def count(self, wanted: HistoryFilter) -> int:
        """How many entries match."""
        if not searchable(wanted):
            return 0
        query = fts_query(wanted.text)
        if query is not None and replace(wanted, text="").is_empty():
            # Words alone: the index knows how many entries hold them, several
            # times quicker than matching each to its row when most entries do.
            sql = "SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?"
            return int(self._db.execute(sql, [query]).fetchone()[0])
        where, params = filter_clause(wanted)
        sql = f"SELECT count(*) FROM entries e {where}"
        return int(self._db.execute(sql, params).fetchone()[0])

    def page(self, wanted: HistoryFilter, offset: int, limit: int) -> list[HistoryRow]:
        """``limit`` matching entries from position ``offset`` in the chosen order."""
        if not searchable(wanted):
            return []
        where, params = filter_clause(wanted)
        direction = "DESC" if wanted.descending else "ASC"
        by_date = ", ".join(
            f"{column} {direction}"
            for column in ("e.date", "julianday(e.created_at)", "e.seq")
        )
        if wanted.sort == "lean":
            source, order = (
                "entries e",
                f"({_COUNT}) = 0, {_LEAN} {direction}, {by_date}",
            )
        else:
            # Walking the date index and stopping after one page beats sorting
            # every match when a common word matches most of the journal.
            source, order = "entries e INDEXED BY entries_by_date", by_date
        columns = ", ".join(f"e.{k}" for k in DIMENSION_KEYS)
        sql = (
            f"SELECT e.seq, e.id, e.date, e.title, substr(e.text, 1, {_FIRST_CHARS}), "
            f"{columns}, {_SUM}, {_COUNT}, e.advice_requests, e.tags "
            f"FROM {source} {where} ORDER BY {order} LIMIT ? OFFSET ?"
        )
        rows = self._db.execute(sql, [*params, limit, offset]).fetchall()
        marks = self._marks(wanted, [r[0] for r in rows])
        return [_row(r[1:], *marks.get(r[0], ())) for r in rows]

    def _marks(
        self, wanted: HistoryFilter, seqs: list[int]
    ) -> dict[int, tuple[str, str, str]]:
        """For the entries of one page: the text around its first match, the
        title and the tags, each with its own matches marked."""
        if fts_query(wanted.text) is None or not seqs:
            return {}
        marks = ", ".join("?" for _ in seqs)
        sql = f"SELECT seq, title, text, tags FROM entries WHERE seq IN ({marks})"
        return {
            seq: (
                make_snippet(text, wanted.text),
                mark_all(title, wanted.text),
                mark_all(TAG_SEPARATOR.join(json.loads(tags)), wanted.text),
            )
            for seq, title, text, tags in self._db.execute(sql, seqs)
        }


def _row(
    raw: tuple[Any, ...],
    snippet: str = "",
    marked_title: str = "",
    marked_tags: str = "",
) -> HistoryRow:
    entry_id, day, title, text = raw[:4]
    ratings = tuple(raw[4:9])
    rating_sum, rating_count, advice, tags = raw[9:]
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return HistoryRow(
        id=entry_id,
        date=dt.date.fromisoformat(day),
        title=title,
        first_line=first_line,
        ratings=ratings,
        lean=lean_value(rating_sum, rating_count),
        advice_requests=advice,
        tags=tuple(json.loads(tags)),
        snippet=snippet,
        marked_title=marked_title,
        marked_tags=marked_tags,
    )
