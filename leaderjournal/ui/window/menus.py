"""The window's menus and their shortcuts (DESIGN.md's Keyboard section).

One table of named commands: each item says its menu, its text, its shortcut
and the name of the command it runs. The window hands ``build_menus`` a
mapping from those names to what they do, so this module knows nothing of the
window's views; every action is named ``action_<command>`` for tests and
accessibility tools.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from leaderjournal import APP_NAME

Command = Callable[[], object]

MENUS = ("&File", "&Edit", "&View", "&Help")


@dataclass(frozen=True)
class MenuItem:
    """One menu entry: what it says, its keys, and the command it runs."""

    menu: str
    text: str
    command: str
    shortcut: str | None = None


@dataclass(frozen=True)
class Separator:
    """A line between groups of items in ``menu``."""

    menu: str


ITEMS: tuple[MenuItem | Separator, ...] = (
    MenuItem("&File", "&New Entry Today", "new_entry", "Ctrl+N"),
    MenuItem("&File", "&Add Entry to This Day", "add_entry", "Ctrl+Shift+N"),
    MenuItem("&File", "&Save Now", "save", "Ctrl+S"),
    Separator("&File"),
    MenuItem("&File", "&Export\u2026", "export", "Ctrl+E"),
    MenuItem("&File", "&Import\u2026", "import"),
    Separator("&File"),
    MenuItem("&File", "&Back Up Now", "backup"),
    MenuItem("&File", "&Restore from Backup\u2026", "restore"),
    Separator("&File"),
    MenuItem("&File", "&Quit", "quit", "Ctrl+Q"),
    # A text field that has focus takes Ctrl+Z for its own typing first
    # (Qt's ShortcutOverride), so this never steals an undo from the editor.
    MenuItem("&Edit", "&Undo Delete Entry", "undo_delete", "Ctrl+Z"),
    MenuItem("&Edit", "&Delete Entry", "delete_entry"),
    Separator("&Edit"),
    MenuItem("&Edit", "&Settings\u2026", "settings", "Ctrl+,"),
    MenuItem("&View", "&Previous Day or Week", "previous", "Alt+Left"),
    MenuItem("&View", "&Next Day or Week", "next", "Alt+Right"),
    MenuItem("&View", "&Today", "today", "Ctrl+T"),
    MenuItem("&View", "&Choose Day\u2026", "choose_date", "Ctrl+G"),
    Separator("&View"),
    MenuItem("&View", "&Day View", "show_day", "Ctrl+1"),
    MenuItem("&View", "&History", "show_history", "Ctrl+2"),
    MenuItem("&View", "&Calendar", "show_calendar", "Ctrl+3"),
    MenuItem("&View", "T&rends", "show_trends", "Ctrl+4"),
    MenuItem("&View", "Weekly Re&view", "show_review", "Ctrl+5"),
    MenuItem("&View", "&Search\u2026", "search", "Ctrl+F"),
    MenuItem("&Help", "The &Five Dimensions", "dimensions", "F1"),
    MenuItem("&Help", "Show &Log Folder", "log_folder"),
    MenuItem("&Help", f"&About {APP_NAME}", "about"),
)

COMMANDS = tuple(item.command for item in ITEMS if isinstance(item, MenuItem))


def action_name(command: str) -> str:
    """The object name of the action that runs ``command``."""
    return f"action_{command}"


def build_menus(
    window: QMainWindow, commands: Mapping[str, Command]
) -> dict[str, QAction]:
    """Add the menus to ``window``; returns its actions by command name.

    ``commands`` must name exactly the commands of the menu table, so a
    renamed or forgotten command fails when the window is made, not when
    someone presses its keys.
    """
    missing = set(COMMANDS) - set(commands)
    unknown = set(commands) - set(COMMANDS)
    if missing or unknown:
        raise ValueError(
            f"menu commands do not match: missing {sorted(missing)}, "
            f"unknown {sorted(unknown)}"
        )
    bar = window.menuBar()
    menus = {title: bar.addMenu(title) for title in MENUS}
    actions: dict[str, QAction] = {}
    for item in ITEMS:
        menu = menus[item.menu]
        if isinstance(item, Separator):
            menu.addSeparator()
            continue
        action = QAction(item.text, window)
        action.setObjectName(action_name(item.command))
        if item.shortcut is not None:
            action.setShortcut(QKeySequence(item.shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        command = commands[item.command]
        action.triggered.connect(lambda _checked=False, run=command: run())
        menu.addAction(action)
        window.addAction(action)
        actions[item.command] = action
    return actions
