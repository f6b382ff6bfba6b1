"""A journal from elsewhere is used only if LeaderJournal could have written it.

DESIGN.md, "Files from elsewhere are untrusted": a restore source, or a
journal found in the data folder, is used only if its schema is exactly the
one LeaderJournal's migrations make at its level and every row is inside the
limits. Each file here is made the way another program (or an attacker)
would make it, with plain sqlite3; restoring it or finding it as journal.db
must be refused in one line, and no file may change.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.entry import Entry
from leaderjournal.domain.review import WeekNotes
from leaderjournal.storage import schema
from leaderjournal.storage.backup_copy import BackupError, check_file
from leaderjournal.storage.backups import list_backups
from leaderjournal.storage.failures import DamagedJournalError, JournalError
from leaderjournal.storage.journal import Journal
from tests.files import mode, posix_only, sha256

DATA = Path(__file__).resolve().parent.parent / "data"
WRITTEN = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
FIRST = "WHERE seq = (SELECT min(seq) FROM entries)"


def sidecars(path: Path) -> list[str]:
    """The -wal, -shm and -journal files beside ``path``."""
    return [
        side.name
        for side in (
            path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")
        )
        if side.exists()
    ]


def tamper(path: Path, *statements: str, writable_schema: bool = False) -> None:
    """Change ``path`` with plain sqlite3, as another program would."""
    conn = sqlite3.connect(path)
    try:
        if writable_schema:
            conn.execute("PRAGMA writable_schema = ON")
        with conn:
            for statement in statements:
                conn.execute(statement)
    finally:
        conn.close()


def drop_checks(path: Path, table: str = "entries") -> None:
    """Remove the CHECK constraints of ``table`` by editing sqlite_master."""
    conn = sqlite3.connect(path)
    try:
        [(sql,)] = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = ?", (table,)
        ).fetchall()
        unchecked = re.sub(r"CHECK \((?:[^()]|\([^()]*\))*\)", "", sql)
        assert unchecked != sql
        [(version,)] = conn.execute("PRAGMA schema_version").fetchall()
        conn.execute("PRAGMA writable_schema = ON")
        with conn:
            conn.execute(
                "UPDATE sqlite_master SET sql = ? WHERE name = ?", (unchecked, table)
            )
        conn.execute(f"PRAGMA schema_version = {version + 1}")
        conn.execute("PRAGMA writable_schema = OFF")
    finally:
        conn.close()


def notes_app_database(path: Path) -> Path:
    """Another program's database that has an ``entries`` table and keeps its
    own sqlite-utils migrations, as LeaderJournal does."""
    migrations = Migrations("notes-app")

    @migrations(name="m001_notes")
    def m001_notes(db: Database) -> None:
        db.execute("CREATE TABLE entries (id INTEGER PRIMARY KEY, body TEXT)")

    db = Database(path)
    migrations.apply(db)
    db.execute("INSERT INTO entries (body) VALUES ('buy milk')")
    db.conn.commit()
    db.close()
    return path


def photos_database(path: Path) -> Path:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, file TEXT)")
        conn.execute("INSERT INTO photos (file) VALUES ('beach.jpg')")
    conn.close()
    return path


@pytest.fixture(scope="module")
def _filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The journal of ``journal_dir``, made once per module and never opened
    again: creating and filling one costs several times more than copying."""
    folder = tmp_path_factory.mktemp("filled") / "data"
    with Journal(folder) as journal:
        for day, text in ((2, "first"), (3, "second"), (4, "third")):
            journal.entries.add(
                Entry.new(
                    dt.date(2026, 3, day),
                    at=WRITTEN,
                    title=f"Day {day}",
                    text=text,
                    ratings={"influence": 1},
                    tags=("team",),
                )
            )
        journal.reviews.save_notes(WeekNotes("2026-W10", "A week.", "Ask more."))
        journal.reviews.set_targets({"overall": 20.0})
        journal.backup_now(folder.parent / "backup.db")
    return folder


@pytest.fixture
def journal_dir(data_dir, _filled: Path) -> Path:
    """A closed journal with three entries, a weekly review and a target,
    of the test's own."""
    shutil.copytree(_filled, data_dir)
    return data_dir


@pytest.fixture
def source(journal_dir, _filled: Path, tmp_path) -> Path:
    """A sound backup of that journal, to be tampered with and restored."""
    return Path(shutil.copy2(_filled.parent / "backup.db", tmp_path / "backup.db"))


def restore_refused(data_dir: Path, source: Path) -> str:
    """Restore ``source``; it must be refused with both files left as they
    were. Returns the reason given."""
    journal_file = data_dir / "journal.db"
    before, source_before = sha256(journal_file), sha256(source)
    with Journal(data_dir) as journal:
        texts = [e.text for e in journal.entries.iter_all()]
        with pytest.raises(BackupError) as caught:
            journal.restore(source)
        assert [e.text for e in journal.entries.iter_all()] == texts
    assert sha256(journal_file) == before
    assert sha256(source) == source_before
    assert sidecars(source) == []
    message = str(caught.value)
    assert "\n" not in message
    assert str(source) in message
    return message


def open_refused(tmp_path: Path, found: Path) -> JournalError:
    """Put ``found`` in a data folder as journal.db; opening it must be
    refused in one line, with the file left exactly as it was."""
    data = tmp_path / "found"
    data.mkdir(mode=0o700)
    journal_file = data / "journal.db"
    shutil.copy2(found, journal_file)
    before, before_mode = sha256(journal_file), mode(journal_file)
    with pytest.raises(JournalError) as caught:
        Journal(data)
    assert sha256(journal_file) == before
    assert mode(journal_file) == before_mode
    assert sidecars(journal_file) == []
    assert not (data / "backups").exists() or list_backups(data / "backups") == []
    message = str(caught.value)
    assert "\n" not in message
    assert str(journal_file) in message
    # a journal that is not LeaderJournal's can be replaced by a backup
    assert isinstance(caught.value, DamagedJournalError)
    return caught.value


# -- a schema LeaderJournal does not make -------------------------------------------


EVIL_TRIGGER = (
    "CREATE TRIGGER evil AFTER INSERT ON entries BEGIN "
    "DELETE FROM entries WHERE seq != new.seq; "
    "INSERT INTO hidden (text) VALUES (new.text); END"
)


def test_a_backup_with_a_trigger_of_its_own_is_not_restored(
    journal_dir, source, tmp_path
):
    tamper(source, "CREATE TABLE hidden (text TEXT)", EVIL_TRIGGER)

    message = restore_refused(journal_dir, source)

    assert "trigger \u201cevil\u201d" in message
    assert "not a LeaderJournal journal" in message
    # the next save keeps every other entry, and copies nothing anywhere
    with Journal(journal_dir) as journal:
        journal.entries.add(Entry.new(dt.date(2026, 3, 5), at=WRITTEN, text="new"))
        assert [e.text for e in journal.entries.iter_all()] == [
            "first",
            "second",
            "third",
            "new",
        ]
        tables = {
            n for (n,) in journal.connection.execute("SELECT name FROM sqlite_master")
        }
    assert "hidden" not in tables
    assert "evil" not in tables


def test_a_journal_found_with_a_trigger_of_its_own_is_not_opened(source, tmp_path):
    tamper(source, "CREATE TABLE hidden (text TEXT)", EVIL_TRIGGER)

    refused = open_refused(tmp_path, source)

    assert "trigger \u201cevil\u201d" in str(refused)


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE VIEW everything AS SELECT * FROM entries",
        "CREATE INDEX entries_by_title ON entries (title)",
        "CREATE TABLE photos (file TEXT)",
        "CREATE TRIGGER quiet AFTER UPDATE ON targets BEGIN SELECT 1; END",
        "DROP TRIGGER entries_after_insert",
        "DROP INDEX entry_tags_by_tag",
    ],
    ids=["view", "index", "table", "trigger", "missing-trigger", "missing-index"],
)
def test_any_other_schema_object_is_refused(journal_dir, source, tmp_path, statement):
    tamper(source, statement)
    name = re.search(r"(?:VIEW|INDEX|TABLE|TRIGGER) (\w+)", statement)[1]

    assert f"\u201c{name}\u201d" in restore_refused(journal_dir, source)
    assert f"\u201c{name}\u201d" in str(open_refused(tmp_path, source))


def test_a_journal_with_its_checks_removed_is_refused(journal_dir, source, tmp_path):
    drop_checks(source)
    tamper(source, f"UPDATE entries SET influence = 7 {FIRST}")

    message = restore_refused(journal_dir, source)

    assert "table \u201centries\u201d" in message
    assert "table \u201centries\u201d" in str(open_refused(tmp_path, source))


def test_rows_written_while_the_checks_were_away_are_refused(journal_dir, source):
    # The checks are removed, a bad row written, and the checks put back: the
    # schema is exactly LeaderJournal's again, the row is still bad.
    conn = sqlite3.connect(source)
    [(sql,)] = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'entries'")
    conn.close()
    drop_checks(source)
    tamper(source, f"UPDATE entries SET influence = 7 {FIRST}")
    tamper(
        source,
        "UPDATE sqlite_master SET sql = "
        f"'{sql.replace(chr(39), chr(39) * 2)}' WHERE name = 'entries'",
        writable_schema=True,
    )

    message = restore_refused(journal_dir, source)

    assert "entry 2026-03-02 \u201cDay 2\u201d has a rating of 7 for Power" in message


def test_tags_with_quotes_and_backslashes_pass(journal_dir, source):
    tamper(
        source,
        f"""UPDATE entries SET tags = json_array('say "hi"', 'C:\\temp') {FIRST}""",
    )
    assert check_file(source) is None


def test_a_table_of_a_later_level_without_its_migration_is_refused(tmp_path):
    # a level-1 journal (only m001 applied) that already has a table m002 makes
    v1 = tmp_path / "v1.db"
    shutil.copyfile(DATA / "journal-v1.db", v1)
    tamper(v1, "CREATE TABLE targets (key TEXT PRIMARY KEY, lean REAL NOT NULL)")

    refused = open_refused(tmp_path, v1)

    assert "table \u201ctargets\u201d" in str(refused)


def test_migrations_recorded_out_of_order_are_refused(source, tmp_path):
    tamper(
        source,
        "UPDATE _sqlite_migrations SET name = 'x' WHERE name = 'm001_entries'",
        "UPDATE _sqlite_migrations SET name = 'm001_entries' "
        "WHERE name = 'm002_reviews_and_targets'",
        "UPDATE _sqlite_migrations SET name = 'm002_reviews_and_targets' "
        "WHERE name = 'x'",
    )

    refused = open_refused(tmp_path, source)

    assert "newer" not in str(refused)
    assert "migrations" in str(refused)


def test_a_journal_without_its_record_of_migrations_is_not_migrated(source, tmp_path):
    tamper(source, "DELETE FROM _sqlite_migrations")

    refused = open_refused(tmp_path, source)

    assert "LeaderJournal" in str(refused)


@posix_only
def test_another_apps_database_in_the_data_folder_is_left_untouched(tmp_path):
    other = photos_database(tmp_path / "photos.db")
    other.chmod(0o644)

    refused = open_refused(tmp_path, other)

    assert "table \u201cphotos\u201d" in str(refused)
    conn = sqlite3.connect(f"{(tmp_path / 'found' / 'journal.db').as_uri()}?mode=ro")
    try:
        tables = {n for (n,) in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()
    assert tables == {"photos"}  # never migrated


def test_another_apps_database_is_not_restored(journal_dir, tmp_path):
    other = photos_database(tmp_path / "photos.db")
    assert "photos" in restore_refused(journal_dir, other)


def test_a_database_with_entries_and_migrations_of_another_app_is_refused(
    journal_dir, tmp_path
):
    alien = notes_app_database(tmp_path / "notes.db")

    assert "not a LeaderJournal journal" in restore_refused(journal_dir, alien)
    assert "not a LeaderJournal journal" in str(open_refused(tmp_path, alien))


def test_a_journal_stored_as_utf16_is_refused(journal_dir, tmp_path):
    utf16 = tmp_path / "utf16.db"
    conn = sqlite3.connect(utf16)
    conn.execute("PRAGMA encoding = 'UTF-16le'")
    db = Database(conn)
    schema.migrate(db)
    db.close()

    assert "UTF-16" in restore_refused(journal_dir, utf16)


# -- what is still accepted ------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("journal-v*.db")))
def test_the_frozen_journals_pass_the_check_without_a_trace(name, tmp_path):
    copy = tmp_path / name
    shutil.copyfile(DATA / name, copy)
    before = sha256(copy)

    assert check_file(copy) is None

    assert sha256(copy) == before
    assert sidecars(copy) == []  # a WAL-mode file, checked without -wal or -shm


def test_a_v3_journal_with_a_target_under_the_old_key_passes(tmp_path):
    # Before m004 the first dimension's key was "power", in targets too.
    copy = tmp_path / "journal-v3.db"
    shutil.copyfile(DATA / "journal-v3.db", copy)
    tamper(copy, "INSERT INTO targets (key, lean) VALUES ('power', 30)")

    assert check_file(copy) is None


def test_a_v3_journal_s_old_rating_column_is_still_checked(tmp_path):
    # The rows of a journal from before m004 are checked under the column
    # names it has: a rating of 7 written while the checks were away.
    copy = tmp_path / "journal-v3.db"
    shutil.copyfile(DATA / "journal-v3.db", copy)
    conn = sqlite3.connect(copy)
    [(sql,)] = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'entries'")
    conn.close()
    drop_checks(copy)
    tamper(copy, "UPDATE entries SET power = 7 WHERE title = 'Release planning'")
    tamper(
        copy,
        "UPDATE sqlite_master SET sql = "
        f"'{sql.replace(chr(39), chr(39) * 2)}' WHERE name = 'entries'",
        writable_schema=True,
    )

    problem = check_file(copy)

    assert problem is not None
    assert "has a rating of 7 for Power \u2194 Influence" in problem


def test_an_empty_journal_file_is_a_new_journal(data_dir):
    data_dir.mkdir(mode=0o700)
    (data_dir / "journal.db").write_bytes(b"")

    with Journal(data_dir) as journal:
        assert journal.entries.count() == 0
        journal.entries.add(Entry.new(dt.date(2026, 3, 2), at=WRITTEN, text="x"))
    assert check_file(data_dir / "journal.db") is None


def test_an_empty_file_is_not_a_backup(journal_dir, tmp_path):
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    assert "empty" in restore_refused(journal_dir, empty)


def test_values_at_the_limits_pass(journal_dir, tmp_path):
    east = dt.timezone(dt.timedelta(hours=14))
    west = dt.timezone(-dt.timedelta(hours=14))
    edges = [
        Entry.new(
            dt.date(1900, 1, 1),
            at=dt.datetime(1900, 1, 1, 0, 0, tzinfo=east),
            title="t" * 500,
            text="\u65e5" * 1_000_000,
            ratings=dict.fromkeys(DIMENSION_KEYS, -2),
            advice_requests=9999,
            tags=tuple(f"{n:02d}" + "\u00e9" * 58 for n in range(30)),
        ),
        Entry.new(
            dt.date(2100, 12, 31),
            at=dt.datetime(2100, 12, 31, 23, 59, 59, tzinfo=west),
            ratings=dict.fromkeys(DIMENSION_KEYS, 2),
        ),
    ]
    with Journal(journal_dir) as journal:
        journal.entries.save_many(edges)
        journal.reviews.save_notes(WeekNotes("1900-W01", "first week"))
        journal.reviews.save_notes(WeekNotes("2026-W53", "a long year"))
        journal.reviews.save_notes(WeekNotes("2100-W52", "last week"))
        journal.reviews.set_targets(dict.fromkeys(DIMENSION_KEYS, -100.0))
        edge = journal.backup_now(tmp_path / "edges.db").path

    assert check_file(edge) is None
    with Journal(journal_dir) as journal:
        journal.restore(edge)
        assert journal.entries.count() == 5
    with Journal(journal_dir) as journal:
        assert journal.entries.get(edges[0].id) == edges[0]


def test_a_tag_with_a_comma_written_by_an_older_version_is_kept(journal_dir, source):
    # Older versions stored tags such as "a,b" (the frozen journals hold one);
    # the editor no longer makes them, but a person's journal is not refused
    # for one.
    tamper(source, f"""UPDATE entries SET tags = '["a,b"]' {FIRST}""")
    assert check_file(source) is None


# -- rows outside the limits --------------------------------------------------------

ROWS = {
    "rating-not-whole": (
        f"UPDATE entries SET influence = 1.5 {FIRST}",
        "a rating of 1.5 for Power \u2194 Influence",
    ),
    "advice-too-many": (
        f"UPDATE entries SET advice_requests = 10000 {FIRST}",
        "10000 advice requests",
    ),
    "advice-huge": (
        f"UPDATE entries SET advice_requests = 9223372036854775807 {FIRST}",
        "9223372036854775807 advice requests",
    ),
    "date-too-early": (
        f"UPDATE entries SET date = '1899-12-31' {FIRST}",
        "1899-12-31",
    ),
    "title-too-long": (
        f"UPDATE entries SET title = printf('%501s', 'x') {FIRST}",
        "a title of 501 characters",
    ),
    "title-two-lines": (
        f"UPDATE entries SET title = 'one' || char(10) || 'two' {FIRST}",
        "title of more than one line",
    ),
    "text-too-long": (
        f"UPDATE entries SET text = printf('%1000001s', 'x') {FIRST}",
        "a text of 1,000,001 characters",
    ),
    "tags-not-a-list": (
        f"""UPDATE entries SET tags = '{{"a": 1}}' {FIRST}""",
        "tags",
    ),
    "tag-not-text": (f"UPDATE entries SET tags = '[1]' {FIRST}", "tag"),
    "too-many-tags": (
        f"UPDATE entries SET tags = '{json.dumps([f't{n}' for n in range(31)])}' "
        f"{FIRST}",
        "31 tags",
    ),
    "tag-too-long": (
        f"""UPDATE entries SET tags = json_array(printf('%61s', 'x')) {FIRST}""",
        "tag",
    ),
    "tag-with-semicolon": (
        f"""UPDATE entries SET tags = '["a;b"]' {FIRST}""",
        "\u201ca;b\u201d",
    ),
    "empty-tag": (f"""UPDATE entries SET tags = '[""]' {FIRST}""", "tag"),
    "tag-with-a-tab": (
        f"UPDATE entries SET tags = json_array('a' || char(9) || 'b') {FIRST}",
        "\u201ca\\tb\u201d",
    ),
    "tag-longer-than-it-looks": (
        # SQLite's length() stops at a NUL character
        f"""UPDATE entries SET tags = '["{"x" * 59}\\u0000{"y" * 5}"]' {FIRST}""",
        "tag",
    ),
    "time-without-offset": (
        f"UPDATE entries SET created_at = '2026-03-02T09:00:00' {FIRST}",
        "2026-03-02T09:00:00",
    ),
    "offset-too-large": (
        f"UPDATE entries SET updated_at = '2026-03-02T09:00:00+14:30' {FIRST}",
        "+14:30",
    ),
    "time-in-2101": (
        f"UPDATE entries SET updated_at = '2101-01-01T00:00:00+00:00' {FIRST}",
        "2101-01-01T00:00:00+00:00",
    ),
    "id-not-a-uuid": (f"UPDATE entries SET id = 'not-an-id' {FIRST}", "not-an-id"),
    "week-53-of-a-short-year": (
        "INSERT INTO weekly_reviews (week, updated_at) "
        "VALUES ('2025-W53', '2026-03-02T09:00:00+00:00')",
        "2025-W53",
    ),
    "week-0": (
        "UPDATE weekly_reviews SET week = '2026-W00'",
        "2026-W00",
    ),
    "review-time-not-a-time": (
        "UPDATE weekly_reviews SET updated_at = 'yesterday'",
        "yesterday",
    ),
    "unknown-target": (
        "INSERT INTO targets (key, lean) VALUES ('charisma', 10)",
        "charisma",
    ),
    # The old key of the first dimension, which m004 renamed.
    "target-under-the-old-key": (
        "INSERT INTO targets (key, lean) VALUES ('power', 10)",
        "power",
    ),
}


@pytest.mark.parametrize("case", sorted(ROWS))
def test_a_row_outside_the_limits_is_refused(case, journal_dir, source, tmp_path):
    statement, reason = ROWS[case]
    tamper(source, statement)
    assert check_file(source) is not None

    message = restore_refused(journal_dir, source)

    assert reason in message
    assert reason in str(open_refused(tmp_path, source))


def test_a_bad_entry_is_named_by_its_date_and_title(journal_dir, source):
    tamper(source, f"UPDATE entries SET influence = 1.5 {FIRST}")

    message = restore_refused(journal_dir, source)

    assert "entry 2026-03-02 \u201cDay 2\u201d has a rating of 1.5" in message


def test_a_long_value_is_cut_in_the_message(journal_dir, source):
    tamper(
        source,
        f"UPDATE entries SET created_at = printf('%5000s', 'late') {FIRST}",
    )
    message = restore_refused(journal_dir, source)
    assert len(message) < 400
    assert "\u2026" in message


def test_every_stored_column_has_a_rule():
    from leaderjournal.storage import row_rules

    db = Database(memory=True)
    schema.migrate(db)
    for table in ("entries", "weekly_reviews", "targets"):
        columns = {c.name for c in db[table].columns} - {"seq"}
        assert columns <= set(row_rules.checked_columns(table)), table


# -- whatever the file holds -----------------------------------------------------------

COLUMNS = {
    "entries": (
        "id",
        "date",
        "created_at",
        "updated_at",
        "title",
        "text",
        *DIMENSION_KEYS,
        "advice_requests",
        "tags",
    ),
    "weekly_reviews": ("week", "reflection", "intention", "kept", "updated_at"),
    "targets": ("key", "lean"),
}
VALUES = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.sampled_from([-3, -2, 2, 3, 9999, 10000, 0, 1, -100, 100, 101]),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.binary(max_size=12),
    st.sampled_from(
        [
            "2026-02-30",
            "1899-12-31",
            "2100-12-31",
            "2026-03-02T09:00:00+14:00",
            "2026-03-02T09:00:00+14:01",
            "2101-01-01T00:00:00+00:00",
            "2026-03-02T09:00:00",
            '["a", "B"]',
            '["a;b"]',
            "[1]",
            "{}",
            "not json",
            "2026-W53",
            "2025-W53",
            "overall",
            "mentor",
            "00000000-0000-4000-8000-0000000000ff",
        ]
    ),
)
CHANGES = st.one_of(
    st.tuples(
        st.just("update"),
        st.sampled_from([(t, c) for t, cols in COLUMNS.items() for c in cols]),
        VALUES,
    ),
    st.tuples(
        st.just("object"),
        st.sampled_from(["table", "view", "trigger", "index"]),
        st.sampled_from(["x1", "Notes", "entries_fts_extra"]),
    ),
    st.tuples(st.just("drop-checks"), st.sampled_from(sorted(COLUMNS))),
)
OBJECTS = {
    "table": "CREATE TABLE {} (a)",
    "view": "CREATE VIEW {} AS SELECT 1",
    "trigger": "CREATE TRIGGER {} AFTER INSERT ON entries BEGIN SELECT 1; END",
    "index": "CREATE INDEX {} ON entries (title)",
}


def apply_change(path: Path, change: tuple) -> None:
    try:
        if change[0] == "update":
            (table, column), value = change[1], change[2]
            tamper_with_value(path, table, column, value)
        elif change[0] == "object":
            tamper(path, OBJECTS[change[1]].format(change[2]))
        else:
            drop_checks(path, change[1])
    except (sqlite3.Error, AssertionError, OverflowError):
        pass  # the change was not possible: the file stays as it was


def schema_of(path: Path) -> set[tuple[str, str, str]]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return set(conn.execute("SELECT type, name, sql FROM sqlite_master"))
    finally:
        conn.close()


def tamper_with_value(path: Path, table: str, column: str, value: object) -> None:
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute(
                f"UPDATE {table} SET {column} = ? WHERE rowid = "
                f"(SELECT min(rowid) FROM {table})",
                (value,),
            )
    finally:
        conn.close()


@pytest.fixture(scope="module")
def templates(tmp_path_factory) -> tuple[bytes, bytes]:
    """A closed journal and a backup of it, as bytes."""
    folder = tmp_path_factory.mktemp("template")
    with Journal(folder / "data") as journal:
        journal.entries.add(
            Entry.new(dt.date(2026, 3, 2), at=WRITTEN, title="t", tags=("a",))
        )
        journal.reviews.save_notes(WeekNotes("2026-W10", "A week."))
        journal.reviews.set_targets({"overall": 20.0})
        backup = journal.backup_now(folder / "backup.db").path
    return (folder / "data" / "journal.db").read_bytes(), backup.read_bytes()


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(changes=st.lists(CHANGES, max_size=3))
def test_whatever_the_file_holds_restore_and_open_agree_and_change_nothing(
    templates, changes
):
    journal_bytes, backup_bytes = templates
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        template_file = tmp_dir / "template.db"
        template_file.write_bytes(backup_bytes)
        source = tmp_dir / "source.db"
        source.write_bytes(backup_bytes)
        for change in changes:
            apply_change(source, change)
        source_sha = sha256(source)

        data = tmp_dir / "data"
        data.mkdir(mode=0o700)
        journal_file = data / "journal.db"
        journal_file.write_bytes(journal_bytes)
        before = sha256(journal_file)
        with Journal(data) as journal:
            try:
                journal.restore(source)
                reason = ""
            except BackupError as refused:
                reason = str(refused)
        restored = not reason
        assert "\n" not in reason
        if restored:
            # what was restored opens again, reads back, and is the app's own
            with Journal(data) as journal:
                list(journal.entries.iter_all())
            assert schema_of(journal_file) == schema_of(template_file)
        else:
            assert sha256(journal_file) == before
        assert sha256(source) == source_sha
        assert sidecars(source) == []

        found = tmp_dir / "found"
        found.mkdir(mode=0o700)
        shutil.copyfile(source, found / "journal.db")
        try:
            Journal(found).close()
            reason = ""
        except JournalError as refused:
            reason = str(refused)
        opened = not reason
        if not opened:
            assert "\n" not in reason
            assert sha256(found / "journal.db") == source_sha
            assert sidecars(found / "journal.db") == []
        assert opened == restored, (changes, reason)
