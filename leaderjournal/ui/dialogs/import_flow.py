"""File > Import...: check a CSV file, say what it would change, then import.

Nothing is written unless every row is valid and the person confirms.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from leaderjournal.exchange.csv_import import apply_import, plan_import, read_file
from leaderjournal.exchange.files import ExchangeError
from leaderjournal.storage.database import JournalError
from leaderjournal.storage.journal import Journal
from leaderjournal.ui.dialogs.messages import Dialogs

MAX_PROBLEMS_SHOWN = 30


def import_csv(
    journal: Journal,
    dialogs: Dialogs,
    path: Path,
    on_imported: Callable[[], None],
) -> None:
    """Check ``path``, show what it would change, and import it if confirmed."""
    try:
        plan = plan_import(read_file(path), journal.entries)
    except ExchangeError as exc:
        dialogs.error("This file cannot be imported", str(exc))
        return
    if plan.problems:
        shown = [str(p) for p in plan.problems[:MAX_PROBLEMS_SHOWN]]
        more = len(plan.problems) - len(shown)
        if more:
            shown.append(f"\u2026 and {more} more.")
        dialogs.error(
            "Nothing was imported",
            f"{len(plan.problems)} rows of {path.name} are not valid, so "
            "nothing was imported. Correct them and try again:\n\n" + "\n".join(shown),
        )
        return

    def answered(choice: str) -> None:
        if choice != "Import":
            return
        try:
            apply_import(plan, journal.entries)
        except (ExchangeError, JournalError) as exc:
            dialogs.error("Nothing was imported", str(exc))
            return
        on_imported()
        dialogs.inform("Import finished", f"{path.name}: {plan.summary()}.")

    dialogs.ask(
        f"Import {path.name}?",
        f"Importing this file gives: {plan.summary()}. Entries you have "
        "changed more recently than the file are kept.",
        ["Import", "Cancel"],
        answered,
        default="Import",
        escape="Cancel",
        icon=Dialogs.Icon.Question,
    )
