"""The entries of the day shown: those stored, oldest first, and the new
one not stored yet (the draft), in the order the list shows them."""

from __future__ import annotations

from leaderjournal.domain.entry import Entry


class DayEntries:
    """The day's stored entries and its draft; plain data, no widgets."""

    def __init__(self) -> None:
        self.stored: list[Entry] = []  # oldest first
        self.draft: Entry | None = None  # a new entry not stored yet

    def rows(self) -> list[Entry]:
        """What the list shows: the stored entries, then the draft."""
        return [*self.stored, *([self.draft] if self.draft else [])]

    def row_of(self, entry_id: str | None) -> int:
        """The row of ``entry_id``; the last row when it is not there."""
        ids = [e.id for e in self.rows()]
        return ids.index(entry_id) if entry_id in ids else len(ids) - 1

    def is_stored(self, entry: Entry) -> bool:
        return any(e.id == entry.id for e in self.stored)

    def is_blank_draft(self, entry: Entry) -> bool:
        draft = self.draft
        return draft is not None and entry.id == draft.id and entry.is_blank()

    def saved(self, entry: Entry) -> None:
        """``entry`` was written: it takes its place among the stored ones."""
        if self.draft is not None and self.draft.id == entry.id:
            self.draft = None
        self.stored = [e for e in self.stored if e.id != entry.id] + [entry]
        self.stored.sort(key=lambda e: e.created_at)

    def drop(self, entry_id: str) -> None:
        """The entry ``entry_id`` was deleted."""
        self.stored = [e for e in self.stored if e.id != entry_id]
