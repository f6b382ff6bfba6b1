"""The journal's data folder and the sync folder are kept apart: a file-sync
tool must never copy the live database (DESIGN.md, "Several computers")."""

from __future__ import annotations

from pathlib import Path

import pytest

from leaderjournal.sync.errors import SyncError
from leaderjournal.sync.placement import check_placement


@pytest.fixture
def home(tmp_path: Path) -> Path:
    (tmp_path / "Sync").mkdir()
    (tmp_path / "data").mkdir()
    return tmp_path


def test_separate_folders_are_fine(home):
    check_placement(home / "Sync", home / "data")


@pytest.mark.parametrize(
    "data",
    ["Sync/LeaderJournal-data", "Sync", "Sync/deep/down/data"],
    ids=["inside", "the same", "deep inside"],
)
def test_a_data_folder_inside_the_sync_folder_is_refused(home, data):
    with pytest.raises(SyncError) as refused:
        check_placement(home / "Sync", home / data)
    said = str(refused.value)
    assert "inside the sync folder" in said or "is the sync folder" in said
    assert str(home / "Sync") in said
    assert "\n" not in said


def test_a_sync_folder_inside_the_data_folder_is_refused(home):
    with pytest.raises(SyncError) as refused:
        check_placement(home / "data" / "Sync", home / "data")
    assert "inside the journal's folder" in str(refused.value)


def test_a_link_does_not_hide_that_the_data_folder_is_synced(home):
    (home / "link-to-sync").symlink_to(home / "Sync")
    with pytest.raises(SyncError):
        check_placement(home / "Sync", home / "link-to-sync" / "data")
    (home / "data-link").symlink_to(home / "data")
    with pytest.raises(SyncError):
        check_placement(home / "data-link" / "Sync", home / "data")


def test_folders_that_do_not_exist_yet_are_compared_as_they_will_be(home):
    with pytest.raises(SyncError):
        check_placement(home / "Sync", home / "Sync" / "new" / "data")
    check_placement(home / "NewSync", home / "new-data")


def test_names_that_only_start_alike_are_not_inside(home):
    (home / "Sync-data").mkdir()
    check_placement(home / "Sync", home / "Sync-data")
