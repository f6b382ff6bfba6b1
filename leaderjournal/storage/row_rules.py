"""The limits of ``leaderjournal/domain/limits.py`` as SQL: one query per
table finds the first row of a journal that breaks one, and says why.

Used when a journal from elsewhere is checked (storage/trust.py): the rules
are generated from the domain's numbers, so the editor, import and restore
agree on what a journal can hold.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from leaderjournal.domain import limits
from leaderjournal.domain.dimensions import (
    DIMENSION_KEYS,
    FORMER_KEYS,
    OVERALL,
    dimension,
)
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


def _bytes(column: str) -> str:
    return f"length(CAST({column} AS BLOB))"


def _at_most(column: str, limit: int) -> str:
    """SQL: ``column`` (text) has at most ``limit`` characters. Counting the
    bytes is cheap and enough for most values; characters are counted only
    past that. (length() stops at a NUL character; then the bytes count.)"""
    raw = f"CAST({column} AS BLOB)"
    return (
        f"CASE WHEN {_bytes(column)} <= {limit} THEN 1 "
        f"WHEN instr({raw}, X'00') THEN 0 ELSE length({column}) <= {limit} END"
    )


def _value(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bytes):
        return f"binary data of {len(value):,} bytes"
    if isinstance(value, int | float):
        return limits.shown(value)[1:-1]
    return limits.shown(value)


def _length(value: object) -> str:
    return f"{len(value):,}" if isinstance(value, str) else _value(value)


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _sql_list(values: tuple[str, ...]) -> str:
    return ", ".join(_sql_text(v) for v in values)


def _text_rule(column: str, limit: int, what: str) -> Rule:
    def explain(row: Row) -> str:
        value = row[column]
        if not isinstance(value, str):
            return f"has {_value(value)} as its {what}, which is not text"
        return (
            f"has {with_article(what)} of {_length(value)} characters; "
            f"at most {limit:,} fit"
        )

    ok = f"typeof({column}) = 'text' AND ({_at_most(column, limit)})"
    return Rule(column, ok, explain)


_DIGIT = "[0-9]"
_HEX = "[0-9a-f]"
_UUID_GLOB = "-".join(_HEX * n for n in (8, 4, 4, 4, 12))
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


def _stamp_rule(column: str) -> Rule:
    """A time as the app writes it (isoformat, to the second, with a UTC
    offset of whole minutes): 2026-11-29T18:42:00+01:00."""
    day = f"substr({column}, 1, 10)"
    ok = (
        f"typeof({column}) = 'text' AND {_bytes(column)} = {len(_STAMP_EXAMPLE)} "
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
            f"has the {column} time {_value(row[column])}; times are written like "
            f"{_STAMP_EXAMPLE}, in the years {limits.EARLIEST_YEAR}-"
            f"{limits.LATEST_YEAR}, with a UTC offset of at most \u00b1{_MAX_OFFSET}"
        )

    return Rule(column, ok, explain)


def _rating_rule(key: str) -> Rule:
    def explain(row: Row) -> str:
        return (
            f"has a rating of {_value(row[key])} for {dimension(key).name}; ratings "
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
_TAGS_OK = (
    "CASE WHEN tags = '[]' THEN 1 "
    f"WHEN EXISTS (SELECT 1 FROM json_each(tags) WHERE {_TAG_NOT_OK}) THEN 0 "
    + _TAG_FORBIDDEN_OK
)


def _bad_tag(row: Row) -> str:
    for tag in json.loads(row["tags"]):
        if (
            not isinstance(tag, str)
            or not 1 <= len(tag) <= limits.TAG_MAX_LENGTH
            or any(c in tag for c in (*limits.TAG_FORBIDDEN_STORED, "\x00"))
        ):
            shown = limits.shown(tag) if isinstance(tag, str) else _value(tag)
            return (
                f"has the tag {shown}; a tag is text of 1 to "
                f"{limits.TAG_MAX_LENGTH} characters without semicolons, tabs "
                "or line breaks"
            )
    return "has a tag LeaderJournal does not allow"  # pragma: no cover


def _entry_rules(keys: tuple[str, ...]) -> tuple[Rule, ...]:
    title_lines = " AND ".join(
        f"instr(title, char({ord(c)})) = 0" for c in limits.TITLE_FORBIDDEN
    )
    return (
        Rule(
            "id",
            f"typeof(id) = 'text' AND {_bytes('id')} = 36 AND id GLOB '{_UUID_GLOB}'",
            lambda row: f"has the id {_value(row['id'])}, which is not a UUID",
        ),
        Rule(
            "date",
            f"typeof(date) = 'text' AND date BETWEEN '{limits.EARLIEST_DATE}' "
            f"AND '{limits.LATEST_DATE}' AND date(date, '+0 days') = date",
            lambda row: (
                f"has the date {_value(row['date'])}; dates are days from "
                f"{limits.EARLIEST_DATE} to {limits.LATEST_DATE}"
            ),
        ),
        _stamp_rule("created_at"),
        _stamp_rule("updated_at"),
        _text_rule("title", limits.TITLE_MAX, "title"),
        Rule("title", title_lines, lambda row: "has a title of more than one line"),
        _text_rule("text", limits.TEXT_MAX, "text"),
        *(_rating_rule(key) for key in keys),
        Rule(
            "advice_requests",
            "typeof(advice_requests) = 'integer' AND advice_requests "
            f"BETWEEN {limits.ADVICE_MIN} AND {limits.ADVICE_MAX}",
            lambda row: (
                f"has {_value(row['advice_requests'])} advice requests; the count "
                f"is a whole number from {limits.ADVICE_MIN} to {limits.ADVICE_MAX}"
            ),
        ),
        Rule(
            "tags",
            "CASE WHEN typeof(tags) = 'text' AND json_valid(tags) "
            "THEN json_type(tags) = 'array' ELSE 0 END",
            lambda row: f"has the tags {_value(row['tags'])}, which are not a list",
        ),
        Rule(
            "tags",
            f"tags = '[]' OR json_array_length(tags) <= {limits.TAGS_MAX}",
            lambda row: (
                f"has {len(json.loads(row['tags'])):,} tags; an entry holds at "
                f"most {limits.TAGS_MAX}"
            ),
        ),
        Rule("tags", _TAGS_OK, _bad_tag),
    )


def _week_ok(column: str) -> str:
    """An ISO week id, YYYY-Www, that exists: the Thursday of week ww of year
    YYYY (ISO weeks belong to the year of their Thursday) is in YYYY."""
    year = f"substr({column}, 1, 4)"
    week = f"CAST(substr({column}, 7, 2) AS INTEGER)"
    jan4 = f"{year} || '-01-04'"
    weekday = f"((CAST(strftime('%w', {jan4}) AS INTEGER) + 6) % 7)"  # Monday 0
    week1_monday = f"date({jan4}, '-' || {weekday} || ' days')"
    thursday = f"date({week1_monday}, '+' || (({week} - 1) * 7 + 3) || ' days')"
    return (
        f"typeof({column}) = 'text' AND {_bytes(column)} = 8 "
        f"AND {column} GLOB '{_DIGIT * 4}-W{_DIGIT * 2}' "
        f"AND {column} >= {_FIRST_YEAR} AND {column} < {_YEAR_AFTER} "
        f"AND {week} BETWEEN 1 AND 53 AND strftime('%Y', {thursday}) = {year}"
    )


def _review_rules(keys: tuple[str, ...]) -> tuple[Rule, ...]:
    return (
        Rule(
            "week",
            _week_ok("week"),
            lambda row: (
                f"has the week {_value(row['week'])}; weeks are ISO weeks like "
                f"2026-W09 in the years {limits.EARLIEST_YEAR}-{limits.LATEST_YEAR}"
            ),
        ),
        _text_rule("reflection", limits.TEXT_MAX, "reflection"),
        _text_rule("intention", limits.TEXT_MAX, "intention"),
        Rule(
            "kept",
            "kept IS NULL OR (typeof(kept) = 'integer' AND kept IN (0, 1))",
            lambda row: (
                f"says {_value(row['kept'])} for whether last week's intention was "
                "kept; that is 1 (yes), 0 (no) or nothing"
            ),
        ),
        _stamp_rule("updated_at"),
    )


#: A lean is 50 x the mean of ratings (DESIGN.md, "Scale and scores").
LEAN_LIMIT = 50 * max(-limits.RATING_MIN, limits.RATING_MAX)


def _target_rules(keys: tuple[str, ...]) -> tuple[Rule, ...]:
    return (
        Rule(
            "key",
            f"typeof(key) = 'text' AND key IN ({_sql_list((OVERALL, *keys))})",
            lambda row: (
                f"is for {_value(row['key'])}, which is neither the overall lean "
                "nor a dimension"
            ),
        ),
        Rule(
            "lean",
            f"typeof(lean) IN ('integer', 'real') "
            f"AND lean BETWEEN {-LEAN_LIMIT} AND {LEAN_LIMIT}",
            lambda row: (
                f"is {_value(row['lean'])}; a target lean is a number from "
                f"{-LEAN_LIMIT} to {LEAN_LIMIT}"
            ),
        ),
    )


def _describe_entry(row: Row, column: str) -> str:
    date, title = row["date"], row["title"]
    parts = ["entry"]
    if column != "date" and isinstance(date, str) and len(date) == 10:
        parts.append(date)
    if column != "title" and isinstance(title, str) and title:
        parts.append(limits.shown(title, 40))
    return " ".join(parts)


def _describe_review(row: Row, column: str) -> str:
    if column == "week":
        return "a weekly review"
    return f"the weekly review of {_value(row['week'])}"


def _describe_target(row: Row, column: str) -> str:
    if column == "key":
        return "a target"
    return f"the target for {_value(row['key'])}"


#: table -> (its rules for the journal's dimension keys, how a row of it is
#: named in a message)
_TABLES: dict[
    str,
    tuple[
        Callable[[tuple[str, ...]], tuple[Rule, ...]],
        Callable[[Row, str], str],
    ],
] = {
    "entries": (_entry_rules, _describe_entry),
    "weekly_reviews": (_review_rules, _describe_review),
    "targets": (_target_rules, _describe_target),
}


@functools.cache
def _rules(table: str, keys: tuple[str, ...] = DIMENSION_KEYS) -> tuple[Rule, ...]:
    return _TABLES[table][0](keys)


def _keys_at(tables: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The dimension keys of a journal at its level: one from before a key
    was renamed (m004) still has the old one, as its rating column and in
    its targets."""
    columns = tables.get("entries", ())
    former = {new: old for old, new in FORMER_KEYS.items()}
    return tuple(
        former[key] if former.get(key) in columns else key for key in DIMENSION_KEYS
    )


def checked_columns(table: str) -> tuple[str, ...]:
    """The columns of ``table`` that a rule checks."""
    return tuple(dict.fromkeys(rule.column for rule in _rules(table)))


@functools.cache
def _query(
    table: str, columns: frozenset[str], keys: tuple[str, ...]
) -> tuple[str, tuple[Rule, ...]]:
    """One query for ``table`` with ``columns`` in a journal with the
    dimension ``keys``: the rowid of its first row that breaks a rule, and
    which rule."""
    rules = tuple(rule for rule in _rules(table, keys) if rule.column in columns)
    # CASE tries the rules in order and stops at the first that fails (a
    # NULL fails too); the scan stops at the first bad row.
    cases = " ".join(
        f"WHEN ({rule.ok}) IS NOT 1 THEN {n}" for n, rule in enumerate(rules)
    )
    sql = (
        f"SELECT rowid, broken FROM (SELECT rowid, CASE {cases} END AS broken "
        f"FROM {table}) WHERE broken IS NOT NULL LIMIT 1"
    )
    return sql, rules


def first_bad_row(
    conn: sqlite3.Connection, tables: Mapping[str, tuple[str, ...]]
) -> str | None:
    """What is wrong with the first row outside the limits, in words, or
    None when every row is inside them. ``tables`` maps each table the
    journal has to its columns (they depend on its migration level)."""
    keys = _keys_at(tables)
    for table, (_, describe) in _TABLES.items():
        if table not in tables:
            continue
        sql, rules = _query(table, frozenset(tables[table]), keys)
        bad = conn.execute(sql).fetchone()
        if bad is None:
            continue
        rowid, broken = bad
        cursor = conn.execute(f"SELECT * FROM {table} WHERE rowid = ?", (rowid,))
        names = [d[0] for d in cursor.description]
        row = dict(zip(names, cursor.fetchone(), strict=True))
        rule = rules[broken]
        return f"{describe(row, rule.column)} {rule.explain(row)}"
    return None
