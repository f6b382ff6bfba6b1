"""LeaderJournal: a private journal that shows how you manage and lead."""

__version__ = "0.1.0"
APP_NAME = "LeaderJournal"
