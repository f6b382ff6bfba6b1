"""Shared test set-up: offscreen Qt, and never the user's real data folder."""

from __future__ import annotations

import functools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.kinds import JournalKind, encrypt_for_tests

if TYPE_CHECKING:  # imported where used: domain tests need no storage
    from leaderjournal.storage.journal import Journal

# Set before any test imports Qt, so the suite runs without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


#: Room a run's temporary folders may take (a full run takes well under a
#: gigabyte; pytest keeps the last three runs' folders).
_TEMP_ROOM = 4 * 2**30


def _temp_root_in_memory(memory: Path = Path("/dev/shm")) -> None:
    """Keep the tests' temporary folders (``tmp_path``) in memory when the
    machine has a memory file system with room, unless the person chose a
    root (pytest's ``PYTEST_DEBUG_TEMPROOT``).

    The tests write real journals, and SQLite waits for the disk at every
    commit: on a quiet machine that waiting took a tenth of the storage and
    sync tests' time, and on a disk busy with other work over half of it.
    A file in memory is the same file to the code under test; only a power
    cut, which no test makes, could tell them apart.
    """
    if "PYTEST_DEBUG_TEMPROOT" in os.environ:
        return
    try:
        room = shutil.disk_usage(memory).free
    except OSError:
        return
    if room >= _TEMP_ROOM and os.access(memory, os.W_OK | os.X_OK):
        os.environ["PYTEST_DEBUG_TEMPROOT"] = str(memory)


_temp_root_in_memory()


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto``: one worker more than pytest-xdist's count of cores.

    A good part of each worker's time is spent waiting, not computing: for
    a program it started to reach a point or to be killed, for an idle time
    to pass, for LibreOffice to convert; with one worker per core a core
    sat idle a third of the run. PYTEST_XDIST_AUTO_NUM_WORKERS still
    chooses the number outright.
    """
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # pytest-xdist's own hook reads it
    try:
        from xdist.plugin import pytest_xdist_auto_num_workers as cores
    except ImportError:  # a pytest-xdist that counts otherwise
        return (os.cpu_count() or 1) + 1
    return cores(config) + 1


#: Every wait of a test is for something that must happen; on a loaded
#: machine (CI, two workers on two cores) it may take longer than on a quiet
#: one, never another course. A wait shorter than this, or none given
#: (pytest-qt's 5 s), waits this long before it fails.
LEAST_WAIT_MS = 30_000
_WAITS = ("waitUntil", "waitSignal", "waitSignals", "waitExposed", "waitActive")


@pytest.fixture
def qtbot(qtbot):
    """pytest-qt's qtbot, whose waits fail only after LEAST_WAIT_MS."""
    for name in _WAITS:
        setattr(qtbot, name, _patient(getattr(qtbot, name)))
    return qtbot


def _patient(wait):
    @functools.wraps(wait)
    def patient(*args, timeout: int | None = 5000, **kwargs):
        if timeout is not None and 0 < timeout < LEAST_WAIT_MS:
            timeout = LEAST_WAIT_MS
        return wait(*args, timeout=timeout, **kwargs)

    return patient


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """Point every per-user folder at a temporary one for each test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("LEADERJOURNAL_DATA_DIR", raising=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder for one test's journal (created by the code under test)."""
    return tmp_path / "data"


@pytest.fixture(scope="session")
def _empty_journals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One new, closed, empty journal of each kind, made once per worker:
    encrypting one costs about ten times more than copying it."""
    from leaderjournal.storage.journal import Journal

    made = {}
    for name in ("plain", "encrypted"):
        folder = tmp_path_factory.mktemp(f"empty-{name}") / "data"
        Journal(folder).close()
        if name == "encrypted":
            encrypt_for_tests(folder)
        made[name] = folder
    return made


@pytest.fixture(params=["plain", "encrypted"], ids=["plain", "encrypted"])
def journal_kind(request, _empty_journals: dict[str, Path]) -> JournalKind:
    """Each kind of journal in turn: a test that takes it runs twice."""
    return JournalKind(request.param, _empty_journals[request.param])


@pytest.fixture
def journal(journal_kind: JournalKind, data_dir: Path) -> Iterator[Journal]:
    """A new, empty journal of each kind in ``data_dir``, open."""
    with journal_kind.new(data_dir) as opened:
        yield opened
