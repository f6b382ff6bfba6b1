"""Problems at start that are not damage: named for what they are, with no
offer to restore a backup, and the journal left exactly as it was."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.storage.journal import Journal
from leaderjournal.ui.app import Startup
from tests.files import sha256

DAY = dt.date(2026, 11, 30)


@pytest.fixture
def startups() -> Iterator[list[Startup]]:
    made: list[Startup] = []
    yield made
    for startup in made:
        if startup.window is not None:
            startup.window.close()
        startup.close()


def start(data_dir: Path, dialogs, startups, qtbot) -> Startup:
    startup = Startup(data_dir, dialogs)
    startups.append(startup)
    startup.start()
    if startup.window is not None:
        qtbot.addWidget(startup.window)
    return startup


def refused_without_a_restore_offer(startup: Startup, dialogs) -> str:
    assert startup.window is None
    assert startup.exit_code == 1
    assert [kind for kind, _title, _text in dialogs.shown] == ["error"]
    return dialogs.shown[0][2]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real, tiny file system (tmpfs) that the test can fill up."""
    if sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small disk needs root on Linux")
    where = tmp_path / "disk"
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(disk: Path) -> None:
    """Write until the disk has no byte left."""
    fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (65536, 4096, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(fd)


def test_a_full_disk_at_start_is_named_and_offers_no_restore(
    qtbot, small_disk, dialogs, startups
):
    data_dir = small_disk / "data"
    with Journal(data_dir) as journal:
        journal.entries.add(Entry.new(DAY, title="Written before the disk filled"))
        journal.backup_now()
    fill(small_disk)
    before = sha256(data_dir / "journal.db")
    dialogs.answer = "OK"

    startup = start(data_dir, dialogs, startups, qtbot)

    text = refused_without_a_restore_offer(startup, dialogs)
    assert "disk is full" in text
    assert "damaged" not in text
    assert sha256(data_dir / "journal.db") == before
    assert not list(data_dir.glob("journal.damaged-*"))
    # Space again: the journal opens with everything in it.
    (small_disk / "filler").unlink()
    with Journal(data_dir) as journal:
        (entry,) = journal.entries.on_day(DAY)
        assert entry.title == "Written before the disk filled"


def test_a_data_folder_that_is_a_file_is_named_at_start(
    qtbot, tmp_path, dialogs, startups
):
    where = tmp_path / "data"
    where.write_text("notes")
    dialogs.answer = "OK"

    startup = start(where, dialogs, startups, qtbot)

    text = refused_without_a_restore_offer(startup, dialogs)
    assert "is a file, not a folder" in text
    assert where.read_text() == "notes"


def test_a_journal_that_is_a_folder_is_not_called_damaged(
    qtbot, tmp_path, dialogs, startups
):
    data_dir = tmp_path / "data"
    with Journal(data_dir) as journal:
        journal.backup_now()
    (data_dir / "journal.db").unlink()
    (data_dir / "journal.db").mkdir()
    dialogs.answer = "OK"

    startup = start(data_dir, dialogs, startups, qtbot)

    text = refused_without_a_restore_offer(startup, dialogs)
    assert "is a folder" in text
    assert (data_dir / "journal.db").is_dir()


def test_an_encrypted_journal_without_its_key_file_asks_for_the_file_back(
    qtbot, tmp_path, dialogs, startups
):
    from leaderjournal.storage.journal import encrypt
    from leaderjournal.storage.keyfile import KdfParams

    data_dir = tmp_path / "data"
    with Journal(data_dir) as journal:
        journal.entries.add(Entry.new(DAY, title="Private", text="About Priya"))
        journal.backup_now()
    encrypt(data_dir, "blue giraffe", recovery=False, kdf=KdfParams(64, 1, 1))
    (data_dir / "journal.key").unlink()
    before = sha256(data_dir / "journal.db")
    dialogs.answer = "OK"

    startup = start(data_dir, dialogs, startups, qtbot)

    text = refused_without_a_restore_offer(startup, dialogs)
    assert "journal.key" in text
    assert "put that file back" in text
    assert startup.passphrase_dialog is None
    assert sha256(data_dir / "journal.db") == before
