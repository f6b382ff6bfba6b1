"""Finding the files in ``resources/``, installed or from a checkout.

In a wheel the folder is packaged as ``leaderjournal/resources``; in a source
checkout it sits at the top of the repository.
"""

from __future__ import annotations

from pathlib import Path

# This file is leaderjournal/ui/common/resources.py: three folders up is the
# package.
_PACKAGE = Path(__file__).resolve().parents[2]


def resource_dir() -> Path:
    installed = _PACKAGE / "resources"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "resources"


def resource_file(name: str) -> Path:
    """The path of a resource such as ``icons/leaderjournal.svg``."""
    path = resource_dir() / name
    if not path.is_file():
        raise FileNotFoundError(f"LeaderJournal is missing its file {name}")
    return path
