"""The journal's side of saving the day page: what a save writes, given the
entry as the page loaded it and as the person has it now.

A sync run may have changed the entry under the page (another computer's
changes taken in). Then what the person changed goes onto what is stored,
never the values the page only showed, and sync is told which text the page
was edited from, so that a text the person never saw stays, as a conflict
version, instead of counting as one they replaced.
"""

from __future__ import annotations

from dataclasses import dataclass

from leaderjournal.domain.entry import Entry, now
from leaderjournal.storage.journal import Journal


@dataclass(frozen=True)
class Written:
    """What one save of the page did."""

    #: The entry as stored (tags spelled as the journal spells them); None
    #: when nothing was written.
    saved: Entry | None = None
    #: The entry had changed under the page: ``saved`` holds values the
    #: page does not show yet.
    came_in: bool = False
    #: A stored entry emptied of everything was deleted; ``deleted`` is it
    #: as it was (None if it was gone already).
    emptied: bool = False
    deleted: Entry | None = None


class PageWriter:
    """Saves the day page's entry into ``journal``."""

    def __init__(self, journal: Journal) -> None:
        self._journal = journal

    def write(self, loaded: Entry, edited: Entry, *, stored: bool) -> Written:
        """Save ``edited`` (the page, edited from ``loaded``; ``stored``:
        whether ``loaded`` is in the journal).

        An entry emptied of everything is deleted rather than kept blank; a
        blank new one is never stored. Raises what the journal raises.
        """
        if edited.same_content(loaded):
            return Written()
        if edited.is_blank():
            if not stored:
                return Written()
            entries = self._journal.entries
            return Written(emptied=True, deleted=entries.delete(loaded.id))
        edited = edited.edited(at=now())  # never earlier than the last save
        under = self._stored_under(loaded) if stored else None
        if under is not None:
            edited = edited.edits_onto(loaded, under)
        saved = self._journal.entries.save(edited, edited_from=loaded.text)
        return Written(saved=saved, came_in=under is not None)

    def _stored_under(self, loaded: Entry) -> Entry | None:
        """The entry as stored, when it is no longer as the page loaded it."""
        stored = self._journal.entries.get(loaded.id)
        if stored is None or stored.same_content(loaded):
            return None
        return stored
