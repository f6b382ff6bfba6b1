"""A tab whose view is made, and its code loaded, the first time it is shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

View_co = TypeVar("View_co", bound=QWidget, covariant=True)


class LazyTab(QWidget, Generic[View_co]):
    """A tab whose view is made the first time it is needed.

    Generic in the view it makes, so ``LazyTab[HistoryView].view()`` is a
    ``HistoryView`` to a type checker, not just a widget.
    """

    view_made = Signal(QWidget)  # the view, just made

    def __init__(self, name: str, make: Callable[[], View_co]) -> None:
        super().__init__(objectName=f"{name}Tab")
        self.name = name
        self._make = make
        self.made: View_co | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def view(self) -> View_co:
        if self.made is None:
            self.made = self._make()
            self._layout.addWidget(self.made)
            # Shown now, not when the event loop next runs: a view made while
            # its tab is already on screen is ready once view() returns.
            self.made.show()
            self.view_made.emit(self.made)
        return self.made
