"""The limits of ``leaderjournal/domain/limits.py`` as SQL: one query per
table finds the first row of a journal that breaks one, and says why.

Used when a journal from elsewhere is checked (storage/trust.py): the rules
are generated from the domain's numbers, so the editor, import and restore
agree on what a journal can hold.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Callable, Mapping

from leaderjournal.domain import limits
from leaderjournal.domain.dimensions import DIMENSION_KEYS, FORMER_KEYS, OVERALL
from leaderjournal.storage.column_rules import (
    TAGS_OK,
    UUID_GLOB,
    Row,
    Rule,
    bad_tag,
    nbytes,
    rating_rule,
    sql_list,
    stamp_rule,
    text_rule,
    week_ok,
    worded,
)


def _entry_rules(keys: tuple[str, ...]) -> tuple[Rule, ...]:
    title_lines = " AND ".join(
        f"instr(title, char({ord(c)})) = 0" for c in limits.TITLE_FORBIDDEN
    )
    return (
        Rule(
            "id",
            f"typeof(id) = 'text' AND {nbytes('id')} = 36 AND id GLOB '{UUID_GLOB}'",
            lambda row: f"has the id {worded(row['id'])}, which is not a UUID",
        ),
        Rule(
            "date",
            f"typeof(date) = 'text' AND date BETWEEN '{limits.EARLIEST_DATE}' "
            f"AND '{limits.LATEST_DATE}' AND date(date, '+0 days') = date",
            lambda row: (
                f"has the date {worded(row['date'])}; dates are days from "
                f"{limits.EARLIEST_DATE} to {limits.LATEST_DATE}"
            ),
        ),
        stamp_rule("created_at"),
        stamp_rule("updated_at"),
        text_rule("title", limits.TITLE_MAX, "title"),
        Rule("title", title_lines, lambda row: "has a title of more than one line"),
        text_rule("text", limits.TEXT_MAX, "text"),
        *(rating_rule(key) for key in keys),
        Rule(
            "advice_requests",
            "typeof(advice_requests) = 'integer' AND advice_requests "
            f"BETWEEN {limits.ADVICE_MIN} AND {limits.ADVICE_MAX}",
            lambda row: (
                f"has {worded(row['advice_requests'])} advice requests; the count "
                f"is a whole number from {limits.ADVICE_MIN} to {limits.ADVICE_MAX}"
            ),
        ),
        Rule(
            "tags",
            "CASE WHEN typeof(tags) = 'text' AND json_valid(tags) "
            "THEN json_type(tags) = 'array' ELSE 0 END",
            lambda row: f"has the tags {worded(row['tags'])}, which are not a list",
        ),
        Rule(
            "tags",
            f"tags = '[]' OR json_array_length(tags) <= {limits.TAGS_MAX}",
            lambda row: (
                f"has {len(json.loads(row['tags'])):,} tags; an entry holds at "
                f"most {limits.TAGS_MAX}"
            ),
        ),
        Rule("tags", TAGS_OK, bad_tag),
    )


def _review_rules(keys: tuple[str, ...]) -> tuple[Rule, ...]:
    return (
        Rule(
            "week",
            week_ok("week"),
            lambda row: (
                f"has the week {worded(row['week'])}; weeks are ISO weeks like "
                f"2026-W09 in the years {limits.EARLIEST_YEAR}-{limits.LATEST_YEAR}"
            ),
        ),
        text_rule("reflection", limits.TEXT_MAX, "reflection"),
        text_rule("intention", limits.TEXT_MAX, "intention"),
        Rule(
            "kept",
            "kept IS NULL OR (typeof(kept) = 'integer' AND kept IN (0, 1))",
            lambda row: (
                f"says {worded(row['kept'])} for whether last week's intention was "
                "kept; that is 1 (yes), 0 (no) or nothing"
            ),
        ),
        stamp_rule("updated_at"),
    )


#: A lean is 50 x the mean of ratings (DESIGN.md, "Scale and scores").
LEAN_LIMIT = 50 * max(-limits.RATING_MIN, limits.RATING_MAX)


def _target_rules(keys: tuple[str, ...]) -> tuple[Rule, ...]:
    return (
        Rule(
            "key",
            f"typeof(key) = 'text' AND key IN ({sql_list((OVERALL, *keys))})",
            lambda row: (
                f"is for {worded(row['key'])}, which is neither the overall lean "
                "nor a dimension"
            ),
        ),
        Rule(
            "lean",
            f"typeof(lean) IN ('integer', 'real') "
            f"AND lean BETWEEN {-LEAN_LIMIT} AND {LEAN_LIMIT}",
            lambda row: (
                f"is {worded(row['lean'])}; a target lean is a number from "
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
    return f"the weekly review of {worded(row['week'])}"


def _describe_target(row: Row, column: str) -> str:
    if column == "key":
        return "a target"
    return f"the target for {worded(row['key'])}"


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
