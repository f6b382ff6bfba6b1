"""The encrypted journal's key file in the sync folder: a second computer
opens it with the same passphrase, and a key file of another journal is
refused."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from leaderjournal.errors import LeaderJournalError
from leaderjournal.storage import keyfile
from leaderjournal.storage.keyfile import KdfParams, KeyFileError, WrongPassphraseError
from leaderjournal.sync.changes import Change
from leaderjournal.sync.clock import Stamp
from leaderjournal.sync.errors import SyncKeyError
from leaderjournal.sync.folder import SyncFolder
from leaderjournal.sync.keys import check_key, publish_key, read_key_id, unlock
from leaderjournal.sync.sealing import ChangeKey, key_id

FAST = KdfParams(memory_kib=64, iterations=1, lanes=1)
PASSPHRASE = "blue giraffe"
ENTRY = "3f1c2a9e-8d7b-4c6a-9e5f-1a2b3c4d5e6f"


def _journal(folder: Path, passphrase: str = PASSPHRASE) -> tuple[Path, bytes]:
    """A data folder's key file, as the app writes it; its data key."""
    folder.mkdir(parents=True)
    path = folder / "journal.key"
    data_key, _ = keyfile.create(path, passphrase, recovery=False, kdf=FAST)
    return path, data_key


def test_a_second_computer_opens_the_journal_with_the_same_passphrase(
    tmp_path: Path,
) -> None:
    key_file, data_key = _journal(tmp_path / "office-data")
    sync = tmp_path / "Sync"

    published = publish_key(sync, key_file, data_key)

    assert published == sync / "LeaderJournal" / "journal.key"
    assert published.read_bytes() == key_file.read_bytes()
    assert unlock(sync, PASSPHRASE) == data_key
    # ...and reads the first computer's encrypted changes with it.
    change = Change("entry", ENTRY, Stamp(1, 0, "office"), fields={"title": "Hi"})
    SyncFolder(sync, ChangeKey(data_key)).publish("office", [change])
    home = SyncFolder(sync, ChangeKey(unlock(sync, PASSPHRASE))).read("home", {})
    assert [f.changes for f in home.files] == [(change,)]
    assert home.skipped == []  # the key files are not noted as odd names


def test_the_key_files_in_the_sync_folder_are_the_owners_alone(
    tmp_path: Path,
) -> None:
    key_file, data_key = _journal(tmp_path / "data")
    sync = tmp_path / "Sync"

    publish_key(sync, key_file, data_key)

    base = sync / "LeaderJournal"
    if os.name == "posix":
        for name in ("journal.key", "journal.key-id"):
            assert stat.S_IMODE((base / name).stat().st_mode) == 0o600, name
    assert sorted(p.name for p in base.iterdir()) == ["journal.key", "journal.key-id"]


def test_the_key_id_names_the_journal_without_revealing_its_key(
    tmp_path: Path,
) -> None:
    key_file, data_key = _journal(tmp_path / "data")
    sync = tmp_path / "Sync"

    publish_key(sync, key_file, data_key)

    written = read_key_id(sync)
    assert written == key_id(data_key)
    assert written is not None
    assert written not in data_key.hex()
    assert (sync / "LeaderJournal/journal.key-id").read_text() == written + "\n"


def test_a_wrong_passphrase_on_the_second_computer_is_said_plainly(
    tmp_path: Path,
) -> None:
    key_file, data_key = _journal(tmp_path / "data")
    publish_key(tmp_path / "Sync", key_file, data_key)

    with pytest.raises(WrongPassphraseError, match="passphrase does not open"):
        unlock(tmp_path / "Sync", "red giraffe")


def test_a_sync_folder_of_another_journal_is_refused_and_left_as_it_was(
    tmp_path: Path,
) -> None:
    theirs, their_key = _journal(tmp_path / "theirs", "another passphrase")
    ours, our_key = _journal(tmp_path / "ours")
    sync = tmp_path / "Sync"
    publish_key(sync, theirs, their_key)
    before = {p.name: p.read_bytes() for p in (sync / "LeaderJournal").iterdir()}

    with pytest.raises(SyncKeyError, match="another encrypted journal"):
        publish_key(sync, ours, our_key)
    with pytest.raises(SyncKeyError, match="another encrypted journal"):
        check_key(sync, our_key)

    after = {p.name: p.read_bytes() for p in (sync / "LeaderJournal").iterdir()}
    assert after == before
    assert check_key(sync, their_key) is True


def test_a_sync_folder_without_a_key_is_not_an_encrypted_journals(
    tmp_path: Path,
) -> None:
    _, data_key = _journal(tmp_path / "data")

    assert check_key(tmp_path / "Sync", data_key) is False
    with pytest.raises(SyncKeyError, match="no key file"):
        unlock(tmp_path / "Sync", PASSPHRASE)


def test_a_changed_passphrase_is_published_again(tmp_path: Path) -> None:
    key_file, data_key = _journal(tmp_path / "data")
    sync = tmp_path / "Sync"
    publish_key(sync, key_file, data_key)

    keyfile.rewrap(key_file, data_key, "new passphrase", kdf=FAST)
    publish_key(sync, key_file, data_key)

    assert unlock(sync, "new passphrase") == data_key
    with pytest.raises(WrongPassphraseError):
        unlock(sync, PASSPHRASE)


def test_a_key_file_swapped_for_another_journals_is_refused_on_unlock(
    tmp_path: Path,
) -> None:
    # Someone who can write to the sync folder puts another key file there,
    # wrapped by the same passphrase, but cannot make its id match.
    ours, our_key = _journal(tmp_path / "ours")
    theirs, _ = _journal(tmp_path / "theirs")
    sync = tmp_path / "Sync"
    publish_key(sync, ours, our_key)
    (sync / "LeaderJournal/journal.key").write_bytes(theirs.read_bytes())

    with pytest.raises(SyncKeyError, match="does not match"):
        unlock(sync, PASSPHRASE)


def test_a_key_file_without_its_id_is_refused(tmp_path: Path) -> None:
    key_file, data_key = _journal(tmp_path / "data")
    sync = tmp_path / "Sync"
    publish_key(sync, key_file, data_key)
    (sync / "LeaderJournal/journal.key-id").unlink()

    with pytest.raises(SyncKeyError, match="id"):
        unlock(sync, PASSPHRASE)
    with pytest.raises(SyncKeyError, match="id"):
        publish_key(sync, key_file, data_key)


@pytest.mark.parametrize(
    "content",
    [b"", b"not hex\n", b"ABCDEF0123456789\n", b"0" * 17 + b"\n", b"0" * 10_000_000],
)
def test_a_damaged_key_id_is_named_not_trusted(tmp_path: Path, content: bytes) -> None:
    key_file, data_key = _journal(tmp_path / "data")
    sync = tmp_path / "Sync"
    publish_key(sync, key_file, data_key)
    (sync / "LeaderJournal/journal.key-id").write_bytes(content)

    with pytest.raises(SyncKeyError, match="damaged"):
        read_key_id(sync)
    with pytest.raises(SyncKeyError, match="damaged"):
        unlock(sync, PASSPHRASE)


@pytest.mark.parametrize(
    "content", [b"", b"{}", b"\xff" * 100, b"x" * (keyfile.MAX_FILE_BYTES + 10)]
)
def test_a_damaged_key_file_in_the_sync_folder_is_named(
    tmp_path: Path, content: bytes
) -> None:
    key_file, data_key = _journal(tmp_path / "data")
    sync = tmp_path / "Sync"
    publish_key(sync, key_file, data_key)
    (sync / "LeaderJournal/journal.key").write_bytes(content)

    with pytest.raises(KeyFileError, match="damaged"):
        unlock(sync, PASSPHRASE)


def test_a_damaged_key_file_of_the_journal_is_not_published(tmp_path: Path) -> None:
    key_file, data_key = _journal(tmp_path / "data")
    key_file.write_bytes(b'{"format": "leaderjournal-key"}')

    with pytest.raises(KeyFileError):
        publish_key(tmp_path / "Sync", key_file, data_key)
    assert list((tmp_path / "Sync/LeaderJournal").iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("name", ["journal.key", "journal.key-id"])
def test_a_pipe_in_place_of_a_key_file_is_refused_without_waiting(
    tmp_path: Path, name: str
) -> None:
    key_file, data_key = _journal(tmp_path / "data")
    sync = tmp_path / "Sync"
    publish_key(sync, key_file, data_key)
    (sync / "LeaderJournal" / name).unlink()
    os.mkfifo(sync / "LeaderJournal" / name)

    with pytest.raises(LeaderJournalError, match="not a file"):
        unlock(sync, PASSPHRASE)
