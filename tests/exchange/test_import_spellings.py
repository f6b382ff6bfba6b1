"""Cells an export never writes but a person might: read as before.

The reader has quick paths for cells exactly as LeaderJournal exports them
(a lower-case UUID, a rating "-2".."2"); every other spelling still goes
through the full parsing.
"""

import pytest

from tests.exchange.test_import import NEW_ID, csv_bytes, plan, row


@pytest.fixture
def empty(journal_kind, data_dir):
    journal_kind.new(data_dir).close()
    return data_dir


@pytest.mark.parametrize(
    "cell",
    [
        NEW_ID,
        NEW_ID.upper(),
        f"{{{NEW_ID}}}",
        f"urn:uuid:{NEW_ID}",
        NEW_ID.replace("-", ""),
    ],
)
def test_every_spelling_of_an_id_is_read_as_the_same_id(empty, cell):
    (entry,) = plan(empty, csv_bytes([row(id=cell)])).added
    assert entry.id == NEW_ID


@pytest.mark.parametrize(
    ("cell", "rating"),
    [("-2", -2), ("2", 2), ("+1", 1), ("01", 1), (" -1 ", -1), ("0", 0), ("", None)],
)
def test_every_spelling_of_a_rating_is_read(empty, cell, rating):
    (entry,) = plan(empty, csv_bytes([row(influence=cell)])).added
    assert entry.ratings["influence"] == rating


@pytest.mark.parametrize("cell", ["3", "-3", "1.0", "one", "2 2"])
def test_a_rating_outside_the_scale_is_still_a_problem(empty, cell):
    result = plan(empty, csv_bytes([row(influence=cell)]))
    assert not result.added
    [problem] = result.problems
    assert f"influence is \u201c{cell.strip()}\u201d" in problem.reason
