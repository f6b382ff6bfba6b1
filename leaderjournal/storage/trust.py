"""Files from elsewhere are untrusted (DESIGN.md): what a database must be
before LeaderJournal opens or restores it.

A journal is used only if its schema is exactly the one this version's
migrations make at the journal's level (every table, index, trigger and view,
by name and definition) and every row is inside the limits of
``leaderjournal/domain/limits.py``. Nothing here writes: the caller hands in a
read-only connection, so a file that is refused stays byte for byte as it was.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from leaderjournal.domain import limits
from leaderjournal.domain.dimensions import DIMENSION_KEYS, OVERALL, dimension
from leaderjournal.storage import schema

NOT_OURS = "is not a LeaderJournal journal"


class RefusedError(Exception):
    """Why a database is not used, in words that follow its file name:
    "is not a LeaderJournal journal: it has a trigger “evil” ..."."""


@dataclass(frozen=True)
class Inspection:
    """What the check found: how many of LeaderJournal's migrations the file
    has (0 for a new, empty journal), and those of a newer version."""

    level: int
    newer: tuple[str, ...] = ()


def inspect(conn: sqlite3.Connection, *, empty_ok: bool) -> Inspection:
    """Check the database on ``conn``; raise RefusedError naming the first problem.

    ``empty_ok``: a database with nothing in it is a new journal (true for
    the journal in the data folder, not for a backup to restore). A journal
    of a newer version is returned with ``newer`` set and is not checked
    further: this version cannot know its schema.
    """
    conn.execute("PRAGMA trusted_schema = OFF")
    found = _schema_of(conn)
    if not found:
        if empty_ok:
            return Inspection(0)
        raise RefusedError(f"{NOT_OURS}: it is empty")
    [(encoding,)] = conn.execute("PRAGMA encoding").fetchall()
    if encoding != "UTF-8":
        raise RefusedError(
            f"{NOT_OURS}: it is stored as {encoding}, which LeaderJournal never writes"
        )
    applied = _applied_migrations(conn, found)
    known = schema.known_migrations()
    if len(applied) > len(known) and applied[: len(known)] == known:
        return Inspection(len(known), applied[len(known) :])
    if not applied:
        others = [key for key in found if key[1] != schema.MIGRATIONS.migrations_table]
        kind, name = min(others or found, key=lambda key: (key[0] != "table", key[1]))
        raise RefusedError(
            f"{NOT_OURS}: it has {_a(kind)} {limits.shown(name)} and no record "
            "of LeaderJournal's migrations"
        )
    if applied != known[: len(applied)]:
        listed = ", ".join(limits.shown(name, 40) for name in applied[:4])
        raise RefusedError(
            f"{NOT_OURS}: the migrations it records ({listed}) are not LeaderJournal's"
        )
    level = len(applied)
    _compare(found, expected_schema(level))
    _check_rows(conn, level)
    return Inspection(level)


# -- the schema ------------------------------------------------------------------------

#: (type, name) -> (tbl_name, the definition with its spacing normalised)
SchemaObjects = dict[tuple[str, str], tuple[str, str | None]]

# A token of SQL: a quoted string or name (kept exactly), a run of spaces, or
# any other character.
_TOKEN = re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\]|\s+|.""", re.S)


def normalise_sql(sql: str | None) -> str | None:
    """``sql`` with every run of spaces outside quotes made one space, and
    none next to a bracket or a comma: a definition written on other lines
    is the same definition."""
    if sql is None:
        return None
    out: list[str] = []
    for token in _TOKEN.findall(sql):
        if token.isspace():
            if out and out[-1] not in "(,":
                out.append(" ")
        elif token in "),":
            if out and out[-1] == " ":
                out.pop()
            out.append(token)
        else:
            out.append(token)
    return "".join(out).strip()


def _schema_of(conn: sqlite3.Connection) -> SchemaObjects:
    rows = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master"
    ).fetchall()
    found: SchemaObjects = {}
    for kind, name, table, sql in rows:
        key = (str(kind), str(name))
        if key in found:
            raise RefusedError(f"{NOT_OURS}: it has two {kind}s {limits.shown(name)}")
        found[key] = (str(table), normalise_sql(None if sql is None else str(sql)))
    return found


@functools.cache
def _expected(level: int) -> tuple[SchemaObjects, dict[str, tuple[str, ...]]]:
    conn = sqlite3.connect(":memory:")
    try:
        db = Database(conn, execute_plugins=False)
        schema.apply_first(db, level)
        objects = _schema_of(conn)
        columns = {
            name: tuple(row[1] for row in conn.execute(f'PRAGMA table_info("{name}")'))
            for (kind, name) in objects
            if kind == "table"
        }
    finally:
        conn.close()
    return objects, columns


def expected_schema(level: int) -> SchemaObjects:
    """What the first ``level`` migrations make, built in memory (once)."""
    return dict(_expected(level)[0])


def _applied_migrations(
    conn: sqlite3.Connection, found: SchemaObjects
) -> tuple[str, ...]:
    """LeaderJournal's migrations recorded in the file, in the order applied."""
    key = ("table", schema.MIGRATIONS.migrations_table)
    if key not in found:
        return ()
    if found[key] != expected_schema(1)[key]:
        raise RefusedError(
            f"{NOT_OURS}: {_its(key)} is not defined the way LeaderJournal does"
        )
    rows = conn.execute(
        f"SELECT name FROM {key[1]} WHERE migration_set = ? ORDER BY id",
        (schema.MIGRATIONS.name,),
    ).fetchall()
    return tuple(name if isinstance(name, str) else repr(name) for (name,) in rows)


def _compare(found: SchemaObjects, expected: SchemaObjects) -> None:
    def by_name(key: tuple[str, str]) -> tuple[int, str]:
        # what runs code first, a table's automatic index last
        return _KINDS.index(key[0]) if key[0] in _KINDS else len(_KINDS), key[1]

    changed = sorted(
        (k for k in found.keys() & expected.keys() if found[k] != expected[k]),
        key=by_name,
    )
    if changed:
        raise RefusedError(
            f"{NOT_OURS}: {_its(changed[0])} is not defined the way LeaderJournal does"
        )
    extra = sorted(found.keys() - expected.keys(), key=by_name)
    if extra:
        kind, name = extra[0]
        raise RefusedError(
            f"{NOT_OURS}: it has {_a(kind)} {limits.shown(name)} that "
            "LeaderJournal does not make"
        )
    missing = sorted(expected.keys() - found.keys(), key=by_name)
    if missing:
        raise RefusedError(f"{NOT_OURS}: {_its(missing[0])} is missing")


_KINDS = ("trigger", "view", "table", "index")


def _a(kind: str) -> str:
    return f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind}"


def _its(key: tuple[str, str]) -> str:
    return f"its {key[0]} {limits.shown(key[1])}"


# -- the rows --------------------------------------------------------------------------

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
        return f"has {_a(what)} of {_length(value)} characters; at most {limit:,} fit"

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


def _entry_rules() -> tuple[Rule, ...]:
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
        *(_rating_rule(key) for key in DIMENSION_KEYS),
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


def _review_rules() -> tuple[Rule, ...]:
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


def _target_rules() -> tuple[Rule, ...]:
    keys = (OVERALL, *DIMENSION_KEYS)
    return (
        Rule(
            "key",
            f"typeof(key) = 'text' AND key IN ({_sql_list(keys)})",
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


#: table -> (its rules, how a row of it is named in a message)
_TABLES: dict[str, tuple[Callable[[], tuple[Rule, ...]], Callable[[Row, str], str]]] = {
    "entries": (_entry_rules, _describe_entry),
    "weekly_reviews": (_review_rules, _describe_review),
    "targets": (_target_rules, _describe_target),
}


@functools.cache
def _rules(table: str) -> tuple[Rule, ...]:
    return _TABLES[table][0]()


def checked_columns(table: str) -> tuple[str, ...]:
    """The columns of ``table`` that a rule checks."""
    return tuple(dict.fromkeys(rule.column for rule in _rules(table)))


@functools.cache
def _query(table: str, level: int) -> tuple[str, tuple[Rule, ...]]:
    """One query for ``table`` as it is at ``level``: the rowid of its first
    row that breaks a rule, and which rule."""
    columns = set(_expected(level)[1].get(table, ()))
    rules = tuple(rule for rule in _rules(table) if rule.column in columns)
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


def _check_rows(conn: sqlite3.Connection, level: int) -> None:
    tables = _expected(level)[1]
    for table, (_, describe) in _TABLES.items():
        if table not in tables:
            continue
        sql, rules = _query(table, level)
        bad = conn.execute(sql).fetchone()
        if bad is None:
            continue
        rowid, broken = bad
        cursor = conn.execute(f"SELECT * FROM {table} WHERE rowid = ?", (rowid,))
        names = [d[0] for d in cursor.description]
        row = dict(zip(names, cursor.fetchone(), strict=True))
        rule = rules[broken]
        raise RefusedError(
            f"cannot be used: {describe(row, rule.column)} {rule.explain(row)}"
        )
