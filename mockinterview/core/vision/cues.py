"""Body-language cues from LandmarkFrame sequences: per-frame state plus {cue, start, end} events.

Pure and single-threaded (architecture section 1): `CueTracker.feed(marks) -> CueState` for each
analysed frame, `finish() -> list[CueEvent]` at the end; time comes only from the frames, so the
same code judges a live camera, a file, or a hand-built landmark sequence in a test.

The per-frame raw conditions live in predicates.py (posture, hands, smile, framing) and gaze.py
(eye contact); events.py debounces them. Cue names (the `cue` of events; `CueState.active` holds
the ones on now), each feeding one row of the report:

- posture: "slouching", "crossed_arms"
- gaze: "eye_contact_lost" (looking away longer than a glance; CueState.gaze says where)
- nerves: "fidgeting" (hand/head motion above the person's baseline), "face_touch" (a hand on
  the face, from the hand landmarker)
- face: "smile" (good; reported as moments)
- framing: "face_not_visible", "too_close", "too_far", "off_centre", "too_dark", "backlit"
- "recalibrate": the body moved/scaled so much (camera or seat moved) that baseline-relative cues
  are paused until `recalibrate()` is called.

Crossed arms is judged only with the shoulders and elbows in the picture (calibration.arms_in_view):
a laptop camera that cuts the arms off gives "not judged", never "not crossed". Its real footage is
one side-on boy (tuning) and one photo (evaluation); tests/data/README.md has the figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mockinterview.core.thresholds import BodyThresholds
from mockinterview.core.vision.calibration import (
    Baseline,
    BodyMeasures,
    Calibrator,
    arms_in_view,
    measure,
)
from mockinterview.core.vision.events import CueEvent, Debounce
from mockinterview.core.vision.gaze import PRIOR_CENTRE, GazeCalibrator, direction, gaze_of
from mockinterview.core.vision.landmarks import (
    LEFT_SHOULDER,
    LEFT_WRIST,
    NOSE,
    RIGHT_SHOULDER,
    RIGHT_WRIST,
    LandmarkFrame,
)
from mockinterview.core.vision.motion import MotionEnergy
from mockinterview.core.vision.predicates import (
    crossed_arms_raw,
    dark_picture,
    face_touch_raw,
    framing_problems,
    head_outline,
    moved_raw,
    slouching_raw,
    smile_raw,
)

CUES = (
    "slouching",
    "crossed_arms",
    "eye_contact_lost",
    "fidgeting",
    "face_touch",
    "smile",
    "face_not_visible",
    "too_close",
    "too_far",
    "off_centre",
    "too_dark",
    "backlit",
    "recalibrate",
)
FRAMING_CUES = ("too_close", "too_far", "off_centre", "too_dark", "backlit")
# What each cue is called wherever a person reads it: the live overlay badge, the timeline lane
# of the report and its "while you said 'um'" sentences. One table, so the words never drift.
CUE_LABELS = {
    "slouching": "Slouching",
    "crossed_arms": "Arms crossed",
    "eye_contact_lost": "Eye contact lost",
    "fidgeting": "Fidgeting",
    "face_touch": "Hand at your face",
    "smile": "Smiling",
    "face_not_visible": "Face not visible",
    "too_close": "Too close to the camera",
    "too_far": "Too far from the camera",
    "off_centre": "Face off-centre",
    "too_dark": "Face too dark",
    "backlit": "Light behind you",
    "recalibrate": "Camera or seat moved",
}
# Each cue -> the report metric it counts toward (core/report/scoring.py METRICS keys), the one
# table the body block's judged_s and the report's timeline lanes both use.
CUE_METRIC = {
    "eye_contact_lost": "eye_contact",
    "smile": "smile",
    "slouching": "slouch",
    "crossed_arms": "crossed_arms",
    "fidgeting": "fidget",
    "face_touch": "face_touch",
    "face_not_visible": "framing",
    **dict.fromkeys(FRAMING_CUES, "framing"),
}
# Judged against the calibrated posture baseline: paused while calibrating or asking to
# recalibrate. Eye contact is not among them: it has a prior from the first frame (gaze.py).
BASELINE_CUES = frozenset({"slouching", "fidgeting"})


@dataclass(frozen=True)
class CueState:
    """What the tracker concluded at one frame: what the overlay and live nudges show."""

    timestamp_s: float
    calibrating: bool  # the posture baseline is not ready yet
    active: frozenset[str]  # debounced cues that are on now
    raw: frozenset[str]  # this frame's conditions before debouncing
    face_visible: bool
    eye_contact: bool  # face visible and not currently in "eye_contact_lost"
    # Cues that could be judged at this frame (the body parts they need in view, the baseline
    # for posture): a cue absent here was not measured, which is not "did not happen".
    judged: frozenset[str]
    motion_energy: float  # shoulder widths/s, smoothed
    measures: BodyMeasures = field(repr=False)
    gaze: str | None = None  # "camera", "down", "side", "up"; None when nobody is in view
    gaze_calibrated: bool = False  # the person's own lens direction refines the prior
    calibration_prompt: str | None = None  # "Look into the camera lens: 2 s", or a refusal

    @property
    def needs_recalibration(self) -> bool:
        return "recalibrate" in self.active


class CueTracker:
    """Calibrates on the first seconds, then judges every frame; see the module docstring."""

    def __init__(self, thresholds: BodyThresholds | None = None) -> None:
        self.thresholds = thresholds or BodyThresholds()
        self.baseline: Baseline | None = None
        self.events: list[CueEvent] = []
        self._calibrator = Calibrator(self.thresholds)
        self.gaze_calibrator = GazeCalibrator(self.thresholds)
        self._upper_motion = MotionEnergy(
            (NOSE, LEFT_WRIST, RIGHT_WRIST),
            (LEFT_SHOULDER, RIGHT_SHOULDER),
            self.thresholds.fidget_window_s,
        )
        self._last_direction = "camera"
        self._last_t: float | None = None
        t = self.thresholds
        minimums = {
            "slouching": t.slouch_min_s,
            "crossed_arms": t.crossed_arms_min_s,
            "eye_contact_lost": t.glance_ignore_s,
            "fidgeting": t.fidget_min_s,
            "face_touch": t.face_touch_min_s,
            "smile": t.smile_min_s,
            "face_not_visible": t.face_missing_min_s,
            **dict.fromkeys(FRAMING_CUES, t.framing_min_s),
            "recalibrate": t.recalibrate_min_s,
        }
        off = {"face_touch": t.face_touch_off_s}
        self._debounce = {
            cue: Debounce(cue, minimums[cue], off.get(cue, t.hysteresis_s)) for cue in CUES
        }

    @property
    def calibrating(self) -> bool:
        return self.baseline is None

    @property
    def gaze_centre(self) -> tuple[float, float]:
        """The lens direction judged against: the person's own once calibrated, else the prior."""
        return self.gaze_calibrator.centre or PRIOR_CENTRE

    def recalibrate(self) -> None:
        """Forget the baselines (user pressed "recalibrate", or after "recalibrate" was asked)."""
        t = self._last_t if self._last_t is not None else 0.0
        for cue in (*BASELINE_CUES, "recalibrate"):
            event = self._debounce[cue].close(t)
            if event is not None:
                self.events.append(event)
        self.baseline = None
        self._calibrator = Calibrator(self.thresholds)
        self.gaze_calibrator.restart()

    def _gaze_direction(self, marks: LandmarkFrame, person: bool) -> str | None:
        """Where the eyes point now; a face turned out of the face model's reach while the
        body is still there is looking away ("side"); shut eyes keep the last direction."""
        gaze = gaze_of(marks, self.thresholds)
        self.gaze_calibrator.feed(marks.timestamp_s, gaze)
        if gaze is None:
            return "side" if person else None
        if not gaze.eyes_shut:
            self._last_direction = direction(gaze, self.gaze_centre, self.thresholds.gaze_cone_deg)
        return self._last_direction

    def _raw_conditions(
        self,
        marks: LandmarkFrame,
        measures: BodyMeasures,
        energy: float | None,
        gaze: str | None,
    ) -> set[str]:
        t = self.thresholds
        raw: set[str] = set()
        face = measures.face_width is not None
        if not face:
            raw.add("face_not_visible")
            if dark_picture(marks, t):
                raw.add("too_dark")
        raw |= framing_problems(marks, measures, t)
        if face and smile_raw(marks, t):
            raw.add("smile")
        if measures.shoulder_width is not None and crossed_arms_raw(marks, t):
            raw.add("crossed_arms")
        if face_touch_raw(marks, t):
            raw.add("face_touch")
        if gaze is not None and gaze != "camera":
            raw.add("eye_contact_lost")
        base = self.baseline
        if base is None:
            return raw
        if moved_raw(measures, base, t):
            raw.add("recalibrate")
            return raw  # everything judged against the baseline would be wrong now
        if slouching_raw(measures, base, t):
            raw.add("slouching")
        if energy is not None and energy > max(
            base.motion_energy * t.fidget_energy_ratio, t.fidget_floor
        ):
            raw.add("fidgeting")
        return raw

    def _judged(
        self, measures: BodyMeasures, energy: float | None, moved: bool, person: bool, arms: bool
    ) -> frozenset[str]:
        """The cues this frame could judge (see CueState.judged); `arms`: the shoulders and
        elbows in view (calibration.arms_in_view), which crossed arms needs."""
        judged: set[str] = set()
        if person:
            judged.update(("eye_contact_lost", "face_touch"))
        if measures.face_width is not None:
            judged.add("smile")
        shoulders = measures.shoulder_width is not None
        if shoulders and arms:
            judged.add("crossed_arms")
        base = self.baseline
        if base is None or moved:
            return frozenset(judged)
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
        person = face or head_outline(marks, t) is not None
        gaze = self._gaze_direction(marks, person)
        if self.baseline is None:
            self.baseline = self._calibrator.feed(measures, energy)
        raw = self._raw_conditions(marks, measures, energy, gaze)
        arms = arms_in_view(marks, t)
        judged = self._judged(measures, energy, "recalibrate" in raw, person, arms)
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
            gaze=gaze,
            gaze_calibrated=self.gaze_calibrator.done,
            calibration_prompt=self.gaze_calibrator.prompt(now),
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
