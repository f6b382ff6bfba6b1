"""The window keeps answering while long work runs: an import, an export, a
restore and the daily backup of a journal of a few thousand entries. A timer
on the UI thread keeps ticking and an event posted there is handled before
the work is over. An import shows its progress, and Cancel, even while it
writes, leaves the journal as it was."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.exchange.csv_format import ENTRY_COLUMNS
from leaderjournal.exchange.export import ExportOptions, export_to_file
from leaderjournal.storage.journal import Journal
from leaderjournal.ui.common.worker import progress_dialog
from leaderjournal.ui.dialogs import import_flow
from leaderjournal.ui.dialogs.import_flow import ImportFlow

TODAY = dt.date.today()
ENTRIES = 3000
TEXT = "One-on-one with Sam, then the roadmap review with the whole team. " * 4


def fill(journal: Journal, count: int = ENTRIES) -> None:
    journal.entries.save_many(
        Entry.new(
            TODAY - dt.timedelta(days=number % 2500),
            title=f"Entry {number}",
            text=TEXT,
            ratings={"growth": number % 5 - 2},
            tags=(f"team{number % 7}",),
        )
        for number in range(count)
    )


def write_csv(path: Path, rows: int = ENTRIES) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ENTRY_COLUMNS)
        writer.writeheader()
        for number in range(rows):
            row = dict.fromkeys(ENTRY_COLUMNS, "")
            row |= {
                "date": (TODAY - dt.timedelta(days=number % 2500)).isoformat(),
                "title": f"Imported {number}",
                "text": TEXT,
                "advice_requests": str(number % 4),
            }
            writer.writerow(row)


def fingerprint(journal: Journal, folder: Path) -> tuple[int, str]:
    """The number of entries and the sha256 of their export."""
    target = folder / "fingerprint.csv"
    export_to_file(journal.entries, target, ExportOptions())
    return journal.entries.count(), hashlib.sha256(target.read_bytes()).hexdigest()


class Watch:
    """Counts the ticks of a timer on the UI thread while work runs, and
    notes whether an event posted as the work starts was handled before it
    ended."""

    def __init__(self, qtbot, parent, done: Callable[[], bool] | None = None) -> None:
        #: Looked at on every tick, if given: whether the work is over.
        self._done = done
        self.ticks = 0
        self.posted_seen = False
        self.ended: tuple[int, bool] | None = None  # ticks, posted seen
        self._timer = QTimer(parent, interval=1)
        self._timer.timeout.connect(self._tick)
        self._qtbot = qtbot

    def _tick(self) -> None:
        if self.ended is None:
            self.ticks += 1
            if self._done is not None and self._done():
                self.end()

    def _posted(self) -> None:
        self.posted_seen = True

    def start(self, work: Callable[[], object]) -> None:
        self._timer.start()
        work()
        QTimer.singleShot(0, self._posted)

    def end(self, *_args: object) -> None:
        if self.ended is None:
            self.ended = (self.ticks, self.posted_seen)

    def wait(self, timeout: int = 20_000) -> tuple[int, bool]:
        self._qtbot.waitUntil(lambda: self.ended is not None, timeout=timeout)
        self._timer.stop()
        assert self.ended is not None
        return self.ended


def notices(dialogs) -> list[tuple[str, str]]:
    return [(title, text) for kind, title, text in dialogs.shown if kind == "notice"]


def test_the_window_answers_while_an_import_checks_and_writes(
    qtbot, tmp_path, journal, make_window, dialogs
):
    source = tmp_path / "large.csv"
    write_csv(source)
    window = make_window(journal)
    dialogs.answer = "Import"
    watch = Watch(qtbot, window)
    original_notify = dialogs.notify

    def notify(title: str, text: str) -> None:
        watch.end()
        original_notify(title, text)

    dialogs.notify = notify

    watch.start(lambda: window.exchange.import_file(source))
    ticks, posted_seen = watch.wait()

    assert posted_seen
    assert ticks >= 2
    assert notices(dialogs) == [
        ("Import finished", f"large.csv: {ENTRIES} added, 0 updated, 0 unchanged.")
    ]
    assert journal.entries.count() == ENTRIES


def test_the_window_answers_while_an_export_runs(
    qtbot, tmp_path, journal, make_window, dialogs
):
    fill(journal)
    window = make_window(journal)
    dialog = window.exchange.show_export()
    target = tmp_path / "all.csv"
    watch = Watch(qtbot, window)
    dialog.exported.connect(watch.end)

    watch.start(lambda: dialog.start_export(target))
    ticks, posted_seen = watch.wait()

    assert posted_seen
    assert ticks >= 2
    with target.open(newline="", encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == ENTRIES


def test_the_window_answers_while_a_restore_runs(
    qtbot, tmp_path, journal, make_window, dialogs
):
    fill(journal)
    backup = journal.backup_now().path
    journal.entries.add(Entry.new(TODAY, title="Written after the backup"))
    window = make_window(journal)
    dialogs.answer = "Restore"
    watch = Watch(qtbot, window)
    original_notify = dialogs.notify

    def notify(title: str, text: str) -> None:
        watch.end()
        original_notify(title, text)

    dialogs.notify = notify

    watch.start(lambda: window.backups.restore_from(backup))
    ticks, posted_seen = watch.wait()

    assert posted_seen
    assert ticks >= 2
    assert [title for title, _text in notices(dialogs)] == ["Journal restored"]
    assert journal.entries.count() == ENTRIES


def test_the_window_answers_while_the_daily_backup_runs(
    qtbot, journal, make_window, dialogs
):
    fill(journal)
    window = make_window(journal)
    watch = Watch(qtbot, window, done=lambda: window.backups.daily is None)

    watch.start(window.backups.backup_if_due)
    ticks, posted_seen = watch.wait()

    assert posted_seen
    assert ticks >= 2
    assert window.backup_status.text().startswith("Last backup: today")


def progress_of(window) -> QProgressDialog:
    progress = window.findChild(QProgressDialog, "importProgress")
    assert progress is not None
    return progress


def test_an_import_shows_how_far_it_has_read_then_that_it_writes(  # noqa: PLR0917
    qtbot, tmp_path, journal, make_window, dialogs, monkeypatch
):
    source = tmp_path / "large.csv"
    write_csv(source)
    window = make_window(journal)
    # Every label as it is set and every showing, recorded at the call on
    # the real dialog: sampling on a timer can miss the last count, which
    # the check's end replaces within the same turn of the event loop.
    labels: list[tuple[str, bool]] = []  # label, shown when it was set
    shown: list[str] = []  # the label at each show()

    def recorded(parent: QWidget | None, name: str, title: str) -> QProgressDialog:
        progress = progress_dialog(parent, name, title)
        set_label, show = progress.setLabelText, progress.show

        def record_label(text: str) -> None:
            set_label(text)
            labels.append((text, progress.isVisible()))

        def record_show() -> None:
            show()
            shown.append(progress.labelText())

        progress.setLabelText = record_label  # type: ignore[method-assign]
        progress.show = record_show  # type: ignore[method-assign]
        return progress

    monkeypatch.setattr(import_flow, "progress_dialog", recorded)
    dialogs.answer = "Import"

    window.exchange.import_file(source)
    qtbot.waitUntil(lambda: bool(notices(dialogs)), timeout=20_000)

    reading = [label for label, visible in labels if visible]
    assert f"Checking large.csv: {ENTRIES:,} rows read\u2026" in reading
    assert reading.index(f"Checking large.csv: {ENTRIES:,} rows read\u2026") > 0
    assert shown == [
        "Checking large.csv\u2026",
        f"Importing large.csv: writing {ENTRIES:,} entries\u2026",
    ]


def test_cancel_while_an_import_writes_leaves_the_journal_as_it_was(
    qtbot, tmp_path, journal, make_window, dialogs
):
    fill(journal, 200)
    before = fingerprint(journal, tmp_path)
    source = tmp_path / "large.csv"
    write_csv(source)
    window = make_window(journal)
    dialogs.answer = "Import"
    pressed: list[str] = []
    watched: list[ImportFlow] = []

    def press_cancel(_done: int, _total: int) -> None:
        if not pressed:  # the write reported progress: it is under way
            cancel = progress_of(window).findChild(QPushButton)
            assert cancel is not None
            assert cancel.isVisible()
            pressed.append(cancel.text())
            cancel.click()  # the person presses Cancel

    def watch_the_write() -> None:
        flow = window.findChild(ImportFlow)
        writing = progress_of(window).labelText().startswith("Importing")
        if flow is not None and writing and not watched and flow.worker is not None:
            watched.append(flow)
            flow.worker.progressed.connect(press_cancel)

    timer = QTimer(window, interval=0)
    timer.timeout.connect(watch_the_write)
    timer.start()

    window.exchange.import_file(source)
    qtbot.waitUntil(lambda: bool(notices(dialogs)), timeout=20_000)
    timer.stop()

    assert pressed == ["Cancel"]
    assert notices(dialogs) == [
        ("Import cancelled", "Import cancelled: nothing from large.csv was imported.")
    ]
    assert not progress_of(window).isVisible()
    assert fingerprint(journal, tmp_path) == before
