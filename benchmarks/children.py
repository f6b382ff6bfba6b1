"""Running measurement children and scratch copies of the journals.

Measurements that write (saving, starting the app, which takes a lock and
makes its daily backup) work on copies, so the generated journals stay as
generated and every run starts from the same files.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHILD_TIMEOUT_S = 300


def child_env() -> dict[str, str]:
    """The environment of a child: offscreen Qt, and bytecode cached as on
    any installed machine (a session may set PYTHONDONTWRITEBYTECODE, which
    would make every start compile the app from source)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_child(script: str, *args: str) -> dict:
    """Run ``benchmarks/SCRIPT ARGS`` and return the JSON of its last line."""
    done = subprocess.run(
        [sys.executable, str(HERE / script), *args],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=CHILD_TIMEOUT_S,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{script} {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def timed_child(script: str, *args: str) -> tuple[float, dict]:
    """Launch a child, returning the monotonic launch time and its JSON."""
    launched = time.monotonic()
    return launched, run_child(script, *args)


def scratch_copy(source: Path, target: Path) -> Path:
    """A fresh copy of the data folder ``source`` (its journal only)."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copy2(source / "journal.db", target / "journal.db")
    return target
