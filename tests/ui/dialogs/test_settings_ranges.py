"""The settings dialog offers exactly the values the settings accept: the
ranges are declared once, in leaderjournal/settings.py."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtWidgets import QSpinBox, QWidget

from leaderjournal.settings import BACKUPS_DAILY_RANGE, BACKUPS_WEEKLY_RANGE, Settings
from leaderjournal.storage import backups


@pytest.mark.parametrize(
    "case",
    [
        ("backupsDaily", "backups_daily", BACKUPS_DAILY_RANGE),
        ("backupsWeekly", "backups_weekly", BACKUPS_WEEKLY_RANGE),
    ],
)
def test_each_backup_spin_box_spans_what_the_settings_accept(
    qtbot, journal, make_window, case
):
    name, field, allowed = case
    window = make_window(journal)
    dialog = window.settings_actions.show_settings()
    spin = dialog.findChild(QWidget, name)
    assert isinstance(spin, QSpinBox)
    low, high = allowed
    assert (spin.minimum(), spin.maximum()) == (low, high)
    for value in (low, high):
        assert getattr(Settings(**{field: value}), field) == value
    for value in (low - 1, high + 1):
        with pytest.raises(ValueError, match="out of range"):
            Settings(**{field: value})
    dialog.close()


def test_rotation_keeps_by_default_what_the_settings_say():
    defaults = {f.name: f.default for f in dataclasses.fields(Settings)}
    assert defaults["backups_daily"] == backups.DEFAULT_DAILY
    assert defaults["backups_weekly"] == backups.DEFAULT_WEEKLY
