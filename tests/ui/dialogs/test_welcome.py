"""The first-run welcome: Enter starts writing; the sample is a deliberate choice."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from leaderjournal.ui.dialogs.welcome import WelcomeDialog


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_on_the_welcome_means_start_writing(qtbot, key):
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    chosen: list[str] = []
    dialog.start_writing.connect(lambda: chosen.append("start"))
    dialog.explore_sample.connect(lambda: chosen.append("sample"))
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)

    focused = QApplication.focusWidget() or dialog
    qtbot.keyClick(focused, key)

    assert chosen == ["start"]
    assert not dialog.isVisible()
