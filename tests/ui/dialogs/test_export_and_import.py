"""File > Export and File > Import in the running window."""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.exchange.csv_format import ENTRY_COLUMNS
from leaderjournal.exchange.export import ExportOptions, export_to_file

TODAY = dt.date.today()
STAMP = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def read_csv(path):
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))


def many_entries(count: int) -> list[Entry]:
    start = dt.date(2000, 1, 1)
    return [
        Entry(
            id=str(uuid.UUID(int=n)),
            date=start + dt.timedelta(days=n // 3),
            created_at=STAMP,
            updated_at=STAMP,
            title=f"Entry {n}",
            text="Delegated the release notes to the team. " * 3,
            ratings={"influence": n % 5 - 2},
        )
        for n in range(count)
    ]


def test_ctrl_e_exports_what_was_just_typed(
    qtbot, tmp_path, journal, make_window, dialogs
):
    window = make_window(journal)
    qtbot.keyClicks(window.findChild(QWidget, "textEdit"), "=Typed just now, not saved")
    target = tmp_path / "out.csv"
    dialogs.save_path = target
    dialogs.answer = "Open Folder"

    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(QWidget, "exportDialog")
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.exported, timeout=5000):
        qtbot.mouseClick(
            dialog.findChild(QWidget, "exportButton"), Qt.MouseButton.LeftButton
        )

    rows = read_csv(target)
    assert rows[0] == list(ENTRY_COLUMNS)
    assert rows[1][ENTRY_COLUMNS.index("text")] == "'=Typed just now, not saved"
    assert (
        "ask",
        "Export finished",
        f"1 entry was written to {target}.",
    ) in dialogs.shown
    assert dialogs.opened_folders == [tmp_path]
    assert not target.with_suffix(".csv.part").exists()


def test_weekly_excel_export_of_a_range(qtbot, tmp_path, journal, make_window, dialogs):
    journal.entries.save_many(
        [
            Entry.new(dt.date(2026, 3, 2), ratings={"influence": 2}),
            Entry.new(dt.date(2026, 3, 4), ratings={"influence": -1, "mentor": 1}),
            Entry.new(dt.date(2026, 4, 20), ratings={"influence": 1}),
        ]
    )
    window = make_window(journal)
    dialog = window.exchange.show_export()
    dialog.findChild(QWidget, "exportWeekly").click()
    dialog.findChild(QWidget, "exportRange").click()
    dialog.findChild(QWidget, "exportFrom").setDate(dt.date(2026, 3, 1))
    dialog.findChild(QWidget, "exportTo").setDate(dt.date(2026, 3, 31))
    dialog.findChild(QWidget, "exportExcel").click()
    target = tmp_path / "weeks.csv"
    dialogs.save_path = target
    with qtbot.waitSignal(dialog.exported, timeout=5000):
        dialog.findChild(QWidget, "exportButton").click()

    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    header, *weeks = read_csv(target)
    assert header[:6] == [
        "week",
        "start_date",
        "end_date",
        "entries",
        "days_journaled",
        "lean",
    ]
    # One week in March: ratings 2, -1, 1 -> 50 x 2/3 = 33.3
    assert [w[:6] for w in weeks] == [
        ["2026-W10", "2026-03-02", "2026-03-08", "2", "2", "33.3"]
    ]


def test_cancelling_a_long_export_leaves_no_file_and_the_window_responds(
    qtbot, tmp_path, journal, make_window, dialogs
):
    journal.entries.save_many(many_entries(40_000))
    existing = tmp_path / "journal.csv"
    existing.write_bytes(b"an older export\r\n")
    window = make_window(journal)
    dialog = window.exchange.show_export()
    dialogs.save_path = existing
    cancel = dialog.findChild(QWidget, "exportCancel")
    seen_while_running = []

    def on_progress(done: int, total: int) -> None:
        seen_while_running.append(dialog.is_running())
        if done > 0 and len(seen_while_running) == 2:
            cancel.click()  # a click handled while the export is writing

    dialog.findChild(QWidget, "exportButton").click()
    dialog._thread.progressed.connect(on_progress)
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=20_000)

    assert any(seen_while_running)
    assert "cancelled" in dialog.findChild(QWidget, "exportStatus").text()
    assert existing.read_bytes() == b"an older export\r\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "journal.csv"]
    assert dialog.isVisible()  # the person can change options and try again


def test_import_shows_what_changes_and_merges(
    qtbot, tmp_path, journal, make_window, dialogs
):
    window = make_window(journal)
    source = tmp_path / "from-laptop.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(ENTRY_COLUMNS)
        writer.writerow(
            [
                "",
                TODAY.isoformat(),
                "",
                "",
                "From the laptop",
                "text",
                "2",
                "",
                "",
                "",
                "",
                "",
                "1",
                "1:1",
            ]
        )
    dialogs.open_path = source
    dialogs.answer = "Import"

    window.exchange.choose_import()
    qtbot.waitUntil(lambda: ("notice", "Import finished") in titles(dialogs))

    (imported,) = journal.entries.on_day(TODAY)
    assert imported.title == "From the laptop"
    assert any(
        kind == "ask" and "1 added, 0 updated, 0 unchanged" in text
        for kind, _t, text in dialogs.shown
    )
    assert window.day_view.form.title_edit.text() == "From the laptop"


def test_import_names_a_spreadsheet_edit_it_did_not_take(
    qtbot, tmp_path, journal, make_window, dialogs
):
    mine = Entry.new(TODAY, title="Mine", text="as written here")
    journal.entries.add(mine)
    window = make_window(journal)
    source = tmp_path / "edited.csv"
    export_to_file(journal.entries, source, ExportOptions())
    with source.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    rows[1][rows[0].index("text")] = "edited in a spreadsheet"
    with source.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    dialogs.open_path = source
    dialogs.answer = "Import"

    window.exchange.choose_import()
    qtbot.waitUntil(lambda: ("notice", "Import finished") in titles(dialogs))

    (question,) = [text for kind, _t, text in dialogs.shown if kind == "ask"]
    assert "1 kept the journal's newer version" in question
    assert "Line 2: the journal's version of" in question
    assert "clear its updated_at cell" in question
    assert journal.entries.get(mine.id).text == "as written here"


def test_a_bad_file_is_explained_line_by_line_and_nothing_is_imported(
    qtbot, tmp_path, journal, make_window, dialogs
):
    journal.entries.add(Entry.new(TODAY, title="Mine"))
    window = make_window(journal)
    source = tmp_path / "bad.csv"
    good = ["", "2026-03-02", "", "", "ok", "", "", "", "", "", "", "", "0", ""]
    bad_rating = ["", "2026-03-03", "", "", "bad", "", "3", "", "", "", "", "", "0", ""]
    bad_date = ["", "2026-02-30", "", "", "bad", "", "", "", "", "", "", "", "0", ""]
    with source.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([ENTRY_COLUMNS, good, bad_rating, bad_date])

    window.exchange.import_file(source)
    qtbot.waitUntil(lambda: ("error", "Nothing was imported") in titles(dialogs))

    kind, title, text = dialogs.shown[-1]
    assert (kind, title) == ("error", "Nothing was imported")
    assert "Line 3: influence is \u201c3\u201d" in text
    assert "Line 4: the date \u201c2026-02-30\u201d does not exist" in text
    assert [e.title for e in journal.entries.iter_all()] == ["Mine"]


def titles(dialogs) -> list[tuple[str, str]]:
    return [(kind, title) for kind, title, _text in dialogs.shown]


def texts_on_disk(path) -> list[str]:
    """The entries as another program reading journal.db sees them."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return [t for (t,) in conn.execute("SELECT text FROM entries ORDER BY seq")]
    finally:
        conn.close()


def test_exporting_onto_the_journal_is_refused_and_saving_goes_on(
    qtbot, tmp_path, journal, make_window, dialogs
):
    window = make_window(journal)
    text_edit = window.findChild(QWidget, "textEdit")
    qtbot.keyClicks(text_edit, "Before the export")
    before_inode = journal.path.stat().st_ino
    dialog = window.exchange.show_export()  # saves what was typed first
    dialogs.save_path = journal.path

    dialog.findChild(QWidget, "exportButton").click()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=5000)

    [(kind, _title, text)] = [s for s in dialogs.shown if s[0] in ("error", "ask")]
    assert kind == "error"
    assert "journal.db is the journal itself" in text
    assert "Nothing was written" in text
    assert journal.path.stat().st_ino == before_inode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]
    assert not list(journal.data_dir.glob(".journal.db.*"))
    # The window goes on saving into the real journal file.
    dialog.reject()
    qtbot.keyClicks(text_edit, ", and after it")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert texts_on_disk(journal.path) == ["Before the export, and after it"]
