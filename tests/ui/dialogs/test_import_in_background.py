"""A large import runs off the UI thread: the window keeps answering, Cancel
before the write leaves the journal as it was, and problems reach the person."""

from __future__ import annotations

import csv
import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton

from leaderjournal.domain.entry import Entry
from leaderjournal.exchange.csv_format import ENTRY_COLUMNS

TODAY = dt.date.today()
ROWS = 5000


def write_csv(path, rows: int = ROWS) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ENTRY_COLUMNS)
        writer.writeheader()
        for number in range(rows):
            row = dict.fromkeys(ENTRY_COLUMNS, "")
            day = TODAY - dt.timedelta(days=number % 3000)
            row |= {
                "date": day.isoformat(),
                "title": f"Imported {number}",
                "text": "One-on-one, then the roadmap review. " * 5,
                "advice_requests": str(number % 4),
            }
            writer.writerow(row)


def titles(dialogs) -> list[tuple[str, str]]:
    return [(kind, title) for kind, title, _text in dialogs.shown]


def test_the_window_keeps_answering_while_a_large_import_runs(
    qtbot, tmp_path, journal, make_window, dialogs
):
    source = tmp_path / "large.csv"
    write_csv(source)
    window = make_window(journal)
    dialogs.answer = "Import"
    running: list[bool] = []  # at each tick of a timer on the UI thread

    def tick() -> None:
        progress = window.findChild(QProgressDialog, "importProgress")
        running.append(progress is not None and progress.isVisible())

    timer = QTimer(window, interval=1)
    timer.timeout.connect(tick)
    timer.start()

    window.exchange.import_file(source)
    assert ("notice", "Import finished") not in titles(dialogs)  # not done yet
    progress = window.findChild(QProgressDialog, "importProgress")
    assert progress.isVisible()
    qtbot.waitUntil(
        lambda: ("notice", "Import finished") in titles(dialogs), timeout=10_000
    )
    timer.stop()

    assert running.count(True) >= 2  # the window answered while it worked
    assert journal.entries.count() == ROWS
    assert not progress.isVisible()
    assert dialogs.shown[-1][2] == f"large.csv: {ROWS} added, 0 updated, 0 unchanged."


def test_cancel_while_checking_writes_nothing_and_asks_nothing(
    qtbot, tmp_path, journal, make_window, dialogs
):
    journal.entries.add(Entry.new(TODAY, title="Mine"))
    source = tmp_path / "large.csv"
    write_csv(source)
    window = make_window(journal)
    dialogs.answer = "Import"  # were it asked, it would import

    window.exchange.import_file(source)
    progress = window.findChild(QProgressDialog, "importProgress")
    progress.findChild(QPushButton).click()  # the person presses Cancel
    qtbot.waitUntil(lambda: not progress.isVisible(), timeout=10_000)

    assert [e.title for e in journal.entries.iter_all()] == ["Mine"]
    assert not [kind for kind, *_ in dialogs.shown if kind == "ask"]


def test_a_file_that_cannot_be_read_is_explained_in_one_line(
    qtbot, tmp_path, journal, make_window, dialogs
):
    window = make_window(journal)

    window.exchange.import_file(tmp_path / "gone.csv")
    qtbot.waitUntil(lambda: bool(dialogs.shown), timeout=5000)

    ((kind, title, text),) = dialogs.shown
    assert (kind, title) == ("error", "This file cannot be imported")
    assert text == f"There is no file {tmp_path / 'gone.csv'}."
    assert journal.entries.count() == 0
