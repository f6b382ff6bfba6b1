"""The menu table: every command reachable by name and by its keys, as documented."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from leaderjournal.ui.window.menus import ITEMS, MenuItem, build_menus, menu_items

README = Path(__file__).resolve().parents[3] / "README.md"
ARROWS = {"\u2190": "Left", "\u2192": "Right"}


def portable(keys: str) -> str:
    """One spelling for a shortcut, however it was written."""
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.PortableText)


def readme_shortcuts() -> set[str]:
    """The shortcuts the README's "Keys | Does" table lists."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index("| Keys | Does |")
    shortcuts: set[str] = set()
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        keys = line.split("|")[1].strip()
        for arrow, name in ARROWS.items():
            keys = keys.replace(arrow, name)
        spread = re.fullmatch(r"(\S+\+)(\d) \u2026 \1(\d)", keys)
        if spread:  # "Ctrl+1 … Ctrl+5"
            prefix, first, last = spread.groups()
            names = [f"{prefix}{n}" for n in range(int(first), int(last) + 1)]
        else:
            names = [part.strip() for part in keys.split(" / ")]
        shortcuts.update(portable(name) for name in names)
    return shortcuts


def menu_shortcuts() -> set[str]:
    return {
        portable(item.shortcut)
        for item in ITEMS
        if isinstance(item, MenuItem) and item.shortcut is not None
    }


def test_the_readme_lists_exactly_the_menus_shortcuts():
    documented = readme_shortcuts()
    declared = menu_shortcuts()
    assert declared - documented == set(), "in the menus, missing from the README"
    assert documented - declared == set(), "in the README, not in the menus"


def test_every_menu_item_is_an_action_named_for_its_command(journal, make_window):
    window = make_window(journal)
    for item in menu_items(sample=False):
        action = window.findChild(QAction, f"action_{item.command}")
        assert action is not None, item.command
        assert action.text() == item.text
        expected = QKeySequence(item.shortcut) if item.shortcut else QKeySequence()
        assert action.shortcut() == expected, item.command


def test_the_keys_for_a_new_entry_on_the_day_shown(qtbot, journal, make_window):
    window = make_window(journal)
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    shown = window.day_view.day()
    assert shown == dt.date.today() - dt.timedelta(days=1)

    qtbot.keyClick(
        window,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.keyClicks(window.day_view.form.text_edit, "written about yesterday")
    window.day_view.save_now()

    saved = journal.entries.on_day(shown)
    assert [entry.text for entry in saved] == ["written about yesterday"]
    assert journal.entries.on_day(dt.date.today()) == []


def test_the_trends_key_shows_the_trends(qtbot, journal, make_window):
    window = make_window(journal)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_name() == "trends"
    assert window.current_view() is window.trends_view


def test_menus_refuse_commands_that_do_not_match_the_table(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    commands = {item.command: lambda: None for item in menu_items(sample=False)}
    del commands["save"]
    commands["sav"] = lambda: None
    with pytest.raises(ValueError, match=r"missing \['save'\].*unknown \['sav'\]"):
        build_menus(window, commands)
