"""No view shows an old state of the journal: after an import or a restore
the view on screen redraws at once, the others when next shown."""

from __future__ import annotations

import csv
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.exchange.csv_format import ENTRY_COLUMNS

TODAY = dt.date.today()
CTRL = Qt.KeyboardModifier.ControlModifier


def write_csv(path, *rows: list[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(ENTRY_COLUMNS)
        writer.writerows(rows)


def rated_row(day: dt.date, title: str, tag: str) -> list[str]:
    cells = dict.fromkeys(ENTRY_COLUMNS, "")
    cells |= {
        "date": day.isoformat(),
        "title": title,
        "growth": "2",
        "advice_requests": "3",
        "tags": tag,
    }
    return [cells[column] for column in ENTRY_COLUMNS]


def test_trends_open_during_an_import_shows_the_new_day_at_once(
    qtbot, tmp_path, journal, make_window, dialogs
):
    journal.entries.add(
        Entry.new(TODAY - dt.timedelta(days=2), ratings={"influence": 1})
    )
    window = make_window(journal)
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    trends = window.trends_view
    before = len(trends.chart.scatter.data)
    source = tmp_path / "more.csv"
    write_csv(source, rated_row(TODAY, "Imported", "offsite"))
    dialogs.answer = "Import"

    window.exchange.import_file(source)
    qtbot.waitUntil(lambda: any(kind == "notice" for kind, *_ in dialogs.shown))

    assert window.current_view() is trends  # no switch of tabs needed
    assert len(trends.chart.scatter.data) == before + 1
    assert (TODAY, 100.0) in list(trends.data.points.points())


def test_history_open_during_an_import_lists_the_new_entry_and_tag(
    qtbot, tmp_path, journal, make_window, dialogs
):
    window = make_window(journal)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    history = window.history_view
    source = tmp_path / "more.csv"
    write_csv(source, rated_row(TODAY, "Imported", "offsite"))
    dialogs.answer = "Import"

    window.exchange.import_file(source)
    qtbot.waitUntil(lambda: any(kind == "notice" for kind, *_ in dialogs.shown))

    table = history.findChild(QWidget, "historyTable")
    assert table.model().rowCount() == 1
    tag_filter = history.findChild(QWidget, "filterTag")
    assert "offsite" in [tag_filter.itemText(i) for i in range(tag_filter.count())]


def test_the_view_on_screen_during_a_restore_shows_the_restored_journal(
    qtbot, journal, make_window, dialogs
):
    journal.entries.add(Entry.new(TODAY - dt.timedelta(days=1), title="Kept"))
    backup = journal.backup_now().path
    journal.entries.add(Entry.new(TODAY, title="Written after the backup"))
    window = make_window(journal)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    table = window.history_view.findChild(QWidget, "historyTable")
    assert table.model().rowCount() == 2
    dialogs.answer = "Restore"

    window.backups.restore_from(backup)
    qtbot.waitUntil(
        lambda: any(title == "Journal restored" for _k, title, _t in dialogs.shown),
        timeout=20_000,
    )

    assert window.current_view() is window.history_view
    assert table.model().rowCount() == 1
    # and the day view, seen next, no longer holds the entry the restore removed
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    assert window.day_view.day() == TODAY
    assert window.day_view.form.title_edit.text() != "Written after the backup"
