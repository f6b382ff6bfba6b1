"""The app's log: its events, and never what the person wrote."""

from __future__ import annotations

import logging
import os
import stat
import sys
from pathlib import Path

import pytest

from leaderjournal.cli import main
from leaderjournal.exchange.csv_format import ENTRY_COLUMNS
from leaderjournal.logs import LOG_FILE, ROOT_LOGGER, setup_logging, stop_logging
from leaderjournal.storage.journal import Journal

# What a person wrote: none of it may reach the log.
TITLE = "Zanzibar offsite quarrel"
TEXT = "Told Ingrid quietly about the Quokka reorganisation"
TAG = "velvet-hammer"


@pytest.fixture(autouse=True)
def _close_the_log():
    yield
    stop_logging()


def csv_file(folder: Path, title: str = TITLE, day: str = "2026-03-02") -> Path:
    path = folder / f"{day}.csv"
    row = dict.fromkeys(ENTRY_COLUMNS, "")
    row.update(
        date=day,
        title=title,
        text=TEXT,
        influence="1",
        advice_requests="0",
        tags=TAG,
    )
    lines = [",".join(ENTRY_COLUMNS), ",".join(row[c] for c in ENTRY_COLUMNS)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def log_text(data_dir: Path) -> str:
    return "".join(
        p.read_text(encoding="utf-8")
        for p in sorted((data_dir / "logs").glob(f"{LOG_FILE}*"))
    )


def test_the_commands_log_their_events_but_not_the_entries(data_dir, tmp_path):
    source = csv_file(tmp_path)
    assert main(["--data-dir", str(data_dir), "import", str(source)]) == 0
    with Journal(data_dir) as journal:  # and a save, as the editor does
        (entry,) = journal.entries.iter_all()
        journal.entries.save(entry.edited(text=TEXT + " again"))
    backup = tmp_path / "copy.db"
    assert main(["--data-dir", str(data_dir), "backup", str(backup)]) == 0
    export = tmp_path / "out.csv"
    assert main(["--data-dir", str(data_dir), "export", str(export)]) == 0
    assert main(["--data-dir", str(data_dir), "restore", str(backup)]) == 0
    bad = csv_file(tmp_path, title=TITLE + " bad", day="2026-02-30")
    assert main(["--data-dir", str(data_dir), "import", str(bad)]) == 1
    stop_logging()

    log = log_text(data_dir)
    assert "Imported entries: 1 added, 0 updated, 0 unchanged" in log
    assert f"Backup written: {backup}" in log
    assert f"Exported 1 rows (entries) to {export}" in log
    assert "Journal restored: " in log
    assert "import failed: " in log
    for secret in (TITLE, "Zanzibar", TEXT, "Quokka", "Ingrid", TAG):
        assert secret not in log


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_the_log_is_private_to_its_owner(data_dir):
    os.umask(old := os.umask(0o022))  # whatever the umask, not readable by others
    path = setup_logging(data_dir)
    logging.getLogger(ROOT_LOGGER).info("started")

    assert path == data_dir / "logs" / LOG_FILE
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert old == os.umask(old)


def test_an_error_is_logged_by_its_kind_and_place_without_its_message(data_dir):
    setup_logging(data_dir)
    try:
        raise ValueError(f"tag {TAG!r} is too long")
    except ValueError:
        logging.getLogger("leaderjournal.test").exception("Saving failed")
    stop_logging()

    log = log_text(data_dir)
    assert "Saving failed" in log
    assert "ValueError" in log
    assert "test_logs.py" in log  # where it happened
    assert TAG not in log


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need rights")
def test_a_link_in_place_of_the_log_is_not_written_through(data_dir, tmp_path):
    target = tmp_path / "elsewhere.txt"
    target.write_text("theirs\n", encoding="utf-8")
    (data_dir / "logs").mkdir(parents=True)
    (data_dir / "logs" / LOG_FILE).symlink_to(target)

    assert setup_logging(data_dir) is None  # the app runs on without a log
    logging.getLogger(ROOT_LOGGER).warning("not to be written")

    assert target.read_text(encoding="utf-8") == "theirs\n"


@pytest.mark.skipif(
    sys.platform != "linux" or os.geteuid() != 0,
    reason="mounting a small disk needs root on Linux",
)
def test_a_full_disk_leaves_the_log_silent_and_the_terminal_clean(tmp_path, capfd):
    """The log is kept as well as it can be: a log line that does not fit on
    a full disk is dropped, never printed to the terminal as a traceback."""
    import subprocess

    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)], check=False
    ).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        assert setup_logging(disk / "data") is not None
        fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            for size in (65536, 4096, 1):
                try:
                    while True:
                        os.write(fd, b"x" * size)
                except OSError:
                    pass
        finally:
            os.close(fd)
        for _ in range(50):  # more than the buffer holds
            logging.getLogger(ROOT_LOGGER).warning("Backup written " + "x" * 200)
        stop_logging()
        assert "Logging error" not in capfd.readouterr().err
    finally:
        stop_logging()
        subprocess.run(["umount", "-l", str(disk)], check=False)
