"""A conversion (encryption on or off) killed at any moment leaves either the
old or the new journal, never neither, and the key file agrees with it."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sys
import time
from pathlib import Path

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.paths import KEY_FILE
from leaderjournal.storage import cipher, encryption
from leaderjournal.storage.journal import Journal, encrypt
from leaderjournal.storage.keyfile import KdfParams
from tests.storage.killable import Killable

FAST = KdfParams(memory_kib=64, iterations=1, lanes=1)
PASSPHRASE = "kill me softly"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

# Converts the journal one way, over and over, so that a kill lands at a
# random point of a conversion.
CONVERT_FOREVER = """
import sys
from pathlib import Path
from leaderjournal.storage.journal import Journal
from leaderjournal.storage.keyfile import KdfParams
fast = KdfParams(memory_kib=64, iterations=1, lanes=1)
data_dir = Path(sys.argv[1])
print("ready", flush=True)
while True:
    encrypted = (data_dir / "journal.key").exists()
    with Journal(data_dir, secret=sys.argv[2] if encrypted else None) as journal:
        if journal.encrypted:
            journal.decrypt(sys.argv[2])
        else:
            journal.encrypt(sys.argv[2], recovery=False, kdf=fast)
    print("converted", flush=True)
"""


def _fill(data_dir: Path, count: int = 300) -> set[str]:
    with Journal(data_dir) as journal:
        entries = [
            Entry.new(
                dt.date(2026, 1, 1) + dt.timedelta(days=i % 300),
                title=f"Entry {i}",
                text="A longer text about the week " * 20,
                tags=("team",),
            )
            for i in range(count)
        ]
        journal.entries.save_many(entries)
        return {e.id for e in entries}


def _ids_after_the_kill(data_dir: Path) -> set[str]:
    encrypted = not cipher.is_plain(data_dir / "journal.db")
    with Journal(data_dir, secret=PASSPHRASE if encrypted else None) as journal:
        assert journal.encrypted == (not cipher.is_plain(journal.path))
        return {e.id for e in journal.entries.iter_all()}


@pytest.mark.slow
def test_a_kill_during_conversion_leaves_a_journal_with_every_entry(
    data_dir: Path,
) -> None:
    ids = _fill(data_dir)
    rng = random.Random(20261202)
    repo = Path(__file__).resolve().parents[2]
    kinds_seen: set[bool] = set()
    for _run in range(12):
        proc = Killable(CONVERT_FOREVER, str(data_dir), PASSPHRASE, cwd=repo)
        try:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == b"ready"
            # Every other run lets one conversion finish first, so that kills
            # land on both kinds of journal however slow the machine is.
            for _ in range(_run % 2):
                assert proc.stdout.readline().strip() == b"converted"
            time.sleep(rng.uniform(0.0, 0.6))
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
            assert proc.stdout is not None
            assert proc.stderr is not None
            proc.stdout.close()
            proc.stderr.close()
        assert _ids_after_the_kill(data_dir) == ids
        kinds_seen.add((data_dir / KEY_FILE).exists())
        leftovers = [
            p.name
            for p in data_dir.iterdir()
            if "crypting" in p.name or p.name.endswith((".new", ".old", ".tmp"))
        ]
        assert leftovers == []
    assert kinds_seen == {True, False}  # both kinds were left by some kill


def test_a_kill_after_the_encrypted_copy_is_in_place_is_finished(
    data_dir: Path,
) -> None:
    """The moment between the swap and the key file's rename: journal.db is
    encrypted, the key is still journal.key.new."""
    ids = _fill(data_dir, 5)
    encrypt(data_dir, PASSPHRASE, recovery=False, kdf=FAST)
    (data_dir / KEY_FILE).replace(data_dir / encryption.KEY_NEW)
    with Journal(data_dir, secret=PASSPHRASE) as journal:
        assert journal.encrypted
        assert {e.id for e in journal.entries.iter_all()} == ids
    assert (data_dir / KEY_FILE).is_file()
    assert not (data_dir / encryption.KEY_NEW).exists()


def test_a_kill_before_the_swap_is_rolled_back(data_dir: Path) -> None:
    """journal.key.new and a half-written copy beside a plain journal."""
    ids = _fill(data_dir, 5)
    (data_dir / encryption.KEY_NEW).write_text("{}")
    (data_dir / encryption.ENCRYPTING).write_bytes(os.urandom(4096))
    with Journal(data_dir) as journal:
        assert not journal.encrypted
        assert {e.id for e in journal.entries.iter_all()} == ids
    assert sorted(p.name for p in data_dir.iterdir() if "journal" in p.name) == [
        "journal.checked",  # the record of the clean close (see storage.seal)
        "journal.db",
        "journal.lock",
    ]


def test_a_kill_after_the_plain_copy_is_in_place_is_finished(data_dir: Path) -> None:
    """Decrypting: journal.db is plain again, journal.key not yet moved."""
    ids = _fill(data_dir, 5)
    encrypt(data_dir, PASSPHRASE, recovery=False, kdf=FAST)
    key = encryption.data_key(data_dir, PASSPHRASE)
    assert key is not None
    journal_file = data_dir / "journal.db"
    (data_dir / KEY_FILE).replace(data_dir / encryption.KEY_OLD)
    encryption.export(journal_file, key, data_dir / encryption.DECRYPTING, None)
    (data_dir / encryption.DECRYPTING).replace(journal_file)
    with Journal(data_dir) as journal:
        assert not journal.encrypted
        assert {e.id for e in journal.entries.iter_all()} == ids
    assert not (data_dir / KEY_FILE).exists()
    assert not (data_dir / encryption.KEY_OLD).exists()
    assert list((data_dir / "backups").glob("*-decrypted.key"))


def test_a_key_file_beside_a_plain_journal_is_left_alone(data_dir: Path) -> None:
    ids = _fill(data_dir, 3)
    stray = data_dir / KEY_FILE
    stray.write_bytes(b"not ours")
    with Journal(data_dir) as journal:
        assert not journal.encrypted
        assert {e.id for e in journal.entries.iter_all()} == ids
    assert stray.read_bytes() == b"not ours"
