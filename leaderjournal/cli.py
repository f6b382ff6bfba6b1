"""The ``leaderjournal`` command: opens the app, or runs a task without it.

Qt is imported only when the window is actually opened, so ``--help`` and
``--version`` answer at once and work on a machine without a display.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from leaderjournal import APP_NAME, __version__
from leaderjournal.paths import ENV_VAR, resolve_data_dir


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="leaderjournal",
        description=(
            f"{APP_NAME}: a private journal for people who manage others. "
            "Without a command it opens the app."
        ),
        epilog=(
            f"The journal lives in the user data folder unless --data-dir or "
            f"the environment variable {ENV_VAR} says otherwise."
        ),
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"folder that holds journal.db (default: ${ENV_VAR}, "
        "or the user data folder)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    args = build_parser().parse_args(argv)
    data_dir = resolve_data_dir(args.data_dir)

    from leaderjournal.ui.app import run_app

    return run_app(data_dir)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
