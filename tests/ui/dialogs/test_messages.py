"""Questions on the real QMessageBox: Escape and close keep the person's work.

A stand-in for the dialogs hides exactly the bug that matters (an Escape that
quits without saving), so these tests press the real keys on the real box.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import sqlite3

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from leaderjournal.domain.entry import Entry
from leaderjournal.exchange.csv_format import ENTRY_COLUMNS
from leaderjournal.storage.journal import Journal
from leaderjournal.ui.app import Startup
from leaderjournal.ui.dialogs.import_flow import import_csv
from leaderjournal.ui.dialogs.messages import Dialogs
from leaderjournal.ui.window.main_window import MainWindow

TODAY = dt.date.today()
Role = QMessageBox.ButtonRole


def shown_box(parent=None) -> QMessageBox:
    """The one message box on screen (over ``parent``, or anywhere)."""
    if parent is not None:
        candidates = parent.findChildren(QMessageBox, "messageBox")
    else:
        candidates = [
            w for w in QApplication.topLevelWidgets() if w.objectName() == "messageBox"
        ]
    (box,) = [box for box in candidates if box.isVisible()]
    return box


def button(box: QMessageBox, label: str):
    (found,) = [b for b in box.buttons() if b.text() == label]
    return found


def press_escape(qtbot, box: QMessageBox) -> None:
    qtbot.keyClick(box, Qt.Key.Key_Escape)


def close_box(qtbot, box: QMessageBox) -> None:
    box.close()  # what the window's close button does


def reject_box(qtbot, box: QMessageBox) -> None:
    box.reject()  # closed by the system without a button


WAYS_TO_DISMISS = [
    pytest.param(press_escape, id="escape"),
    pytest.param(close_box, id="close"),
    pytest.param(reject_box, id="reject"),
]


@pytest.fixture
def parent(qtbot) -> QMainWindow:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def ask_import(dialogs: Dialogs, answers: list, choices=("Import", "Cancel")) -> None:
    dialogs.ask(
        "Import notes.csv?",
        "Importing this file gives: 1 added, 0 updated, 0 unchanged.",
        list(choices),
        answers.append,
        default="Import",
        escape="Cancel",
    )


# -- the box itself ------------------------------------------------------------


@pytest.mark.parametrize("dismiss", WAYS_TO_DISMISS)
@pytest.mark.parametrize(
    "choices", [("Import", "Cancel"), ("Cancel", "Import")], ids=["last", "first"]
)
def test_dismissing_a_question_answers_its_escape_choice(
    qtbot, parent, dismiss, choices
):
    answers: list = []
    ask_import(Dialogs(parent), answers, choices)
    box = shown_box(parent)

    dismiss(qtbot, box)

    assert answers == ["Cancel"]
    assert not box.isVisible()


@pytest.mark.parametrize(
    "choices", [("Import", "Cancel"), ("Cancel", "Import")], ids=["first", "last"]
)
def test_enter_picks_the_default_choice(qtbot, parent, choices):
    answers: list = []
    ask_import(Dialogs(parent), answers, choices)
    box = shown_box(parent)

    qtbot.keyClick(box, Qt.Key.Key_Return)

    assert answers == ["Import"]


def test_a_question_shows_its_roles_and_icon(qtbot, parent):
    answers: list = []
    Dialogs(parent).ask(
        "Your latest writing is not saved",
        "If you quit now, it is lost.",
        ["Keep Writing", "Quit Without Saving"],
        answers.append,
        default="Keep Writing",
        escape="Keep Writing",
        discards="Quit Without Saving",
        icon=Dialogs.Icon.Warning,
    )
    box = shown_box(parent)

    assert box.icon() == QMessageBox.Icon.Warning
    assert box.defaultButton().text() == "Keep Writing"
    assert box.escapeButton().text() == "Keep Writing"
    assert box.buttonRole(button(box, "Keep Writing")) == Role.RejectRole
    assert box.buttonRole(button(box, "Quit Without Saving")) == Role.DestructiveRole
    qtbot.mouseClick(button(box, "Quit Without Saving"), Qt.MouseButton.LeftButton)
    assert answers == ["Quit Without Saving"]


def test_a_question_without_an_icon_shows_the_question_mark(qtbot, parent):
    answers: list = []
    ask_import(Dialogs(parent), answers)
    box = shown_box(parent)

    assert box.icon() == QMessageBox.Icon.Question
    assert box.buttonRole(button(box, "Import")) == Role.AcceptRole
    assert box.buttonRole(button(box, "Cancel")) == Role.RejectRole


@pytest.mark.parametrize(
    ("method", "icon"),
    [("inform", QMessageBox.Icon.Information), ("error", QMessageBox.Icon.Warning)],
)
@pytest.mark.parametrize("dismiss", WAYS_TO_DISMISS)
def test_a_message_closes_with_its_one_ok(qtbot, parent, method, icon, dismiss):
    done: list = []
    getattr(Dialogs(parent), method)(
        "Backup made", "The copy was checked.", lambda: done.append(1)
    )
    box = shown_box(parent)

    assert box.icon() == icon
    assert [b.text() for b in box.buttons()] == ["OK"]
    assert box.defaultButton().text() == box.escapeButton().text() == "OK"
    dismiss(qtbot, box)

    assert done == [1]


BAD_QUESTIONS = [
    pytest.param({"escape": "Close"}, id="escape-not-a-choice"),
    pytest.param({"default": "Yes"}, id="default-not-a-choice"),
    pytest.param({"discards": "Delete"}, id="discards-not-a-choice"),
    pytest.param({"discards": "Cancel"}, id="escape-discards"),
    pytest.param({"discards": "Import"}, id="default-discards"),
    pytest.param({"choices": ["Import", "Cancel", "Cancel"]}, id="same-label-twice"),
]


def ask_with(dialogs, **changes) -> None:
    arguments = {
        "choices": ["Import", "Cancel"],
        "default": "Import",
        "escape": "Cancel",
        "discards": None,
    } | changes
    choices = arguments.pop("choices")
    dialogs.ask("Import?", "Import the file?", choices, [].append, **arguments)


@pytest.mark.parametrize("changes", BAD_QUESTIONS)
def test_a_question_with_unclear_roles_is_refused(parent, dialogs, changes):
    for asker in (Dialogs(parent), dialogs):
        with pytest.raises(ValueError, match="choice"):
            ask_with(asker, **changes)
    assert parent.findChildren(QMessageBox) == []


def test_an_icon_that_is_not_a_message_box_icon_is_refused(parent, dialogs):
    for asker in (Dialogs(parent), dialogs):
        with pytest.raises(TypeError, match=r"QMessageBox\.Icon"):
            ask_with(asker, icon="!")
    assert parent.findChildren(QMessageBox) == []


def test_a_question_must_say_what_escape_means(parent, dialogs):
    for asker in (Dialogs(parent), dialogs):
        with pytest.raises(TypeError, match="escape"):
            asker.ask(
                "Import?",
                "Import it?",
                ["Import", "Cancel"],
                [].append,
                default="Import",
            )


def test_the_stand_in_presses_escape_when_told(dialogs):
    answers: list = []
    dialogs.answer = dialogs.ESCAPE
    ask_import(dialogs, answers)
    dialogs.answer = lambda choices: dialogs.ESCAPE
    ask_import(dialogs, answers, ("Cancel", "Import"))

    assert answers == ["Cancel", "Cancel"]
    assert dialogs.questions[-1]["escape"] == "Cancel"


def test_the_stand_in_refuses_an_answer_that_is_not_offered(dialogs):
    dialogs.answer = "Import Everything"
    with pytest.raises(AssertionError, match="Import Everything"):
        ask_import(dialogs, [])


# -- the questions the app asks ------------------------------------------------


@pytest.fixture
def locked(journal):
    """Another program holds the write lock, so every save fails fast."""
    journal.connection.execute("PRAGMA busy_timeout = 50")
    blocker = sqlite3.connect(journal.path, timeout=0)
    blocker.execute("BEGIN IMMEDIATE")
    yield blocker
    if blocker.in_transaction:
        blocker.rollback()
    blocker.close()


def window_on(qtbot, journal, dialogs: Dialogs | None = None) -> MainWindow:
    window = MainWindow(journal, dialogs=dialogs)
    if dialogs is not None:
        dialogs.set_parent(window)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def press_enter(qtbot, box: QMessageBox) -> None:
    qtbot.keyClick(box, Qt.Key.Key_Return)


@pytest.mark.parametrize(
    "dismiss", [*WAYS_TO_DISMISS, pytest.param(press_enter, id="enter")]
)
def test_quitting_with_unsaved_writing_then_escape_keeps_the_window_and_text(
    qtbot, journal, locked, dismiss
):
    window = window_on(qtbot, journal)
    qtbot.keyClicks(window.findChild(QWidget, "textEdit"), "A thought I must keep")

    window.close()
    box = shown_box(window)
    assert box.windowTitle() == "Your latest writing is not saved"
    assert box.icon() == QMessageBox.Icon.Warning
    dismiss(qtbot, box)

    assert window.isVisible()
    assert window.day_view.form.text_edit.toPlainText() == "A thought I must keep"
    locked.rollback()
    window.close()
    assert not window.isVisible()
    assert [e.text for e in journal.entries.on_day(TODAY)] == ["A thought I must keep"]


def test_quit_without_saving_is_what_closes_the_window(qtbot, journal, locked):
    window = window_on(qtbot, journal)
    qtbot.keyClicks(window.findChild(QWidget, "textEdit"), "Let this one go")

    window.close()
    box = shown_box(window)
    qtbot.mouseClick(button(box, "Quit Without Saving"), Qt.MouseButton.LeftButton)

    assert not window.isVisible()


def export_and_wait(qtbot, window: MainWindow, target) -> None:
    dialog = window.exchange.show_export()
    qtbot.mouseClick(
        dialog.findChild(QWidget, "exportButton"), Qt.MouseButton.LeftButton
    )
    (chooser,) = window.findChildren(QFileDialog)
    chooser.selectFile(str(target))
    with qtbot.waitSignal(dialog.exported, timeout=5000):
        chooser.accept()


@pytest.mark.parametrize("dismiss", WAYS_TO_DISMISS)
def test_escape_on_export_finished_opens_no_folder(qtbot, tmp_path, journal, dismiss):
    journal.entries.add(Entry.new(TODAY, title="Exported"))
    opened: list[QUrl] = []
    window = window_on(qtbot, journal, Dialogs(open_url=opened.append))
    target = tmp_path / "out.csv"

    export_and_wait(qtbot, window, target)
    box = shown_box(window)
    assert box.windowTitle() == "Export finished"
    assert box.icon() == QMessageBox.Icon.Information
    dismiss(qtbot, box)

    assert opened == []
    assert target.exists()


def test_open_folder_on_export_finished_opens_the_folder(qtbot, tmp_path, journal):
    opened: list[QUrl] = []
    window = window_on(qtbot, journal, Dialogs(open_url=opened.append))

    export_and_wait(qtbot, window, tmp_path / "out.csv")
    box = shown_box(window)
    qtbot.mouseClick(button(box, "Open Folder"), Qt.MouseButton.LeftButton)

    assert opened == [QUrl.fromLocalFile(str(tmp_path))]


def test_escape_on_restore_keeps_the_journal_as_it_is(qtbot, journal):
    journal.entries.add(Entry.new(TODAY, title="In the backup"))
    backup = journal.backup_now()
    journal.entries.add(Entry.new(TODAY, title="Written after the backup"))
    window = window_on(qtbot, journal)
    backups_before = sorted(journal.backup_dir.iterdir())

    window.backups.restore_from(backup.path)
    progress = window.findChild(QProgressDialog, "restoreProgress")
    qtbot.waitUntil(progress.isHidden)  # the backup is checked in a Worker first
    box = shown_box(window)
    assert box.windowTitle() == "Restore this backup?"
    assert box.icon() == QMessageBox.Icon.Warning
    press_escape(qtbot, box)

    assert sorted(e.title for e in journal.entries.on_day(TODAY)) == [
        "In the backup",
        "Written after the backup",
    ]
    assert sorted(journal.backup_dir.iterdir()) == backups_before


def test_escape_on_import_imports_nothing(qtbot, tmp_path, journal):
    journal.entries.add(Entry.new(TODAY, title="Mine"))
    window = window_on(qtbot, journal)
    source = tmp_path / "notes.csv"
    row = dict.fromkeys(ENTRY_COLUMNS, "")
    row |= {"date": TODAY.isoformat(), "title": "From the laptop"}
    row["advice_requests"] = "0"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ENTRY_COLUMNS)
        writer.writeheader()
        writer.writerow(row)
    refreshed: list = []

    flow = import_csv(journal, Dialogs(window), source, lambda: refreshed.append(1))
    # The file is checked off the UI thread; the question follows.
    qtbot.waitUntil(lambda: bool(window.findChildren(QMessageBox, "messageBox")))
    box = shown_box(window)
    assert box.windowTitle() == "Import notes.csv?"
    assert box.icon() == QMessageBox.Icon.Question
    with qtbot.waitSignal(flow.finished):
        press_escape(qtbot, box)

    assert [e.title for e in journal.entries.iter_all()] == ["Mine"]
    assert refreshed == []


def test_escape_on_a_damaged_journal_restores_nothing(qtbot, data_dir):
    with Journal(data_dir) as journal:
        journal.entries.add(Entry.new(TODAY, title="Safe in the backup"))
        journal.backup_now()
    path = data_dir / "journal.db"
    damaged = b"this is not a journal any more" * 100
    path.write_bytes(damaged)
    startup = Startup(data_dir, Dialogs())
    try:
        startup.start()
        box = shown_box()
        assert box.windowTitle() == "Your journal is damaged"
        assert box.icon() == QMessageBox.Icon.Warning
        press_escape(qtbot, box)

        assert startup.window is None
        assert startup.exit_code == 1
        assert hashlib.sha256(path.read_bytes()).digest() == (
            hashlib.sha256(damaged).digest()
        )
        assert list(data_dir.glob("journal.damaged-*")) == []
    finally:
        if startup.window is not None:
            startup.window.close()
        startup.close()
