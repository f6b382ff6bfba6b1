"""The question asked when the window closes with writing it could not save."""

from __future__ import annotations

from collections.abc import Callable

from leaderjournal.ui.dialogs.messages import Dialogs

QUIT = "Quit Without Saving"
KEEP = "Keep Writing"


def ask_to_quit_unsaved(dialogs: Dialogs, quit_anyway: Callable[[], None]) -> None:
    """Ask whether to lose the unsaved writing; ``quit_anyway`` if so.

    Keeping the writing is the default, and what Escape means.
    """

    def answered(choice: str) -> None:
        if choice == QUIT:
            quit_anyway()

    dialogs.ask(
        "Your latest writing is not saved",
        "LeaderJournal could not save your latest changes; the reason is "
        "shown at the top of the window. Keep writing and it tries again; "
        "if you quit now, the changes are lost.",
        [KEEP, QUIT],
        answered,
        default=KEEP,
        escape=KEEP,
        discards=QUIT,
        icon=Dialogs.Icon.Warning,
    )
