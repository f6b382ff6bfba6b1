"""The window's menus and their shortcuts (DESIGN.md's Keyboard section).

One table: each item names its menu, text, what it does in a given window,
its shortcut and an object name for tests and accessibility tools. Views
that are made on first use are looked up only when the item is triggered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from leaderjournal import APP_NAME

if TYPE_CHECKING:
    from leaderjournal.ui.window.main_window import MainWindow

Slot = Callable[["MainWindow"], object]
SEPARATOR = None

MENUS = ("&File", "&Edit", "&View", "&Help")

ITEMS: list[tuple[str, str, Slot, str | None, str] | tuple[str, None]] = [
    (
        "&File",
        "&New Entry Today",
        lambda w: w.day_view.new_entry(),
        "Ctrl+N",
        "newEntryAction",
    ),
    (
        "&File",
        "&Add Entry to This Day",
        lambda w: w.day_view.new_entry(w.day_view.day()),
        "Ctrl+Shift+N",
        "addEntryAction",
    ),
    ("&File", "&Save Now", lambda w: w.day_view.save_now(), "Ctrl+S", "saveAction"),
    ("&File", SEPARATOR),
    ("&File", "&Export\u2026", lambda w: w.show_export(), "Ctrl+E", "exportAction"),
    ("&File", "&Import\u2026", lambda w: w.choose_import(), None, "importAction"),
    ("&File", SEPARATOR),
    ("&File", "&Back Up Now", lambda w: w.backups.backup_now(), None, "backupAction"),
    (
        "&File",
        "&Restore from Backup\u2026",
        lambda w: w.backups.choose_restore(),
        None,
        "restoreAction",
    ),
    ("&File", SEPARATOR),
    ("&File", "&Quit", lambda w: w.quit(), "Ctrl+Q", "quitAction"),
    (
        "&Edit",
        "&Undo Delete Entry",
        lambda w: w.day_view.undo_delete(),
        None,
        "undoDeleteAction",
    ),
    (
        "&Edit",
        "&Delete Entry",
        lambda w: w.day_view.delete_current(),
        None,
        "deleteAction",
    ),
    ("&Edit", SEPARATOR),
    (
        "&Edit",
        "&Settings\u2026",
        lambda w: w.show_settings(),
        "Ctrl+,",
        "settingsAction",
    ),
    ("&View", "&Previous Day or Week", lambda w: w.step(-1), "Alt+Left", "prevDay"),
    ("&View", "&Next Day or Week", lambda w: w.step(1), "Alt+Right", "nextDay"),
    ("&View", "&Today", lambda w: w.go_today(), "Ctrl+T", "todayAction"),
    (
        "&View",
        "&Choose Day\u2026",
        lambda w: w.day_view.day_bar.date_button.showMenu(),
        "Ctrl+G",
        "chooseDayAction",
    ),
    ("&View", SEPARATOR),
    ("&View", "&Day View", lambda w: w.show_view(w.day_view), "Ctrl+1", "dayView"),
    (
        "&View",
        "&History",
        lambda w: w.show_view(w.history_view),
        "Ctrl+2",
        "historyViewAction",
    ),
    (
        "&View",
        "&Calendar",
        lambda w: w.show_view(w.calendar_view),
        "Ctrl+3",
        "calendarViewAction",
    ),
    (
        "&View",
        "T&rends",
        lambda w: w.show_view(w.trends_view),
        "Ctrl+4",
        "trendsViewAction",
    ),
    (
        "&View",
        "Weekly Re&view",
        lambda w: w.show_view(w.review_view),
        "Ctrl+5",
        "reviewViewAction",
    ),
    ("&View", "&Search\u2026", lambda w: w.search(), "Ctrl+F", "searchAction"),
    (
        "&Help",
        "The &Five Dimensions",
        lambda w: w.show_dimensions(),
        "F1",
        "dimensionsHelp",
    ),
    ("&Help", f"&About {APP_NAME}", lambda w: w.show_about(), None, "about"),
]


def build_menus(window: MainWindow) -> dict[str, QAction]:
    """Add the menus to ``window``; returns its actions by object name."""
    bar = window.menuBar()
    menus = {title: bar.addMenu(title) for title in MENUS}
    actions: dict[str, QAction] = {}
    for item in ITEMS:
        menu = menus[item[0]]
        if len(item) == 2:
            menu.addSeparator()
            continue
        _title, text, slot, shortcut, name = item
        action = QAction(text, window)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False, s=slot: s(window))
        menu.addAction(action)
        window.addAction(action)
        actions[name] = action
    return actions
