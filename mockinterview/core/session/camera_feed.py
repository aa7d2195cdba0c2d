"""The camera side of a rehearsal: frames into the recording, through landmarks, into body cues.

Three ways frames arrive, one path for all of them (`observe`):
- a GUI camera worker hands each frame in (the preview and the analysis share one camera);
- live, the feed's own thread analyses the newest frame of a webcam (`start_live`);
- from a file camera, the flow asks for the frames up to its virtual clock (`catch_up`).

The BodyRecorder keeps its calibration across answers; `start_answer` / `finish_answer` cut out
one answer's body block. A camera that fails is reported through `on_error` and the session goes
on audio-only.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import numpy as np

from mockinterview.core.errors import MockInterviewError
from mockinterview.core.session.recording import SessionRecording
from mockinterview.core.thresholds import BodyThresholds
from mockinterview.core.vision.body import FILE_ANALYSIS_FPS, BodyRecorder, fit_width
from mockinterview.core.vision.frames import (
    Frame,
    FrameSource,
    LatestFrameGrabber,
    NewestFrameWorker,
)
from mockinterview.core.vision.landmarks import LandmarkDetector

# From files, frames are analysed at up to FILE_ANALYSIS_FPS, the one analysis rate that
# `mockinterview analyze` also uses (every frame still goes into the recording). Live, the
# camera worker's "newest frame only" sets the rate instead.


class CameraFeed:
    """See the module docstring. `clock()` gives the session clock for frames without a time."""

    def __init__(
        self,
        camera: FrameSource | None,
        detector: LandmarkDetector | None,
        thresholds: BodyThresholds,
        clock: Callable[[], float],
        on_error: Callable[[str], None],
        realtime: bool,
    ) -> None:
        self.camera = camera
        self.detector = detector
        self.recording: SessionRecording | None = None  # set once the flow has opened it
        self.body = BodyRecorder(thresholds) if detector is not None else None
        self._clock = clock
        self._on_error = on_error
        self._realtime = realtime
        self._body_lock = threading.Lock()  # the camera thread feeds while the flow summarises
        self._frames_until_s = 0.0
        self._last_analysed_s = -1.0
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self.frames_analysed = 0  # how far analysis kept up with the camera, for the benchmarks

    def observe(self, image: np.ndarray, at_s: float | None = None):
        """One camera frame: into the recording, through the landmarks, into the body cues.

        Returns (LandmarkFrame, CueState) for an overlay, or None when no analysis ran.
        """
        at = self._clock() if at_s is None else at_s
        self.record(image, at)
        return self.analyse(image, at)

    def record(self, image: np.ndarray, at_s: float | None = None) -> None:
        """A frame into the session recording (thread-safe: SessionRecording locks)."""
        if self.recording is not None:
            self.recording.add_frame(image, self._clock() if at_s is None else at_s)

    def analyse(self, image: np.ndarray, at_s: float | None = None):
        """A frame through the landmarks into the body cues: (LandmarkFrame, CueState), or None
        when no analysis ran. Thread-safe for one caller at a time."""
        at = self._clock() if at_s is None else at_s
        if self.detector is None or self.body is None:
            return None
        if not self._realtime and at - self._last_analysed_s < 1.0 / FILE_ANALYSIS_FPS:
            return None
        self._last_analysed_s = at
        marks = self.detector.detect(fit_width(Frame(image, at)))
        self.frames_analysed += 1
        with self._body_lock:
            return marks, self.body.feed(marks)

    def catch_up(self, until_s: float) -> None:
        """From a file camera: read its frames up to `until_s` on the session clock."""
        if self.camera is None:
            return
        while self._frames_until_s <= until_s:
            try:
                frame = self.camera.read()
            except MockInterviewError as exc:
                self._on_error(f"The camera stopped ({exc}); going on without video.")
                frame = None
            if frame is None:
                self.camera = None
                return
            self._frames_until_s = frame.timestamp_s
            self.observe(frame.image, frame.timestamp_s)

    def start_live(self) -> None:
        """Analyse a live camera on the feed's own thread until `stop()`."""
        if self.camera is None:
            return
        self._thread = threading.Thread(target=self._live_loop, name="flow-camera", daemon=True)
        self._thread.start()

    def _live_loop(self) -> None:
        """Hand the newest camera frame to the recording and to the analysis, each at its own
        rate (the same split as the GUI's camera worker).

        Skipping (LatestFrameGrabber, NewestFrameWorker) keeps cues and the recording in step
        with the present on a slow machine, instead of drifting behind it; the recording has the
        rate the encoder achieved, no longer the analysis's.
        """
        grabber = LatestFrameGrabber(self.camera).start()

        def failed(exc: Exception) -> None:
            self._on_error(f"The camera's frames could not be used ({exc}).")

        workers = [
            NewestFrameWorker(lambda image, _at: self.record(image), failed, "flow-recording"),
            NewestFrameWorker(lambda image, _at: self.analyse(image), failed, "flow-analysis"),
        ]
        try:
            while not self._stop.is_set():
                try:
                    frame = grabber.latest(timeout_s=0.5)
                except MockInterviewError as exc:
                    self._on_error(f"The camera stopped ({exc}); going on without video.")
                    return
                if frame is not None:
                    for worker in workers:
                        worker.offer(frame.image, frame.timestamp_s)
                elif grabber.ended:
                    return
        finally:
            for worker in workers:
                worker.stop()
            grabber.stop()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    # -- body cues per answer ----------------------------------------------------------------

    def recalibrate(self) -> bool:
        """Restart the body baseline from the next frames; False without body feedback."""
        if self.body is None:
            return False
        with self._body_lock:
            self.body.recalibrate()
        return True

    def start_answer(self) -> None:
        if self.body is not None:
            with self._body_lock:
                self.body.start_answer()

    def leave_out(self, from_s: float, to_s: float) -> None:
        """The answer stopped from `from_s` to `to_s` (session clock) and goes on: a pause, or a
        microphone lost and back. Frames of that stretch are not the answer's, and its body times
        after it close up over it, as its audio does (BodyRecorder.leave_out)."""
        if self.body is not None:
            with self._body_lock:
                self.body.leave_out(from_s, to_s)

    def finish_answer(self, until_s: float) -> dict[str, Any] | None:
        """The body block of the answer from `start_answer` to `until_s` (session clock, when
        the person stopped), or None without body feedback."""
        if self.body is None:
            return None
        with self._body_lock:
            return self.body.finish_answer(until_s)
