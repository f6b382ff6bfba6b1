"""A damaged journal is refused untouched, and can be replaced by a backup.

Each damaged journal starts as a real journal with entries, closed (so its
WAL is checkpointed and gone), backed up while it was sound, and then
damaged on disk the way a failing disk or a stray program would.
"""

import datetime as dt
import random
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.storage.backup_copy import BackupError, check_file
from leaderjournal.storage.failures import DamagedJournalError, NotAJournalError
from leaderjournal.storage.journal import Journal, recover_from_backup
from tests.files import sha256, wal_bytes
from tests.storage.sandbox import FILL_THE_DISK, run_on_mount

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
WRITTEN = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
WORDS = ["delegated", "coached", "reviewed", "budget", "hired", "listened", "shipped"]
ENTRY_COUNT = 400


def page_size(path: Path) -> int:
    size = int.from_bytes(path.read_bytes()[16:18], "big")
    return 65536 if size == 1 else size


# -- ways to damage a journal ----------------------------------------------------------


def overwrite_pages_in_the_middle(path: Path) -> None:
    """Random bytes over four whole pages in the middle of the file."""
    data = bytearray(path.read_bytes())
    size = page_size(path)
    pages = len(data) // size
    rng = random.Random(20261129)
    for page in range(pages // 2, pages // 2 + 4):
        data[page * size : (page + 1) * size] = rng.randbytes(size)
    path.write_bytes(bytes(data))


def overwrite_a_table_page_header(path: Path) -> None:
    """Garbage over the b-tree page header of a page of the entries table."""
    conn = sqlite3.connect(path)
    try:
        [(root,)] = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'entries'"
        ).fetchall()
    finally:
        conn.close()
    size = page_size(path)
    offset = (root - 1) * size + (100 if root == 1 else 0)
    data = bytearray(path.read_bytes())
    data[offset : offset + 12] = b"\x17" * 12  # not a page type SQLite knows
    path.write_bytes(bytes(data))


def truncate_to_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def replace_with_text(path: Path) -> None:
    path.write_text(
        "Dear diary,\nThis file was saved over the journal by a text editor.\n" * 40
    )


DAMAGE: dict[str, Callable[[Path], None]] = {
    "overwritten-pages": overwrite_pages_in_the_middle,
    "overwritten-page-header": overwrite_a_table_page_header,
    "truncated": truncate_to_half,
    "text-file": replace_with_text,
}


# -- fixtures --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    rng = random.Random(7)
    return [
        Entry.new(
            dt.date(2025, 1, 1) + dt.timedelta(days=n % 365),
            at=WRITTEN,
            title=f"Entry {n}",
            text=" ".join(rng.choice(WORDS) for _ in range(150)),
            ratings={"influence": rng.choice([-2, -1, 0, 1, 2, None])},
            tags=(rng.choice(["1:1", "team", "hiring"]),),
        )
        for n in range(ENTRY_COUNT)
    ]


@pytest.fixture(scope="module")
def _sound(tmp_path_factory: pytest.TempPathFactory, entries) -> tuple[Path, Path]:
    """A closed journal of several hundred KB and a backup made while sound,
    made once: each test damages a copy of them."""
    folder = tmp_path_factory.mktemp("sound")
    with Journal(folder / "data") as journal:
        journal.entries.save_many(entries)
        backup = journal.backup_now(folder / "good-backup.db").path
    journal_file = folder / "data" / "journal.db"
    assert journal_file.stat().st_size > 300_000
    assert wal_bytes(journal_file) == 0
    return folder / "data", backup


@pytest.fixture
def good_backup(_sound, data_dir, tmp_path) -> Path:
    """This test's copy of the sound journal (in ``data_dir``) and its backup."""
    sound_data, sound_backup = _sound
    shutil.copytree(sound_data, data_dir)
    return Path(shutil.copy2(sound_backup, tmp_path / sound_backup.name))


@pytest.fixture(params=sorted(DAMAGE))
def damage(request) -> str:
    return request.param


@pytest.fixture
def damaged(good_backup, data_dir, damage) -> Path:
    """The journal, damaged in one way; returns journal.db."""
    journal_file = data_dir / "journal.db"
    before = journal_file.read_bytes()
    DAMAGE[damage](journal_file)
    assert journal_file.read_bytes() != before
    return journal_file


# -- refusing a damaged journal --------------------------------------------------------


def test_a_damaged_journal_is_refused(damaged, data_dir, damage):
    with pytest.raises(DamagedJournalError) as caught:
        Journal(data_dir)
    if damage == "text-file":
        assert isinstance(caught.value, NotAJournalError)


def test_the_refusal_says_what_is_wrong_and_that_nothing_changed(
    damaged, data_dir, damage
):
    with pytest.raises(DamagedJournalError) as caught:
        Journal(data_dir)
    message = str(caught.value)
    assert str(damaged) in message
    if damage == "text-file":
        assert "not a SQLite database" in message
    else:
        assert "damaged" in message
    assert re.search(r"not been changed|left untouched|unchanged", message), message
    assert "\n" not in message


def test_a_damaged_journal_is_left_byte_for_byte_as_it_was(damaged, data_dir):
    before = sha256(damaged)
    size = damaged.stat().st_size
    for _ in range(2):  # and every time it is tried again
        with pytest.raises(DamagedJournalError):
            Journal(data_dir)
        assert sha256(damaged) == before
        assert damaged.stat().st_size == size
        assert wal_bytes(damaged) == 0  # nothing waiting to be merged into it


def test_a_damaged_journal_frees_its_folder(damaged, data_dir, good_backup):
    # The failed opening must not keep the lock: recovery needs it.
    with pytest.raises(DamagedJournalError):
        Journal(data_dir)
    recover_from_backup(data_dir, good_backup)


def test_check_file_finds_the_damage_without_changing_the_file(damaged):
    before = sha256(damaged)
    problem = check_file(damaged)
    assert problem is not None
    assert str(damaged) in problem
    assert sha256(damaged) == before


# -- recovering from a backup ----------------------------------------------------------


def test_recovery_restores_the_entries_from_the_backup(
    damaged, data_dir, good_backup, entries
):
    with pytest.raises(DamagedJournalError):
        Journal(data_dir)

    recover_from_backup(data_dir, good_backup)

    with Journal(data_dir) as journal:
        assert journal.entries.count() == ENTRY_COUNT
        assert {e.id for e in journal.entries.iter_all()} == {e.id for e in entries}
        assert journal.entries.get(entries[-1].id) == entries[-1]
        assert journal.entries.search("delegated")
        journal.entries.add(Entry.new(dt.date(2026, 3, 3), text="after recovery"))
        assert journal.entries.count() == ENTRY_COUNT + 1
    assert check_file(damaged) is None


def test_recovery_keeps_the_damaged_file_aside_exactly(damaged, data_dir, good_backup):
    damaged_bytes = damaged.read_bytes()
    with pytest.raises(DamagedJournalError):
        Journal(data_dir)

    aside = recover_from_backup(data_dir, good_backup)

    assert aside is not None
    assert aside.parent == data_dir
    assert re.fullmatch(r"journal\.damaged-\d{8}T\d{6}\.db", aside.name), aside.name
    assert aside.read_bytes() == damaged_bytes
    assert wal_bytes(aside) == 0
    assert list(data_dir.glob("journal.damaged-*.db")) == [aside]
    assert not list(data_dir.glob("*.part")) + list(data_dir.glob("*.restoring"))


def test_recovery_leaves_the_backup_as_it_was(damaged, data_dir, good_backup):
    before = sha256(good_backup)
    recover_from_backup(data_dir, good_backup)
    with Journal(data_dir) as journal:
        journal.entries.add(Entry.new(dt.date(2026, 3, 3), text="after recovery"))
    assert sha256(good_backup) == before


def test_recovery_from_a_bad_backup_changes_nothing(damaged, data_dir, tmp_path):
    not_a_backup = tmp_path / "not-a-backup.db"
    not_a_backup.write_text("nothing to see")
    before = sha256(damaged)
    with pytest.raises(BackupError):
        recover_from_backup(data_dir, not_a_backup)
    assert sha256(damaged) == before
    assert not list(data_dir.glob("journal.damaged-*"))


# -- a damaged journal that a crash left with a WAL ------------------------------------

CRASH_WHILE_OPEN = """
import datetime as dt, os, signal, sys
from pathlib import Path
from leaderjournal.domain.entry import Entry
from leaderjournal.storage.journal import Journal
journal = Journal(Path(sys.argv[1]))
journal.entries.save(Entry.new(dt.date(2026, 3, 4), text="only in the wal"))
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX only")
def test_a_damaged_journal_with_a_wal_left_by_a_crash_is_not_written_to(
    good_backup, data_dir
):
    # A LeaderJournal was killed with a write still in the WAL; then the
    # journal file itself got damaged. Opening it must not merge the WAL into
    # the damaged file (a checkpoint writes to it), nor delete the WAL.
    subprocess.run(
        [sys.executable, "-c", CRASH_WHILE_OPEN, str(data_dir)],
        cwd=REPO_ROOT,
        timeout=60,
        check=False,
    )
    journal_file = data_dir / "journal.db"
    assert wal_bytes(journal_file) > 0
    overwrite_pages_in_the_middle(journal_file)
    damaged_bytes = journal_file.read_bytes()
    wal = data_dir / "journal.db-wal"
    wal_content = wal.read_bytes()

    with pytest.raises(DamagedJournalError):
        Journal(data_dir)

    assert journal_file.read_bytes() == damaged_bytes
    assert wal.read_bytes() == wal_content

    aside = recover_from_backup(data_dir, good_backup)
    assert aside.read_bytes() == damaged_bytes
    # the WAL went aside with the file it belongs to
    assert aside.with_name(aside.name + "-wal").read_bytes() == wal_content
    with Journal(data_dir) as journal:
        assert journal.entries.count() == ENTRY_COUNT


# -- a repair never removes the journal before its replacement is ready ---------------


def test_a_recovery_whose_copy_fails_leaves_the_journal_where_it_was(
    damaged, data_dir, good_backup
):
    # Something is in the way of the copy being written beside the journal
    # (here a folder under the name the copy is staged as).
    (data_dir / "journal.db.restoring").mkdir()
    damaged_bytes = damaged.read_bytes()

    with pytest.raises(BackupError) as caught:
        recover_from_backup(data_dir, good_backup)

    assert "\n" not in str(caught.value)
    assert damaged.read_bytes() == damaged_bytes
    assert not list(data_dir.glob("journal.damaged-*"))
    with pytest.raises(DamagedJournalError):
        Journal(data_dir)  # still the same damaged journal, offered again


RECOVER_ON_A_FULL_DISK = (
    FILL_THE_DISK
    + """
import json, shutil, sys
from pathlib import Path
from leaderjournal.storage.backup_copy import BackupError
from leaderjournal.storage.journal import recover_from_backup
data, damaged, backup = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
data.mkdir(mode=0o700)
shutil.copyfile(damaged, data / "journal.db")
(data / "journal.lock").write_text("0" * 16)  # room for the lock's process id
fill_the_disk(data)
try:
    recover_from_backup(data, backup)
    outcome = "recovered"
except BackupError as exc:
    outcome = str(exc)
journal = data / "journal.db"
print(json.dumps({
    "outcome": outcome,
    "journal": journal.read_bytes().hex() if journal.exists() else None,
    "files": sorted(p.name for p in data.iterdir()),
}))
"""
)


@pytest.mark.parametrize("damage", ["overwritten-pages"])
def test_a_recovery_on_a_full_disk_leaves_the_journal_where_it_was(
    damaged, good_backup, tmp_path
):
    folder = tmp_path / "small-disk"
    report = run_on_mount(
        folder,
        RECOVER_ON_A_FULL_DISK,
        str(folder / "data"),
        str(damaged),
        str(good_backup),
        tmpfs_size="2m",
    )

    assert report["outcome"] != "recovered"
    assert "\n" not in report["outcome"]
    assert bytes.fromhex(report["journal"]) == damaged.read_bytes()
    assert not [f for f in report["files"] if f.startswith("journal.damaged-")]
