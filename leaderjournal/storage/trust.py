"""Files from elsewhere are untrusted (DESIGN.md): what a database must be
before LeaderJournal opens or restores it.

A journal is used only if its schema is exactly the one this version's
migrations make at the journal's level (every table, index, trigger and view,
by name and definition) and every row is inside the limits of
``leaderjournal/domain/limits.py``. Nothing here writes: the caller hands in a
read-only connection, so a file that is refused stays byte for byte as it was.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from dataclasses import dataclass

from leaderjournal.domain import limits
from leaderjournal.domain.words import with_article
from leaderjournal.storage import row_rules, schema

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


def inspect(
    conn: sqlite3.Connection, *, empty_ok: bool, rows: bool = True
) -> Inspection:
    """Check the database on ``conn``; raise RefusedError naming the first problem.

    ``empty_ok``: a database with nothing in it is a new journal (true for
    the journal in the data folder, not for a backup to restore). ``rows``:
    check every row too (not for the journal the app itself left, see
    :mod:`leaderjournal.storage.seal`). A journal
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
        others = [key for key in found if key[1] != schema.MIGRATIONS_TABLE]
        kind, name = min(others or found, key=lambda key: (key[0] != "table", key[1]))
        raise RefusedError(
            f"{NOT_OURS}: it has {with_article(kind)} {limits.shown(name)} "
            "and no record of LeaderJournal's migrations"
        )
    if applied != known[: len(applied)]:
        listed = ", ".join(limits.shown(name, 40) for name in applied[:4])
        raise RefusedError(
            f"{NOT_OURS}: the migrations it records ({listed}) are not LeaderJournal's"
        )
    level = len(applied)
    _compare(found, expected_schema(level))
    problem = row_rules.first_bad_row(conn, _expected(level)[1]) if rows else None
    if problem is not None:
        raise RefusedError(f"cannot be used: {problem}")
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
        conn.deserialize(schema.image(level))
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
    """What the first ``level`` migrations make, built in memory (once per
    level) by :func:`schema.image`: the app's own steps, run as they run on a
    journal, and sqlite-utils' record table as sqlite-utils writes it."""
    return dict(_expected(level)[0])


def _applied_migrations(
    conn: sqlite3.Connection, found: SchemaObjects
) -> tuple[str, ...]:
    """LeaderJournal's migrations recorded in the file, in the order applied."""
    key = ("table", schema.MIGRATIONS_TABLE)
    if key not in found:
        return ()
    # The same at every level; the current one is the level most often needed.
    if found[key] != expected_schema(len(schema.known_migrations()))[key]:
        raise RefusedError(
            f"{NOT_OURS}: {_its(key)} is not defined the way LeaderJournal does"
        )
    rows = conn.execute(
        f"SELECT name FROM {key[1]} WHERE migration_set = ? ORDER BY id",
        (schema.MIGRATION_SET,),
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
            f"{NOT_OURS}: it has {with_article(kind)} {limits.shown(name)} that "
            "LeaderJournal does not make"
        )
    missing = sorted(expected.keys() - found.keys(), key=by_name)
    if missing:
        raise RefusedError(f"{NOT_OURS}: {_its(missing[0])} is missing")


_KINDS = ("trigger", "view", "table", "index")


def _its(key: tuple[str, str]) -> str:
    return f"its {key[0]} {limits.shown(key[1])}"
