"""A child process that starts a window, says when it was first painted, and exits.

``python child_start.py MODE DATA_DIR`` with MODE:

- ``floor``: import PySide6 and sqlite_utils, open a QMainWindow of the app's
  size and paint it: the least any such app can do;
- ``app``: start LeaderJournal on DATA_DIR as ``leaderjournal --data-dir``
  does (``cli.main``), watching for the main window's first paint;
- ``floor-views`` / ``app-views``: the same, then (for the app) visit every
  view, for the peak resident memory.

The parent notes the monotonic clock just before it launches this process;
the child prints one JSON line with the monotonic time at which the first
paint had finished (CLOCK_MONOTONIC is system-wide on Linux, so the two
clocks agree) and its peak resident memory.
"""

from __future__ import annotations

import json
import sys
import time

from peak import peak_kb

MODE, DATA_DIR = sys.argv[1], sys.argv[2]


def report(extra: dict[str, float] | None = None) -> None:
    painted = time.monotonic()
    peak = peak_kb()
    print(json.dumps({"painted": painted, "peak_kb": peak, **(extra or {})}))
    sys.stdout.flush()


def watch_first_paint(window, then) -> None:
    """Call ``then`` once the first paint of ``window`` has been handled."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (
                event.type() == QEvent.Type.Paint
                and isinstance(watched, QWidget)
                and watched.window() is window
            ):
                QApplication.instance().removeEventFilter(self)
                QTimer.singleShot(0, then)  # runs once this paint is done
            return False

    watch_first_paint.filter = FirstPaint()  # type: ignore[attr-defined]
    QApplication.instance().installEventFilter(watch_first_paint.filter)


def visit_views(window) -> None:
    """Show each of the app's views in turn, as a person clicking through."""
    from PySide6.QtWidgets import QApplication

    for index in range(window.views.count()):
        window.views.setCurrentIndex(index)
        QApplication.processEvents()
        window.repaint()
    window.views.setCurrentIndex(0)
    QApplication.processEvents()


def run_floor(views: bool) -> int:
    import sqlite_utils  # noqa: F401 - the floor pays for this import too
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    window.resize(1200, 780)
    window.setWindowTitle("floor")

    def painted() -> None:
        report()
        app.quit()

    watch_first_paint(window, painted)
    window.show()
    return app.exec()


def run_app(views: bool) -> int:
    from leaderjournal import cli
    from leaderjournal.ui import app as app_module

    original_open = app_module.Startup._open

    def open_and_watch(startup, journal) -> None:
        original_open(startup, journal)
        window = startup.window

        def painted() -> None:
            if views:
                visit_views(window)
            report()
            window.close()

        watch_first_paint(window, painted)

    app_module.Startup._open = open_and_watch  # type: ignore[method-assign]
    return cli.main(["--data-dir", DATA_DIR])


if __name__ == "__main__":
    views = MODE.endswith("-views")
    runner = run_floor if MODE.startswith("floor") else run_app
    sys.exit(runner(views))
