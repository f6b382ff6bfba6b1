"""The editor keeps to the limits, and never changes what it only showed.

A stored value is saved again only if the person changed that field: an
entry opened and left as it was stays byte for byte what it was, updated_at
included, and editing one field leaves the others exactly as stored.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from leaderjournal.domain.entry import Entry
from leaderjournal.domain.limits import ADVICE_MAX, ADVICE_MIN, TITLE_MAX
from leaderjournal.storage.journal import Journal

TODAY = dt.date.today()
YESTERDAY = TODAY - dt.timedelta(days=1)
# Midnight: earlier than any edit a test makes today, at whatever hour it runs.
WRITTEN = dt.datetime.combine(TODAY, dt.time(0, 0)).astimezone()


def raw_row(data_dir, entry_id: str) -> tuple:
    """The entry's row exactly as stored, read with plain sqlite3."""
    conn = sqlite3.connect(data_dir / "journal.db")
    try:
        return conn.execute(
            "SELECT * FROM entries WHERE id = ?", (entry_id,)
        ).fetchone()
    finally:
        conn.close()


def store(journal: Journal, **fields) -> Entry:
    entry = Entry.new(TODAY, at=WRITTEN, **fields)
    journal.entries.add(entry)
    return entry


def widget(window, name: str) -> QWidget:
    found = window.findChild(QWidget, name)
    assert found is not None, name
    return found


def save(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def paste(qtbot, field: QWidget, text: str) -> None:
    QApplication.clipboard().setText(text)
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def reopened(data_dir, entry_id: str) -> Entry:
    with Journal(data_dir) as journal:
        return journal.entries.get(entry_id)


# -- opening and leaving ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Windows lines\r\nsecond\r\n",
        "Old Mac lines\rsecond\r",
        "Mixed\r\nline\rends\n",
        "non\u00a0breaking and \u2028 line separator",
    ],
)
def test_an_entry_opened_and_left_untouched_stays_byte_identical(
    qtbot, data_dir, journal, make_window, text
):
    entry = store(journal, title="Kept", text=text, tags=("1:1",), advice_requests=3)
    before = raw_row(data_dir, entry.id)
    window = make_window(journal)
    form = window.day_view.form
    assert form.title_edit.text() == "Kept"  # it is the entry shown

    # Click into the text and move around in it, then leave the day.
    text_edit = widget(window, "textEdit")
    qtbot.mouseClick(text_edit.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(text_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(text_edit, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    save(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.day_view.day() == YESTERDAY
    window.close()

    assert raw_row(data_dir, entry.id) == before
    journal.close()
    assert reopened(data_dir, entry.id) == entry


def test_typing_and_taking_it_back_changes_nothing(
    qtbot, data_dir, journal, make_window
):
    entry = store(journal, text="one\r\ntwo\rthree", tags=("Budget",))
    before = raw_row(data_dir, entry.id)
    window = make_window(journal)
    for name in ("textEdit", "titleEdit"):
        field = widget(window, name)
        field.setFocus()
        qtbot.keyClicks(field, "x")
        qtbot.keyClick(field, Qt.Key.Key_Backspace)
    save(qtbot, window)
    window.close()
    assert raw_row(data_dir, entry.id) == before


# -- editing one field -----------------------------------------------------------------


def test_editing_the_title_keeps_the_text_its_line_breaks_and_the_tags(
    qtbot, data_dir, journal, make_window
):
    # "a,b" was a tag an older version allowed; the journal keeps it.
    entry = store(
        journal,
        title="Offsite",
        text="Plan\r\n- agenda\rnotes\n",
        tags=("a,b", "Budget Q3"),
        advice_requests=ADVICE_MAX,
    )
    window = make_window(journal)
    title = widget(window, "titleEdit")
    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_End)
    qtbot.keyClicks(title, " day")
    save(qtbot, window)
    window.close()
    journal.close()

    saved = reopened(data_dir, entry.id)
    assert saved.title == "Offsite day"
    assert saved.text == "Plan\r\n- agenda\rnotes\n"
    assert saved.tags == ("a,b", "Budget Q3")
    assert saved.advice_requests == ADVICE_MAX
    assert saved.updated_at > entry.updated_at


def test_editing_a_windows_text_keeps_its_windows_line_breaks(
    qtbot, data_dir, journal, make_window
):
    entry = store(journal, text="one\r\ntwo")
    window = make_window(journal)
    text_edit = widget(window, "textEdit")
    text_edit.setFocus()
    qtbot.keyClick(text_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(text_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(text_edit, "three")
    save(qtbot, window)
    window.close()
    journal.close()
    assert reopened(data_dir, entry.id).text == "one\r\ntwo\r\nthree"


# -- the limits in the editor ----------------------------------------------------------


def test_the_advice_box_holds_the_limits_of_advice(journal, make_window):
    store(journal, advice_requests=ADVICE_MAX)
    window = make_window(journal)
    advice = widget(window, "adviceSpin")
    assert (advice.minimum(), advice.maximum()) == (ADVICE_MIN, ADVICE_MAX)
    assert advice.value() == ADVICE_MAX


def test_a_title_of_the_most_characters_is_shown_whole(
    qtbot, data_dir, journal, make_window
):
    # 500 characters that are two UTF-16 units each: a limit counted in
    # UTF-16 units (QLineEdit's maxLength) would show and save half of it.
    long_title = "\U0001f680" * TITLE_MAX
    entry = store(journal, title=long_title, text="first")
    window = make_window(journal)
    assert widget(window, "titleEdit").text() == long_title
    text_edit = widget(window, "textEdit")
    text_edit.setFocus()
    qtbot.keyClicks(text_edit, " words")
    save(qtbot, window)
    window.close()
    journal.close()
    assert reopened(data_dir, entry.id).title == long_title


def test_a_title_cannot_grow_past_the_limit_and_says_so(
    qtbot, data_dir, journal, make_window
):
    entry = store(journal, title="t" * (TITLE_MAX - 1))
    window = make_window(journal)
    title = widget(window, "titleEdit")
    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_End)
    qtbot.keyClicks(title, "xyz")
    assert title.text() == "t" * (TITLE_MAX - 1) + "x"
    problem = window.findChild(QLabel, "entryProblem")
    assert problem.isVisible()
    assert f"at most {TITLE_MAX}" in problem.text()

    paste(qtbot, title, "pasted " * 100)
    assert title.text() == "t" * (TITLE_MAX - 1) + "x"
    title.selectAll()
    paste(qtbot, title, "two\nlines")  # a QLineEdit would keep the line break
    assert title.text() == "t" * (TITLE_MAX - 1) + "x"
    assert "one line" in problem.text()
    save(qtbot, window)
    window.close()
    assert journal.entries.get(entry.id).title == "t" * (TITLE_MAX - 1) + "x"


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("ok, " + "g" * 61, "61 characters"),
        (", ".join(f"t{n}" for n in range(31)), "31 tags"),
    ],
)
def test_tags_outside_the_limits_are_named_and_not_saved(
    qtbot, journal, make_window, typed, said
):
    entry = store(journal, text="kept", tags=("before",))
    window = make_window(journal)
    tags = widget(window, "tagsEdit")
    tags.setFocus()
    tags.selectAll()
    # Pasted: typed, each ", " would open the completer's list of all tags.
    paste(qtbot, tags, typed)

    problem = window.findChild(QLabel, "entryProblem")
    assert problem.isVisible()
    assert said in problem.text()
    save(qtbot, window)
    banner = window.findChild(QLabel, "saveProblemText")
    assert banner.isVisible()
    assert said in banner.text()
    assert journal.entries.get(entry.id).tags == ("before",)

    # Putting it right clears the message and saves.
    tags.selectAll()
    paste(qtbot, tags, "fine, tags")
    assert not problem.isVisible()
    save(qtbot, window)
    assert journal.entries.get(entry.id).tags == ("fine", "tags")
    window.close()
