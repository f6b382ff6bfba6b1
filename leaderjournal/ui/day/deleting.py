"""Delete and Undo on the day page: the bar that offers to bring entries
back, and the journal's side of deleting and restoring them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.storage.failures import JournalError
from leaderjournal.storage.journal import Journal
from leaderjournal.ui.day.banner import Banner
from leaderjournal.ui.day.entry_list import headline
from leaderjournal.ui.day.problem_banner import ProblemBanner


class UndoBar(Banner):
    """Keeps the entries deleted, the latest last, and names the one that
    Undo brings back; it hides when none is left."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__("undoBar", "&Undo", parent)
        self._deleted: list[Entry] = []

    def remember(self, deleted: Entry) -> None:
        """Keep ``deleted`` for Undo, and say so."""
        self._deleted.append(deleted)
        self._name_latest()

    def latest(self) -> Entry | None:
        """The entry Undo brings back; None when nothing was deleted."""
        return self._deleted[-1] if self._deleted else None

    def forget_latest(self) -> None:
        """The latest entry is back: offer the one before it, if any."""
        self._deleted.pop()
        if not self._deleted:
            self.hide()
        else:
            self._name_latest()

    def _name_latest(self) -> None:
        self.show_message(f"Deleted \u201c{headline(self._deleted[-1])}\u201d.")


class DeleteAndUndo:
    """Deletes entries and puts them back: the undo bar keeps what was
    deleted, the problem banner says why the journal refused."""

    def __init__(
        self, journal: Journal, undo_bar: UndoBar, problems: ProblemBanner
    ) -> None:
        self._journal = journal
        self._undo_bar = undo_bar
        self._problems = problems

    def delete(self, entry_id: str, try_again: Callable[[], object]) -> Entry | None:
        """Delete ``entry_id`` and keep it for Undo. None when nothing was
        deleted; a refusal is told, with ``try_again`` on the banner."""
        try:
            deleted = self._journal.entries.delete(entry_id)
        except JournalError as exc:
            self._problems.report_refused(
                "The entry was not deleted.", str(exc), try_again
            )
            return None
        self._problems.hide()
        if deleted is not None:
            self._undo_bar.remember(deleted)
        return deleted

    def put_back(self, entry: Entry, try_again: Callable[[], object]) -> bool:
        """Store ``entry``, the one deleted last, again. False when the
        journal refused (told, with ``try_again`` on the banner)."""
        try:
            self._journal.entries.save(entry)
        except JournalError as exc:
            self._problems.report_refused(
                "The entry was not brought back.",
                f"{exc} It is kept for Undo.",
                try_again,
            )
            return False
        self._problems.hide()
        self._undo_bar.forget_latest()
        return True
