"""File > Import...: check a file or folder, say what it would change, then
import.

The format is recognised from the content (LeaderJournal's CSV, or another
app's journal: see :mod:`leaderjournal.exchange.importers`), and the
question says which it is, what would change and what cannot come along.
Nothing is written unless every entry is valid and the person confirms. The
source is checked and written off the UI thread, with progress shown and
Cancel offered all along: a write cancelled is rolled back whole.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from leaderjournal.domain.limits import shown as shown_value
from leaderjournal.domain.words import plural
from leaderjournal.errors import LeaderJournalError
from leaderjournal.storage.journal import Journal
from leaderjournal.ui.common.worker import Job, Worker, progress_dialog, soon
from leaderjournal.ui.dialogs.messages import Dialogs

if TYPE_CHECKING:
    # The readers of every format are imported by the check, on the work's
    # thread: the first import of a session would otherwise start with the
    # window held while they load.
    from leaderjournal.exchange.import_plan import ImportPlan

MAX_PROBLEMS_SHOWN = 30
#: How many of SQLite's steps the write takes between two looks at Cancel
#: (each look is a report of progress, so that the bar keeps moving).
STEPS_BETWEEN_LOOKS = 20_000


class ImportFlow(QObject):
    """One import: check the file in a Worker (with progress and Cancel), ask,
    then write it in a Worker, in one transaction (Cancel rolls it back).

    The window stays responsive throughout; the progress dialog is
    window-modal, so nothing is typed into the journal while it changes.
    """

    finished = Signal()

    def __init__(
        self,
        journal: Journal,
        dialogs: Dialogs,
        path: Path,
        on_imported: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._journal = journal
        self._dialogs = dialogs
        self._path = path
        self._on_imported = on_imported
        self._plan: ImportPlan | None = None
        self.progress = progress_dialog(parent, "import", "Import")
        self.worker: Worker | None = None

    def start(self) -> None:
        journal, path = self._journal, self._path

        def check(job: Job) -> ImportPlan:
            from leaderjournal.exchange.csv_import import read_file
            from leaderjournal.exchange.importers import plan as plan_source

            if not path.exists():
                read_file(path)  # says there is no such file, as it is
            with journal.reader() as entries:
                planned = plan_source(path, entries, progress=job.progress)
            job.check()  # Cancel pressed while another app's journal was read
            return planned

        self.progress.setLabelText(f"Checking {path.name}\u2026")
        self.progress.setRange(0, 0)
        self.progress.canceled.connect(self.cancel)
        self.progress.show()
        worker = self._run(check, self._checked)
        what = "folder" if path.is_dir() else "file"
        worker.failed.connect(
            lambda reason: self._end(f"This {what} cannot be imported", reason)
        )

    def cancel(self) -> None:
        """Stop checking or writing; nothing is written (a write under way
        is interrupted and rolled back, unless it was already complete)."""
        if self.worker is not None:
            self.worker.cancel()

    def _run(
        self,
        work: Callable[[Job], object],
        done: Callable,
        cancelled: Callable[[], None] | None = None,
    ) -> Worker:
        worker = Worker(work, self)
        worker.progressed.connect(self._progressed)
        worker.succeeded.connect(done)
        worker.cancelled.connect(cancelled or self._end)
        worker.finished.connect(worker.deleteLater)
        self.worker = worker
        worker.start()
        return worker

    def _progressed(self, done: int, total: int) -> None:
        if self._plan is not None:  # writing: how far is not known
            return
        if total >= 0:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)
        else:
            self.progress.setLabelText(
                f"Checking {self._path.name}: {done:,} rows read\u2026"
            )

    def _checked(self, plan: ImportPlan) -> None:
        from leaderjournal.exchange.import_plan import KEPT_HINT

        self.progress.hide()
        path = self._path
        if plan.problems:
            self._end("Nothing was imported", _problems(plan, path))
            return
        question = _preview(plan, path)
        if plan.kept:
            named = [str(kept) for kept in plan.kept[:MAX_PROBLEMS_SHOWN]]
            more = len(plan.kept) - len(named)
            if more:
                named.append(f"\u2026 and {more} more.")
            question += "\n\n" + "\n".join(named) + "\n\n" + KEPT_HINT
        self._dialogs.ask(
            f"Import {path.name}?",
            question,
            ["Import", "Cancel"],
            lambda choice: self._answered(choice, plan),
            default="Import",
            escape="Cancel",
            icon=Dialogs.Icon.Question,
        )

    def _answered(self, choice: str, plan: ImportPlan) -> None:
        if choice != "Import":
            self._end()
            return
        self._plan = plan
        self.progress.setLabelText(
            f"Importing {self._path.name}: writing "
            f"{plural(plan.added_count + plan.updated_count, 'entry', 'entries')}"
            "\u2026"
        )
        self.progress.setRange(0, 0)
        self.progress.show()
        name = self._path.name
        worker = self._run(
            write_work(self._journal, plan),
            self._written,
            lambda: self._end(
                "", f"Import cancelled: nothing from {name} was imported."
            ),
        )
        worker.failed.connect(lambda reason: self._end("Nothing was imported", reason))

    def _written(self, summary: str) -> None:
        self._on_imported()
        # The views redraw in the events on_imported posted; the notice
        # follows them, so that what it announces is on screen.
        soon(self, lambda: self._end("", f"{self._path.name}: {summary}.", done=True))

    def _end(self, title: str = "", text: str = "", *, done: bool = False) -> None:
        self.progress.hide()
        if done:
            self._dialogs.notify("Import finished", text)
        elif title:
            self._dialogs.error(title, text)
        elif text:
            self._dialogs.notify("Import cancelled", text)
        self.finished.emit()


def write_work(journal: Journal, plan: ImportPlan) -> Callable[[Job], str]:
    """The write as a Worker runs it: one transaction over a connection of
    its own, which Cancel interrupts (SQLite then rolls it back); returns the
    summary to show.

    The plan's entries are let go here, on the work's thread and in chunks:
    freeing 100,000 of them takes a while, which the window must not wait
    for.
    """

    def write(job: Job) -> str:
        from leaderjournal.exchange.import_plan import apply_import

        steps = 0

        def look() -> bool:  # SQLite stops the statement when this is true
            nonlocal steps
            steps += STEPS_BETWEEN_LOOKS
            return not job.progress(steps)

        try:
            summary = plan.summary()
            job.check()
            with journal.writer() as entries:
                connection = entries.database.conn
                connection.set_progress_handler(look, STEPS_BETWEEN_LOOKS)
                try:
                    apply_import(plan, entries)
                except LeaderJournalError:
                    job.check()  # interrupted by Cancel: rolled back
                    raise
                finally:
                    connection.set_progress_handler(None, 0)
            return summary
        finally:
            let_go(plan.added)
            let_go(plan.updated)

    return write


def let_go(items: list, chunk: int = 1000) -> None:
    """Empty ``items`` a chunk at a time: freeing a long list at once holds
    Python's lock for as long as it takes, and the window waits for it."""
    while items:
        del items[-chunk:]


def _problems(plan: ImportPlan, path: Path) -> str:
    """Every problem with its place (the first MAX_PROBLEMS_SHOWN of them)."""
    from leaderjournal.exchange.importers import FORMATS, LEADERJOURNAL

    shown = [str(p) for p in plan.problems[:MAX_PROBLEMS_SHOWN]]
    more = len(plan.problems) - len(shown)
    if more:
        shown.append(f"\u2026 and {more} more.")
    count = len(plan.problems)
    if plan.format == LEADERJOURNAL:
        said = (
            f"{plural(count, 'row', 'rows')} of {path.name} "
            f"{'is' if count == 1 else 'are'} not valid"
        )
    else:
        said = (
            f"{shown_value(path.name)} was read as a {FORMATS[plan.format].label}, "
            "and "
            f"{plural(count, 'place', 'places')} in it "
            f"{'is' if count == 1 else 'are'} not valid"
        )
    return (
        f"{said}, so nothing was imported. Correct them and try again:\n\n"
        + "\n".join(shown)
    )


def _preview(plan: ImportPlan, path: Path) -> str:
    """What the import would do: the format recognised, the counts, and what
    cannot be brought along, each a paragraph of its own."""
    from leaderjournal.exchange.importers import FORMATS, LEADERJOURNAL

    counts, _, not_brought = plan.summary().partition("; not brought along: ")
    source = "folder" if path.is_dir() else "file"
    said = [
        f"Format: {FORMATS[plan.format].label}.",
        f"Importing this {source} gives: {counts}.",
    ]
    if not_brought:
        said.append(
            f"Not brought along, as an entry has no place for it: {not_brought}."
        )
    last = f"Entries you have changed more recently than the {source} are kept."
    if plan.format != LEADERJOURNAL:
        last = f"The imported entries are not rated. {last}"
    said.append(last)
    return "\n\n".join(said)


def import_csv(
    journal: Journal,
    dialogs: Dialogs,
    path: Path,
    on_imported: Callable[[], None],
    parent: QWidget | None = None,
) -> ImportFlow:
    """Check ``path``, show what it would change, and import it if confirmed.

    The checking and the writing run off the UI thread; the returned flow
    emits ``finished`` once it is over, whatever the outcome.
    """
    flow = ImportFlow(journal, dialogs, path, on_imported, parent)
    flow.start()
    return flow
