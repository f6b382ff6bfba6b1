"""A journal left with a hot rollback journal beside it (a process killed in
the middle of a write made in rollback mode: the switch to WAL at the first
open of a converted or restored journal) is rolled back and opens as it was
before that write; it is not taken for a read-only disk."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.storage import encryption
from leaderjournal.storage.journal import Journal, encrypt
from leaderjournal.storage.keyfile import KdfParams

PASSPHRASE = "a long passphrase"
FAST = KdfParams(memory_kib=64, iterations=1, lanes=1)

# Switches the journal to rollback mode, starts a write that spills to the
# file (a tiny page cache), and dies without committing or rolling back.
DIE_MID_WRITE = """
import os, sys
from pathlib import Path
from leaderjournal.storage import cipher
key = bytes.fromhex(sys.argv[2]) if sys.argv[2] else None
conn = cipher.connect(Path(sys.argv[1]) / "journal.db", key)
conn.execute("PRAGMA journal_mode = DELETE").fetchall()
conn.execute("PRAGMA cache_size = 2")
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE entries SET title = 'half written', text = zeroblob(20000)")
os._exit(0)
"""


def _fill(data_dir: Path) -> dict[str, str]:
    with Journal(data_dir) as journal:
        entries = [
            Entry.new(dt.date(2026, 2, 1) + dt.timedelta(days=n), title=f"Entry {n}")
            for n in range(60)
        ]
        journal.entries.save_many(entries)
    return {entry.id: entry.title for entry in entries}


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_a_hot_rollback_journal_is_rolled_back_at_open(data_dir, encrypted):
    titles = _fill(data_dir)
    key = b""
    if encrypted:
        encrypt(data_dir, PASSPHRASE, recovery=False, kdf=FAST)
        key = encryption.data_key(data_dir, PASSPHRASE) or b""
    subprocess.run(
        [sys.executable, "-c", DIE_MID_WRITE, str(data_dir), key.hex()],
        check=True,
        cwd=Path(__file__).resolve().parents[2],
        timeout=60,
    )
    hot = data_dir / "journal.db-journal"
    assert hot.stat().st_size > 0  # the crash left it, hot

    with Journal(data_dir, secret=PASSPHRASE if encrypted else None) as journal:
        found = {e.id: e.title for e in journal.entries.iter_all()}

    assert found == titles
    assert not hot.exists()
