"""The one rule for where export and backup may write, the folders they may
make, and the leftovers of interrupted writes, checked on real files."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.paths import ensure_private_dir
from leaderjournal.storage import backups
from leaderjournal.storage.backup_copy import BackupError
from leaderjournal.storage.journal import Journal
from leaderjournal.storage.targets import TargetError, check_write_target, kind_of
from tests.files import mode, posix_only, sha256

pytestmark = posix_only


@pytest.fixture
def data(data_dir: Path) -> Path:
    """A closed plain journal with one entry and one backup: where a file may
    be written depends on its path, not on what the journal holds, so these
    tests run on the plain kind (those that open it run on both)."""
    with Journal(data_dir) as journal:
        journal.entries.add(Entry.new(dt.date(2026, 3, 2), text="kept"))
        journal.backup_now()
    return data_dir


def refusal(target: Path, data_dir: Path | None) -> str:
    with pytest.raises(TargetError) as refused:
        check_write_target(target, data_dir)
    message = str(refused.value)
    assert "\n" not in message
    assert message.endswith("Nothing was written.")
    return message


# -- what may be written -------------------------------------------------------------


def test_a_new_file_in_an_existing_folder_is_fine(data, tmp_path):
    assert check_write_target(tmp_path / "out.csv", data) == tmp_path / "out.csv"


def test_a_relative_name_is_taken_from_the_current_folder(data, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert check_write_target(Path("out.csv"), data) == tmp_path / "out.csv"


def test_a_link_gives_the_file_it_points_to(data, tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old")
    first = tmp_path / "first.csv"
    first.symlink_to(real)
    second = tmp_path / "second.csv"
    second.symlink_to(first)
    assert check_write_target(second, data) == real
    assert check_write_target(first, data) == real


def test_a_link_to_a_new_file_in_an_existing_folder_is_refused(data, tmp_path):
    # cp does not write through a dangling link either
    link = tmp_path / "dangling.csv"
    link.symlink_to(tmp_path / "not-yet.csv")
    assert "does not exist" in refusal(link, data)


def test_another_file_in_the_data_folder_is_fine(data):
    # Only the journal's own files are refused, not the folder's other files.
    assert check_write_target(data / "notes.csv", data) == data / "notes.csv"


# -- the journal's files -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("journal.db", "the journal itself"),
        ("journal.db-wal", "write-ahead log"),
        ("journal.db-shm", "shared-memory"),
        ("journal.db-journal", "rollback journal"),
        ("journal.lock", "lock"),
        ("journal.key", "key"),
    ],
)
def test_each_file_of_the_journal_is_refused_even_when_absent(data, name, said):
    message = refusal(data / name, data)
    assert name in message
    assert said in message


def test_the_backups_and_anything_in_their_folder_are_refused(data):
    [made] = backups.list_backups(data / "backups")
    assert "backups" in refusal(made.path, data)
    assert "backups" in refusal(data / "backups" / "new.csv", data)
    assert "backups" in refusal(data / "backups", data)


def test_the_data_folder_itself_is_refused(data):
    assert "data folder" in refusal(data, data)


def test_a_data_folder_named_through_a_link_is_still_protected(data, tmp_path):
    alias = tmp_path / "alias"
    alias.symlink_to(data)
    assert "the journal itself" in refusal(data / "journal.db", alias)
    assert "the journal itself" in refusal(alias / "journal.db", data)


def test_hard_links_of_the_journal_and_of_a_backup_are_refused(data, tmp_path):
    os.link(data / "journal.db", tmp_path / "other-name.db")
    [made] = backups.list_backups(data / "backups")
    os.link(made.path, tmp_path / "backup-copy.db")
    assert "the journal itself" in refusal(tmp_path / "other-name.db", data)
    assert "backups" in refusal(tmp_path / "backup-copy.db", data)


def test_a_link_to_the_lock_is_refused_and_says_it_is_a_link(data, tmp_path):
    link = tmp_path / "lock.csv"
    link.symlink_to(data / "journal.lock")
    message = refusal(link, data)
    assert str(link) in message
    assert "journal.lock" in message


# -- things that are not files -------------------------------------------------------


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_the_machines_devices_are_refused(device):
    # Only checked, never written: check_write_target writes nothing.
    if not Path(device).exists():
        pytest.skip(f"{device} does not exist here")
    assert "device" in refusal(Path(device), None)
    assert stat.S_ISCHR(Path(device).stat().st_mode)


def test_a_fifo_a_folder_and_a_link_to_a_device_are_refused(data, tmp_path):
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "folder").mkdir()
    (tmp_path / "null-link").symlink_to(os.devnull)
    assert "named pipe" in refusal(tmp_path / "fifo", data)
    assert "folder" in refusal(tmp_path / "folder", data)
    assert "device" in refusal(tmp_path / "null-link", data)
    assert (tmp_path / "null-link").is_symlink()


def test_a_link_loop_is_refused(data, tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    assert "a" in refusal(tmp_path / "a", data)


def test_a_file_in_place_of_a_folder_is_refused(data, tmp_path):
    (tmp_path / "a-file").write_text("x")
    assert "not a folder" in refusal(tmp_path / "a-file" / "out.csv", data)


def test_kind_of_names_what_is_not_a_regular_file(tmp_path):
    assert kind_of(tmp_path) == "a folder"
    assert kind_of(Path(os.devnull)) == "a device"
    (tmp_path / "f").write_text("")
    assert kind_of(tmp_path / "f") is None
    assert kind_of(tmp_path / "missing") is None


# -- folders: made private, never changed when they were already there --------------


@pytest.mark.parametrize("existing_mode", [0o1777, 0o755, 0o750])
def test_an_existing_folder_keeps_its_mode(tmp_path, existing_mode):
    folder = tmp_path / "theirs"
    folder.mkdir()
    folder.chmod(existing_mode)
    assert ensure_private_dir(folder) == folder
    assert mode(folder) == existing_mode


def test_missing_folders_are_made_private_and_the_parent_is_left_alone(tmp_path):
    tmp_path.chmod(0o755)
    deep = tmp_path / "a" / "b" / "c"
    ensure_private_dir(deep)
    assert mode(tmp_path) == 0o755
    for folder in (tmp_path / "a", tmp_path / "a" / "b", deep):
        assert mode(folder) == 0o700, folder


def test_the_apps_own_folder_is_made_private_even_when_it_existed(tmp_path):
    own = tmp_path / "data"
    own.mkdir()
    own.chmod(0o755)
    ensure_private_dir(own, app_folder=True)
    assert mode(own) == 0o700


def test_a_file_where_the_folder_should_be_is_an_error(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(FileExistsError):
        ensure_private_dir(tmp_path / "f" / "sub")
    assert (tmp_path / "f").read_text() == "x"


# -- leftovers ------------------------------------------------------------------------


def test_remove_leftovers_takes_only_what_an_interrupted_write_leaves(data):
    folder = data / "backups"
    [made] = backups.list_backups(folder)
    kept_backup = sha256(made.path)
    leftovers = [
        folder / "journal-20260301T090000.db.part",
        folder / "journal-20260301T090000-before-restore.db.part",
        folder / "journal-20260301T090000.db.part-journal",
        data / "journal.db.restoring",
        data / "journal.db.restoring.part",
        data / "journal.db.restoring.part-journal",
    ]
    for leftover in leftovers:
        leftover.write_bytes(b"half")
    theirs = [
        folder / "mine.db.part",
        folder / "journal-2026.db.part",
        data / "journal.db.part",
        data / "notes.restoring",
    ]
    for path in theirs:
        path.write_text("keep")
    (data / "journal.db.restoring.part-wal").mkdir()  # not a file: left alone

    removed = backups.remove_leftovers(data)

    assert sorted(removed) == sorted(leftovers)
    assert not any(p.exists() for p in leftovers)
    assert all(p.read_text() == "keep" for p in theirs)
    assert sha256(made.path) == kept_backup
    assert (data / "journal.db.restoring.part-wal").is_dir()


def test_a_leftover_that_is_a_link_is_removed_without_touching_what_it_points_to(
    data,
):
    before = sha256(data / "journal.db")
    link = data / "journal.db.restoring"
    link.symlink_to(data / "journal.db")
    assert backups.remove_leftovers(data) == [link]
    assert not os.path.lexists(link)
    assert sha256(data / "journal.db") == before


def test_remove_leftovers_of_a_folder_without_a_journal_is_quiet(tmp_path):
    assert backups.remove_leftovers(tmp_path / "nothing here") == []
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "backups").write_text("a file, not a folder")
    assert backups.remove_leftovers(tmp_path / "data") == []


# -- copy_database refuses by itself ----------------------------------------------


def test_copy_database_refuses_the_journal_of_its_source(data):
    # Plain: it opens journal.db itself with sqlite3.
    before = sha256(data / "journal.db")
    source = sqlite3.connect(data / "journal.db")
    try:
        with pytest.raises(BackupError, match="the journal itself"):
            backups.copy_database(source, data / "journal.db")
    finally:
        source.close()
    assert sha256(data / "journal.db") == before


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_make_backup_makes_the_backups_folder_private(journal_kind, data_dir):
    with journal_kind.new(data_dir) as journal:
        journal.backup_now()
        (data_dir / "backups").chmod(0o755)
        made = journal.backup_now()
    data = data_dir
    assert mode(data / "backups") == 0o700
    assert mode(made.path) == 0o600
