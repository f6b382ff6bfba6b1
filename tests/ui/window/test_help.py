"""Help: every key of the window, and what the lean scale means."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel

from leaderjournal.domain.dimensions import DIMENSION_KEYS
from leaderjournal.domain.entry import Entry
from leaderjournal.domain.scoring import LEAN_MEANING


def shown_text(dialog) -> str:
    return " ".join(label.text() for label in dialog.findChildren(QLabel))


def rows(html_text: str) -> list[str]:
    """The help's table rows, as plain text."""
    return [
        re.sub(r"<[^>]+>|&nbsp;", " ", row)
        for row in re.findall(r"<tr>(.*?)</tr>", html_text)
    ]


@pytest.mark.parametrize("sample", [False, True], ids=["own", "sample"])
def test_help_lists_every_shortcut_of_the_window(journal, make_window, sample):
    window = make_window(journal, sample=sample)
    window.findChild(QAction, "action_shortcuts").trigger()
    dialog = window.findChild(QDialog, "shortcutsDialog")
    assert dialog.isVisible()
    listed = rows(shown_text(dialog))

    with_keys = [
        action
        for action in window.findChildren(QAction)
        if not action.shortcut().isEmpty() and action.isVisible()
    ]
    assert len(with_keys) >= 15
    for action in with_keys:
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        name = action.text().replace("&", "").rstrip("\u2026")
        assert any(keys in row and name in row for row in listed), (keys, name)
    # And the keys that are no menu's: a rating, the calendar, a text field.
    text = " ".join(listed)
    for words in ("On a rating", "In the calendar", "In a text field"):
        assert words in text


def test_a_plain_journal_lists_no_lock_key(journal, make_window):
    window = make_window(journal)
    window.help.show_shortcuts()
    dialog = window.findChild(QDialog, "shortcutsDialog")
    listed = rows(shown_text(dialog))
    assert not any("Lock" in row for row in listed)
    assert not any("Ctrl+L" in row for row in listed)


def test_ctrl_q_is_listed_as_what_it_does_in_each_window(journal, make_window):
    own = make_window(journal)
    own.help.show_shortcuts()
    sample = make_window(journal, sample=True)
    sample.help.show_shortcuts()

    def ctrl_q_row(window) -> str:
        dialog = window.findChild(QDialog, "shortcutsDialog")
        return next(row for row in rows(shown_text(dialog)) if "Ctrl+Q" in row)

    assert "Quit" in ctrl_q_row(own)
    assert "Close Sample Journal" in ctrl_q_row(sample)


def test_help_explains_the_lean_scale_without_taking_sides(journal, make_window):
    window = make_window(journal)
    dialog = window.help.show_dimensions()
    text = shown_text(dialog)

    assert "The lean" in text
    for words in ("\u2212100", "+100", "50 \u00d7 the mean", "0 both in balance"):
        assert words in LEAN_MEANING
        assert words in text
    assert "good managers use both styles" in text
    for scolding in ("should", "too much", "wrong", "bad "):
        assert scolding not in LEAN_MEANING.lower()


def test_the_lean_is_explained_where_it_is_shown(qtbot, journal, make_window):
    journal.entries.add(Entry.new(dt.date.today(), ratings={DIMENSION_KEYS[0]: 1}))
    window = make_window(journal)

    lean_label = window.day_view.findChild(QLabel, "leanLabel")
    assert lean_label.isVisible()
    assert LEAN_MEANING in lean_label.toolTip()
    assert LEAN_MEANING in lean_label.whatsThis()

    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    axis = window.trends_view.chart.lean_plot.getAxis("left")
    assert "Lean" in axis.labelText
    assert LEAN_MEANING in axis.toolTip()
