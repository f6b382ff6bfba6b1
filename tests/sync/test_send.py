"""Sending on closing: this computer's writes go to the sync folder, and
nothing is taken in (that waits for the next run)."""

from __future__ import annotations

import pytest

from leaderjournal.storage.journal import Journal
from leaderjournal.sync import engine
from leaderjournal.sync.engine import Sync
from leaderjournal.sync.errors import SyncError
from tests.sync.test_engine import entry, folder, home, office

__all__ = ["folder", "home", "office"]  # fixtures


def titles(journal: Journal) -> list[str]:
    return sorted(e.title for e in journal.entries.iter_all())


def test_send_publishes_this_computers_writes_and_takes_nothing_in(
    office: Journal, home: Journal, folder
):
    engine.turn_on(office.connection, folder)
    engine.turn_on(home.connection, folder)
    home.entries.save(entry("Written at home", "Rest."))
    Sync(home.connection).run()
    office.entries.save(entry("Written at the office", "Reorg."))

    assert Sync(office.connection).send() == 1
    assert Sync(office.connection).send() == 0  # nothing new

    assert titles(office) == ["Written at the office"]  # home's not taken in
    Sync(home.connection).run()
    assert titles(home) == ["Written at home", "Written at the office"]
    Sync(office.connection).run()
    assert titles(office) == titles(home)


def test_send_without_the_sync_folder_says_so_and_keeps_the_change(
    office: Journal, folder
):
    engine.turn_on(office.connection, folder)
    office.entries.save(entry("Kept", "for later"))
    folder.rmdir()

    with pytest.raises(SyncError, match="is not there"):
        Sync(office.connection).send()

    folder.mkdir()
    assert Sync(office.connection).send() == 1
