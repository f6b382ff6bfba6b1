"""The SQL of one limit on one value, and the words for a row that breaks
it: texts of at most so many characters, the app's times, ratings, tags,
ISO weeks. :mod:`row_rules` puts them together per table.

A rule's ``ok`` is SQL that is 1 for a good value; it must not fail with an
error whatever its column holds (JSON functions do on malformed JSON, hence
the CASEs).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from leaderjournal.domain import limits
from leaderjournal.domain.dimensions import dimension
from leaderjournal.domain.words import with_article

Row = Mapping[str, Any]


@dataclass(frozen=True)
class Rule:
    """One limit on one column: ``ok`` is SQL that is 1 for a good value, and
    ``explain`` says what is wrong with a row that fails it.

    The rules of a table are tried in order and ``ok`` runs only once the
    rules before it have passed, but SQLite may evaluate both sides of an
    AND: ``ok`` must not fail with an error whatever its own column holds
    (JSON functions do on malformed JSON, hence the CASEs).
    """

    column: str
    ok: str
    explain: Callable[[Row], str]


def nbytes(column: str) -> str:
    """SQL: the length of ``column`` in bytes, whatever its type."""
    return f"length(CAST({column} AS BLOB))"


def _at_most(column: str, limit: int) -> str:
    """SQL: ``column`` (text) has at most ``limit`` characters. Counting the
    bytes is cheap and enough for most values; characters are counted only
    past that. (length() stops at a NUL character; then the bytes count.)"""
    raw = f"CAST({column} AS BLOB)"
    return (
        f"CASE WHEN {nbytes(column)} <= {limit} THEN 1 "
        f"WHEN instr({raw}, X'00') THEN 0 ELSE length({column}) <= {limit} END"
    )


def worded(value: object) -> str:
    """A stored value as a message shows it: "nothing", quoted text, a number."""
    if value is None:
        return "nothing"
    if isinstance(value, bytes):
        return f"binary data of {len(value):,} bytes"
    if isinstance(value, int | float):
        return limits.shown(value)[1:-1]
    return limits.shown(value)


def _length(value: object) -> str:
    return f"{len(value):,}" if isinstance(value, str) else worded(value)


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def sql_list(values: tuple[str, ...]) -> str:
    return ", ".join(_sql_text(v) for v in values)


def text_rule(column: str, limit: int, what: str) -> Rule:
    def explain(row: Row) -> str:
        value = row[column]
        if not isinstance(value, str):
            return f"has {worded(value)} as its {what}, which is not text"
        return (
            f"has {with_article(what)} of {_length(value)} characters; "
            f"at most {limit:,} fit"
        )

    ok = f"typeof({column}) = 'text' AND ({_at_most(column, limit)})"
    return Rule(column, ok, explain)


_DIGIT = "[0-9]"
_HEX = "[0-9a-f]"
UUID_GLOB = "-".join(_HEX * n for n in (8, 4, 4, 4, 12))
_STAMP_EXAMPLE = "2026-11-29T18:42:00+01:00"
_STAMP_GLOB = (
    f"{_DIGIT * 4}-[01]{_DIGIT}-[0-3]{_DIGIT}T[0-2]{_DIGIT}:[0-5]{_DIGIT}:[0-5]{_DIGIT}"
    f"[+-][01]{_DIGIT}:[0-5]{_DIGIT}"
)
_MAX_OFFSET = (
    f"{limits.MAX_UTC_OFFSET // dt.timedelta(hours=1):02d}:"
    f"{limits.MAX_UTC_OFFSET // dt.timedelta(minutes=1) % 60:02d}"
)
_FIRST_YEAR = f"'{limits.EARLIEST_YEAR:04d}'"
_YEAR_AFTER = f"'{limits.LATEST_YEAR + 1:04d}'"


def stamp_rule(column: str) -> Rule:
    """A time as the app writes it (isoformat, to the second, with a UTC
    offset of whole minutes): 2026-11-29T18:42:00+01:00."""
    day = f"substr({column}, 1, 10)"
    ok = (
        f"typeof({column}) = 'text' AND {nbytes(column)} = {len(_STAMP_EXAMPLE)} "
        f"AND {column} GLOB '{_STAMP_GLOB}' "
        f"AND {column} >= {_FIRST_YEAR} AND {column} < {_YEAR_AFTER} "
        f"AND substr({column}, 12, 2) < '24' "
        f"AND substr({column}, 21, 5) <= '{_MAX_OFFSET}' "
        # days 01-28 of months 01-12 exist: date() only for the rest
        f"AND CASE WHEN substr({column}, 9, 2) BETWEEN '01' AND '28' "
        f"AND substr({column}, 6, 2) BETWEEN '01' AND '12' THEN 1 "
        f"ELSE date({day}, '+0 days') = {day} END"
    )

    def explain(row: Row) -> str:
        return (
            f"has the {column} time {worded(row[column])}; times are written like "
            f"{_STAMP_EXAMPLE}, in the years {limits.EARLIEST_YEAR}-"
            f"{limits.LATEST_YEAR}, with a UTC offset of at most \u00b1{_MAX_OFFSET}"
        )

    return Rule(column, ok, explain)


def rating_rule(key: str) -> Rule:
    def explain(row: Row) -> str:
        return (
            f"has a rating of {worded(row[key])} for {dimension(key).name}; ratings "
            f"are whole numbers from {limits.RATING_MIN} to {limits.RATING_MAX}, "
            "or not rated"
        )

    return Rule(
        key,
        f"{key} IS NULL OR (typeof({key}) = 'integer' "
        f"AND {key} BETWEEN {limits.RATING_MIN} AND {limits.RATING_MAX})",
        explain,
    )


#: SQL: a tag (``value`` of json_each) that is not text of 1..TAG_MAX_LENGTH
#: characters.
_TAG_NOT_OK = (
    f"type != 'text' OR length(value) NOT BETWEEN 1 AND {limits.TAG_MAX_LENGTH}"
)
#: SQL: a tag holding a character it may not. JSON writes tabs, line breaks
#: and NUL escaped (\t, \n, \r, \u0000), never raw: a list of tags without a
#: backslash can only hold the printable ones. SQLite's JSON functions end a
#: string at \u0000, which would hide the rest of a tag: that is refused
#: from the raw text.
_TAG_FORBIDDEN_OK = (
    "".join(
        f"WHEN instr(tags, char({ord(c)})) THEN 0 "
        for c in limits.TAG_FORBIDDEN_STORED
        if c.isprintable()
    )
    + "WHEN instr(tags, '\\') = 0 THEN 1 "
    + "WHEN instr(tags, '\\u0000') THEN 0 "
    + "ELSE NOT EXISTS (SELECT 1 FROM json_each(tags) WHERE "
    + " OR ".join(f"instr(value, char({ord(c)}))" for c in limits.TAG_FORBIDDEN_STORED)
    + ") END"
)
TAGS_OK = (
    "CASE WHEN tags = '[]' THEN 1 "
    f"WHEN EXISTS (SELECT 1 FROM json_each(tags) WHERE {_TAG_NOT_OK}) THEN 0 "
    + _TAG_FORBIDDEN_OK
)


def bad_tag(row: Row) -> str:
    for tag in json.loads(row["tags"]):
        if (
            not isinstance(tag, str)
            or not 1 <= len(tag) <= limits.TAG_MAX_LENGTH
            or any(c in tag for c in (*limits.TAG_FORBIDDEN_STORED, "\x00"))
        ):
            shown = limits.shown(tag) if isinstance(tag, str) else worded(tag)
            return (
                f"has the tag {shown}; a tag is text of 1 to "
                f"{limits.TAG_MAX_LENGTH} characters without semicolons, tabs "
                "or line breaks"
            )
    return "has a tag LeaderJournal does not allow"  # pragma: no cover


def week_ok(column: str) -> str:
    """An ISO week id, YYYY-Www, that exists: the Thursday of week ww of year
    YYYY (ISO weeks belong to the year of their Thursday) is in YYYY."""
    year = f"substr({column}, 1, 4)"
    week = f"CAST(substr({column}, 7, 2) AS INTEGER)"
    jan4 = f"{year} || '-01-04'"
    weekday = f"((CAST(strftime('%w', {jan4}) AS INTEGER) + 6) % 7)"  # Monday 0
    week1_monday = f"date({jan4}, '-' || {weekday} || ' days')"
    thursday = f"date({week1_monday}, '+' || (({week} - 1) * 7 + 3) || ' days')"
    return (
        f"typeof({column}) = 'text' AND {nbytes(column)} = 8 "
        f"AND {column} GLOB '{_DIGIT * 4}-W{_DIGIT * 2}' "
        f"AND {column} >= {_FIRST_YEAR} AND {column} < {_YEAR_AFTER} "
        f"AND {week} BETWEEN 1 AND 53 AND strftime('%Y', {thursday}) = {year}"
    )
