"""Reminders on a desktop without a system tray (offscreen has none): a
banner in the window at the chosen time, and at start for one missed while
the app was closed. Time comes from a fake clock, never from waiting."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel, QPushButton, QSystemTrayIcon, QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.domain.review import WeekNotes
from leaderjournal.domain.scoring import iso_week_id
from leaderjournal.settings import Settings
from leaderjournal.storage.journal import Journal
from leaderjournal.ui.app import Startup
from leaderjournal.ui.common.settings_store import SettingsStore
from leaderjournal.ui.window.tray import Reminders

TODAY = dt.date.today()
NOW = dt.datetime.combine(TODAY, dt.time(9, 14))
FRIDAY = dt.date(2026, 11, 27)


class FakeClock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def store(tmp_path) -> SettingsStore:
    return SettingsStore(
        QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    )


@pytest.fixture
def remind(journal, store):
    """Start reminders on a window's banner, as the app does at start."""
    made: list[Reminders] = []

    def start(window, settings: Settings, clock: FakeClock) -> Reminders:
        reminders = Reminders(
            journal,
            lambda: settings,
            QIcon(),
            clock=clock,
            banner=window.reminder_banner,
            store=store,
            parent=window,
        )
        made.append(reminders)
        return reminders

    yield start
    for reminders in made:
        # Its window may be gone already, and its timer with it.
        with contextlib.suppress(RuntimeError):
            reminders.stop()


def banner(window, kind: str) -> QWidget:
    return window.findChild(QWidget, f"{kind}ReminderBanner")


def words(row: QWidget) -> str:
    return row.findChild(QLabel, "reminderText").text()


def test_offscreen_there_is_no_tray(qapp):
    # What every test here stands on: the desktop offers no tray.
    assert not QSystemTrayIcon.isSystemTrayAvailable()


def test_the_daily_reminder_shows_in_the_window_at_its_time_and_opens_today(
    qtbot, journal, make_window, remind
):
    window = make_window(journal)
    window.show_view(window.history_view)  # somewhere else in the journal
    clock = FakeClock(NOW - dt.timedelta(minutes=1))
    reminders = remind(
        window, Settings(daily_reminder=True, daily_time=NOW.time()), clock
    )
    row = banner(window, "daily")
    assert not row.isVisible()  # a minute early

    clock.now = NOW  # the reminder's time, to the minute
    assert reminders.check() == ["daily"]

    assert row.isVisible()
    assert "How did you lead today?" in words(row)
    action = row.findChild(QPushButton, "reminderAction")
    assert action.text().replace("&", "") == "Write Today's Entry"
    qtbot.mouseClick(action, Qt.MouseButton.LeftButton)

    assert window.current_view() is window.day_view
    assert window.day_view.day() == TODAY
    assert not row.isVisible()
    assert reminders.check() == []  # once a day


def test_the_weekly_reminder_opens_this_weeks_review(
    qtbot, journal, make_window, remind
):
    window = make_window(journal)
    settings = Settings(weekly_reminder=True, weekly_day=4, weekly_time=dt.time(16))
    clock = FakeClock(dt.datetime.combine(FRIDAY, dt.time(16, 0)))
    remind(window, settings, clock)

    row = banner(window, "weekly")
    assert row.isVisible()
    assert "Your week in review is ready." in words(row)
    qtbot.mouseClick(
        row.findChild(QPushButton, "reminderAction"), Qt.MouseButton.LeftButton
    )

    assert window.current_view() is window.review_view
    assert not row.isVisible()


def test_a_reminder_missed_while_the_app_was_closed_shows_at_start(
    journal, make_window, remind
):
    window = make_window(journal)
    settings = Settings(daily_reminder=True, daily_time=dt.time(9, 0))
    # Opened at 21:00: the 09:00 reminder came and went with the app closed.
    remind(window, settings, FakeClock(dt.datetime.combine(TODAY, dt.time(21))))

    assert banner(window, "daily").isVisible()


def test_no_reminder_once_today_has_an_entry(journal, make_window, remind):
    journal.entries.add(Entry.new(TODAY, text="Written this morning"))
    window = make_window(journal)
    settings = Settings(daily_reminder=True, daily_time=dt.time(9, 0))
    reminders = remind(window, settings, FakeClock(NOW))

    assert reminders.check() == []
    assert not banner(window, "daily").isVisible()


def test_writing_the_entry_takes_the_banner_away(qtbot, journal, make_window, remind):
    window = make_window(journal)
    settings = Settings(daily_reminder=True, daily_time=dt.time(9, 0))
    reminders = remind(window, settings, FakeClock(NOW))
    row = banner(window, "daily")
    assert row.isVisible()

    qtbot.keyClicks(window.findChild(QWidget, "textEdit"), "Asked the team first")
    window.day_view.save_now()
    reminders.check()  # the next check, half a minute later at most

    assert not row.isVisible()


def test_a_closed_reminder_stays_closed_that_day_also_after_a_restart(
    qtbot, journal, make_window, remind
):
    window = make_window(journal)
    settings = Settings(daily_reminder=True, daily_time=dt.time(9, 0))
    clock = FakeClock(NOW)
    reminders = remind(window, settings, clock)
    row = banner(window, "daily")
    qtbot.mouseClick(row.findChild(QWidget, "reminderClose"), Qt.MouseButton.LeftButton)
    assert not row.isVisible()
    assert reminders.check() == []
    reminders.stop()

    again = make_window(journal)  # the app started again the same day
    remind(again, settings, FakeClock(NOW + dt.timedelta(hours=2)))
    assert not banner(again, "daily").isVisible()

    tomorrow = make_window(journal)
    remind(tomorrow, settings, FakeClock(NOW + dt.timedelta(days=1)))
    assert banner(tomorrow, "daily").isVisible()


def test_a_review_written_takes_the_weekly_banner_away(journal, make_window, remind):
    window = make_window(journal)
    settings = Settings(weekly_reminder=True, weekly_day=4, weekly_time=dt.time(16))
    reminders = remind(
        window, settings, FakeClock(dt.datetime.combine(FRIDAY, dt.time(17)))
    )
    assert banner(window, "weekly").isVisible()

    journal.reviews.save_notes(WeekNotes(iso_week_id(FRIDAY), "A good week"))
    reminders.check()

    assert not banner(window, "weekly").isVisible()


def test_switching_a_reminder_off_takes_its_banner_away(journal, make_window, store):
    window = make_window(journal)
    chosen = [
        Settings(
            daily_reminder=True,
            weekly_reminder=True,
            weekly_day=FRIDAY.weekday(),
            weekly_time=dt.time(16),
        )
    ]
    reminders = Reminders(
        journal,
        lambda: chosen[-1],
        QIcon(),
        clock=FakeClock(dt.datetime.combine(FRIDAY, dt.time(21))),
        banner=window.reminder_banner,
        parent=window,
    )
    assert banner(window, "daily").isVisible()
    assert banner(window, "weekly").isVisible()

    chosen.append(Settings(weekly_reminder=True, weekly_day=FRIDAY.weekday()))
    reminders.check()
    assert not banner(window, "daily").isVisible()
    assert banner(window, "weekly").isVisible()

    chosen.append(Settings())
    reminders.check()
    assert not banner(window, "weekly").isVisible()
    reminders.stop()


def test_the_app_shows_a_missed_reminder_at_start(qtbot, data_dir, dialogs, store):
    with Journal(data_dir) as journal:  # an entry, so no welcome over the window
        journal.entries.add(Entry.new(TODAY - dt.timedelta(days=1), text="Before"))
    # Midnight has always passed: the daily reminder is due, whatever the hour.
    store.save(Settings(daily_reminder=True, daily_time=dt.time(0, 0)))
    startup = Startup(data_dir, dialogs, store)
    try:
        startup.start()
        window = startup.window
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: banner(window, "daily").isVisible())
        assert "How did you lead today?" in words(banner(window, "daily"))
    finally:
        if startup.window is not None:
            startup.window.close()
        startup.close()


def test_settings_offer_the_reminders_and_say_where_they_appear(journal, make_window):
    window = make_window(journal)
    dialog = window.settings_actions.show_settings()

    for name in ("dailyReminder", "dailyTime", "weeklyReminder", "weeklyDay"):
        assert dialog.findChild(QWidget, name).isEnabled(), name
    assert dialog.findChild(QWidget, "weeklyTime").isEnabled()
    assert not dialog.findChild(QWidget, "keepInTray").isEnabled()  # needs a tray
    note = dialog.findChild(QLabel, "remindersNote").text()
    assert "reminders appear in the LeaderJournal window" in note
    dialog.close()


def test_the_banner_fits_a_small_window(qtbot, journal, make_window, remind):
    window = make_window(journal)
    window.resize(800, 600)
    settings = Settings(
        daily_reminder=True,
        weekly_reminder=True,
        weekly_day=FRIDAY.weekday(),
        weekly_time=dt.time(16),
    )
    remind(window, settings, FakeClock(dt.datetime.combine(FRIDAY, dt.time(21))))
    qtbot.waitUntil(lambda: window.width() == 800)

    for kind in ("daily", "weekly"):
        row = banner(window, kind)
        assert row.minimumSizeHint().width() <= 800
        for name in ("reminderText", "reminderAction", "reminderClose"):
            part = row.findChild(QWidget, name)
            place = part.geometry().translated(row.mapTo(window, row.rect().topLeft()))
            assert window.rect().contains(place), (kind, name)
    # The views keep most of the window.
    assert window.views.height() > 400
