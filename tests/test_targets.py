"""Where `leaderjournal export FILE` and `backup FILE` may write, run as a
person runs them: never onto the journal, its sidecars, its lock, key or
backups (not even through a link), never onto a device, FIFO, socket or
folder, and never changing the mode of a folder the app did not make.

The commands run in-process through ``leaderjournal.cli.main``, with the
real journal files in ``tmp_path``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import socket
import sqlite3
import stat
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from leaderjournal.cli import main
from leaderjournal.domain.entry import Entry
from leaderjournal.exchange.csv_format import ENTRY_COLUMNS
from leaderjournal.storage import cipher
from leaderjournal.storage.backup_copy import check_file
from leaderjournal.storage.backups import list_backups
from tests.files import mode, sha256
from tests.kinds import key_of, open_journal, passphrase_input

WRITTEN = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

posix_only = pytest.mark.skipif(
    sys.platform == "win32", reason="links, FIFOs, sockets and modes are POSIX"
)
pytestmark = posix_only


def texts_in(path: Path, key: bytes | None) -> list[str]:
    """The entry texts in a journal or backup file (``key``: its data key)."""
    conn = sqlite3.connect(path) if key is None else cipher.connect(path, key)
    try:
        return [t for (t,) in conn.execute("SELECT text FROM entries ORDER BY seq")]
    finally:
        conn.close()


def run(capsys, data_dir: Path, *args: str) -> tuple[int, str, str]:
    """The command as typed; returns (exit status, stdout, stderr). An
    encrypted journal's passphrase comes on standard input."""
    extra, stdin = passphrase_input(data_dir)
    saved, sys.stdin = sys.stdin, io.StringIO(stdin)
    try:
        status = main(["--data-dir", str(data_dir), *args, *extra])
    except SystemExit as exited:
        status = exited.code if isinstance(exited.code, int) else 1
    finally:
        sys.stdin = saved
    out, err = capsys.readouterr()
    return status, out, err


def the_one_line(status: int, err: str) -> str:
    """A refusal: non-zero, and one plain line on stderr."""
    assert status != 0
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("leaderjournal: "), lines[0]
    assert "Traceback" not in err
    assert "Errno" not in err
    assert "usage:" not in err
    return lines[0]


def kind_of(path: Path) -> int:
    """What sits at ``path`` without following a link (file, link, FIFO...)."""
    return stat.S_IFMT(path.lstat().st_mode)


@pytest.fixture(scope="module")
def _filled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each kind's filled journal, made once per module on first use and
    never opened again: filling and backing up costs several times more
    than copying the folder."""
    return {}


@pytest.fixture
def journal_dir(
    journal_kind, data_dir: Path, _filled: dict[str, Path], tmp_path_factory
) -> Path:
    """A closed journal of each kind with two entries and one backup in
    backups/, of the test's own."""
    if journal_kind.name not in _filled:
        folder = tmp_path_factory.mktemp(f"filled-{journal_kind.name}") / "data"
        with journal_kind.new(folder) as journal:
            for text in ("first", "second"):
                journal.entries.add(
                    Entry.new(dt.date(2026, 3, 2), at=WRITTEN, text=text)
                )
            journal.backup_now()
        _filled[journal_kind.name] = folder
    shutil.copytree(_filled[journal_kind.name], data_dir)
    return data_dir


# -- targets that are refused ------------------------------------------------------


def _the_backup(data_dir: Path, _tmp: Path) -> Path:
    [made] = list_backups(data_dir / "backups")
    return made.path


def _symlink_to_journal(data_dir: Path, tmp: Path) -> Path:
    link = tmp / "journal-link.csv"
    link.symlink_to(data_dir / "journal.db")
    return link


def _hard_link_of_journal(data_dir: Path, tmp: Path) -> Path:
    other = tmp / "another-name.db"
    os.link(data_dir / "journal.db", other)
    return other


def _key_file(data_dir: Path, _tmp: Path) -> Path:
    key = data_dir / "journal.key"
    if not key.exists():  # an encrypted journal's is its own
        key.write_bytes(b"wrapped key, not to be touched")
        key.chmod(0o600)
    return key


def _device_twin(major: int, minor: int) -> Callable[[Path, Path], Path]:
    """A character device with the numbers of /dev/null or /dev/full, made in
    the test folder: a regression replaces this node, not the machine's."""

    def make(_data_dir: Path, tmp: Path) -> Path:
        node = tmp / f"device-{major}-{minor}"
        try:
            os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(major, minor))
        except (PermissionError, AttributeError):
            pytest.skip("making a device node needs root (the real ones are below)")
        return node

    return make


def _fifo(_data_dir: Path, tmp: Path) -> Path:
    fifo = tmp / "pipe.csv"
    os.mkfifo(fifo)
    return fifo


def _socket(_data_dir: Path, tmp: Path) -> Path:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    here = Path.cwd()
    os.chdir(tmp)  # a socket's path is short; bind by its name in the folder
    try:
        sock.bind("sock.csv")
    finally:
        os.chdir(here)
    sock.close()
    return tmp / "sock.csv"


def _folder(_data_dir: Path, tmp: Path) -> Path:
    folder = tmp / "a folder.csv"
    folder.mkdir()
    return folder


REFUSED: dict[str, Callable[[Path, Path], Path]] = {
    "journal.db": lambda d, _t: d / "journal.db",
    "journal.db-wal": lambda d, _t: d / "journal.db-wal",
    "journal.db-shm": lambda d, _t: d / "journal.db-shm",
    "journal.lock": lambda d, _t: d / "journal.lock",
    "journal.key": _key_file,
    "a backup": _the_backup,
    "a new file in backups": lambda d, _t: d / "backups" / "mine.csv",
    "the data folder": lambda d, _t: d,
    "journal.db by another path": lambda d, _t: d / "backups" / ".." / "journal.db",
    "a symlink to journal.db": _symlink_to_journal,
    "a hard link of journal.db": _hard_link_of_journal,
    "a device like /dev/null": _device_twin(1, 3),
    "a device like /dev/full": _device_twin(1, 7),
    "a FIFO": _fifo,
    "a socket": _socket,
    "a folder": _folder,
}


def _snapshot(path: Path) -> tuple[int, str | None]:
    """What a refused target is, and its bytes when it is a regular file."""
    if not os.path.lexists(path):
        return (0, None)
    kind = kind_of(path)
    return (kind, sha256(path) if stat.S_ISREG(kind) else None)


def _data_files(journal_dir: Path) -> list[str]:
    """The data folder's files, but for the app's log (which notes the refusal)."""
    return sorted(
        p.name
        for p in journal_dir.rglob("*")
        if p.relative_to(journal_dir).parts[0] != "logs"
    )


@pytest.mark.parametrize("command", ["export", "backup"])
@pytest.mark.parametrize("target_kind", list(REFUSED))
def test_a_refused_target_is_named_and_nothing_is_written(
    capsys, journal_dir, tmp_path, command, target_kind
):
    target = REFUSED[target_kind](journal_dir, tmp_path)
    journal_file = journal_dir / "journal.db"
    [backup] = list_backups(journal_dir / "backups")
    before = {
        "journal": sha256(journal_file),
        "backup": sha256(backup.path),
        "target": _snapshot(target),
        "data": _data_files(journal_dir),
        "tmp": sorted(p.name for p in tmp_path.iterdir()),
        "tmp mode": mode(tmp_path),
    }

    status, out, err = run(capsys, journal_dir, command, str(target))

    line = the_one_line(status, err)
    assert "Nothing was written" in line
    assert out == ""
    assert _data_files(journal_dir) == before["data"]
    assert sorted(p.name for p in tmp_path.iterdir()) == before["tmp"]
    assert mode(tmp_path) == before["tmp mode"]
    assert _snapshot(target) == before["target"]
    assert sha256(journal_file) == before["journal"]
    assert sha256(backup.path) == before["backup"]
    assert texts_in(journal_file, key_of(journal_dir)) == ["first", "second"]
    assert check_file(backup.path, key_of(journal_dir)) is None


@pytest.mark.parametrize("command", ["export", "backup"])
def test_the_reason_names_the_journal_file(capsys, journal_dir, command):
    status, _out, err = run(
        capsys, journal_dir, command, str(journal_dir / "journal.db")
    )
    line = the_one_line(status, err)
    assert "journal.db is the journal itself" in line
    assert "choose another file" in line


@pytest.mark.parametrize("command", ["export", "backup"])
def test_a_link_to_the_journal_says_where_it_leads(
    capsys, journal_dir, tmp_path, command
):
    link = _symlink_to_journal(journal_dir, tmp_path)
    status, _out, err = run(capsys, journal_dir, command, str(link))
    line = the_one_line(status, err)
    assert str(link) in line
    assert "journal itself" in line


NAMED = {"named pipe": _fifo, "socket": _socket, "folder": _folder}


@pytest.mark.parametrize("command", ["export", "backup"])
@pytest.mark.parametrize("named", list(NAMED))
def test_the_reason_says_what_the_target_is(
    capsys, journal_dir, tmp_path, command, named
):
    target = NAMED[named](journal_dir, tmp_path)
    status, _out, err = run(capsys, journal_dir, command, str(target))
    line = the_one_line(status, err)
    assert str(target) in line
    assert named in line


# The machine's own /dev/null and /dev/full. As root a regression could
# replace them with regular files, which would break the whole machine, so
# root meets the device twins above instead; any other user cannot write to
# /dev, so for them the real devices are safe to try.
real_devices_only_unprivileged = pytest.mark.skipif(
    os.geteuid() == 0,
    reason="as root a regression would replace the machine's /dev/null; "
    "the mknod twins above cover root",
)


@real_devices_only_unprivileged
@pytest.mark.parametrize("command", ["export", "backup"])
@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_the_real_devices_are_refused(capsys, journal_dir, command, device):
    if not Path(device).exists():
        pytest.skip(f"{device} does not exist here")
    before = sha256(journal_dir / "journal.db")
    status, _out, err = run(capsys, journal_dir, command, device)
    line = the_one_line(status, err)
    assert "device" in line
    assert stat.S_ISCHR(Path(device).lstat().st_mode)
    assert sha256(journal_dir / "journal.db") == before


def test_a_dangling_link_is_refused(capsys, journal_dir, tmp_path):
    link = tmp_path / "nowhere.csv"
    link.symlink_to(tmp_path / "missing" / "file.csv")
    status, _out, err = run(capsys, journal_dir, "export", str(link))
    line = the_one_line(status, err)
    assert str(link) in line
    assert link.is_symlink()
    assert not (tmp_path / "missing").exists()


# -- a link to an ordinary file: written through, as cp does ------------------------


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_export_through_a_link_writes_the_file_and_keeps_the_link(
    capsys, journal_dir, tmp_path
):
    real_folder = tmp_path / "real"
    real_folder.mkdir()
    real = real_folder / "entries.csv"
    real.write_text("an older export\n")
    link = tmp_path / "latest.csv"
    link.symlink_to(real)

    status, out, err = run(capsys, journal_dir, "export", str(link))

    assert status == 0, err
    assert "Exported 2 entries" in out
    assert link.is_symlink()
    assert link.readlink() == real
    rows = read_csv(real)
    assert rows[0] == list(ENTRY_COLUMNS)
    assert [r[ENTRY_COLUMNS.index("text")] for r in rows[1:]] == ["first", "second"]
    # the temporary file was written beside the real file, and is gone
    assert sorted(p.name for p in real_folder.iterdir()) == ["entries.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "latest.csv", "real"]


def test_backup_through_a_link_writes_the_file_and_keeps_the_link(
    capsys, journal_dir, tmp_path
):
    real = tmp_path / "stick" / "journal-copy.db"
    real.parent.mkdir()
    real.write_bytes(b"an older copy")
    link = tmp_path / "copy.db"
    link.symlink_to(real)

    status, _out, err = run(capsys, journal_dir, "backup", str(link))

    assert status == 0, err
    assert link.is_symlink()
    assert check_file(real, key_of(journal_dir)) is None
    assert texts_in(real, key_of(journal_dir)) == ["first", "second"]
    assert mode(real) == 0o600
    assert sorted(p.name for p in real.parent.iterdir()) == ["journal-copy.db"]


# -- folders the app did not make keep their mode -----------------------------------


def test_a_backup_into_a_shared_folder_leaves_its_mode(capsys, journal_dir, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp

    status, _out, err = run(capsys, journal_dir, "backup", str(shared / "copy.db"))

    assert status == 0, err
    assert mode(shared) == 0o1777
    assert mode(shared / "copy.db") == 0o600
    assert texts_in(shared / "copy.db", key_of(journal_dir)) == ["first", "second"]


def test_a_backup_into_a_new_folder_makes_it_private(capsys, journal_dir, tmp_path):
    parent = tmp_path / "usb"
    parent.mkdir()
    parent.chmod(0o755)
    target = parent / "new" / "deeper" / "copy.db"

    status, _out, err = run(capsys, journal_dir, "backup", str(target))

    assert status == 0, err
    assert mode(parent) == 0o755
    assert mode(parent / "new") == 0o700
    assert mode(parent / "new" / "deeper") == 0o700
    assert mode(target) == 0o600


def test_an_export_into_a_shared_folder_leaves_its_mode(capsys, journal_dir, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)

    status, _out, err = run(capsys, journal_dir, "export", str(shared / "out.csv"))

    assert status == 0, err
    assert mode(shared) == 0o1777
    assert read_csv(shared / "out.csv")[0] == list(ENTRY_COLUMNS)


# -- leftovers of an interrupted write ----------------------------------------------


def test_leftovers_of_a_killed_backup_or_restore_are_gone_at_the_next_open(
    journal_dir,
):
    backups = journal_dir / "backups"
    [kept] = list_backups(backups)
    leftovers = [
        backups / "journal-20260301T090000.db.part",
        backups / "journal-20260301T090000-manual.db.part",
        backups / "journal-20260301T090000.db.part-journal",
        journal_dir / "journal.db.restoring",
        journal_dir / "journal.db.restoring.part",
        journal_dir / "journal.db.restoring.part-journal",
    ]
    for leftover in leftovers:
        leftover.write_bytes(b"\0" * 4096)
    mine = [backups / "notes.part", journal_dir / "notes.txt"]
    for path in mine:
        path.write_text("the person's own file")

    with open_journal(journal_dir) as journal:
        assert journal.entries.count() == 2

    assert [p for p in leftovers if p.exists()] == []
    assert all(p.read_text() == "the person's own file" for p in mine)
    assert check_file(kept.path, key_of(journal_dir)) is None


def test_a_leftover_is_removed_before_the_next_backup(journal_dir):
    with open_journal(journal_dir) as journal:
        leftover = journal.backup_dir / "journal-20260301T090000.db.part"
        leftover.write_bytes(b"\0" * 4096)
        made = journal.backup_now()
    assert not leftover.exists()
    assert check_file(made.path, key_of(journal_dir)) is None


def test_leftovers_of_an_interrupted_export_go_at_the_next_export_there(
    capsys, journal_dir, tmp_path
):
    target = tmp_path / "out.csv"
    leftovers = [
        tmp_path / ".out.csv.k2j4_x9q.part",  # names tempfile.mkstemp gives
        tmp_path / ".out.csv.abcd1234.part",
    ]
    for leftover in leftovers:
        leftover.write_text("id,date\r\nhalf a row")
    others = [
        tmp_path / ".other.csv.abcd1234.part",  # another export's
        tmp_path / ".out.csv.notes.part",  # not a name the export makes
    ]
    for other in others:
        other.write_text("keep me")

    status, _out, err = run(capsys, journal_dir, "export", str(target))

    assert status == 0, err
    assert [p for p in leftovers if p.exists()] == []
    assert all(p.read_text() == "keep me" for p in others)
    assert read_csv(target)[0] == list(ENTRY_COLUMNS)


# -- restore of something that is not a file; arguments ------------------------------


def test_restore_from_a_device_says_it_is_not_a_backup(capsys, journal_dir):
    before = sha256(journal_dir / "journal.db")
    status, out, err = run(capsys, journal_dir, "restore", os.devnull)
    line = the_one_line(status, err)
    assert "does not exist" not in line
    assert "not a journal backup" in line
    assert os.devnull in line
    assert out == ""
    assert sha256(journal_dir / "journal.db") == before


def test_restore_from_a_folder_says_it_is_not_a_backup(capsys, journal_dir, tmp_path):
    status, _out, err = run(capsys, journal_dir, "restore", str(tmp_path))
    line = the_one_line(status, err)
    assert "folder" in line
    assert "does not exist" not in line


@pytest.mark.parametrize("option", ["--from", "--to"])
def test_a_bad_date_is_one_line(capsys, journal_dir, option):
    status, out, err = run(capsys, journal_dir, "export", "-", option, "2026-13-01")
    line = the_one_line(status, err)
    assert f"{option}: '2026-13-01' is not a date" in line
    assert "YYYY-MM-DD" in line
    assert out == ""


@pytest.mark.parametrize(
    "args",
    [
        ["export"],
        ["export", "-", "--weekly", "--nonsense"],
        ["backup", "a.db", "b.db"],
        ["no-such-command"],
    ],
)
def test_every_argument_error_is_one_line(capsys, journal_dir, args):
    status, _out, err = run(capsys, journal_dir, *args)
    the_one_line(status, err)
    assert "--help" in err
