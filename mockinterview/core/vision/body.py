"""The `body` block of the analysis contract (docs/contracts.md): live per answer, or for a file.

Two ways in, one result shape:

- Live (rehearsal flow): one `BodyRecorder` per session, fed every analysed frame; it keeps its
  calibration across answers. Call `start_answer()` when an answer begins and `finish_answer()`
  when it ends to get that answer's body block (event times relative to the answer's start)::

      recorder = BodyRecorder(settings.body)
      state = recorder.feed(detector.detect(frame))      # CueState, for the overlay / nudges
      recorder.start_answer(); ...; block = recorder.finish_answer()

- A file (`mockinterview analyze VIDEO`): `analyze_video_body(path, progress=callback)` decodes,
  runs the landmarks and returns `BodyAnalysis(block, warnings)`.

Percentages are shares (0-100) of the analysed time, each frame weighted by how long it was on
screen, so a dropped frame in the live path does not skew them. Debounced cues (slouching, crossed
arms, fidgeting) count the time covered by their events; smile and face visibility count raw
frames; eye contact is face-visible time minus time in "eye_contact_lost" events, so the
calibration seconds count as eye contact (the baseline is, by definition, looking at the camera).

A metric the camera could not judge is None, never 0: "0 % slouching" or "100 % eye contact"
would be praise for something nobody saw. Eye contact and fidgeting need the calibrated baseline;
slouching needs it with the shoulders in it; crossed arms and fidgeting (hand and head motion
relative to the shoulders) need the shoulders in view. Each is
None when it was judged at no frame of the answer (CueState.judged), and `notes` says why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mockinterview.core.errors import MediaError
from mockinterview.core.thresholds import BodyThresholds
from mockinterview.core.vision.cues import CueEvent, CueState, CueTracker
from mockinterview.core.vision.frames import Frame, VideoFileSource
from mockinterview.core.vision.landmarks import LandmarkDetector, LandmarkFrame

log = logging.getLogger(__name__)

# The analysis models were measured at 640x480 (benchmarks/bench_vision.py); larger frames cost
# more to convert and gain nothing, since MediaPipe resizes to its own input size anyway.
ANALYSIS_MAX_WIDTH = 640

# Files are analysed at up to 15 frames per second: the live path's target rate (issue 4), ample
# for cues that last at least 0.3 s, and it keeps a 60 s 30 fps answer (speech + body) under a
# minute on a 2-core laptop (benchmarks/bench_vision.py). `max_fps=None` analyses every frame.
ANALYSIS_MAX_FPS = 15.0

NO_PERSON_NOTE = "No person was found in the video, so there is no body-language feedback."
NOT_CALIBRATED_NOTE = (
    "Calibration did not finish (the face was not steady in view long enough), so eye contact, "
    "posture and fidgeting were not measured."
)
NO_SHOULDERS_NOTE = (
    "Posture, crossed arms and fidgeting were not measured: the shoulders were not in view. "
    "Sit a little further from the camera so your shoulders show."
)
# The block field of each metric that may be None, and the cue whose judged time it needs.
MEASURED_BY = {
    "eye_contact_pct": "eye_contact_lost",
    "slouch_pct": "slouching",
    "crossed_arms_pct": "crossed_arms",
    "fidget_pct": "fidgeting",
}


@dataclass(frozen=True)
class BodyAnalysis:
    """The body block plus warnings for the user (e.g. the file broke off part-way)."""

    block: dict[str, Any]
    duration_s: float  # seconds of video read (up to the break in a truncated file)
    warnings: tuple[str, ...] = ()


def _clipped_seconds(events: list[CueEvent], cue: str, start: float, end: float) -> float:
    total = 0.0
    for event in events:
        if event.cue == cue:
            total += max(0.0, min(event.end, end) - max(event.start, start))
    return total


class BodyRecorder:
    """Tracks cues over a session and summarises them per answer; see the module docstring."""

    def __init__(self, thresholds: BodyThresholds | None = None) -> None:
        self.tracker = CueTracker(thresholds)
        self._answer_start: float | None = None
        self._reset_tally()

    def _reset_tally(self) -> None:
        self._frames = 0
        self._first_t: float | None = None
        self._prev: tuple[float, bool, bool, bool] | None = None  # t, face, smile, pose
        self._time = 0.0
        self._face_time = 0.0
        self._smile_time = 0.0
        self._pose_time = 0.0
        self._judged: frozenset[str] = frozenset()
        self._judged_time: dict[str, float] = {}

    @property
    def frames(self) -> int:
        """Frames fed since the answer started."""
        return self._frames

    def recalibrate(self) -> None:
        self.tracker.recalibrate()

    def start_answer(self) -> None:
        """The answer starts with the next frame fed; earlier frames only serve calibration."""
        self._answer_start = None
        self._reset_tally()

    def _attribute(self, until: float) -> None:
        if self._prev is None:
            return
        t, face, smile, pose = self._prev
        dt = max(0.0, until - t)
        self._time += dt
        self._face_time += dt if face else 0.0
        self._smile_time += dt if smile else 0.0
        self._pose_time += dt if pose else 0.0
        for cue in self._judged:
            self._judged_time[cue] = self._judged_time.get(cue, 0.0) + dt

    def feed(self, marks: LandmarkFrame) -> CueState:
        state = self.tracker.feed(marks)
        now = marks.timestamp_s
        if self._answer_start is None:
            self._answer_start = now
            self._first_t = now
        self._attribute(now)
        self._prev = (now, state.face_visible, "smile" in state.raw, marks.pose is not None)
        self._judged = state.judged
        self._frames += 1
        return state

    def finish_answer(self) -> dict[str, Any]:
        """The body block for the frames since `start_answer()` (or since the first frame)."""
        if self._frames == 0 or self._first_t is None or self._prev is None:
            return empty_body_block("No camera frames were analysed for this answer.")
        last_t = self._prev[0]
        typical_dt = (last_t - self._first_t) / (self._frames - 1) if self._frames > 1 else 0.0
        self._attribute(last_t + typical_dt)
        self._prev = None
        total = self._time
        start = self._answer_start if self._answer_start is not None else self._first_t
        end = start + total
        events = [
            e
            for e in self.tracker.events_until(last_t)
            if e.end > start and e.start < end and e.end > e.start
        ]

        def pct(seconds: float) -> float:
            return round(100.0 * seconds / total, 1) if total > 0 else 0.0

        face_pct = pct(self._face_time)
        lost = _clipped_seconds(events, "eye_contact_lost", start, end)
        measured = {
            field: self._judged_time.get(cue, 0.0) > 0 for field, cue in MEASURED_BY.items()
        }
        notes = []
        if self._face_time == 0 and self._pose_time == 0:
            notes.append(NO_PERSON_NOTE)
        elif not measured["eye_contact_pct"]:
            notes.append(NOT_CALIBRATED_NOTE)
        if self._face_time > 0 and not measured["slouch_pct"] and not measured["crossed_arms_pct"]:
            notes.append(NO_SHOULDERS_NOTE)
        block = {
            "frames_analyzed": self._frames,
            "fps_analyzed": round((self._frames - 1) / (last_t - self._first_t), 1)
            if last_t > self._first_t
            else 0.0,
            "face_visible_pct": face_pct,
            "eye_contact_pct": max(0.0, round(face_pct - pct(lost), 1)),
            "smile_pct": pct(self._smile_time),
            "slouch_pct": pct(_clipped_seconds(events, "slouching", start, end)),
            "crossed_arms_pct": pct(_clipped_seconds(events, "crossed_arms", start, end)),
            "fidget_pct": pct(_clipped_seconds(events, "fidgeting", start, end)),
        }
        for field, was_measured in measured.items():
            if not was_measured:
                block[field] = None
        block |= {
            "events": [
                CueEvent(e.cue, max(e.start, start) - start, min(e.end, end) - start).as_dict()
                for e in events
            ],
            "notes": notes,
        }
        self._answer_start = None
        self._reset_tally()
        return block


def empty_body_block(note: str) -> dict[str, Any]:
    """The block for an answer without usable frames: the reason, never made-up data."""
    return {
        "frames_analyzed": 0,
        "fps_analyzed": 0.0,
        "face_visible_pct": 0.0,
        "smile_pct": 0.0,
        **dict.fromkeys(MEASURED_BY),
        "events": [],
        "notes": [note],
    }


def fit_width(frame: Frame, max_width: int = ANALYSIS_MAX_WIDTH) -> Frame:
    """Downscale frames wider than the analysis size (keeps the aspect ratio)."""
    if frame.width <= max_width:
        return frame
    import cv2

    height = round(frame.height * max_width / frame.width)
    image = cv2.resize(frame.image, (max_width, height), interpolation=cv2.INTER_AREA)
    return Frame(image, frame.timestamp_s)


def analyze_video_body(
    path: str | Path,
    thresholds: BodyThresholds | None = None,
    progress: Callable[[float], None] | None = None,
    detector: LandmarkDetector | None = None,
    max_fps: float | None = ANALYSIS_MAX_FPS,
) -> BodyAnalysis:
    """Run landmarks and cues over every frame of a video file (one answer spanning the file).

    `progress` gets the fraction done (0-1) about twice a second of video. Raises MediaError for
    a missing, empty or unreadable file; a file that breaks off part-way is analysed up to the
    break and says so in `warnings`.
    """
    source = VideoFileSource(path, max_fps=max_fps)
    recorder = BodyRecorder(thresholds)
    own_detector = detector is None
    detector = detector or LandmarkDetector()
    if not own_detector:
        detector.reset()
    step = max(int(min(source.nominal_fps, max_fps or source.nominal_fps) // 2), 1)
    last_t = 0.0
    try:
        with source:
            for index, frame in enumerate(source):
                last_t = frame.timestamp_s
                recorder.feed(detector.detect(fit_width(frame)))
                if progress is not None and source.duration_s and index % step == 0:
                    progress(min(frame.timestamp_s / source.duration_s, 1.0))
    finally:
        if own_detector:
            detector.close()
    warnings = []
    if source.truncated_at is not None:
        warnings.append(
            f"{source.path}: the video breaks off at {source.truncated_at:.1f} s (truncated or "
            "damaged file); body language was analysed up to there."
        )
    if recorder.frames == 0:
        if source.truncated_at is not None:
            raise MediaError(f"{source.path}: no video frame could be decoded (damaged file).")
        raise MediaError(f"{source.path}: the video track has no frames.")
    if progress is not None:
        progress(1.0)
    duration = last_t + 1.0 / source.nominal_fps
    return BodyAnalysis(recorder.finish_answer(), round(duration, 2), tuple(warnings))
