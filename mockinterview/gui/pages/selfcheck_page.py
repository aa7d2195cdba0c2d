"""Self-check: a guided body-language routine on the live camera, then a pass/fail table.

The routine and its verdicts are core's (core/vision/selfcheck.py, the same as `mockinterview
selfcheck VIDEO`); this page only shows the camera with the current prompt over it, polls the
latest state at display rate, and offers to keep the personal slouch thresholds found.
Landmarks and cues run on the CameraThread (the painter), never on the GUI thread.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mockinterview.core.settings import Settings, load_settings
from mockinterview.core.vision.selfcheck import (
    STEPS,
    SelfCheck,
    SelfCheckResult,
    SelfCheckState,
    Step,
    load_personal,
    reset_personal,
    routine_length_s,
    save_personal,
)
from mockinterview.gui.camera_worker import CameraThread, open_camera
from mockinterview.gui.preview_view import PreviewView
from mockinterview.gui.workers import readable_error

STATUS_TEXT = {
    "pass": "✔ seen",
    "fail": "✘ not seen",
    "not visible": "– not visible",
    "not reached": "– not reached",
}


class SelfCheckPage(QWidget):
    """See the module docstring. `steps` is the routine (tests give a short one); a `detector`
    given here is used for one run and left open (tests load it before the clock starts),
    otherwise the camera thread loads one on its first frame and closes it after."""

    settings_changed = Signal(object)  # the Settings with personal thresholds saved or reset
    error = Signal(str)
    # True while the routine has the camera: each frame is analysed as it comes, and work in
    # the background (gui/transcript_refiner.py) would cost it frames, and the table its truth.
    running = Signal(bool)

    def __init__(
        self,
        settings: Settings,
        config_path: Path,
        record_dir: Path,
        steps: tuple[Step, ...] = STEPS,
        detector: Any = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.config_path = config_path
        self.record_dir = record_dir
        self.camera: CameraThread | None = None
        self.result: SelfCheckResult | None = None
        self._check: SelfCheck | None = None
        self._state: SelfCheckState | None = None
        self._lock = threading.Lock()
        self._detector: Any = detector
        self._own_detector = detector is None

        title = QLabel("Body-language self-check")
        title.setProperty("role", "title")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setProperty("role", "hint")
        self.steps = steps
        self.preview = PreviewView()
        self.preview.setMinimumSize(360, 270)
        self.step_label = QLabel("Press Start when you sit where you rehearse.")
        self.step_label.setProperty("role", "question")
        self.step_label.setWordWrap(True)
        self.progress_label = QLabel("")
        self.progress_label.setProperty("role", "hint")
        self.start_button = QPushButton("Start the self-check")
        self.start_button.setProperty("role", "primary")
        self.stop_button = QPushButton("Stop")
        self.stop_button.setEnabled(False)

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Cue", "Result", "What the camera saw"])
        self.table.verticalHeader().setVisible(False)
        # Rows follow their wrapped text as the window is resized: sized once when the result
        # came, a long "not visible" advice was cut to "Mo…" at 1100 px wide.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.personal_label = QLabel("")
        self.personal_label.setWordWrap(True)
        self.save_button = QPushButton("Use my slouch thresholds")
        self.save_button.setEnabled(False)
        self.reset_button = QPushButton("Reset to the defaults")

        controls = QHBoxLayout()
        controls.addWidget(self.start_button)
        controls.addWidget(self.stop_button)
        controls.addStretch(1)
        side = QVBoxLayout()
        side.addWidget(self.step_label)
        side.addWidget(self.progress_label)
        side.addLayout(controls)
        side.addWidget(self.table, 1)
        side.addWidget(self.personal_label)
        personal_buttons = QHBoxLayout()
        personal_buttons.addWidget(self.save_button)
        personal_buttons.addWidget(self.reset_button)
        personal_buttons.addStretch(1)
        side.addLayout(personal_buttons)
        body = QHBoxLayout()
        body.addWidget(self.preview, 3)
        body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.intro)
        layout.addLayout(body, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(100)  # ms: the prompt and countdown at a readable pace
        self.timer.timeout.connect(self._refresh)
        self.start_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        self.save_button.clicked.connect(self._save)
        self.reset_button.clicked.connect(self._reset)
        self._show_personal()

    @property
    def steps(self) -> tuple[Step, ...]:
        return self._steps

    @steps.setter
    def steps(self, steps: tuple[Step, ...]) -> None:
        """The routine, and the length the page announces for it: one cannot change alone
        (a routine replaced after the page was built still said "About 89 seconds")."""
        self._steps = steps
        length = round(routine_length_s(steps))
        self.intro.setText(
            f"About {length} seconds: follow each prompt on the picture. The check shows which "
            "habits the camera can see on you in this framing, and learns your own slouch so "
            "later sessions judge you by it."
        )

    # -- camera thread ----------------------------------------------------------------------

    def _paint(self, image_bgr: np.ndarray, at_s: float) -> np.ndarray:
        """On the CameraThread: landmarks, the routine, the skeleton; returns the RGB picture."""
        import cv2

        from mockinterview.core.vision.body import fit_width
        from mockinterview.core.vision.frames import Frame
        from mockinterview.core.vision.landmarks import LandmarkDetector
        from mockinterview.core.vision.overlay import draw_overlay

        with self._lock:
            check = self._check
            if check is not None:
                if self._detector is None:
                    self._detector = LandmarkDetector()
                marks = self._detector.detect(fit_width(Frame(image_bgr, at_s)))
                self._state = check.feed(marks)
                image_bgr = draw_overlay(image_bgr, marks, None)
        return cv2.cvtColor(image_bgr, cv2.COLOR_BGR2RGB)

    # -- GUI thread -------------------------------------------------------------------------

    def start(self) -> None:
        self.stop()
        self.result = None
        self.table.setRowCount(0)
        with self._lock:
            self._check = SelfCheck(self.settings.body, self.steps)
            self._state = None
        self.preview.show_message("Opening the camera…")
        settings = self.settings
        self.camera = CameraThread(lambda: open_camera(settings), self._paint, parent=self)
        self.camera.failed.connect(self._camera_failed)
        self.camera.ended.connect(self._finish)  # a video file standing in for the camera
        self.camera.start()
        self.timer.start()
        self.start_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.running.emit(True)

    def stop(self) -> None:
        """End the routine now (the camera thread is waited for: it may be mid-frame)."""
        self.timer.stop()
        camera, self.camera = self.camera, None
        if camera is not None:
            camera.stop(wait=True)
        with self._lock:
            if self._detector is not None and self._own_detector:
                self._detector.close()
                self._detector = None
        self.preview.set_guide(None)
        self.start_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        if camera is not None:
            self.running.emit(False)

    def shutdown(self) -> None:
        self.stop()

    def hideEvent(self, event) -> None:
        """Leaving the page abandons a routine in progress (and frees the camera)."""
        self.stop()
        super().hideEvent(event)

    @Slot(str)
    def _camera_failed(self, message: str) -> None:
        self.stop()
        self.preview.show_message(f"{message}\n\nThe self-check needs a camera.")
        self.error.emit(message)

    def _refresh(self) -> None:
        if self.camera is not None:
            image = self.camera.mailbox.take()
            if image is not None:
                self.preview.show_image(image)
        state = self._state
        if state is None:
            return
        if state.step is None:
            self._finish()
            return
        step = state.step
        if state.preparing:
            guide = f"{step.prompt} … {state.step_remaining_s - step.hold_s:.0f}"
        else:
            guide = f"{step.prompt}: hold it, {state.step_remaining_s:.0f} s"
        if state.cue_state.calibration_prompt and step.cue is None:
            guide += f"\n{state.cue_state.calibration_prompt}"
        self.preview.set_guide(guide)
        self.step_label.setText(step.prompt)
        self.progress_label.setText(f"Step {state.index + 1} of {len(self.steps)}")

    @Slot()
    def _finish(self) -> None:
        with self._lock:
            check, self._check = self._check, None
        self.stop()
        if check is not None:
            self.show_result(check.finish())

    def show_result(self, result: SelfCheckResult) -> None:
        """Fill the pass/fail table and offer the personal thresholds found."""
        self.result = result
        self.step_label.setText("Done: here is what the camera saw.")
        self.progress_label.setText("")
        self.table.setRowCount(len(result.rows))
        for row, check in enumerate(result.rows):
            cells = (check.label, STATUS_TEXT[check.status], check.detail)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(check.detail)
                self.table.setItem(row, column, item)
        self._show_personal()
        self.save_button.setEnabled(bool(result.personal))

    def _save(self) -> None:
        if self.result is None or not self.result.personal:
            return
        try:
            save_personal(self.config_path, self.record_dir, self.result)
            self.settings = load_settings(self.config_path)
        except Exception as exc:  # a settings file that cannot be written or read
            self.error.emit(readable_error(exc))
            return
        self.save_button.setEnabled(False)
        self._show_personal()
        self.settings_changed.emit(self.settings)

    def _reset(self) -> None:
        try:
            reset_personal(self.config_path, self.record_dir)
            self.settings = load_settings(self.config_path)
        except Exception as exc:
            self.error.emit(readable_error(exc))
            return
        self._show_personal()
        self.settings_changed.emit(self.settings)

    def _show_personal(self) -> None:
        record = load_personal(self.record_dir)
        body = self.settings.body
        whose = (
            "the defaults"
            if record is None
            else f"yours, from the self-check of {record['saved_at'][:10]}"
        )
        text = (
            f"Slouch thresholds in use: {whose} (head {body.slouch_drop:.0%} lower against the "
            f"shoulders, or sunk {body.slouch_sink:.2f} shoulder widths)."
        )
        note = f"{self.result.personal_note}\n" if self.result is not None else ""
        self.personal_label.setText(note + text)
        self.reset_button.setEnabled(record is not None)
