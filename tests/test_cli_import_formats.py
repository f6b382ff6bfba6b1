"""`leaderjournal import PATH [--format ...] [--dry-run]` with other apps'
exports, run as a person runs it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from leaderjournal.domain.entry import Entry
from tests.command import run_main
from tests.kinds import open_journal, passphrase_input

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA = REPO_ROOT / "tests" / "data" / "import"
DAYONE = DATA / "dayone" / "Journal.json"
JRNL = DATA / "jrnl" / "journal.json"
DAYONE_NOT_BROUGHT = (
    "not brought along: 1 location, 2 photos, 1 recording, "
    "2 starred flags, 1 video, 1 weather report"
)


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    extra, stdin = passphrase_input(data_dir)
    return run_main("--data-dir", str(data_dir), *args, *extra, stdin=stdin, text=True)


def digest(data_dir: Path) -> str:
    return hashlib.sha256((data_dir / "journal.db").read_bytes()).hexdigest()


def count(data_dir: Path) -> int:
    with open_journal(data_dir) as journal:
        return journal.entries.count()


@pytest.fixture
def empty(journal_kind, tmp_path: Path) -> Path:
    data_dir = tmp_path / "journal"
    journal_kind.new(data_dir).close()
    return data_dir


@pytest.fixture
def dayone_zip(tmp_path: Path) -> Path:
    path = tmp_path / "Day One export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Journal.json", DAYONE.read_bytes())
        archive.writestr("photos/a1b2c3d4e5f60718293a4b5c6d7e8f90.jpeg", b"\xff\xd8")
    return path


def test_a_day_one_zip_is_recognised_imported_and_twice_adds_nothing(empty, dayone_zip):
    result = run(empty, "import", str(dayone_zip))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "Recognised: Day One JSON.",
        f"Imported {dayone_zip}: 5 added, 0 updated, 0 unchanged; "
        + DAYONE_NOT_BROUGHT
        + ".",
    ]
    with open_journal(empty) as journal:
        titles = sorted(e.title for e in journal.entries.iter_all())
    assert titles == ["", "", "", "Zo\u00eb's first week", "اجتماع الفريق"]

    again = run(empty, "import", str(dayone_zip))
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[1] == (
        f"Imported {dayone_zip}: 0 added, 0 updated, 5 unchanged; "
        + DAYONE_NOT_BROUGHT
        + "."
    )
    assert count(empty) == 5


def test_a_dry_run_with_a_format_says_what_it_would_do_and_writes_nothing(
    empty,
):
    before = digest(empty)
    result = run(empty, "import", str(JRNL), "--format", "jrnl", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Reading as jrnl JSON.",
        "Dry run: 3 added, 0 updated, 0 unchanged; not brought along: "
        "1 starred flag. Nothing was written.",
    ]
    assert digest(empty) == before
    assert count(empty) == 0


def test_a_broken_export_lists_each_problem_and_writes_nothing(empty, tmp_path: Path):
    with open_journal(empty) as journal:
        journal.entries.add(Entry.new(dt.date(2024, 1, 1), text="already here"))
    document = json.loads(DAYONE.read_bytes())
    document["entries"][1]["creationDate"] = "yesterday"
    document["entries"][3]["text"] = "# " + "t" * 600
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    before = digest(empty)
    for extra in ([], ["--dry-run"]):
        result = run(empty, "import", str(path), *extra)
        assert result.returncode == 1
        assert result.stdout == "Recognised: Day One JSON.\n"
        assert result.stderr.splitlines() == [
            "Entry 2: its creationDate \u201cyesterday\u201d is not a time like "
            "2024-03-01T22:30:00Z",
            "Entry 4: the title is longer than 500 characters",
            f"leaderjournal: 2 bad entries in {path}; nothing was imported",
        ]
    assert digest(empty) == before
    assert count(empty) == 1


def test_a_file_of_the_wrong_format_is_refused_in_one_line(empty):
    before = digest(empty)
    result = run(empty, "import", str(JRNL), "--format", "dayone")
    assert result.returncode == 1
    assert result.stdout == "Reading as Day One JSON.\n"
    (line,) = result.stderr.splitlines()
    assert line == (
        "leaderjournal: \u201cjournal.json\u201d is not Day One JSON: none of "
        "its entries has a uuid and a creationDate."
    )
    assert digest(empty) == before


def test_a_truncated_export_and_an_unknown_folder_are_refused_in_one_line(
    empty, tmp_path: Path
):
    cut = tmp_path / "cut.json"
    cut.write_bytes(DAYONE.read_bytes()[:700])
    folder = tmp_path / "holiday photos"
    folder.mkdir()
    (folder / "beach.jpeg").write_bytes(b"\xff\xd8")
    before = digest(empty)
    result = run(empty, "import", str(cut))
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("leaderjournal: \u201ccut.json\u201d is not valid JSON at ")
    result = run(empty, "import", str(folder))
    assert result.returncode == 1
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(
        "leaderjournal: \u201choliday photos\u201d is not a journal export "
        "LeaderJournal can read (it reads: LeaderJournal CSV, Day One JSON, "
        "jrnl JSON"
    )
    assert digest(empty) == before


def test_the_leaderjournal_format_can_be_named(empty, tmp_path: Path):
    path = tmp_path / "entries.csv"
    path.write_text(
        "id,date,created_at,updated_at,title,text,power,followers,growth,"
        "relationship,mentor,lean,advice_requests,tags\r\n"
        ",2026-11-29,,,Smoke,Delegated,,,,,,,1,bundle\r\n",
        encoding="utf-8",
    )
    result = run(empty, "import", str(path), "--format", "leaderjournal")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Reading as LeaderJournal CSV.",
        f"Imported {path}: 1 added, 0 updated, 0 unchanged.",
    ]


def test_an_unknown_format_is_refused_naming_the_formats(empty):
    result = run(empty, "import", str(JRNL), "--format", "evernote")
    assert result.returncode == 2
    assert "invalid choice: 'evernote' (choose from 'auto', 'leaderjournal', " in (
        result.stderr
    )


def test_the_real_command_imports_a_jrnl_export_in_local_time(tmp_path: Path):
    data_dir = tmp_path / "journal"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    env["TZ"] = "America/New_York"
    command = ("import", str(JRNL))
    result = subprocess.run(
        [sys.executable, "-m", "leaderjournal", "--data-dir", str(data_dir), *command],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Recognised: jrnl JSON.",
        f"Imported {JRNL}: 3 added, 0 updated, 0 unchanged; not brought along: "
        "1 starred flag.",
    ]
    with open_journal(data_dir) as journal:
        stored = sorted(journal.entries.iter_all(), key=lambda e: e.created_at)
    first = stored[0]
    assert first.date == dt.date(2024, 3, 1)
    assert first.created_at.isoformat() == "2024-03-01T23:30:00-05:00"
    assert first.tags == ("work", "zo\u00eb")
