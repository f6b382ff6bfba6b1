"""How the command line reads its arguments: the program's name, the options
every command shares, and one-line errors instead of a usage dump."""

from __future__ import annotations

import argparse
from typing import NoReturn

from leaderjournal import __version__
from leaderjournal.paths import ENV_VAR

PROG = "leaderjournal"


class Parser(argparse.ArgumentParser):
    """Says what is wrong with the arguments in one line, like every other
    failure, instead of a usage dump (``--help`` still shows the usage)."""

    def error(self, message: str) -> NoReturn:
        reason = " ".join(message.removeprefix("argument ").split())
        self.exit(2, f"{PROG}: error: {reason} (see {self.prog} --help)\n")


def common_options() -> Parser:
    """The options the command and each of its subcommands take."""
    common = Parser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"folder that holds journal.db (default: ${ENV_VAR}, "
        "or the user data folder)",
    )
    common.add_argument(
        "--passphrase-stdin",
        action="store_true",
        default=argparse.SUPPRESS,
        help="read the passphrase of an encrypted journal from the first line "
        "of standard input (each further one a line on), instead of asking on "
        "the terminal",
    )
    common.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    return common
