"""Reading a stream ahead on a thread of its own (:class:`ReadAhead`).

Unpacking a zip member is zlib's work, and zlib lets go of Python's lock
while it unpacks: read ahead, the next piece of a Day One journal is
unpacked on another core while this one parses the last.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

#: How long the reading thread waits, at most, before it looks again
#: whether it was stopped (seconds).
_LOOK_AGAIN = 0.05


class ReadAhead:
    """``read(size)`` of the stream ``source`` gives (``source(size)``:
    at most ``size`` bytes more, ``b""`` at the end), its pieces of
    ``piece`` bytes read ahead on a thread, at most ``ahead`` of them
    waiting. What reading raises is raised by the :meth:`read` that would
    have met it. :meth:`close` stops the thread (a ``with`` block does)."""

    def __init__(
        self, source: Callable[[int], bytes], piece: int, ahead: int = 2
    ) -> None:
        self._pieces: queue.Queue[bytes | BaseException] = queue.Queue(ahead)
        self._stopped = threading.Event()
        self._ended = False
        self._thread = threading.Thread(
            target=self._read_all, args=(source, piece), name="read-ahead", daemon=True
        )
        self._thread.start()

    def __enter__(self) -> ReadAhead:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def read(self, size: int) -> bytes:
        """At least ``size`` bytes more (all that are left if fewer),
        ``b""`` at the end."""
        if self._ended:
            return b""
        got: list[bytes] = []
        have = 0
        while have < size:
            piece = self._pieces.get()
            if isinstance(piece, BaseException):
                self._ended = True
                raise piece
            if not piece:
                self._ended = True
                break
            got.append(piece)
            have += len(piece)
        return got[0] if len(got) == 1 else b"".join(got)

    def close(self) -> None:
        """Stop reading ahead, and wait for the thread to end."""
        self._stopped.set()
        self._ended = True
        self._thread.join()

    def _read_all(self, source: Callable[[int], bytes], piece: int) -> None:
        while not self._stopped.is_set():
            try:
                data = source(piece)
            except BaseException as exc:  # raised again in read()
                self._put(exc)
                return
            if not self._put(data) or not data:
                return

    def _put(self, item: bytes | BaseException) -> bool:
        """Hand ``item`` over; False if reading was stopped meanwhile."""
        while not self._stopped.is_set():
            try:
                self._pieces.put(item, timeout=_LOOK_AGAIN)
            except queue.Full:
                continue
            return True
        return False
