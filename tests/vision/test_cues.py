"""Cues on landmark sequences: the real astronaut landmarks, moved and modified frame by frame.

Every cue has a case that must fire and a near miss that must not. No real footage of folded arms
exists in the project's material, so the arm and leg poses here are hand-built landmark positions
(on top of the astronaut's real face landmarks) and are labelled as such.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable
from pathlib import Path
from types import MappingProxyType

import cv2
import numpy as np
import pytest

from mockinterview.core.thresholds import BodyThresholds
from mockinterview.core.vision.cues import CUES, CueEvent, CueTracker, Debounce
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

FPS = 25
CALIBRATE_S = 3.5  # a little more than BodyThresholds.calibration_s

# A seated person facing the camera (hand-built): image x, y (0-1); their left is the image right.
SEATED = {
    NOSE: (0.50, 0.35),
    1: (0.48, 0.32), 2: (0.47, 0.32), 3: (0.46, 0.32),  # right eye inner/centre/outer
    4: (0.52, 0.32), 5: (0.53, 0.32), 6: (0.54, 0.32),  # left eye
    7: (0.44, 0.34), 8: (0.56, 0.34), 9: (0.48, 0.39), 10: (0.52, 0.39),  # ears, mouth
    LEFT_SHOULDER: (0.62, 0.55), RIGHT_SHOULDER: (0.38, 0.55),
    LEFT_ELBOW: (0.66, 0.75), RIGHT_ELBOW: (0.34, 0.75),
    LEFT_WRIST: (0.64, 0.92), RIGHT_WRIST: (0.36, 0.92),
}  # fmt: skip
CROSSED = {
    LEFT_ELBOW: (0.64, 0.72), RIGHT_ELBOW: (0.36, 0.72),
    LEFT_WRIST: (0.40, 0.70), RIGHT_WRIST: (0.60, 0.68),
}  # fmt: skip
CLASPED = {
    LEFT_ELBOW: (0.64, 0.72), RIGHT_ELBOW: (0.36, 0.72),
    LEFT_WRIST: (0.47, 0.80), RIGHT_WRIST: (0.53, 0.80),  # fingers laced, wrists just past middle
}  # fmt: skip
ONE_ARM_ACROSS = {LEFT_ELBOW: (0.60, 0.72), LEFT_WRIST: (0.40, 0.70)}
LEGS = {
    LEFT_HIP: (0.58, 0.80), RIGHT_HIP: (0.42, 0.80),
    LEFT_KNEE: (0.60, 0.90), RIGHT_KNEE: (0.40, 0.90),
    LEFT_ANKLE: (0.60, 0.98), RIGHT_ANKLE: (0.40, 0.98),
}  # fmt: skip
WIDE_KNEES = {LEFT_KNEE: (0.75, 0.90), RIGHT_KNEE: (0.25, 0.90)}


def pose(*parts: dict, hidden: Iterable[int] = ()) -> np.ndarray:
    """A (33, 4) pose: listed points visible (0.99), everything else invisible."""
    array = np.zeros((33, 4), np.float32)
    for part in parts:
        for index, (x, y) in part.items():
            array[index] = (x, y, 0.0, 0.99)
    for index in hidden:
        array[index, 3] = 0.1
    return array


class Sequence:
    """Builds a timeline of LandmarkFrames from the real astronaut frame, segment by segment."""

    def __init__(self, base: LandmarkFrame, body: np.ndarray | None = None) -> None:
        self.base = base if body is None else dataclasses.replace(base, pose=body)
        self.frames: list[LandmarkFrame] = []
        self.t = 0.0

    def hold(self, seconds: float, **changes) -> Sequence:
        make: Callable[[int], dict] | None = changes.pop("each", None)
        for i in range(round(seconds * FPS)):
            extra = make(i) if make else {}
            self.frames.append(
                dataclasses.replace(self.base, timestamp_s=self.t, **{**changes, **extra})
            )
            self.t += 1 / FPS
        return self

    def calibrate(self) -> Sequence:
        return self.hold(CALIBRATE_S)

    def run(self, thresholds: BodyThresholds | None = None) -> tuple[list[CueEvent], CueTracker]:
        tracker = CueTracker(thresholds)
        self.states = [tracker.feed(marks) for marks in self.frames]
        return tracker.finish(), tracker


def shapes(base: LandmarkFrame, **scores: float) -> MappingProxyType:
    return MappingProxyType({**base.blendshapes, **scores})


def cues(events: list[CueEvent]) -> list[str]:
    return [event.cue for event in events]


@pytest.fixture
def seated(astronaut_marks: LandmarkFrame) -> LandmarkFrame:
    """The astronaut's real face and head angles on the hand-built seated body."""
    return dataclasses.replace(astronaut_marks, pose=pose(SEATED))


# --- debouncing -----------------------------------------------------------------------------


def test_debounce_backdates_the_start_and_bridges_short_gaps() -> None:
    gate = Debounce("x", min_on_s=1.0, off_s=0.5)
    timeline = [(t / 10, 10 <= t < 30 and t != 20) for t in range(50)]  # on 1.0-3.0, blip at 2.0
    events = [e for t, raw in timeline if (e := gate.update(t, raw)) is not None]
    assert events == [CueEvent("x", 1.0, 3.0)]


def test_debounce_ignores_shorter_than_the_minimum() -> None:
    gate = Debounce("x", min_on_s=1.0, off_s=0.5)
    events = [gate.update(t / 10, 10 <= t < 18) for t in range(40)]
    assert not any(events) and gate.close(4.0) is None


def test_calibration_comes_first(seated: LandmarkFrame) -> None:
    sequence = Sequence(seated).hold(2.0)
    sequence.run()
    assert all(s.calibrating for s in sequence.states)
    sequence = Sequence(seated).calibrate()
    _events, tracker = sequence.run()
    assert not sequence.states[-1].calibrating
    assert tracker.baseline.nose_lift == pytest.approx((0.55 - 0.35) / 0.24 / (4 / 3), rel=0.01)


# --- posture --------------------------------------------------------------------------------


def test_crossed_arms_held_is_flagged(seated: LandmarkFrame) -> None:
    events, _ = Sequence(seated).calibrate().hold(3.0, pose=pose(SEATED, CROSSED)).hold(1).run()
    crossed = [e for e in events if e.cue == "crossed_arms"]
    assert len(crossed) == 1
    assert crossed[0].start == pytest.approx(CALIBRATE_S, abs=0.05)
    assert crossed[0].end == pytest.approx(CALIBRATE_S + 3.0, abs=0.05)


@pytest.mark.parametrize(
    "arms",
    [CLASPED, ONE_ARM_ACROSS, {}],
    ids=["hands clasped in front", "one arm across", "arms resting"],
)
def test_near_misses_are_not_crossed_arms(seated: LandmarkFrame, arms: dict) -> None:
    events, _ = Sequence(seated).calibrate().hold(4.0, pose=pose(SEATED, arms)).run()
    assert "crossed_arms" not in cues(events)


def test_crossing_for_a_moment_is_not_crossed_arms(seated: LandmarkFrame) -> None:
    events, _ = Sequence(seated).calibrate().hold(1.2, pose=pose(SEATED, CROSSED)).hold(2).run()
    assert "crossed_arms" not in cues(events)


def test_crossed_arms_need_visible_wrists(seated: LandmarkFrame) -> None:
    hidden = pose(SEATED, CROSSED, hidden=(LEFT_WRIST, RIGHT_WRIST))
    events, _ = Sequence(seated).calibrate().hold(4.0, pose=hidden).run()
    assert "crossed_arms" not in cues(events)


def _sunk(dy: float) -> np.ndarray:
    """The head sinks toward the shoulders by `dy` of the image height."""
    body = pose(SEATED)
    for index in range(0, 11):
        body[index, 1] += dy
    return body


def test_slouching_is_judged_against_the_upright_baseline(seated: LandmarkFrame) -> None:
    events, _ = Sequence(seated).calibrate().hold(3.0, pose=_sunk(0.06)).hold(1.0).run()
    slouch = [e for e in events if e.cue == "slouching"]
    assert len(slouch) == 1 and slouch[0].end - slouch[0].start == pytest.approx(3.0, abs=0.1)


@pytest.mark.parametrize(("dy", "seconds"), [(0.01, 4.0), (0.06, 1.0)], ids=["small", "brief"])
def test_a_small_or_brief_sink_is_not_slouching(seated: LandmarkFrame, dy, seconds) -> None:
    events, _ = Sequence(seated).calibrate().hold(seconds, pose=_sunk(dy)).hold(1.0).run()
    assert "slouching" not in cues(events)


def test_knees_wide_only_when_the_legs_are_visible(seated: LandmarkFrame) -> None:
    spread = pose(SEATED, LEGS, WIDE_KNEES)
    events, _ = Sequence(seated).calibrate().hold(3.0, pose=spread).run()
    assert "knees_wide" in cues(events)
    unseen = pose(SEATED, LEGS, WIDE_KNEES, hidden=(LEFT_ANKLE, RIGHT_ANKLE))
    events, _ = Sequence(seated).calibrate().hold(3.0, pose=unseen).run()
    assert "knees_wide" not in cues(events)
    events, _ = Sequence(seated).calibrate().hold(3.0, pose=pose(SEATED, LEGS)).run()
    assert "knees_wide" not in cues(events)


def test_a_moved_camera_asks_for_recalibration_instead_of_flagging(seated: LandmarkFrame) -> None:
    moved = pose(SEATED)
    moved[:, 0] += 0.15  # everything 0.6 shoulder widths to the side, and sunk
    moved[:11, 1] += 0.06
    sequence = Sequence(seated).calibrate().hold(4.0, pose=moved)
    events, tracker = sequence.run()
    assert "recalibrate" in cues(events)
    assert "slouching" not in cues(events)
    assert sequence.states[-1].needs_recalibration
    tracker.recalibrate()
    assert tracker.calibrating
    after = [tracker.feed(dataclasses.replace(seated, pose=moved, timestamp_s=20 + i / FPS))
             for i in range(5 * FPS)]  # fmt: skip
    assert not after[-1].calibrating and not after[-1].needs_recalibration
    assert "slouching" not in after[-1].active


# --- gaze -----------------------------------------------------------------------------------


def test_a_half_second_glance_is_not_lost_eye_contact(seated: LandmarkFrame) -> None:
    yaw = seated.head_yaw_deg + 35
    events, _ = Sequence(seated).calibrate().hold(0.5, head_yaw_deg=yaw).hold(2.0).run()
    assert "eye_contact_lost" not in cues(events)


def test_looking_away_for_two_seconds_is_lost_eye_contact(seated: LandmarkFrame) -> None:
    yaw = seated.head_yaw_deg + 35
    sequence = Sequence(seated).calibrate().hold(2.0, head_yaw_deg=yaw).hold(2.0)
    events, _ = sequence.run()
    lost = [e for e in events if e.cue == "eye_contact_lost"]
    assert len(lost) == 1
    assert lost[0].start == pytest.approx(CALIBRATE_S, abs=0.05)
    assert lost[0].end == pytest.approx(CALIBRATE_S + 2.0, abs=0.05)
    assert not sequence.states[round((CALIBRATE_S + 1.5) * FPS)].eye_contact


def test_eyes_turned_away_with_the_head_still_is_lost_eye_contact(seated: LandmarkFrame) -> None:
    face = seated.face.copy()
    for iris in range(468, 478):
        face[iris, 0] += 0.02  # irises pushed toward the eye corners (about half an eye width)
    events, _ = Sequence(seated).calibrate().hold(2.0, face=face).hold(1.0).run()
    assert "eye_contact_lost" in cues(events)


def test_staring_without_blinking_gets_a_gentle_note(seated: LandmarkFrame) -> None:
    open_eyes = shapes(seated, eyeBlinkLeft=0.05, eyeBlinkRight=0.05)
    events, _ = Sequence(seated).hold(14.0, blendshapes=open_eyes).run()
    staring = [e for e in events if e.cue == "staring"]
    assert len(staring) == 1 and staring[0].start == pytest.approx(10.0, abs=0.1)


def test_the_no_blink_clock_restarts_when_the_face_returns(seated: LandmarkFrame) -> None:
    open_eyes = shapes(seated, eyeBlinkLeft=0.05, eyeBlinkRight=0.05)
    gone = {"face": None, "head_yaw_deg": None, "head_pitch_deg": None, "head_roll_deg": None}
    sequence = Sequence(seated).hold(8.0, blendshapes=open_eyes).hold(1.0, **gone)
    events, _ = sequence.hold(8.0, blendshapes=open_eyes).run()
    assert "staring" not in cues(events)


def test_blinking_every_few_seconds_is_not_staring(seated: LandmarkFrame) -> None:
    open_eyes = shapes(seated, eyeBlinkLeft=0.05, eyeBlinkRight=0.05)
    closed = shapes(seated, eyeBlinkLeft=0.9, eyeBlinkRight=0.9)

    def blink_every_3s(i: int) -> dict:
        return {"blendshapes": closed if i % (3 * FPS) < 3 else open_eyes}

    events, _ = Sequence(seated).hold(14.0, each=blink_every_3s).run()
    assert "staring" not in cues(events)


# --- nerves ---------------------------------------------------------------------------------


def _wrists_shaking(amplitude: float) -> Callable[[int], dict]:
    def make(i: int) -> dict:
        body = pose(SEATED)
        offset = amplitude * math.sin(i * 2 * math.pi * 4 / FPS)  # 4 Hz tapping
        body[LEFT_WRIST, 0] += offset
        body[RIGHT_WRIST, 1] += offset
        return {"pose": body}

    return make


def test_restless_hands_are_fidgeting(seated: LandmarkFrame) -> None:
    events, _ = Sequence(seated).calibrate().hold(4.0, each=_wrists_shaking(0.04)).run()
    assert "fidgeting" in cues(events)


def test_slight_hand_motion_is_not_fidgeting(seated: LandmarkFrame) -> None:
    events, _ = Sequence(seated).calibrate().hold(4.0, each=_wrists_shaking(0.002)).run()
    assert "fidgeting" not in cues(events)


def test_the_whole_body_shaking_is_not_fidgeting(seated: LandmarkFrame) -> None:
    """A wobbling laptop camera moves everything together: that is not the person fidgeting."""

    def camera_shake(i: int) -> dict:
        body = pose(SEATED)
        body[:, 0] += 0.04 * math.sin(i * 2 * math.pi * 4 / FPS)
        return {"pose": body}

    events, _ = Sequence(seated).calibrate().hold(4.0, each=camera_shake).run()
    assert "fidgeting" not in cues(events)


def test_a_hand_at_the_face_is_a_face_touch(seated: LandmarkFrame) -> None:
    nose_x, nose_y = (float(v) for v in seated.face[1, :2])  # the astronaut's real nose tip
    touching = pose(
        SEATED, {LEFT_WRIST: (nose_x + 0.05, nose_y + 0.1), LEFT_INDEX: (nose_x, nose_y)}
    )
    events, _ = Sequence(seated).calibrate().hold(1.5, pose=touching).hold(1.0).run()
    assert "face_touch" in cues(events)
    chin_y = float(seated.face[:, 1].max())
    gesture = pose(SEATED, {RIGHT_INDEX: (nose_x, chin_y + 0.06)})  # pointing, below the chin
    events, _ = Sequence(seated).calibrate().hold(1.5, pose=gesture).run()
    assert "face_touch" not in cues(events)


def test_feet_tapping_when_the_legs_are_visible(seated: LandmarkFrame) -> None:
    def tapping(i: int) -> dict:
        body = pose(SEATED, LEGS)
        body[LEFT_ANKLE, 1] -= 0.03 * abs(math.sin(i * 2 * math.pi * 3 / FPS))
        return {"pose": body}

    events, _ = Sequence(seated).calibrate().hold(4.0, each=tapping).run()
    assert "foot_tapping" in cues(events)
    events, _ = Sequence(seated).calibrate().hold(4.0, pose=pose(SEATED, LEGS)).run()
    assert "foot_tapping" not in cues(events)


# --- face -----------------------------------------------------------------------------------


def test_smile_and_no_smile_from_blendshapes(seated: LandmarkFrame) -> None:
    neutral = shapes(seated, mouthSmileLeft=0.05, mouthSmileRight=0.05)
    events, _ = Sequence(seated).hold(2.0).hold(2.0, blendshapes=neutral).run()
    assert cues(events).count("smile") == 1  # the real photo smiles; the neutral part does not


def test_eye_roll_needs_the_head_still(seated: LandmarkFrame) -> None:
    rolled = shapes(seated, eyeLookUpLeft=0.8, eyeLookUpRight=0.8)
    events, _ = Sequence(seated).calibrate().hold(0.6, blendshapes=rolled).hold(1.0).run()
    assert "eye_roll" in cues(events)
    tipped = seated.head_pitch_deg + 20  # looking up at the ceiling, head back: not an eye roll
    events, _ = (
        Sequence(seated)
        .calibrate()
        .hold(0.6, blendshapes=rolled, head_pitch_deg=tipped)
        .hold(1.0)
        .run()
    )
    assert "eye_roll" not in cues(events)


def test_head_tilt_relative_to_the_baseline(seated: LandmarkFrame) -> None:
    roll = seated.head_roll_deg
    events, _ = Sequence(seated).calibrate().hold(2.5, head_roll_deg=roll + 25).hold(1).run()
    assert "head_tilt" in cues(events)
    events, _ = Sequence(seated).calibrate().hold(2.5, head_roll_deg=roll + 8).hold(1).run()
    assert "head_tilt" not in cues(events)


# --- framing --------------------------------------------------------------------------------


def test_face_missing_is_flagged_after_a_second(seated: LandmarkFrame) -> None:
    gone = {"face": None, "head_yaw_deg": None, "head_pitch_deg": None, "head_roll_deg": None}
    events, _ = Sequence(seated).calibrate().hold(2.0, **gone).hold(1.0).run()
    assert "face_not_visible" in cues(events)
    events, _ = Sequence(seated).calibrate().hold(0.5, **gone).hold(1.0).run()
    assert "face_not_visible" not in cues(events)


def test_too_dark_too_close_too_far(seated: LandmarkFrame) -> None:
    events, _ = Sequence(seated).hold(3.0, luma=20.0).run()
    assert "too_dark" in cues(events)
    centre = seated.face[:, :2].mean(axis=0)
    big = seated.face.copy()
    big[:, :2] = centre + (seated.face[:, :2] - centre) * 4.0
    small = seated.face.copy()
    small[:, :2] = centre + (seated.face[:, :2] - centre) * 0.15
    assert "too_close" in cues(Sequence(seated).hold(3.0, face=big).run()[0])
    assert "too_far" in cues(Sequence(seated).hold(3.0, face=small).run()[0])
    assert not {"too_dark", "too_close", "too_far"} & set(cues(Sequence(seated).hold(3).run()[0]))


def test_every_cue_has_a_name_in_the_list() -> None:
    assert len(set(CUES)) == len(CUES) == 16


def test_slouch_rule_on_real_labelled_webcam_frames(shared_media: Path) -> None:
    """65 real webcam frames labelled slouching / not (../shared/media/slouch, MIT, not
    committed): with each session's baseline taken from its upright frames, the per-frame slouch
    rule must agree with the labels."""
    from mockinterview.core.vision.calibration import Baseline, measure
    from mockinterview.core.vision.cues import slouching_raw
    from mockinterview.core.vision.frames import Frame
    from mockinterview.core.vision.landmarks import LandmarkDetector

    thresholds = BodyThresholds()
    right = total = 0
    with LandmarkDetector(video=False) as detector:
        for session in sorted((shared_media / "slouch" / "datasets").iterdir()):
            rows = {
                label: [
                    measure(detector.detect(Frame(cv2.imread(str(jpg)), 0.0)), thresholds)
                    for jpg in sorted((session / label).glob("*.jpg"))
                ]
                for label in ("notSlouching", "isSlouching")
            }
            upright = [m for m in rows["notSlouching"] if m.nose_lift is not None]
            baseline = Baseline(
                **{
                    name: float(np.median([getattr(m, name) for m in upright]))
                    for name in ("shoulder_width", "shoulder_mid_x", "nose_lift", "nose_y")
                },
                yaw_deg=None, pitch_deg=None, roll_deg=None, iris_x=None, iris_y=None,
                motion_energy=0.0,
            )  # fmt: skip
            for label, measured in rows.items():
                for m in measured:
                    right += slouching_raw(m, baseline, thresholds) == (label == "isSlouching")
                    total += 1
    assert total == 65
    assert right / total >= 0.9
