"""File > Export offers every format, and File > Export Everything writes the
archive, in the running window on a real journal."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import zipfile

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QMenu, QWidget

from leaderjournal.domain.dimensions import DIMENSION_KEYS, OVERALL
from leaderjournal.domain.entry import Entry
from leaderjournal.domain.review import WeekNotes
from leaderjournal.exchange.archive import MEMBERS
from leaderjournal.exchange.markdown_export import read_markdown_file
from leaderjournal.ui.window.menus import action_name

DAY = dt.date(2026, 3, 2)


def fill(journal) -> None:
    journal.entries.save_many(
        [
            Entry.new(
                DAY,
                title="Zoë's 1:1",
                text="=Listened first",
                ratings={DIMENSION_KEYS[0]: 2},
                tags=("coaching",),
            ),
            Entry.new(DAY, title="", text="untitled"),
        ]
    )
    journal.reviews.save_notes(WeekNotes("2026-W10", "-less talking", "ask", True))
    journal.reviews.set_targets({OVERALL: 25.0})


def export_as(qtbot, dialog, name: str) -> None:
    dialog.findChild(QWidget, name).click()
    with qtbot.waitSignal(dialog.exported, timeout=5000):
        qtbot.mouseClick(
            dialog.findChild(QWidget, "exportButton"), Qt.MouseButton.LeftButton
        )


def test_the_dialog_offers_every_format_and_excel_only_for_csv(
    qtbot, journal, make_window
):
    window = make_window(journal)
    dialog = window.exchange.show_export()
    excel = dialog.findChild(QCheckBox, "exportExcel")
    for name, csv_format in [
        ("exportEntries", True),
        ("exportWeekly", True),
        ("exportReviews", True),
        ("exportMarkdown", False),
        ("exportJrnl", False),
        ("exportJrnlText", False),
    ]:
        radio = dialog.findChild(QWidget, name)
        assert radio.isVisible(), name
        radio.click()
        assert excel.isEnabled() is csv_format, name


def test_markdown_asks_for_a_folder_and_writes_a_file_per_entry(
    qtbot, tmp_path, journal, make_window, dialogs
):
    fill(journal)
    window = make_window(journal, today=lambda: DAY)
    dialog = window.exchange.show_export()
    folder = tmp_path / "notes"
    dialogs.folder_path = folder
    dialogs.answer = "Open Folder"

    export_as(qtbot, dialog, "exportMarkdown")

    asked = [shown for shown in dialogs.shown if shown[0] == "folder"]
    assert len(asked) == 1
    assert "Markdown" in asked[0][1]
    files = sorted(p.name for p in folder.glob("*.md"))
    assert files == ["2026-03-02-entry.md", "2026-03-02-zoes-1-1.md"]
    matter, body = read_markdown_file(
        (folder / "2026-03-02-zoes-1-1.md").read_text(encoding="utf-8")
    )
    assert (matter["title"], body, matter["tags"]) == (
        "Zoë's 1:1",
        "=Listened first",
        ["coaching"],
    )
    assert ("ask", "Export finished", f"2 entries were written to {folder}.") in (
        dialogs.shown
    )
    assert dialogs.opened_folders == [folder]  # the folder itself, not its parent


def test_markdown_into_a_folder_of_other_files_is_refused_at_once(
    qtbot, tmp_path, journal, make_window, dialogs
):
    fill(journal)
    window = make_window(journal)
    dialog = window.exchange.show_export()
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "thesis.odt").write_bytes(b"mine")
    dialogs.folder_path = folder
    dialog.findChild(QWidget, "exportMarkdown").click()

    dialog.findChild(QWidget, "exportButton").click()

    reason = (
        f"{folder} already holds files and is not a Markdown export of "
        "LeaderJournal; choose an empty or new folder. Nothing was written."
    )
    assert ("error", "This folder cannot be used for the export", reason) in (
        dialogs.shown
    )
    assert dialog.findChild(QLabel, "exportStatus").text() == reason
    assert not dialog.is_running()
    assert [p.name for p in folder.iterdir()] == ["thesis.odt"]


def test_reviews_and_jrnl_from_the_dialog(
    qtbot, tmp_path, journal, make_window, dialogs
):
    fill(journal)
    window = make_window(journal, today=lambda: DAY)

    dialogs.save_path = tmp_path / "reviews.csv"
    export_as(qtbot, window.exchange.show_export(), "exportReviews")
    with dialogs.save_path.open(encoding="utf-8", newline="") as handle:
        assert list(csv.reader(handle)) == [
            ["week", "reflection", "intention", "last_intention_kept"],
            ["2026-W10", "'-less talking", "ask", "yes"],
        ]
    assert (
        "ask",
        "Export finished",
        f"1 weekly review was written to {tmp_path / 'reviews.csv'}.",
    ) in dialogs.shown

    dialogs.save_path = tmp_path / "journal.json"
    export_as(qtbot, window.exchange.show_export(), "exportJrnl")
    data = json.loads(dialogs.save_path.read_text(encoding="utf-8"))
    assert [e["title"] for e in data["entries"]] == ["Zoë's 1:1", ""]
    saved = [shown for shown in dialogs.shown if shown[0] == "save"]
    assert saved[-1][2].endswith(f"leaderjournal-jrnl-{DAY.isoformat()}.json")


def test_a_jrnl_journal_file_from_the_dialog(
    qtbot, tmp_path, journal, make_window, dialogs
):
    fill(journal)
    window = make_window(journal, today=lambda: DAY)

    dialogs.save_path = tmp_path / "journal.txt"
    export_as(qtbot, window.exchange.show_export(), "exportJrnlText")

    text = dialogs.save_path.read_text(encoding="utf-8")
    heads = re.findall(r"^\[(\S+) \d\d:\d\d\] (.*)$", text, re.MULTILINE)
    assert sorted(heads) == [
        (DAY.isoformat(), "Zoë's 1:1"),
        (DAY.isoformat(), "untitled"),
    ]
    assert "\n=Listened first\n\n@coaching\n" in text
    saved = [shown for shown in dialogs.shown if shown[0] == "save"]
    assert saved[-1][2].endswith(f"leaderjournal-jrnl-text-{DAY.isoformat()}.txt")


def test_the_not_encrypted_note_follows_the_format(
    qtbot, encrypted_journal, make_window
):
    window = make_window(encrypted_journal)
    dialog = window.exchange.show_export()
    note = dialog.findChild(QLabel, "exportNotEncrypted")
    for name in ("exportEntries", "exportWeekly", "exportReviews", "exportJrnl"):
        dialog.findChild(QWidget, name).click()
        assert note.isVisible()
        assert note.text() == (
            "The exported file is not encrypted: keep it somewhere safe."
        )
    dialog.findChild(QWidget, "exportMarkdown").click()
    assert note.isVisible()
    assert note.text() == (
        "The exported files are not encrypted: keep them somewhere safe."
    )


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_export_everything_from_the_file_menu(
    qtbot, tmp_path, journal, make_window, dialogs
):
    fill(journal)
    window = make_window(journal, today=lambda: DAY)
    qtbot.keyClicks(window.findChild(QWidget, "textEdit"), "typed just now")
    target = tmp_path / "everything.zip"
    dialogs.save_path = target
    action = window.findChild(
        type(window.actions()[0]), action_name("export_everything")
    )
    file_menu = next(
        menu for menu in window.findChildren(QMenu) if menu.title() == "&File"
    )
    assert action in file_menu.actions()
    assert action.text() == "Export E&verything\u2026"

    action.trigger()
    qtbot.waitUntil(
        lambda: any(s[:2] == ("ask", "Export finished") for s in dialogs.shown),
        timeout=10_000,
    )

    saved = [s for s in dialogs.shown if s[0] == "save"]
    assert saved[-1][2].endswith(f"leaderjournal-everything-{DAY.isoformat()}.zip")
    with zipfile.ZipFile(target) as book:
        assert book.namelist() == list(MEMBERS)
        entries = list(
            csv.reader(io.StringIO(book.read("entries.csv").decode(), newline=""))
        )
    # What was typed into the day's entry (untitled) was saved first.
    texts = sorted(row[5] for row in entries[1:])
    assert texts == ["'=Listened first", "untitledtyped just now"]
    (finished,) = [s for s in dialogs.shown if s[:2] == ("ask", "Export finished")]
    assert finished[2] == (
        "Everything in the journal (2 entries, the weekly totals and reviews, "
        f"the targets) was written to {target}."
    )


def test_export_everything_onto_the_journal_is_refused(
    qtbot, journal, make_window, dialogs
):
    fill(journal)
    window = make_window(journal)
    journal_db = journal.data_dir / "journal.db"
    before = sha256(journal_db)
    dialogs.save_path = journal_db

    window.exchange.export_everything()

    assert (
        "error",
        "This file cannot be used for the export",
        f"{journal_db} is the journal itself; choose another file. "
        "Nothing was written.",
    ) in dialogs.shown
    QApplication.processEvents()
    assert sha256(journal_db) == before


def test_a_cancelled_markdown_export_says_what_the_folder_holds(
    qtbot, tmp_path, journal, make_window, dialogs
):
    journal.entries.save_many(
        Entry.new(DAY + dt.timedelta(days=n), title=f"Day {n}") for n in range(600)
    )
    window = make_window(journal)
    dialog = window.exchange.show_export()
    folder = tmp_path / "notes"
    dialogs.folder_path = folder
    dialog.findChild(QWidget, "exportMarkdown").click()
    cancel = dialog.findChild(QWidget, "exportCancel")

    def on_progress(done: int, _total: int) -> None:
        if done > 0:
            cancel.click()

    dialog.findChild(QWidget, "exportButton").click()
    dialog._thread.progressed.connect(on_progress)
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=20_000)

    assert dialog.findChild(QLabel, "exportStatus").text() == (
        "Export cancelled. The folder holds only the files written so far: "
        "export to it again to complete it."
    )
    written = list(folder.glob("*.md"))
    assert 0 < len(written) < 600
    # Each file there is whole.
    for path in written:
        matter, _body = read_markdown_file(path.read_text(encoding="utf-8"))
        assert matter["title"].startswith("Day ")

    dialogs.folder_path = folder
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        dialog.findChild(QWidget, "exportButton").click()
    assert len(list(folder.glob("*.md"))) == 600


def test_export_everything_of_an_encrypted_journal_says_it_is_not_encrypted(
    qtbot, tmp_path, encrypted_journal, make_window, dialogs
):
    window = make_window(encrypted_journal)
    target = tmp_path / "everything.zip"
    dialogs.save_path = target

    window.exchange.export_everything()
    qtbot.waitUntil(
        lambda: any(s[:2] == ("ask", "Export finished") for s in dialogs.shown),
        timeout=10_000,
    )

    (finished,) = [s for s in dialogs.shown if s[:2] == ("ask", "Export finished")]
    assert finished[2].endswith(
        f"was written to {target}. The exported file is not encrypted: keep it "
        "somewhere safe."
    )
    with zipfile.ZipFile(target) as book:
        assert book.namelist() == list(MEMBERS)
