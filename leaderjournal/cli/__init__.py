"""The ``leaderjournal`` command: opens the app, or runs a task without it.

Qt is imported only when the window is actually opened, so the tasks work on
a machine without a display and ``--help`` answers at once. Every failure
exits non-zero with a one-line reason on standard error.
"""

from __future__ import annotations

import argparse
import functools
import logging
import sys
from collections.abc import Sequence

from leaderjournal import APP_NAME
from leaderjournal.cli import backup, encryption, exchange, sync
from leaderjournal.cli.parser import PROG, Parser, common_options
from leaderjournal.errors import LeaderJournalError
from leaderjournal.paths import ENV_VAR, resolve_data_dir


def build_parser() -> argparse.ArgumentParser:
    """The whole command: each group of subcommands adds its own, each with
    the task that runs it."""
    common = common_options()
    parser = Parser(
        prog=PROG,
        parents=[common],
        description=(
            f"{APP_NAME}: a private journal for people who manage others. "
            "Without a command it opens the app."
        ),
        epilog=(
            f"The journal lives in the user data folder unless --data-dir or "
            f"the environment variable {ENV_VAR} says otherwise."
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in (exchange, backup, encryption, sync):
        group.add_commands(commands, common)
    return parser


@functools.cache
def _shared_parser() -> argparse.ArgumentParser:
    """The parser, built once per process: building it takes longer than
    starting most tasks, and parsing leaves it as it was."""
    return build_parser()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    args = _shared_parser().parse_args(argv)
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    task = getattr(args, "task", None)
    if task is not None:
        from leaderjournal.logs import ROOT_LOGGER, setup_logging

        setup_logging(data_dir)
        try:
            return task(args, data_dir)
        except LeaderJournalError as exc:
            # The one type every task's failures share; its message is for
            # the person. Anything else would be a bug, and says so.
            print(f"{PROG}: {exc}", file=sys.stderr)
            # The kind of failure only: a message may quote a file's values.
            logging.getLogger(ROOT_LOGGER).warning(
                "%s failed: %s", args.command, type(exc).__name__
            )
            return 1
        except BrokenPipeError:
            # The reader (e.g. `| head`) stopped early: not an error of ours.
            sys.stderr.close()
            return 0

    secret = None
    if getattr(args, "passphrase_stdin", False):
        # The window's own passphrase window asks if this one does not open it.
        secret = sys.stdin.readline().rstrip("\r\n") or None

    from leaderjournal.ui.app import run_app

    return run_app(data_dir, secret)
