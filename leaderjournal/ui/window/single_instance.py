"""Bringing the running LeaderJournal to the front from a second start.

The running app listens on a local socket named after its data folder; a
second start on the same folder asks it to show its window, then exits.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

_ACTIVATE = b"activate\n"
_TIMEOUT_MS = 1000


def server_name(data_dir: Path) -> str:
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return f"leaderjournal-{digest}"


class ActivationServer(QObject):
    """Calls ``on_activate`` whenever another start asks for the window."""

    def __init__(
        self, data_dir: Path, on_activate: Callable[[], None], parent=None
    ) -> None:
        super().__init__(parent)
        self._on_activate = on_activate
        self._server = QLocalServer(self)
        name = server_name(data_dir)
        # A socket file left by a crashed app would refuse listen(); the
        # journal lock already proves no other app is using this folder.
        QLocalServer.removeServer(name)
        self._server.listen(name)
        self._server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(_ACTIVATE.strip()):
            self._on_activate()
        socket.disconnectFromServer()


def ask_running_app_to_activate(data_dir: Path) -> bool:
    """True if a running LeaderJournal on ``data_dir`` got the request."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(_TIMEOUT_MS):
        return False
    socket.write(_ACTIVATE)
    delivered = socket.waitForBytesWritten(_TIMEOUT_MS)
    socket.disconnectFromServer()
    return delivered
