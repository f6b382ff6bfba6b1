"""A journal the app closed itself, unchanged since, is not read through
again at the next open; any other journal is checked row by row as a file
from elsewhere, whatever the record beside it says."""

from __future__ import annotations

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
from leaderjournal.exchange.export import ExportOptions, export_to_file
from leaderjournal.storage import row_rules, seal
from leaderjournal.storage.failures import UntrustedJournalError
from leaderjournal.storage.journal import Journal
from leaderjournal.storage.targets import TargetError, check_write_target

SEALED = "journal.checked"


@pytest.fixture
def row_checks(monkeypatch) -> list[int]:
    """How many times every row of a journal was read through."""
    calls: list[int] = []
    check = row_rules.first_bad_row

    def counted(*args, **kwargs):
        calls.append(1)
        return check(*args, **kwargs)

    monkeypatch.setattr(row_rules, "first_bad_row", counted)
    return calls


def made(data_dir: Path, count: int = 3) -> Path:
    with Journal(data_dir) as journal:
        journal.entries.save_many(
            [
                Entry.new(dt.date(2026, 3, day), title=f"Day {day}", tags=("team",))
                for day in range(1, count + 1)
            ]
        )
    return data_dir / "journal.db"


def break_a_row(db: Path) -> None:
    """What another program could do: a rating outside the scale, written
    under the journal's own CHECK (off with ignore_check_constraints)."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("UPDATE entries SET influence = 9")
    conn.commit()
    conn.close()


def test_a_journal_closed_by_the_app_is_not_read_through_again(data_dir, row_checks):
    made(data_dir)
    assert (data_dir / SEALED).exists()
    row_checks.clear()

    with Journal(data_dir) as journal:
        assert journal.entries.count() == 3

    assert row_checks == []


def test_a_new_journal_is_checked_once_then_trusted_as_left(data_dir, row_checks):
    made(data_dir)  # created: nothing to read through
    with Journal(data_dir):
        pass
    with Journal(data_dir):
        pass
    assert row_checks == []
    (data_dir / SEALED).unlink()
    with Journal(data_dir):
        pass
    assert row_checks == [1]


def test_a_journal_changed_by_another_program_is_checked_and_refused(
    data_dir, row_checks
):
    db = made(data_dir)
    record = (data_dir / SEALED).read_text()
    before = db.stat()

    break_a_row(db)
    # Even with the file's size and modification time put back as they were,
    # and the record as the app wrote it: the change time cannot be.
    os.utime(db, ns=(before.st_atime_ns, before.st_mtime_ns))
    (data_dir / SEALED).write_text(record)
    changed = db.read_bytes()

    with pytest.raises(UntrustedJournalError) as refused:
        Journal(data_dir)

    assert "rating of 9" in str(refused.value)
    assert row_checks == [1]
    assert db.read_bytes() == changed


def test_a_journal_put_in_place_of_the_sealed_one_is_checked(
    data_dir, tmp_path, row_checks
):
    db = made(data_dir)
    other = made(tmp_path / "other")
    break_a_row(other)
    record = (data_dir / SEALED).read_text()
    shutil.copy2(other, db)  # size and times copied along
    (data_dir / SEALED).write_text(record)

    with pytest.raises(UntrustedJournalError):
        Journal(data_dir)
    assert row_checks == [1]


def test_a_journal_left_by_a_crash_is_checked_in_full(data_dir, row_checks):
    made(data_dir)
    crash = (
        "import datetime as dt, os, sys\n"
        "from pathlib import Path\n"
        "from leaderjournal.domain.entry import Entry\n"
        "from leaderjournal.storage.journal import Journal\n"
        "journal = Journal(Path(sys.argv[1]))\n"
        "journal.entries.save(Entry.new(dt.date(2026, 4, 1), title='Last'))\n"
        "os._exit(0)\n"
    )
    subprocess.run(
        [sys.executable, "-c", crash, str(data_dir)],
        check=True,
        cwd=Path(__file__).resolve().parents[2],
        timeout=60,
    )
    assert (data_dir / "journal.db-wal").exists()
    row_checks.clear()

    with Journal(data_dir) as journal:
        assert journal.entries.count() == 4

    assert row_checks == [1]


@pytest.mark.parametrize(
    "record",
    [
        "not json at all",
        "[]",
        json.dumps({"rules": "another version"}),
    ],
    ids=["garbage", "a list", "other rules"],
)
def test_a_record_that_does_not_match_means_a_full_check(data_dir, row_checks, record):
    db = made(data_dir)
    written = json.loads((data_dir / SEALED).read_text())
    if record.startswith("{"):
        record = json.dumps({**written, "rules": "another version"})
    (data_dir / SEALED).write_text(record)
    assert not seal.is_sealed(db)

    with Journal(data_dir):
        pass

    assert row_checks == [1]


def test_an_encrypted_journal_is_trusted_as_left_too(data_dir, row_checks):
    from leaderjournal.storage.journal import encrypt
    from leaderjournal.storage.keyfile import KdfParams

    made(data_dir)
    encrypt(
        data_dir,
        "a long passphrase",
        recovery=False,
        kdf=KdfParams(memory_kib=64, iterations=1, lanes=1),
    )
    with Journal(data_dir, secret="a long passphrase") as journal:
        assert journal.encrypted
    row_checks.clear()

    with Journal(data_dir, secret="a long passphrase") as journal:
        assert journal.entries.count() == 3

    assert row_checks == []


def test_export_refuses_the_record_as_a_target(data_dir, tmp_path):
    made(data_dir)
    with pytest.raises(TargetError) as refused:
        check_write_target(data_dir / SEALED, data_dir)
    assert "check" in str(refused.value)
    with Journal(data_dir) as journal:
        export_to_file(journal.entries, tmp_path / "out.csv", ExportOptions())
    assert (tmp_path / "out.csv").stat().st_size > 0


def test_a_pipe_in_place_of_the_record_neither_hangs_nor_is_trusted(data_dir):
    """Run in a child: a read that waited on the pipe would hang the test."""
    made(data_dir)
    (data_dir / SEALED).unlink()
    os.mkfifo(data_dir / SEALED)
    opened = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path\n"
            "from leaderjournal.storage import seal\n"
            "from leaderjournal.storage.journal import Journal\n"
            "print(seal.is_sealed(Path(sys.argv[1]) / 'journal.db'))\n"
            "with Journal(Path(sys.argv[1])) as journal:\n"
            "    print(journal.entries.count())\n",
            str(data_dir),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert opened.returncode == 0, opened.stderr
    assert opened.stdout.split() == ["False", "3"]


def test_the_record_is_never_written_through_a_link_left_beside_it(data_dir, tmp_path):
    made(data_dir)
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("someone else's file")
    (data_dir / f"{SEALED}.tmp").symlink_to(elsewhere)

    with Journal(data_dir):
        pass

    assert elsewhere.read_text() == "someone else's file"
    assert seal.is_sealed(data_dir / "journal.db")
