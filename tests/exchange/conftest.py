"""The golden journal, filled once per worker and copied for each test, plain
or encrypted (``journal_kind``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from leaderjournal.storage.journal import Journal
from tests.exchange.golden import add_golden
from tests.kinds import JournalKind


@pytest.fixture(scope="session")
def golden_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed plain journal holding the golden entries. Never opened by a
    test: each test gets its own copy (``copy_golden``), so none shares a
    journal it could write to."""
    folder = tmp_path_factory.mktemp("golden-template") / "data"
    with Journal(folder) as journal:
        add_golden(journal)
    return folder


@pytest.fixture(scope="session")
def encrypted_golden_template(
    golden_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The golden journal, encrypted (once per worker: it costs a tenth of a
    second, a copy a thousandth)."""
    folder = tmp_path_factory.mktemp("golden-encrypted") / "data"
    shutil.copytree(golden_template, folder)
    return JournalKind("encrypted", folder).convert(folder)


@pytest.fixture
def copy_golden(journal_kind: JournalKind, request: pytest.FixtureRequest):
    """Copies the golden journal of the test's kind into a data folder of
    the test's own."""
    name = "encrypted_golden_template" if journal_kind.encrypted else "golden_template"
    template = request.getfixturevalue(name)

    def copy(data_dir: Path) -> Path:
        shutil.copytree(template, data_dir)
        return data_dir

    return copy


@pytest.fixture(scope="session")
def spreadsheets(
    tmp_path_factory: pytest.TempPathFactory, worker_id: str
) -> dict[str, dict[str, Path]]:
    """The CSV files of the two spreadsheet modules, each converted to xlsx by
    LibreOffice once per separator, in one run per separator for them all:
    ``spreadsheets[separator][stem]``; ``<stem>.csv`` is two folders up.
    Made once per test run: the first xdist worker to need it converts, in
    the folder every worker of the run shares, and the others wait."""
    from tests.exchange.spreadsheet import convert_once

    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent  # the run's folder, above each worker's own
    return convert_once(shared / "spreadsheets")
