"""The CSV files open in a real spreadsheet with no formula in them.

DESIGN.md ("CSV", "Spreadsheet safety"): whether the spreadsheet splits on a
comma, a semicolon (Excel's default in much of Europe) or a tab, no cell of
a journal's export may become a formula. LibreOffice converts each file to
xlsx headless, once per separator, and the sheets are searched for <f> (the
files and their conversion, shared with test_reviews_spreadsheet.py:
spreadsheet.py).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.exchange.spreadsheet import (
    SEPARATORS,
    SOFFICE,
    adversarial_entries,
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
def converted(spreadsheets) -> dict[str, dict[str, Path]]:
    """Each separator's xlsx of every file: ``converted[separator][stem]``."""
    return spreadsheets


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
