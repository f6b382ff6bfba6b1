"""`leaderjournal sync [--folder DIR]`: turn sync on, join from a second
computer, sync again; refusals in one line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from leaderjournal.domain.entry import Entry
from tests.command import run_main
from tests.kinds import JournalKind


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "Sync"
    root.mkdir()
    return root


def sync(data_dir: Path, kind: JournalKind, *args: str, stdin: str | None = None):
    return run_main(
        "--data-dir",
        str(data_dir),
        *kind.cli_args,
        "sync",
        *args,
        stdin=kind.stdin if stdin is None else stdin,
        text=True,
    )


def export(data_dir: Path, kind: JournalKind) -> str:
    done = run_main(
        "--data-dir", str(data_dir), *kind.cli_args, "export", "-",
        stdin=kind.stdin, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_sync_turns_on_joins_and_syncs_again(
    tmp_path: Path, folder: Path, journal_kind: JournalKind
) -> None:
    office, home = tmp_path / "office", tmp_path / "home"
    with journal_kind.new(office) as journal:
        journal.entries.save(
            Entry.new(dt.date(2026, 11, 30), title="Roadmap", text="Ana leads it · ü")
        )

    first = sync(office, journal_kind, "--folder", str(folder))
    assert first.returncode == 0, first.stderr
    assert first.stdout == (
        f"Synced with {folder}: 1 change sent, 0 changes taken in from "
        "0 other computers.\n"
    )

    joined = sync(home, journal_kind, "--folder", str(folder))
    assert joined.returncode == 0, joined.stderr
    assert joined.stdout == (
        f"Joined the journal synced through {folder}: 1 entry taken in.\n"
    )
    assert export(home, journal_kind) == export(office, journal_kind)
    if journal_kind.encrypted:
        assert (home / "journal.key").read_bytes() == (
            office / "journal.key"
        ).read_bytes()

    again = sync(home, journal_kind)
    assert again.returncode == 0, again.stderr
    assert "0 changes sent, 0 changes taken in from 1 other computer." in again.stdout


def test_joining_an_encrypted_journal_with_a_wrong_passphrase_makes_nothing(
    tmp_path: Path, folder: Path, request: pytest.FixtureRequest
) -> None:
    empty = request.getfixturevalue("_empty_journals")["encrypted"]
    kind = JournalKind("encrypted", empty)
    with kind.new(tmp_path / "office"):
        pass
    assert sync(tmp_path / "office", kind, "--folder", str(folder)).returncode == 0

    home = tmp_path / "home"
    wrong = sync(home, kind, "--folder", str(folder), stdin="not it\n")
    assert wrong.returncode == 1
    assert wrong.stderr.count("\n") == 1
    assert "passphrase" in wrong.stderr
    assert not (home / "journal.db").exists()


def test_sync_while_off_says_how_to_turn_it_on(tmp_path: Path) -> None:
    plain = JournalKind("plain", tmp_path / "unused")
    done = sync(tmp_path / "data", plain)
    assert done.returncode == 1
    assert done.stderr == (
        "leaderjournal: Sync is off for this journal: choose the sync folder "
        "with leaderjournal sync --folder DIR\n"
    )


def test_a_journal_is_never_made_inside_the_sync_folder(
    tmp_path: Path, folder: Path
) -> None:
    plain = JournalKind("plain", tmp_path / "unused")
    done = sync(folder / "data", plain, "--folder", str(folder))
    assert done.returncode == 1
    assert "inside the sync folder" in done.stderr
    assert done.stderr.count("\n") == 1
    assert not (folder / "data" / "journal.db").exists()


def test_a_missing_sync_folder_is_named(tmp_path: Path) -> None:
    plain = JournalKind("plain", tmp_path / "unused")
    done = sync(tmp_path / "data", plain, "--folder", str(tmp_path / "nowhere"))
    assert done.returncode == 1
    assert "does not exist" in done.stderr
    assert not (tmp_path / "data" / "journal.db").exists()
