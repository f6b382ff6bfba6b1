"""File > Import of other apps' journals: a file or a folder, the format
recognised and said in the preview with the counts and what cannot come
along; problems listed with their places; Cancel writes nothing."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from leaderjournal.exchange.daylio import COLUMNS
from leaderjournal.ui.common.settings_store import SettingsStore
from leaderjournal.ui.dialogs.messages import Dialogs
from leaderjournal.ui.window.main_window import MainWindow

DATA = Path(__file__).parent.parent.parent / "data" / "import"
DAYLIO = DATA / "daylio" / "daylio_export.csv"
REDNOTEBOOK = DATA / "rednotebook" / "data"
REDNOTEBOOK_BROKEN = DATA / "rednotebook" / "broken"


def titles(dialogs) -> list[tuple[str, str]]:
    return [(kind, title) for kind, title, _text in dialogs.shown]


def questions(dialogs) -> list[str]:
    return [text for kind, _title, text in dialogs.shown if kind == "ask"]


def journal_bytes(journal) -> str:
    """The journal's file and its write-ahead log, as another program sees
    them."""
    database = journal.path
    digest = hashlib.sha256(database.read_bytes())
    wal = database.with_name(database.name + "-wal")
    if wal.exists():
        digest.update(wal.read_bytes())
    return digest.hexdigest()


def test_a_daylio_export_is_named_counted_and_imported(
    qtbot, journal, make_window, dialogs
):
    window = make_window(journal)
    dialogs.open_path = DAYLIO
    dialogs.answer = "Import"

    window.exchange.choose_import()
    qtbot.waitUntil(lambda: ("notice", "Import finished") in titles(dialogs))

    (question,) = questions(dialogs)
    assert question.split("\n\n") == [
        "Format: Daylio export.",
        "Importing this file gives: 4 added, 0 updated, 0 unchanged.",
        "The imported entries are not rated. Entries you have changed more "
        "recently than the file are kept.",
    ]
    assert journal.entries.count() == 4
    assert dialogs.shown[-1][2] == (
        "daylio_export.csv: 4 added, 0 updated, 0 unchanged."
    )


def test_the_same_export_again_adds_nothing(qtbot, journal, make_window, dialogs):
    window = make_window(journal)
    dialogs.answer = "Import"
    for _ in range(2):
        dialogs.shown.clear()
        window.exchange.import_file(DAYLIO)
        qtbot.waitUntil(lambda: ("notice", "Import finished") in titles(dialogs))

    (question,) = questions(dialogs)
    assert "Importing this file gives: 0 added, 0 updated, 4 unchanged." in question
    assert journal.entries.count() == 4


def test_a_rednotebook_folder_says_what_cannot_come_and_escape_writes_nothing(
    qtbot, journal, make_window, dialogs
):
    window = make_window(journal)
    before = journal_bytes(journal)
    dialogs.open_path = REDNOTEBOOK  # a folder, chosen with "Choose This Folder"
    dialogs.answer = dialogs.ESCAPE

    window.exchange.choose_import()
    qtbot.waitUntil(lambda: bool(questions(dialogs)))
    qtbot.waitUntil(lambda: window.findChild(QProgressDialog).isHidden())

    (question,) = questions(dialogs)
    assert question.split("\n\n") == [
        "Format: RedNotebook journal.",
        "Importing this folder gives: 5 added, 0 updated, 0 unchanged.",
        "Not brought along, as an entry has no place for it: 2 notes in a category.",
        "The imported entries are not rated. Entries you have changed more "
        "recently than the folder are kept.",
    ]
    assert dialogs.questions[-1]["escape"] == "Cancel"
    assert journal.entries.count() == 0
    assert journal_bytes(journal) == before


def test_problems_are_listed_with_their_places_and_nothing_is_imported(
    qtbot, journal, make_window, dialogs
):
    window = make_window(journal)
    before = journal_bytes(journal)
    dialogs.answer = "Import"  # were it asked, it would import

    window.exchange.import_file(REDNOTEBOOK_BROKEN)
    qtbot.waitUntil(lambda: ("error", "Nothing was imported") in titles(dialogs))

    ((kind, title, text),) = dialogs.shown
    assert (kind, title) == ("error", "Nothing was imported")
    assert text.splitlines() == [
        "\u201cbroken\u201d was read as a RedNotebook journal, and 5 places in it "
        "are not valid, so nothing was imported. Correct them and try again:",
        "",
        "2024-04.txt, day 31: April 2024 has 30 days",
        "2024-04.txt, day x: \u201cx\u201d is not a day number",
        "2024-05.txt: this is not valid YAML (line 1)",
        "2024-06.txt: this is not a RedNotebook month (day numbers, each with "
        "its text)",
        "2024-07.txt, day 3: the day is not a text with its categories",
    ]
    assert journal.entries.count() == 0
    assert journal_bytes(journal) == before


def test_a_folder_of_something_else_is_explained_in_one_line(
    qtbot, tmp_path, journal, make_window, dialogs
):
    window = make_window(journal)
    folder = tmp_path / "holiday photos"
    folder.mkdir()
    (folder / "beach.jpg").write_bytes(b"\xff\xd8\xff")

    window.exchange.import_file(folder)
    qtbot.waitUntil(lambda: bool(dialogs.shown))

    ((kind, title, text),) = dialogs.shown
    assert (kind, title) == ("error", "This folder cannot be imported")
    assert text.startswith(
        "\u201choliday photos\u201d is not a journal export LeaderJournal can read"
    )
    assert "\n" not in text


def test_cancel_while_another_apps_export_is_read_writes_nothing(
    qtbot, tmp_path, journal, make_window, dialogs
):
    source = tmp_path / "daylio_export.csv"
    rows = [
        f"2020-01-{1 + n % 28:02d},x,x,{n % 24}:{n % 60:02d},good,work,Day {n},Note"
        for n in range(20_000)
    ]
    source.write_text(",".join(COLUMNS) + "\n" + "\n".join(rows) + "\n")
    window = make_window(journal)
    before = journal_bytes(journal)
    dialogs.answer = "Import"  # were it asked, it would import

    window.exchange.import_file(source)
    progress = window.findChild(QProgressDialog, "importProgress")
    progress.findChild(QPushButton).click()  # the person presses Cancel
    qtbot.waitUntil(lambda: not progress.isVisible(), timeout=10_000)

    assert journal.entries.count() == 0
    assert not questions(dialogs)
    assert journal_bytes(journal) == before


# -- on the real file dialog and question box ---------------------------------


def open_window(qtbot, journal, tmp_path: Path) -> MainWindow:
    dialogs = Dialogs()
    store = SettingsStore(
        QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    )
    window = MainWindow(journal, dialogs, store=store)
    dialogs.set_parent(window)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def shown(window: QWidget, kind: type) -> list:
    return [d for d in window.findChildren(kind) if d.isVisible()]


def test_choose_this_folder_on_the_real_dialog_imports_a_rednotebook_folder(
    qtbot, tmp_path, journal
):
    folder = tmp_path / "rednotebook" / "data"
    shutil.copytree(REDNOTEBOOK, folder)
    window = open_window(qtbot, journal, tmp_path)

    window.exchange.choose_import()
    qtbot.waitUntil(lambda: len(shown(window, QFileDialog)) == 1)
    (chooser,) = shown(window, QFileDialog)
    button = chooser.findChild(QPushButton, "chooseFolderButton")
    assert button.isVisible()
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus  # reachable by Tab
    assert button.text() == "Choose This &Folder"  # and by Alt+F
    chooser.setDirectory(str(folder))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: len(shown(window, QMessageBox)) == 1, timeout=10_000)
    (box,) = shown(window, QMessageBox)
    assert box.text().startswith("Format: RedNotebook journal.\n\n")
    assert "5 added, 0 updated, 0 unchanged" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Import is the default answer
    qtbot.waitUntil(lambda: journal.entries.count() == 5, timeout=10_000)


def test_a_folder_selected_in_the_list_is_the_one_chosen(qtbot, tmp_path, journal):
    folder = tmp_path / "rednotebook" / "data"
    shutil.copytree(REDNOTEBOOK, folder)
    window = open_window(qtbot, journal, tmp_path)

    window.exchange.choose_import()
    qtbot.waitUntil(lambda: len(shown(window, QFileDialog)) == 1)
    (chooser,) = shown(window, QFileDialog)
    chooser.setDirectory(str(folder.parent))
    chooser.selectFile(str(folder))
    chooser.findChild(QPushButton, "chooseFolderButton").click()

    qtbot.waitUntil(lambda: len(shown(window, QMessageBox)) == 1, timeout=10_000)
    (box,) = shown(window, QMessageBox)
    assert "Importing this folder gives: 5 added" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert journal.entries.count() == 0


def test_alt_f_chooses_the_folder_shown(qtbot, tmp_path, journal):
    folder = tmp_path / "rednotebook" / "data"
    shutil.copytree(REDNOTEBOOK, folder)
    window = open_window(qtbot, journal, tmp_path)

    window.exchange.choose_import()
    qtbot.waitUntil(lambda: len(shown(window, QFileDialog)) == 1)
    (chooser,) = shown(window, QFileDialog)
    chooser.setDirectory(str(folder))
    chooser.activateWindow()
    qtbot.waitUntil(chooser.isActiveWindow)
    qtbot.keyClick(
        chooser.focusWidget() or chooser, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier
    )

    qtbot.waitUntil(lambda: len(shown(window, QMessageBox)) == 1, timeout=10_000)
    (box,) = shown(window, QMessageBox)
    assert "Importing this folder gives: 5 added" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert journal.entries.count() == 0
