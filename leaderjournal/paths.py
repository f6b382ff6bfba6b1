"""Where the journal lives: the one module that decides paths.

The default is the platform's user data folder from appdirs (app name
"LeaderJournal", no author folder). ``--data-dir`` wins over the environment
variable ``LEADERJOURNAL_DATA_DIR``, which wins over the default.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import appdirs

from leaderjournal import APP_NAME

ENV_VAR = "LEADERJOURNAL_DATA_DIR"
JOURNAL_FILE = "journal.db"
BACKUP_FOLDER = "backups"
LOG_FOLDER = "logs"
#: Where an encrypted journal's wrapped data key lives, beside the journal.
KEY_FILE = "journal.key"

_PRIVATE_DIR = 0o700
_PRIVATE_FILE = 0o600


def default_data_dir() -> Path:
    """The platform's user data folder for LeaderJournal."""
    return Path(appdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder to use, from the command line, environment or default."""
    if override:
        return Path(override).expanduser().absolute()
    from_env = os.environ.get(ENV_VAR, "").strip()
    if from_env:
        return Path(from_env).expanduser().absolute()
    return default_data_dir()


def journal_path(data_dir: Path) -> Path:
    return data_dir / JOURNAL_FILE


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_FOLDER


def log_dir(data_dir: Path) -> Path:
    return data_dir / LOG_FOLDER


def ensure_private_dir(path: Path, *, app_folder: bool = False) -> Path:
    """Create ``path`` and any missing parents, each readable only by its owner.

    A folder that already exists keeps its mode: it may be /tmp (1777) or
    the person's own folder, which is not the app's to change. Only with
    ``app_folder`` (the data folder or its backups folder, which are the
    app's own) is an existing folder made private too.
    """
    missing: list[Path] = []
    folder = path
    while not folder.is_dir() and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        try:
            # Created 0700 (the umask can only take bits away), parents too:
            # mkdir(parents=True) would make them with the default mode.
            folder.mkdir(mode=_PRIVATE_DIR)
        except FileExistsError:
            if not folder.is_dir():
                raise
            # Made by someone else in the meantime: not ours to change.
    if app_folder and sys.platform != "win32":
        mode = stat.S_IMODE(path.stat().st_mode)
        # Take away what others could reach, keep the owner's own choice; a
        # shared sticky folder such as /tmp given as --data-dir is not ours.
        if mode & ~_PRIVATE_DIR and not mode & stat.S_ISVTX:
            path.chmod(mode & _PRIVATE_DIR)
    return path


def ensure_private_file(path: Path) -> Path:
    """Create ``path`` empty if missing; make it private to its owner."""
    if sys.platform == "win32":
        path.touch(exist_ok=True)
        return path
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, _PRIVATE_FILE)
        os.close(fd)
    mode = path.stat().st_mode & 0o777
    if mode & ~_PRIVATE_FILE:
        # Take away what others could read; keep the owner's own choice.
        path.chmod(mode & _PRIVATE_FILE)
    return path
