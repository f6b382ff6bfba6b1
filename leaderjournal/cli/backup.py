"""The ``backup`` and ``restore`` commands: a checked copy of the journal
made, and the journal replaced by one (the current one kept)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from leaderjournal.cli.journal_access import CommandError, Secrets, open_journal
from leaderjournal.errors import LeaderJournalError


def add_commands(
    commands: argparse._SubParsersAction[Any], common: argparse.ArgumentParser
) -> None:
    """Adds ``backup`` and ``restore`` to the command's subcommands."""
    backup = commands.add_parser(
        "backup",
        parents=[common],
        help="back up the journal now (checked before it counts)",
        description=(
            "Back up the journal with SQLite's backup API and check the copy. "
            "Without FILE the backup goes into the backups folder beside the "
            "journal."
        ),
    )
    backup.set_defaults(task=run_backup)
    backup.add_argument("file", metavar="FILE", type=Path, nargs="?")

    restore = commands.add_parser(
        "restore",
        parents=[common],
        help="replace the journal with a backup (the current one is kept)",
        description=(
            "Check FILE, back up the current journal, then replace it with "
            "FILE. A damaged journal is kept aside under a dated name."
        ),
    )
    restore.set_defaults(task=run_restore)
    restore.add_argument("file", metavar="FILE", type=Path)


def run_backup(args: argparse.Namespace, data_dir: Path) -> int:
    with open_journal(data_dir, args) as journal:
        made = journal.backup_now(args.file)
    print(f"Backed up the journal to {made.path} (checked: ok).")
    return 0


def run_restore(args: argparse.Namespace, data_dir: Path) -> int:
    from leaderjournal.storage import encryption
    from leaderjournal.storage.backup_copy import check_file
    from leaderjournal.storage.failures import DamagedJournalError
    from leaderjournal.storage.journal import Journal, recover_from_backup
    from leaderjournal.storage.targets import kind_of

    kind = kind_of(args.file)
    if kind is not None:
        raise CommandError(
            f"Not restored: {args.file} is {kind}, not a journal backup; "
            "choose a backup file. The journal was not changed."
        )
    secret = None
    if encryption.is_encrypted(data_dir):
        secret = Secrets(args).ask("Passphrase of the journal: ")
    key = encryption.data_key(data_dir, secret)
    problem = check_file(args.file, key)
    if problem:
        raise CommandError(f"Not restored: {problem}")
    try:
        try:
            journal = Journal(data_dir, secret=secret)
        except DamagedJournalError:
            aside = recover_from_backup(data_dir, args.file, key=key)
            print(
                f"Restored the journal from {args.file}. The damaged journal "
                f"was kept as {aside}."
            )
            return 0
        with journal:
            safety = journal.restore(args.file)
    except LeaderJournalError as exc:
        raise CommandError(f"Not restored: {exc}") from exc
    print(
        f"Restored the journal from {args.file}. The journal as it was is "
        f"backed up as {safety.path}."
    )
    return 0
