"""A child process that runs one long job through the real window and
measures how long the event loop went without handling a timer.

``python child_responsive.py SCENARIO DATA_DIR [FILE]`` with SCENARIO one of:

- ``import``: File > Import of FILE (a CSV export) into the journal in
  DATA_DIR, through the window's import flow, its question answered Import;
- ``export``: File > Export of every entry to FILE (CSV), from the dialog
  already open;
- ``restore``: File > Restore of the backup FILE, its question answered
  Restore, up to the journal reopened and the views redrawn;
- ``backup``: the daily backup as the app starts it (none made today yet).

A 5 ms timer runs on the UI thread all along; the child prints the longest
gap between two of its ticks (or between the start or the end and the
nearest tick) and the whole time, as JSON.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

from leaderjournal.storage.journal import Journal
from leaderjournal.ui.dialogs.messages import Dialogs

TICK_MS = 5
TIMEOUT_S = 240


class AnsweringDialogs(Dialogs):
    """The real message boxes, each answered by a click once shown; the
    title of every question, notice and error is kept, so that the parent
    can tell how the work ended."""

    def __init__(self, answers: dict[str, str]) -> None:
        super().__init__()
        self.answers = answers
        self.said: list[tuple[str, str]] = []
        self.ended: Callable[[], None] = lambda: None

    def notify(self, title: str, text: str) -> None:
        super().notify(title, text)
        self.said.append((title, text))
        self.ended()

    def ask(
        self,
        title: str,
        text: str,
        choices: Sequence[str],
        on_answer: Callable[[str], None],
        **roles,
    ) -> None:
        answer = self.answers.get(title, roles["escape"])
        self.said.append((title, text))
        super().ask(title, text, choices, self._then_end(on_answer), **roles)
        box = self._open[-1]

        def click() -> None:
            for button in box.buttons():
                if button.text() == answer:
                    button.click()
                    return

        QTimer.singleShot(0, click)

    def _then_end(self, on_answer: Callable[[str], None]) -> Callable[[str], None]:
        def answered(choice: str) -> None:
            on_answer(choice)
            if choice == "OK":
                self.ended()

        return answered


def run(scenario: str, journal: Journal, file: Path) -> dict[str, object]:
    from leaderjournal.ui.window.main_window import MainWindow

    answers = {
        f"Import {file.name}?": "Import",
        "Restore this backup?": "Restore",
        "Export finished": "OK",
    }
    dialogs = AnsweringDialogs(answers)
    window = MainWindow(journal, dialogs=dialogs)
    dialogs.set_parent(window)
    window.show()
    app = QApplication.instance()
    for _ in range(3):
        app.processEvents()
    if scenario == "import":
        window.show_view(window.history_view)  # the view shown redraws after
    dialog = window.exchange.show_export() if scenario == "export" else None
    for _ in range(3):
        app.processEvents()

    ticks: list[float] = []
    timer = QTimer(interval=TICK_MS, timerType=Qt.TimerType.PreciseTimer)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    loop = QEventLoop()
    dialogs.ended = loop.quit
    QTimer.singleShot(TIMEOUT_S * 1000, loop.quit)
    timer.start()
    app.processEvents()

    start = time.perf_counter()
    if scenario == "import":
        window.exchange.import_file(file)
    elif dialog is not None:  # the dialog was opened before: Export pressed
        dialog.start_export(file)
    elif scenario == "restore":
        window.backups.restore_from(file)
    elif scenario == "backup":
        worker = window.backups.backup_if_due()
        worker.finished.connect(loop.quit)
    else:
        raise SystemExit(f"unknown scenario {scenario}")
    loop.exec()
    end = time.perf_counter()
    timer.stop()
    marks = [start, *(t for t in ticks if start < t < end), end]
    gaps = [b - a for a, b in itertools.pairwise(marks)]
    longest = max(range(len(gaps)), key=gaps.__getitem__)
    result: dict[str, object] = {
        "total": end - start,
        "longest_gap": gaps[longest],
        "longest_gap_at": marks[longest] - start,
        "ticks": len(marks) - 2,
        "said": dialogs.said,
        "status": window.backup_status.text(),
        "entries": journal.entries.count(),
    }
    window.close()
    return result


def main() -> int:
    scenario, data_dir = sys.argv[1], Path(sys.argv[2])
    file = Path(sys.argv[3]) if len(sys.argv) > 3 else Path()
    app = QApplication([sys.argv[0]])
    with Journal(data_dir) as journal:
        result = run(scenario, journal, file)
    app.processEvents()
    print(json.dumps(result, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
