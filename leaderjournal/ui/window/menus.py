"""The window's menus and their shortcuts (DESIGN.md's Keyboard section).

One table of named commands: each item says its menu, its text, its shortcut
and the name of the command it runs. The window hands ``build_menus`` a
mapping from those names to what they do, so this module knows nothing of the
window's views; every action is named ``action_<command>`` for tests and
accessibility tools. Beside the table, ``OTHER_KEYS`` lists the keys that
are not menu items; Help -> Keyboard Shortcuts shows both (``shortcuts_html``).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from leaderjournal import APP_NAME

Command = Callable[[], object]

#: Which windows show an item: all, the person's own journal only, or a
#: sample journal only (where Ctrl+Q closes the sample, not the app).
Shown = Literal["all", "own", "sample"]

MENUS = ("&File", "&Edit", "&View", "&Help")


@dataclass(frozen=True)
class MenuItem:
    """One menu entry: what it says, its keys, and the command it runs."""

    menu: str
    text: str
    command: str
    shortcut: str | None = None
    shown: Shown = "all"

    def shown_in(self, sample: bool) -> bool:
        """Whether a sample journal's window (or the person's own) has it."""
        return self.shown in ("all", "sample" if sample else "own")


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
    MenuItem("&File", "Export E&verything\u2026", "export_everything"),
    MenuItem("&File", "&Import\u2026", "import"),
    Separator("&File"),
    MenuItem("&File", "&Back Up Now", "backup"),
    MenuItem("&File", "&Restore from Backup\u2026", "restore"),
    MenuItem("&File", "S&ync Now", "sync_now", "F5", shown="own"),
    Separator("&File"),
    # Shown only for an encrypted journal (the window hides it otherwise).
    MenuItem("&File", "&Lock", "lock", "Ctrl+L", shown="own"),
    MenuItem("&File", "&Quit", "quit", "Ctrl+Q", shown="own"),
    MenuItem("&File", "&Close Sample Journal", "close_sample", "Ctrl+Q", "sample"),
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
    MenuItem("&Help", "&Keyboard Shortcuts", "shortcuts"),
    MenuItem("&Help", "Explore a &Sample Journal", "explore_sample"),
    Separator("&Help"),
    MenuItem("&Help", "Show &Log Folder", "log_folder"),
    MenuItem("&Help", f"&About {APP_NAME}", "about"),
)


@dataclass(frozen=True)
class KeyHint:
    """Keys that work without a menu item: where, and what they do."""

    keys: tuple[str, ...]  # each as QKeySequence reads it; shown joined by " / "
    where: str
    does: str


#: The keys that are not menu items (besides a text field's usual editing
#: keys), in the order Help lists them.
OTHER_KEYS: tuple[KeyHint, ...] = (
    KeyHint(("Ctrl+Z",), "In a text field", "undo typing there"),
    KeyHint(("Delete",), "In the day's list of entries", "delete the entry"),
    KeyHint(("Left", "Right"), "On a rating", "one step toward managing / leading"),
    KeyHint(("Home", "End"), "On a rating", "strongly managing / strongly leading"),
    KeyHint(("0", "1", "2"), "On a rating", 'that point; "-" then 1 or 2 for below 0'),
    KeyHint(("Delete", "Backspace"), "On a rating", "not rated"),
    KeyHint(("Enter",), "In History", "open the selected entry on its day"),
    KeyHint(("Up", "Down"), "In the calendar", "the day before / after"),
    KeyHint(("Left", "Right"), "In the calendar", "the week before / after"),
    KeyHint(("PgUp", "PgDown"), "In the calendar", "the year before / after"),
    KeyHint(("Enter", "Space"), "In the calendar", "open the chosen day"),
    KeyHint(("Tab", "Shift+Tab"), "Anywhere", "the next / previous control"),
    KeyHint(("Esc",), "In a question", "the answer that keeps your writing"),
)


def key_text(keys: str) -> str:
    """A shortcut as this computer's menus show it (Ctrl+Q, or \u2318Q on a Mac)."""
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def _row(keys: str, does: str) -> str:
    return f"<tr><td><b>{html.escape(keys)}</b></td><td>{does}</td></tr>"


def _heading(text: str) -> str:
    return f"<tr><td colspan='2'><h3>{html.escape(text)}</h3></td></tr>"


def _plain(text: str) -> str:
    """A menu text as read: no mnemonic "&", no ellipsis."""
    return text.replace("&", "").rstrip("\u2026")


def shortcuts_html(sample: bool = False, hidden: frozenset[str] = frozenset()) -> str:
    """Help -> Keyboard Shortcuts: every menu item's keys, menu by menu, then
    ``OTHER_KEYS``. Made from the tables, so it lists what the window does;
    ``hidden`` names the commands the window does not offer (Lock, for a
    plain journal). One table, so that the keys line up in one column."""
    rows: list[str] = []
    for menu in MENUS:
        keyed = [
            item
            for item in menu_items(sample)
            if item.menu == menu
            and item.shortcut is not None
            and item.command not in hidden
        ]
        if keyed:
            rows.append(_heading(f"{_plain(menu)} menu"))
        rows.extend(
            _row(key_text(item.shortcut), html.escape(_plain(item.text)))
            for item in keyed
            if item.shortcut is not None
        )
    rows.append(_heading("Elsewhere"))
    rows.extend(
        _row(
            " / ".join(key_text(key) for key in hint.keys),
            f"{html.escape(hint.where)}: {html.escape(hint.does)}",
        )
        for hint in OTHER_KEYS
    )
    return (
        f"<table cellspacing='0' cellpadding='3'>{''.join(rows)}</table>"
        "<p>Alt with an underlined letter picks that button, field or menu.</p>"
    )


def menu_items(sample: bool = False) -> tuple[MenuItem, ...]:
    """The menu items of a window on a sample journal, or on the person's own."""
    return tuple(
        item for item in ITEMS if isinstance(item, MenuItem) and item.shown_in(sample)
    )


def commands(sample: bool = False) -> tuple[str, ...]:
    """The names of the commands such a window must be able to run."""
    return tuple(item.command for item in menu_items(sample))


def action_name(command: str) -> str:
    """The object name of the action that runs ``command``."""
    return f"action_{command}"


def build_menus(
    window: QMainWindow, runs: Mapping[str, Command], *, sample: bool = False
) -> dict[str, QAction]:
    """Add the menus to ``window``; returns its actions by command name.

    ``runs`` must name exactly the commands of the menu table for this kind
    of window (``sample`` or not), so a renamed or forgotten command fails
    when the window is made, not when someone presses its keys.
    """
    wanted = set(commands(sample))
    missing = wanted - set(runs)
    unknown = set(runs) - wanted
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
        if not item.shown_in(sample):
            continue
        action = QAction(item.text, window)
        action.setObjectName(action_name(item.command))
        if item.shortcut is not None:
            action.setShortcut(QKeySequence(item.shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        command = runs[item.command]
        action.triggered.connect(lambda _checked=False, run=command: run())
        menu.addAction(action)
        window.addAction(action)
        actions[item.command] = action
    return actions
