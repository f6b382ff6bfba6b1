"""The banner over the day page that says what did not happen (a save, a
delete, an undo) and offers to try it again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from leaderjournal.ui.day.banner import Banner


class ProblemBanner(Banner):
    """Why something was not done; its button tries that again."""

    def __init__(self, save: Callable[[], object], parent: QWidget) -> None:
        super().__init__("saveProblem", "Try again now", parent)
        self._save = save
        #: What the button does: save, or a refused action.
        self._try_again_action: Callable[[], object] = save
        self.button.clicked.connect(self._try_again)

    def report_unsaved(self, reason: str, *, retry: bool = True) -> None:
        """Say that the writing is not saved yet, and whether it is tried again."""
        again = (
            " LeaderJournal keeps trying every few seconds."
            if retry
            else " Please correct it; nothing else is lost."
        )
        self._try_again_action = self._save
        self.show_message(
            f"<b>Not saved yet.</b> {reason} Your writing is safe in this "
            f"window.{again}"
        )

    def report_refused(
        self, what: str, reason: str, try_again: Callable[[], object]
    ) -> None:
        """Say that a delete or an undo did not happen, and offer it again."""
        self._try_again_action = try_again
        self.show_message(f"<b>{what}</b> {reason} Try again in a moment.")

    def _try_again(self) -> None:
        self._try_again_action()
