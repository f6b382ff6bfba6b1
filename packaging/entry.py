"""The bundle's entry point: the same command as ``leaderjournal``."""

import sys

from leaderjournal.cli import main

if __name__ == "__main__":
    sys.exit(main())
