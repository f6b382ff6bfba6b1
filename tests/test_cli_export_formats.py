"""`leaderjournal export DEST --format csv|weekly|reviews|markdown|jrnl`, run as
a person runs it."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from leaderjournal.domain.review import WeekNotes
from leaderjournal.exchange.csv_format import ENTRY_COLUMNS, WEEK_COLUMNS
from leaderjournal.exchange.markdown_export import read_markdown_file
from tests.command import run_main
from tests.exchange.golden import add_golden, golden_entries
from tests.kinds import passphrase_input


@pytest.fixture
def seeded(journal_kind, tmp_path) -> Path:
    """A closed journal of each kind with the golden entries and two
    weekly reviews."""
    data_dir = tmp_path / "data"
    with journal_kind.new(data_dir) as journal:
        add_golden(journal)
        journal.reviews.save_notes(WeekNotes("2026-W10", "=Listened", "Ask more", True))
        journal.reviews.save_notes(WeekNotes("2027-W01", "New year", "", None))
    return data_dir


def run(data_dir: Path, *args: str):
    extra, stdin = passphrase_input(data_dir)
    return run_main(
        "--data-dir", str(data_dir), "export", *args, *extra, stdin=stdin, text=True
    )


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))


def digest(data_dir: Path) -> str:
    return hashlib.sha256((data_dir / "journal.db").read_bytes()).hexdigest()


def test_csv_is_the_default_and_weekly_keeps_its_old_spelling(seeded, tmp_path):
    plain, named = tmp_path / "a.csv", tmp_path / "b.csv"
    assert run(seeded, str(plain)).returncode == 0
    assert run(seeded, str(named), "--format", "csv").returncode == 0
    assert plain.read_bytes() == named.read_bytes()
    assert rows(plain.read_text("utf-8"))[0] == list(ENTRY_COLUMNS)

    old, new = tmp_path / "w1.csv", tmp_path / "w2.csv"
    assert run(seeded, str(old), "--weekly").stdout.startswith("Exported 5 weeks")
    assert run(seeded, str(new), "--format", "weekly").returncode == 0
    assert old.read_bytes() == new.read_bytes()
    assert rows(old.read_text("utf-8"))[0] == list(WEEK_COLUMNS)


def test_reviews_to_a_file_and_to_standard_output(seeded, tmp_path):
    path = tmp_path / "reviews.csv"
    result = run(seeded, str(path), "--format", "reviews", "--excel")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Exported 2 weekly reviews to {path}\n"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert rows(path.read_text("utf-8")) == [
        ["week", "reflection", "intention", "last_intention_kept"],
        ["2026-W10", "'=Listened", "Ask more", "yes"],
        ["2027-W01", "New year", "", ""],
    ]
    out = run(seeded, "-", "--format", "reviews", "--from", "2027-01-01")
    assert rows(out.stdout)[1:] == [["2027-W01", "New year", "", ""]]


def test_markdown_writes_a_folder_a_file_per_entry(seeded, tmp_path):
    folder = tmp_path / "md"
    result = run(seeded, str(folder), "--format", "markdown")
    assert result.returncode == 0, result.stderr
    entries = golden_entries()
    assert result.stdout == f"Exported {len(entries)} entries to {folder}\n"
    read = [read_markdown_file(p.read_bytes().decode()) for p in folder.glob("*.md")]
    by_id = {matter["id"]: body for matter, body in read}
    assert by_id == {entry.id: entry.text for entry in entries}


def test_markdown_with_a_range(seeded, tmp_path):
    folder = tmp_path / "md"
    result = run(seeded, str(folder), "--format", "markdown", "--from", "2027-01-01")
    assert result.returncode == 0, result.stderr
    expected = [e for e in golden_entries() if e.date >= dt.date(2027, 1, 1)]
    assert len(list(folder.glob("*.md"))) == len(expected)


def test_jrnl_to_standard_output(seeded):
    result = run(seeded, "-", "--format", "jrnl")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"tags", "entries"}
    assert len(data["entries"]) == len(golden_entries())
    assert all(
        set(entry) == {"title", "body", "date", "time", "tags", "starred"}
        for entry in data["entries"]
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["-", "--format", "markdown"],
            "leaderjournal: --format markdown writes a folder of files, not to "
            "standard output: give the folder instead of -",
        ),
        (
            ["x.json", "--format", "jrnl", "--excel"],
            "leaderjournal: --excel is for the CSV formats, not jrnl; leave it out",
        ),
        (
            ["x.csv", "--weekly", "--format", "reviews"],
            "leaderjournal: --weekly is the same as --format weekly; leave out one "
            "of --weekly and --format reviews",
        ),
    ],
)
def test_options_that_do_not_go_together_are_refused(seeded, tmp_path, args, said):
    result = run(seeded, *args)
    assert result.returncode == 1
    assert result.stderr.strip() == said
    assert not (tmp_path / "x.json").exists()


def test_an_unknown_format_is_refused_in_one_line(seeded):
    result = run(seeded, "x", "--format", "pdf")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "invalid choice: 'pdf'" in result.stderr


def test_markdown_into_the_data_folder_is_refused(seeded, tmp_path):
    before = digest(seeded)
    listing = [*(p.name for p in seeded.iterdir()), "logs"]
    result = run(seeded, str(seeded / "backups"), "--format", "markdown")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"leaderjournal: {seeded / 'backups'} is the journal's backups folder; "
        "choose another folder. Nothing was written."
    )
    assert digest(seeded) == before
    assert sorted(p.name for p in seeded.iterdir()) == sorted(listing)
    assert not list((seeded / "backups").glob("*.md"))


def test_the_real_command_exports_markdown(seeded, tmp_path):
    """One run of the real ``python -m leaderjournal``, no display."""
    extra, stdin = passphrase_input(seeded)
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    folder = tmp_path / "md"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "leaderjournal",
            "--data-dir",
            str(seeded),
            "export",
            str(folder),
            "--format",
            "markdown",
            *extra,
        ],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Exported {len(golden_entries())} entries to {folder}\n"
    assert len(list(folder.glob("*.md"))) == len(golden_entries())
