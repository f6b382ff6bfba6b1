"""An entry as a row of the journal's entries table, and back."""

from __future__ import annotations

import datetime as dt
import json
import operator
from json.encoder import encode_basestring
from typing import Any

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.entry import Entry

COLUMNS = (
    "id",
    "date",
    "created_at",
    "updated_at",
    "title",
    "text",
    *DIMENSION_KEYS,
    "advice_requests",
    "tags",
)
UPDATE_ON_CONFLICT = "ON CONFLICT (id) DO UPDATE SET " + ", ".join(
    f"{c} = excluded.{c}" for c in COLUMNS if c != "id"
)
UPSERT = (
    f"INSERT INTO entries ({', '.join(COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in COLUMNS)}) {UPDATE_ON_CONFLICT}"
)
_RATINGS_IN_ORDER = operator.itemgetter(*DIMENSION_KEYS)


def to_row(entry: Entry) -> tuple[Any, ...]:
    """An entry as the values of ``COLUMNS``."""
    return (
        entry.id,
        entry.date.isoformat(),
        entry.created_at.isoformat(timespec="seconds"),
        entry.updated_at.isoformat(timespec="seconds"),
        entry.title,
        entry.text,
        *_RATINGS_IN_ORDER(entry.ratings),
        entry.advice_requests,
        tags_text(entry.tags),
    )


def tags_text(tags: tuple[str, ...]) -> str:
    """Tags as a row holds them: a JSON list, non-ASCII kept as is, as
    ``json.dumps(list(tags), ensure_ascii=False)`` writes it (each tag by
    the function it uses: dumps makes an encoder anew for every list)."""
    return "[" + ", ".join(map(encode_basestring, tags)) + "]" if tags else "[]"


def from_row(row: tuple[Any, ...]) -> Entry:
    """The entry stored in a row of ``COLUMNS``."""
    values = dict(zip(COLUMNS, row, strict=True))
    return Entry(
        id=values["id"],
        date=dt.date.fromisoformat(values["date"]),
        created_at=dt.datetime.fromisoformat(values["created_at"]),
        updated_at=dt.datetime.fromisoformat(values["updated_at"]),
        title=values["title"],
        text=values["text"],
        ratings={k: values[k] for k in DIMENSION_KEYS},
        advice_requests=values["advice_requests"],
        tags=tuple(json.loads(values["tags"])),
    )
