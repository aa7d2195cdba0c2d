"""The main window. A placeholder until the rehearsal, report and history pages land."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow

from mockinterview.core.settings import Settings


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.setWindowTitle("MockInterview")
        self.setMinimumSize(960, 640)
        label = QLabel("MockInterview\n\nRehearsal pages are on their way.")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(label)
