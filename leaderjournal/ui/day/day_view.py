"""The daily editor: one day's entries, the entry being written, autosave.

What the person types is saved about a second after they stop, when they
switch entry or day, when they press Ctrl+S, and when the window closes. A
failed save keeps the text in the editor, says why in a banner, and is tried
again until it works. An entry emptied of everything is deleted rather than
kept blank, and Undo brings it back like any delete.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from leaderjournal.domain.entry import Entry, InvalidEntryError, now
from leaderjournal.storage.failures import JournalError
from leaderjournal.storage.journal import Journal
from leaderjournal.ui.common.autosave import AutosaveDelays, Autosaver
from leaderjournal.ui.common.style import MARGIN, SPACING
from leaderjournal.ui.common.sync_source import SyncSource
from leaderjournal.ui.day.conflict_banner import ConflictBanner
from leaderjournal.ui.day.conflict_settling import ConflictSettling
from leaderjournal.ui.day.day_bar import DayBar
from leaderjournal.ui.day.day_deleting import DayDeletes
from leaderjournal.ui.day.day_entries import DayEntries
from leaderjournal.ui.day.deleting import DeleteAndUndo, UndoBar
from leaderjournal.ui.day.entry_form import EntryForm
from leaderjournal.ui.day.entry_list import EntryList
from leaderjournal.ui.day.page_writer import PageWriter
from leaderjournal.ui.day.problem_banner import ProblemBanner


class DayView(DayDeletes, QWidget):
    """Writes and browses the entries of one day at a time."""

    entry_saved = Signal(object)
    day_changed = Signal(object)

    def __init__(
        self,
        journal: Journal,
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
        *,
        autosave: AutosaveDelays | None = None,
    ) -> None:
        super().__init__(parent)
        self._journal = journal
        self._today = today
        self._day = today()
        self._entries = DayEntries()
        self._current: Entry | None = None
        self._writer = PageWriter(journal)

        self.day_bar = DayBar(self._days_with_entries, today, self)
        self.day_bar.day_chosen.connect(self.show_day)

        self.entry_list = EntryList()
        self.entry_list.entry_chosen.connect(self._entry_chosen)
        self.entry_list.add_requested.connect(lambda: self.new_entry(self._day))
        self.entry_list.delete_requested.connect(self.delete_current)

        self.form = EntryForm(self)
        self.form.edited.connect(self._edited)

        self.problem_banner = ProblemBanner(self.save_now, self)
        self.conflict_banner = ConflictBanner(self)
        self.undo_bar = UndoBar(self)
        self._deleting = DeleteAndUndo(journal, self.undo_bar, self.problem_banner)
        self.undo_bar.button.clicked.connect(self.undo_delete)
        self._settling = ConflictSettling(
            self.form.text_edit,
            self.save_now,
            self._stored_id,
            self.problem_banner,
            self.conflict_banner,
        )

        delays = autosave or AutosaveDelays()
        self.autosaver = Autosaver(
            self._write_current,
            delay_ms=delays.delay_ms,
            retry_ms=delays.retry_ms,
            retry_on=(JournalError,),
            refused_on=(InvalidEntryError,),
            parent=self,
        )
        # The window's status bar tells the saves (ui/window/save_status.py).
        self.autosaver.failed.connect(self._save_failed)

        self._build_layout()
        self.show_day(self._day)

    def _days_with_entries(self, start: dt.date, end: dt.date) -> set[dt.date]:
        # Looked up on each use: a restore gives the journal new entries.
        return self._journal.entries.days_with_entries(start, end)

    def _build_layout(self) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal, objectName="daySplitter")
        splitter.addWidget(self.entry_list)
        splitter.addWidget(self.form)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([200, 900])
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addWidget(self.day_bar)
        layout.addWidget(self.problem_banner)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.conflict_banner)
        layout.addWidget(splitter, 1)

    # -- what is shown -------------------------------------------------------

    def day(self) -> dt.date:
        return self._day

    def current_entry(self) -> Entry | None:
        """The entry in the editor, with what has been typed so far."""
        if self._current is None:
            return None
        return self._apply_form(self._current)

    def show_day(self, day: dt.date, entry_id: str | None = None) -> None:
        """Save, then show ``day`` with ``entry_id`` (or its latest entry).

        If what was typed cannot be saved, the day stays as it is, so the
        text is not lost.
        """
        if not self.save_now():
            self.day_bar.set_day(self._day)
            return
        changed = day != self._day
        self._day = day
        self.day_bar.set_day(day)
        self._entries.draft = None
        self._reload(select_id=entry_id)
        if not self._entries.stored:
            self._start_draft()
        if changed:
            self.day_changed.emit(day)

    def refresh(self) -> None:
        """Show the day again from the journal (after an import, say)."""
        if not self.save_now():
            return
        current = self.current_entry()
        if current is not None and self._entries.is_blank_draft(current):
            self._entries.draft = None  # an empty page gives way to what arrived
            current = None
        self._reload(select_id=current.id if current else None)
        if not self._entries.stored and self._entries.draft is None:
            self._start_draft()

    def go_to_day(self, day: dt.date) -> None:
        self.show_day(day)
        self.form.focus_text()

    def step_day(self, days: int) -> None:
        self.day_bar.step(days)

    def go_today(self) -> None:
        self.go_to_day(self._today())

    def _reload(self, select_id: str | None = None) -> None:
        self._entries.stored = self._journal.entries.on_day(self._day)
        self.form.set_known_tags(self._journal.entries.tags())
        rows, row = self._entries.rows(), self._entries.row_of(select_id)
        self.entry_list.set_entries(rows, row)
        if rows:
            self._show(rows[row])
        else:
            self._current = None
            self.refresh_conflicts()

    def _show(self, entry: Entry) -> None:
        self._current = entry
        with self.autosaver.loading():
            self.form.load(entry)
        self.entry_list.set_delete_enabled(
            entry is not self._entries.draft or not entry.is_blank()
        )
        self.refresh_conflicts()

    def _entry_chosen(self, entry_id: str) -> None:
        if self._current is None or entry_id == self._current.id:
            return
        if not self.save_now():
            self.entry_list.select(self._current.id)
            return
        self._reload(select_id=entry_id)

    # -- other computers' versions (sync conflicts) ----------------------------

    def set_conflict_source(self, source: SyncSource | None) -> None:
        """Where to find other computers' versions of the entry shown; None
        while sync is off (then no banner is shown)."""
        self._settling.set_source(source)

    def refresh_conflicts(self) -> None:
        """Look again for other versions of the entry shown (after a sync, say)."""
        self._settling.refresh()

    def _stored_id(self) -> str | None:
        current = self._current
        if current is None or not self._entries.is_stored(current):
            return None
        return current.id

    # -- new, delete, undo ---------------------------------------------------

    def new_entry(self, day: dt.date | None = None) -> None:
        """Start a new entry on ``day`` (default today) with the cursor in it."""
        day = day or self._today()
        if day != self._day:
            self.show_day(day)
        if not self.save_now() or day != self._day:
            return
        current = self.current_entry()
        if (
            current is None
            or self._entries.is_stored(current)
            or not current.is_blank()
        ):
            self._start_draft()
        self.form.focus_text()

    def _start_draft(self) -> None:
        self._entries.draft = Entry.new(self._day, now())
        self.entry_list.append(self._entries.draft)
        self._show(self._entries.draft)

    # -- saving --------------------------------------------------------------

    def _edited(self) -> None:
        # Kept cheap: this runs on every keystroke, and an entry can be long.
        # The entry's row in the list is relabelled when it is saved.
        self.autosaver.mark_dirty()
        self.entry_list.set_delete_enabled(True)

    def _apply_form(self, entry: Entry) -> Entry:
        return self.form.apply_to(entry)

    def save_now(self) -> bool:
        """Save the entry being written, if it changed; False if that failed."""
        return self.autosaver.flush()

    def _write_current(self) -> bool:
        """The autosaver's save: True if the entry was written (or, emptied
        of everything, deleted).

        Raises InvalidEntryError for a value the person must correct, and
        JournalError when the journal could not take it (tried again).
        """
        loaded = self._current
        if loaded is None:
            return False
        written = self._writer.write(
            loaded, self._apply_form(loaded), stored=self._entries.is_stored(loaded)
        )
        if written.emptied:
            self._let_emptied_go(loaded.id, written.deleted)
            return True
        if written.saved is None:
            return False
        if written.came_in:
            self.form.load(written.saved)  # what came in shows; typing stays
        self._after_save(written.saved)
        return True

    def _save_failed(self, reason: str) -> None:
        self.problem_banner.report_unsaved(reason, retry=self.autosaver.retrying)

    def _after_save(self, entry: Entry) -> None:
        before = self._current
        self.form.mark_saved()
        self.form.show_stored_tags(entry.tags)
        self.problem_banner.hide()
        self._entries.saved(entry)
        self._current = entry
        self.entry_list.relabel(entry)
        if before is None or before.tags != entry.tags:
            # Only a change of tags can change the completions: not a query
            # on every autosave of a long journal.
            self.form.set_known_tags(self._journal.entries.tags())
        self.entry_saved.emit(entry)
