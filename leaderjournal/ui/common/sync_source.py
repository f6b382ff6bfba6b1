"""What the window asks of sync, in the person's terms: whether it is on,
each entry's conflict versions with the computer and time they were written
there, and resolving them. Over the window's own connection (cheap reads);
syncing itself runs on a Worker with a connection of its own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from leaderjournal.storage.journal import Journal
from leaderjournal.sync import engine
from leaderjournal.sync.clock import Stamp


@dataclass(frozen=True)
class Conflict:
    """Another text of an entry, written on ``computer`` at ``written`` (local
    time) without seeing the text the entry shows."""

    stamp: Stamp
    text: str
    computer: str
    written: dt.datetime


class SyncSource:
    """Sync as the views see it, for the journal open in the window."""

    def __init__(self, journal: Journal) -> None:
        self._journal = journal

    def is_on(self) -> bool:
        return engine.device_of(self._journal.connection) is not None

    def conflicts(self, entry_id: str) -> list[Conflict]:
        """The entry's conflict versions, oldest first (none while sync is off)."""
        if not self.is_on():
            return []
        sync = engine.for_journal(self._journal)
        versions = sync.conflicts(entry_id)
        if not versions:
            return []
        names = sync.status().computers
        own = sync.device
        return [
            Conflict(
                version.stamp,
                version.text,
                "this computer"
                if version.stamp.device == own
                else names.get(
                    version.stamp.device, f"a computer ({version.stamp.device[:8]})"
                ),
                dt.datetime.fromtimestamp(version.stamp.wall_ms / 1000).astimezone(),
            )
            for version in versions
        ]

    def resolve(self, entry_id: str, seen: list[Conflict]) -> None:
        """The person chose the entry's text (saved as usual) over ``seen``."""
        engine.for_journal(self._journal).resolve(
            entry_id, [conflict.stamp for conflict in seen]
        )
