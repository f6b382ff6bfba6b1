"""The first-run welcome, Help > The five dimensions, and Help's other texts.

Both explain the idea in the same words: both styles have their place; the
app shows the mix so that the person can choose it.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from leaderjournal.domain.dimensions import DIMENSIONS
from leaderjournal.domain.scoring import LEAN_MEANING
from leaderjournal.storage.keyfile import DEFAULT_KDF, KdfParams

if TYPE_CHECKING:
    from leaderjournal.storage.journal import Journal
    from leaderjournal.ui.dialogs.encryption_dialogs import EncryptDialog

IDEA = (
    "<p>Each day, write what happened and rate five contrasts between "
    "<i>managing</i> and <i>leading</i>, from \u22122 (strongly managing) to +2 "
    "(strongly leading), or leave one as <i>not rated</i> when it did not come "
    "up. Count how many people came to you for advice.</p>"
    "<p>Good managers combine both styles; neither pole is a mistake. "
    "LeaderJournal shows your mix over weeks and years, so that you can "
    "choose it on purpose.</p>"
)


def dimensions_html() -> str:
    """The five dimensions with an example of each pole."""
    parts = []
    for dimension in DIMENSIONS:
        parts.append(
            f"<h4>{html.escape(dimension.name)}</h4>"
            f"<p><i>{html.escape(dimension.question)}</i><br>"
            f"<b>\u2212 {html.escape(dimension.managing)}:</b> "
            f"{html.escape(dimension.managing_meaning)}<br>"
            f"<b>+ {html.escape(dimension.leading)}:</b> "
            f"{html.escape(dimension.leading_meaning)}</p>"
        )
    return "".join(parts)


def _text_panel(text: str) -> QScrollArea:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setContentsMargins(4, 4, 12, 4)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(label)
    return scroll


class WelcomeDialog(QDialog):
    """Shown on an empty journal: "Start writing" or "Explore a sample", and,
    given the ``journal``, "Protect it with a passphrase" (then writing)."""

    start_writing = Signal()
    explore_sample = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        journal: Journal | None = None,
        kdf: KdfParams = DEFAULT_KDF,
    ) -> None:
        super().__init__(parent)
        self._journal = journal
        self._kdf = kdf
        self.encrypt_dialog: EncryptDialog | None = None
        self.setObjectName("welcomeDialog")
        self.setWindowTitle("Welcome to LeaderJournal")
        self.resize(640, 620)
        heading = QLabel("<h2>Welcome to LeaderJournal</h2>")
        start = QPushButton("&Start Writing", objectName="startWriting")
        start.setDefault(True)
        sample = QPushButton("&Explore a Sample Journal", objectName="exploreSample")
        sample.setToolTip(
            "A few months of made-up entries, in a separate temporary journal "
            "that never mixes with yours"
        )
        buttons = QDialogButtonBox()
        buttons.addButton(sample, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(start, QDialogButtonBox.ButtonRole.AcceptRole)
        start.clicked.connect(self._start)
        sample.clicked.connect(self._sample)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(
            _text_panel(IDEA + "<h3>The five dimensions</h3>" + dimensions_html()), 1
        )
        if journal is not None and not journal.encrypted:
            layout.addWidget(self._protect_offer(buttons))
        layout.addWidget(buttons)
        # The keyboard starts on "Start Writing", so Enter means it: the
        # first button in the focus chain would otherwise take the default.
        start.setFocus()

    def _protect_offer(self, buttons: QDialogButtonBox) -> QLabel:
        from leaderjournal.ui.dialogs.encryption_dialogs import WARNING

        protect = QPushButton(
            "&Protect With a Passphrase\u2026", objectName="protectJournal"
        )
        protect.setToolTip("Encrypt this journal, then start writing")
        protect.setAutoDefault(False)
        buttons.addButton(protect, QDialogButtonBox.ButtonRole.ActionRole)
        protect.clicked.connect(self._protect)
        offer = QLabel(
            "The journal stays on this computer. To keep others who use it "
            "from reading it, protect it with a passphrase (you can also do "
            f"this later in Settings). {WARNING}",
            objectName="protectOffer",
        )
        offer.setWordWrap(True)
        return offer

    def _protect(self) -> None:
        from leaderjournal.ui.dialogs.encryption_dialogs import EncryptDialog

        assert self._journal is not None
        self._start()
        dialog = self.encrypt_dialog = EncryptDialog(
            self._journal, self.parentWidget(), kdf=self._kdf
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _start(self) -> None:
        self.accept()
        self.start_writing.emit()

    def _sample(self) -> None:
        self.accept()
        self.explore_sample.emit()


def lean_html() -> str:
    """The lean scale, explained where Help explains the dimensions."""
    return f"<h3>The lean</h3><p>{html.escape(LEAN_MEANING)}</p>"


class HelpTextDialog(QDialog):
    """A Help text to read (and select), with one Close button."""

    def __init__(
        self, title: str, text: str, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.resize(620, 600)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(_text_panel(text), 1)
        layout.addWidget(buttons)


class DimensionsDialog(HelpTextDialog):
    """Help > The five dimensions: the same explanations, any time, and
    what the lean of them means."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "The five dimensions",
            IDEA + lean_html() + "<h3>The five dimensions</h3>" + dimensions_html(),
            "dimensionsDialog",
            parent,
        )
