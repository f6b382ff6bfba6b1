"""The command line and an encrypted journal: encrypt, decrypt,
change-passphrase, and every other command asking for the passphrase."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from leaderjournal.cli import main
from leaderjournal.domain.entry import Entry
from leaderjournal.paths import KEY_FILE
from leaderjournal.storage import cipher
from leaderjournal.storage.journal import Journal, encrypt
from leaderjournal.storage.keyfile import KdfParams

FAST = KdfParams(memory_kib=64, iterations=1, lanes=1)
PASSPHRASE = "seven silver spoons"
REPO_ROOT = Path(__file__).resolve().parent.parent


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def encrypted_dir(data_dir: Path) -> Path:
    with Journal(data_dir) as journal:
        journal.entries.save(
            Entry.new(dt.date(2026, 5, 4), title="Budget talk", tags=("finance",))
        )
    encrypt(data_dir, PASSPHRASE, recovery=False, kdf=FAST)
    return data_dir


def _run(monkeypatch, stdin: str, *args: str) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(list(args))


def test_export_asks_the_passphrase_on_stdin(
    encrypted_dir: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    out = tmp_path / "out.csv"
    status = _run(
        monkeypatch,
        PASSPHRASE + "\n",
        "export",
        str(out),
        "--data-dir",
        str(encrypted_dir),
        "--passphrase-stdin",
    )
    assert status == 0, capsys.readouterr().err
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["title"] for row in rows] == ["Budget talk"]


def test_wrong_passphrase_is_one_line_and_changes_nothing(
    encrypted_dir: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    journal_file = encrypted_dir / "journal.db"
    before = (_sha(journal_file), _sha(encrypted_dir / KEY_FILE))
    status = _run(
        monkeypatch,
        "seven silver forks\n",
        "backup",
        "--data-dir",
        str(encrypted_dir),
        "--passphrase-stdin",
    )
    err = capsys.readouterr().err
    assert status == 1
    assert err.count("\n") == 1
    assert "passphrase does not open this journal" in err
    assert "Traceback" not in err
    assert (_sha(journal_file), _sha(encrypted_dir / KEY_FILE)) == before
    assert not (encrypted_dir / "backups").exists() or not list(
        (encrypted_dir / "backups").glob("journal-*.db")
    )


def test_without_a_terminal_or_passphrase_stdin_says_how(
    encrypted_dir: Path, monkeypatch, capsys
) -> None:
    status = _run(
        monkeypatch, PASSPHRASE + "\n", "backup", "--data-dir", str(encrypted_dir)
    )
    err = capsys.readouterr().err
    assert status == 1
    assert "--passphrase-stdin" in err
    assert err.count("\n") == 1


def test_encrypt_from_the_command_line_prints_the_recovery_key_once(
    data_dir: Path, monkeypatch, capsys
) -> None:
    with Journal(data_dir) as journal:
        journal.entries.save(Entry.new(dt.date(2026, 5, 4), title="Hiring plan"))
    status = _run(
        monkeypatch,
        "tall tree\ntall tree\n",
        "encrypt",
        "--data-dir",
        str(data_dir),
        "--passphrase-stdin",
    )
    out = capsys.readouterr().out
    assert status == 0
    assert not cipher.is_plain(data_dir / "journal.db")
    [line] = [x for x in out.splitlines() if x.startswith("Recovery key")]
    recovery = line.split(": ", 1)[1]
    assert "cannot be undone" in out
    with Journal(data_dir, secret=recovery) as journal:
        assert [e.title for e in journal.entries.iter_all()] == ["Hiring plan"]


def test_encrypt_refuses_two_different_passphrases(
    data_dir: Path, monkeypatch, capsys
) -> None:
    with Journal(data_dir):
        pass
    before = _sha(data_dir / "journal.db")
    status = _run(
        monkeypatch,
        "tall tree\ntall three\n",
        "encrypt",
        "--data-dir",
        str(data_dir),
        "--passphrase-stdin",
    )
    assert status == 1
    assert "differ" in capsys.readouterr().err
    assert _sha(data_dir / "journal.db") == before
    assert not (data_dir / KEY_FILE).exists()


@pytest.mark.slow  # the new passphrase gets the app's full Argon2id cost
def test_change_passphrase_then_decrypt(
    encrypted_dir: Path, monkeypatch, capsys
) -> None:
    journal_file = encrypted_dir / "journal.db"
    before = _sha(journal_file)
    status = _run(
        monkeypatch,
        f"{PASSPHRASE}\nnew words\nnew words\n",
        "change-passphrase",
        "--data-dir",
        str(encrypted_dir),
        "--passphrase-stdin",
    )
    assert status == 0, capsys.readouterr().err
    assert _sha(journal_file) == before
    status = _run(
        monkeypatch,
        f"{PASSPHRASE}\n",
        "decrypt",
        "--data-dir",
        str(encrypted_dir),
        "--passphrase-stdin",
    )
    assert status == 1
    assert "does not open" in capsys.readouterr().err
    status = _run(
        monkeypatch,
        "new words\n",
        "decrypt",
        "--data-dir",
        str(encrypted_dir),
        "--passphrase-stdin",
    )
    assert status == 0, capsys.readouterr().err
    assert cipher.is_plain(journal_file)
    with Journal(encrypted_dir) as journal:
        assert [e.title for e in journal.entries.iter_all()] == ["Budget talk"]


def test_restore_of_an_encrypted_backup_in_a_subprocess(
    encrypted_dir: Path,
) -> None:
    with Journal(encrypted_dir, secret=PASSPHRASE) as journal:
        backup = journal.backup_now()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "leaderjournal",
            "restore",
            str(backup.path),
            "--data-dir",
            str(encrypted_dir),
            "--passphrase-stdin",
        ],
        input=PASSPHRASE + "\n",
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Restored the journal from")
    assert PASSPHRASE not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("given", "status", "said"),
    [
        (PASSPHRASE, 0, "started and painted its window"),
        ("not the passphrase", 1, "the window did not open"),
    ],
    ids=["right", "wrong"],
)
def test_the_window_opens_with_the_passphrase_on_stdin(
    encrypted_dir: Path, given: str, status: int, said: str
) -> None:
    """What the bundle's smoke run does: the window, opened with the
    passphrase on standard input, painted, then closed. A wrong one leaves
    the passphrase window asking (here: no journal window, exit 1)."""
    before = _sha(encrypted_dir / "journal.db")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "leaderjournal",
            "--data-dir",
            str(encrypted_dir),
            "--passphrase-stdin",
        ],
        input=given + "\n",
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=60,
        check=False,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "LEADERJOURNAL_QUIT_AFTER_START": "1",
        },
    )
    assert result.returncode == status, result.stderr
    assert said in result.stdout + result.stderr
    assert given not in result.stdout + result.stderr
    if status:
        assert _sha(encrypted_dir / "journal.db") == before
