"""Two (or three) real journals syncing through one real folder, with an
entry whose text each changed before seeing the other's: a sync conflict."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

from leaderjournal.domain.entry import Entry
from leaderjournal.storage.journal import Journal
from leaderjournal.sync import engine


def sync(*journals: Journal) -> None:
    """Each journal syncs in turn, as each computer would."""
    for journal in journals:
        engine.for_journal(journal).run()


def edit_text(journal: Journal, entry_id: str, text: str) -> None:
    stored = journal.entries.get(entry_id)
    assert stored is not None
    journal.entries.save(dataclasses.replace(stored, text=text))


def _next_millisecond() -> None:
    """Let the wall clock move on, so that the later edit is the later one."""
    start = time.time_ns() // 1_000_000
    while time.time_ns() // 1_000_000 == start:
        time.sleep(0.001)


@dataclasses.dataclass
class Computers:
    home: Journal
    office: Journal
    others: list[Journal]

    def conflict(self, day: dt.date, *, home: str, office: str) -> str:
        """An entry on ``day`` that the office, then home (and each other
        computer, between them) changed before seeing the others' changes:
        home shows its own text, with the others' as conflict versions."""
        entry = self.office.entries.save(Entry.new(day, text="draft"))
        everyone = [self.office, *self.others, self.home]
        sync(*everyone)
        edit_text(self.office, entry.id, office)
        for number, other in enumerate(self.others, 1):
            _next_millisecond()
            edit_text(other, entry.id, f"{office} ({number})")
        _next_millisecond()
        edit_text(self.home, entry.id, home)
        sync(*everyone, *everyone)
        return entry.id


@contextlib.contextmanager
def computers(home: Journal, tmp_path: Path, *names: str) -> Iterator[Computers]:
    """``home`` (the window's journal, "Home desktop") and an "Office laptop"
    (and a computer for each of ``names``) syncing through one folder."""
    folder = tmp_path / "Sync"
    folder.mkdir()
    with contextlib.ExitStack() as stack:
        office = stack.enter_context(Journal(tmp_path / "office"))
        others = [stack.enter_context(Journal(tmp_path / name)) for name in names]
        engine.start(office, folder).set_name("Office laptop")
        for journal, name in zip(others, names, strict=True):
            engine.start(journal, folder).set_name(name)
        engine.start(home, folder).set_name("Home desktop")
        yield Computers(home, office, others)
