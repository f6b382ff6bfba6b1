"""The weekly review's writing: whether last week's intention was kept, a
reflection on the week and an intention for the next, saved as they type.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from leaderjournal.domain.review import WeekNotes
from leaderjournal.domain.scoring import iso_week_id, week_bounds
from leaderjournal.storage.failures import JournalError
from leaderjournal.storage.journal import Journal
from leaderjournal.ui.common.autosave import AutosaveDelays, Autosaver
from leaderjournal.ui.common.style import SPACING, muted_text_color
from leaderjournal.ui.day.paragraph_direction import follow_paragraph_direction
from leaderjournal.ui.review.quote_label import breakable, isolated


class WeekNotesPanel(QWidget):
    """One week's notes; ``autosaver`` saves them a moment after each edit."""

    def __init__(
        self,
        journal: Journal,
        week: str,
        parent: QWidget | None = None,
        *,
        autosave: AutosaveDelays | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("weekNotes")
        self._journal = journal
        self._week = week  # the week whose notes are shown
        self._notes = WeekNotes(week)
        delays = autosave or AutosaveDelays()
        self.autosaver = Autosaver(
            self._write_notes,
            delay_ms=delays.delay_ms,
            retry_ms=delays.retry_ms,
            retry_on=(JournalError,),
            parent=self,
        )
        self.autosaver.saved.connect(self._notes_saved)
        self.autosaver.failed.connect(self._notes_not_saved)
        self._build()

    def _build(self) -> None:
        self.last_intention = QLabel(objectName="lastIntention")
        self.save_status = QLabel(objectName="reviewSaveStatus")
        for label in (self.last_intention, self.save_status):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kept_yes = QRadioButton("&Yes", objectName="keptYes")
        self.kept_no = QRadioButton("&No", objectName="keptNo")
        self.kept_group = QButtonGroup(self)
        self.kept_group.addButton(self.kept_yes)
        self.kept_group.addButton(self.kept_no)
        self.kept_group.buttonToggled.connect(self._notes_edited)
        self.reflection = QPlainTextEdit(objectName="reflectionEdit")
        # An Arabic or Hebrew paragraph starts at the right, as in the entry.
        follow_paragraph_direction(self.reflection)
        self.reflection.setPlaceholderText(
            "What did this week show you? What surprised you?"
        )
        self.reflection.setAccessibleName("Reflection on this week")
        self.reflection.setTabChangesFocus(True)
        self.reflection.setMinimumHeight(90)
        self.intention = QLineEdit(objectName="intentionEdit")
        self.intention.setPlaceholderText("One intention for next week")
        self.intention.setAccessibleName("Intention for next week")
        self.reflection.textChanged.connect(self._notes_edited)
        self.intention.textEdited.connect(self._notes_edited)
        self._lay_out()

    def _lay_out(self) -> None:
        kept = QHBoxLayout()
        kept.addWidget(QLabel("Did I keep it?"))
        kept.addWidget(self.kept_yes)
        kept.addWidget(self.kept_no)
        kept.addStretch(1)
        reflection_label = QLabel("My &reflection on this week")
        reflection_label.setBuddy(self.reflection)
        intention_label = QLabel("My &intention for next week")
        intention_label.setBuddy(self.intention)
        writing = QGridLayout(self)
        writing.setContentsMargins(0, 0, 0, 0)
        writing.setSpacing(SPACING)  # as the review's column around it
        writing.addWidget(self.last_intention, 0, 0)
        writing.addLayout(kept, 1, 0)
        writing.addWidget(reflection_label, 2, 0)
        writing.addWidget(self.reflection, 3, 0)
        writing.addWidget(intention_label, 4, 0)
        writing.addWidget(self.intention, 5, 0)
        writing.addWidget(self.save_status, 6, 0)

    def show_notes(self, week: str) -> None:
        """Show the stored notes of ``week`` and last week's intention."""
        with self.autosaver.loading():
            self._week = week
            self._notes = self._journal.reviews.notes(week)
            previous = iso_week_id(week_bounds(week)[0] - dt.timedelta(days=7))
            intended = self._journal.reviews.notes(previous).intention.strip()
            if intended:
                self.last_intention.setText(
                    "Last week's intention: "
                    f"\u201c{html.escape(isolated(breakable(intended)))}\u201d"
                )
            else:
                self.last_intention.setText("Last week had no intention written down.")
            self.kept_group.setExclusive(False)
            self.kept_yes.setChecked(self._notes.kept is True)
            self.kept_no.setChecked(self._notes.kept is False)
            self.kept_group.setExclusive(True)
            for widget in (self.kept_yes, self.kept_no):
                widget.setEnabled(bool(intended) or self._notes.kept is not None)
            if self.reflection.toPlainText() != self._notes.reflection:
                self.reflection.setPlainText(self._notes.reflection)
            self.intention.setText(self._notes.intention)
            self.save_status.setText("")

    def _notes_edited(self, *_args: object) -> None:
        self.autosaver.mark_dirty()

    def current_notes(self) -> WeekNotes:
        kept = (
            True
            if self.kept_yes.isChecked()
            else False
            if self.kept_no.isChecked()
            else None
        )
        return WeekNotes(
            self._week, self.reflection.toPlainText(), self.intention.text(), kept
        )

    def save_notes(self) -> bool:
        """Save the reflection, intention and "kept" now; False if it failed."""
        return self.autosaver.flush()

    def _write_notes(self) -> bool:
        typed, loaded = self.current_notes(), self._notes
        # A sync run may have changed the notes under the page: what the
        # person changed goes onto them, and what came in is then shown.
        stored = self._journal.reviews.notes(self._week)
        came_in = stored.content() != loaded.content()
        if came_in:
            typed = typed.edits_onto(loaded, stored)
        self._notes = self._journal.reviews.save_notes(typed)
        if came_in:
            self.show_notes(self._week)  # the reflection typed stays as it is
        return True

    def _notes_saved(self, at: dt.datetime) -> None:
        self.save_status.setText(f"Saved {at:%H:%M}")

    def _notes_not_saved(self, reason: str) -> None:
        muted = muted_text_color(self.palette()).name()
        self.save_status.setText(
            f"<span style='color:{muted}'>Not saved yet: {html.escape(reason)} "
            "Your writing is safe here; LeaderJournal tries again.</span>"
        )
