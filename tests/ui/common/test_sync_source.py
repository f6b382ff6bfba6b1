"""What the window is told of sync: conflict versions with the computer's
name and the local time they were written, and resolving them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from leaderjournal.domain.entry import Entry
from leaderjournal.storage.journal import Journal
from leaderjournal.sync import engine
from leaderjournal.ui.common.sync_source import SyncSource


def test_conflicts_name_the_computer_and_resolve(tmp_path: Path) -> None:
    folder = tmp_path / "Sync"
    folder.mkdir()
    with Journal(tmp_path / "office") as office, Journal(tmp_path / "home") as home:
        assert not SyncSource(home).is_on()
        draft = office.entries.save(Entry.new(dt.date(2026, 11, 30), text="draft"))
        engine.start(office, folder).set_name("Office laptop")
        engine.start(home, folder)
        assert SyncSource(home).is_on()
        for journal in (office, home):
            engine.for_journal(journal).run()
        for journal, text in ((office, "at the office"), (home, "at home")):
            stored = journal.entries.get(draft.id)
            journal.entries.save(dataclasses.replace(stored, text=text))
        for journal in (office, home, office):
            engine.for_journal(journal).run()

        shown = home.entries.get(draft.id).text
        (other,) = SyncSource(home).conflicts(draft.id)
        assert {shown, other.text} == {"at the office", "at home"}
        expected = "Office laptop" if other.text == "at the office" else "this computer"
        assert other.computer == expected
        assert other.written.tzinfo is not None
        assert abs(other.written - dt.datetime.now(dt.UTC)) < dt.timedelta(hours=1)

        SyncSource(home).resolve(draft.id, [other])
        assert SyncSource(home).conflicts(draft.id) == []
