""" "Export for a coach…": pick the moments to share, then write a folder anyone can open.

The folder is core/report/packet.py's: the report, and a short clip of the recording around each
picked moment. The first moment of each tip is picked to start with; nothing else of the
recording leaves the app.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mockinterview.core.counting import counted
from mockinterview.core.report.model import Report
from mockinterview.core.report.packet import PacketMoment, packet_moments, write_packet
from mockinterview.gui.theme import role_label
from mockinterview.gui.workers import run_in_background


class PacketDialog(QDialog):
    """Emits `written(folder)` once the packet is on disk."""

    written = Signal(Path)
    failed = Signal(str)

    def __init__(self, report: Report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.moments = packet_moments(report)
        self.setWindowTitle("Export for a coach or a friend")
        self.setMinimumSize(620, 420)
        layout = QVBoxLayout(self)
        has_recording = bool(report.recording) and Path(report.recording).is_file()
        intro = (
            "A folder to share without any account: the report (with every answer and how it "
            "compares with earlier attempts) and a short clip around each moment you tick. "
            "Only those seconds of the recording go in it."
        )
        if not has_recording:
            intro += " This session kept no recording, so the folder holds the report only."
        layout.addWidget(role_label("hint", intro))
        self.list = QListWidget()
        seen_tips: set[str] = set()
        for picked in self.moments:
            item = QListWidgetItem(picked.label(report))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            first = picked.tip.key not in seen_tips
            seen_tips.add(picked.tip.key)
            on = first and has_recording
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            if not has_recording:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        if not self.moments:
            self.list.addItem("No tip has moments in this session: the folder holds the report.")
        layout.addWidget(self.list, 1)
        self.status = role_label("hint", "")
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.write_button = QPushButton("Choose a folder and write…")
        self.write_button.setProperty("role", "primary")
        self.write_button.clicked.connect(self.choose)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.write_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

    def chosen(self) -> list[PacketMoment]:
        return [
            picked
            for row, picked in enumerate(self.moments)
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Write the folder into", str(Path.home()))
        if folder:
            self.write(Path(folder))

    def write(self, out_dir: Path) -> None:
        """Cut the clips and write the folder on a pool thread."""
        report, chosen = self.report, self.chosen()
        self.write_button.setEnabled(False)
        self.status.setText(f"Writing the report and {counted(len(chosen), 'clip')}…")
        run_in_background(
            lambda: write_packet(report, chosen, out_dir), self._written, self._failed
        )

    def _written(self, folder: Path) -> None:
        self.write_button.setEnabled(True)
        self.status.setText(f"Written: {folder} (open index.html in it).")
        self.written.emit(folder)

    def _failed(self, message: str) -> None:
        self.write_button.setEnabled(True)
        self.status.setText(message)
        self.failed.emit(message)
