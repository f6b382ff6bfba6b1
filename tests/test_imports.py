"""What a start and the command line load: only what they use.

Each check runs the real ``leaderjournal`` in a process of its own and lists
the modules that process loaded, because a module imported once stays for
the whole test session here.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from leaderjournal.domain.entry import Entry
from leaderjournal.storage.journal import Journal

REPO_ROOT = Path(__file__).resolve().parent.parent

#: Libraries the window's first paint and a light command do without.
HEAVY = ("sqlite_utils", "numpy", "PySide6", "yaml", "click", "dateutil", "pluggy")
#: What only an encrypted journal needs.
CIPHER = ("sqlcipher3", "cryptography")

#: Runs ``leaderjournal ARGS`` (``cli.main``), then writes the top-level
#: names of every module the process loaded to the file MODULES_TO.
_CHILD = """
import json, os, sys
from leaderjournal.cli import main
try:
    status = main(sys.argv[1:])
except SystemExit as exc:
    status = exc.code
sys.stdout.flush()
with open(os.environ["MODULES_TO"], "w") as out:
    json.dump(sorted({name.partition(".")[0] for name in sys.modules}), out)
sys.exit(status)
"""

#: Opens (and so makes) a journal in the folder ARGV[1], then writes the
#: loaded modules, and whether numpy can still be imported, to MODULES_TO.
_NEW_JOURNAL = """
import json, os, sys
from pathlib import Path
from leaderjournal.storage.journal import Journal
with Journal(Path(sys.argv[1])):
    pass
loaded = sorted({name.partition(".")[0] for name in sys.modules})
import numpy
with open(os.environ["MODULES_TO"], "w") as out:
    json.dump({"loaded": loaded, "numpy_after": numpy.__name__}, out)
"""


def _run(
    tmp_path: Path, script: str, *args: str, env: dict[str, str] | None = None
) -> tuple[subprocess.CompletedProcess[str], object]:
    listing = tmp_path / "modules.json"
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=60,
        check=False,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "MODULES_TO": str(listing),
            **(env or {}),
        },
    )
    assert result.returncode == 0, result.stderr
    return result, json.loads(listing.read_text())


@pytest.fixture
def journal_with_entries(data_dir: Path) -> Path:
    """An up-to-date journal with a few entries (migrated here, not in the
    child)."""
    with Journal(data_dir) as journal:
        for day in range(1, 6):
            journal.entries.save(
                Entry.new(
                    dt.date(2026, 3, day),
                    title=f"One to one {day}",
                    text="Asked for advice on the roadmap.",
                    tags=("team",),
                )
            )
    return data_dir


def test_the_first_paint_loads_neither_numpy_sqlite_utils_the_charts_nor_cipher(
    journal_with_entries: Path, tmp_path: Path
) -> None:
    result, loaded = _run(
        tmp_path,
        _CHILD,
        "--data-dir",
        str(journal_with_entries),
        env={"LEADERJOURNAL_QUIT_AFTER_START": "1"},
    )
    assert "started and painted its window" in result.stdout
    assert isinstance(loaded, list)
    assert "PySide6" in loaded  # the window did open in this process
    late = ("numpy", "sqlite_utils", "pyqtgraph", *CIPHER)
    assert [name for name in late if name in loaded] == []


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["export", "--help"]])
def test_version_and_help_load_nothing_heavy(tmp_path: Path, args: list[str]) -> None:
    result, loaded = _run(tmp_path, _CHILD, *args)
    assert "leaderjournal" in result.stdout
    assert [name for name in HEAVY if name in loaded] == []  # type: ignore[operator]


def test_an_export_to_standard_output_loads_nothing_heavy(
    journal_with_entries: Path, tmp_path: Path
) -> None:
    result, loaded = _run(
        tmp_path, _CHILD, "--data-dir", str(journal_with_entries), "export", "-"
    )
    rows = result.stdout.splitlines()
    assert len(rows) == 6  # the header and the five entries
    assert "One to one 5" in rows[-1]
    unused = (*HEAVY, *CIPHER)
    assert [name for name in unused if name in loaded] == []  # type: ignore[operator]


def test_a_new_journal_is_migrated_without_numpy_which_stays_importable(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "new"
    _, found = _run(tmp_path, _NEW_JOURNAL, str(folder))
    assert isinstance(found, dict)
    assert "sqlite_utils" in found["loaded"]  # the migrations ran through it
    assert "numpy" not in found["loaded"]
    assert found["numpy_after"] == "numpy"
    with Journal(folder) as journal:
        assert journal.entries.count() == 0
