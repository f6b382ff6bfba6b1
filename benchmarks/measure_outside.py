"""Start-up measured from outside: from spawn to a mapped window under Xvfb.

A private Xvfb server runs on a free display with no window manager, so an
application's main window is a child of the root window and the server maps
it as soon as the application asks. A watcher in this process (``xlib.py``)
selects ``SubstructureNotify`` on the root and notes when the first
top-level window of at least 200 x 200 pixels is mapped; the time counted is
from just before the process is spawned to then. The process (and its
process group) is killed at once and the next one starts when its windows
are gone.

Four programs run in turn, round after round, so that a busy moment of the
machine hits all alike; the first round is not kept (it warms the file
cache, writes bytecode and font caches, migrates and backs up the journal
copy, and waits a few seconds before the kill for that):

- the floor: ``child_start.py floor`` (PySide6, ``import sqlite_utils``,
  a QMainWindow of the app's size, shown);
- the app: ``leaderjournal --data-dir`` (the installed entry point) on a
  copy of the ten-year journal;
- RedNotebook (the Debian package), on the same journal written as its data
  folder (``rednotebook_data.py``), with a fresh HOME whose configuration
  names that folder, so no first-start page or backup reminder appears;
- a bare libX11 client (``child_xmap.py``), which says when its own map was
  done: the watcher's lag behind it is this method's overhead.

Every program gets its own fresh HOME, and Qt the ``xcb`` platform.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from children import HERE, child_env, scratch_copy
from rednotebook_data import write_rednotebook_folder
from results import Row, median, ms, not_measured, ratio_row
from xlib import MapWatcher, open_display

from leaderjournal.exchange import rednotebook

RUNS = 7
WARM_UP_WAIT_S = 3.0
MAP_TIMEOUT_S = 60.0
GONE_TIMEOUT_S = 10.0
FLOOR_LIMIT = 1.25
PEER_LIMIT = 0.7
SCREEN = "1920x1080x24"
GROUP = "outside"


@contextmanager
def xvfb() -> Iterator[str]:
    """A private Xvfb server on a free display; yields its name (":93")."""
    for number in range(90, 190):
        if Path(f"/tmp/.X{number}-lock").exists():
            continue
        if Path(f"/tmp/.X11-unix/X{number}").exists():
            continue
        name = f":{number}"
        server = subprocess.Popen(
            ["Xvfb", name, "-screen", "0", SCREEN, "-nolisten", "tcp", "-noreset"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 10
        while server.poll() is None and time.monotonic() < deadline:
            display = open_display(name)
            if display is not None:
                break
            time.sleep(0.05)
        if server.poll() is not None or time.monotonic() >= deadline:
            _end(server)
            continue  # another server took the display meanwhile
        try:
            yield name
        finally:
            _end(server)
        return
    raise OSError("no free X display between :90 and :189")


def _end(process: subprocess.Popen[bytes]) -> None:
    """Kill a process and its process group, and reap it."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


class Program:
    """One program to start, with its environment and its log files."""

    def __init__(
        self,
        name: str,
        command: list[str],
        env: dict[str, str],
        *,
        speaks: bool = False,
        ping: bool = False,
    ) -> None:
        self.name, self.command, self.env = name, command, env
        #: Wait for its line on standard output before the kill.
        self.speaks = speaks
        #: Ping its window once mapped and time the answer.
        self.ping = ping
        self.answers: list[float] = []
        self.times: list[float] = []
        self.seen = 0.0
        self.answered = 0.0
        self.log = Path(env["HOME"]) / "stderr.log"
        self.out = Path(env["HOME"]) / "stdout.log"

    def start(self, watcher: MapWatcher, *, wait_after: float = 0.0) -> float:
        """Seconds from spawn to its window mapped; the process is killed."""
        with self.log.open("wb") as err, self.out.open("wb") as out:
            launched = time.monotonic()
            process = subprocess.Popen(
                self.command, env=self.env, stdout=out, stderr=err,
                start_new_session=True,
            )  # fmt: skip
            seen = watcher.wait_for_window(launched + MAP_TIMEOUT_S)
            answered = None
            if seen is not None and self.ping:
                watcher.ping(watcher.window)
                answered = watcher.wait_for_pong(watcher.window, seen + MAP_TIMEOUT_S)
            if seen is not None and wait_after:
                time.sleep(wait_after)
            while seen is not None and self.speaks and not self.said():
                if time.monotonic() > seen + MAP_TIMEOUT_S:
                    break
                time.sleep(0.001)
            _end(process)
        if not watcher.wait_until_empty(time.monotonic() + GONE_TIMEOUT_S):
            raise RuntimeError(f"{self.name}: its window stayed after the kill")
        if seen is None:
            tail = self.log.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"{self.name} mapped no window:\n{tail}")
        self.seen = seen
        if self.ping:
            if answered is None:
                raise RuntimeError(f"{self.name} never answered a ping")
            self.answered = answered - launched
        return seen - launched

    def said(self) -> str:
        """What the program printed last on its standard output."""
        lines = self.out.read_text(errors="replace").strip().splitlines()
        return lines[-1] if lines else ""


def _home(scratch: Path, name: str) -> Path:
    home = scratch / f"outside-home-{name}"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    return home


def _env(display: str, home: Path) -> dict[str, str]:
    env = child_env() | {"QT_QPA_PLATFORM": "xcb", "DISPLAY": display}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        env.pop(name, None)
    env.pop("WAYLAND_DISPLAY", None)
    return env | {"HOME": str(home)}


def _rednotebook_home(home: Path, data: Path) -> None:
    """A configuration naming the journal: no first-start page, no check for
    a new version, a backup made today (so no reminder)."""
    config = home / ".rednotebook"
    config.mkdir()
    (config / "configuration.cfg").write_text(
        f"firstStart=0\ncheckForNewVersion=0\ndataDir={data}\n"
        f"lastBackupDate={dt.date.today():%Y-%m-%d}\n"
    )


def _app_command() -> list[str]:
    script = Path(sys.executable).with_name("leaderjournal")
    return [str(script)] if script.exists() else [sys.executable, "-m", "leaderjournal"]


def rednotebook_version(command: str) -> str:
    done = subprocess.run(
        [command, "--version"], capture_output=True, text=True, check=False
    )
    lines = done.stdout.strip().splitlines()
    return lines[-1] if lines else "RedNotebook"


def measure(ten_year: Path, scratch: Path) -> list[Row]:
    if shutil.which("Xvfb") is None:
        why = "Xvfb is not installed (Debian: apt-get install xvfb)"
        return [not_measured(GROUP, "spawn to mapped window under Xvfb", why)]
    try:
        return _measure(ten_year, scratch)
    except (OSError, RuntimeError) as exc:
        print(f"outside: {exc}", file=sys.stderr)
        why = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        return [not_measured(GROUP, "spawn to mapped window under Xvfb", why)]


def _measure(ten_year: Path, scratch: Path) -> list[Row]:
    peer = shutil.which("rednotebook")
    folder = scratch_copy(ten_year, scratch / "outside-journal")
    data = scratch / "outside-rednotebook" / "data"
    shutil.rmtree(data.parent, ignore_errors=True)
    days, entries = write_rednotebook_folder(folder, data)
    read_back = len(rednotebook.read(data).entries)
    if read_back != days:
        raise RuntimeError(f"RedNotebook folder reads back {read_back} days of {days}")

    with xvfb() as display:
        homes = {name: _home(scratch, name) for name in ("floor", "app", "peer", "x")}
        floor = Program(
            "floor",
            [sys.executable, str(HERE / "child_start.py"), "floor", str(folder)],
            _env(display, homes["floor"]),
        )
        app = Program(
            "app", [*_app_command(), "--data-dir", str(folder)],
            _env(display, homes["app"]), ping=True,
        )  # fmt: skip
        bare = Program(
            "bare X client",
            [sys.executable, str(HERE / "child_xmap.py"), display],
            _env(display, homes["x"]),
            speaks=True,
        )
        programs = [floor, app, bare]
        other = None
        if peer is not None:
            _rednotebook_home(homes["peer"], data)
            other = Program(
                "RedNotebook", [peer, str(data)], _env(display, homes["peer"]),
                ping=True,
            )  # fmt: skip
            programs.insert(2, other)
        watcher = MapWatcher(display)
        lags: list[float] = []
        try:
            for program in programs:
                program.start(watcher, wait_after=WARM_UP_WAIT_S)
            for _ in range(RUNS):
                for program in programs:
                    took = program.start(watcher)
                    program.times.append(took)
                    if program.ping:
                        program.answers.append(program.answered)
                    if program is bare:
                        told = json.loads(program.said())["mapped"]
                        lags.append(program.seen - told)
        finally:
            watcher.close()

    rows = [_floor_row(app.times, floor.times)]
    if other is None or peer is None:
        why = "RedNotebook is not installed (Debian: apt-get install rednotebook)"
        rows.append(not_measured(GROUP, "spawn to mapped window, RedNotebook", why))
    else:
        version = rednotebook_version(peer)
        rows.append(_peer_row(app.times, other.times, version, (entries, days)))
        rows.append(_answer_row(app.answers, other.answers))
    rows.append(_overhead_row(bare.times, lags))
    return rows


def _floor_row(app: list[float], floor: list[float]) -> Row:
    row = ratio_row(
        GROUP, "spawn to mapped window (Xvfb), ten-year", app, floor, limit=FLOOR_LIMIT
    )
    row.detail = (
        f"medians of {len(app)} runs, interleaved with RedNotebook and a bare "
        "X client; the floor is child_start.py floor"
    )
    return row


def _peer_row(
    app: list[float], peer: list[float], version: str, size: tuple[int, int]
) -> Row:
    mine, theirs = median(app), median(peer)
    ratio = mine / theirs
    return Row(
        GROUP,
        f"spawn to mapped window against {version}, ten-year",
        f"{ratio:.2f} \u00d7 RedNotebook ({ms(mine)} vs {ms(theirs)})",
        f"\u2264 {PEER_LIMIT:g} \u00d7 RedNotebook",
        ratio <= PEER_LIMIT,
        f"medians of {len(app)} runs; RedNotebook on the same journal as its "
        f"month files ({size[0]:,} entries on {size[1]:,} days)",
        {"app": mine, "rednotebook": theirs, "ratio": ratio, "runs": len(app)},
    )


def _answer_row(app: list[float], peer: list[float]) -> Row:
    mine, theirs = median(app), median(peer)
    return Row(
        GROUP,
        "spawn to a mapped window that answers, against RedNotebook",
        f"{mine / theirs:.2f} \u00d7 RedNotebook ({ms(mine)} vs {ms(theirs)})",
        "",
        None,
        "no target: the window is pinged (_NET_WM_PING) as soon as it is mapped "
        "and the answer comes from the event loop once start-up is done; "
        "RedNotebook maps its window before it reads the journal",
        {"app": mine, "rednotebook": theirs, "ratio": mine / theirs},
    )


def _overhead_row(bare: list[float], lags: list[float]) -> Row:
    return Row(
        GROUP,
        "the method's own overhead: a bare libX11 client",
        f"watcher {median(lags) * 1000:+.1f} ms from the client's own view; "
        f"mapped {ms(median(bare))} after spawn",
        "",
        None,
        "median lag of the watcher behind the client's own XSync, and the "
        "bare client's spawn to mapped window (Python start and libX11)",
        {"lag_s": median(lags), "bare_s": median(bare)},
    )
