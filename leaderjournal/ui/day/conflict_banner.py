"""The banner over the day page that says the entry shown was also written
on another computer (a sync conflict), and offers to compare the texts."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from leaderjournal.domain.words import plural
from leaderjournal.ui.common.sync_source import Conflict
from leaderjournal.ui.day.banner import Banner

COMPARE = "Co&mpare\u2026"  # Alt+C is the Calendar tab's
#: What SyncSource calls this computer, when a text set aside was its own.
THIS_COMPUTER = "this computer"


def written_on(conflict: Conflict) -> str:
    """Where and when a version was written: "Office laptop at 14:05 (Tue 1 Dec)"."""
    at = conflict.written
    return f"{conflict.computer} at {at:%H:%M} ({at:%a} {at.day} {at:%b})"


def conflict_message(conflicts: Sequence[Conflict]) -> str:
    """The banner's words for the versions of an entry written elsewhere."""
    if len(conflicts) == 1:
        return f"Also edited on {written_on(conflicts[0])}."
    computers = {conflict.computer for conflict in conflicts}
    if len(computers) == 1:
        return f"Also edited {len(conflicts)} times on {conflicts[0].computer}."
    if THIS_COMPUTER in computers:
        others = plural(len(computers) - 1, "other computer", "other computers")
        return f"Also edited on {THIS_COMPUTER} and on {others}."
    return f"Also edited on {len(computers)} other computers."


class ConflictBanner(Banner):
    """Says that the entry shown has other versions; its button compares them."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__("conflictBanner", COMPARE, parent)
        self.button.setAccessibleName("Compare the texts")
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # a computer's name
        self._conflicts: list[Conflict] = []

    def conflicts(self) -> list[Conflict]:
        """The versions the banner tells of (none while hidden)."""
        return list(self._conflicts)

    def show_conflicts(self, conflicts: Sequence[Conflict]) -> None:
        """Tell of ``conflicts``; hide when there are none."""
        self._conflicts = list(conflicts)
        if not conflicts:
            self.hide()
            return
        self.show_message(conflict_message(conflicts))
