"""A child process that times one UI scenario offscreen and prints JSON.

``python child_ui.py SCENARIO DATA_DIR`` with SCENARIO one of:

- ``save``: the main window on the journal, the latest entry opened, then
  100 times: type a word into its text and save as the autosave does
  (``DayView.save_now``, with the events it causes handled);
- ``history``: the history view opened (``refresh``), then scrolled to the
  end of each of the first pages, Qt fetching the next page as it would
  for a person scrolling;
- ``trends``: the all-time chart drawn the first time, which loads the
  chart library, then drawn first by fresh views once it is loaded.

Each runs in its own process so that one-time costs (the chart library's
import above all) are paid where they would be in the app.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from leaderjournal.storage.journal import Journal

SAVES = 100
HISTORY_PAGES = 5
FRESH_TREND_VIEWS = 3


def settle() -> None:
    """Handle every pending event: layout, paint, queued signals."""
    QApplication.processEvents()
    QApplication.sendPostedEvents()
    QApplication.processEvents()


def run_save(journal: Journal) -> dict[str, list[float]]:
    from leaderjournal.ui.window.main_window import MainWindow

    window = MainWindow(journal)
    window.show()
    settle()
    day = journal.entries.first_date()
    latest = journal.connection.execute("SELECT max(date) FROM entries").fetchone()[0]
    day = dt.date.fromisoformat(latest) if latest else day
    window.day_view.show_day(day)
    settle()
    editor = window.day_view.form.text_edit
    times = []
    for number in range(SAVES):
        editor.moveCursor(editor.textCursor().MoveOperation.End)
        editor.insertPlainText(f" word{number}")
        start = time.perf_counter()
        window.day_view.save_now()
        settle()
        times.append(time.perf_counter() - start)
    assert window.day_view.autosaver.flush()
    assert not window.day_view.autosaver.dirty
    window.close()
    return {"save": times}


def run_history(journal: Journal) -> dict[str, list[float]]:
    from leaderjournal.ui.history.history_model import PAGE_SIZE
    from leaderjournal.ui.history.history_view import HistoryView

    view = HistoryView(journal, dt.date.today)
    view.resize(1200, 780)
    view.show()
    settle()
    start = time.perf_counter()
    view.refresh()
    settle()
    first = time.perf_counter() - start
    pages = []
    for page in range(2, HISTORY_PAGES + 1):
        start = time.perf_counter()
        view.table.scrollToBottom()  # Qt asks the model for the next page
        settle()
        pages.append(time.perf_counter() - start)
        rows = view.model.rowCount()
        assert rows == page * PAGE_SIZE, f"page {page}: {rows} rows"
    return {"history_open": [first], "history_next": pages}


def _trend_view(journal: Journal):
    from leaderjournal.ui.dialogs.messages import Dialogs
    from leaderjournal.ui.trends.trends_view import TrendsView

    view = TrendsView(journal, Dialogs(), dt.date.today)
    view.resize(1200, 780)
    view.show()
    settle()
    return view


def run_trends(journal: Journal) -> dict[str, list[float]]:
    view = _trend_view(journal)
    assert "pyqtgraph" not in sys.modules
    start = time.perf_counter()
    view.set_range("all")
    settle()
    with_import = time.perf_counter() - start
    assert view.data is not None
    assert view.data.granularity == "month"
    after = []
    for _ in range(FRESH_TREND_VIEWS):
        fresh = _trend_view(journal)
        start = time.perf_counter()
        fresh.set_range("all")
        settle()
        after.append(time.perf_counter() - start)
        fresh.close()
    return {"trends_with_import": [with_import], "trends_after_import": after}


SCENARIOS = {"save": run_save, "history": run_history, "trends": run_trends}


def main() -> int:
    scenario, data_dir = sys.argv[1], Path(sys.argv[2])
    app = QApplication([sys.argv[0]])
    with Journal(data_dir) as journal:
        result = SCENARIOS[scenario](journal)
    app.processEvents()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
