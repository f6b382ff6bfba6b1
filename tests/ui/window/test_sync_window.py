"""The window syncing by itself: two real journals, each in a window, through
one real sync folder. What is written in one window shows in the other,
nothing typed is lost when a run lands, and a failed run says so in one line
of the status bar, never in a box."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt

from leaderjournal.domain.entry import Entry
from leaderjournal.storage.journal import Journal
from leaderjournal.sync import engine
from leaderjournal.ui.common.autosave import AutosaveDelays
from tests.ui.dialogs.test_passphrase import PASSPHRASE, type_and_enter
from tests.ui.window import test_lock

# A real encrypted journal opened by the app, locked and unlocked (test_lock).
entries, store, unlocked = test_lock.entries, test_lock.store, test_lock.unlocked
filled_journal = test_lock.filled_journal
opened, press_lock = test_lock.opened, test_lock.press_lock

TODAY = dt.date.today()
#: Nothing runs by itself in these tests but what each test asks for.
QUIET = {
    "saved_delay_ms": 3_600_000,
    "every_ms": 3_600_000,
    "folder_delay_ms": 3_600_000,
}
#: Typing is saved only when asked (or when a run or a switch saves it).
SLOW_SAVES = AutosaveDelays(delay_ms=3_600_000)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "Sync"
    root.mkdir()
    return root


@pytest.fixture
def home(tmp_path: Path, _empty_journal: Path):
    """A second computer's journal, in a data folder of its own."""
    shutil.copytree(_empty_journal, tmp_path / "home")
    with Journal(tmp_path / "home") as journal:
        yield journal


def settle(qtbot, window) -> None:
    """Wait for the run under way (the one at start, say) to end."""
    controller = window.sync.controller
    assert controller is not None
    qtbot.waitUntil(lambda: not controller.running, timeout=20_000)


def sync_now(qtbot, window) -> object:
    """File → Sync Now (F5), once nothing else runs; what the run said."""
    settle(qtbot, window)
    window.activateWindow()  # its keys go to the window in front
    qtbot.waitUntil(window.isActiveWindow)
    with qtbot.waitSignal(window.sync.ran, timeout=20_000) as ran:
        qtbot.keyClick(window, Qt.Key.Key_F5)
    return ran.args[0]


def titles_today(window) -> list[str]:
    entries = window.day_view.entry_list.list
    return [entries.item(row).text() for row in range(entries.count())]


def test_a_save_in_one_window_shows_in_the_other_after_their_runs(
    qtbot, journal, home, folder, make_window
):
    engine.start(journal, folder)
    engine.start(home, folder)
    office_window = make_window(journal, sync_delays=QUIET)
    home_window = make_window(home, sync_delays=QUIET)
    form = office_window.day_view.form
    qtbot.keyClicks(form.title_edit, "Board prep")
    qtbot.keyClicks(form.text_edit, "Priya takes the budget slides.")
    assert office_window.day_view.save_now()

    assert sync_now(qtbot, office_window) is None
    assert sync_now(qtbot, home_window) is None

    shown = home_window.day_view.form
    assert shown.title_edit.text() == "Board prep"
    assert shown.text_edit.toPlainText() == "Priya takes the budget slides."
    assert re.fullmatch(
        r"Synced \u00b7 \d+ changes? taken in", home_window.statusBar().currentMessage()
    )


def test_typing_while_a_run_lands_loses_nothing(
    qtbot, journal, home, folder, make_window
):
    engine.start(journal, folder)
    engine.start(home, folder)
    journal.entries.add(Entry.new(TODAY, title="From the office", text="Hiring plan."))
    engine.for_journal(journal).run()
    window = make_window(home, sync_delays=QUIET, autosave=SLOW_SAVES)
    settle(qtbot, window)
    window.day_view.new_entry()  # the office's entry may have arrived already
    text = window.day_view.form.text_edit
    qtbot.keyClicks(text, "Half a thought")
    assert window.day_view.autosaver.dirty  # typed, not saved yet
    journal.entries.add(Entry.new(TODAY, title="Later", text="Offsite agenda."))
    engine.for_journal(journal).run()

    with qtbot.waitSignal(window.sync.ran, timeout=20_000):
        window.sync.controller.run_now()
        # typed while the run is under way, on its own connection
        qtbot.keyClicks(text, " and the rest")
    qtbot.keyClicks(text, ", then more.")

    assert text.toPlainText() == "Half a thought and the rest, then more."
    assert window.day_view.save_now()
    assert "Half a thought and the rest, then more." in [
        entry.text for entry in home.entries.on_day(TODAY)
    ]
    texts = [entry.text for entry in home.entries.on_day(TODAY)]
    assert "Hiring plan." in texts
    assert "Offsite agenda." in texts
    assert any("Later" in title for title in titles_today(window))
    # and the office gets it all too
    sync_now(qtbot, window)
    engine.for_journal(journal).run()
    assert sorted(entry.text for entry in journal.entries.on_day(TODAY)) == [
        "Half a thought and the rest, then more.",
        "Hiring plan.",
        "Offsite agenda.",
    ]


def test_files_arriving_in_the_sync_folder_start_a_run(
    qtbot, journal, home, folder, make_window
):
    engine.start(journal, folder)
    window = make_window(journal, sync_delays=dict(QUIET, folder_delay_ms=50))
    settle(qtbot, window)
    assert window.sync.controller.watcher.directories()  # watching the folder

    with qtbot.waitSignal(window.sync.ran, timeout=20_000):
        # another computer syncs: its folder and files appear
        home.entries.add(Entry.new(TODAY, title="Written at home", text="Rest."))
        engine.start(home, folder).run()

    settle(qtbot, window)
    assert "Written at home" in [e.title for e in journal.entries.on_day(TODAY)]
    assert window.day_view.form.title_edit.text() == "Written at home"


def test_a_run_that_fails_says_so_in_one_line_and_opens_no_box(
    qtbot, journal, folder, make_window, dialogs
):
    engine.start(journal, folder)
    window = make_window(journal, sync_delays=QUIET)
    settle(qtbot, window)
    shutil.rmtree(folder)  # the drive is gone

    reason = sync_now(qtbot, window)

    message = window.statusBar().currentMessage()
    assert reason is not None
    assert message.startswith("Not synced: The sync folder")
    assert "\n" not in message
    assert not folder.exists()  # not made again where no computer sees it
    assert dialogs.shown == []
    assert window.sync.controller is not None  # tried again later
    # the folder is back: the next run works and the line goes
    folder.mkdir()
    assert sync_now(qtbot, window) is None
    assert not window.statusBar().currentMessage().startswith("Not synced")


def test_sync_now_while_sync_is_off_says_how_to_turn_it_on(
    qtbot, journal, make_window, dialogs
):
    window = make_window(journal)
    assert window.sync.controller is None

    qtbot.keyClick(window, Qt.Key.Key_F5)

    assert "Settings \u2192 Sync" in window.statusBar().currentMessage()
    assert dialogs.shown == []


def test_the_run_due_at_start_counts_as_under_way_before_it_begins(
    qtbot, journal, folder, dialogs
):
    """The first run waits for the window's first paint; until it has ended,
    the controller says a run is under way (so that nothing, a test included,
    takes "no run under way" for "the first run is done")."""
    from leaderjournal.ui.window.main_window import MainWindow

    engine.start(journal, folder)
    window = MainWindow(journal, dialogs=dialogs)  # not shown: no event yet
    qtbot.addWidget(window)
    controller = window.sync.controller
    assert controller is not None
    assert controller.running  # due, not begun: the event loop has not turned
    assert engine.for_journal(journal).status().last_sync is None

    qtbot.waitUntil(lambda: not controller.running, timeout=20_000)

    assert engine.for_journal(journal).status().last_sync is not None
    window.close()


def test_locking_stops_syncing_and_unlocking_starts_it_again(qtbot, unlocked, folder):
    startup = unlocked()
    engine.start(startup.journal, folder)
    startup.window.sync.start()  # as Settings → Sync does
    settle(qtbot, startup.window)
    controller = startup.window.sync.controller

    press_lock(qtbot, startup)

    assert startup.window is None
    assert not shiboken6.isValid(controller)  # stopped, and gone with the window
    type_and_enter(qtbot, startup.passphrase_dialog, PASSPHRASE)
    window = opened(qtbot, startup)
    assert window.sync.controller is not None
    settle(qtbot, window)
    status = engine.for_journal(startup.journal).status()
    assert status.last_sync is not None


def test_closing_the_window_to_lock_it_stops_syncing(
    qtbot, journal, folder, make_window
):
    engine.start(journal, folder)
    window = make_window(journal, sync_delays=QUIET)
    settle(qtbot, window)
    controller = window.sync.controller

    assert window.close_for_lock()

    assert window.sync.controller is None
    assert not controller.watcher.directories()
    assert engine.device_of(journal.connection) is not None  # still on


def test_closing_the_window_sends_what_was_saved_since_the_last_run(
    qtbot, journal, home, folder, make_window
):
    """Written at the office, the laptop closed at once: home gets it at its
    next run, without waiting for the office's app to start again."""
    engine.start(journal, folder)
    engine.start(home, folder)
    window = make_window(journal, sync_delays=QUIET, autosave=SLOW_SAVES)
    settle(qtbot, window)
    qtbot.keyClicks(window.day_view.form.title_edit, "Skip-level")
    qtbot.keyClicks(window.day_view.form.text_edit, "Ask about the reorg.")

    window.close()

    assert not window.isVisible()
    engine.for_journal(home).run()
    assert [(e.title, e.text) for e in home.entries.on_day(TODAY)] == [
        ("Skip-level", "Ask about the reorg.")
    ]


def test_closing_with_the_sync_folder_gone_still_closes_and_keeps_the_change(  # noqa: PLR0917
    qtbot, journal, home, folder, make_window, dialogs
):
    engine.start(journal, folder)
    engine.start(home, folder)
    window = make_window(journal, sync_delays=QUIET, autosave=SLOW_SAVES)
    settle(qtbot, window)
    qtbot.keyClicks(window.day_view.form.title_edit, "Offline")
    shutil.rmtree(folder)  # a drive not mounted

    window.close()

    assert not window.isVisible()
    assert dialogs.shown == []  # closing asks nothing
    assert [e.title for e in journal.entries.on_day(TODAY)] == ["Offline"]
    folder.mkdir()  # back again: the next run sends it
    engine.start(journal, folder)
    engine.for_journal(journal).run()
    engine.for_journal(home).run()
    assert [e.title for e in home.entries.on_day(TODAY)] == ["Offline"]


def test_an_entry_edited_on_both_computers_says_so_after_the_run(
    qtbot, journal, home, folder, make_window
):
    engine.start(journal, folder)
    engine.start(home, folder).set_name("Home desktop")
    shared = Entry.new(TODAY, title="One-to-one", text="First notes.")
    journal.entries.add(shared)
    engine.for_journal(journal).run()
    engine.for_journal(home).run()
    window = make_window(journal, sync_delays=QUIET, autosave=SLOW_SAVES)
    settle(qtbot, window)
    form = window.day_view.form
    assert form.title_edit.text() == "One-to-one"
    form.text_edit.selectAll()
    qtbot.keyClicks(form.text_edit, "Written at the office.")
    # meanwhile, at home, the same entry
    home.entries.save(home.entries.get(shared.id).edited(text="Written at home."))
    engine.for_journal(home).run()

    sync_now(qtbot, window)

    banner = window.day_view.conflict_banner
    assert banner.isVisible()
    assert "Home desktop" in banner.label.text()
    shown = form.text_edit.toPlainText()
    versions = {shown} | {conflict.text for conflict in banner.conflicts()}
    assert versions == {"Written at the office.", "Written at home."}


def _office_text_lands_while_home_types(qtbot, journal, home, folder, make_window):
    """Home's window types on in an entry while a run brings the office's
    newer text of it (and a new title): the window, and the entry."""
    engine.start(journal, folder).set_name("Office laptop")
    engine.start(home, folder)
    shared = Entry.new(TODAY, title="One-to-one", text="First notes.")
    journal.entries.add(shared)
    engine.for_journal(journal).run()
    window = make_window(home, sync_delays=QUIET, autosave=SLOW_SAVES)
    settle(qtbot, window)
    form = window.day_view.form
    assert form.title_edit.text() == "One-to-one"
    form.text_edit.selectAll()
    qtbot.keyClicks(form.text_edit, "At home: Sam")
    sync_now(qtbot, window)  # saved first, and sent
    # the office, not having seen it yet, edits its own page; later
    office_page = journal.entries.get(shared.id).edited(
        title="1:1 with Sam", text="At the office: offsite."
    )
    journal.entries.save(office_page, edited_from=shared.text)
    engine.for_journal(journal).run()

    with qtbot.waitSignal(window.sync.ran, timeout=20_000):
        window.sync.controller.run_now()
        qtbot.keyClicks(form.text_edit, " leads.")  # while the run is under way
    return window, shared


def test_typing_on_while_a_run_brings_a_newer_text_keeps_both_texts(
    qtbot, journal, home, folder, make_window
):
    """The run lands while the person types: the page they go on writing was
    edited from their own text, not from the one the run brought, so the
    text from the office stays as a conflict version (and its new title,
    which the page did not touch, stays too)."""
    window, shared = _office_text_lands_while_home_types(
        qtbot, journal, home, folder, make_window
    )
    form = window.day_view.form
    assert window.day_view.save_now()
    settle(qtbot, window)
    sync_now(qtbot, window)
    engine.for_journal(journal).run()

    for side in (home, journal):
        stored = side.entries.get(shared.id)
        conflicts = engine.for_journal(side).conflicts(shared.id)
        assert (stored.title, stored.text) == ("1:1 with Sam", "At home: Sam leads.")
        assert [version.text for version in conflicts] == ["At the office: offsite."]
    assert form.text_edit.toPlainText() == "At home: Sam leads."
    assert form.title_edit.text() == "1:1 with Sam"
    assert window.day_view.conflict_banner.isVisible()


def test_a_page_saved_over_what_a_run_brought_is_sent_at_once(
    qtbot, journal, home, folder, make_window
):
    """Saving the typing over the text that came in is synced by a run that
    follows at once (not a while after, as other saves): the banner then
    offers the office's text, not the page's own earlier one."""
    window, shared = _office_text_lands_while_home_types(
        qtbot, journal, home, folder, make_window
    )

    with qtbot.waitSignal(window.sync.ran, timeout=20_000):
        pass  # no save, no Sync Now: the run that follows by itself

    banner = window.day_view.conflict_banner
    assert banner.isVisible()
    assert [c.text for c in banner.conflicts()] == ["At the office: offsite."]
    assert "Office laptop" in banner.label.text()
    engine.for_journal(journal).run()
    assert journal.entries.get(shared.id).text == "At home: Sam leads."


def test_a_save_is_synced_by_itself_a_while_after(
    qtbot, journal, home, folder, make_window
):
    engine.start(journal, folder)
    engine.start(home, folder)
    window = make_window(journal, sync_delays=dict(QUIET, saved_delay_ms=50))
    settle(qtbot, window)
    qtbot.keyClicks(window.day_view.form.title_edit, "Skip-level")

    with qtbot.waitSignal(window.sync.ran, timeout=20_000):
        assert window.day_view.save_now()  # no Sync Now: the save is enough
    engine.for_journal(home).run()
    assert [entry.title for entry in home.entries.on_day(TODAY)] == ["Skip-level"]

    # and the weekly notes too
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    review = window.review_view
    qtbot.keyClicks(review.notes_panel.reflection, "A calmer week.")
    settle(qtbot, window)
    with qtbot.waitSignal(window.sync.ran, timeout=20_000):
        assert review.save_notes()
    engine.for_journal(home).run()
    assert [notes.reflection for notes in home.reviews.all_notes()] == [
        "A calmer week."
    ]


def test_a_failing_sync_keeps_trying_on_its_timer_without_a_box(
    qtbot, journal, folder, make_window, dialogs
):
    engine.start(journal, folder)
    window = make_window(journal, sync_delays=dict(QUIET, every_ms=100))
    settle(qtbot, window)
    shutil.rmtree(folder)
    failures = []
    window.sync.ran.connect(failures.append)

    qtbot.waitUntil(lambda: len([f for f in failures if f]) >= 2, timeout=20_000)

    assert window.statusBar().currentMessage().startswith("Not synced:")
    assert dialogs.shown == []
    folder.mkdir()  # back: the timer's next run works
    qtbot.waitUntil(lambda: failures[-1] is None, timeout=20_000)
    assert not window.statusBar().currentMessage().startswith("Not synced")
