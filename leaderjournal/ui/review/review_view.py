"""The weekly review: the week's lean against last week and the four before,
the entries that pulled furthest each way, a few observations, and the
person's own reflection and intention, saved as they type.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from fractions import Fraction

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from leaderjournal.domain.review import (
    WeekFigures,
    review_window,
    weekly_review,
)
from leaderjournal.domain.scoring import (
    describe_lean,
    format_lean,
    iso_week_id,
    week_bounds,
)
from leaderjournal.storage.failures import JournalError
from leaderjournal.storage.journal import Journal
from leaderjournal.ui.common.autosave import AutosaveDelays, Autosaver
from leaderjournal.ui.common.style import MARGIN, SPACING
from leaderjournal.ui.common.widgets import tool_button
from leaderjournal.ui.dialogs.messages import Dialogs
from leaderjournal.ui.review.dimension_bars import DimensionBars
from leaderjournal.ui.review.extremes_panel import ExtremesPanel
from leaderjournal.ui.review.notes_panel import WeekNotesPanel
from leaderjournal.ui.review.targets_dialog import TargetsDialog


def week_title(week: str) -> str:
    """The ISO week and its days, e.g. "Week 48 · 23-29 November 2026"."""
    monday, sunday = week_bounds(week)
    number = int(week.split("W")[1])
    if monday.month == sunday.month:
        days = f"{monday.day}\u2013{sunday.day} {sunday:%B %Y}"
    elif monday.year == sunday.year:
        days = f"{monday.day} {monday:%B} \u2013 {sunday.day} {sunday:%B %Y}"
    else:
        days = f"{monday.day} {monday:%B %Y} \u2013 {sunday.day} {sunday:%B %Y}"
    return f"Week {number} \u00b7 {days}"


def change_text(change: Fraction | int) -> str:
    """A change as people read it: "+12.5" or "-3"."""
    if isinstance(change, int):
        return f"{change:+d}"
    return format_lean(change)


def compared(what: str, change: Fraction | int | None) -> str:
    """``what`` (e.g. "last week +10.0") with the change to it when there is
    one to tell; when either side is not rated there is none, and saying
    nothing reads better than "no comparison"."""
    return what if change is None else f"{what} (change {change_text(change)})"


class ReviewView(QWidget):
    """One ISO week at a time; opens on the current week."""

    entry_opened = Signal(str, object)  # entry id, its date
    targets_changed = Signal()

    def __init__(
        self,
        journal: Journal,
        dialogs: Dialogs,
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
        *,
        autosave: AutosaveDelays | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewView")
        self._journal = journal
        self._dialogs = dialogs
        self._today = today
        self._week = iso_week_id(today())
        self.figures: WeekFigures | None = None
        self._targets: dict[str, float] = {}
        self.notes_panel = WeekNotesPanel(journal, self._week, autosave=autosave)
        self._build()

    # -- building ----------------------------------------------------------------

    def _build(self) -> None:
        self.previous_button = tool_button(
            self, "previousWeekButton", "\u25c0", "Previous week (Alt+Left)"
        )
        self.next_button = tool_button(
            self, "nextWeekButton", "\u25b6", "Next week (Alt+Right)"
        )
        self.this_week_button = tool_button(
            self, "thisWeekButton", "This week", "This week (Ctrl+T)"
        )
        self.title = QLabel(objectName="weekTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.targets_button = QPushButton(
            "Set &Targets\u2026", objectName="targetsButton"
        )
        self.previous_button.clicked.connect(lambda: self.step_week(-1))
        self.next_button.clicked.connect(lambda: self.step_week(1))
        self.this_week_button.clicked.connect(self.go_this_week)
        self.targets_button.clicked.connect(self.edit_targets)

        self.summary = self._label("weekSummary")
        self.lean_line = self._label("weekLean")
        self.advice_line = self._label("weekAdvice")
        self.empty_note = self._label("emptyWeek")
        self.bars = DimensionBars()
        self.extremes = ExtremesPanel()
        self.extremes.entry_opened.connect(self.entry_opened)
        self.observations = self._label("observations")
        self._lay_out()

    def _label(self, name: str) -> QLabel:
        label = QLabel(objectName=name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _lay_out(self) -> None:
        header = QHBoxLayout()
        for widget in (self.previous_button, self.title, self.next_button):
            header.addWidget(widget)
        header.addSpacing(SPACING)
        header.addWidget(self.this_week_button)
        header.addStretch(1)
        header.addWidget(self.targets_button)

        body = QWidget()
        column = QVBoxLayout(body)
        column.setSpacing(SPACING)
        for widget in (self.summary, self.empty_note, self.lean_line, self.advice_line):
            column.addWidget(widget)
        column.addWidget(_heading("Lean per dimension"))
        column.addWidget(self.bars)
        column.addWidget(_heading("The entries that pulled furthest"))
        column.addWidget(self.extremes)
        column.addWidget(_heading("Observations"))
        column.addWidget(self.observations)
        column.addWidget(_heading("Looking back, looking ahead"))
        column.addWidget(self.notes_panel)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)

    # -- which week ------------------------------------------------------------------

    def week(self) -> str:
        return self._week

    def show_week(self, week: str) -> None:
        """Save what was written, then show ``week``."""
        if not self.save_notes():
            return
        self._week = week
        self.refresh()

    def step_week(self, weeks: int) -> None:
        monday = week_bounds(self._week)[0] + dt.timedelta(weeks=weeks)
        self.show_week(iso_week_id(monday))

    def go_this_week(self) -> None:
        self.show_week(iso_week_id(self._today()))

    # -- figures -------------------------------------------------------------------

    def refresh(self) -> None:
        """Compute the week's figures and show them with its notes."""
        start, end = review_window(self._week)
        entries = self._journal.entries.between(start, end)
        self._targets = targets = self._journal.reviews.targets()
        self.figures = figures = weekly_review(
            self._week, entries, targets, today=self._today()
        )
        self.title.setText(week_title(self._week))
        self.this_week_button.setEnabled(self._week != iso_week_id(self._today()))
        self._show_figures(figures)
        # Writing not saved yet (a failed save is being retried) stays as
        # typed: only a week's stored notes replace a clean editor.
        if not self.autosaver.dirty:
            self.notes_panel.show_notes(self._week)

    def _show_figures(self, f: WeekFigures) -> None:
        days = "day" if f.days_journaled == 1 else "days"
        self.summary.setText(
            f"<b>{f.entries}</b> {'entry' if f.entries == 1 else 'entries'} on "
            f"<b>{f.days_journaled}</b> {days} journaled"
        )
        self.empty_note.setVisible(f.is_empty or not f.started)
        self.empty_note.setText(
            "No entries this week. You can still write your reflection below."
            if f.started
            else "This week has not started yet, so there is nothing to compare. "
            "Plans written on its days are counted here."
        )
        self._show_lean_and_advice(f)
        self.bars.set_leans(f.dimensions, f.last_week_dimensions, self._targets)
        self.extremes.show_extremes(f)
        items = "".join(f"<li>{html.escape(o)}</li>" for o in f.observations)
        nothing = "this week" if f.started else "yet"
        self.observations.setText(
            f"<ul>{items}</ul>" if items else f"Nothing to point out {nothing}."
        )

    def _show_lean_and_advice(self, f: WeekFigures) -> None:
        lean = format_lean(f.lean, "not rated")
        words = f" ({describe_lean(f.lean)})" if f.lean is not None else ""
        advice = f"People asked for my advice <b>{f.advice}</b> times"
        if not f.started:
            # A week still to come holds plans at most: comparing them with
            # the weeks lived would tell nothing.
            self.lean_line.setText(
                f"Week lean <b>{lean}</b>{words} \u00b7 nothing to compare yet"
            )
            self.advice_line.setText(f"{advice} \u00b7 nothing to compare yet")
            return
        last_week = compared(
            f"last week {format_lean(f.last_week_lean, 'not rated')}",
            f.change_from_last_week,
        )
        baseline = compared(
            f"the four weeks before {format_lean(f.baseline_lean, 'not rated')}",
            f.change_from_baseline,
        )
        self.lean_line.setText(
            f"Week lean <b>{lean}</b>{words} \u00b7 {last_week} \u00b7 {baseline}"
        )
        self.advice_line.setText(
            f"{advice} \u00b7 "
            + compared(f"last week {f.last_week_advice}", f.advice_change)
        )

    # -- notes (the panel's; kept here for the window and tests) ---------------

    @property
    def autosaver(self) -> Autosaver:
        return self.notes_panel.autosaver

    def save_notes(self) -> bool:
        """Save the reflection, intention and "kept" now; False if it failed."""
        return self.notes_panel.save_notes()

    # -- targets ------------------------------------------------------------------

    def edit_targets(self) -> None:
        dialog = TargetsDialog(self._journal.reviews.targets(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(self._targets_chosen)
        dialog.open()

    def _targets_chosen(self, targets: dict) -> None:
        try:
            self._journal.reviews.set_targets(targets)
        except JournalError as exc:
            self._dialogs.error("The targets were not saved", str(exc))
            return
        self.refresh()
        self.targets_changed.emit()


def _heading(text: str) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    label.setContentsMargins(0, SPACING, 0, 0)
    return label
