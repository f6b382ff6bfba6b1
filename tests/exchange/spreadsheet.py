"""The CSV files of test_spreadsheet.py and test_reviews_spreadsheet.py, and
their conversion to xlsx by a real LibreOffice.

DESIGN.md ("CSV", "Spreadsheet safety"): whether the spreadsheet splits on a
comma, a semicolon (Excel's default in much of Europe) or a tab, no cell of
a journal's export may become a formula. Every file both modules check is
written first, then LibreOffice converts them all, once per separator: a
start of LibreOffice costs seconds, a file more in it almost nothing. The
three separators' runs go side by side, each with a profile of its own (most
of a run is LibreOffice starting up, not working), once per test run: the
first xdist worker to need them converts, the other waits for its files.

The filter options are "separator,text delimiter,character set,first line"
(LibreOffice's CSV filter: 44 comma, 59 semicolon, 9 tab; 34 is '"'; 76 is
UTF-8). Formulas are evaluated, as when a person opens the file.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import time
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.domain.review import WeekNotes
from leaderjournal.exchange.export import ExportOptions, export_to_file
from leaderjournal.storage.journal import Journal
from tests.exchange.golden import add_golden

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
SEPARATORS = {"comma": 44, "semicolon": 59, "tab": 9}
SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
AT = dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))

#: What a cell, or a part of one that a spreadsheet may take for a cell,
#: could start with to become a formula (or lose its first character).
RISKY = ["=", "+", "-", "@", "\t", "\r", "'"]
FORMULA = "1+1"


def adversarial_entries() -> list[Entry]:
    """Every text cell (title, text, tags) starting, or continuing after a
    separator or line break, with each risky character."""
    entries = []
    for n, risky in enumerate(RISKY):
        one_line = risky != "\r"  # a title is one line
        tag_ok = risky not in "\t\r"  # a tag holds neither
        entries.append(
            Entry.new(
                dt.date(2026, 5, 4) + dt.timedelta(days=n),
                at=AT,
                title=f"{risky}{FORMULA}" if one_line else f"title {n}",
                text=(
                    f"{risky}{FORMULA}\nline;{risky}{FORMULA}\t{risky}{FORMULA}"
                    f"\r\n{risky}{FORMULA};\t{risky}{FORMULA}\r{risky}{FORMULA}"
                ),
                tags=(
                    (f"{risky}{FORMULA}", "coaching", f"{risky}SUM(1)")
                    if tag_ok
                    else ("coaching",)
                ),
                ratings={"influence": -2, "mentor": 1},
                advice_requests=n,
            )
        )
    entries.append(
        Entry.new(
            dt.date(2026, 5, 20),
            at=AT,
            title="total;=1+1\t=2+2",
            text='quoted "=1+1";"=2+2"\n"=3+3"',
            tags=("coaching", "=1+1", "-2+3", "@A1", "+A1", "'=1"),
        )
    )
    return entries


def adversarial_reviews() -> list[WeekNotes]:
    """Reflections and intentions starting, or going on after a separator or
    a line break, with each risky character."""
    notes = []
    for n, risky in enumerate(RISKY, start=1):
        text = (
            f"{risky}{FORMULA}\nline;{risky}{FORMULA}\t{risky}{FORMULA}"
            f"\r\n{risky}{FORMULA};\t{risky}{FORMULA}\r{risky}{FORMULA}"
        )
        notes.append(WeekNotes(f"2026-W{n:02d}", text, f"{risky}SUM(1)", bool(n % 2)))
    notes.append(WeekNotes("2026-W20", 'quoted "=1+1";"=2+2"', "'=1", None))
    return notes


def write_entry_files(folder: Path) -> list[Path]:
    """The golden and adversarial entries exported as entries (plain and for
    Excel) and weekly CSV, and an unguarded control (``control.csv``)."""
    files = []
    with Journal(folder / "journal") as journal:
        add_golden(journal)
        for entry in adversarial_entries():
            journal.entries.add(entry)
        for name, options in {
            "entries": ExportOptions(kind="entries"),
            "entries-excel": ExportOptions(kind="entries", excel=True),
            "weekly": ExportOptions(kind="weekly"),
        }.items():
            path = folder / f"{name}.csv"
            export_to_file(journal.entries, path, options)
            files.append(path)
    # Made by hand, unguarded: shows that a formula would be found.
    control = folder / "control.csv"
    control.write_text('a,b\r\n=1+1,"x;=2+2\t=3+3"\r\n', encoding="utf-8", newline="")
    files.append(control)
    return files


def write_review_files(folder: Path) -> list[Path]:
    """The adversarial reviews exported as the reviews CSV, and an unguarded
    control of the same shape (``reviews-control.csv``)."""
    with Journal(folder / "reviews-journal") as journal:
        for notes in adversarial_reviews():
            journal.reviews.save_notes(notes)
        reviews = folder / "reviews.csv"
        export_to_file(journal.entries, reviews, ExportOptions(kind="reviews"))
    control = folder / "reviews-control.csv"
    control.write_text(
        'week,reflection\r\n2026-W01,"=1+1"\r\n2026-W02,"x;=2+2\t=3+3"\r\n',
        encoding="utf-8",
        newline="",
    )
    return [reviews, control]


def convert(folder: Path, files: list[Path]) -> dict[str, dict[str, Path]]:
    """Each separator's xlsx of every one of ``files``, in ``folder``/<name
    of the separator>: one LibreOffice run per separator, side by side."""
    assert SOFFICE is not None
    runs = {}
    for name, code in SEPARATORS.items():
        # A fresh profile (no settings of the user's), one per run: two runs
        # on one profile would be handed to one LibreOffice.
        profile = (folder / f"profile-{name}").as_uri()
        runs[name] = subprocess.Popen(
            [
                SOFFICE,
                f"-env:UserInstallation={profile}",
                "--headless",
                f"--infilter=CSV:{code},34,76,1",
                "--convert-to",
                "xlsx",
                "--outdir",
                str(folder / name),
                *map(str, files),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    try:
        output = {name: run.communicate(timeout=180) for name, run in runs.items()}
    finally:
        for run in runs.values():
            if run.poll() is None:
                run.kill()
                run.wait()
    result: dict[str, dict[str, Path]] = {}
    for name, run in runs.items():
        stdout, stderr = output[name]
        made = {f.stem: folder / name / f"{f.stem}.xlsx" for f in files}
        missing = [str(p) for p in made.values() if not p.exists()]
        assert run.returncode == 0, (name, stdout, stderr)
        assert not missing, (name, stdout, stderr, missing)
        result[name] = made
    return result


def convert_once(folder: Path, timeout: float = 300) -> dict[str, dict[str, Path]]:
    """Every file of both modules, written and converted (``convert``) in
    ``folder`` by the first process to create it; another process finds it
    made and waits until the first has converted them, or says it failed."""
    done, failed = folder / "done.json", folder / "failed.txt"
    try:
        folder.mkdir()  # atomic: exactly one process makes the folder
    except FileExistsError:
        deadline = time.monotonic() + timeout
        while not done.exists():
            if failed.exists():
                pytest.fail(
                    f"converting in another worker failed:\n{failed.read_text()}"
                )
            if time.monotonic() > deadline:
                pytest.fail(f"no conversion in {folder} after {timeout} s")
            time.sleep(0.05)
        made = json.loads(done.read_text(encoding="utf-8"))
        return {
            name: {stem: Path(path) for stem, path in files.items()}
            for name, files in made.items()
        }
    try:
        result = convert(folder, write_entry_files(folder) + write_review_files(folder))
    except BaseException as problem:
        failed.write_text(repr(problem), encoding="utf-8")
        raise
    ready = folder / "done.json.part"
    ready.write_text(
        json.dumps(
            {
                name: {stem: str(path) for stem, path in files.items()}
                for name, files in result.items()
            }
        ),
        encoding="utf-8",
    )
    ready.replace(done)
    return result


def cells(xlsx: Path) -> list[ElementTree.Element]:
    """Every cell of every sheet of ``xlsx``."""
    with zipfile.ZipFile(xlsx) as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets, book.namelist()
        return [
            cell
            for sheet in sheets
            for cell in ElementTree.fromstring(book.read(sheet)).iter(f"{SHEET}c")
        ]


def formulas(xlsx: Path) -> list[str]:
    """The formulas in ``xlsx``, with the cells they are in."""
    return [
        f"{cell.get('r')}: ={formula.text}"
        for cell in cells(xlsx)
        for formula in cell.iter(f"{SHEET}f")
    ]
