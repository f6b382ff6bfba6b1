"""What goes wrong reading sync files: each a :class:`LeaderJournalError`
whose ``str()`` is one sentence for the person.

- :class:`SyncFormatError`: a stamp, device id, change line or file does not
  have the shape this version writes (damaged, or not ours). The line is
  skipped with a note; it is never fatal.
- :class:`NewerFormatError`: a line written by a newer LeaderJournal. It is
  skipped, and its file is read again after an update.
"""

from __future__ import annotations

from leaderjournal.errors import LeaderJournalError


class SyncError(LeaderJournalError):
    """The family of sync problems."""


class SyncFormatError(SyncError, ValueError):
    """Something in the sync folder is not in the form this version writes.
    ``reason`` is the sentence uncapitalised, to list after a file's name."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason[:1].upper() + reason[1:] + ".")


class NewerFormatError(SyncError):
    """A change written by a newer LeaderJournal (format ``version``)."""

    def __init__(self, version: int) -> None:
        self.version = version
        self.reason = (
            f"written in sync format {version} by a newer LeaderJournal; "
            "update LeaderJournal on this computer to read it"
        )
        super().__init__(self.reason[:1].upper() + self.reason[1:] + ".")
