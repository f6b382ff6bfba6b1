"""An encrypted journal: opening it, turning encryption on and off, changing
the passphrase, and its backups."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.entry import Entry
from leaderjournal.domain.review import WeekNotes
from leaderjournal.paths import KEY_FILE
from leaderjournal.storage import cipher
from leaderjournal.storage.backup_copy import BackupError, check_file
from leaderjournal.storage.encryption import KeyFileMissingError
from leaderjournal.storage.failures import DamagedJournalError, JournalEncryptedError
from leaderjournal.storage.journal import (
    Journal,
    change_passphrase,
    decrypt,
    encrypt,
)
from leaderjournal.storage.keyfile import KdfParams, WrongPassphraseError

FAST = KdfParams(memory_kib=64, iterations=1, lanes=1)
PASSPHRASE = "blue giraffe at dawn"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fill(data_dir: Path) -> None:
    with Journal(data_dir) as journal:
        for day in range(1, 8):
            journal.entries.save(
                Entry.new(
                    dt.date(2026, 3, day),
                    title=f"One to one {day}",
                    text=f"Talked with Priya about the roadmap, day {day}.",
                    tags=("coaching", f"day{day}"),
                    advice_requests=day,
                )
            )
        journal.reviews.save_notes(
            WeekNotes("2026-W10", "A good week", "Delegate more", True)
        )
        journal.reviews.set_targets({DIMENSION_KEYS[0]: 1.5})


def _contents(journal: Journal) -> tuple[object, ...]:
    return (
        sorted(journal.entries.iter_all(), key=lambda e: e.id),
        journal.reviews.notes("2026-W10"),
        journal.reviews.targets(),
    )


def test_encrypted_journal_without_passphrase_is_refused_untouched(
    data_dir: Path,
) -> None:
    _fill(data_dir)
    encrypt(data_dir, PASSPHRASE, recovery=False, kdf=FAST)
    journal_file = data_dir / "journal.db"
    before = _sha(journal_file)
    listing = sorted(p.name for p in data_dir.iterdir())
    with pytest.raises(JournalEncryptedError) as caught:
        Journal(data_dir)
    assert str(caught.value) == (
        "This journal is encrypted: its passphrase is needed to open it."
    )
    with pytest.raises(WrongPassphraseError, match="does not open this journal"):
        Journal(data_dir, secret="blue giraffe at dusk")
    assert _sha(journal_file) == before
    assert sorted(p.name for p in data_dir.iterdir()) == listing


def test_encrypt_keeps_everything_and_hides_it(data_dir: Path) -> None:
    _fill(data_dir)
    with Journal(data_dir) as journal:
        original = _contents(journal)
        assert not journal.encrypted
    recovery = encrypt(data_dir, PASSPHRASE, recovery=True, kdf=FAST)
    assert recovery is not None
    journal_file = data_dir / "journal.db"
    assert not cipher.is_plain(journal_file)
    assert b"Priya" not in journal_file.read_bytes()
    assert (data_dir / KEY_FILE).is_file()
    assert not any(".new" in p.name or "crypting" in p.name for p in data_dir.iterdir())
    with Journal(data_dir, secret=PASSPHRASE) as journal:
        assert journal.encrypted
        assert _contents(journal) == original
        assert [e.title for e in journal.entries.search("Priya")]  # FTS5 works
    with Journal(data_dir, secret=recovery) as journal:
        assert _contents(journal) == original


def test_round_trip_on_off_on_keeps_every_entry_review_and_target(
    data_dir: Path,
) -> None:
    _fill(data_dir)
    with Journal(data_dir) as journal:
        original = _contents(journal)
    encrypt(data_dir, PASSPHRASE, recovery=False, kdf=FAST)
    decrypt(data_dir, PASSPHRASE)
    journal_file = data_dir / "journal.db"
    assert cipher.is_plain(journal_file)
    assert not (data_dir / KEY_FILE).exists()
    # The key of the encrypted backups is kept with them.
    assert list((data_dir / "backups").glob("*-decrypted.key"))
    with Journal(data_dir) as journal:
        assert not journal.encrypted
        assert _contents(journal) == original
    encrypt(data_dir, "another one", recovery=False, kdf=FAST)
    with Journal(data_dir, secret="another one") as journal:
        assert _contents(journal) == original


def test_change_passphrase_rewraps_only(data_dir: Path) -> None:
    _fill(data_dir)
    recovery = encrypt(data_dir, PASSPHRASE, recovery=True, kdf=FAST)
    assert recovery is not None
    journal_file = data_dir / "journal.db"
    before = _sha(journal_file)
    change_passphrase(data_dir, PASSPHRASE, "new words", kdf=FAST)
    assert _sha(journal_file) == before
    with pytest.raises(WrongPassphraseError):
        Journal(data_dir, secret=PASSPHRASE)
    with Journal(data_dir, secret="new words") as journal:
        assert journal.entries.count() == 7
    with Journal(data_dir, secret=recovery) as journal:
        assert journal.entries.count() == 7


def test_change_passphrase_with_a_wrong_one_changes_nothing(data_dir: Path) -> None:
    _fill(data_dir)
    encrypt(data_dir, PASSPHRASE, recovery=False, kdf=FAST)
    key_before = _sha(data_dir / KEY_FILE)
    with pytest.raises(WrongPassphraseError):
        change_passphrase(data_dir, "guess", "new words", kdf=FAST)
    assert _sha(data_dir / KEY_FILE) == key_before


def test_plain_journal_keeps_opening_with_sqlite3(data_dir: Path) -> None:
    _fill(data_dir)
    with Journal(data_dir) as journal:
        assert not journal.encrypted
        assert type(journal.connection.conn).__module__ == "sqlite3"
    assert cipher.is_plain(data_dir / "journal.db")


def test_backups_of_an_encrypted_journal_are_encrypted(data_dir: Path) -> None:
    _fill(data_dir)
    encrypt(data_dir, PASSPHRASE, recovery=False, kdf=FAST)
    with Journal(data_dir, secret=PASSPHRASE) as journal:
        daily = journal.daily_backup_if_due()
        manual = journal.backup_now()
        chosen = journal.backup_now(data_dir.parent / "elsewhere" / "copy.db")
        assert daily is not None
        for made in (daily, manual, chosen):
            data = made.path.read_bytes()
            assert not data.startswith(cipher.PLAIN_HEADER)
            assert b"Priya" not in data
            assert b"coaching" not in data
        # A backup of this journal restores; the safety backup is encrypted too.
        journal.entries.save(Entry.new(dt.date(2026, 3, 9), title="after"))
        safety = journal.restore(manual.path)
        assert not safety.path.read_bytes().startswith(cipher.PLAIN_HEADER)
        assert journal.entries.count() == 7
        assert check_file(manual.path) is not None  # no key: refused


def test_restore_refuses_a_backup_of_another_kind(data_dir: Path, tmp_path) -> None:
    _fill(data_dir)
    with Journal(data_dir) as journal:
        plain_backup = journal.backup_now()
    other = tmp_path / "other"
    _fill(other)
    encrypt(other, "other words", recovery=False, kdf=FAST)
    with Journal(other, secret="other words") as journal:
        foreign = journal.backup_now()
    encrypt(data_dir, PASSPHRASE, recovery=False, kdf=FAST)
    with Journal(data_dir, secret=PASSPHRASE) as journal:
        before = _sha(journal.path)
        with pytest.raises(BackupError, match="is not encrypted, and this journal is"):
            journal.restore(plain_backup.path)
        with pytest.raises(BackupError, match="does not open with this journal's key"):
            journal.restore(foreign.path)
        assert journal.entries.count() == 7
    assert _sha(data_dir / "journal.db") == before
    # A plain journal does not take an encrypted backup either.
    decrypt(data_dir, PASSPHRASE)
    with Journal(data_dir) as journal, pytest.raises(BackupError):
        journal.restore(foreign.path)


def test_closing_drops_the_key(data_dir: Path) -> None:
    _fill(data_dir)
    encrypt(data_dir, PASSPHRASE, recovery=False, kdf=FAST)
    journal = Journal(data_dir, secret=PASSPHRASE)
    key = journal._key
    assert key is not None
    journal.close()
    # Nothing the closed journal holds is the key any more.
    assert key not in vars(journal).values()
    assert not journal.encrypted


def test_an_encrypted_journal_without_its_key_file_says_to_put_it_back(
    data_dir: Path,
) -> None:
    _fill(data_dir)
    encrypt(data_dir, PASSPHRASE, recovery=False, kdf=FAST)
    (data_dir / KEY_FILE).rename(data_dir.parent / "elsewhere.key")
    before = _sha(data_dir / "journal.db")

    with pytest.raises(KeyFileMissingError) as raised:
        Journal(data_dir, secret=PASSPHRASE)

    message = str(raised.value)
    assert "journal.key" in message
    assert "put that file back" in message
    assert "damaged" not in message.lower()
    assert _sha(data_dir / "journal.db") == before
    assert not (data_dir / KEY_FILE).exists()
    # Put back, it opens with everything in it.
    (data_dir.parent / "elsewhere.key").rename(data_dir / KEY_FILE)
    with Journal(data_dir, secret=PASSPHRASE) as journal:
        assert journal.entries.count() == 7


def test_a_damaged_plain_journal_is_still_called_damaged(data_dir: Path) -> None:
    _fill(data_dir)
    path = data_dir / "journal.db"
    raw = bytearray(path.read_bytes())
    raw[100:4096] = bytes(len(raw[100:4096]))  # the header stays, the rest is gone
    raw[4096:8192] = b"\xff" * 4096
    path.write_bytes(bytes(raw))
    with pytest.raises(DamagedJournalError):
        Journal(data_dir)
