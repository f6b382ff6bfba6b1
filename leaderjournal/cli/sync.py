"""The ``sync`` command: this computer's changes out to the sync folder, the
other computers' in (leaderjournal/sync)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from leaderjournal.cli.journal_access import CommandError, Secrets, open_journal
from leaderjournal.domain.words import plural

if TYPE_CHECKING:
    from leaderjournal.sync.engine import Report


def add_commands(
    commands: argparse._SubParsersAction[Any], common: argparse.ArgumentParser
) -> None:
    """Adds ``sync`` to the command's subcommands."""
    sync = commands.add_parser(
        "sync",
        parents=[common],
        help="sync the journal with your other computers through a folder",
        description=(
            "Write this computer's changes to the sync folder and take in the "
            "other computers'. The sync folder is one that Syncthing, "
            "Nextcloud, Dropbox or the like keeps in step between your "
            "computers; the journal itself stays outside it. --folder turns "
            "sync on (or moves it to another folder); on a computer without a "
            "journal yet, it joins the journal synced there."
        ),
    )
    sync.set_defaults(task=run_sync)
    sync.add_argument("--folder", metavar="DIR", type=Path, help="the sync folder")


def run_sync(args: argparse.Namespace, data_dir: Path) -> int:
    from leaderjournal.paths import journal_path
    from leaderjournal.sync import engine, joining
    from leaderjournal.sync.placement import check_placement

    folder: Path | None = args.folder
    if folder is not None:
        folder = folder.expanduser().absolute()
        if not folder.is_dir():
            raise CommandError(
                f"The sync folder {folder} does not exist; create it (or let "
                "your sync tool make it), then try again."
            )
        # Before a journal is opened, or made, where a sync tool would copy it.
        check_placement(folder, data_dir)
        if not journal_path(data_dir).exists() and joining.holds_a_journal(folder):
            secret = None
            if joining.holds_a_key(folder):
                secret = Secrets(args).ask("Passphrase of the synced journal: ")
            with joining.join(data_dir, folder, secret) as journal:
                count = journal.entries.count()
            print(
                f"Joined the journal synced through {folder}: "
                f"{plural(count, 'entry', 'entries')} taken in."
            )
            return 0
    with open_journal(data_dir, args) as journal:
        if folder is not None:
            sync = engine.start(journal, folder)
        elif engine.device_of(journal.connection) is None:
            raise CommandError(
                "Sync is off for this journal: choose the sync folder with "
                "leaderjournal sync --folder DIR"
            )
        else:
            sync = engine.for_journal(journal)
        report = sync.run()
    print(describe(report, sync.root))
    for skipped in report.skipped:
        print(f"Passed over {skipped.path}: {skipped.reason}")
    return 0


def describe(report: Report, folder: Path) -> str:
    """One line of what a sync did."""
    others = len(report.computers)
    return (
        f"Synced with {folder}: {plural(report.published, 'change', 'changes')} "
        f"sent, {plural(report.taken_in, 'change', 'changes')} taken in from "
        f"{plural(others, 'other computer', 'other computers')}."
    )
