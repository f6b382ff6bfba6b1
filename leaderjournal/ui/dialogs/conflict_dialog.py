"""Compare…: an entry's text beside the texts written for it on other
computers, and the three ways to settle them.

Keep This Text sets the other versions aside; Use the Other Text puts one of
them in the editor in place of the text shown; Merge by Hand puts them all in
the editor under the text shown, each after a line saying where and when it
was written. Cancel (Escape, or closing the box) changes nothing.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from leaderjournal.ui.common.style import SPACING
from leaderjournal.ui.common.sync_source import Conflict
from leaderjournal.ui.day.conflict_banner import written_on
from leaderjournal.ui.day.paragraph_direction import follow_paragraph_direction

#: How tall each text is at least, in lines, before the list scrolls.
TEXT_MIN_LINES = 5


class Way(enum.Enum):
    """How the person settled the versions."""

    KEEP = "keep"
    USE_OTHER = "use other"
    MERGE = "merge"


@dataclass(frozen=True)
class Choice:
    """What the person chose: ``other`` is the version to use (USE_OTHER)."""

    way: Way
    other: Conflict | None = None


def separator(conflict: Conflict) -> str:
    """The line put before another computer's text in a merge."""
    return f"\u2014 also written on {written_on(conflict)} \u2014"


def merged(text: str, conflicts: Sequence[Conflict]) -> str:
    """``text`` with each other version after a line saying where it was written."""
    parts = [text.rstrip("\n")] if text.strip() else []
    for conflict in conflicts:
        parts.append(f"{separator(conflict)}\n\n{conflict.text}")
    return "\n\n".join(parts)


def _text_view(text: str, name: str, accessible: str) -> QPlainTextEdit:
    view = QPlainTextEdit(objectName=name)
    follow_paragraph_direction(view)  # Arabic, Hebrew: from the right
    view.setPlainText(text)
    view.setReadOnly(True)
    view.setTabChangesFocus(True)
    view.setAccessibleName(accessible)
    view.setMinimumHeight(view.fontMetrics().lineSpacing() * TEXT_MIN_LINES + 12)
    # The room there is, shared out: no text asks for more (which would make
    # the list scroll with only two texts in it).
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
    return view


class ConflictDialog(QDialog):
    """The entry's text and the other computers' texts, one under the other."""

    chosen = Signal(object)  # a Choice

    def __init__(
        self, text: str, conflicts: Sequence[Conflict], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, objectName="conflictDialog")
        if not conflicts:
            raise ValueError("a conflict dialog needs another version to compare")
        self.setWindowTitle("Compare Texts")
        self._conflicts = list(conflicts)
        self._picks = QButtonGroup(self)

        intro = QLabel(
            "Choose the text this entry keeps; the others are then set aside "
            "here and on your other computers.",
            objectName="conflictIntro",
        )
        intro.setWordWrap(True)

        texts = QWidget(objectName="conflictTexts")
        column = QVBoxLayout(texts)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACING)
        self.current_view = _text_view(
            text, "conflictCurrentText", "The text on this computer now"
        )
        self._add_text(
            column, QLabel("&This computer, as it is now:"), self.current_view
        )
        self.other_views: list[QPlainTextEdit] = []
        for index, conflict in enumerate(self._conflicts):
            where = written_on(conflict)
            view = _text_view(conflict.text, f"conflictOtherText{index}", where)
            heading: QLabel | QRadioButton
            if len(self._conflicts) == 1:
                heading = QLabel(f"&Also written on {where}:")
            else:
                pick = QRadioButton(f"Written on {where}", objectName=f"pick{index}")
                self._picks.addButton(pick, index)
                pick.setChecked(index == 0)
                heading = pick
            self._add_text(column, heading, view)
            self.other_views.append(view)
        scroll = QScrollArea(objectName="conflictScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(texts)

        buttons = QDialogButtonBox(self)
        self.keep_button = self._button(buttons, "&Keep This Text", "keepThisText")
        use = "&Use the Other Text" if len(conflicts) == 1 else "&Use the Chosen Text"
        self.use_button = self._button(buttons, use, "useOtherText")
        self.merge_button = self._button(buttons, "&Merge by Hand", "mergeByHand")
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancelConflict")
        # Enter, like Escape, changes nothing: each way out sets a text aside.
        cancel.setDefault(True)
        self.keep_button.clicked.connect(lambda: self._choose(Choice(Way.KEEP)))
        self.use_button.clicked.connect(self._use_other)
        self.merge_button.clicked.connect(lambda: self._choose(Choice(Way.MERGE)))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(640, 480)

    @staticmethod
    def _add_text(
        column: QVBoxLayout, heading: QLabel | QRadioButton, view: QPlainTextEdit
    ) -> None:
        if isinstance(heading, QLabel):
            heading.setTextFormat(Qt.TextFormat.PlainText)  # a computer's name
            heading.setBuddy(view)
            heading.setWordWrap(True)
        column.addWidget(heading)
        column.addWidget(view, 1)

    def _button(self, box: QDialogButtonBox, text: str, name: str) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        assert isinstance(button, QPushButton)
        button.setObjectName(name)
        button.setAutoDefault(False)
        return button

    def conflicts(self) -> list[Conflict]:
        """The versions shown (all of them are settled by any choice)."""
        return list(self._conflicts)

    def _use_other(self) -> None:
        index = max(self._picks.checkedId(), 0)
        self._choose(Choice(Way.USE_OTHER, self._conflicts[index]))

    def _choose(self, choice: Choice) -> None:
        self.accept()
        self.chosen.emit(choice)
