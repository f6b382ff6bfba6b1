"""Turning what a person asks for into SQL: search words and filters."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.filters import HistoryFilter

_FTS_WORD = re.compile(r'"([^"]*)"|(\S+)')

_SUM = " + ".join(f"coalesce(e.{k}, 0)" for k in DIMENSION_KEYS)
_COUNT = " + ".join(f"(e.{k} IS NOT NULL)" for k in DIMENSION_KEYS)
#: An entry's lean in SQL (NULL when it has no ratings); ``e`` is entries.
LEAN_SQL = f"(CASE WHEN ({_COUNT}) > 0 THEN 50.0 * ({_SUM}) / ({_COUNT}) END)"
RATING_SUM_SQL = _SUM
RATING_COUNT_SQL = _COUNT


def _searchable(word: str) -> bool:
    return any(ch.isalnum() or unicodedata.category(ch) in ("So", "Sk") for ch in word)


def fts_query(text: str) -> str | None:
    """A safe FTS5 query for what a person typed; None if nothing to search.

    Every word must match (as a prefix: "deleg" finds "delegated"), and
    ``"a phrase"`` matches those words in order. Operators and punctuation
    are taken as plain text, so no input can make FTS5 raise a syntax error.
    """
    terms: list[str] = []
    for phrase, word in _FTS_WORD.findall(text):
        # Punctuation alone ("*", "(", "-") has nothing to match: skip it.
        words = [
            w for w in (phrase or word).replace('"', " ").split() if _searchable(w)
        ]
        if not words:
            continue
        quoted = '"' + " ".join(words) + '"'
        terms.append(quoted if phrase else quoted + "*")
    return " AND ".join(terms) if terms else None


def filter_clause(wanted: HistoryFilter) -> tuple[str, list[Any]]:
    """A WHERE clause (over ``entries e``) and its parameters for ``wanted``."""
    clauses: list[str] = []
    params: list[Any] = []
    query = fts_query(wanted.text)
    if query is not None:
        clauses.append(
            "e.seq IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)"
        )
        params.append(query)
    if wanted.start is not None:
        clauses.append("e.date >= ?")
        params.append(wanted.start.isoformat())
    if wanted.end is not None:
        clauses.append("e.date <= ?")
        params.append(wanted.end.isoformat())
    if wanted.tag.strip():
        clauses.append(
            "EXISTS (SELECT 1 FROM entry_tags t "
            "WHERE t.entry_seq = e.seq AND t.tag = ?)"
        )
        params.append(" ".join(wanted.tag.split()))
    if wanted.dimension is not None:
        key = wanted.dimension.key  # checked against the dimension keys
        clauses.append(f"e.{key} BETWEEN ? AND ?")
        params += [wanted.dimension.low, wanted.dimension.high]
    if wanted.lean_min is not None:
        clauses.append(f"{LEAN_SQL} >= ?")
        params.append(wanted.lean_min)
    if wanted.lean_max is not None:
        clauses.append(f"{LEAN_SQL} <= ?")
        params.append(wanted.lean_max)
    if wanted.asked_for_advice:
        clauses.append("e.advice_requests > 0")
    return (f"WHERE {' AND '.join(clauses)}" if clauses else ""), params


def searchable(wanted: HistoryFilter) -> bool:
    """False when search text was typed but holds no word to search."""
    return not wanted.text.strip() or fts_query(wanted.text) is not None
