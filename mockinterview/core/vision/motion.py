"""How restless the hands and head are: smoothed speed relative to the shoulders (fidgeting).

Relative, so a laptop wobbling on a lap or a whole-body shift is not read as fidgeting.
"""

from __future__ import annotations

import math

import numpy as np

from mockinterview.core.thresholds import BodyThresholds
from mockinterview.core.vision.calibration import pose_points
from mockinterview.core.vision.landmarks import LEFT_SHOULDER, RIGHT_SHOULDER, LandmarkFrame


class MotionEnergy:
    """Smoothed speed (shoulder widths/s) of a set of pose points relative to an anchor pair
    of points (the shoulders), from fresh pose frames only."""

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
