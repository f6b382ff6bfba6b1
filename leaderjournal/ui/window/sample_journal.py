"""A sample journal to explore the app with, in a window and a folder of its own."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from leaderjournal.domain.sample import sample_entries, sample_reviews
from leaderjournal.storage.journal import Journal

if TYPE_CHECKING:
    from leaderjournal.ui.window.main_window import MainWindow


class SampleJournal:
    """A journal of made-up entries and reviews in a temporary folder, and
    its window.

    It is a separate Journal on a separate folder (DESIGN.md: never the
    person's own data folder), so nothing done in the sample window can
    reach the person's journal; the folder is deleted when the window
    closes. The window has its own message boxes, shown over it, so that
    Export and the other File commands work there as in any window.
    """

    def __init__(self, today: dt.date, window_type: type[MainWindow]) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="leaderjournal-sample-"))
        self.journal = Journal(self.folder)
        entries = sample_entries(today)
        self.journal.entries.save_many(entries)
        for notes in sample_reviews(entries):
            self.journal.reviews.save_notes(notes)
        self.window = window_type(self.journal, today=lambda: today, sample=True)
        self.window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Opens where there is something to read, not on an empty page.
        self.window.day_view.go_to_day(max(entry.date for entry in entries))
        self.window.show()

    def close(self) -> None:
        """Close the window (if still open), the journal, and delete the folder."""
        with contextlib.suppress(RuntimeError):  # the window may be gone
            self.window.close()
        self.journal.close()
        shutil.rmtree(self.folder, ignore_errors=True)
