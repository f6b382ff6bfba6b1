"""The weekly reviews CSV opens in a real spreadsheet with no formula in it,
whether it splits on a comma, a semicolon or a tab (as the entries CSV does:
see test_spreadsheet.py, whose LibreOffice conversion this repeats)."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pytest

from leaderjournal.domain.review import WeekNotes
from leaderjournal.exchange.export import ExportOptions, export_to_file
from leaderjournal.storage.journal import Journal
from tests.exchange.test_spreadsheet import (
    FORMULA,
    RISKY,
    SEPARATORS,
    SOFFICE,
    cells,
    formulas,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        SOFFICE is None,
        reason="LibreOffice is not installed (Debian: libreoffice-calc-nogui; "
        ".ci/run installs it)",
    ),
]


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


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict[str, Path]:
    """The reviews CSV and an unguarded control, as xlsx per separator."""
    folder = tmp_path_factory.mktemp("reviews-spreadsheet")
    with Journal(folder / "journal") as journal:
        for notes in adversarial_reviews():
            journal.reviews.save_notes(notes)
        reviews = folder / "reviews.csv"
        export_to_file(journal.entries, reviews, ExportOptions(kind="reviews"))
    control = folder / "control.csv"
    control.write_text(
        'week,reflection\r\n2026-W01,"=1+1"\r\n2026-W02,"x;=2+2\t=3+3"\r\n',
        encoding="utf-8",
        newline="",
    )
    profile = (folder / "profile").as_uri()
    result: dict[str, Path] = {}
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
                str(reviews),
                str(control),
            ],
            capture_output=True,
            timeout=180,
            check=False,
        )
        assert run.returncode == 0, (run.stdout, run.stderr)
        result[name] = out
    return result


@pytest.mark.parametrize("separator", list(SEPARATORS))
def test_the_reviews_csv_opens_with_no_formula(converted, separator):
    xlsx = converted[separator] / "reviews.xlsx"
    with (xlsx.parent.parent / "reviews.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert len(rows) == 1 + len(adversarial_reviews())
    assert len(cells(xlsx)) >= len(rows) * 3  # an empty cell is not written
    assert formulas(xlsx) == []


@pytest.mark.parametrize("separator", list(SEPARATORS))
def test_the_check_finds_the_formulas_of_an_unguarded_reviews_file(
    converted, separator
):
    assert formulas(converted[separator] / "control.xlsx")
