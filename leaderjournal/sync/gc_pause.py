"""Python's cycle collector held back while sync takes a batch of changes in.

Taking in 10,000 changes makes some 300,000 small objects (each change, its
fields, each entry's merged state) that all live until the file is written.
The collector, started by every 700 objects made, went through them again
and again: 0.3 s of a 2.5 s run. They hold no reference cycles, and are
freed as usual when the run lets go of them; the collector runs again after.

Paused by a count, so that two threads taking changes in at once (two
journals) do not turn it back on under each other; it is turned back on
only if it was on. In the window a run is on a Worker, which holds the
collector paused already (ui/common/worker.py, which also says why it must
stay off until the last Worker ends): there this finds it off and leaves
it so. It matters where sync runs by itself: ``leaderjournal sync``.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator


class _Holders:
    """Who holds the collector paused now."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.count = 0
        self.was_enabled = False


_HOLDERS = _Holders()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off inside this (as it was, after)."""
    holders = _HOLDERS
    with holders.lock:
        if holders.count == 0:
            holders.was_enabled = gc.isenabled()
            gc.disable()
        holders.count += 1
    try:
        yield
    finally:
        with holders.lock:
            holders.count -= 1
            if holders.count == 0 and holders.was_enabled:
                gc.enable()
