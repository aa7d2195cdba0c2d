"""The prep checklist as a dialog: before, on the day, after; each tick is saved at once."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from mockinterview.core.checklist import PHASE_TITLES, checklist, load_ticks, set_ticked
from mockinterview.core.errors import MockInterviewError


class ChecklistDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Interview prep checklist")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.status = QLabel("")
        self.status.setProperty("role", "hint")
        self.status.setWordWrap(True)
        self.boxes: dict[str, QCheckBox] = {}
        try:
            entries = checklist(load_ticks())
        except MockInterviewError as exc:  # a broken ticks file: say so, show the items unticked
            self.status.setText(str(exc))
            entries = checklist(frozenset())
        for phase, title in PHASE_TITLES.items():
            group = QGroupBox(title)
            group_layout = QVBoxLayout(group)
            for entry in entries:
                if entry.phase != phase:
                    continue
                box = QCheckBox(entry.text)
                box.setChecked(entry.ticked)
                box.toggled.connect(lambda ticked, item=entry.id: self._tick(item, ticked))
                group_layout.addWidget(box)
                self.boxes[entry.id] = box
            layout.addWidget(group)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _tick(self, item_id: str, ticked: bool) -> None:
        try:
            set_ticked(item_id, ticked)
        except MockInterviewError as exc:
            self.status.setText(str(exc))
        else:
            self.status.setText("Saved.")
