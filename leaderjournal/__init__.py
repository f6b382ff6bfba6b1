"""LeaderJournal: a private journal that shows how you manage and lead."""

import logging

# Records go only where leaderjournal.logs sends them: never to the
# terminal as logging's fallback would, where a command says things itself.
logging.getLogger(__name__).addHandler(logging.NullHandler())

__version__ = "0.1.0"
APP_NAME = "LeaderJournal"
