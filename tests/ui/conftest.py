"""Fixtures for driving the real window against a real journal on disk."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from leaderjournal.storage.journal import Journal
from leaderjournal.ui.app import Startup
from leaderjournal.ui.common.worker import finish_workers
from leaderjournal.ui.dialogs.messages import Dialogs, check_question
from leaderjournal.ui.window.main_window import MainWindow
from tests.kinds import open_journal


class RecordingDialogs:
    """Stands in for ui.dialogs.messages.Dialogs: records messages, answers questions.

    ``answer`` is a button label, ``ESCAPE`` (the person presses Escape or
    closes the box: the question's escape answer), or a function that picks
    one of those from the offered labels. It starts as ``ESCAPE``.
    """

    ESCAPE = "<Escape>"
    Icon = Dialogs.Icon

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []
        #: Each question's roles: choices, default, escape, discards, icon.
        self.questions: list[dict] = []
        self.answer: str | Callable[[Sequence[str]], str] = self.ESCAPE
        self.save_path: Path | None = None
        self.open_path: Path | None = None
        self.folder_path: Path | None = None
        self.opened_folders: list[Path] = []

    def notify(self, title: str, text: str) -> None:
        self.shown.append(("notice", title, text))

    def inform(self, title: str, text: str, on_done=None) -> None:
        self.shown.append(("inform", title, text))
        if on_done:
            on_done()

    def error(self, title: str, text: str, on_done=None) -> None:
        self.shown.append(("error", title, text))
        if on_done:
            on_done()

    def ask(
        self,
        title: str,
        text: str,
        choices: Sequence[str],
        on_answer: Callable[[str], None],
        *,
        default: str,
        escape: str,
        discards: str | None = None,
        icon: QMessageBox.Icon = QMessageBox.Icon.Question,
    ) -> None:
        # Refuse exactly what the real Dialogs.ask refuses.
        check_question(
            choices, default=default, escape=escape, discards=discards, icon=icon
        )
        self.shown.append(("ask", title, text))
        self.questions.append(
            {
                "title": title,
                "choices": list(choices),
                "default": default,
                "escape": escape,
                "discards": discards,
                "icon": icon,
            }
        )
        answer = self.answer(choices) if callable(self.answer) else self.answer
        if answer == self.ESCAPE:
            answer = escape
        assert answer in choices, f"{answer!r} is not offered: {list(choices)}"
        on_answer(answer)

    def set_parent(self, parent) -> None:
        self.parent = parent

    def remember_folders_in(self, store) -> None:
        self.folders = store

    def choose_save_file(
        self, title, suggested, file_filter, on_chosen, *, kind=None
    ) -> None:
        self.shown.append(("save", title, str(suggested)))
        if self.save_path is not None:
            on_chosen(self.save_path)

    def choose_open_file(
        self, title, file_filter, on_chosen, folder=None, *, kind=None, folders=False
    ) -> None:
        self.shown.append(("open", title, ""))
        if self.open_path is not None:
            on_chosen(self.open_path)

    def choose_folder(self, title, suggested, on_chosen, *, kind="folder") -> None:
        self.shown.append(("folder", title, str(suggested)))
        if self.folder_path is not None:
            on_chosen(self.folder_path)

    def open_folder(self, folder: Path) -> None:
        self.opened_folders.append(folder)


@pytest.fixture(autouse=True)
def _close_dialogs_left_open() -> Iterator[None]:
    """Close every dialog a test leaves on screen.

    Some tests end with a dialog still open on purpose (it must stay open
    after a cancel, say). A modal box left on screen would take the keyboard
    from every window made by later tests in the same process, so that their
    shortcuts go nowhere and the result depends on the order tests ran in.
    """
    yield
    if QApplication.instance() is None:
        return
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            finish_workers(widget)  # never destroy a thread still running
            widget.done(QDialog.DialogCode.Rejected)
            widget.deleteLater()
    # Closed is not deleted: a window closed by the test or the app (a
    # Startup's, the sample's) would stay, with every view, for the rest of
    # the process, and every later theme switch would polish them all again
    # (a few dozen left made a switch three to five times slower).
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and not widget.isVisible():
            finish_workers(widget)
            widget.deleteLater()
    # Delete now what this test left to be deleted: a half-deleted widget
    # still listed when a later test switches the app's style or palette
    # (which polishes every widget) can bring the whole process down.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


@pytest.fixture(scope="session")
def _empty_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new, closed, empty journal, made once per worker and never opened
    again: creating one (every migration) costs several times more than
    copying it and opening the copy."""
    folder = tmp_path_factory.mktemp("empty-journal") / "data"
    with Journal(folder):
        pass
    return folder


@pytest.fixture
def journal(data_dir: Path, _empty_journal: Path) -> Iterator[Journal]:
    """An empty journal of the test's own, open."""
    shutil.copytree(_empty_journal, data_dir)
    with Journal(data_dir) as opened:
        yield opened


@pytest.fixture
def encrypted_journal(data_dir: Path, _empty_journals) -> Iterator[Journal]:
    """An empty encrypted journal of the test's own, open with the tests'
    passphrase. The UI tests run on a plain journal (``journal``); a few
    that save and read back take this one too."""
    shutil.copytree(_empty_journals["encrypted"], data_dir)
    with open_journal(data_dir) as opened:
        assert opened.encrypted
        yield opened


@pytest.fixture
def dialogs() -> RecordingDialogs:
    return RecordingDialogs()


@pytest.fixture
def make_window(qtbot, dialogs):
    """Build, show and focus a main window on a journal.

    The windows are closed when the test ends, before the journal fixture
    closes the journal, as the app closes its window before its journal: a
    window closed later would save or redraw from a closed database.
    """
    from leaderjournal.ui.window.main_window import MainWindow

    made = []

    def make(journal: Journal, **kwargs):
        window = MainWindow(journal, dialogs=dialogs, **kwargs)
        qtbot.addWidget(window)
        made.append(window)
        window.show()
        window.activateWindow()
        # (pytest-qt's waitExposed waits only as a "with" block.)
        qtbot.waitUntil(lambda: _exposed(window) and window.isActiveWindow())
        return window

    yield make
    for window in made:
        with contextlib.suppress(RuntimeError):  # already deleted by the test
            window.close()
    QApplication.processEvents()


@pytest.fixture
def startups() -> Iterator[list[Startup]]:
    """Startups made by a test; each is ended when it ends (an unlock under
    way first, then its window and its journal)."""
    made: list[Startup] = []
    yield made
    for startup in made:
        if startup.passphrase_dialog is not None:
            startup.passphrase_dialog.wait_for_unlock()
        if startup.window is not None:
            startup.window.close()
        startup.close()


def _exposed(window: MainWindow) -> bool:
    handle = window.windowHandle()
    return handle is not None and handle.isExposed()
