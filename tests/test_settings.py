"""Preferences: defaults in one place, stored values read back safely."""

from __future__ import annotations

import datetime as dt

import pytest

from leaderjournal.settings import Settings


def test_the_defaults():
    defaults = Settings()
    assert defaults.daily_reminder is False
    assert defaults.daily_time == dt.time(18, 30)
    assert defaults.weekly_day == 4  # Friday
    assert defaults.theme == "system"
    assert (defaults.backups_daily, defaults.backups_weekly) == (7, 8)


def test_a_round_trip_through_stored_text():
    chosen = Settings(
        daily_reminder=True,
        daily_time=dt.time(21, 5),
        weekly_reminder=True,
        weekly_day=0,
        theme="dark",
        backups_daily=14,
        keep_in_tray=True,
    )
    stored = {k: str(v) for k, v in chosen.to_dict().items()}  # as QSettings keeps it
    assert stored["daily_time"] == "21:05"
    assert Settings.from_dict(stored) == chosen


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("theme", "purple"),
        ("weekly_day", "9"),
        ("daily_time", "25:99"),
        ("backups_daily", "0"),
    ],
)
def test_an_unusable_stored_value_keeps_its_default_and_nothing_else_is_lost(
    key, value
):
    stored = {"daily_reminder": "true", key: value}
    loaded = Settings.from_dict(stored)
    assert loaded.daily_reminder is True
    assert getattr(loaded, key) == getattr(Settings(), key)


def test_unknown_keys_are_ignored():
    assert Settings.from_dict({"colour": "blue"}) == Settings()
