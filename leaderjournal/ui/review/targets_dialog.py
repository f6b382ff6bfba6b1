"""Choosing target leans: overall and per dimension, each optional."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from leaderjournal.domain.dimensions import DIMENSIONS, OVERALL
from leaderjournal.domain.review import TARGET_BAND


class TargetsDialog(QDialog):
    """Emits ``chosen`` with {key: lean or None} when the person presses OK."""

    chosen = Signal(dict)

    def __init__(
        self, current: dict[str, float], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("targetsDialog")
        self.setWindowTitle("Target leans")
        self.boxes: dict[str, QCheckBox] = {}
        self.spins: dict[str, QSpinBox] = {}
        grid = QGridLayout()
        rows = [(OVERALL, "Overall lean"), *((d.key, d.name) for d in DIMENSIONS)]
        for row, (key, name) in enumerate(rows):
            box = QCheckBox(name, objectName=f"target_{key}")
            spin = QSpinBox(objectName=f"targetValue_{key}")
            spin.setRange(-100, 100)
            spin.setSingleStep(5)
            spin.setAccessibleName(f"Target for {name}")
            spin.setValue(round(current.get(key, 0)))
            box.setChecked(key in current)
            spin.setEnabled(key in current)
            box.toggled.connect(spin.setEnabled)
            grid.addWidget(box, row, 0)
            grid.addWidget(spin, row, 1)
            self.boxes[key] = box
            self.spins[key] = spin
        explanation = QLabel(
            "A target is the mix you want: \u2212100 all managing, 0 balanced, "
            f"+100 all leading. Charts show it as a band of ±{TARGET_BAND:g}; "
            "the weekly review says how far the week was from it. Both styles "
            "have their place."
        )
        explanation.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(grid)
        layout.addWidget(buttons)

    def values(self) -> dict[str, float | None]:
        return {
            key: float(self.spins[key].value()) if box.isChecked() else None
            for key, box in self.boxes.items()
        }

    def _accept(self) -> None:
        self.chosen.emit(self.values())
        self.accept()
