"""The journal as the app sees it: one object that owns the database.

The UI is handed a :class:`Journal` and reaches storage only through it, so
every view can be tested against a real journal in a temporary folder.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from leaderjournal.paths import journal_path
from leaderjournal.storage.database import connect, open_journal_database
from leaderjournal.storage.entries import EntryRepository


class Journal:
    """An open journal in a data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = journal_path(data_dir)
        self._db = open_journal_database(self.path)
        self.entries = EntryRepository(self._db)

    @contextlib.contextmanager
    def reader(self) -> Iterator[EntryRepository]:
        """Entries over a connection of their own, for use on another thread."""
        db = connect(self.path)
        try:
            yield EntryRepository(db)
        finally:
            db.close()

    def close(self) -> None:
        """Close the database; the WAL is checkpointed into the main file."""
        self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
