"""The Qt binding itself must not wear out after long use.

PySide6 6.12.0 dropped a reference to None on each call returning it; on
Python 3.11 the interpreter aborts once None's count runs out, which in the
app meant a crash after some thousands of keystrokes (each one restarts the
autosave timer). pyproject.toml keeps that release out; this test keeps it
out for good.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, QTimer, Signal


class _Emitter(QObject):
    happened = Signal()


@pytest.mark.skipif(
    sys.version_info >= (3, 12),
    reason="None, True and False are immortal from Python 3.12: counts mean nothing",
)
def test_calls_returning_none_or_bool_keep_their_references(qapp):
    timer = QTimer()
    timer.setInterval(1000)
    emitter = _Emitter()
    emitter.happened.connect(lambda: None)
    before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))

    for _ in range(1000):
        timer.start()
        emitter.happened.emit()
    timer.stop()

    after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    assert [a - b for a, b in zip(after, before, strict=True)] == [0, 0, 0]
