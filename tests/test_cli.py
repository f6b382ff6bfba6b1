"""The command line, run as a person runs it (never opening the window)."""

import subprocess
import sys
from pathlib import Path

import leaderjournal
from tests.command import run_main

REPO_ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "leaderjournal", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_version():
    result = run("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"leaderjournal {leaderjournal.__version__}"
    assert result.stdout.strip() == "leaderjournal 0.1.0"


def test_version_with_a_data_dir(tmp_path):
    result = run_main("--data-dir", str(tmp_path / "data"), "--version", text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "leaderjournal 0.1.0"
    assert not (tmp_path / "data").exists()  # --version touches no journal


def test_help():
    result = run_main("--help", text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: leaderjournal")
    assert "--data-dir" in result.stdout
    assert "LEADERJOURNAL_DATA_DIR" in result.stdout
    assert "--version" in result.stdout
    assert result.stderr == ""


def test_an_unknown_option_is_refused_on_stderr():
    result = run_main("--no-such-option", text=True)
    assert result.returncode != 0
    assert "--no-such-option" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("leaderjournal: error:")
    assert result.stdout == ""
