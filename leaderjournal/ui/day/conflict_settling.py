"""Settling an entry's sync conflict from the day page: Compare… opens the
dialog, and the person's choice goes into the editor and is saved as any
edit is (autosave, undo and the limits apply) before the other versions are
set aside. Nothing typed is lost: the editor is saved before anything
changes, and if a save fails the versions stay, with the banner."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from leaderjournal.errors import LeaderJournalError
from leaderjournal.ui.common.sync_source import Conflict, SyncSource
from leaderjournal.ui.day.conflict_banner import ConflictBanner
from leaderjournal.ui.day.problem_banner import ProblemBanner
from leaderjournal.ui.dialogs.conflict_dialog import (
    Choice,
    ConflictDialog,
    Way,
    merged,
)


class ConflictSettling:
    """Finds, shows, compares and settles the versions of the entry shown.

    ``save`` saves the editor (False when that failed, and the problem
    banner says why); ``stored`` is the id of the entry in the editor once it
    is stored (None for a new draft or no entry); ``banner`` says when there
    are versions, and its button compares them.
    """

    def __init__(
        self,
        editor: QPlainTextEdit,
        save: Callable[[], bool],
        stored: Callable[[], str | None],
        problems: ProblemBanner,
        banner: ConflictBanner,
    ) -> None:
        self._editor = editor
        self._save = save
        self._shown = stored
        self._problems = problems
        self._banner = banner
        #: Other computers' versions of an entry (None: sync is off).
        self.source: SyncSource | None = None
        banner.button.clicked.connect(self.compare_shown)

    def set_source(self, source: SyncSource | None) -> None:
        self.source = source
        self.refresh()

    def refresh(self) -> None:
        """Look again for other versions of the entry shown (after a sync, say)."""
        entry_id, source = self._shown(), self.source
        found: list[Conflict] = []
        if source is not None and entry_id is not None:
            try:
                found = source.conflicts(entry_id)
            except LeaderJournalError:
                found = []  # a sync that cannot run says why itself
        self._banner.show_conflicts(found)

    def compare_shown(self) -> ConflictDialog | None:
        """Compare…: the entry's text beside the other computers' versions."""
        entry_id, source = self._shown(), self.source
        conflicts = self._banner.conflicts()
        if entry_id is None or source is None or not conflicts:
            return None
        return self.compare(source, entry_id, conflicts, self._banner.window())

    def compare(
        self,
        source: SyncSource,
        entry_id: str,
        conflicts: Sequence[Conflict],
        parent: QWidget,
    ) -> ConflictDialog:
        """Show the entry's text beside ``conflicts`` (window-modal, not blocking)."""
        self._save()  # what was typed is kept either way; this stores it first
        dialog = ConflictDialog(self._editor.toPlainText(), conflicts, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        seen = list(conflicts)
        dialog.chosen.connect(
            lambda choice: self._settle(source, entry_id, seen, choice)
        )
        dialog.open()
        return dialog

    def _settle(
        self,
        source: SyncSource,
        entry_id: str,
        seen: list[Conflict],
        choice: Choice,
    ) -> None:
        if self._shown() != entry_id or not self._save():
            return  # moved on, or the typing is not saved: the banner stays
        if choice.way is Way.USE_OTHER and choice.other is not None:
            self._put_text(choice.other.text)
        elif choice.way is Way.MERGE:
            self._put_text(merged(self._editor.toPlainText(), seen))
            self._editor.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self._save():
            return  # the problem banner says why; the text stays in the editor
        self._set_aside(source, entry_id, seen)

    def _put_text(self, text: str) -> None:
        """Put ``text`` in the editor as one edit the person can undo."""
        cursor = self._editor.textCursor()
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        self._editor.setTextCursor(cursor)

    def _set_aside(
        self, source: SyncSource, entry_id: str, seen: list[Conflict]
    ) -> None:
        try:
            source.resolve(entry_id, seen)
        except LeaderJournalError as exc:
            self._problems.report_refused(
                "The other texts were not set aside.",
                str(exc),
                lambda: self._set_aside(source, entry_id, seen),
            )
            return
        self._problems.hide()
        self.refresh()
