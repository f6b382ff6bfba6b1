"""Shared test set-up: offscreen Qt, and never the user's real data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Set before any test imports Qt, so the suite runs without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


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
