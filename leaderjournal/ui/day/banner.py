"""A strip across the top of the day view: why a save failed, or Undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from leaderjournal.ui.common.style import MARGIN


class Banner(QFrame):
    """A strip across the top of the view with a message and one button."""

    def __init__(self, name: str, button_text: str, parent: QWidget) -> None:
        super().__init__(parent, objectName=name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.label = QLabel(self, objectName=f"{name}Text")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(button_text, self, objectName=f"{name}Button")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(MARGIN, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def show_message(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleName(text)
        self.show()
