"""Journals written by every schema version this code knows still open.

Each schema version has a frozen journal in tests/data (see its README).
Opening a copy must apply every pending migration, read back the entries
exactly, and - when there was anything to migrate - leave a checked
"before-upgrade" backup of the journal as it was.
"""

import datetime as dt
import re
import shutil
import sqlite3
import uuid
from pathlib import Path

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.storage import schema
from leaderjournal.storage.backup_copy import check_file
from leaderjournal.storage.backups import list_backups
from leaderjournal.storage.database import connect
from leaderjournal.storage.journal import Journal
from tests.files import sha256

DATA = Path(__file__).resolve().parent.parent / "data"

UTC = dt.UTC
CET = dt.timezone(dt.timedelta(hours=1))
IST = dt.timezone(dt.timedelta(hours=5, minutes=30))
PST = dt.timezone(dt.timedelta(hours=-8))

NOT_RATED = {
    "influence": None,
    "followers": None,
    "growth": None,
    "relationship": None,
    "mentor": None,
}

#: The entries of tests/data/journal-v1.db, oldest first (the order
#: EntryRepository.iter_all gives). The fixture was written from this list;
#: it is frozen, so this list must not change either. (Only the first
#: rating's key changed, from "power" to "influence", as m004 renames it.)
V1_ENTRIES = [
    Entry(
        id="00000000-0000-4000-8000-000000000001",
        date=dt.date(1900, 1, 1),
        created_at=dt.datetime(2026, 11, 29, 7, 0, 0, tzinfo=UTC),
        updated_at=dt.datetime(2026, 11, 29, 7, 0, 0, tzinfo=UTC),
        title="The earliest day a journal holds",
        text="1900-01-01",
        ratings={"influence": -2},
    ),
    Entry(
        id="00000000-0000-4000-8000-00000000000a",
        date=dt.date(2026, 3, 2),
        created_at=dt.datetime(2026, 3, 2, 7, 15, 0, tzinfo=UTC),
        updated_at=dt.datetime(2026, 3, 2, 7, 15, 0, tzinfo=UTC),
        title="Same day, written first",
        text="x" * 5000,
        advice_requests=0,
        tags=("long",),
    ),
    Entry(
        id="00000000-0000-4000-8000-000000000002",
        date=dt.date(2026, 3, 2),
        created_at=dt.datetime(2026, 3, 2, 9, 0, 0, tzinfo=CET),
        updated_at=dt.datetime(2026, 3, 2, 9, 0, 0, tzinfo=CET),
        title="Release planning",
        text="Delegated the release checklist to Sam.\nAsked the team for risks.",
        ratings={
            "influence": 2,
            "followers": 1,
            "growth": 0,
            "relationship": -1,
            "mentor": -2,
        },
        advice_requests=2,
        tags=("release", "delegation"),
    ),
    Entry(
        id="00000000-0000-4000-8000-000000000003",
        date=dt.date(2026, 3, 2),
        created_at=dt.datetime(2026, 3, 2, 18, 30, 15, tzinfo=IST),
        updated_at=dt.datetime(2026, 3, 3, 1, 2, 3, tzinfo=PST),
        title="\u00abEvening\u00bb \U0001f680 \u65e5\u672c\u8a9e",
        text=(
            "Launch day \U0001f680\U0001f389 \u2014 team of 5\n"
            "\u65e5\u672c\u8a9e\u306e\u30e1\u30e2\uff1a\u4f1a\u8b70\u306f\u9806\u8abf\n"
            "family \U0001f468\u200d\U0001f469\u200d\U0001f467, Cafe\u0301"
        ),
        ratings={"influence": 0, "followers": 0, "growth": 0, "relationship": 0},
        tags=("\u65e5\u672c", "Caf\u00e9"),
    ),
    Entry(
        id="00000000-0000-4000-8000-000000000004",
        date=dt.date(2026, 3, 3),
        created_at=dt.datetime(2026, 3, 3, 8, 0, 0, tzinfo=UTC),
        updated_at=dt.datetime(2026, 3, 3, 8, 0, 0, tzinfo=UTC),
        title="\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd",
        text=(
            "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0641\u0631\u064a\u0642"
            " \u2014 mixed with English, 123 and \u05e2\u05d1\u05e8\u05d9\u05ea."
        ),
        ratings={"relationship": 2, "mentor": 1},
        advice_requests=7,
        tags=("\u0641\u0631\u064a\u0642",),
    ),
    Entry(
        id="00000000-0000-4000-8000-000000000005",
        date=dt.date(2026, 3, 4),
        created_at=dt.datetime(2026, 3, 4, 12, 0, 0, tzinfo=UTC),
        updated_at=dt.datetime(2026, 3, 4, 12, 0, 0, tzinfo=UTC),
    ),
    Entry(
        id="00000000-0000-4000-8000-000000000006",
        date=dt.date(2026, 3, 5),
        created_at=dt.datetime(2026, 3, 5, 10, 0, 0, tzinfo=UTC),
        updated_at=dt.datetime(2026, 3, 5, 10, 0, 0, tzinfo=UTC),
        title="Quotes and separators",
        text=(
            "She said \"ship it\", I said 'not yet' \\ backslash; semi; 100%_done"
            "\r\n\ttabbed line\n\n=SUM(A1) -1 +1 @who"
        ),
        ratings={"growth": -1, "followers": 2},
        tags=("1:1", "a,b", "Follow-up"),
    ),
    Entry(
        id="00000000-0000-4000-8000-000000000007",
        date=dt.date(2026, 3, 6),
        created_at=dt.datetime(2026, 3, 6, 9, 0, 0, tzinfo=UTC),
        updated_at=dt.datetime(2026, 3, 6, 9, 0, 0, tzinfo=UTC),
        title="Not rated at all",
        text="No ratings, only text.",
        ratings=NOT_RATED,
        advice_requests=1,
    ),
    Entry(
        id="00000000-0000-4000-8000-000000000008",
        date=dt.date(2026, 11, 29),
        created_at=dt.datetime(2026, 11, 29, 23, 59, 59, tzinfo=CET),
        updated_at=dt.datetime(2026, 11, 30, 0, 0, 1, tzinfo=CET),
        title="Late",
        text="Written just before midnight, edited just after.",
        ratings={"mentor": 0},
        tags=("late",),
    ),
    Entry(
        id="00000000-0000-4000-8000-000000000009",
        date=dt.date(2100, 12, 31),
        created_at=dt.datetime(2026, 11, 29, 7, 0, 0, tzinfo=UTC),
        updated_at=dt.datetime(2026, 11, 29, 7, 0, 0, tzinfo=UTC),
        title="The latest day a journal holds",
        text="2100-12-31",
        ratings={"influence": 2, "mentor": -2},
    ),
]

#: The journal each schema version wrote, and the entries it holds, oldest
#: first. A new schema version adds a line here and a file in tests/data.
FIXTURES = {
    "journal-v1.db": V1_ENTRIES,
    "journal-v2.db": V1_ENTRIES,
    "journal-v3.db": V1_ENTRIES,
    "journal-v4.db": V1_ENTRIES,
    "journal-v5.db": V1_ENTRIES,
    "journal-v6.db": V1_ENTRIES,
}


def applied_migrations(path: Path) -> list[str]:
    """The leaderjournal migrations recorded in the journal at ``path``."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id",
            (schema.MIGRATION_SET,),
        ).fetchall()
    finally:
        conn.close()
    return [name for (name,) in rows]


def entry_ids(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {i for (i,) in conn.execute("SELECT id FROM entries")}
    finally:
        conn.close()


@pytest.fixture(params=sorted(FIXTURES))
def fixture_name(request) -> str:
    return request.param


@pytest.fixture
def old_journal(fixture_name, data_dir) -> Path:
    """A copy of a fixture journal as the journal of ``data_dir``."""
    data_dir.mkdir()
    target = data_dir / "journal.db"
    shutil.copyfile(DATA / fixture_name, target)
    return target


# -- the fixtures themselves -----------------------------------------------------------


def test_there_is_a_frozen_journal_for_every_schema_version():
    versions = {
        int(re.fullmatch(r"journal-v(\d+)\.db", p.name)[1])
        for p in DATA.glob("journal-v*.db")
    }
    assert versions == set(range(1, len(schema.known_migrations()) + 1))
    assert {p.name for p in DATA.glob("journal-v*.db")} == set(FIXTURES)


def test_the_fixtures_are_clean_closed_small_files():
    assert (DATA / "README.md").is_file()
    for name in FIXTURES:
        path = DATA / name
        assert path.stat().st_size < 200_000, name
        for side in ("-wal", "-shm", "-journal"):
            assert not (DATA / (name + side)).exists(), name + side
        # A read of the raw header: a SQLite 3 database, not an empty file.
        assert path.read_bytes()[:16] == b"SQLite format 3\x00"
    assert not (DATA / "journal.lock").exists()


# -- opening an old journal ------------------------------------------------------------


def test_an_old_journal_opens_with_every_migration_applied(
    fixture_name, old_journal, data_dir
):
    frozen = DATA / fixture_name
    frozen_sha = sha256(frozen)
    had = applied_migrations(old_journal)
    pending = set(schema.known_migrations()) - set(had)
    assert set(had) <= set(schema.known_migrations())

    with Journal(data_dir) as journal:
        stored = list(journal.entries.iter_all())
        backup_dir = journal.backup_dir

    assert applied_migrations(old_journal) == list(schema.known_migrations())
    expected = FIXTURES[fixture_name]
    assert stored == expected
    # Equal datetimes may differ in their offset; the offset is kept too.
    assert [repr(e) for e in stored] == [repr(e) for e in expected]

    upgrade_backups = [b for b in list_backups(backup_dir) if b.reason]
    assert all(b.reason == "before-upgrade" for b in upgrade_backups)
    if pending:
        # The journal as it was, before any migration touched it.
        assert len(upgrade_backups) == 1
        [before] = upgrade_backups
        assert check_file(before.path) is None
        assert applied_migrations(before.path) == had
        assert entry_ids(before.path) == {e.id for e in expected}
    else:
        # Nothing to upgrade (journal-v1 with this version): no backup.
        assert upgrade_backups == []
    assert sha256(frozen) == frozen_sha  # the fixture itself is never touched


def test_an_old_journal_opens_the_same_a_second_time(old_journal, data_dir):
    with Journal(data_dir):
        pass
    made = list_backups(data_dir / "backups")
    with Journal(data_dir) as journal:
        assert journal.entries.count() == len(V1_ENTRIES)
    # The second opening has nothing to migrate, so it backs nothing up.
    assert list_backups(data_dir / "backups") == made


def test_the_v1_journal_is_searchable_and_editable(data_dir):
    data_dir.mkdir()
    shutil.copyfile(DATA / "journal-v1.db", data_dir / "journal.db")
    with Journal(data_dir) as journal:
        found = journal.entries.search("delegated")
        assert [e.id for e in found] == ["00000000-0000-4000-8000-000000000002"]
        assert [
            e.title for e in journal.entries.search("\u05e9\u05dc\u05d5\u05dd")
        ] == ["\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd"]
        assert "release" in journal.entries.tags()
        first = journal.entries.get("00000000-0000-4000-8000-000000000005")
        journal.entries.save(
            first.edited(at=dt.datetime(2026, 12, 1, tzinfo=UTC), text="now written")
        )
        journal.entries.add(Entry.new(dt.date(2026, 12, 1), text="a new one"))
    with Journal(data_dir) as journal:
        assert journal.entries.count() == len(V1_ENTRIES) + 1
        edited = journal.entries.get("00000000-0000-4000-8000-000000000005")
        assert edited.text == "now written"


# -- the backup made before migrating --------------------------------------------------


def test_needs_upgrade_is_false_for_a_new_empty_database(tmp_path):
    db = connect(tmp_path / "new.db")
    try:
        assert schema.needs_upgrade(db) is False
    finally:
        db.close()


def test_needs_upgrade_is_false_for_an_up_to_date_journal(data_dir):
    with Journal(data_dir) as journal:
        assert schema.needs_upgrade(journal.connection) is False


def test_needs_upgrade_is_true_when_only_some_migrations_are_applied(tmp_path):
    # A database on which this migration set has run, but not all of it:
    # what an older LeaderJournal leaves once a newer migration exists.
    path = tmp_path / "older.db"
    db = connect(path)
    try:
        recorded = schema.sqlite_utils_database(db)
        schema.migrations().ensure_migrations_table(recorded)
        recorded["_sqlite_migrations"].insert(
            {
                "migration_set": schema.MIGRATION_SET,
                "name": "m000_an_older_step",
                "applied_at": "2026-01-01 00:00:00.000000+00:00",
            }
        )
        assert schema.needs_upgrade(db) is True
    finally:
        db.close()


def test_the_backup_before_migrating_is_checked_and_named_for_it(data_dir):
    with Journal(data_dir) as journal:
        journal.entries.add(
            Entry.new(
                dt.date(2026, 3, 2),
                at=dt.datetime(2026, 3, 2, 9, tzinfo=UTC),
                text="before the upgrade",
            )
        )
        assert list_backups(journal.backup_dir) == []
        # What open_journal_database calls when migrations are pending.
        journal._before_migrating(journal.connection)
        [made] = list_backups(journal.backup_dir)
    assert made.reason == "before-upgrade"
    assert made.path.parent == data_dir / "backups"
    assert re.fullmatch(r"journal-\d{8}T\d{6}-before-upgrade\.db", made.path.name)
    assert check_file(made.path) is None
    conn = sqlite3.connect(made.path)
    try:
        texts = [t for (t,) in conn.execute("SELECT text FROM entries")]
    finally:
        conn.close()
    assert texts == ["before the upgrade"]


@pytest.mark.parametrize("name", ["journal-v2.db", "journal-v3.db", "journal-v4.db"])
def test_journals_since_v2_keep_their_reviews_and_targets(name, data_dir):
    data_dir.mkdir()
    shutil.copyfile(DATA / name, data_dir / "journal.db")
    with Journal(data_dir) as journal:
        w10 = journal.reviews.notes("2026-W10")
        w11 = journal.reviews.notes("2026-W11")
        targets = journal.reviews.targets()
    assert (w10.reflection, w10.intention, w10.kept) == (
        "A week of delegating.",
        "Ask before answering.",
        None,
    )
    assert (w11.reflection, w11.kept) == ("Kept it twice.", True)
    assert targets == {"overall": 25.0, "mentor": 50.0}


# -- the first rating renamed from power to influence (m004) ---------------------------


def columns_of(path: Path, table: str) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    finally:
        conn.close()


def test_a_v3_journal_s_power_rating_and_target_come_back_as_influence(data_dir):
    data_dir.mkdir()
    journal_db = data_dir / "journal.db"
    shutil.copyfile(DATA / "journal-v3.db", journal_db)
    # A target for the first dimension, as a version before the rename kept it.
    conn = sqlite3.connect(journal_db)
    with conn:
        conn.execute("INSERT INTO targets (key, lean) VALUES ('power', 30.0)")
    conn.close()

    with Journal(data_dir) as journal:
        planning = journal.entries.get("00000000-0000-4000-8000-000000000002")
        targets = journal.reviews.targets()
        backup_dir = journal.backup_dir

    assert planning.ratings["influence"] == 2
    assert targets == {"overall": 25.0, "mentor": 50.0, "influence": 30.0}
    assert "influence" in columns_of(journal_db, "entries")
    assert "power" not in columns_of(journal_db, "entries")
    # The backup made before the upgrade is the journal as it was.
    [before] = [b for b in list_backups(backup_dir) if b.reason]
    assert check_file(before.path) is None
    assert "power" in columns_of(before.path, "entries")
    conn = sqlite3.connect(before.path)
    try:
        kept = dict(conn.execute("SELECT key, lean FROM targets"))
        [(rating,)] = conn.execute(
            "SELECT power FROM entries WHERE id = ?",
            ("00000000-0000-4000-8000-000000000002",),
        )
    finally:
        conn.close()
    assert kept == {"overall": 25.0, "mentor": 50.0, "power": 30.0}
    assert rating == 2


def test_the_renamed_column_keeps_its_check(data_dir):
    with Journal(data_dir) as journal:
        conn = journal.connection.conn
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(
                "INSERT INTO entries (id, date, created_at, updated_at, influence) "
                "VALUES ('x', '2026-03-02', '', '', 3)"
            )
        conn.rollback()


def test_a_backup_from_before_the_rename_restores_with_influence(data_dir, tmp_path):
    old = tmp_path / "before-the-rename.db"
    shutil.copyfile(DATA / "journal-v3.db", old)
    conn = sqlite3.connect(old)
    with conn:
        conn.execute("INSERT INTO targets (key, lean) VALUES ('power', -40.0)")
    conn.close()
    before = sha256(old)

    with Journal(data_dir) as journal:
        journal.restore(old)
        planning = journal.entries.get("00000000-0000-4000-8000-000000000002")
        assert planning.ratings["influence"] == 2
        assert journal.reviews.targets()["influence"] == -40.0
    assert applied_migrations(data_dir / "journal.db") == list(
        schema.known_migrations()
    )
    assert sha256(old) == before  # the backup itself is left as it was


# -- the search index merged once (m005) -----------------------------------------------

MERGING_MIGRATION = "m005_search_index_merged"


def index_segments(path: Path) -> int:
    """How many segments a journal's search index is in (FTS5 numbers a
    segment's pages from its id shifted left by 37 bits)."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT count(DISTINCT id >> 37) FROM entries_fts_data WHERE id >= 1 << 37"
        ).fetchone()[0]
    finally:
        conn.close()


def test_a_search_index_in_many_segments_is_merged_once(data_dir):
    data_dir.mkdir(mode=0o700)
    path = data_dir / "journal.db"
    db = connect(path)
    try:
        db.execute("PRAGMA journal_mode = WAL")
        schema.apply_first(db, schema.known_migrations().index(MERGING_MIGRATION))
        # One statement per entry, as saves write them: a segment each.
        at = "2026-03-02T09:00:00+00:00"
        for number in range(40):
            with db.conn:
                db.execute(
                    "INSERT INTO entries (id, date, created_at, updated_at, text) "
                    "VALUES (?, '2026-03-02', ?, ?, ?)",
                    (
                        str(uuid.UUID(int=number + 1, version=4)),
                        at,
                        at,
                        f"kintsugi {number}",
                    ),
                )
    finally:
        db.close()
    assert index_segments(path) > 1

    with Journal(data_dir) as journal:
        assert journal.entries.count() == 40
        assert [e.text for e in journal.entries.search("kintsugi 7")] == ["kintsugi 7"]
        assert len(journal.entries.search("kintsugi")) == 40

    assert index_segments(path) == 1
