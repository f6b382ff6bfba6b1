"""The fields of one entry: title, text, the five ratings, advice and tags."""

from __future__ import annotations

import itertools
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from leaderjournal.domain.entry import Entry, InvalidEntryError, parse_tags
from leaderjournal.domain.limits import ADVICE_MAX, ADVICE_MIN, TITLE_MAX, check_title
from leaderjournal.domain.scoring import describe_lean, format_lean, lean
from leaderjournal.ui.common.style import SPACING, pole_color
from leaderjournal.ui.day.entry_edits import Shown, edited_entry
from leaderjournal.ui.day.paragraph_direction import follow_paragraph_direction
from leaderjournal.ui.day.ratings_panel import RatingsPanel
from leaderjournal.ui.day.tag_completer import TagCompleter

#: The writing column is never narrower than about this many characters.
WRITING_MIN_CHARS = 34

TITLE_RULE = f"A title is one line of at most {TITLE_MAX:,} characters."


class TitleValidator(QValidator):
    """Refuses an edit that would make a title the journal cannot hold (too
    long, counted in characters as the limit is, or on two lines)."""

    refused = Signal()

    def validate(self, text: str, pos: int) -> object:
        try:
            check_title(text)
        except InvalidEntryError:
            self.refused.emit()
            return QValidator.State.Invalid, text, pos
        return QValidator.State.Acceptable, text, pos


class EntryForm(QWidget):
    """Shows one entry and tells when the person changes any field.

    ``edited`` is emitted for changes made by the person only, never while an
    entry is being loaded, so autosave is not triggered by merely looking.
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._shown = Shown()
        self._problems: dict[str, str] = {}
        #: The tags as stored, to show once the cursor leaves the field.
        self._tags_to_show: str | None = None

        self.title_edit = QLineEdit(objectName="titleEdit")
        self.title_edit.setPlaceholderText("Title (optional)")
        self.title_edit.setAccessibleName("Title")
        font = self.title_edit.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.title_edit.setFont(font)
        # Not setMaxLength: it counts UTF-16 units, so it would cut a title of
        # 500 emoji in half; the validator counts characters, as the limit.
        self._title_validator = TitleValidator(self.title_edit)
        self._title_validator.refused.connect(self._title_refused)
        self.title_edit.setValidator(self._title_validator)

        self.text_edit = QPlainTextEdit(objectName="textEdit")
        follow_paragraph_direction(self.text_edit)  # Arabic, Hebrew: from the right
        self.text_edit.setPlaceholderText(
            "What happened today? Who did you work with, and how did it go?"
        )
        self.text_edit.setAccessibleName("Entry text")
        self.text_edit.setTabChangesFocus(True)

        self.advice_spin = QSpinBox(objectName="adviceSpin")
        self.advice_spin.setRange(ADVICE_MIN, ADVICE_MAX)
        self.advice_spin.setAccessibleName("Advice requests")
        self.advice_spin.setToolTip(
            "How many times today someone came to you for advice"
        )

        self.tags_edit = QLineEdit(objectName="tagsEdit")
        # Short, so that it is read whole in a narrow window; the tooltip
        # says the rest.
        self.tags_edit.setPlaceholderText("e.g. 1:1, new-hire")
        self.tags_edit.setToolTip("Tags for this entry, separated by commas")
        self.tags_edit.setAccessibleName("Tags")
        self._tag_completer = TagCompleter(self.tags_edit)

        self.problem_label = QLabel(objectName="entryProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName("Problem with this entry")
        self.problem_label.hide()

        self.ratings_panel = RatingsPanel(self)
        self.lean_label = self.ratings_panel.lean_label
        self.ratings = self.ratings_panel.ratings
        self._loaded_id: str | None = None

        self._build_layout()
        self.title_edit.textEdited.connect(self._title_edited)
        self.text_edit.textChanged.connect(self._user_edit)
        self.advice_spin.valueChanged.connect(self._user_edit)
        self.tags_edit.textEdited.connect(self._tags_edited)
        self.tags_edit.editingFinished.connect(self._tags_left)
        for control in self.ratings.values():
            control.rating_changed.connect(self._user_edit)
        self._show_lean()

    def _build_layout(self) -> None:
        advice_label = QLabel("People who asked for my &advice:")
        advice_label.setBuddy(self.advice_spin)
        tags_label = QLabel("Ta&gs:")
        tags_label.setBuddy(self.tags_edit)
        # On two lines only when the writing column is too narrow for one;
        # the box stays beside its words either way.
        advice_label.setWordWrap(True)
        one_line = advice_label.text().replace("&", "")
        advice_label.setMaximumWidth(
            advice_label.fontMetrics().horizontalAdvance(one_line) + 1
        )
        advice_row = QHBoxLayout()
        advice_row.addWidget(advice_label, 1)
        advice_row.addWidget(self.advice_spin)
        advice_row.addStretch(0)
        tags_row = QHBoxLayout()
        tags_row.addWidget(tags_label)
        tags_row.addWidget(self.tags_edit, 1)

        # Wide enough to write in, and to read the tags, at 800 x 600.
        self.text_edit.setMinimumWidth(
            self.text_edit.fontMetrics().averageCharWidth() * WRITING_MIN_CHARS
        )
        writing = QVBoxLayout()
        writing.setSpacing(SPACING)
        writing.addWidget(self.title_edit)
        writing.addWidget(self.text_edit, 1)
        writing.addLayout(advice_row)
        writing.addLayout(tags_row)
        writing.addWidget(self.problem_label)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2 * SPACING)
        # The ratings keep the width they like, the writing takes the rest.
        layout.addLayout(writing, 1)
        layout.addWidget(self.ratings_panel)
        for first, second in zip(
            [self.title_edit, self.text_edit, self.advice_spin, self.tags_edit],
            [
                self.text_edit,
                self.advice_spin,
                self.tags_edit,
                self.ratings["influence"],
            ],
            strict=True,
        ):
            QWidget.setTabOrder(first, second)
        controls = list(self.ratings.values())
        for first, second in itertools.pairwise(controls):
            QWidget.setTabOrder(first, second)

    # -- showing an entry ----------------------------------------------------

    def load(self, entry: Entry) -> None:
        """Show ``entry`` without reporting it as an edit."""
        self._loading = True
        try:
            self.title_edit.setText(entry.title)
            if self.text_edit.toPlainText() != entry.text:
                self.text_edit.setPlainText(entry.text)
            self.advice_spin.setValue(entry.advice_requests)
            self.tags_edit.setText(", ".join(entry.tags))
            self._tag_completer.entry_shown()
            for key, control in self.ratings.items():
                control.set_rating(entry.ratings[key])
        finally:
            self._loading = False
        if entry.id != self._loaded_id:
            # Another entry (or day) starts at its first rating, not wherever
            # the last one was left.
            self._loaded_id = entry.id
            self.ratings_panel.scroll_to_top()
        self.mark_saved()
        self._tags_to_show = None
        self._problems.clear()
        self._show_problems()
        self._show_lean()

    def mark_saved(self) -> None:
        """Take what the fields show now as the stored values (after a save)."""
        self._shown = self._typed()

    def _typed(self) -> Shown:
        """What the fields show now."""
        return Shown(
            title=self.title_edit.text(),
            text=self.text_edit.toPlainText(),
            advice=self.advice_spin.value(),
            tags=self.tags_edit.text(),
        )

    def apply_to(self, entry: Entry) -> Entry:
        """``entry`` with the values now in the form (same id and dates).

        A field still showing what it showed of ``entry`` keeps ``entry``'s
        value exactly: the editor never changes a value it only displayed.
        """
        ratings = {k: c.rating() for k, c in self.ratings.items()}
        return edited_entry(entry, self._shown, self._typed(), ratings)

    def show_stored_tags(self, tags: tuple[str, ...]) -> None:
        """Show ``tags`` as saved: a tag used before keeps the journal's spelling.

        Called after a save. What the person is typing is not disturbed:
        while the field has the cursor, a change of case alone is shown
        (the cursor stays put); anything more waits until the cursor leaves.
        """
        self._tags_to_show = None
        typed = self.tags_edit.text()
        try:
            if parse_tags(typed) == tags:
                return  # nothing was respelled
        except InvalidEntryError:
            return  # edited since: the next save will tell
        spelled = ", ".join(tags)
        if self.tags_edit.hasFocus() and typed.casefold() != spelled.casefold():
            self._tags_to_show = spelled
            return
        self._put_stored_tags(spelled)

    def _put_stored_tags(self, spelled: str) -> None:
        cursor = self.tags_edit.cursorPosition()
        self.tags_edit.setText(spelled)  # not textEdited: not an edit
        self.tags_edit.setCursorPosition(min(cursor, len(spelled)))
        self._shown = replace(self._shown, tags=spelled)

    def _tags_left(self) -> None:
        spelled, self._tags_to_show = self._tags_to_show, None
        if spelled is not None and self.tags_edit.text() == self._shown.tags:
            self._put_stored_tags(spelled)  # unchanged since that save

    def set_known_tags(self, tags: list[str]) -> None:
        self._tag_completer.set_known(tags)

    def focus_text(self) -> None:
        self.text_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.text_edit.moveCursor(self.text_edit.textCursor().MoveOperation.End)

    # -- reacting ------------------------------------------------------------

    def _user_edit(self, *_args: object) -> None:
        if self._loading:
            return
        self._show_lean()
        self.edited.emit()

    def _title_edited(self, _text: str) -> None:
        self._problems.pop("title", None)
        self._show_problems()
        self._user_edit()

    def _title_refused(self) -> None:
        self._problems["title"] = TITLE_RULE
        self._show_problems()

    def _tags_edited(self, text: str) -> None:
        try:
            parse_tags(text)
        except InvalidEntryError as exc:
            self._problems["tags"] = str(exc)
        else:
            self._problems.pop("tags", None)
        self._show_problems()
        self._user_edit()

    def _show_problems(self) -> None:
        text = " ".join(self._problems.values())
        self.problem_label.setText(text)
        self.problem_label.setAccessibleDescription(text)
        self.problem_label.setVisible(bool(text))

    def _show_lean(self) -> None:
        value = lean(c.rating() for c in self.ratings.values())
        if value is None:
            self.ratings_panel.show_lean("Lean: not rated yet", "not rated yet")
            return
        color = pole_color(float(value) / 50).name()
        words = describe_lean(value)
        self.ratings_panel.show_lean(
            f"Lean <b style='color:{color}'>{format_lean(value)}</b> \u00b7 {words}",
            f"{format_lean(value)}, {words}",
        )
