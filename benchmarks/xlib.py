"""The few Xlib calls the outside measurements need, through ctypes.

libX11 is there wherever Xvfb is, so watching the X server needs no Python
package: a connection that selects ``SubstructureNotify`` on the root window
is told of every top-level window created, resized, mapped and destroyed
(with no window manager, an application's windows are the root's children).
It can also ping a window (``_NET_WM_PING``) and note when the answer,
which a toolkit sends from its event loop, comes back to the root.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import select
import struct
import time
from collections.abc import Callable
from functools import cache
from typing import Any

SUBSTRUCTURE_NOTIFY_MASK = 1 << 19
#: Where Qt sends its answer to a ping (GTK uses SubstructureNotify).
STRUCTURE_NOTIFY_MASK = 1 << 17
DESTROY_NOTIFY, UNMAP_NOTIFY, MAP_NOTIFY = 17, 18, 19
CREATE_NOTIFY, CONFIGURE_NOTIFY, CLIENT_MESSAGE = 16, 22, 33
#: sizeof(XEvent) on every platform Xlib supports: 24 longs.
EVENT_SIZE = 24 * ctypes.sizeof(ctypes.c_long)


@cache
def libx11() -> ctypes.CDLL:
    """libX11 with the signatures used here (64-bit safe)."""
    name = ctypes.util.find_library("X11") or "libX11.so.6"
    lib = ctypes.CDLL(name)
    display, window = ctypes.c_void_p, ctypes.c_ulong
    signatures: dict[str, tuple[Any, list[Any]]] = {
        "XOpenDisplay": (display, [ctypes.c_char_p]),
        "XCloseDisplay": (ctypes.c_int, [display]),
        "XDefaultRootWindow": (window, [display]),
        "XSelectInput": (ctypes.c_int, [display, window, ctypes.c_long]),
        "XSync": (ctypes.c_int, [display, ctypes.c_int]),
        "XConnectionNumber": (ctypes.c_int, [display]),
        "XPending": (ctypes.c_int, [display]),
        "XNextEvent": (ctypes.c_int, [display, ctypes.c_char_p]),
        "XCreateSimpleWindow": (
            window,
            [display, window, ctypes.c_int, ctypes.c_int]
            + [ctypes.c_uint] * 3
            + [ctypes.c_ulong] * 2,
        ),
        "XMapWindow": (ctypes.c_int, [display, window]),
        "XInternAtom": (ctypes.c_ulong, [display, ctypes.c_char_p, ctypes.c_int]),
        "XSendEvent": (
            ctypes.c_int,
            [display, window, ctypes.c_int, ctypes.c_long, ctypes.c_char_p],
        ),
    }
    for function, (result, arguments) in signatures.items():
        getattr(lib, function).restype = result
        getattr(lib, function).argtypes = arguments
    return lib


def open_display(name: str) -> int | None:
    """A connection to X display ``name`` (":99"), or None if there is none."""
    return libx11().XOpenDisplay(name.encode()) or None


class MapWatcher:
    """Notes the moment the X server maps a top-level window.

    A window counts once it is mapped, not override-redirect (menus and
    tooltips are), and at least ``min_side`` pixels each way (toolkits map
    no tiny helper windows, but keep some unmapped ones). The time of an
    event is when this process woke up to read it (``time.monotonic``).
    """

    def __init__(self, display_name: str, min_side: int = 200) -> None:
        self._x = libx11()
        display = open_display(display_name)
        if display is None:
            raise OSError(f"cannot open X display {display_name}")
        self._display = display
        self._root = self._x.XDefaultRootWindow(display)
        self._x.XSelectInput(
            display, self._root, SUBSTRUCTURE_NOTIFY_MASK | STRUCTURE_NOTIFY_MASK
        )
        self._x.XSync(display, 0)
        self._fd = self._x.XConnectionNumber(display)
        self._event = ctypes.create_string_buffer(EVENT_SIZE)
        self._min = min_side
        self._sizes: dict[int, tuple[int, int, bool]] = {}
        self.mapped: set[int] = set()
        #: The window whose map ``wait_for_window`` saw last.
        self.window = 0
        self._protocols = self._x.XInternAtom(display, b"WM_PROTOCOLS", 0)
        self._ping = self._x.XInternAtom(display, b"_NET_WM_PING", 0)
        self._ponged: int | None = None

    def close(self) -> None:
        self._x.XCloseDisplay(self._display)

    def _big(self, window: int) -> bool:
        width, height, override = self._sizes.get(window, (0, 0, True))
        return not override and width >= self._min and height >= self._min

    def _handle(self) -> bool:
        """Read one event; True if it made a big top-level window visible."""
        self._x.XNextEvent(self._display, self._event)
        raw = self._event.raw
        kind = struct.unpack_from("i", raw, 0)[0]
        parent, window = struct.unpack_from("LL", raw, 32)
        if kind == CLIENT_MESSAGE and parent == self._root:
            # A pong: the client sent our ping back to the root window.
            protocol, _stamp, pinged = struct.unpack_from("LLL", raw, 56)
            if protocol == self._ping:
                self._ponged = pinged
        elif kind == CREATE_NOTIFY and parent == self._root:
            width, height = struct.unpack_from("ii", raw, 56)
            override = struct.unpack_from("i", raw, 68)[0]
            self._sizes[window] = (width, height, bool(override))
        elif kind == CONFIGURE_NOTIFY and window in self._sizes:
            width, height = struct.unpack_from("ii", raw, 56)
            override = struct.unpack_from("i", raw, 80)[0]
            was_big = window in self.mapped and self._big(window)
            self._sizes[window] = (width, height, bool(override))
            if window in self.mapped and not was_big and self._big(window):
                self.window = window
                return True
        elif kind == MAP_NOTIFY and window in self._sizes:
            self.mapped.add(window)
            if self._big(window):
                self.window = window
                return True
        elif kind == UNMAP_NOTIFY:
            self.mapped.discard(window)
        elif kind == DESTROY_NOTIFY:
            self.mapped.discard(window)
            self._sizes.pop(window, None)
        return False

    def _events(self, deadline: float, done: Callable[[bool], bool]) -> float | None:
        """Handle events until ``done(shown)`` or the deadline; returns the
        arrival time of the event that made ``done`` true, or None."""
        arrived = time.monotonic()
        while True:
            while self._x.XPending(self._display):
                if done(self._handle()):
                    return arrived
            if done(False):
                return arrived
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            select.select([self._fd], [], [], remaining)
            arrived = time.monotonic()

    def wait_for_window(self, deadline: float) -> float | None:
        """The monotonic time at which a big top-level window was mapped."""
        return self._events(deadline, lambda shown: shown)

    def ping(self, window: int) -> None:
        """Send ``_NET_WM_PING`` to ``window``: its toolkit answers from its
        event loop (Qt and GTK do, with or without a window manager)."""
        event = ctypes.create_string_buffer(EVENT_SIZE)
        struct.pack_into("i", event, 0, CLIENT_MESSAGE)
        struct.pack_into("LL", event, 32, window, self._protocols)
        struct.pack_into("i", event, 48, 32)  # format: 32-bit values
        struct.pack_into("LLL", event, 56, self._ping, 0, window)
        self._ponged = None
        self._x.XSendEvent(self._display, window, 0, 0, event)
        self._x.XSync(self._display, 0)

    def wait_for_pong(self, window: int, deadline: float) -> float | None:
        """The monotonic time at which ``window``'s client answered the ping."""
        return self._events(deadline, lambda _shown: self._ponged == window)

    def wait_until_empty(self, deadline: float) -> bool:
        """Wait until no top-level window is mapped (a killed client's are
        taken down by the server); False if some still are at the deadline."""
        return self._events(deadline, lambda _shown: not self.mapped) is not None


def map_window(display_name: str, width: int, height: int) -> float:
    """Create and map a plain window, wait until the server has done it, and
    return the monotonic time then: the least an X client can do."""
    x = libx11()
    display = open_display(display_name)
    if display is None:
        raise OSError(f"cannot open X display {display_name}")
    root = x.XDefaultRootWindow(display)
    window = x.XCreateSimpleWindow(display, root, 0, 0, width, height, 0, 0, 0)
    x.XMapWindow(display, window)
    x.XSync(display, 0)
    return time.monotonic()
