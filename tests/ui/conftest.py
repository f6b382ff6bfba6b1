"""Fixtures for driving the real window against a real journal on disk."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from leaderjournal.storage.journal import Journal


class RecordingDialogs:
    """Stands in for ui.dialogs.Dialogs: records messages, answers questions."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.answer: str | None = None
        self.save_path: Path | None = None
        self.open_path: Path | None = None
        self.opened_folders: list[Path] = []

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
        on_answer: Callable[[str | None], None],
        kind: str = "?",
    ) -> None:
        self.shown.append(("ask", title, text))
        # ``answer`` is a button label, or a function choosing from the labels.
        on_answer(self.answer(choices) if callable(self.answer) else self.answer)

    def set_parent(self, parent) -> None:
        self.parent = parent

    def choose_save_file(self, title, suggested, file_filter, on_chosen) -> None:
        self.shown.append(("save", title, str(suggested)))
        if self.save_path is not None:
            on_chosen(self.save_path)

    def choose_open_file(self, title, file_filter, on_chosen, folder=None) -> None:
        self.shown.append(("open", title, ""))
        if self.open_path is not None:
            on_chosen(self.open_path)

    def open_folder(self, folder: Path) -> None:
        self.opened_folders.append(folder)


@pytest.fixture
def journal(data_dir: Path) -> Iterator[Journal]:
    with Journal(data_dir) as opened:
        yield opened


@pytest.fixture
def dialogs() -> RecordingDialogs:
    return RecordingDialogs()


@pytest.fixture
def make_window(qtbot, dialogs):
    """Build, show and focus a main window on a journal."""
    from leaderjournal.ui.main_window import MainWindow

    def make(journal: Journal, **kwargs):
        window = MainWindow(journal, dialogs=dialogs, **kwargs)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitExposed(window)
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return make
