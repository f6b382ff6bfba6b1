"""No word of an encrypted journal is anywhere on disk in plain: not in
journal.db, its -wal, any backup, the logs or the temporary folder, even
when the app is killed. The same words are found for a plain journal, so
the search can fail."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from leaderjournal.storage.journal import encrypt
from leaderjournal.storage.keyfile import KdfParams

FAST = KdfParams(memory_kib=64, iterations=1, lanes=1)
PASSPHRASE = "quiet harbour lights"
WORDS = ["Xylophonic", "Quetzalburg", "Brontide"]
TAGS = ["zanzibarproject", "grumblefish"]

# Writes entries, backs up, and waits to be killed with the journal open.
WRITE_AND_WAIT = """
import datetime as dt, sys, time
from pathlib import Path
from leaderjournal.domain.entry import Entry
from leaderjournal.domain.review import WeekNotes
from leaderjournal.logs import setup_logging
from leaderjournal.storage.journal import Journal
data_dir = Path(sys.argv[1])
secret = sys.argv[2] or None
words, tags = sys.argv[3].split(","), tuple(sys.argv[4].split(","))
setup_logging(data_dir)
journal = Journal(data_dir, secret=secret)
for i, word in enumerate(words):
    journal.entries.save(Entry.new(
        dt.date(2026, 4, 1 + i), title=f"{word} meeting",
        text=f"We spoke about {word} at length.", tags=tags,
    ))
journal.reviews.save_notes(WeekNotes("2026-W14", f"{words[0]} week", "more"))
journal.entries.search(words[1])
journal.daily_backup_if_due()
journal.backup_now()
journal.entries.save(Entry.new(dt.date(2026, 4, 9), title=f"{words[2]} after"))
print("saved", flush=True)
time.sleep(60)
"""


def _files_under(*folders: Path) -> list[Path]:
    return [p for folder in folders if folder.exists() for p in folder.rglob("*")]


def _where_found(files: list[Path]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in files:
        if not path.is_file():
            continue
        data = path.read_bytes()
        for word in WORDS + TAGS:
            for form in (word.encode(), word.lower().encode()):
                if form in data:
                    found.setdefault(path.name, []).append(word)
    return found


def _write_and_kill(data_dir: Path, tmp: Path, secret: str) -> None:
    repo = Path(__file__).resolve().parents[2]
    env = {**os.environ, "TMPDIR": str(tmp), "TEMP": str(tmp), "TMP": str(tmp)}
    args = [data_dir, secret, ",".join(WORDS), ",".join(TAGS)]
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITE_AND_WAIT, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=repo,
        env=env,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        assert line == b"saved", proc.stderr.read() if proc.stderr else line
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX only")
@pytest.mark.parametrize("encrypted", [True, False], ids=["encrypted", "plain"])
def test_no_word_of_an_encrypted_journal_is_on_disk(
    tmp_path: Path, encrypted: bool
) -> None:
    data_dir = tmp_path / "data"
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    secret = ""
    if encrypted:
        encrypt(data_dir, PASSPHRASE, recovery=True, kdf=FAST)
        secret = PASSPHRASE
    _write_and_kill(data_dir, tmp, secret)
    journal_file = data_dir / "journal.db"
    backups = sorted((data_dir / "backups").glob("journal-*.db"))
    assert len(backups) >= 2
    checked = [journal_file, *backups, *_files_under(data_dir / "logs", tmp)]
    wal = data_dir / "journal.db-wal"
    assert wal.exists()  # killed with the journal open: its latest writes
    checked.append(wal)
    found = _where_found(checked + _files_under(data_dir))
    if encrypted:
        assert found == {}
    else:
        # The same search finds them in a plain journal (and its backups).
        assert set(found.get("journal.db", []) + found.get(wal.name, [])) >= set(
            WORDS + TAGS
        )
        assert any(name.startswith("journal-") for name in found)
