"""The daily and weekly reminders inside the window, for desktops without a
system tray (and so without notifications from LeaderJournal).

One row per reminder, above the views: what to do, a button that does it,
and a button that closes the row. The rows never take the keyboard focus:
the cursor stays where the person was writing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from leaderjournal.domain.reminders import DAILY, WEEKLY

if TYPE_CHECKING:
    from leaderjournal.ui.window.view_tabs import ViewTabs

#: What each reminder says in the window, and its button.
WORDS = {
    DAILY: (
        "<b>How did you lead today?</b> Today's entry is not written yet: a "
        "few minutes keep the picture true.",
        "Write Today's Entry",
    ),
    WEEKLY: (
        "<b>Your week in review is ready.</b> Look back at the week and choose "
        "one intention for the next.",
        "Open the Weekly Review",
    ),
}


def write_today(views: ViewTabs) -> None:
    """Today's entry in the day view, with the cursor in its text."""
    views.show_tab("day")
    views.go_today()
    views.day_view.form.focus_text()


def open_review(views: ViewTabs) -> None:
    """This week in the weekly review."""
    views.show_tab("review")
    views.review_tab.view().go_this_week()


class ReminderRow(QFrame):
    """One reminder: its words, the button that acts on it, and Close."""

    def __init__(self, kind: str, views: ViewTabs) -> None:
        super().__init__(objectName=f"{kind}ReminderBanner")
        self.kind = kind
        words, action = WORDS[kind]
        self.setAccessibleName("Reminder")
        self.setStyleSheet(
            f"QFrame#{kind}ReminderBanner {{ background: palette(alternate-base);"
            " border-left: 4px solid palette(highlight); }"
        )
        self.text = QLabel(words, objectName="reminderText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.action = QPushButton(action, objectName="reminderAction")
        self.close_button = QToolButton(objectName="reminderClose")
        self.close_button.setText("\u2715")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Close this reminder")
        self.close_button.setAccessibleName("Close this reminder")
        for button in (self.action, self.close_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._views = views
        self.action.clicked.connect(self._act)
        self.close_button.clicked.connect(self.hide)

        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 6, 6)
        row.addWidget(self.text, 1)
        row.addWidget(self.action)
        row.addWidget(self.close_button)
        self.hide()

    def _act(self) -> None:
        self.hide()
        (write_today if self.kind == DAILY else open_review)(self._views)


class ReminderBanner(QWidget):
    """The reminders shown in the window; each row hidden until it is due."""

    def __init__(self, views: ViewTabs, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="reminderBanner")
        self.rows = {kind: ReminderRow(kind, views) for kind in (DAILY, WEEKLY)}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for row in self.rows.values():
            layout.addWidget(row)

    def show_reminder(self, kind: str) -> None:
        self.rows[kind].show()

    def dismiss(self, kind: str) -> None:
        """The reminder is no longer needed (the entry or review is written)."""
        self.rows[kind].hide()

    def showing(self, kind: str) -> bool:
        return not self.rows[kind].isHidden()


def with_reminder_banner(central: QWidget, banner: ReminderBanner) -> QWidget:
    """``central`` (the views) under the reminder rows."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(banner)
    layout.addWidget(central, 1)
    return box
