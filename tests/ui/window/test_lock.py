"""Locking an encrypted journal (Ctrl+L or the idle time): what was written
is saved, nothing of the journal stays on screen or open, and the
passphrase brings the person back where they were."""

from __future__ import annotations

import datetime as dt
import shutil
import weakref
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from leaderjournal.domain.entry import Entry
from leaderjournal.paths import journal_path
from leaderjournal.storage import encryption
from leaderjournal.storage.database import connect
from leaderjournal.storage.entries import EntryRepository
from leaderjournal.storage.journal import Journal, encrypt
from leaderjournal.storage.lock import JournalInUseError
from leaderjournal.ui.app import Startup
from leaderjournal.ui.common.settings_store import SettingsStore
from leaderjournal.ui.window.main_window import MainWindow
from tests.ui.dialogs.test_passphrase import (
    FAST,
    PASSPHRASE,
    WRONG,
    main_windows,
    type_and_enter,
)

TODAY = dt.date(2026, 11, 30)
EARLIER = dt.date(2026, 11, 24)
SECRET_WORDS = ("Priya", "migration", "Okonkwo", "reorg", "typed before")
LOCKED = "LeaderJournal is locked. Type its passphrase to open the journal again."


@pytest.fixture(scope="module")
def filled_journal(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[str, Entry]]:
    """The journal of ``entries`` and what it holds, made once per module and
    never opened again: encrypting costs far more than copying."""
    made = {
        "today": Entry.new(TODAY, title="Talk with Priya", text="Priya leads."),
        "first": Entry.new(EARLIER, title="Budget", text="Okonkwo asks for more."),
        "second": Entry.new(EARLIER, title="Reorg", text="The reorg is near."),
    }
    folder = tmp_path_factory.mktemp("filled") / "data"
    with Journal(folder) as journal:
        for entry in made.values():
            journal.entries.add(entry)
    encrypt(folder, PASSPHRASE, recovery=False, kdf=FAST)
    return folder, made


@pytest.fixture
def entries(
    data_dir: Path, filled_journal: tuple[Path, dict[str, Entry]]
) -> dict[str, Entry]:
    """An encrypted journal of the test's own with an entry today and two on
    an earlier day."""
    folder, made = filled_journal
    shutil.copytree(folder, data_dir)
    return dict(made)


@pytest.fixture
def store(tmp_path: Path) -> SettingsStore:
    return SettingsStore(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))


@pytest.fixture
def unlocked(qtbot, data_dir, dialogs, store, startups, entries):  # noqa: PLR0917
    """Start the app and type the passphrase: returns the Startup."""

    def start(**kwargs) -> Startup:
        startup = Startup(data_dir, dialogs, store, today=lambda: TODAY, **kwargs)
        startups.append(startup)
        startup.start()
        dialog = startup.passphrase_dialog
        assert dialog is not None
        qtbot.addWidget(dialog)
        qtbot.waitExposed(dialog)
        type_and_enter(qtbot, dialog, PASSPHRASE)
        opened(qtbot, startup).activateWindow()
        qtbot.waitUntil(startup.window.isActiveWindow)
        return startup

    return start


def opened(qtbot, startup: Startup) -> MainWindow:
    """The main window, once the passphrase window has had its answer (not
    kept by qtbot: a test checks that the app lets a locked window go)."""
    dialog = startup.passphrase_dialog
    if dialog is not None:
        error = dialog.findChild(QLabel, "passphraseError")
        qtbot.waitUntil(
            lambda: not dialog.isVisible() or error.isVisible(), timeout=10_000
        )
    window = startup.window
    assert window is not None
    qtbot.waitExposed(window)
    return window


def shown_text() -> str:
    """Every text a visible widget shows, joined."""
    texts = []
    for widget in QApplication.allWidgets():
        if not widget.isVisible():
            continue
        if isinstance(widget, QPlainTextEdit | QTextEdit):
            texts.append(widget.toPlainText())
        elif isinstance(widget, QLineEdit | QLabel | QAbstractButton):
            texts.append(widget.text())
    return "\n".join(texts)


def stored(data_dir: Path) -> list[Entry]:
    """The journal's entries as on disk, read with its key (the folder is
    held by the locked app, so not through a Journal)."""
    key = encryption.data_key(data_dir, PASSPHRASE)
    db = connect(journal_path(data_dir), key)
    try:
        return EntryRepository(db).on_day(EARLIER) + EntryRepository(db).on_day(TODAY)
    finally:
        db.close()


def press_lock(qtbot, startup: Startup) -> None:
    window = startup.window
    assert window is not None
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_ctrl_l_saves_hides_every_view_and_closes_the_journal(
    qtbot, unlocked, data_dir, entries
):
    startup = unlocked()
    window = startup.window
    window.views.open_entry(entries["second"].id, EARLIER)
    text_edit = window.day_view.form.text_edit
    text_edit.moveCursor(text_edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(text_edit, " Words typed before the lock.")
    journal = startup.journal
    key = journal._key
    assert key is not None
    window_gone = weakref.ref(window)
    del window, text_edit

    press_lock(qtbot, startup)

    # The key is dropped: neither the closed journal nor the app holds it.
    assert key not in vars(journal).values()
    assert key not in vars(startup).values()
    assert key not in vars(startup.passphrase_dialog).values()

    dialog = startup.passphrase_dialog
    assert dialog.isVisible()
    assert dialog.findChild(QLabel, "passphraseMessage").text() == LOCKED
    assert main_windows() == []
    assert startup.window is None
    assert startup.journal is None
    visible = shown_text()
    for word in SECRET_WORDS:
        assert word not in visible
    # The database is closed...
    with pytest.raises(Exception, match="closed"):
        journal.connection.execute("select 1")
    # ...and what was typed before the lock is in it.
    (second,) = [e for e in stored(data_dir) if e.id == entries["second"].id]
    assert second.text == "The reorg is near. Words typed before the lock."
    # No one else opens the folder's journal while it is locked.
    with pytest.raises(JournalInUseError):
        Journal(data_dir, secret=PASSPHRASE)
    # The window is gone (deleted by Qt, not only hidden).
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    shown = window_gone()
    assert shown is None or not shiboken6.isValid(shown)


def test_the_passphrase_reopens_the_same_day_and_entry(
    qtbot, unlocked, entries, startups
):
    startup = unlocked()
    startup.window.views.open_entry(entries["first"].id, EARLIER)

    press_lock(qtbot, startup)
    dialog = startup.passphrase_dialog
    type_and_enter(qtbot, dialog, PASSPHRASE)
    window = opened(qtbot, startup)

    assert not dialog.isVisible()
    assert window.current_name() == "day"
    assert window.day_view.day() == EARLIER
    assert window.day_view.form.title_edit.text() == "Budget"
    assert window.day_view.form.text_edit.toPlainText() == "Okonkwo asks for more."
    assert startup.journal is not None
    # The reopened window locks again.
    press_lock(qtbot, startup)
    assert startup.window is None
    assert dialog.isVisible()


def test_the_passphrase_reopens_the_same_view(qtbot, unlocked):
    startup = unlocked()
    qtbot.keyClick(startup.window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(startup.window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    week = startup.window.review_view.week()

    press_lock(qtbot, startup)
    assert main_windows() == []
    type_and_enter(qtbot, startup.passphrase_dialog, PASSPHRASE)
    window = opened(qtbot, startup)

    assert window.current_name() == "review"
    assert window.review_view.week() == week == "2026-W48"


def test_a_wrong_passphrase_keeps_it_locked_and_quit_quits(qtbot, unlocked, data_dir):
    startup = unlocked()
    press_lock(qtbot, startup)
    dialog = startup.passphrase_dialog
    error = dialog.findChild(QLabel, "passphraseError")
    field = dialog.findChild(QLineEdit, "passphrase")

    type_and_enter(qtbot, dialog, "blue giraffe at dusk")
    qtbot.waitUntil(lambda: error.isVisible() and field.isEnabled())

    assert error.text().startswith(WRONG)
    assert startup.window is None
    assert main_windows() == []

    qtbot.keyClick(field, Qt.Key.Key_Escape)  # Quit, from the locked state
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert startup.window is None
    assert startup.journal is None
    # The app let go of the folder: the journal opens, all there.
    with Journal(data_dir, secret=PASSPHRASE) as journal:
        assert journal.entries.count() == 3


def test_the_idle_time_locks_after_saving(qtbot, unlocked, store, data_dir):
    store.set_lock_after_minutes(2)
    # Two "minutes": 2 s, long enough for the window to open first on a
    # loaded machine (at 300 ms it could lock before the test saw it open).
    startup = unlocked(ms_per_minute=1000)
    window = startup.window
    assert startup.idle is not None
    assert startup.idle.active
    qtbot.keyClicks(window.day_view.form.text_edit, " Still typing")

    qtbot.waitUntil(lambda: startup.window is None, timeout=20_000)

    assert startup.passphrase_dialog.isVisible()
    assert main_windows() == []
    (today,) = [e for e in stored(data_dir) if e.date == TODAY]
    assert today.text == "Priya leads. Still typing"


def test_input_puts_the_idle_lock_off(qtbot, unlocked, store):
    store.set_lock_after_minutes(1)
    startup = unlocked(ms_per_minute=1000)
    window = startup.window
    for _ in range(8):  # 8 x 200 ms of typing: longer than the idle time
        qtbot.keyClick(window.day_view.form.text_edit, Qt.Key.Key_A)
        qtbot.wait(200)
        assert startup.window is window
    qtbot.waitUntil(lambda: startup.window is None, timeout=20_000)


def test_no_idle_lock_when_the_setting_is_off(unlocked):
    startup = unlocked(ms_per_minute=1)
    assert startup.idle is not None
    assert not startup.idle.active


def test_a_plain_journal_has_no_lock(qtbot, data_dir, dialogs, store, startups):
    with Journal(data_dir) as journal:
        journal.entries.add(Entry.new(TODAY, title="Plain"))
    startup = Startup(data_dir, dialogs, store, today=lambda: TODAY)
    startups.append(startup)
    startup.start()
    window = opened(qtbot, startup)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    action = window.findChild(QAction, "action_lock")
    assert not action.isVisible()
    assert not action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert startup.window is window
    assert window.isVisible()
    assert startup.passphrase_dialog is None


def test_encrypting_in_settings_arms_the_lock_without_pressing_ok(
    qtbot, data_dir, dialogs, store, startups
):
    from tests.ui.dialogs.test_security import _child, _open_settings, _top_dialog

    with Journal(data_dir) as journal:
        journal.entries.add(Entry.new(TODAY, title="Plain", text="Priya leads."))
    store.set_lock_after_minutes(2)
    # Two "minutes": 3 s, so that a loaded machine does not lock it before
    # the checks below that it is armed.
    startup = Startup(data_dir, dialogs, store, today=lambda: TODAY, ms_per_minute=1500)
    startups.append(startup)
    startup.start()
    window = opened(qtbot, startup)
    assert not startup.idle.active  # a plain journal does not lock

    settings = _open_settings(window)
    settings.findChild(QAbstractButton, "encryptJournal").click()
    asking = _top_dialog("encryptDialog")
    _child(asking, QAbstractButton, "makeRecoveryKey").setChecked(False)
    qtbot.keyClicks(_child(asking, QLineEdit, "newPassphrase"), PASSPHRASE)
    qtbot.keyClicks(_child(asking, QLineEdit, "repeatPassphrase"), PASSPHRASE)
    _child(asking, QAbstractButton, "confirmEncrypt").click()
    qtbot.waitUntil(lambda: startup.journal.encrypted, timeout=10_000)
    # Closed, and perhaps already deleted once closed.
    qtbot.waitUntil(
        lambda: not shiboken6.isValid(asking) or not asking.isVisible(),
        timeout=10_000,
    )
    settings.reject()  # Cancel: encryption is done all the same

    action = window.findChild(QAction, "action_lock")
    assert action.isVisible()
    assert action.isEnabled()
    assert startup.idle.active
    del window, action
    qtbot.waitUntil(lambda: startup.window is None, timeout=20_000)
    assert startup.passphrase_dialog.isVisible()


def test_an_encrypted_journal_has_lock_in_the_file_menu(unlocked):
    startup = unlocked()
    action = startup.window.findChild(QAction, "action_lock")
    assert action.isVisible()
    assert action.isEnabled()
    assert action.text().replace("&", "") == "Lock"
    file_menu = startup.window.menuBar().actions()[0].menu()
    assert action in file_menu.actions()


def test_help_lists_the_lock_key_of_an_encrypted_journal(unlocked):
    from tests.ui.window.test_help import rows
    from tests.ui.window.test_help import shown_text as dialog_text

    window = unlocked().window
    dialog = window.help.show_shortcuts()
    assert any("Ctrl+L" in row and "Lock" in row for row in rows(dialog_text(dialog)))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_locked_window_fits_a_small_screen_in_both_themes(
    qtbot, unlocked, *, theme
):
    from leaderjournal.ui.common.theme import apply_theme

    startup = unlocked()
    press_lock(qtbot, startup)
    dialog = startup.passphrase_dialog
    apply_theme(QApplication.instance(), theme)
    try:
        dialog.adjustSize()
        assert dialog.width() <= 800
        assert dialog.height() <= 600
        message = dialog.findChild(QLabel, "passphraseMessage")
        assert message.text() == LOCKED
        for name in ("passphraseMessage", "passphrase", "openJournal"):
            child = dialog.findChild(QWidget, name)
            assert child.isVisible(), name
            assert dialog.rect().contains(child.geometry()), name
            assert child.height() >= child.sizeHint().height(), name
    finally:
        apply_theme(QApplication.instance(), "light")
