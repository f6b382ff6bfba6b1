"""How a command-line task reaches the journal: its passphrase asked, the
journal opened, and the error a task fails with when it cannot."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from leaderjournal.cli.parser import PROG
from leaderjournal.errors import LeaderJournalError


class CommandError(LeaderJournalError):
    """A task failed for a reason the command line itself found."""


class Secrets:
    """Where passphrases come from: the terminal (no echo), or one line each
    of standard input with --passphrase-stdin. Never an argument or the
    environment."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.from_stdin = bool(getattr(args, "passphrase_stdin", False))

    def ask(self, prompt: str) -> str:
        if self.from_stdin:
            line = sys.stdin.readline()
            if not line:
                raise CommandError(
                    "Standard input ended before the passphrase: give it on "
                    "its own line. Nothing was changed."
                )
            return line.rstrip("\r\n")
        if not sys.stdin.isatty():
            raise CommandError(
                "The passphrase is asked on a terminal: run this in one, or "
                "give it on the first line of standard input with "
                "--passphrase-stdin. Nothing was changed."
            )
        import getpass

        return getpass.getpass(prompt)

    def ask_new(self) -> str:
        first = self.ask("New passphrase: ")
        if not first:
            raise CommandError("The passphrase is empty. Nothing was changed.")
        if self.ask("The same passphrase again: ") != first:
            raise CommandError(
                "The two passphrases differ. Nothing was changed: try again."
            )
        return first


def open_journal(data_dir: Path, args: argparse.Namespace):
    from leaderjournal.paths import backup_dir
    from leaderjournal.storage.failures import (
        DamagedJournalError,
        JournalEncryptedError,
    )
    from leaderjournal.storage.journal import Journal

    try:
        try:
            return Journal(data_dir)
        except JournalEncryptedError:
            secret = Secrets(args).ask("Passphrase of the journal: ")
            return Journal(data_dir, secret=secret)
    except DamagedJournalError as exc:
        raise CommandError(
            f"{exc} To restore it: {PROG} restore FILE, with a backup from "
            f"{backup_dir(data_dir)}"
        ) from exc
