"""Rehearsal: the camera preview, the question, the clock against the target, the mic level, the
state, and the controls (Space stops the answer, R repeats the question, N moves on).

Everything slow runs elsewhere: the camera on a CameraThread (frames arrive as QImage in a
mailbox polled at display rate), the rehearsal itself in the session flow's worker. This page only
draws what they report, so the GUI thread never waits on a device or a model.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mockinterview.core.settings import Settings
from mockinterview.gui.camera_worker import CameraThread
from mockinterview.gui.level_meter import LevelMeter
from mockinterview.gui.model_loader import ModelLoader
from mockinterview.gui.preview_view import PreviewView

log = logging.getLogger(__name__)

DISPLAY_INTERVAL_MS = 33  # ms, ~30 fps preview refresh; the camera thread may run slower


def open_camera(settings: Settings):
    """A FrameSource for the camera setting: a webcam index, or a video file played in real time."""
    from mockinterview.core.vision.frames import VideoFileSource, WebcamSource

    camera = settings.camera.camera.strip()
    if camera.isdigit():
        return WebcamSource(int(camera), settings.camera.width, settings.camera.height)
    return VideoFileSource(camera, realtime=True)


def _clock(seconds: float) -> str:
    seconds = max(0.0, seconds)
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


class RehearsalPage(QWidget):
    finished = Signal(str)  # session id, once the session is stored
    error = Signal(str)

    def __init__(self, settings: Settings, models: ModelLoader) -> None:
        super().__init__()
        self.settings = settings
        self.models = models
        self.camera: CameraThread | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 12)
        top = QHBoxLayout()
        self.question_label = QLabel("Start a rehearsal from Home.")
        self.question_label.setProperty("role", "question")
        self.question_label.setWordWrap(True)
        top.addWidget(self.question_label, 1)
        self.show_question = QCheckBox("Show question text")
        self.show_question.setChecked(settings.interview.show_question_text)
        self.show_question.toggled.connect(self._question_visibility)
        top.addWidget(self.show_question, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)

        middle = QHBoxLayout()
        self.preview = PreviewView()
        middle.addWidget(self.preview, 1)
        side = QVBoxLayout()
        side.setSpacing(10)
        self.state_label = QLabel("Idle")
        self.state_label.setProperty("role", "subtitle")
        side.addWidget(self.state_label)
        self.clock_label = QLabel("0:00")
        self.clock_label.setProperty("role", "title")
        side.addWidget(self.clock_label)
        self.target_label = QLabel("")
        self.target_label.setProperty("role", "hint")
        self.target_label.setWordWrap(True)
        side.addWidget(self.target_label)
        side.addWidget(QLabel("Microphone"))
        self.level = LevelMeter()
        side.addWidget(self.level)
        self.nudge_label = QLabel("")
        self.nudge_label.setProperty("role", "nudge")
        self.nudge_label.setWordWrap(True)
        self.nudge_label.setVisible(False)
        side.addWidget(self.nudge_label)
        self.notice_label = QLabel("")
        self.notice_label.setProperty("role", "warning")
        self.notice_label.setWordWrap(True)
        self.notice_label.setVisible(False)
        side.addWidget(self.notice_label)
        side.addStretch(1)

        buttons = QGridLayout()
        self.stop_button = QPushButton("Done answering (Space)")
        self.stop_button.setProperty("role", "primary")
        self.repeat_button = QPushButton("Repeat question (R)")
        self.next_button = QPushButton("Next question (N)")
        self.retake_button = QPushButton("Retake answer")
        self.pause_button = QPushButton("Pause")
        self.calibrate_button = QPushButton("Calibrate posture")
        self.end_button = QPushButton("End session")
        buttons.addWidget(self.stop_button, 0, 0, 1, 2)
        buttons.addWidget(self.repeat_button, 1, 0)
        buttons.addWidget(self.next_button, 1, 1)
        buttons.addWidget(self.retake_button, 2, 0)
        buttons.addWidget(self.pause_button, 2, 1)
        buttons.addWidget(self.calibrate_button, 3, 0)
        buttons.addWidget(self.end_button, 3, 1)
        side.addLayout(buttons)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setFixedWidth(330)
        middle.addWidget(side_widget)
        layout.addLayout(middle, 1)
        self._controls = (
            self.stop_button,
            self.repeat_button,
            self.next_button,
            self.retake_button,
            self.pause_button,
            self.calibrate_button,
            self.end_button,
        )
        for button in self._controls:
            button.setEnabled(False)

        for key, button in (
            (Qt.Key.Key_Space, self.stop_button),
            (Qt.Key.Key_R, self.repeat_button),
            (Qt.Key.Key_N, self.next_button),
        ):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(button.click)

        self.display_timer = QTimer(self)
        self.display_timer.setInterval(DISPLAY_INTERVAL_MS)
        self.display_timer.timeout.connect(self._refresh_display)

    # -- camera preview -------------------------------------------------------------------

    def start_preview(self) -> None:
        """Show the camera (or the video file standing in for it) without recording anything."""
        self.stop_preview()
        self.preview.show_message("Opening the camera…")
        settings = self.settings
        self.camera = CameraThread(lambda: open_camera(settings), parent=self)
        self.camera.failed.connect(self._camera_failed)
        self.camera.start()
        self.display_timer.start()

    def stop_preview(self) -> None:
        if self.camera is not None:
            self.camera.stop()
            self.camera = None

    def _camera_failed(self, message: str) -> None:
        self.preview.show_message(f"{message}\n\nThe rehearsal continues audio-only.")
        self.notice_label.setText("No camera: audio-only rehearsal (no body-language cues).")
        self.notice_label.setVisible(True)

    def _refresh_display(self) -> None:
        if self.camera is not None:
            image = self.camera.mailbox.take()
            if image is not None:
                self.preview.show_image(image)

    def _question_visibility(self, shown: bool) -> None:
        self.question_label.setVisible(shown)

    # -- window hooks ---------------------------------------------------------------------

    def start(self, bank: str, count: int) -> None:
        self.start_preview()

    def apply_settings(self, settings: Settings) -> None:
        self.settings = settings
        self.show_question.setChecked(settings.interview.show_question_text)

    def shutdown(self) -> None:
        """Window closing: stop the camera (and the session, keeping what was recorded)."""
        self.display_timer.stop()
        self.stop_preview()
