"""The CSV files open in a real spreadsheet with no formula in them.

DESIGN.md ("CSV", "Spreadsheet safety"): whether the spreadsheet splits on a
comma, a semicolon (Excel's default in much of Europe) or a tab, no cell of
a journal's export may become a formula. LibreOffice converts each file to
xlsx headless, once per separator, and the sheets are searched for <f>.

The filter options are "separator,text delimiter,character set,first line"
(LibreOffice's CSV filter: 44 comma, 59 semicolon, 9 tab; 34 is '"'; 76 is
UTF-8). Formulas are evaluated, as when a person opens the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.exchange.export import ExportOptions, export_to_file
from leaderjournal.storage.journal import Journal
from tests.exchange.golden import add_golden

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        SOFFICE is None,
        reason="LibreOffice is not installed (Debian: libreoffice-calc-nogui; "
        ".ci/run installs it)",
    ),
]

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


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """Each separator's xlsx of every file: one soffice run per separator."""
    folder = tmp_path_factory.mktemp("spreadsheet")
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

    profile = (folder / "profile").as_uri()  # fresh: no settings of the user's
    result: dict[str, dict[str, Path]] = {}
    for name, code in SEPARATORS.items():
        out = folder / name
        run = subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation={profile}",
                "--headless",
                f"--infilter=CSV:{code},34,76,1",
                "--convert-to",
                "xlsx",
                "--outdir",
                str(out),
                *map(str, files),
            ],
            capture_output=True,
            timeout=180,
            check=False,
        )
        made = {f.stem: out / f"{f.stem}.xlsx" for f in files}
        missing = [str(p) for p in made.values() if not p.exists()]
        assert run.returncode == 0, (run.stdout, run.stderr)
        assert not missing, (run.stdout, run.stderr, missing)
        result[name] = made
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


@pytest.mark.parametrize("separator", list(SEPARATORS))
@pytest.mark.parametrize("name", ["entries", "entries-excel", "weekly"])
def test_an_export_opens_with_no_formula(converted, separator, name):
    xlsx = converted[separator][name]
    # The file was read: at least a cell for each of its rows.
    with (xlsx.parent.parent / f"{name}.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert len(rows) > 5
    assert len(cells(xlsx)) >= len(rows)
    assert formulas(xlsx) == []


@pytest.mark.parametrize("separator", list(SEPARATORS))
def test_the_check_finds_a_formula_in_an_unguarded_file(converted, separator):
    assert formulas(converted[separator]["control"])


def test_split_on_commas_the_export_is_one_row_per_entry(converted):
    xlsx = converted["comma"]["entries"]
    rows = {cell.get("r").lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for cell in cells(xlsx)}
    assert len(rows) == 1 + 17 + len(adversarial_entries())
