"""Hybrid logical clocks: stamps that order changes made on several computers.

A :class:`Stamp` is (wall time in ms, counter, device id), ordered in that
order. Two changes never share a stamp: a device never gives the same stamp
twice, and the device id is part of it.

A :class:`Clock` gives each local change a stamp that is

- later than every stamp it gave before, even when the computer's clock is
  set back (the counter then rises on the last wall time used);
- later than every stamp it has *observed* (read from another computer),
  even when that computer's clock is hours ahead: so a change made after
  reading another's is ordered after it, whatever the two clocks say.

Bound: one observed stamp moves the clock at most :data:`MAX_AHEAD_MS` (a
day) past this computer's own wall clock. A stamp further ahead (a computer
whose clock says next year) is still merged at its own place in the order;
this computer's changes made before real time catches up sort *before* it,
so on a field both changed, the far-future change wins until then. That is
the price of not letting one broken clock drag every computer's stamps a
year ahead for good.

The text form ``<wall:12 hex>-<counter:4 hex>-<device>`` sorts as the stamps
do (fixed widths, lower-case hex, device ids of ``[a-z0-9_-]``).
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable
from typing import NamedTuple

from leaderjournal.sync.errors import SyncFormatError

#: One observed stamp moves the clock at most this far past the wall clock.
MAX_AHEAD_MS = 24 * 3_600_000
WALL_MAX = 16**12 - 1  # about the year 10889
COUNTER_MAX = 16**4 - 1

_DEVICE = r"[a-z0-9][a-z0-9_-]{0,63}"
_DEVICE_RE = re.compile(_DEVICE)
_STAMP_RE = re.compile(rf"([0-9a-f]{{12}})-([0-9a-f]{{4}})-({_DEVICE})")
#: Names Windows will not give a folder, whatever the extension.
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"com{n}" for n in range(1, 10)]
    + [f"lpt{n}" for n in range(1, 10)]
)


def check_device_id(device: object) -> str:
    """A device id, which names a folder in the sync folder: 1..64 of lower-case
    letters, digits, ``-`` and ``_``, not starting with ``-`` or ``_``, and not
    a name Windows reserves. So no ``..``, no separators, no case twins."""
    if type(device) is not str or not _DEVICE_RE.fullmatch(device):
        raise SyncFormatError(f"{device!r:.80} is not a device id")
    if device in _RESERVED:
        raise SyncFormatError(f"{device!r} is a name Windows reserves")
    return device


def new_device_id() -> str:
    """A fresh id for this computer (a reinstalled computer gets a new one)."""
    return uuid.uuid4().hex


class Stamp(NamedTuple):
    """When a change was made, and where; compared as a tuple."""

    wall_ms: int
    counter: int
    device: str

    def text(self) -> str:
        """The sortable text form, e.g. ``018bcfe56800-0000-a1b2``."""
        return f"{self.wall_ms:012x}-{self.counter:04x}-{self.device}"

    @classmethod
    def parse(cls, text: object) -> Stamp:
        """The stamp written by :meth:`text`; SyncFormatError for anything else."""
        match = _STAMP_RE.fullmatch(text) if type(text) is str else None
        if match is None:
            raise SyncFormatError(f"{text!r:.80} is not a stamp")
        device = check_device_id(match[3])
        return cls(int(match[1], 16), int(match[2], 16), device)


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


class Clock:
    """Stamps for one device's changes. ``now_ms`` reads the wall clock;
    ``last`` is the last stamp given before (kept by the caller across runs)."""

    def __init__(
        self,
        device: str,
        now_ms: Callable[[], int] = _now_ms,
        last: Stamp | None = None,
    ) -> None:
        self.device = check_device_id(device)
        self._now_ms = now_ms
        if last is not None and last.device != device:
            raise ValueError(f"the last stamp is another device's: {last.device}")
        self._wall, self._counter = (last.wall_ms, last.counter) if last else (0, -1)

    @property
    def last(self) -> Stamp | None:
        """The latest stamp given or observed, as this device's (to keep)."""
        if self._counter < 0:
            return None
        return Stamp(self._wall, self._counter, self.device)

    def tick(self) -> Stamp:
        """A stamp for a change made here now, later than any before."""
        now = min(self._now_ms(), WALL_MAX)
        if now > self._wall:
            self._wall, self._counter = now, 0
        else:
            self._advance()
        return Stamp(self._wall, self._counter, self.device)

    def observe(self, stamp: Stamp) -> None:
        """Take in a stamp read from another device: the next tick is after it
        (or, for a stamp over a day ahead of the wall clock, a day ahead)."""
        limit = min(self._now_ms(), WALL_MAX) + MAX_AHEAD_MS
        if stamp.wall_ms > limit:
            stamp = Stamp(limit, 0, stamp.device)
        seen = (stamp.wall_ms, stamp.counter)
        self._wall, self._counter = max((self._wall, self._counter), seen)

    def _advance(self) -> None:
        if self._counter < COUNTER_MAX:
            self._counter += 1
        else:  # 65,536 stamps in one millisecond: borrow the next one
            self._wall, self._counter = self._wall + 1, 0
