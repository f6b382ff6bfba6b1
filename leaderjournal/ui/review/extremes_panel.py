"""The week's entries that pulled furthest toward managing and toward
leading: a link to each, with its quote under it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCommandLinkButton, QVBoxLayout, QWidget

from leaderjournal.domain.review import Extreme, WeekFigures
from leaderjournal.domain.scoring import format_lean
from leaderjournal.ui.common.style import SPACING
from leaderjournal.ui.review.quote_label import QuoteLabel

#: How far a quote is indented: under the command link's heading, not its arrow.
QUOTE_INDENT = 33


class ExtremesPanel(QWidget):
    """The two entries that leaned furthest each way; a click opens one."""

    entry_opened = Signal(str, object)  # entry id, its date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._figures: WeekFigures | None = None
        self.managing_button = self._extreme_button("mostManaging")
        self.leading_button = self._extreme_button("mostLeading")
        self.managing_quote = self._extreme_quote("mostManaging")
        self.leading_quote = self._extreme_quote("mostLeading")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        for button, quote in (
            (self.managing_button, self.managing_quote),
            (self.leading_button, self.leading_quote),
        ):
            pair = QVBoxLayout()
            pair.setSpacing(0)  # the quote belongs to the heading above it
            pair.addWidget(button)
            pair.addWidget(quote)
            layout.addLayout(pair)

    def _extreme_button(self, name: str) -> QCommandLinkButton:
        button = QCommandLinkButton(objectName=name)
        button.clicked.connect(lambda _c=False, n=name: self._open_extreme(n))
        return button

    def _extreme_quote(self, name: str) -> QuoteLabel:
        # The quote is a label of its own under the command link (not its
        # description) so that it can read from its own side: an Arabic quote
        # from the right under an English heading.
        quote = QuoteLabel(f"{name}Quote")
        quote.setToolTip("Open this entry")
        quote.setContentsMargins(QUOTE_INDENT, 0, SPACING, 0)
        quote.clicked.connect(lambda n=name: self._open_extreme(n))
        return quote

    def show_extremes(self, figures: WeekFigures) -> None:
        """Show ``figures``' furthest entries (or that there were none)."""
        self._figures = figures
        self._show_extreme(
            self.managing_button,
            self.managing_quote,
            figures.most_managing,
            "toward managing",
        )
        self._show_extreme(
            self.leading_button,
            self.leading_quote,
            figures.most_leading,
            "toward leading",
        )

    def _show_extreme(
        self,
        button: QCommandLinkButton,
        quote: QuoteLabel,
        extreme: Extreme | None,
        side: str,
    ) -> None:
        if extreme is None:
            button.setText(f"No entry leaned {side} this week")
            button.setEnabled(False)
            quote.set_quote("")
            quote.hide()
            return
        button.setEnabled(True)
        button.setText(
            f"Furthest {side} ({format_lean(extreme.lean)}), {extreme.date:%A}"
        )
        quote.set_quote(extreme.quote or extreme.title or "(no text)")
        quote.show()
        button.setToolTip("Open this entry")
        button.setAccessibleName(f"Open the entry furthest {side}")

    def _open_extreme(self, name: str) -> None:
        if self._figures is None:
            return
        extreme = (
            self._figures.most_managing
            if name == "mostManaging"
            else self._figures.most_leading
        )
        if extreme is not None:
            self.entry_opened.emit(extreme.entry_id, extreme.date)
