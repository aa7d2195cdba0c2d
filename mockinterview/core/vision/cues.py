"""Body-language cues from LandmarkFrame sequences: per-frame state plus {cue, start, end} events.

Pure and single-threaded (architecture section 1): `CueTracker.feed(marks) -> CueState` for each
analysed frame, `finish() -> list[CueEvent]` at the end; time comes only from the frames, so the
same code judges a live camera, a file, or a hand-built landmark sequence in a test.

Each cue first has a per-frame raw condition (a pure `*_raw` function below), then a `Debounce`
gives it a minimum duration before it turns on (backdated to when the condition began, so the event
covers the whole moment) and a hysteresis before it turns off, so one noisy frame neither starts
nor ends a flag.

Cue names (the `cue` of events; `CueState.active` holds the ones on now):

- posture: "slouching", "crossed_arms", "knees_wide" (only with hips, knees, ankles visible)
- gaze: "eye_contact_lost" (looking away longer than a glance), "staring" (no blink for long)
- nerves: "fidgeting" (hand/head motion above the person's baseline), "face_touch",
  "foot_tapping" (legs visible only)
- face: "smile" (good), "eye_roll", "head_tilt"
- framing: "face_not_visible", "too_close", "too_far", "too_dark"
- "recalibrate": the body moved/scaled so much (camera or seat moved) that baseline-relative cues
  are paused until `recalibrate()` is called.

Crossed arms: no real footage of folded arms was available, so that cue's tests are built from
landmark sequences (tests/vision/test_cues.py) and say so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from mockinterview.core.thresholds import BodyThresholds
from mockinterview.core.vision.calibration import (
    Baseline,
    BodyMeasures,
    Calibrator,
    measure,
    pose_points,
)
from mockinterview.core.vision.landmarks import (
    LEFT_ANKLE,
    LEFT_ELBOW,
    LEFT_HIP,
    LEFT_INDEX,
    LEFT_KNEE,
    LEFT_SHOULDER,
    LEFT_WRIST,
    NOSE,
    RIGHT_ANKLE,
    RIGHT_ELBOW,
    RIGHT_HIP,
    RIGHT_INDEX,
    RIGHT_KNEE,
    RIGHT_SHOULDER,
    RIGHT_WRIST,
    LandmarkFrame,
)

CUES = (
    "slouching",
    "crossed_arms",
    "knees_wide",
    "eye_contact_lost",
    "staring",
    "fidgeting",
    "face_touch",
    "foot_tapping",
    "smile",
    "eye_roll",
    "head_tilt",
    "face_not_visible",
    "too_close",
    "too_far",
    "too_dark",
    "recalibrate",
)
# What each cue is called wherever a person reads it: the live overlay badge, the timeline lane
# of the report and its "while you said 'um'" sentences. One table, so the words never drift.
CUE_LABELS = {
    "slouching": "Slouching",
    "crossed_arms": "Arms crossed",
    "knees_wide": "Knees wide apart",
    "eye_contact_lost": "Eye contact lost",
    "staring": "Staring, no blink",
    "fidgeting": "Fidgeting",
    "face_touch": "Hand at your face",
    "foot_tapping": "Foot tapping",
    "smile": "Smiling",
    "eye_roll": "Eye roll",
    "head_tilt": "Head tilted",
    "face_not_visible": "Face not visible",
    "too_close": "Too close to the camera",
    "too_far": "Too far from the camera",
    "too_dark": "Too dark",
    "recalibrate": "Camera or seat moved",
}
# Judged against the calibrated baseline: paused while calibrating or asking to recalibrate.
BASELINE_CUES = frozenset(
    {"slouching", "eye_contact_lost", "staring", "fidgeting", "eye_roll", "head_tilt"}
)
HEAD_POINTS = range(0, 11)  # pose nose, eyes, ears, mouth
LEG_POINTS = (LEFT_HIP, RIGHT_HIP, LEFT_KNEE, RIGHT_KNEE, LEFT_ANKLE, RIGHT_ANKLE)


@dataclass(frozen=True)
class CueEvent:
    """One flagged moment, in seconds on the frames' clock."""

    cue: str
    start: float
    end: float

    def as_dict(self) -> dict[str, float | str]:
        return {"cue": self.cue, "start": round(self.start, 2), "end": round(self.end, 2)}


@dataclass(frozen=True)
class CueState:
    """What the tracker concluded at one frame: what the overlay and live nudges show."""

    timestamp_s: float
    calibrating: bool
    active: frozenset[str]  # debounced cues that are on now
    raw: frozenset[str]  # this frame's conditions before debouncing
    face_visible: bool
    eye_contact: bool  # face visible and not currently in "eye_contact_lost"
    # Cues that could be judged at this frame (baseline ready, the body parts they need in
    # view): a cue absent here was not measured, which is not the same as "did not happen".
    judged: frozenset[str]
    motion_energy: float  # shoulder widths/s, smoothed
    measures: BodyMeasures = field(repr=False)

    @property
    def needs_recalibration(self) -> bool:
        return "recalibrate" in self.active


class Debounce:
    """Minimum duration on, hysteresis off, for one cue. Backdates the start to the raw onset."""

    def __init__(self, cue: str, min_on_s: float, off_s: float) -> None:
        self.cue = cue
        self.min_on_s = min_on_s
        self.off_s = off_s
        self.active = False
        self._raw_since: float | None = None
        self._false_since: float | None = None

    def update(self, t: float, raw: bool) -> CueEvent | None:
        """Feed one frame; returns the event that just ended, if any."""
        if raw:
            self._false_since = None
            if self._raw_since is None:
                self._raw_since = t
            if not self.active and t - self._raw_since >= self.min_on_s:
                self.active = True
            return None
        if self._raw_since is None:
            return None
        if self._false_since is None:
            self._false_since = t
        if t - self._false_since < self.off_s:
            return None
        event = CueEvent(self.cue, self._raw_since, self._false_since) if self.active else None
        self.active = False
        self._raw_since = self._false_since = None
        return event

    def close(self, t: float) -> CueEvent | None:
        """End the cue now (end of stream or recalibration), returning its event if it was on."""
        event = None
        if self.active and self._raw_since is not None:
            event = CueEvent(self.cue, self._raw_since, self._false_since or t)
        self.active = False
        self._raw_since = self._false_since = None
        return event

    def open_event(self, t: float) -> CueEvent | None:
        """The event so far if the cue is on (for a report read mid-stream)."""
        if not self.active or self._raw_since is None:
            return None
        return CueEvent(self.cue, self._raw_since, self._false_since or t)


def _visible(points: np.ndarray, indexes, thresholds: BodyThresholds) -> bool:
    return bool(np.all(points[list(indexes), 2] >= thresholds.visibility_min))


def crossed_arms_raw(marks: LandmarkFrame, thresholds: BodyThresholds) -> bool:
    """Both wrists past the body midline and near the opposite elbow or shoulder.

    Hands clasped in front meet at the midline but do not pass it toward the other arm, and one
    arm across the body is not both; either way this stays False.
    """
    points = pose_points(marks)
    needed = (LEFT_SHOULDER, RIGHT_SHOULDER, LEFT_ELBOW, RIGHT_ELBOW, LEFT_WRIST, RIGHT_WRIST)
    if points is None or not _visible(points, needed, thresholds):
        return False
    xy = points[:, :2]
    width = float(np.linalg.norm(xy[LEFT_SHOULDER] - xy[RIGHT_SHOULDER]))
    if width <= 1e-4:
        return False
    mid_x = (xy[LEFT_SHOULDER, 0] + xy[RIGHT_SHOULDER, 0]) / 2
    # Which image side is the person's left: they may face the camera (usual) or not.
    left_side = 1.0 if xy[LEFT_SHOULDER, 0] >= xy[RIGHT_SHOULDER, 0] else -1.0
    past = thresholds.crossed_arms_past_midline * width
    left_crossed = (xy[LEFT_WRIST, 0] - mid_x) * left_side < -past
    right_crossed = (xy[RIGHT_WRIST, 0] - mid_x) * left_side > past
    reach = thresholds.crossed_arms_reach * width

    def near(wrist: int, elbow: int, shoulder: int) -> bool:
        return (
            min(np.linalg.norm(xy[wrist] - xy[elbow]), np.linalg.norm(xy[wrist] - xy[shoulder]))
            < reach
        )

    return bool(
        left_crossed
        and right_crossed
        and near(LEFT_WRIST, RIGHT_ELBOW, RIGHT_SHOULDER)
        and near(RIGHT_WRIST, LEFT_ELBOW, LEFT_SHOULDER)
    )


def slouching_raw(measures: BodyMeasures, baseline: Baseline, thresholds: BodyThresholds) -> bool:
    """Head sunk toward the shoulders, or the whole upper body sunk, relative to upright."""
    if measures.nose_lift is None or baseline.nose_lift is None or not baseline.shoulder_width:
        return False
    dropped = measures.nose_lift < baseline.nose_lift * (1.0 - thresholds.slouch_drop)
    sunk = (measures.nose_y or 0.0) - (baseline.nose_y or 0.0) > (
        thresholds.slouch_sink * baseline.shoulder_width
    )
    return bool(dropped or sunk)


def looking_away_raw(
    measures: BodyMeasures, baseline: Baseline, thresholds: BodyThresholds
) -> bool:
    """Head outside the cone around the calibrated camera direction, or the eyes turned away."""
    if measures.face_width is None:
        return False

    def off(value: float | None, base: float | None, limit: float) -> bool:
        return value is not None and base is not None and abs(value - base) > limit

    return (
        off(measures.yaw_deg, baseline.yaw_deg, thresholds.gaze_yaw_deg)
        or off(measures.pitch_deg, baseline.pitch_deg, thresholds.gaze_pitch_deg)
        or off(measures.iris_x, baseline.iris_x, thresholds.gaze_iris_offset)
        or off(measures.iris_y, baseline.iris_y, thresholds.gaze_iris_offset)
    )


def _head_box(marks: LandmarkFrame, points: np.ndarray, thresholds: BodyThresholds):
    """The face's box in image widths: the face mesh when seen, else the pose head points
    (a hand over the face often hides the mesh but not the pose)."""
    if marks.face is not None:
        xy = marks.face[:, :2].astype(float) * (1.0, 1.0 / marks.aspect)
        x0, y0 = xy.min(axis=0)
        x1, y1 = xy.max(axis=0)
        return x0, y0, x1, y1
    head = points[list(HEAD_POINTS)]
    head = head[head[:, 2] >= thresholds.visibility_min]
    if len(head) < 3:
        return None
    x0, y0 = head[:, 0].min(), head[:, 1].min()
    x1, y1 = head[:, 0].max(), head[:, 1].max()
    # The pose head points stop at the mouth and the eyebrows: the face is taller than that.
    size = max(x1 - x0, 1e-4)
    return x0, y0 - size * 0.3, x1, y1 + size * 0.4


def face_touch_raw(marks: LandmarkFrame, thresholds: BodyThresholds) -> bool:
    """A visible index fingertip inside the face's box (a gesture beside or below the chin is
    not a touch: seen on franck.mp4 at 8.3 s)."""
    points = pose_points(marks)
    if points is None:
        return False
    box = _head_box(marks, points, thresholds)
    if box is None:
        return False
    x0, y0, x1, y1 = box
    margin = thresholds.face_touch_margin * max(x1 - x0, 1e-4)
    for tip in (LEFT_INDEX, RIGHT_INDEX):
        x, y, visibility = points[tip]
        if (
            visibility >= thresholds.visibility_min
            and x0 - margin <= x <= x1 + margin
            and y0 - margin <= y <= y1  # no slack below the chin, where hands gesture
        ):
            return True
    return False


def legs_visible(marks: LandmarkFrame, thresholds: BodyThresholds) -> bool:
    points = pose_points(marks)
    return points is not None and _visible(points, LEG_POINTS, thresholds)


def knees_wide_raw(marks: LandmarkFrame, thresholds: BodyThresholds) -> bool:
    """Knees far wider apart than the hips (only judged when hips, knees and ankles show)."""
    if not legs_visible(marks, thresholds):
        return False
    xy = pose_points(marks)[:, :2]  # type: ignore[index]
    hips = float(np.linalg.norm(xy[LEFT_HIP] - xy[RIGHT_HIP]))
    knees = float(np.linalg.norm(xy[LEFT_KNEE] - xy[RIGHT_KNEE]))
    return hips > 1e-4 and knees / hips > thresholds.knees_wide_ratio


def _blend(marks: LandmarkFrame, *names: str) -> float:
    return float(np.mean([marks.blendshapes.get(name, 0.0) for name in names]))


def smile_raw(marks: LandmarkFrame, thresholds: BodyThresholds) -> bool:
    return _blend(marks, "mouthSmileLeft", "mouthSmileRight") > thresholds.smile_score


def blink_raw(marks: LandmarkFrame, thresholds: BodyThresholds) -> bool:
    return _blend(marks, "eyeBlinkLeft", "eyeBlinkRight") > thresholds.blink_score


def eye_roll_raw(
    measures: BodyMeasures, marks: LandmarkFrame, baseline: Baseline, thresholds: BodyThresholds
) -> bool:
    """Eyes turned up while the head stays near its baseline pitch (looking up by tilting the
    head back is not an eye roll)."""
    if measures.pitch_deg is None or baseline.pitch_deg is None:
        return False
    still = abs(measures.pitch_deg - baseline.pitch_deg) < thresholds.eye_roll_head_deg
    return still and _blend(marks, "eyeLookUpLeft", "eyeLookUpRight") > thresholds.eye_roll_up_score


def head_tilt_raw(measures: BodyMeasures, baseline: Baseline, thresholds: BodyThresholds) -> bool:
    if measures.roll_deg is None or baseline.roll_deg is None:
        return False
    return abs(measures.roll_deg - baseline.roll_deg) > thresholds.head_tilt_deg


def moved_raw(measures: BodyMeasures, baseline: Baseline, thresholds: BodyThresholds) -> bool:
    """The body shifted sideways or changed size so much that the camera or seat must have moved."""
    if measures.shoulder_width is None or not baseline.shoulder_width:
        return False
    scale = measures.shoulder_width / baseline.shoulder_width
    shift = abs((measures.shoulder_mid_x or 0.0) - (baseline.shoulder_mid_x or 0.0))
    return (
        abs(scale - 1.0) > thresholds.recalibrate_scale
        or shift > thresholds.recalibrate_shift * baseline.shoulder_width
    )


class MotionEnergy:
    """Smoothed speed (shoulder widths/s) of a set of pose points relative to an anchor pair
    (shoulders for hands and head, hips for feet), from fresh pose frames only.

    Relative, so a laptop wobbling on a lap or a whole-body shift is not read as fidgeting.
    """

    def __init__(self, points: tuple[int, ...], anchor: tuple[int, int], window_s: float) -> None:
        self.points = points
        self.anchor = list(anchor)
        self.window_s = window_s
        self.value = 0.0
        self.primed = False
        self._last: tuple[float, np.ndarray] | None = None

    def update(self, marks: LandmarkFrame, thresholds: BodyThresholds) -> float | None:
        points = pose_points(marks)
        if points is None or not marks.pose_fresh:
            return self.value if self.primed else None
        shoulders = points[[LEFT_SHOULDER, RIGHT_SHOULDER]]
        width = float(np.linalg.norm(shoulders[0, :2] - shoulders[1, :2]))
        last, self._last = self._last, (marks.timestamp_s, points)
        if last is None or width <= 1e-4:
            return self.value if self.primed else None
        dt = marks.timestamp_s - last[0]
        if dt <= 0:
            return self.value if self.primed else None
        chosen = [
            i for i in self.points if min(points[i, 2], last[1][i, 2]) >= thresholds.visibility_min
        ]
        if not chosen:
            return self.value if self.primed else None
        anchor_shift = points[self.anchor, :2].mean(axis=0) - last[1][self.anchor, :2].mean(axis=0)
        moves = points[chosen, :2] - last[1][chosen, :2] - anchor_shift
        speeds = np.linalg.norm(moves, axis=1) / dt / width
        speed = float(np.mean(speeds))
        alpha = 1.0 - math.exp(-dt / self.window_s)
        self.value = speed if not self.primed else self.value + alpha * (speed - self.value)
        self.primed = True
        return self.value


class CueTracker:
    """Calibrates on the first seconds, then judges every frame; see the module docstring."""

    def __init__(self, thresholds: BodyThresholds | None = None) -> None:
        self.thresholds = thresholds or BodyThresholds()
        self.baseline: Baseline | None = None
        self.events: list[CueEvent] = []
        self._calibrator = Calibrator(self.thresholds)
        self._upper_motion = MotionEnergy(
            (NOSE, LEFT_WRIST, RIGHT_WRIST),
            (LEFT_SHOULDER, RIGHT_SHOULDER),
            self.thresholds.fidget_window_s,
        )
        self._feet_motion = MotionEnergy(
            (LEFT_ANKLE, RIGHT_ANKLE), (LEFT_HIP, RIGHT_HIP), self.thresholds.fidget_window_s
        )
        self._last_blink: float | None = None
        self._last_t: float | None = None
        t = self.thresholds
        minimums = {
            "slouching": t.slouch_min_s,
            "crossed_arms": t.crossed_arms_min_s,
            "knees_wide": t.knees_wide_min_s,
            "eye_contact_lost": t.glance_ignore_s,
            "staring": 0.0,  # the raw condition already needs stare_no_blink_s
            "fidgeting": t.fidget_min_s,
            "face_touch": t.face_touch_min_s,
            "foot_tapping": t.fidget_min_s,
            "smile": t.smile_min_s,
            "eye_roll": t.eye_roll_min_s,
            "head_tilt": t.head_tilt_min_s,
            "face_not_visible": t.face_missing_min_s,
            "too_close": t.framing_min_s,
            "too_far": t.framing_min_s,
            "too_dark": t.framing_min_s,
            "recalibrate": t.recalibrate_min_s,
        }
        self._debounce = {cue: Debounce(cue, minimums[cue], t.hysteresis_s) for cue in CUES}

    @property
    def calibrating(self) -> bool:
        return self.baseline is None

    def recalibrate(self) -> None:
        """Forget the baseline (user pressed "recalibrate", or after "recalibrate" was asked)."""
        t = self._last_t if self._last_t is not None else 0.0
        for cue in (*BASELINE_CUES, "recalibrate"):
            event = self._debounce[cue].close(t)
            if event is not None:
                self.events.append(event)
        self.baseline = None
        self._calibrator = Calibrator(self.thresholds)

    def _raw_conditions(
        self, marks: LandmarkFrame, measures: BodyMeasures, energy: float | None
    ) -> set[str]:
        t = self.thresholds
        raw: set[str] = set()
        face = measures.face_width is not None
        if not face:
            raw.add("face_not_visible")
        if face and measures.face_width > t.too_close_face_width:
            raw.add("too_close")
        if face and measures.face_width < t.too_far_face_width:
            raw.add("too_far")
        if marks.luma < t.too_dark_luma:
            raw.add("too_dark")
        if face and smile_raw(marks, t):
            raw.add("smile")
        if measures.shoulder_width is not None and crossed_arms_raw(marks, t):
            raw.add("crossed_arms")
        if face_touch_raw(marks, t):
            raw.add("face_touch")
        if knees_wide_raw(marks, t):
            raw.add("knees_wide")
        feet = self._feet_motion.update(marks, t) if legs_visible(marks, t) else None
        if feet is not None and feet > t.foot_tap_energy:
            raw.add("foot_tapping")
        base = self.baseline
        if base is None:
            return raw
        if moved_raw(measures, base, t):
            raw.add("recalibrate")
            return raw  # everything judged against the baseline would be wrong now
        if slouching_raw(measures, base, t):
            raw.add("slouching")
        if face and looking_away_raw(measures, base, t):
            raw.add("eye_contact_lost")
        if (
            face
            and self._last_blink is not None
            and "eye_contact_lost" not in raw
            and marks.timestamp_s - self._last_blink > t.stare_no_blink_s
        ):
            raw.add("staring")
        if energy is not None and energy > max(
            base.motion_energy * t.fidget_energy_ratio, t.fidget_floor
        ):
            raw.add("fidgeting")
        if face and eye_roll_raw(measures, marks, base, t):
            raw.add("eye_roll")
        if face and head_tilt_raw(measures, base, t):
            raw.add("head_tilt")
        return raw

    def _judged(self, measures: BodyMeasures, energy: float | None, moved: bool) -> frozenset[str]:
        """The posture and baseline cues this frame could judge (see CueState.judged)."""
        judged: set[str] = set()
        shoulders = measures.shoulder_width is not None
        if shoulders:
            judged.add("crossed_arms")
        base = self.baseline
        if base is None or moved:
            return frozenset(judged)
        if measures.face_width is not None:
            judged.update(("eye_contact_lost", "staring", "eye_roll", "head_tilt"))
        if shoulders and base.nose_lift is not None and base.shoulder_width:
            judged.add("slouching")
        if energy is not None:
            judged.add("fidgeting")
        return frozenset(judged)

    def feed(self, marks: LandmarkFrame) -> CueState:
        """Judge one frame (frames must come in time order)."""
        t = self.thresholds
        now = marks.timestamp_s
        self._last_t = now
        measures = measure(marks, t)
        # Hand and head motion is measured against the shoulders; with the shoulders out of view
        # they are the pose model's guesses, which follow the head, so the motion would read low.
        shoulders = measures.shoulder_width is not None
        energy = self._upper_motion.update(marks, t) if shoulders else None
        face = measures.face_width is not None
        if not face:  # the no-blink clock restarts when the face is seen again
            self._last_blink = None
        elif blink_raw(marks, t) or self._last_blink is None:
            self._last_blink = now
        if self.baseline is None:
            self.baseline = self._calibrator.feed(measures, energy)
        raw = self._raw_conditions(marks, measures, energy)
        judged = self._judged(measures, energy, "recalibrate" in raw)
        for cue, debounce in self._debounce.items():
            event = debounce.update(now, cue in raw)
            if event is not None:
                self.events.append(event)
        active = frozenset(cue for cue, debounce in self._debounce.items() if debounce.active)
        return CueState(
            timestamp_s=now,
            calibrating=self.baseline is None,
            active=active,
            raw=frozenset(raw),
            face_visible=face,
            eye_contact=face and "eye_contact_lost" not in active,
            judged=judged,
            motion_energy=self._upper_motion.value,
            measures=measures,
        )

    def events_until(self, t: float) -> list[CueEvent]:
        """Closed events plus the ones still on (ending at `t`), without ending anything."""
        still_on = [d.open_event(t) for d in self._debounce.values()]
        return sorted(
            [*self.events, *(e for e in still_on if e is not None)], key=lambda e: e.start
        )

    def finish(self) -> list[CueEvent]:
        """End of stream: close every open cue and return all events in time order."""
        t = self._last_t if self._last_t is not None else 0.0
        for debounce in self._debounce.values():
            event = debounce.close(t)
            if event is not None:
                self.events.append(event)
        return sorted(self.events, key=lambda e: e.start)
