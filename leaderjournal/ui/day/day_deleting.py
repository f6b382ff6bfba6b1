"""Delete and Undo on the day page: the part of :class:`DayView` that deletes
the entry shown, lets an emptied entry go, and brings entries back."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import SignalInstance

from leaderjournal.domain.entry import Entry, now
from leaderjournal.ui.day.day_entries import DayEntries

if TYPE_CHECKING:
    from leaderjournal.ui.day.deleting import DeleteAndUndo, UndoBar
    from leaderjournal.ui.day.entry_form import EntryForm
    from leaderjournal.ui.day.entry_list import EntryList
    from leaderjournal.ui.day.problem_banner import ProblemBanner


class DayPage(Protocol):
    """What of the day view deleting uses (DayView has it all)."""

    @property
    def entry_saved(self) -> SignalInstance: ...

    form: EntryForm
    entry_list: EntryList
    problem_banner: ProblemBanner
    undo_bar: UndoBar
    _current: Entry | None
    _day: dt.date
    _entries: DayEntries
    _deleting: DeleteAndUndo

    def save_now(self) -> bool: ...
    def show_day(self, day: dt.date, entry_id: str | None = None) -> None: ...
    def refresh_conflicts(self) -> None: ...
    def delete_current(self) -> None: ...
    def undo_delete(self) -> None: ...
    def _delete_again(self, entry_id: str) -> None: ...
    def _reload(self, select_id: str | None = None) -> None: ...
    def _start_draft(self) -> None: ...


class DayDeletes:
    """Deleting and bringing back, on the day view's page and list (mixed
    into DayView)."""

    _current: Entry | None

    def delete_current(self: DayPage) -> None:
        """Delete the entry shown; it can be brought back with Undo."""
        if not self.save_now() or self._current is None:
            return
        if not self._entries.is_stored(self._current):
            return
        shown = self._current.id
        deleted = self._deleting.delete(shown, lambda: self._delete_again(shown))
        if deleted is None:
            return
        self._current = None
        self._reload()
        if not self._entries.stored:
            self._start_draft()
        self.entry_list.focus_list()
        self.entry_saved.emit(deleted)

    def _delete_again(self: DayPage, entry_id: str) -> None:
        """The banner's Try Again after a refused delete: that entry only."""
        if self._current is not None and self._current.id == entry_id:
            self.delete_current()
        else:
            self.problem_banner.hide()  # the person has moved on from it

    def _let_emptied_go(self: DayPage, entry_id: str, deleted: Entry | None) -> None:
        """A stored entry the person emptied of all it held was deleted (a
        blank row is not worth keeping, any more than a blank new entry), as
        the Delete button would: Undo brings it back. The page itself stays
        as it is, cursor and all, as a new blank entry: whatever is typed
        next is a new entry, and the one deleted can still be brought back
        beside it.
        """
        self._entries.drop(entry_id)
        self._entries.draft = self._current = Entry.new(self._day, now())
        self.form.mark_saved()
        self.entry_list.set_entries(self._entries.rows(), len(self._entries.stored))
        self.entry_list.set_delete_enabled(False)
        self.problem_banner.hide()
        self.refresh_conflicts()
        if deleted is not None:
            self.undo_bar.remember(deleted)
            self.entry_saved.emit(deleted)

    def can_undo_delete(self: DayPage) -> bool:
        return self.undo_bar.latest() is not None

    def undo_delete(self: DayPage) -> None:
        """Put back the entry deleted last, and show it."""
        entry = self.undo_bar.latest()
        if entry is None:
            return
        if not self.save_now() or not self._deleting.put_back(entry, self.undo_delete):
            return
        self._entries.draft = None
        self.show_day(entry.date, entry_id=entry.id)
        self.entry_saved.emit(entry)
