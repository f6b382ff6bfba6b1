"""First run, the sample journal, settings, themes and reminders."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QRect, QSettings
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

import leaderjournal
from leaderjournal.domain.entry import Entry
from leaderjournal.domain.reminders import DAILY, WEEKLY
from leaderjournal.settings import Settings
from leaderjournal.storage.journal import Journal
from leaderjournal.ui.app import Startup
from leaderjournal.ui.common.resources import resource_file
from leaderjournal.ui.common.settings_store import SettingsStore
from leaderjournal.ui.common.theme import apply_theme
from leaderjournal.ui.window.tray import Reminders


@pytest.fixture
def store(tmp_path) -> SettingsStore:
    return SettingsStore(
        QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    )


@pytest.fixture
def startups():
    made = []
    yield made
    for startup in made:
        if startup.window is not None:
            startup.window.close()
        startup.close()


@pytest.fixture(autouse=True)
def _light_theme_after():
    yield
    apply_theme(QApplication.instance(), "light")


def start(data_dir, dialogs, store, startups, qtbot) -> Startup:
    startup = Startup(data_dir, dialogs, store)
    startups.append(startup)
    startup.start()
    assert startup.window is not None
    qtbot.addWidget(startup.window)
    qtbot.waitExposed(startup.window)
    return startup


def test_an_empty_journal_is_welcomed(qtbot, data_dir, dialogs, store, startups):
    startup = start(data_dir, dialogs, store, startups, qtbot)
    welcome = startup.window.findChild(QWidget, "welcomeDialog")
    assert welcome is not None
    assert welcome.isVisible()
    text = " ".join(label.text() for label in welcome.findChildren(QLabel))
    assert "neither pole is a mistake" in text
    assert "Director \u2194 Mentor" in text


def test_a_journal_with_entries_is_not(qtbot, data_dir, dialogs, store, startups):
    with Journal(data_dir) as journal:
        journal.entries.add(Entry.new(dt.date.today(), text="already writing"))
    startup = start(data_dir, dialogs, store, startups, qtbot)
    assert startup.window.findChild(QWidget, "welcomeDialog") is None


def test_the_sample_journal_never_writes_to_the_real_folder(
    qtbot, data_dir, dialogs, store, startups
):
    startup = start(data_dir, dialogs, store, startups, qtbot)
    before = sorted(p.name for p in data_dir.iterdir())
    welcome = startup.window.findChild(QWidget, "welcomeDialog")
    welcome.findChild(QWidget, "exploreSample").click()

    sample = startup.sample
    assert sample is not None
    assert sample.window.windowTitle() == "Sample journal"  # Qt adds the app name
    assert sample.window.findChild(QLabel, "sampleBanner").isVisible()
    assert sample.journal.entries.count() > 50
    assert sample.folder != data_dir
    assert not sample.folder.is_relative_to(data_dir)
    # Writing in the sample window stays in the sample.
    sample.window.day_view.form.text_edit.setPlainText("typed in the sample")
    sample.window.day_view.save_now()
    assert startup.journal.entries.count() == 0
    assert sorted(p.name for p in data_dir.iterdir()) == before
    folder = sample.folder
    sample.window.close()
    assert not folder.exists()
    assert startup.sample is None


def test_help_explains_the_five_dimensions(qtbot, journal, make_window):
    window = make_window(journal)
    dialog = window.help.show_dimensions()
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    for name in ("Power", "Followers", "Growth", "Relationship", "Mentor"):
        assert name in text
    dialog.close()


def test_the_about_box_says_version_licence_and_where_the_data_is(
    journal, make_window, dialogs
):
    window = make_window(journal)
    window.help.show_about()
    _kind, _title, text = dialogs.shown[-1]
    assert leaderjournal.__version__ in text
    assert "MIT" in text
    assert str(journal.path) in text


def test_settings_persist_across_restarts(qtbot, data_dir, dialogs, store, startups):
    startup = start(data_dir, dialogs, store, startups, qtbot)
    dialog = startup.window.settings_actions.show_settings()
    dialog.findChild(QWidget, "backupsDaily").setValue(14)
    dialog.findChild(QWidget, "themeChoice").setCurrentIndex(2)  # Dark
    dialog.findChild(QWidget, "weeklyDay").setCurrentIndex(0)
    dialog._accept()
    assert startup.journal.retention == (14, 8)
    startup.window.show_view(startup.window.trends_view)
    # A known geometry: 600 high and 50 down (it opens 780 high at the top).
    # The offscreen screen is 800 x 800, narrower than the window can be, so
    # Qt fits a restored window to the screen's left edge at its narrowest:
    # the height and the vertical position are what is kept exactly.
    startup.window.setGeometry(QRect(40, 50, 1300, 600))
    assert startup.window.geometry().height() == 600
    startup.window.close()
    startup.close()

    again = start(data_dir, dialogs, store, startups, qtbot)
    assert again.window.settings.backups_daily == 14
    assert again.window.settings.theme == "dark"
    assert again.window.settings.weekly_day == 0
    assert again.journal.retention == (14, 8)
    assert again.window.current_view() is again.window.trends_view
    restored = again.window.geometry()
    assert (restored.height(), restored.y()) == (600, 50)


def test_the_journal_folder_is_shown_with_open_folder(journal, make_window, dialogs):
    window = make_window(journal)
    dialog = window.settings_actions.show_settings()
    assert dialog.findChild(QWidget, "journalFolder").text() == str(journal.data_dir)
    dialog.findChild(QWidget, "openJournalFolder").click()
    assert dialogs.opened_folders == [journal.data_dir]
    # Offscreen there is no tray: reminders show in the window instead.
    assert (
        "in the LeaderJournal window"
        in dialog.findChild(QLabel, "remindersNote").text()
    )
    assert dialog.findChild(QWidget, "dailyTime").isEnabled()
    dialog.findChild(QWidget, "settingsTargets").click()
    assert window.findChild(QWidget, "targetsDialog").isVisible()
    dialog.close()


def test_a_theme_switch_changes_the_colours_of_charts_and_calendar(
    qtbot, journal, make_window
):
    journal.entries.add(Entry.new(dt.date.today(), ratings={"influence": 1}))
    window = make_window(journal)
    window.settings_actions.apply_settings(Settings(theme="light"))
    window.show_view(window.calendar_view)
    grid = window.calendar_view.calendar
    rated_day = dt.date.today()  # lean +50: between the neutral and blue
    light_day = grid.color_of(rated_day)
    window.show_view(window.trends_view)
    light_background = window.trends_view.chart.view.backgroundBrush().color()

    window.settings_actions.apply_settings(Settings(theme="dark"))
    # Palette change events reach the widgets when the event loop runs.
    qtbot.waitUntil(lambda: grid.color_of(rated_day) != light_day)

    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 100
    assert window.trends_view.chart.view.backgroundBrush().color() != light_background
    assert window.trends_view.chart.view.backgroundBrush().color().lightness() < 100
    assert grid.color_of(rated_day) != light_day


ICON = QIcon(str(resource_file("icons/leaderjournal.svg")))


class FakeClock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def test_reminders_fire_at_their_time_and_not_after_the_entry(qtbot, journal):
    today = dt.date.today()
    clock = FakeClock(dt.datetime.combine(today, dt.time(18, 0)))
    settings = Settings(daily_reminder=True, daily_time=dt.time(18, 30))
    reminders = Reminders(
        journal, lambda: settings, ICON, clock=clock, tray_available=True
    )
    try:
        assert reminders.check() == []  # 18:00, before its time
        clock.now = clock.now.replace(minute=45)
        with qtbot.waitSignal(reminders.shown) as shown:
            assert reminders.check() == [DAILY]
        assert shown.args == [DAILY]
        assert reminders.check() == []  # once a day
        journal.entries.add(Entry.new(today, text="written"))
        clock.now += dt.timedelta(days=1)  # the next evening...
        journal.entries.add(Entry.new(clock.now.date(), text="written first"))
        assert reminders.check() == []  # ...the entry is already there
    finally:
        reminders.stop()


def test_the_weekly_reminder_stops_once_the_review_is_written(qtbot, journal):
    from leaderjournal.domain.review import WeekNotes
    from leaderjournal.domain.scoring import iso_week_id

    friday = dt.date(2026, 11, 27)
    clock = FakeClock(dt.datetime.combine(friday, dt.time(16, 30)))
    settings = Settings(weekly_reminder=True, weekly_day=4)
    reminders = Reminders(
        journal, lambda: settings, ICON, clock=clock, tray_available=True
    )
    try:
        journal.reviews.save_notes(WeekNotes(iso_week_id(friday), "done early"))
        assert reminders.check() == []
        clock.now += dt.timedelta(days=7)
        assert reminders.check() == [WEEKLY]
    finally:
        reminders.stop()


@pytest.mark.usefixtures("qapp")  # its timers need the application, even first
def test_with_neither_a_tray_nor_a_window_nothing_is_shown(journal):
    reminders = Reminders(
        journal,
        lambda: Settings(daily_reminder=True, daily_time=dt.time(0, 0)),
        QIcon(),
        tray_available=False,
    )
    assert not reminders.available
    assert reminders.check() == []
    reminders.stop()
