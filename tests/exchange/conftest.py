"""The golden journal, filled once per worker and copied for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from leaderjournal.storage.journal import Journal
from tests.exchange.golden import add_golden


@pytest.fixture(scope="session")
def golden_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed journal holding the golden entries. Never opened by a test:
    each test gets its own copy (``copy_golden``), so none shares a journal
    it could write to."""
    folder = tmp_path_factory.mktemp("golden-template") / "data"
    with Journal(folder) as journal:
        add_golden(journal)
    return folder


@pytest.fixture
def copy_golden(golden_template: Path):
    """Copies the golden journal into a data folder of the test's own."""

    def copy(data_dir: Path) -> Path:
        shutil.copytree(golden_template, data_dir)
        return data_dir

    return copy
