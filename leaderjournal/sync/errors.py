"""What goes wrong reading sync files: each a :class:`LeaderJournalError`
whose ``str()`` is one sentence for the person.

- :class:`SyncFormatError`: a stamp, device id, change line or file does not
  have the shape this version writes (damaged, or not ours). The line is
  skipped with a note; it is never fatal.
- :class:`NewerFormatError`: a line written by a newer LeaderJournal. It is
  skipped, and its file is read again after an update.
- The four below are SyncFormatErrors (skipped with a note, never fatal):
  :class:`WrongKeyError` (a line encrypted with another key),
  :class:`AlteredLineError` (an encrypted line that does not open: damaged,
  altered, or copied from another device's folder, file or place),
  :class:`PlainLineError` (a plain line in an encrypted journal's folder:
  refused, so whoever can write to the folder cannot slip changes in) and
  :class:`EncryptedLineError` (an encrypted line for a plain journal).
- :class:`SyncKeyError`: the key file in the sync folder is missing, damaged,
  or belongs to another journal.
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


class WrongKeyError(SyncFormatError):
    """An encrypted line made with another key than this journal's."""

    def __init__(self) -> None:
        super().__init__(
            "the line is encrypted with another key than this journal's "
            "(another journal's, or this journal's before its key changed)"
        )


class AlteredLineError(SyncFormatError):
    """An encrypted line that does not open with this journal's key."""

    def __init__(self) -> None:
        super().__init__(
            "the encrypted line does not open with this journal's key: it was "
            "altered, or copied from another device's folder or another file"
        )


class PlainLineError(SyncFormatError):
    """A plain line where this encrypted journal's lines are encrypted."""

    def __init__(self) -> None:
        super().__init__(
            "the line is not encrypted, but this journal is: LeaderJournal did "
            "not write it, so it is refused"
        )


class EncryptedLineError(SyncFormatError):
    """An encrypted line where this plain journal's lines are plain."""

    def __init__(self) -> None:
        super().__init__(
            "the line is encrypted, but this journal is not, so it cannot be read"
        )


class SyncKeyError(SyncError):
    """The sync folder's key file cannot be used for this journal."""
