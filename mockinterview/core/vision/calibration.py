"""The person's own upright baseline, and the per-frame measures judged by it.

People sit differently, cameras sit at different heights: an absolute "slouch" threshold would
flag half the users all the time (gaze has its own calibration against a prior: gaze.py). So
the first seconds of a session (and every "recalibrate") record a `Baseline`, and cues compare
each frame's `BodyMeasures` to it.

All lengths are made independent of the image size: x is a fraction of the image width and y is
scaled by height/width so that both are in the same unit; shoulder-relative numbers are then
divided by the shoulder width, which also cancels the distance to the camera.

Usage::

    calibrator = Calibrator(thresholds)
    for marks in landmark_frames:
        baseline = calibrator.feed(measure(marks, thresholds), motion_energy)  # None until done
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from mockinterview.core.thresholds import BodyThresholds
from mockinterview.core.vision.landmarks import (
    LEFT_ELBOW,
    LEFT_SHOULDER,
    NOSE,
    RIGHT_ELBOW,
    RIGHT_SHOULDER,
    LandmarkFrame,
)


@dataclass(frozen=True)
class BodyMeasures:
    """One frame's scalars; None where the body part needed was not seen."""

    timestamp_s: float
    shoulder_width: float | None = None  # image widths
    shoulder_mid_x: float | None = None  # image widths
    nose_lift: float | None = None  # (shoulder line - nose) height / shoulder width
    nose_y: float | None = None  # image widths (y scaled by height/width)
    face_width: float | None = None  # image widths


def pose_points(marks: LandmarkFrame) -> np.ndarray | None:
    """Pose x, y in one unit (image widths) plus visibility: (33, 3)."""
    if marks.pose is None:
        return None
    points = marks.pose[:, (0, 1, 3)].astype(float)
    points[:, 1] /= marks.aspect
    return points


# What a person is asked while the posture baseline waits, on the live overlay and the rehearsal
# page alike: the shoulders are named, since the baseline waits for them in view (a man close to
# the lens sat upright all answer and was still told to "sit upright").
CALIBRATING_PROMPT = "sit upright with your shoulders in view"


def shoulders_in_view(marks: LandmarkFrame, thresholds: BodyThresholds) -> bool:
    """Both shoulder joints inside the picture, not on its edge.

    The pose model places joints it cannot see, often with high visibility, just past the image
    border (a face close-up): posture judged from those would be a guess presented as a finding.
    """
    if marks.pose is None:
        return False
    margin = thresholds.shoulder_edge_margin
    xy = marks.pose[[LEFT_SHOULDER, RIGHT_SHOULDER], :2]
    return bool(np.all((xy >= margin) & (xy <= 1.0 - margin)))


def arms_in_view(marks: LandmarkFrame, thresholds: BodyThresholds) -> bool:
    """Both shoulders in view (`shoulders_in_view`, visible) and both elbows seen above the
    picture's bottom edge: what crossed arms needs to be judged at all.

    A laptop camera cuts the arms off at the bottom; the pose model then still places the elbows
    below the picture, and judging folded arms from those guesses would report "not crossed" for
    arms nobody saw. An elbow past a side edge is kept: the forearm and hand are still in view
    (pexels-clasped-hands.jpg: his right elbow placed 0.12 image widths past the left edge, with
    visibility 1.0, the forearm and clasped hands in the picture). The wrists are not needed:
    folded arms hide the hands.
    """
    if marks.pose is None or not shoulders_in_view(marks, thresholds):
        return False
    joints = marks.pose[[LEFT_SHOULDER, RIGHT_SHOULDER, LEFT_ELBOW, RIGHT_ELBOW]]
    if float(joints[:, 3].min()) < thresholds.visibility_min:
        return False
    return bool(joints[2:, 1].max() <= 1.0 - thresholds.shoulder_edge_margin)


def measure(marks: LandmarkFrame, thresholds: BodyThresholds) -> BodyMeasures:
    """The scalars of one frame that calibration and cues need (pure)."""
    values: dict[str, float | None] = {}
    points = pose_points(marks)
    if points is not None and shoulders_in_view(marks, thresholds):
        left, right, nose = points[LEFT_SHOULDER], points[RIGHT_SHOULDER], points[NOSE]
        if min(left[2], right[2], nose[2]) >= thresholds.visibility_min:
            width = float(np.hypot(*(left[:2] - right[:2])))
            if width > 1e-4:
                mid_y = (left[1] + right[1]) / 2
                values.update(
                    shoulder_width=width,
                    shoulder_mid_x=float((left[0] + right[0]) / 2),
                    nose_lift=float((mid_y - nose[1]) / width),
                    nose_y=float(nose[1]),
                )
    if marks.face is not None:
        xs = marks.face[:, 0]
        values["face_width"] = float(xs.max() - xs.min())
    return BodyMeasures(timestamp_s=marks.timestamp_s, **values)


@dataclass(frozen=True)
class Baseline:
    """Medians of the calibration frames; None for what was never seen (e.g. no shoulders)."""

    shoulder_width: float | None
    shoulder_mid_x: float | None
    nose_lift: float | None
    nose_y: float | None
    motion_energy: float  # shoulder widths/s, the person's own resting fidget level


def _median(values: list[float]) -> float | None:
    return float(np.median(values)) if values else None


class Calibrator:
    """Collects `thresholds.calibration_s` seconds from the first frame with a face, then
    returns a Baseline. Pure: no clock, no I/O; time comes from the frames."""

    FIELDS = (
        "shoulder_width",
        "shoulder_mid_x",
        "nose_lift",
        "nose_y",
    )

    def __init__(self, thresholds: BodyThresholds) -> None:
        self.thresholds = thresholds
        self.started_at: float | None = None
        self._samples: dict[str, list[float]] = {name: [] for name in self.FIELDS}
        self._energy: list[float] = []

    def feed(self, measures: BodyMeasures, motion_energy: float | None) -> Baseline | None:
        """Add one frame; the Baseline once enough time with a visible face has passed."""
        if measures.face_width is None:
            return None
        if self.started_at is None:
            self.started_at = measures.timestamp_s
        for name in self.FIELDS:
            value = getattr(measures, name)
            if value is not None and math.isfinite(value):
                self._samples[name].append(value)
        if motion_energy is not None:
            self._energy.append(motion_energy)
        if measures.timestamp_s - self.started_at < self.thresholds.calibration_s:
            return None
        return Baseline(
            **{name: _median(self._samples[name]) for name in self.FIELDS},
            motion_energy=_median(self._energy) or 0.0,
        )
