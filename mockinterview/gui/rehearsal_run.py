"""One rehearsal in the background: builds the session flow's devices and runs it on a QThread.

The flow (core/session/flow.py) is headless and blocking; this thread owns it and relays each
FlowEvent as a Qt signal. The camera is not the flow's: the page's CameraThread hands the newest
frame to `analyse_frame` (landmarks and cues through the flow, at the analysis's own rate) and to
`record_frame` (the session recording, at the encoder's rate), and every frame to `paint_frame`
(the overlay of the latest analysis), so the preview, the recording and the analysis share one
camera and neither the preview nor the recording waits for the analysis. Hardware is injected:
`audio_source(n)` gives the AudioSource of the n-th answer (the microphone in the app, a file in
tests).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QThread, Signal

from mockinterview.core.session.store import SessionStore
from mockinterview.core.settings import Settings
from mockinterview.core.speech.room import VoiceGate
from mockinterview.gui.workers import readable_error

log = logging.getLogger(__name__)

AudioSourceFactory = Callable[[int], Any]


class LevelTap:
    """Wraps an AudioSource and remembers, for the level meter, the level of the newest block
    and the room's noise floor as `gate` follows it (one gate for the whole rehearsal)."""

    def __init__(
        self, source: Any, level: list[tuple[float, float | None]], gate: VoiceGate
    ) -> None:
        self._source = source
        self._level = level
        self._gate = gate

    def __getattr__(self, name: str) -> Any:
        """Everything but `read` (sample_rate, exhausted, start, stop) is the source's own."""
        return getattr(self._source, name)

    def read(self, timeout: float) -> np.ndarray | None:
        from mockinterview.core.speech.capture import block_level_dbfs

        block = self._source.read(timeout)
        if block is not None and len(block):
            dbfs = block_level_dbfs(block)
            self._gate.is_voice(dbfs)
            self._level[0] = (dbfs, self._gate.floor_dbfs)
        return block


class RehearsalRun(QThread):
    """Emits `flow_event(FlowEvent)` while running, then `done(session_id)` or `failed(text)`."""

    flow_event = Signal(object)
    notice = Signal(str)
    done = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        settings: Settings,
        store: SessionStore,
        whisper_model: Any,
        bank: str,
        count: int,
        audio_source: AudioSourceFactory | None,
        camera_opened: Callable[[], bool],
        speak_questions: bool = True,
        question_ids: tuple[str, ...] = (),
        room_floor_dbfs: float | None = None,
    ) -> None:
        """`room_floor_dbfs`: the room's noise floor from the microphone check, if one ran: the
        first answer's voice is then judged against the room from its first block."""
        super().__init__()
        self.settings = settings
        self.store = store
        self.whisper_model = whisper_model
        self.bank = bank
        self.count = count
        self.audio_source = audio_source
        self.camera_opened = camera_opened
        self.speak_questions = speak_questions
        self.question_ids = question_ids
        self.flow: Any = None
        self.room_floor_dbfs = room_floor_dbfs
        self.level: list[tuple[float, float | None]] = [(-100.0, room_floor_dbfs)]
        self._meter_gate = VoiceGate(settings.delivery, room_floor_dbfs)
        self.cue_state: Any = None
        self.marks: Any = None  # LandmarkFrame of the latest analysed frame, for the overlay
        # Commands sent before the flow exists (it is built after the devices, which takes
        # seconds on a busy machine), given to it once it does: a camera lost in that time
        # pauses the session instead of being forgotten, a window closed ends it.
        self._commands_lock = threading.Lock()
        self._early_commands: list[str] = []
        self.overlay = settings.camera.overlay  # read per frame: the page may toggle it live
        # The camera thread may still deliver a frame after the flow has ended; the detector is
        # closed under this lock, so a late frame is shown unanalysed instead of hitting a
        # closed MediaPipe graph.
        self._analysis_lock = threading.Lock()
        self._analysis_open = True
        self._detector: Any = None

    # -- called from other threads ----------------------------------------------------------

    def frame_consumers(self) -> dict[str, Callable[[np.ndarray, float], None]]:
        """What the CameraThread feeds, each at its own rate on a thread of its own."""
        return {"camera-analysis": self.analyse_frame, "camera-recording": self.record_frame}

    def analyse_frame(self, image_bgr: np.ndarray, _at_s: float) -> None:
        """Landmarks and cues through the flow."""
        with self._analysis_lock:
            flow = self.flow if self._analysis_open else None
            result = flow.analyse_frame(image_bgr) if flow is not None else None
        if result is not None:
            self.marks, self.cue_state = result

    def record_frame(self, image_bgr: np.ndarray, _at_s: float) -> None:
        """Into the session recording, at the session clock (a frame before the flow exists
        or after its recording closed is left out)."""
        flow = self.flow
        if flow is not None:
            flow.record_frame(image_bgr)

    def paint_frame(self, image_bgr: np.ndarray, _at_s: float) -> np.ndarray:
        """The CameraThread's painter (every frame): skeleton and gaze of the latest analysis."""
        import cv2

        marks = self.marks
        if self.overlay and marks is not None:
            from mockinterview.core.vision.overlay import draw_overlay

            # Only skeleton and gaze: cue badges stay off the picture (one nudge, beside it).
            image_bgr = draw_overlay(image_bgr, marks, None)
        return cv2.cvtColor(image_bgr, cv2.COLOR_BGR2RGB)

    def command(self, name: str) -> None:
        """next / skip / repeat / retake / pause / resume / end / recalibrate, to the flow (kept
        for it until it exists)."""
        with self._commands_lock:
            flow = self.flow
            if flow is None:
                self._early_commands.append(name)
                return
        getattr(flow, name)()

    # -- the thread -------------------------------------------------------------------------

    def _devices(self):
        from mockinterview.core.session.rehearsal_devices import build_devices
        from mockinterview.core.speech.asr import Transcriber
        from mockinterview.core.speech.capture import microphone_sources

        sources = self.audio_source or microphone_sources(
            self.settings.audio.microphone, self.settings.audio.sample_rate
        )
        devices = build_devices(
            self.settings,
            lambda index: LevelTap(sources(index), self.level, self._meter_gate),
            Transcriber.from_settings(self.settings, self.whisper_model),
            speak=self.speak_questions,
            warn=self.notice.emit,
            watch_body=self.camera_opened(),
            follow_ups=self.audio_source is None,  # a microphone can answer a follow-up
        )
        self._detector = devices.detector  # closed here, after the camera's last frame
        return devices

    def run(self) -> None:
        from mockinterview.core.questions import load_bank
        from mockinterview.core.session.flow import InterviewFlow
        from mockinterview.core.session.plan import plan_interview, retake_plan

        try:
            bank = load_bank(self.bank)
            plan = (
                retake_plan(bank, self.question_ids)
                if self.question_ids
                else plan_interview(
                    bank,
                    self.count,
                    self.settings.interview.order,
                    last_asked=self.store.last_asked(bank.name),
                )
            )
            devices = self._devices()
            flow = InterviewFlow(
                plan,
                self.store,
                self.settings,
                devices,
                on_event=self.flow_event.emit,
                room_floor_dbfs=self.room_floor_dbfs,
            )
            with self._commands_lock:
                self.flow = flow
                early, self._early_commands = self._early_commands, []
            for name in early:
                getattr(flow, name)()
            session_id = flow.run()
        except Exception as exc:  # every failure becomes a message in the window
            self.failed.emit(readable_error(exc))
            return
        finally:
            with self._analysis_lock:
                self._analysis_open = False
                if self._detector is not None:
                    self._detector.close()
        self.done.emit(session_id)
