"""Real Syncthing instances for the sync tests: each with its own home in a
temporary folder, talking only to the other over 127.0.0.1.

Each instance is made by ``syncthing generate`` (key, certificate, config)
and configured by editing its config.xml before it starts: the GUI/REST on
127.0.0.1 with a known API key, the sync protocol on 127.0.0.1, discovery,
relays, NAT traversal, usage and crash reporting and upgrades off, the other
instance known by device ID and address, and one shared folder. Everything
is waited for by polling the REST API or the files, each wait with a
deadline; the instances are killed (their whole process group) on the way
out, whatever happened.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from xml.etree import ElementTree

SYNCTHING = shutil.which("syncthing")
FOLDER_ID = "leaderjournal-test"
#: How long one wait may take before the test fails with what it saw.
DEADLINE_S = 30.0
#: What Syncthing leaves in a folder besides the files it syncs.
_OWN_NAMES = (".stfolder", ".stignore", ".stversions")
_OWN_PREFIXES = (".syncthing.", "~syncthing~")
#: Options that would reach beyond 127.0.0.1 or change the program itself.
_OPTIONS = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",
    "startBrowser": "false",
    "urAccepted": "-1",
    "autoUpgradeIntervalH": "0",
    "crashReportingEnabled": "false",
    "restartOnWakeup": "false",
    "reconnectionIntervalS": "1",
}
#: Proxy settings would send the connection to 127.0.0.1 elsewhere.
_PROXIES = ("all_proxy", "http_proxy", "https_proxy", "no_proxy")

T = TypeVar("T")


def free_ports(count: int) -> list[int]:
    """``count`` distinct ports free on 127.0.0.1 just now."""
    with contextlib.ExitStack() as stack:
        sockets = []
        for _ in range(count):
            sock = stack.enter_context(socket.socket())
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [s.getsockname()[1] for s in sockets]


def wait_for(what: str, check: Callable[[], T | None], deadline_s: float) -> T:
    """Poll ``check`` until it gives something other than None (or False);
    fail saying ``what`` was waited for once ``deadline_s`` has passed."""
    end = time.monotonic() + deadline_s
    while True:
        result = check()
        if result is not None and result is not False:
            return result
        if time.monotonic() > end:
            raise AssertionError(f"waited {deadline_s:.0f} s for {what}")
        time.sleep(0.1)


@dataclass
class Instance:
    """One Syncthing: its home, ports, key and the folder it shares."""

    name: str
    home: Path
    folder: Path
    gui_port: int
    listen_port: int
    api_key: str
    device_id: str = ""
    process: subprocess.Popen[bytes] | None = None
    log: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log = self.home.parent / f"{self.name}-syncthing.log"

    # -- setting up ------------------------------------------------------------

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k.lower() not in _PROXIES}
        env.update(
            HOME=str(self.home),
            STNODEFAULTFOLDER="1",
            STNOUPGRADE="1",
            STNORESTART="1",
        )
        return env

    def generate(self) -> None:
        assert SYNCTHING is not None
        self.home.mkdir(parents=True)
        subprocess.run(
            [SYNCTHING, "generate", f"--home={self.home}", "--no-default-folder"],
            env=self.env(),
            check=True,
            capture_output=True,
            timeout=DEADLINE_S,
        )
        config = ElementTree.parse(self.home / "config.xml").getroot()
        device = config.find("device")
        assert device is not None, "syncthing generate wrote no device"
        self.device_id = device.attrib["id"]

    def configure(self, other: Instance) -> None:
        """Edit config.xml: only 127.0.0.1, ``other`` known, one shared folder."""
        path = self.home / "config.xml"
        tree = ElementTree.parse(path)
        config = tree.getroot()
        gui = _child(config, "gui")
        gui.attrib["tls"] = "false"
        _child(gui, "address").text = f"127.0.0.1:{self.gui_port}"
        _child(gui, "apikey").text = self.api_key
        options = _child(config, "options")
        _child(options, "listenAddress").text = f"tcp://127.0.0.1:{self.listen_port}"
        for name, value in _OPTIONS.items():
            _child(options, name).text = value

        me = _child(config, "device")
        peer = copy.deepcopy(me)
        peer.attrib.update(id=other.device_id, name=other.name)
        _child(peer, "address").text = f"tcp://127.0.0.1:{other.listen_port}"
        config.insert(list(config).index(me) + 1, peer)

        # The shared folder: Syncthing's own defaults, then ours.
        folder = copy.deepcopy(_child(_child(config, "defaults"), "folder"))
        folder.attrib.update(
            id=FOLDER_ID,
            label=FOLDER_ID,
            path=str(self.folder),
            type="sendreceive",
            rescanIntervalS="5",
            fsWatcherEnabled="true",
            fsWatcherDelayS="1",
        )
        for device in folder.findall("device"):
            folder.remove(device)
        for device_id in (self.device_id, other.device_id):
            shared = ElementTree.SubElement(folder, "device", id=device_id)
            shared.attrib["introducedBy"] = ""
            ElementTree.SubElement(shared, "encryptionPassword")
        config.insert(list(config).index(peer) + 1, folder)
        tree.write(path, encoding="utf-8")
        # The marker that tells Syncthing the folder is there on purpose.
        (self.folder / ".stfolder").mkdir(parents=True, exist_ok=True)

    # -- running -------------------------------------------------------------

    def start(self) -> None:
        assert SYNCTHING is not None
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [
                    SYNCTHING,
                    "serve",
                    f"--home={self.home}",
                    "--no-browser",
                    "--no-restart",
                    "--no-upgrade",
                    "--logflags=3",
                ],
                env=self.env(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, killed whole
            )

    def stop(self) -> None:
        process = self.process
        if process is None:
            return
        for sig, wait_s in ((signal.SIGTERM, 10.0), (signal.SIGKILL, 10.0)):
            if process.poll() is not None:
                break
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, sig)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=wait_s)
        # Anything else left in its group goes too.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        self.process = None

    def log_tail(self, lines: int = 30) -> str:
        if not self.log.exists():
            return ""
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    # -- the REST API ----------------------------------------------------------

    def rest(self, method: str, path: str, **params: str) -> Any:
        """Call the REST API; the JSON answer (None for an empty one)."""
        url = f"http://127.0.0.1:{self.gui_port}/rest/{path}"
        if params:
            url += "?" + urllib.parse.urlencode(params)
        request = urllib.request.Request(
            url, method=method, headers={"X-API-Key": self.api_key}
        )
        with _OPENER.open(request, timeout=DEADLINE_S) as answer:
            body = answer.read()
        return json.loads(body) if body.strip() else None

    def ask(self, method: str, path: str, **params: str) -> Any:
        """As :meth:`rest`, but None while the API is not answering yet; a
        Syncthing that has exited fails the test with its log."""
        if self.process is not None and self.process.poll() is not None:
            raise AssertionError(
                f"syncthing {self.name} exited ({self.process.returncode}):\n"
                + self.log_tail()
            )
        try:
            return self.rest(method, path, **params)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    def wait_ready(self) -> None:
        wait_for(
            f"syncthing {self.name} to answer and its folder to be idle",
            lambda: (
                (self.ask("GET", "db/status", folder=FOLDER_ID) or {}).get("state")
                == "idle"
            ),
            DEADLINE_S,
        )

    def connected_to(self, other: Instance) -> bool:
        answer = self.ask("GET", "system/connections") or {}
        peer = answer.get("connections", {}).get(other.device_id, {})
        return bool(peer.get("connected"))

    def scan(self) -> None:
        """Have Syncthing look at its folder now (the call returns once the
        scan is done), rather than wait for the watcher."""
        self.rest("POST", "db/scan", folder=FOLDER_ID)


def _child(element: ElementTree.Element, tag: str) -> ElementTree.Element:
    found = element.find(tag)
    if found is None:
        found = ElementTree.SubElement(element, tag)
    return found


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _key() -> str:
    return os.urandom(16).hex()


def synced_files(folder: Path) -> dict[str, bytes]:
    """The files of ``folder`` that Syncthing syncs, by path, with their bytes
    (Syncthing's own markers and temporary files left out)."""
    files = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if relative.parts[0] in _OWN_NAMES or path.name.startswith(_OWN_PREFIXES):
            continue
        if path.is_file():
            files[relative.as_posix()] = path.read_bytes()
    return files


@contextlib.contextmanager
def pair(
    base: Path, folder_a: Path, folder_b: Path
) -> Iterator[tuple[Instance, Instance]]:
    """Two Syncthing instances sharing ``folder_a`` with ``folder_b``, running
    and connected; both stopped on the way out."""
    gui_a, listen_a, gui_b, listen_b = free_ports(4)
    a = Instance("a", base / "st-a" / "home", folder_a, gui_a, listen_a, _key())
    b = Instance("b", base / "st-b" / "home", folder_b, gui_b, listen_b, _key())
    for instance in (a, b):
        instance.generate()
    a.configure(b)
    b.configure(a)
    try:
        for instance in (a, b):
            instance.start()
        try:
            for instance in (a, b):
                instance.wait_ready()
            wait_for(
                "the two syncthings to connect",
                lambda: a.connected_to(b) and b.connected_to(a),
                DEADLINE_S,
            )
        except AssertionError as failure:
            raise AssertionError(f"{failure}{logs(a, b)}") from failure
        yield a, b
    finally:
        for instance in (a, b):
            instance.stop()


def wait_delivered(a: Instance, b: Instance) -> dict[str, bytes]:
    """Scan both folders and wait until they hold the same files, byte for
    byte, and each Syncthing has the other's folder complete; those files."""
    for instance in (a, b):
        instance.scan()

    def same() -> dict[str, bytes] | None:
        files = synced_files(a.folder)
        if not files or files != synced_files(b.folder):
            return None
        for one, other in ((a, b), (b, a)):
            completion = one.ask(
                "GET", "db/completion", folder=FOLDER_ID, device=other.device_id
            )
            if not completion or completion.get("needBytes") != 0:
                return None
        return files

    try:
        return wait_for("both folders to hold the same files", same, DEADLINE_S)
    except AssertionError as failure:
        left, right = synced_files(a.folder).keys(), synced_files(b.folder).keys()
        raise AssertionError(
            f"{failure}: only in {a.folder.name}: {sorted(left - right)}, "
            f"only in {b.folder.name}: {sorted(right - left)}" + logs(a, b)
        ) from failure


def logs(*instances: Instance) -> str:
    """The end of each instance's log, to say why a wait failed."""
    return "".join(f"\n--- syncthing {i.name}:\n{i.log_tail()}" for i in instances)
