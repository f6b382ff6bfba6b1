"""Opening the journal file: settings, migrations, refusals and permissions."""

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.storage import database
from leaderjournal.storage.database import connect, open_journal_database
from leaderjournal.storage.failures import (
    DamagedJournalError,
    JournalError,
    JournalUnavailableError,
    NewerJournalError,
    NotAJournalError,
)
from leaderjournal.storage.journal import Journal
from leaderjournal.storage.read_only import open_read_only
from leaderjournal.storage.schema import known_migrations
from tests.files import mode, posix_only, sha256, wal_bytes
from tests.storage.sandbox import FILL_THE_DISK, run_on_mount

DATA = Path(__file__).resolve().parent.parent / "data"
REPO_ROOT = DATA.parent.parent
OTHER_UID = 65534  # "nobody"
#: Root without the power to ignore file permissions.
UNPRIVILEGED = ("setpriv", "--bounding-set=-all", "--inh-caps=-all")

WRITTEN = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def migration_names(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id",
            ("leaderjournal",),
        ).fetchall()
    finally:
        conn.close()
    return [name for (name,) in rows]


@pytest.fixture
def journal_file(data_dir) -> Path:
    """A closed journal holding one entry."""
    with Journal(data_dir) as journal:
        journal.entries.add(
            Entry.new(dt.date(2026, 3, 2), at=WRITTEN, text="kept safe")
        )
        return journal.path


# -- opening ----------------------------------------------------------------------


def test_opening_creates_the_journal_in_the_data_folder(data_dir):
    assert not data_dir.exists()
    with Journal(data_dir) as journal:
        assert journal.path == data_dir / "journal.db"
        assert journal.path.is_file()
        assert journal.entries.count() == 0


def test_entries_survive_closing_and_reopening(journal_file, data_dir):
    with Journal(data_dir) as journal:
        [entry] = journal.entries.on_day(dt.date(2026, 3, 2))
    assert entry.text == "kept safe"


def test_connection_settings(journal_file):
    db = connect(journal_file)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    finally:
        db.close()


def test_a_new_journal_is_in_wal_mode_while_open(data_dir):
    with Journal(data_dir) as journal:
        journal.entries.add(Entry.new(dt.date(2026, 3, 2), at=WRITTEN, text="x"))
        conn = sqlite3.connect(journal.path)
        try:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        finally:
            conn.close()


def test_deleting_an_entry_removes_its_tag_rows(data_dir):
    # foreign_keys=ON is what makes ON DELETE CASCADE work
    with Journal(data_dir) as journal:
        entry = Entry.new(dt.date(2026, 3, 2), at=WRITTEN, tags=("a", "b"))
        journal.entries.add(entry)
        journal.entries.delete(entry.id)
        path = journal.path
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT count(*) FROM entry_tags").fetchone()[0] == 0
    finally:
        conn.close()


# -- migrations -------------------------------------------------------------------


def test_migrations_are_applied_once(data_dir):
    assert known_migrations()  # at least the first schema
    with Journal(data_dir) as journal:
        path = journal.path
    with Journal(data_dir):
        pass
    names = migration_names(path)
    assert names == list(known_migrations())
    assert len(names) == len(set(names))


def test_the_schema_has_what_the_app_needs(journal_file):
    conn = sqlite3.connect(journal_file)
    try:
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()
    assert {"entries", "entry_tags", "entries_fts", "_sqlite_migrations"} <= tables


# -- refusals ---------------------------------------------------------------------


def test_a_journal_from_a_newer_version_is_refused_untouched(journal_file, data_dir):
    conn = sqlite3.connect(journal_file)
    try:
        with conn:
            conn.execute(
                "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                "VALUES ('leaderjournal', 'm999_from_the_future', "
                "'2030-01-01 00:00:00.000000+00:00')"
            )
    finally:
        conn.close()
    assert wal_bytes(journal_file) == 0  # everything is in journal.db itself
    before_bytes = journal_file.read_bytes()
    before_sha = sha256(journal_file)
    before_mtime = journal_file.stat().st_mtime_ns

    with pytest.raises(NewerJournalError, match="newer version") as caught:
        Journal(data_dir)

    assert isinstance(caught.value, JournalError)
    assert "m999_from_the_future" in str(caught.value)
    assert journal_file.read_bytes() == before_bytes
    assert sha256(journal_file) == before_sha
    assert journal_file.stat().st_mtime_ns == before_mtime
    assert wal_bytes(journal_file) == 0
    assert migration_names(journal_file) == [
        *known_migrations(),
        "m999_from_the_future",
    ]


def test_a_newer_journal_is_refused_every_time(journal_file, data_dir):
    conn = sqlite3.connect(journal_file)
    try:
        with conn:
            conn.execute(
                "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                "VALUES ('leaderjournal', 'm999_from_the_future', '2030-01-01')"
            )
    finally:
        conn.close()
    before = sha256(journal_file)
    for _ in range(2):
        with pytest.raises(NewerJournalError):
            Journal(data_dir)
    assert sha256(journal_file) == before


def test_another_apps_migrations_in_the_same_file_are_not_a_newer_journal(
    journal_file, data_dir
):
    conn = sqlite3.connect(journal_file)
    try:
        with conn:
            conn.execute(
                "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                "VALUES ('some-plugin', 'm001_plugin', '2030-01-01')"
            )
    finally:
        conn.close()
    with Journal(data_dir) as journal:
        assert journal.entries.count() == 1


NOT_DATABASES = pytest.mark.parametrize(
    "content",
    [
        b"Dear diary,\nToday I delegated the release.\n" * 20,
        b"hello",
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        b"SQLite format 3\x00" + b"\xff" * 200,  # a damaged header
    ],
    ids=["text", "short-text", "binary", "damaged-header"],
)


@NOT_DATABASES
def test_a_file_that_is_not_a_database_is_refused_untouched(data_dir, content):
    data_dir.mkdir()
    path = data_dir / "journal.db"
    path.write_bytes(content)

    with pytest.raises(NotAJournalError) as caught:
        Journal(data_dir)

    assert isinstance(caught.value, JournalError)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == content
    assert wal_bytes(path) == 0


@NOT_DATABASES
def test_a_file_that_is_not_a_database_is_never_written_to(data_dir, content):
    # Whatever the error says, the person's file must come out unchanged.
    data_dir.mkdir()
    path = data_dir / "journal.db"
    path.write_bytes(content)
    with pytest.raises((JournalError, sqlite3.DatabaseError)):
        Journal(data_dir)
    assert path.read_bytes() == content
    assert wal_bytes(path) == 0


# -- permissions ------------------------------------------------------------------


@posix_only
def test_a_new_journal_is_private(data_dir):
    with Journal(data_dir) as journal:
        journal.entries.add(Entry.new(dt.date(2026, 3, 2), at=WRITTEN, text="x"))
        assert mode(data_dir) == 0o700
        assert mode(journal.path) == 0o600
        # SQLite gives its side files the journal's own mode
        for side in ("journal.db-wal", "journal.db-shm"):
            if (data_dir / side).exists():
                assert mode(data_dir / side) == 0o600, side
    assert mode(journal.path) == 0o600


@posix_only
def test_an_existing_readable_journal_is_made_private(journal_file, data_dir):
    journal_file.chmod(0o644)
    data_dir.chmod(0o755)
    with Journal(data_dir) as journal:
        assert journal.entries.count() == 1
    assert mode(journal_file) == 0o600
    assert mode(data_dir) == 0o700


@posix_only
def test_nested_data_folders_are_created(tmp_path):
    data_dir = tmp_path / "a" / "b" / "LeaderJournal"
    with Journal(data_dir) as journal:
        assert journal.path.is_file()
    assert mode(data_dir) == 0o700
    assert mode(data_dir / "journal.db") == 0o600


def test_checking_connections_do_not_trust_the_schema(journal_file):
    # Functions with side effects are never run from a file's own triggers
    # or views (DESIGN.md, "Files from elsewhere are untrusted").
    for immutable in (True, False):
        conn = open_read_only(journal_file, immutable=immutable)
        try:
            assert conn.execute("PRAGMA trusted_schema").fetchone()[0] == 0
        finally:
            conn.close()


def test_the_journals_connection_does_not_trust_the_schema_where_sqlite_can(
    journal_file,
):
    if not database.schema_runs_untrusted():
        pytest.skip(
            f"SQLite {sqlite3.sqlite_version} does not count json_valid() and "
            "FTS5 as safe for an untrusted schema, so the journal's own "
            "connection trusts its (checked) schema"
        )
    db = connect(journal_file)
    try:
        assert db.execute("PRAGMA trusted_schema").fetchone()[0] == 0
        db.execute("UPDATE entries SET tags = '[\"x\"]'")  # its triggers run
    finally:
        db.close()


@NOT_DATABASES
def test_checking_a_file_that_is_not_a_database_leaves_nothing_beside_it(
    data_dir, content
):
    data_dir.mkdir()
    path = data_dir / "journal.db"
    path.write_bytes(content)
    with pytest.raises(NotAJournalError):
        Journal(data_dir)
    assert sorted(p.name for p in data_dir.iterdir()) == ["journal.db", "journal.lock"]


# -- not damage: the journal cannot be used right now ---------------------------------
#
# A full disk, a read-only folder, a lock held by another program or a folder
# where the journal should be is named for what it is, and never leads to an
# offer to restore a backup (DESIGN.md). These call open_journal_database
# directly: the data folder's own checks before it are tested elsewhere.


def unavailable(path: Path) -> JournalError:
    """Open ``path``; it must fail as unavailable, not as damaged."""
    with pytest.raises(JournalError) as caught:
        open_journal_database(path)
    refusal = caught.value
    assert not isinstance(refusal, DamagedJournalError), str(refusal)
    assert isinstance(refusal, JournalUnavailableError)
    assert "\n" not in str(refusal)
    assert "damaged" not in str(refusal)
    return refusal


def test_a_folder_where_the_journal_should_be_is_not_damage(data_dir):
    (data_dir / "journal.db").mkdir(parents=True)

    refusal = unavailable(data_dir / "journal.db")

    assert "is a folder" in str(refusal)
    assert (data_dir / "journal.db").is_dir()


def test_a_journal_locked_by_another_program_is_not_damage(journal_file):
    other = sqlite3.connect(journal_file)
    try:
        other.execute("PRAGMA locking_mode = EXCLUSIVE")
        other.execute("BEGIN EXCLUSIVE")
        refusal = unavailable(journal_file)
    finally:
        other.rollback()
        other.close()
    assert "another program" in str(refusal)
    with Journal(journal_file.parent) as journal:
        assert journal.entries.count() == 1


OPEN_AND_REPORT = """
import json, sys
from pathlib import Path
from leaderjournal.storage.database import open_journal_database
{setup}
path = Path(sys.argv[1]) / "journal.db"
{before}
try:
    open_journal_database(path).close()
    print(json.dumps({{"opened": True}}))
except Exception as exc:
    kinds = [c.__name__ for c in type(exc).__mro__]
    print(json.dumps({{"opened": False, "error": kinds, "message": str(exc)}}))
"""


def assert_unavailable(report: dict) -> str:
    assert report["opened"] is False, report
    assert "DamagedJournalError" not in report["error"], report["message"]
    assert "JournalUnavailableError" in report["error"], report["message"]
    assert "\n" not in report["message"]
    return report["message"]


@posix_only
def test_a_journal_in_a_read_only_folder_is_not_damage(journal_file, data_dir):
    before = sha256(journal_file)
    script = OPEN_AND_REPORT.format(setup="", before="")

    report = run_on_mount(data_dir, script, str(data_dir), read_only=True)

    assert "read-only" in assert_unavailable(report)
    assert sha256(journal_file) == before


@pytest.mark.parametrize("version", ["v1", "v2", "new"])
def test_a_full_disk_is_not_damage(tmp_path, version):
    # v1 needs an upgrade (and a backup first), v2 only WAL files, a new
    # journal its whole schema: each fails for want of space.
    setup = FILL_THE_DISK + (
        f"import shutil\nsource = {str(DATA / f'journal-{version}.db')!r}\n"
    )
    before = (
        "path.parent.mkdir(mode=0o700)\n"
        + ("shutil.copyfile(source, path)\n" if version != "new" else "")
        + "fill_the_disk(path.parent)\n"
    )
    script = OPEN_AND_REPORT.format(setup=setup, before=before)
    folder = tmp_path / "small-disk"

    report = run_on_mount(folder, script, str(folder / "data"), tmpfs_size="256k")

    message = assert_unavailable(report)
    assert "disk is full" in message
    assert "free some space" in message.lower()


@posix_only
def test_a_journal_that_belongs_to_another_user_is_not_damage(journal_file, data_dir):
    # As root, drop the power to ignore file permissions in the child, and
    # give the journal to another user (as a run with sudo would leave it).
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("giving the journal to another user needs root and setpriv")
    os.chown(journal_file, OTHER_UID, OTHER_UID)
    journal_file.chmod(0o600)
    before = sha256(journal_file)
    script = OPEN_AND_REPORT.format(setup="", before="")

    result = subprocess.run(
        [*UNPRIVILEGED, sys.executable, "-c", script, str(data_dir)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert "permission" in assert_unavailable(report)
    assert sha256(journal_file) == before
