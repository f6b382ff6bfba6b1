"""``python -m leaderjournal`` runs the same command as ``leaderjournal``."""

import sys

from leaderjournal.cli import main

sys.exit(main())
