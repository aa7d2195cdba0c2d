"""Rehearsal: the camera preview, the question, the clock against the target, the mic level, the
state, and the controls (Space stops the answer, R repeats the question, N moves on, C takes the
posture baseline again after the camera or the seat moved).

Everything slow runs elsewhere: the camera on a CameraThread (each frame arrives as a QImage
already scaled to the preview, with the overlay of the latest analysis), the rehearsal itself in
the session flow's worker. This page only draws what they report, so the GUI thread never waits
on a device or a model.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal, Slot
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

from mockinterview.core.questions import Question
from mockinterview.core.session.store import SessionStore
from mockinterview.core.settings import Settings
from mockinterview.core.vision.calibration import CALIBRATING_PROMPT
from mockinterview.gui.camera_worker import CameraThread, open_camera
from mockinterview.gui.level_meter import LevelMeter
from mockinterview.gui.model_loader import ModelLoader
from mockinterview.gui.nudges import NudgePicker
from mockinterview.gui.preview_view import PreviewView
from mockinterview.gui.rehearsal_run import AudioSourceFactory, RehearsalRun
from mockinterview.gui.theme import role_label

log = logging.getLogger(__name__)

DISPLAY_INTERVAL_MS = 33  # ms between clock, level and nudge refreshes; frames come as they arrive
CAMERA_OPEN_WAIT_S = 10.0  # s the session waits for the camera before going audio-only
STATE_TEXT = {
    "greeting": "The interviewer greets you",
    "speaking": "Asking the question",
    "thinking": "Thinking time",
    "listening": "Listening: answer now",
    "transcribing": "Transcribing your answer…",
    "answer_stored": "Answer saved",
    "composing": "The interviewer words a follow-up…",
    "paused": "Paused",
    "finished": "Session finished",
}


def question_heading(question: Question, index: int, planned: Sequence[Question]) -> str:
    """ "Question 2 of 5: ..." counting the questions picked. The closing question every plan
    adds after them is named as such: picking 2 questions read "Question 1 of 3"."""
    if question.closing:
        return f"Closing question: {question.text}"
    total = sum(1 for q in planned if not q.closing)
    return f"Question {index + 1} of {total}: {question.text}"


def _clock(seconds: float) -> str:
    seconds = max(0.0, seconds)
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


class RehearsalPage(QWidget):
    finished = Signal(str)  # session id, once the session is stored
    interrupted = Signal(str)  # session id, when it stopped unfinished (a full disk)
    error = Signal(str)
    # Over, or never started, with no report to open (no answer, a failure, a full disk): the
    # window's work in the background may go on, as it does once a rehearsal's report opens.
    stopped = Signal()

    def __init__(self, settings: Settings, models: ModelLoader, store: SessionStore) -> None:
        super().__init__()
        self.settings = settings
        self.models = models
        self.store = store
        self.camera: CameraThread | None = None
        self._retiring: list[CameraThread] = []
        self._camera_lost = False  # the camera failed mid-session: Resume tries it again
        self.run: RehearsalRun | None = None
        # Hardware injection: None records from the configured microphone; tests pass files.
        self.audio_source: AudioSourceFactory | None = None
        self.speak_questions = True
        self.room_floor_dbfs: float | None = None  # from Home's microphone check, once it ran
        self.nudges = NudgePicker()
        self._pending: tuple[str, int, tuple[str, ...]] | None = None
        self._phase = "idle"
        # The answer clock: seconds counted before a pause, plus the running stretch.
        self._counted_s = 0.0
        self._counting = False
        self._target: tuple[float, float] | None = None
        self._question_count = 0
        self._elapsed = QElapsedTimer()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 12)
        layout.addLayout(self._question_bar())
        # Only once the label has a parent: shown before, it flashed up as a window of its own
        # (and took the activation from the main window when built after it).
        self.question_label.setVisible(self.show_question.isChecked())
        middle = QHBoxLayout()
        self.preview = PreviewView()
        middle.addWidget(self.preview, 1)
        middle.addWidget(self._side_panel())
        layout.addLayout(middle, 1)
        self._connect_controls()

        self.display_timer = QTimer(self)
        self.display_timer.setInterval(DISPLAY_INTERVAL_MS)
        self.display_timer.timeout.connect(self._refresh_display)

    # -- building the page ----------------------------------------------------------------

    def _question_bar(self) -> QHBoxLayout:
        """The question (hidden when the user rehearses by ear) and the two view switches."""
        top = QHBoxLayout()
        self.question_label = role_label("question", "Start a rehearsal from Home.")
        top.addWidget(self.question_label, 1)
        self.show_question = QCheckBox("Show question text")
        self.show_question.setChecked(self.settings.interview.show_question_text)
        self.show_question.toggled.connect(self._question_visibility)
        top.addWidget(self.show_question, 0, Qt.AlignmentFlag.AlignTop)
        self.show_overlay = QCheckBox("Skeleton and gaze")
        self.show_overlay.setChecked(self.settings.camera.overlay)
        self.show_overlay.toggled.connect(self._overlay_toggled)
        top.addWidget(self.show_overlay, 0, Qt.AlignmentFlag.AlignTop)
        return top

    def _side_panel(self) -> QWidget:
        """State, answer clock, target, microphone level, nudge and notice, then the buttons."""
        side = QVBoxLayout()
        side.setSpacing(10)
        self.state_label = role_label("subtitle", "Idle")
        side.addWidget(self.state_label)
        self.clock_label = role_label("title", "0:00", wrap=False)
        side.addWidget(self.clock_label)
        self.target_label = role_label("hint")
        side.addWidget(self.target_label)
        side.addWidget(QLabel("Microphone"))
        self.level = LevelMeter(self.settings.delivery)
        side.addWidget(self.level)
        self.nudge_label = role_label("nudge", hidden=True)
        side.addWidget(self.nudge_label)
        self.focus_label = role_label("nudge", hidden=True)  # the habit a retake practises
        side.addWidget(self.focus_label)
        self.notice_label = role_label("warning", hidden=True)
        self._microphone_notice = False  # the notice is about the microphone (see _notice)
        side.addWidget(self.notice_label)
        side.addStretch(1)
        side.addLayout(self._control_buttons())
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setFixedWidth(330)
        return side_widget

    def _control_buttons(self) -> QGridLayout:
        """The session controls, disabled until a rehearsal starts."""
        buttons = QGridLayout()
        self.stop_button = QPushButton("Done answering (Space)")
        self.stop_button.setProperty("role", "primary")
        self.repeat_button = QPushButton("Repeat question (R)")
        self.next_button = QPushButton("Next question (N)")
        self.retake_button = QPushButton("Retake answer")
        self.pause_button = QPushButton("Pause")
        self.recalibrate_button = QPushButton("Recalibrate (C)")
        self.recalibrate_button.setToolTip(
            "Sit upright facing the camera and press C: posture and eye contact are then judged "
            "against how you sit now (after the camera or your seat moved)."
        )
        self.end_button = QPushButton("End session")
        buttons.addWidget(self.stop_button, 0, 0, 1, 2)
        buttons.addWidget(self.repeat_button, 1, 0)
        buttons.addWidget(self.next_button, 1, 1)
        buttons.addWidget(self.retake_button, 2, 0)
        buttons.addWidget(self.pause_button, 2, 1)
        buttons.addWidget(self.recalibrate_button, 3, 0)
        buttons.addWidget(self.end_button, 3, 1)
        self._controls = (
            self.stop_button,
            self.repeat_button,
            self.next_button,
            self.retake_button,
            self.pause_button,
            self.recalibrate_button,
            self.end_button,
        )
        for button in self._controls:
            button.setEnabled(False)
        return buttons

    def _connect_controls(self) -> None:
        """Buttons and their keyboard shortcuts (active while the page has focus)."""
        for key, button in (
            (Qt.Key.Key_Space, self.stop_button),
            (Qt.Key.Key_R, self.repeat_button),
            (Qt.Key.Key_N, self.next_button),
            (Qt.Key.Key_C, self.recalibrate_button),
        ):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(button.click)
        self.stop_button.clicked.connect(lambda: self._command("next"))
        self.next_button.clicked.connect(self._next_question)
        self.repeat_button.clicked.connect(lambda: self._command("repeat"))
        self.retake_button.clicked.connect(lambda: self._command("retake"))
        self.pause_button.clicked.connect(self._toggle_pause)
        self.recalibrate_button.clicked.connect(self._recalibrate)
        self.end_button.clicked.connect(lambda: self._command("end"))

    # -- camera preview -------------------------------------------------------------------

    def start_preview(self, painter=None, consumers=None) -> None:
        """Show the camera (or the video file standing in for it): `painter` draws on every
        frame, each of `consumers` sees the newest one at its own rate (camera_worker)."""
        self.stop_preview()
        self.preview.show_message("Opening the camera…")
        settings = self.settings
        self.camera = CameraThread(
            lambda: open_camera(settings), painter, parent=self, consumers=consumers
        )
        self.camera.failed.connect(self._camera_failed)
        self.camera.frame_ready.connect(self._show_frame)
        self._show_frame()  # tells the camera the preview's size before its first frame
        self.camera.start()
        self.display_timer.start()

    def stop_preview(self, wait: bool = True) -> None:
        """`wait=False` keeps the GUI responsive; the thread is then kept in `_retiring` until it
        ends, because a QThread destroyed while running aborts the whole process."""
        camera, self.camera = self.camera, None
        if camera is None:
            return
        if not wait:
            self._retiring.append(camera)
            camera.finished.connect(self._camera_retired)
        camera.stop(wait)

    @Slot()
    def _camera_retired(self) -> None:
        """A camera thread stopped without waiting has ended: it may be let go."""
        camera = self.sender()
        if camera in self._retiring:
            self._retiring.remove(camera)

    @Slot(str)
    def _camera_failed(self, message: str) -> None:
        camera = self.camera
        if self.run is not None and camera is not None and camera.camera_ok:
            # Lost mid-session (unplugged): pause rather than go on half-seen; Resume reopens it.
            self._camera_lost = True
            self._command("pause")
            self.preview.show_message(
                f"{message}\n\nThe session is paused and what you said is kept. Reconnect the "
                "camera and press Resume, or press Resume to go on without video."
            )
            self._notice("The camera stopped: the session is paused.")
            return
        self.preview.show_message(f"{message}\n\nThe rehearsal goes on audio-only.")
        self._notice("No camera: audio-only rehearsal (no body-language cues).")

    @Slot()
    def _show_frame(self) -> None:
        """Each camera frame as it arrives, already scaled to the preview (painted 1:1)."""
        camera = self.camera
        if camera is None:
            return
        ratio = self.preview.devicePixelRatioF()
        camera.display_size = (
            round(self.preview.width() * ratio),
            round(self.preview.height() * ratio),
        )
        image = camera.mailbox.take()
        if image is not None:
            image.setDevicePixelRatio(ratio)
            self.preview.show_image(image)

    def _refresh_display(self) -> None:
        run = self.run
        if run is None:
            return
        dbfs, floor = run.level[0]
        self.level.set_level(dbfs if self._phase == "listening" else -100.0, floor)
        if self._counting:
            self._show_clock(self._counted_s + self._elapsed.elapsed() / 1000.0)
        state = run.cue_state
        if state is not None:
            # Guided calibration over the picture: "Look into the camera lens: 2 s", or why the
            # last try was refused (head turned, eyes elsewhere) while it tries again.
            self.preview.set_guide(state.calibration_prompt)
            if state.calibrating and self._phase in ("greeting", "speaking", "listening"):
                self.state_label.setText(
                    f"{STATE_TEXT.get(self._phase, '')} · calibrating: {CALIBRATING_PROMPT}"
                )
            text = (
                self.nudges.feed(
                    state.active,
                    state.timestamp_s,
                    # While calibrating, the state line asks for the shoulders already.
                    shoulders_missing=not state.calibrating
                    and state.face_visible
                    and state.measures.shoulder_width is None,
                )
                if self.settings.interview.live_nudges
                else None
            )
            self.nudge_label.setText(text or "")
            self.nudge_label.setVisible(bool(text))

    def _overlay_toggled(self, shown: bool) -> None:
        if self.run is not None:
            self.run.overlay = shown

    def _question_visibility(self, shown: bool) -> None:
        self.question_label.setVisible(shown)

    @Slot(str)
    def _notice(self, message: str, microphone: bool = False) -> None:
        """`microphone`: about the microphone (it sent nothing, no voice, nothing was heard),
        so an answer heard later takes it away: the person fixed it."""
        self.notice_label.setText(message)
        self.notice_label.setVisible(True)
        self._microphone_notice = microphone

    # -- the session ----------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.run is not None

    def start(
        self, bank: str, count: int, question_ids: tuple[str, ...] = (), focus: str = ""
    ) -> None:
        """Start a rehearsal now, or as soon as the models have loaded; `question_ids` picks
        those questions of the bank (a retake) instead of the first `count`; `focus` is the
        habit being practised, kept in view for the whole rehearsal."""
        if self.running or self._pending is not None:
            self.error.emit("A rehearsal is already running: end it first.")
            return
        self.notice_label.setVisible(False)
        self.nudge_label.setVisible(False)
        self.focus_label.setText(focus)
        self.focus_label.setVisible(bool(focus))
        self.nudges = NudgePicker()
        if self.models.is_ready:
            self._begin(bank, count, question_ids)
            return
        if self.models.error is not None:
            self.error.emit(f"Cannot rehearse: {self.models.error}")
            self.stopped.emit()
            return
        self._pending = (bank, count, question_ids)
        self.state_label.setText("Loading speech and vision models…")
        self.question_label.setText("Getting ready…")
        self.models.ready.connect(self._models_ready)
        self.models.failed.connect(self._models_failed)
        self.models.start()

    def _models_ready(self) -> None:
        self._disconnect_models()
        if self._pending is not None:
            bank, count, question_ids = self._pending
            self._pending = None
            self._begin(bank, count, question_ids)

    def _models_failed(self, message: str) -> None:
        self._disconnect_models()
        self._pending = None
        self.state_label.setText("Cannot rehearse")
        self.error.emit(f"Cannot rehearse: {message}")
        self.stopped.emit()

    def _disconnect_models(self) -> None:
        self.models.ready.disconnect(self._models_ready)
        self.models.failed.disconnect(self._models_failed)

    def _begin(self, bank: str, count: int, question_ids: tuple[str, ...]) -> None:
        run = RehearsalRun(
            self.settings,
            self.store,
            self.models.whisper,
            bank,
            count,
            self.audio_source,
            camera_opened=lambda: self._camera_opened(),
            speak_questions=self.speak_questions,
            question_ids=question_ids,
            room_floor_dbfs=self.room_floor_dbfs,
        )
        self.run = run
        run.overlay = self.show_overlay.isChecked()
        run.flow_event.connect(self._on_event)
        run.notice.connect(self._notice)
        run.done.connect(self._done)
        run.failed.connect(self._failed)
        self._question_count = count
        self.state_label.setText("Preparing the interviewer…")
        self.question_label.setText("Getting ready…")
        self.start_preview(run.paint_frame, run.frame_consumers())
        run.start()
        self.end_button.setEnabled(True)

    def _camera_opened(self) -> bool:
        camera = self.camera
        return camera is not None and camera.wait_opened(CAMERA_OPEN_WAIT_S)

    @Slot(object)
    def _on_event(self, event) -> None:
        phase = str(event.phase)
        if phase in ("error", "advice"):
            self._notice(event.message, microphone=phase == "advice")
            if phase == "error":  # also in the window's error line, which outlasts this page
                self.error.emit(event.message)
            return
        previous, self._phase = self._phase, phase
        self.state_label.setText(STATE_TEXT.get(phase, phase))
        if phase == "answer_stored" and event.message:  # nothing was heard in it
            self._notice(event.message, microphone=True)
        elif phase == "answer_stored" and self._microphone_notice:
            self.notice_label.setVisible(False)  # heard: the microphone works
            self._microphone_notice = False
        if phase == "composing":  # the language model's follow-up, streaming in
            self.question_label.setText(f"Follow-up: {event.message}▍")
        elif event.question is not None:
            planned = self.run.flow.plan.questions if self.run and self.run.flow else ()
            self.question_label.setText(question_heading(event.question, event.index, planned))
            target = self._target = event.question.target_s
            self.target_label.setText(
                f"Aim for {_clock(target[0])}–{_clock(target[1])}" if target else ""
            )
        elif phase == "greeting":
            self.question_label.setText(event.message)
        if phase == "listening":
            if previous != "paused":  # a new answer or a retake: the clock starts again
                self._counted_s = 0.0
            self._elapsed.start()
            self._counting = True
        elif self._counting:  # paused, or the answer ended: the clock holds its value
            self._counted_s += self._elapsed.elapsed() / 1000.0
            self._counting = False
            self._show_clock(self._counted_s)
        self._update_buttons()

    def _show_clock(self, seconds: float) -> None:
        """Elapsed answer time; amber once past the question's target length."""
        self.clock_label.setText(_clock(seconds))
        over = self._target is not None and seconds > self._target[1]
        self.clock_label.setStyleSheet("color: #c98a14;" if over else "")

    def _update_buttons(self) -> None:
        phase = self._phase
        active = self.running and phase not in ("finished", "transcribing")
        for button in self._controls:
            button.setEnabled(active)
        self.end_button.setEnabled(self.running)
        self.stop_button.setText(
            "Done answering (Space)" if phase == "listening" else "Answer now (Space)"
        )
        self.pause_button.setText("Resume" if phase == "paused" else "Pause")

    def _command(self, name: str) -> None:
        if self.run is not None:
            self.run.command(name)

    def _next_question(self) -> None:
        """N: while answering, the answer is complete (store it); before that, skip the question."""
        self._command("next" if self._phase == "listening" else "skip")

    def _recalibrate(self) -> None:
        """C: take the body baseline again; the nudge that asked for it has been answered."""
        flow = self.run.flow if self.run is not None else None
        if flow is None:
            return
        if flow.recalibrate():
            self.nudges = NudgePicker()
            self.nudge_label.setVisible(False)
            self.state_label.setText("Recalibrating: sit upright, facing the camera")
        else:
            self._notice("No camera picture is analysed, so there is nothing to recalibrate.")

    def _toggle_pause(self) -> None:
        if self._phase == "paused" and self._camera_lost and self.run is not None:
            self._camera_lost = False
            self.start_preview(self.run.paint_frame, self.run.frame_consumers())  # back
        self._command("resume" if self._phase == "paused" else "pause")

    def _finish_run(self) -> None:
        run = self.run
        self.run = None
        if run is not None:
            run.wait()  # it has emitted its last signal: returns at once
        self.stop_preview(wait=False)
        self.display_timer.stop()
        self._phase = "idle"
        self._counting = False
        self.level.set_level(-100.0)
        self._update_buttons()

    @Slot(str)
    def _done(self, session_id: str) -> None:
        flow = self.run.flow if self.run else None
        answered = flow.answer_count if flow else 0
        self._finish_run()
        if flow is not None and flow.status == "interrupted":
            # A full disk stopped it with what was said still on disk: recovery is offered now
            # (Home's banner), not only at the next start.
            self.state_label.setText("Rehearsal stopped")
            self.question_label.setText(
                "The session stopped before it finished. Free some disk space, then recover it."
            )
            self.interrupted.emit(session_id)
            self.stopped.emit()
            return
        self.state_label.setText(STATE_TEXT["finished"])
        if not answered:  # ended before any answer (e.g. the microphone failed): no report
            self.question_label.setText("The session ended before any answer was recorded.")
            self.stopped.emit()
            return
        self.question_label.setText("Well done. Your report is ready.")
        self.finished.emit(session_id)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._finish_run()
        self.state_label.setText("Rehearsal stopped")
        self.question_label.setText(message)
        self.error.emit(message)
        self.stopped.emit()

    # -- window hooks ---------------------------------------------------------------------

    def apply_settings(self, settings: Settings) -> None:
        self.settings = settings
        self.level.thresholds = settings.delivery
        self.show_question.setChecked(settings.interview.show_question_text)
        self.show_overlay.setChecked(settings.camera.overlay)

    def shutdown(self) -> None:
        """Window closing: end the session (the answer in progress is stored), stop the camera."""
        self._pending = None
        run, self.run = self.run, None
        if run is not None:
            run.command("end")
            run.wait()  # the flow stores the answer in progress and closes the recording
        self.display_timer.stop()
        self.stop_preview()
        for camera in list(self._retiring):
            camera.wait(10000)
