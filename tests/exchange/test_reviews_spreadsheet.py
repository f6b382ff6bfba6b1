"""The weekly reviews CSV opens in a real spreadsheet with no formula in it,
whether it splits on a comma, a semicolon or a tab (as the entries CSV does:
see test_spreadsheet.py; both modules' files are converted together, by
the ``spreadsheets`` fixture)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.exchange.spreadsheet import (
    SEPARATORS,
    SOFFICE,
    adversarial_reviews,
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


@pytest.fixture
def converted(spreadsheets) -> dict[str, Path]:
    """The folder of each separator's xlsx files (``reviews.xlsx`` and the
    unguarded ``reviews-control.xlsx``), converted with the entries' files."""
    return {name: made["reviews"].parent for name, made in spreadsheets.items()}


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
    assert formulas(converted[separator] / "reviews-control.xlsx")
