"""Where the journal lives: --data-dir, then the environment, then appdirs."""

import os
import sys
from pathlib import Path

import pytest

from leaderjournal.paths import (
    ENV_VAR,
    backup_dir,
    default_data_dir,
    journal_path,
    resolve_data_dir,
)


def test_env_var_name():
    assert ENV_VAR == "LEADERJOURNAL_DATA_DIR"


def test_default_is_the_platform_data_folder_without_an_author_folder():
    default = default_data_dir()
    assert default.name == "LeaderJournal"
    assert default.parent.name != "LeaderJournal"
    assert default.is_absolute()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG is Linux")
def test_default_on_linux_follows_xdg_data_home():
    # conftest points XDG_DATA_HOME at a temporary home
    expected = Path(os.environ["XDG_DATA_HOME"]) / "LeaderJournal"
    assert default_data_dir() == expected
    assert resolve_data_dir() == expected
    assert resolve_data_dir(None) == expected


def test_the_default_is_inside_the_isolated_home():
    # a guard for the rest of the suite: the fixture isolates HOME
    assert str(default_data_dir()).startswith(os.environ["HOME"])


def test_environment_beats_the_default(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "from-env"))
    assert resolve_data_dir() == tmp_path / "from-env"


def test_command_line_beats_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "from-env"))
    assert resolve_data_dir(str(tmp_path / "from-cli")) == tmp_path / "from-cli"
    assert resolve_data_dir(tmp_path / "as-path") == tmp_path / "as-path"


def test_command_line_beats_the_default(tmp_path):
    assert resolve_data_dir(str(tmp_path / "from-cli")) == tmp_path / "from-cli"


@pytest.mark.parametrize("value", ["", "   "])
def test_a_blank_environment_variable_is_ignored(monkeypatch, value):
    monkeypatch.setenv(ENV_VAR, value)
    assert resolve_data_dir() == default_data_dir()


def test_an_empty_command_line_value_falls_back_to_the_environment(
    monkeypatch, tmp_path
):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "from-env"))
    assert resolve_data_dir("") == tmp_path / "from-env"


def test_relative_and_home_paths_are_made_absolute(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert resolve_data_dir("journal") == tmp_path / "journal"
    assert resolve_data_dir("~/my journal") == Path.home() / "my journal"
    monkeypatch.setenv(ENV_VAR, "~/env journal")
    assert resolve_data_dir() == Path.home() / "env journal"
    monkeypatch.setenv(ENV_VAR, "rel")
    assert resolve_data_dir() == tmp_path / "rel"


def test_files_inside_the_data_folder(tmp_path):
    assert journal_path(tmp_path) == tmp_path / "journal.db"
    assert backup_dir(tmp_path) == tmp_path / "backups"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX folder modes")
@pytest.mark.parametrize(
    ("given", "kept"),
    [(0o755, 0o700), (0o700, 0o700), (0o1777, 0o1777), (0o750, 0o700)],
)
def test_an_existing_data_folder_loses_only_what_others_could_reach(
    tmp_path, given, kept
):
    """A shared sticky folder such as /tmp, given as --data-dir, is not the
    app's to close; a folder of the person's own is made private."""
    from leaderjournal.storage.journal import Journal

    folder = tmp_path / "chosen"
    folder.mkdir()
    folder.chmod(given)
    with Journal(folder):
        pass
    assert folder.stat().st_mode & 0o7777 == kept
