"""Help -> Explore a Sample Journal: a whole journal to look around in, apart."""

from __future__ import annotations

import csv
import datetime as dt
import re

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QLineEdit, QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.domain.sample import INTENTIONS, sample_entries
from leaderjournal.ui.app import Startup
from leaderjournal.ui.common.settings_store import SettingsStore

CTRL = Qt.KeyboardModifier.ControlModifier


def a_day_the_sample_leaves_empty() -> dt.date:
    """A "today" on which the sample journal has no entry (a quiet weekend)."""
    day = dt.date.today()
    while any(e.date == day for e in sample_entries(day)):
        day -= dt.timedelta(days=1)
    return day


@pytest.fixture
def own_journal(journal):
    journal.entries.add(Entry.new(dt.date.today(), text="my own writing"))
    return journal


def files_in(folder) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix not in (".lock",)
    }


def open_sample(qtbot, window):
    """Help -> Explore a Sample Journal, as a person picks it."""
    window.findChild(QAction, "action_explore_sample").trigger()
    sample = window.help.sample
    assert sample is not None
    # Not given to qtbot: it deletes itself on close, and it closes with
    # the person's window at the end of the test.
    qtbot.waitExposed(sample.window)
    sample.window.activateWindow()
    qtbot.waitUntil(sample.window.isActiveWindow)
    return sample


def test_help_opens_the_sample_after_the_first_run_and_keeps_it_apart(
    qtbot, data_dir, own_journal, make_window
):
    window = make_window(own_journal)
    before = files_in(data_dir)

    sample = open_sample(qtbot, window)

    assert sample.window.windowTitle() == "Sample journal"
    assert sample.window.findChild(QLabel, "sampleBanner").isVisible()
    assert not sample.folder.is_relative_to(data_dir)
    assert sample.journal.entries.count() > 50
    # Asked again, Help shows the same sample rather than a second one.
    window.findChild(QAction, "action_explore_sample").trigger()
    assert window.help.sample is sample
    # Writing in the sample stays in the sample.
    sample.window.day_view.new_entry()
    sample.window.day_view.form.text_edit.setPlainText("typed in the sample")
    assert sample.window.day_view.save_now()
    folder = sample.folder
    sample.window.close()

    assert not folder.exists()
    assert window.help.sample is None
    assert own_journal.entries.count() == 1
    assert files_in(data_dir) == before


def test_the_sample_opens_on_its_newest_day_with_entries(qtbot, journal, make_window):
    quiet = a_day_the_sample_leaves_empty()
    window = make_window(journal, today=lambda: quiet)

    sample = open_sample(qtbot, window)

    newest = max(e.date for e in sample.journal.entries.iter_all())
    assert newest < quiet
    day_view = sample.window.day_view
    assert day_view.day() == newest
    shown = day_view.form.text_edit.toPlainText()
    assert shown in [e.text for e in sample.journal.entries.on_day(newest)]
    assert shown != ""


def test_the_search_boxs_example_word_finds_entries_in_the_sample(
    qtbot, journal, make_window
):
    window = make_window(journal)
    sample = open_sample(qtbot, window)
    qtbot.keyClick(sample.window, Qt.Key.Key_F, CTRL)
    search = sample.window.findChild(QLineEdit, "historySearch")
    assert search.hasFocus()
    example = re.search(r"(\w+) finds \w+", search.placeholderText())
    assert example is not None, search.placeholderText()

    qtbot.keyClicks(search, example[1])

    count = sample.window.findChild(QLabel, "historyCount")
    qtbot.waitUntil(lambda: "match" in count.text(), timeout=3000)
    found = re.match(r"([\d,]+) entr(y|ies) match", count.text())
    assert found is not None, count.text()
    assert int(found[1].replace(",", "")) >= 5
    assert sample.window.history_view.model.rowCount() >= 5


def test_the_samples_weekly_review_is_written(qtbot, journal, make_window):
    window = make_window(journal)
    sample = open_sample(qtbot, window)
    qtbot.keyClick(sample.window, Qt.Key.Key_5, CTRL)
    review = sample.window.review_view

    assert review.findChild(QWidget, "reflectionEdit").toPlainText().strip()
    assert review.findChild(QLineEdit, "intentionEdit").text().strip()
    last = review.findChild(QLabel, "lastIntention").text()
    assert any(intention in last for intention in INTENTIONS), last
    kept = [review.findChild(QWidget, name) for name in ("keptYes", "keptNo")]
    assert any(button.isChecked() for button in kept)


def test_ctrl_q_in_the_sample_closes_only_the_sample(qtbot, journal, make_window):
    window = make_window(journal)
    sample = open_sample(qtbot, window)
    folder = sample.folder
    close = sample.window.findChild(QAction, "action_close_sample")
    assert close is not None
    assert close.text() == "&Close Sample Journal"
    assert close.shortcut().toString() == "Ctrl+Q"
    assert sample.window.findChild(QAction, "action_quit") is None
    assert window.findChild(QAction, "action_close_sample") is None

    qtbot.keyClick(sample.window, Qt.Key.Key_Q, CTRL)

    assert window.help.sample is None
    assert not folder.exists()
    assert window.isVisible()
    assert window.findChild(QAction, "action_quit").text() == "&Quit"


def test_export_in_the_sample_writes_a_file(qtbot, tmp_path, journal, make_window):
    window = make_window(journal)
    sample = open_sample(qtbot, window)
    target = tmp_path / "sample-export.csv"

    qtbot.keyClick(sample.window, Qt.Key.Key_E, CTRL)
    export = sample.window.findChild(QWidget, "exportDialog")
    qtbot.mouseClick(
        export.findChild(QWidget, "exportButton"), Qt.MouseButton.LeftButton
    )
    chooser = sample.window.findChild(QFileDialog)
    assert chooser is not None
    assert chooser.isVisible()
    with qtbot.waitSignal(export.exported, timeout=5000):
        chooser.selectFile(str(target))
        chooser.accept()

    with target.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == sample.journal.entries.count()
    assert {row["title"] for row in rows} >= {"1:1 with Priya", "Metrics review"}
    finished = [
        w
        for w in QApplication.topLevelWidgets() + sample.window.findChildren(QWidget)
        if w.objectName() == "messageBox" and w.isVisible()
    ]
    assert any("written to" in box.text() for box in finished)


def test_the_welcome_offers_the_sample_and_enter_starts_writing(
    qtbot, tmp_path, data_dir, dialogs
):
    store = SettingsStore(
        QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    )
    startup = Startup(data_dir, dialogs, store)
    startup.start()
    try:
        qtbot.addWidget(startup.window)
        welcome = startup.window.findChild(QWidget, "welcomeDialog")
        qtbot.waitExposed(welcome)
        welcome.activateWindow()
        qtbot.waitUntil(welcome.isActiveWindow)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

        assert not welcome.isVisible()
        assert startup.sample is None
        # The keyboard is in today's entry, ready to write.
        assert startup.window.focusWidget() is startup.window.day_view.form.text_edit

        startup.window.findChild(QAction, "action_explore_sample").trigger()
        assert startup.sample is not None
        assert startup.sample.window.isVisible()
    finally:
        startup.window.close()
        startup.close()
    assert startup.sample is None


def test_closing_the_own_window_closes_the_sample_and_deletes_it(
    qtbot, journal, make_window
):
    window = make_window(journal)
    sample = open_sample(qtbot, window)
    folder = sample.folder

    window.close()

    assert window.help.sample is None
    assert not folder.exists()
