"""Opening an encrypted journal: its passphrase is asked in a window of its
own before anything of the journal is shown, and a wrong one changes
nothing."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from jaraco.classes import properties
from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from keyring.errors import PasswordDeleteError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from leaderjournal.domain.entry import Entry
from leaderjournal.storage.journal import Journal, encrypt
from leaderjournal.storage.keyfile import KdfParams
from leaderjournal.ui.app import Startup
from leaderjournal.ui.window.main_window import MainWindow
from tests.files import sha256

# Cheap key derivation, for the tests only: the journal's key file says
# which parameters unlock it, so the app's default stays as strong as it is.
FAST = KdfParams(memory_kib=64, iterations=1, lanes=1)
PASSPHRASE = "blue giraffe at dawn"
DAY = dt.date(2026, 11, 30)
WRONG = "That passphrase does not open this journal."


@pytest.fixture(scope="module")
def _encrypted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The journal of ``encrypted`` and its recovery key, made once per
    module and never opened again: encrypting costs far more than copying."""
    folder = tmp_path_factory.mktemp("encrypted") / "data"
    with Journal(folder) as journal:
        journal.entries.add(
            Entry.new(DAY, title="Talk with Priya", text="Priya leads the migration.")
        )
    recovery = encrypt(folder, PASSPHRASE, recovery=True, kdf=FAST)
    assert recovery is not None
    return folder, recovery


@pytest.fixture
def encrypted(data_dir: Path, _encrypted: tuple[Path, str]) -> str:
    """An encrypted journal of the test's own with one entry today; returns
    its recovery key."""
    folder, recovery = _encrypted
    shutil.copytree(folder, data_dir)
    return recovery


def start(data_dir: Path, dialogs, startups, qtbot) -> Startup:
    startup = Startup(data_dir, dialogs, today=lambda: DAY)
    startups.append(startup)
    startup.start()
    if startup.passphrase_dialog is not None:
        qtbot.addWidget(startup.passphrase_dialog)
        qtbot.waitExposed(startup.passphrase_dialog)
    return startup


def asking(startup: Startup) -> QWidget:
    dialog = startup.passphrase_dialog
    assert dialog is not None
    assert dialog.isVisible()
    return dialog


def main_windows() -> list[MainWindow]:
    """The main windows on screen (those of earlier tests are closed)."""
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, MainWindow) and w.isVisible()
    ]


def files(data_dir: Path) -> dict[str, str]:
    return {p.name: sha256(p) for p in sorted(data_dir.iterdir()) if p.is_file()}


def type_and_enter(qtbot, dialog: QWidget, secret: str) -> None:
    field = dialog.findChild(QLineEdit, "passphrase")
    field.setFocus()
    qtbot.keyClicks(field, secret)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def opened(qtbot, startup: Startup) -> MainWindow:
    """The main window, once the passphrase window has had its answer."""
    dialog = startup.passphrase_dialog
    if dialog is not None:
        error = dialog.findChild(QLabel, "passphraseError")
        qtbot.waitUntil(
            lambda: not dialog.isVisible() or error.isVisible(), timeout=10_000
        )
    window = startup.window
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    return window


def test_the_passphrase_is_asked_before_anything_of_the_journal_is_shown(
    qtbot, data_dir, dialogs, startups, encrypted
):
    startup = start(data_dir, dialogs, startups, qtbot)

    dialog = asking(startup)
    assert dialog.windowTitle() == "Open LeaderJournal"
    assert main_windows() == []
    assert startup.window is None
    assert startup.journal is None
    message = dialog.findChild(QLabel, "passphraseMessage")
    assert message.text() == (
        "This journal is encrypted. Type its passphrase to open it."
    )
    field = dialog.findChild(QLineEdit, "passphrase")
    assert field.echoMode() == QLineEdit.EchoMode.Password
    assert field.accessibleName() == "Passphrase"
    assert dialog.focusWidget() is field
    open_button = dialog.findChild(QPushButton, "openJournal")
    assert open_button.text().replace("&", "") == "Open"
    assert open_button.isDefault()
    quit_button = dialog.findChild(QPushButton, "quitUnopened")
    assert quit_button.text().replace("&", "") == "Quit"
    assert not dialog.findChild(QLabel, "passphraseError").isVisible()
    assert dialogs.shown == []


def test_a_wrong_passphrase_says_so_in_the_window_and_changes_nothing(
    qtbot, data_dir, dialogs, startups, encrypted
):
    before = files(data_dir)
    startup = start(data_dir, dialogs, startups, qtbot)
    dialog = asking(startup)
    error = dialog.findChild(QLabel, "passphraseError")
    field = dialog.findChild(QLineEdit, "passphrase")

    for attempt in ("blue giraffe at dusk", "blue giraffe at daw", "x" * 200):
        type_and_enter(qtbot, dialog, attempt)
        qtbot.waitUntil(lambda: error.isVisible() and field.isEnabled())
        assert error.text().startswith(WRONG)
        assert field.text() == ""
        assert dialog.focusWidget() is field
        assert dialog.isVisible()
        assert startup.window is None
        assert main_windows() == []
        # Said the same each time: nothing tells how close a try came.
        error.clear()
        error.hide()

    assert dialogs.shown == []
    assert files(data_dir) == before

    # No limit: the right passphrase still opens it after the wrong ones.
    type_and_enter(qtbot, dialog, PASSPHRASE)
    window = opened(qtbot, startup)
    assert window.day_view.form.title_edit.text() == "Talk with Priya"


def test_the_right_passphrase_opens_the_window_on_the_entries(
    qtbot, data_dir, dialogs, startups, encrypted
):
    startup = start(data_dir, dialogs, startups, qtbot)
    dialog = asking(startup)

    type_and_enter(qtbot, dialog, PASSPHRASE)

    window = opened(qtbot, startup)
    assert window.isVisible()
    assert window.day_view.form.title_edit.text() == "Talk with Priya"
    assert window.day_view.form.text_edit.toPlainText() == "Priya leads the migration."
    assert startup.journal is not None
    assert startup.journal.encrypted
    qtbot.waitUntil(lambda: not dialog.isVisible())
    # Nothing of the passphrase is left in the window that asked for it.
    assert dialog.findChild(QLineEdit, "passphrase").text() == ""
    assert dialogs.shown == []


def test_the_recovery_key_opens_the_journal(
    qtbot, data_dir, dialogs, startups, encrypted
):
    startup = start(data_dir, dialogs, startups, qtbot)
    dialog = asking(startup)
    message = dialog.findChild(QLabel, "passphraseMessage")
    field = dialog.findChild(QLineEdit, "passphrase")

    qtbot.mouseClick(
        dialog.findChild(QPushButton, "useRecoveryKey"), Qt.MouseButton.LeftButton
    )

    assert "recovery key" in message.text()
    assert field.accessibleName() == "Recovery key"
    type_and_enter(qtbot, dialog, encrypted.lower())
    window = opened(qtbot, startup)
    assert window.day_view.form.title_edit.text() == "Talk with Priya"


@pytest.mark.parametrize("how", ["escape", "quit", "close"])
def test_quitting_without_the_passphrase_opens_nothing_and_changes_nothing(
    qtbot, data_dir, dialogs, startups, encrypted, *, how
):
    before = files(data_dir)
    startup = start(data_dir, dialogs, startups, qtbot)
    dialog = asking(startup)
    field = dialog.findChild(QLineEdit, "passphrase")
    qtbot.keyClicks(field, "half typed")

    if how == "escape":
        qtbot.keyClick(field, Qt.Key.Key_Escape)
    elif how == "quit":
        qtbot.mouseClick(
            dialog.findChild(QPushButton, "quitUnopened"), Qt.MouseButton.LeftButton
        )
    else:
        dialog.close()

    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert field.text() == ""
    assert startup.window is None
    assert startup.journal is None
    assert main_windows() == []
    assert startup.exit_code == 0
    assert dialogs.shown == []
    assert files(data_dir) == before
    # The folder is free again: nothing of the app holds the journal.
    with Journal(data_dir, secret=PASSPHRASE) as journal:
        assert journal.entries.count() == 1


def test_quitting_while_it_unlocks_still_opens_nothing(
    qtbot, data_dir, dialogs, startups, encrypted
):
    before = files(data_dir)
    startup = start(data_dir, dialogs, startups, qtbot)
    dialog = asking(startup)

    type_and_enter(qtbot, dialog, PASSPHRASE)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    qtbot.waitUntil(lambda: not dialog.isVisible())
    dialog.wait_for_unlock()
    qtbot.wait(50)  # anything the unlock would still deliver
    assert startup.window is None
    assert main_windows() == []
    assert files(data_dir) == before


def test_a_second_start_while_asking_brings_the_same_window_forward(  # noqa: PLR0917
    qtbot, data_dir, dialogs, startups, encrypted, capsys
):
    first = start(data_dir, dialogs, startups, qtbot)
    dialog = asking(first)
    elsewhere = QWidget()
    qtbot.addWidget(elsewhere)
    elsewhere.show()
    elsewhere.activateWindow()
    qtbot.waitUntil(elsewhere.isActiveWindow)

    second = Startup(data_dir, dialogs, today=lambda: DAY)
    startups.append(second)
    second.start()

    assert second.passphrase_dialog is None
    assert second.window is None
    assert "already open" in capsys.readouterr().out
    qtbot.waitUntil(dialog.isActiveWindow)  # the first start's, brought forward
    type_and_enter(qtbot, dialog, PASSPHRASE)
    assert opened(qtbot, first).isVisible()


def test_a_plain_journal_opens_without_asking(qtbot, data_dir, dialogs, startups):
    with Journal(data_dir) as journal:
        journal.entries.add(Entry.new(DAY, title="Plain as ever"))

    startup = start(data_dir, dialogs, startups, qtbot)

    assert startup.passphrase_dialog is None
    window = opened(qtbot, startup)
    assert window.day_view.form.title_edit.text() == "Plain as ever"


def test_a_damaged_encrypted_journal_is_restored_from_its_encrypted_backup(
    qtbot, data_dir, dialogs, startups, encrypted
):
    with Journal(data_dir, secret=PASSPHRASE) as journal:
        made = journal.backup_now()
    path = data_dir / "journal.db"
    damaged = os.urandom(8192)
    path.write_bytes(damaged)
    dialogs.answer = lambda choices: choices[0]  # "Restore the Backup of ..."
    startup = start(data_dir, dialogs, startups, qtbot)

    type_and_enter(qtbot, asking(startup), PASSPHRASE)

    window = opened(qtbot, startup)
    kind, title, _text = dialogs.shown[0]
    assert (kind, title) == ("ask", "Your journal is damaged")
    assert dialogs.questions[0]["choices"][0] == (f"Restore the Backup of {made.label}")
    assert window.day_view.form.title_edit.text() == "Talk with Priya"
    assert startup.journal is not None
    assert startup.journal.encrypted
    (aside,) = data_dir.glob("journal.damaged-*.db")
    assert aside.read_bytes() == damaged
    assert dialogs.shown[-1][1] == "Journal restored"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_window_fits_a_small_screen_in_both_themes(
    qtbot, data_dir, dialogs, startups, encrypted, *, theme
):
    from leaderjournal.ui.common.theme import apply_theme

    startup = start(data_dir, dialogs, startups, qtbot)
    dialog = asking(startup)
    apply_theme(QApplication.instance(), theme)
    type_and_enter(qtbot, dialog, "not it")
    error = dialog.findChild(QLabel, "passphraseError")
    qtbot.waitUntil(error.isVisible)
    dialog.adjustSize()

    assert dialog.width() <= 800
    assert dialog.height() <= 600
    for name in ("passphraseMessage", "passphrase", "passphraseError"):
        child = dialog.findChild(QWidget, name)
        assert dialog.rect().contains(child.geometry()), name
        assert child.height() >= child.sizeHint().height(), name
    switch = dialog.findChild(QPushButton, "useRecoveryKey")
    link = QApplication.palette().color(switch.palette().ColorRole.Link)
    assert switch.palette().color(switch.palette().ColorRole.ButtonText) == link
    apply_theme(QApplication.instance(), "light")


# -- Remember on this computer -------------------------------------------------


class MemoryKeyring(KeyringBackend):
    """A keyring backend that keeps passwords in a dict: a real backend of
    the keyring library, as the system's would be, but in memory."""

    @properties.classproperty
    def priority(cls) -> float:  # noqa: N805
        # Not "viable": keyring must never pick it by itself for the process
        # (it looks at every subclass); the tests set it with set_keyring.
        raise RuntimeError("set only by the tests")

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError("not there")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


def remember_box(dialog: QWidget) -> QCheckBox:
    box = dialog.findChild(QCheckBox, "rememberPassphrase")
    assert box is not None
    return box


@pytest.mark.parametrize("backend", [fail.Keyring, null.Keyring])
def test_remember_is_not_offered_without_a_keyring(
    qtbot, data_dir, dialogs, startups, encrypted, *, backend
):
    before = keyring.get_keyring()
    keyring.set_keyring(backend())
    try:
        startup = start(data_dir, dialogs, startups, qtbot)
        box = remember_box(asking(startup))
        assert not box.isVisible()
    finally:
        keyring.set_keyring(before)


def test_remember_is_not_offered_on_this_computer(
    qtbot, data_dir, dialogs, startups, encrypted
):
    """This machine has no keyring service: the tick must not be shown."""
    if not isinstance(keyring.get_keyring(), fail.Keyring | null.Keyring):
        pytest.skip(f"this computer has a keyring ({keyring.get_keyring()!r})")
    startup = start(data_dir, dialogs, startups, qtbot)
    assert not remember_box(asking(startup)).isVisible()


def test_a_remembered_passphrase_opens_the_journal_at_the_next_start(
    qtbot, data_dir, dialogs, startups, encrypted, *, memory_keyring
):
    startup = start(data_dir, dialogs, startups, qtbot)
    dialog = asking(startup)
    box = remember_box(dialog)
    assert box.isVisible()
    assert box.text().replace("&", "") == "Remember on this computer"
    assert not box.isChecked()  # off by default
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked()
    type_and_enter(qtbot, dialog, PASSPHRASE)
    window = opened(qtbot, startup)
    assert memory_keyring.passwords == {
        ("LeaderJournal", str(data_dir.resolve())): PASSPHRASE
    }
    window.close()
    startup.close()

    again = start(data_dir, dialogs, startups, qtbot)

    assert again.passphrase_dialog is None  # not asked
    window = opened(qtbot, again)
    assert window.day_view.form.title_edit.text() == "Talk with Priya"


def test_not_ticked_nothing_is_remembered(
    qtbot, data_dir, dialogs, startups, encrypted, *, memory_keyring
):
    startup = start(data_dir, dialogs, startups, qtbot)
    type_and_enter(qtbot, asking(startup), PASSPHRASE)
    opened(qtbot, startup)
    assert memory_keyring.passwords == {}


def test_a_remembered_passphrase_that_no_longer_works_is_asked_and_unticking_forgets(
    qtbot, data_dir, dialogs, startups, encrypted, *, memory_keyring
):
    name = ("LeaderJournal", str(data_dir.resolve()))
    memory_keyring.passwords[name] = "an old passphrase"

    startup = start(data_dir, dialogs, startups, qtbot)

    dialog = asking(startup)
    box = remember_box(dialog)
    assert box.isChecked()  # it was remembered: untick to forget
    assert dialogs.shown == []
    qtbot.keyClick(box, Qt.Key.Key_Space)
    type_and_enter(qtbot, dialog, PASSPHRASE)
    opened(qtbot, startup)
    assert memory_keyring.passwords == {}


def test_the_recovery_key_is_never_remembered(
    qtbot, data_dir, dialogs, startups, encrypted, *, memory_keyring
):
    startup = start(data_dir, dialogs, startups, qtbot)
    dialog = asking(startup)
    box = remember_box(dialog)
    qtbot.keyClick(box, Qt.Key.Key_Space)
    qtbot.mouseClick(
        dialog.findChild(QPushButton, "useRecoveryKey"), Qt.MouseButton.LeftButton
    )
    assert not box.isEnabled()
    type_and_enter(qtbot, dialog, encrypted)
    opened(qtbot, startup)
    assert memory_keyring.passwords == {}
