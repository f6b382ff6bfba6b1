"""Child processes for the crash tests, started without importing the
journal's code again for each one.

A crash test kills a child that saves or converts a journal, over and over;
starting Python and importing the storage took most of each child's start.
Here one server process per test process imports that code once, and each
child is forked from it: a process of its own, running the same ``python -c``
script with the same arguments, environment and folder, that SIGKILL ends as
it ends the app. To a test a child looks like ``subprocess.Popen(...,
stdout=PIPE, stderr=PIPE)``. POSIX only, as the crash tests are.
"""

from __future__ import annotations

import atexit
import importlib
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import traceback
from pathlib import Path
from typing import IO, Any

REPO_ROOT = Path(__file__).resolve().parents[2]

_HEADER = struct.Struct("!I")

#: What the children's scripts import, and what saving and converting a
#: journal import when first needed: imported once, in the server.
PRELOADED = (
    "leaderjournal.domain.entry",
    "leaderjournal.storage.journal",
    "leaderjournal.storage.keyfile",
    "leaderjournal.storage.sqlcipher_connection",
    "sqlite_utils.db",
    "sqlite_utils.migrations",
    "cryptography.hazmat.primitives.ciphers.aead",
    "cryptography.hazmat.primitives.hashes",
    "cryptography.hazmat.primitives.kdf.argon2",
    "cryptography.hazmat.primitives.kdf.hkdf",
)


def _receive(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def _send(sock: socket.socket, message: Any, fds: list[int] | None = None) -> None:
    """One message: its length (carrying ``fds`` along), then its JSON."""
    data = json.dumps(message).encode()
    socket.send_fds(sock, [_HEADER.pack(len(data))], fds or [])
    sock.sendall(data)


def _take(sock: socket.socket) -> tuple[Any, list[int]]:
    header, fds, _flags, _address = socket.recv_fds(sock, _HEADER.size, 2)
    if not header:
        raise EOFError
    header += _receive(sock, _HEADER.size - len(header))
    (size,) = _HEADER.unpack(header)
    return json.loads(_receive(sock, size)), fds


def serve(fd: int) -> None:
    """The server: forks a child for each script asked, reaps it when asked,
    ends when the test process goes."""
    for name in PRELOADED:
        importlib.import_module(name)

    sock = socket.socket(fileno=fd)
    while True:
        try:
            request, fds = _take(sock)
        except EOFError:
            return
        if "wait" in request:
            _pid, status = os.waitpid(request["wait"], 0)
            _send(sock, os.waitstatus_to_exitcode(status))
            continue
        pid = os.fork()
        if pid == 0:  # the child
            sock.close()
            _run_script(request, *fds)
        for handle in fds:
            os.close(handle)
        _send(sock, pid)


def _run_script(request: dict[str, Any], stdout: int, stderr: int) -> None:
    """``python -c code *argv`` in ``cwd`` with ``env``; never returns."""
    status = 0
    try:
        os.dup2(stdout, 1)
        os.dup2(stderr, 2)
        os.close(stdout)
        os.close(stderr)
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])
        sys.argv = ["-c", *request["argv"]]
        code = compile(request["code"], "<string>", "exec")
        exec(code, {"__name__": "__main__"})
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        traceback.print_exc()
        status = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


class _Server:
    """The test process's end of the server, started at first use."""

    _running: _Server | None = None

    def __init__(self) -> None:
        ours, theirs = socket.socketpair()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                f"from tests.storage.killable import serve; serve({theirs.fileno()})",
            ],
            cwd=REPO_ROOT,
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
        )
        theirs.close()
        self.sock = ours
        atexit.register(self.stop)

    @classmethod
    def get(cls) -> _Server:
        if cls._running is None or cls._running.process.poll() is not None:
            cls._running = cls()
        return cls._running

    def stop(self) -> None:
        """Closing its end makes the server leave."""
        self.sock.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def ask(self, message: Any, fds: list[int] | None = None) -> Any:
        _send(self.sock, message, fds)
        answer, _fds = _take(self.sock)
        return answer


class Killable:
    """A started child: ``pid``, ``stdout`` and ``stderr`` (binary, read
    ends of pipes), ``poll()``, ``wait()`` and ``returncode``, as Popen's."""

    def __init__(self, code: str, *args: str, cwd: Path) -> None:
        self._server = _Server.get()
        out_read, out_write = os.pipe()
        err_read, err_write = os.pipe()
        try:
            request = {
                "code": code,
                "argv": list(args),
                "env": dict(os.environ),
                "cwd": str(cwd),
            }
            self.pid: int = self._server.ask(request, [out_write, err_write])
        finally:
            # The child holds the only write ends: its death ends the pipes.
            os.close(out_write)
            os.close(err_write)
        self.stdout: IO[bytes] = os.fdopen(out_read, "rb")
        self.stderr: IO[bytes] = os.fdopen(err_read, "rb")
        self.returncode: int | None = None

    def poll(self) -> int | None:
        """None until ``wait`` has reaped it (killing it before is harmless)."""
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            self._server.sock.settimeout(timeout)
            try:
                self.returncode = self._server.ask({"wait": self.pid})
            except TimeoutError:
                self._server.stop()  # its answer would come out of turn
                raise subprocess.TimeoutExpired(
                    f"child {self.pid}", timeout or 0
                ) from None
            finally:
                self._server.sock.settimeout(None)
        return self.returncode

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
