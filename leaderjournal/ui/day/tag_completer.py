"""Completing the tag being typed in an entry's tags field."""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import QCompleter, QLineEdit

from leaderjournal.domain.limits import tag_key

#: Rows of tag suggestions in sight at once; more scroll.
TAG_ROWS_IN_SIGHT = 8


def split_last_tag(text: str) -> tuple[str, str]:
    """``text`` up to the tag being typed (after the last comma or semicolon,
    the separators parse_tags knows), and that tag as typed."""
    cut = max(text.rfind(","), text.rfind(";")) + 1
    return text[:cut], text[cut:]


class TagCompleter(QCompleter):
    """Suggests, for the tag being typed after the last comma, the tags other
    entries hold that contain it (case aside), most used first.

    Never suggested: the word as typed, a tag the field already holds, and a
    tag the journal did not hold when the entry was shown (a word autosaved
    half-typed is this entry's own, not a tag to choose). Choosing one
    replaces only the word being typed, and ", " follows for the next.
    """

    def __init__(self, field: QLineEdit) -> None:
        super().__init__(field)
        self._offered = QStringListModel(self)
        self.setModel(self._offered)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setMaxVisibleItems(TAG_ROWS_IN_SIGHT)
        #: (tag, tag_key) of every tag in the journal, most used first.
        self._known: list[tuple[str, str]] = []
        #: Keys of the tags the journal held when the entry was shown.
        self._before: set[str] = set()
        field.setCompleter(self)
        self.activated.connect(self._chosen)  # the text of the row chosen
        # textEdited comes before the field asks for suggestions (textChanged
        # would also follow a row highlighted with the arrow keys).
        field.textEdited.connect(self._offer)

    def set_known(self, tags: list[str]) -> None:
        """The journal's tags, most used first (again after each save)."""
        self._known = [(tag, tag_key(tag)) for tag in tags]
        popup = self.popup()
        if self._offer() and popup is not None and popup.isVisible():
            self.complete()  # lay the open list out again for its new rows

    def entry_shown(self) -> None:
        """A new entry is in the field: every tag known now may be suggested."""
        self._before = {key for _, key in self._known}
        self._offer()

    def _offer(self, *_args: object) -> bool:
        """Suggest what fits the field now; True if that changed."""
        head, word = split_last_tag(self._text())
        taken = {tag_key(tag) for tag in head.replace(";", ",").split(",")}
        taken.add(tag_key(word))
        offered = [
            tag for tag, key in self._known if key in self._before and key not in taken
        ]
        if offered == self._offered.stringList():
            return False
        self._offered.setStringList(offered)
        return True

    def _chosen(self, text: str) -> None:
        # The field puts the choice in after this slot (it connects itself to
        # the same signal each time it gets the focus): add ", " once it has.
        QTimer.singleShot(0, self, lambda: self._then_separate(text))

    def _then_separate(self, chosen: str) -> None:
        field = self.widget()
        if isinstance(field, QLineEdit) and field.text() == chosen:
            field.setText(chosen.rstrip() + ", ")
            # A choice is an edit as typing is: checked, shown, saved.
            field.textEdited.emit(field.text())

    def _text(self) -> str:
        field = self.widget()
        return field.text() if isinstance(field, QLineEdit) else ""

    def splitPath(self, path: str) -> list[str]:
        return [split_last_tag(path)[1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        completion = super().pathFromIndex(index)
        head, _ = split_last_tag(self._text())
        return f"{head} {completion}" if head else completion
