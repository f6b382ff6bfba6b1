"""The journal's data folder and the sync folder are kept apart.

File-sync tools corrupt a live SQLite file (DESIGN.md, "Several computers"),
so the journal is never where a sync tool copies it: a data folder inside
the sync folder (or the same folder) is refused, and so is a sync folder
inside the data folder, where the sync files would sit beside the journal
and its backups. Folders are compared as they resolve, links followed, so a
link does not hide where a folder really is; one that does not exist yet is
compared as it will be once made.
"""

from __future__ import annotations

from pathlib import Path

from leaderjournal.sync.errors import SyncError


def _resolved(folder: Path) -> Path:
    return folder.expanduser().resolve(strict=False)


def check_placement(sync_folder: Path, data_folder: Path) -> None:
    """SyncError, in one sentence, unless the two folders are apart."""
    sync, data = _resolved(sync_folder), _resolved(data_folder)
    if data == sync:
        raise SyncError(
            f"The journal's folder {data_folder} is the sync folder {sync_folder}: "
            "a sync tool would copy the journal while it is open and could damage "
            "it. Choose a sync folder of its own."
        )
    if data.is_relative_to(sync):
        raise SyncError(
            f"The journal's folder {data_folder} is inside the sync folder "
            f"{sync_folder}: a sync tool would copy the journal while it is open "
            "and could damage it. Choose a sync folder that does not hold it."
        )
    if sync.is_relative_to(data):
        raise SyncError(
            f"The sync folder {sync_folder} is inside the journal's folder "
            f"{data_folder}. Choose a sync folder elsewhere, such as the folder "
            "your sync tool already keeps in step."
        )
