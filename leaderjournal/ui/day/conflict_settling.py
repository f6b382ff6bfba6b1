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
from leaderjournal.ui.day.problem_banner import ProblemBanner
from leaderjournal.ui.dialogs.conflict_dialog import (
    Choice,
    ConflictDialog,
    Way,
    merged,
)


class ConflictSettling:
    """Compares and settles the versions of the entry shown.

    ``save`` saves the editor (False when that failed, and the problem
    banner says why); ``shown`` is the id of the entry in the editor;
    ``settled`` is called once the versions are set aside.
    """

    def __init__(
        self,
        editor: QPlainTextEdit,
        save: Callable[[], bool],
        shown: Callable[[], str | None],
        problems: ProblemBanner,
        settled: Callable[[], None],
    ) -> None:
        self._editor = editor
        self._save = save
        self._shown = shown
        self._problems = problems
        self._settled = settled

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
        self._settled()
