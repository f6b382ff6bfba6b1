"""The root of every error LeaderJournal reports to a person.

Each layer raises its own kind where the problem is found, and each kind
derives from :class:`LeaderJournalError`, whose ``str()`` is one line in the
person's words: what happened and what to do. The edges (the command line
and the window) catch this one type and show its message; anything else that
escapes is a bug and is reported as one.

The family, and where each member is raised:

- ``storage.failures.JournalError``: the journal file cannot be opened,
  checked or written (``DamagedJournalError``, ``NotAJournalError``,
  ``UntrustedJournalError``, ``JournalUnavailableError``,
  ``NewerJournalError``, ``JournalWriteError``); SQLite's own errors are
  turned into these by storage, never shown as they are.
- ``storage.folder.DataFolderError`` (a ``JournalError``): the data folder
  cannot hold a journal.
- ``storage.lock.JournalInUseError``: another LeaderJournal has the folder.
- ``storage.backup_copy.BackupError``: a backup cannot be made, checked or
  restored.
- ``storage.targets.TargetError``: a chosen file must not be written.
- ``exchange.files.ExchangeError``: an export or import failed
  (``Cancelled``, ``ImportFileError``, ``NotTextError``).
- ``sync.errors.SyncError``: the sync folder cannot be read or written
  (``SyncFormatError`` for a change line that is not valid,
  ``NewerFormatError`` for one a newer version wrote).
- ``domain.limits.InvalidEntryError``: a value breaks a limit. It is also a
  ``ValueError``, because it is one: code that checks values may catch it
  as such, and the edges catch it with the rest of the family.

Plain Python: every layer may import this module.
"""

from __future__ import annotations


class LeaderJournalError(Exception):
    """A problem to tell the person about; ``str()`` is the one-line message."""
