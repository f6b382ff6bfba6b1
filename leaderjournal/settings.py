"""The person's preferences, with their defaults declared in one place.

Plain data: the UI stores them (QSettings) and reads them back through
:meth:`Settings.from_dict`, which keeps any value it cannot use at its
default rather than failing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields
from typing import Any

THEMES = ("system", "light", "dark")
WEEKDAYS = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
#: How many daily and weekly automatic backups rotation may keep (inclusive):
#: the settings dialog offers exactly these, and Settings refuses the rest.
BACKUPS_DAILY_RANGE = (1, 365)
BACKUPS_WEEKLY_RANGE = (0, 520)
DEFAULT_BACKUPS_DAILY = 7
DEFAULT_BACKUPS_WEEKLY = 8


@dataclass(frozen=True)
class Settings:
    """Preferences of this computer's LeaderJournal."""

    daily_reminder: bool = False
    daily_time: dt.time = dt.time(18, 30)
    weekly_reminder: bool = False
    weekly_day: int = 4  # Friday; 0 is Monday
    weekly_time: dt.time = dt.time(16, 0)
    theme: str = "system"
    backups_daily: int = DEFAULT_BACKUPS_DAILY
    backups_weekly: int = DEFAULT_BACKUPS_WEEKLY
    keep_in_tray: bool = False

    def __post_init__(self) -> None:
        if self.theme not in THEMES:
            raise ValueError(f"Unknown theme: {self.theme}")
        if not 0 <= self.weekly_day <= 6:
            raise ValueError(f"Not a weekday: {self.weekly_day}")
        daily_low, daily_high = BACKUPS_DAILY_RANGE
        weekly_low, weekly_high = BACKUPS_WEEKLY_RANGE
        if not (
            daily_low <= self.backups_daily <= daily_high
            and weekly_low <= self.backups_weekly <= weekly_high
        ):
            raise ValueError("Backup retention out of range")

    def to_dict(self) -> dict[str, Any]:
        """Values as text, numbers and booleans (times as HH:MM)."""
        values = asdict(self)
        for key, value in values.items():
            if isinstance(value, dt.time):
                values[key] = value.strftime("%H:%M")
        return values

    @classmethod
    def from_dict(cls, stored: dict[str, Any]) -> Settings:
        """Settings from stored values; anything unusable keeps its default."""
        defaults = cls()
        chosen: dict[str, Any] = {}
        for field in fields(cls):
            if field.name not in stored:
                continue
            value = _coerce(stored[field.name], getattr(defaults, field.name))
            if value is not None:
                chosen[field.name] = value
        try:
            return cls(**chosen)
        except ValueError:
            return _one_by_one(chosen)


def _coerce(value: Any, default: Any) -> Any:
    """``value`` as the type of ``default``, or None if it cannot be."""
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                return value.strip().lower() in ("true", "1", "yes")
            return bool(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, dt.time):
            return dt.time.fromisoformat(str(value))
        return str(value)
    except (TypeError, ValueError):
        return None


def _one_by_one(chosen: dict[str, Any]) -> Settings:
    """Keep each stored value that is valid on its own."""
    settings = Settings()
    for key, value in chosen.items():
        try:
            settings = Settings(**{**asdict(settings), key: value})
        except ValueError:
            continue
    return settings
