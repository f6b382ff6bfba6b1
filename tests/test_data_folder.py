"""A data folder the app cannot use is named for what it is, in one line.

A file where the folder should be, a folder where the journal should be, a
read-only folder, and files left behind by a run as another user (e.g. with
sudo) are not damage: the person is told which file and how to fix it, and
nothing is changed.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.storage.journal import Journal
from tests.command import run_main
from tests.files import sha256

REPO_ROOT = Path(__file__).resolve().parent.parent
OTHER_UID = 65534  # "nobody"

posix_only = pytest.mark.skipif(
    sys.platform == "win32", reason="file modes are POSIX only"
)


def _env(home: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "LEADERJOURNAL_DATA_DIR")
    }
    env["HOME"] = str(home)
    env["XDG_DATA_HOME"] = str(home / "share")
    env["XDG_CONFIG_HOME"] = str(home / "config")
    return env


def run(data_dir: Path, *args: str, home: Path, unprivileged: bool = False):
    """Run the command line; ``unprivileged`` drops root's power to ignore
    file permissions, so that root meets them as any other user would."""
    prefix: list[str] = []
    if unprivileged and os.geteuid() == 0:
        prefix = ["setpriv", "--bounding-set=-all", "--inh-caps=-all"]
    return subprocess.run(
        [
            *prefix,
            sys.executable,
            "-m",
            "leaderjournal",
            "--data-dir",
            str(data_dir),
            *args,
        ],
        cwd=REPO_ROOT,
        env=_env(home),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def the_one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0, result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "Errno" not in lines[0], lines[0]
    assert "damaged" not in lines[0].lower(), lines[0]
    return lines[0]


def make_journal(data_dir: Path) -> None:
    with Journal(data_dir) as journal:
        journal.entries.save(
            Entry.new(
                dt.date(2026, 11, 30), title="Kept", text="Coached Ana on the budget."
            )
        )


def test_a_data_folder_that_is_a_file_is_named_as_such(tmp_path):
    where = tmp_path / "data"
    where.write_text("notes")
    line = the_one_line(run_main("--data-dir", str(where), "export", "-", text=True))
    assert "is a file, not a folder" in line
    assert where.read_text() == "notes"


def test_a_journal_that_is_a_folder_is_named_as_such(tmp_path):
    data = tmp_path / "data"
    (data / "journal.db").mkdir(parents=True)
    line = the_one_line(run_main("--data-dir", str(data), "export", "-", text=True))
    assert "journal.db" in line
    assert "is a folder" in line
    assert (data / "journal.db").is_dir()


# -- files of another user, and read-only folders ----------------------------

needs_root = pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="giving files to another user needs root (and setpriv to drop its powers)",
)


def _owner_name(uid: int) -> str:
    import pwd

    return pwd.getpwuid(uid).pw_name


@needs_root
@pytest.mark.parametrize(
    "left_by_other", ["journal.lock", "journal.db", "backups", "journal.db-wal"]
)
def test_files_left_by_another_user_are_named_with_the_fix(tmp_path, left_by_other):
    """As after ``sudo leaderjournal backup``: one file is not the person's."""
    data = tmp_path / "data"
    make_journal(data)
    (data / "journal.lock").touch()
    (data / "backups").mkdir(exist_ok=True)
    (data / "journal.db-wal").touch()
    os.chown(data / left_by_other, OTHER_UID, OTHER_UID)
    (data / left_by_other).chmod(0o700 if left_by_other == "backups" else 0o600)
    before = sha256(data / "journal.db")

    line = the_one_line(run(data, "export", "-", home=tmp_path, unprivileged=True))

    assert left_by_other in line
    assert f"belongs to {_owner_name(OTHER_UID)}" in line
    assert f"sudo chown -R {_owner_name(os.geteuid())} {data}" in line
    assert sha256(data / "journal.db") == before


@needs_root
def test_a_data_folder_of_another_user_is_named_with_the_fix(tmp_path):
    data = tmp_path / "data"
    make_journal(data)
    os.chown(data, OTHER_UID, OTHER_UID)
    line = the_one_line(run(data, "export", "-", home=tmp_path, unprivileged=True))
    assert f"belongs to {_owner_name(OTHER_UID)}" in line
    assert "sudo chown -R" in line


@posix_only
def test_a_read_only_data_folder_is_named_as_such(tmp_path):
    data = tmp_path / "data"
    make_journal(data)
    data.chmod(0o500)
    before = sha256(data / "journal.db")
    try:
        line = the_one_line(run(data, "export", "-", home=tmp_path, unprivileged=True))
    finally:
        data.chmod(0o700)
    assert "read-only" in line
    assert str(data) in line
    assert sha256(data / "journal.db") == before


@posix_only
def test_the_persons_own_journal_still_opens_without_privileges(tmp_path):
    data = tmp_path / "data"
    make_journal(data)
    result = run(data, "export", "-", home=tmp_path, unprivileged=True)
    assert result.returncode == 0, result.stderr
    assert "Coached Ana on the budget." in result.stdout
