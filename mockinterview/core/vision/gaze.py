"""Where the eyes point: toward the camera lens, down (notes, keyboard), sideways, or up.

Eye contact is judged from the first frame with a face, not only after a calibration: a frontal
face whose eyes sit centred in their sockets is looking at the lens (a camera-facing prior). The
gaze direction is the head's own yaw and pitch (MediaPipe's facial transformation matrix) plus the
eyes' turn inside the head, read from the face model's eyeLook* blendshapes, which measure where the
irises sit between the eye corners and lids (0 centred, 1 turned as far as they go; about 30
degrees for a human eye, `gaze_eye_deg`). A frame is "camera" when that direction is inside a cone
of `gaze_cone_deg` around the lens.

Calibration then refines the centre of that cone to the person's own "looking at the lens" (a
camera below the eyes, a squint the model reads as a turn), never replaces it: `GazeCalibrator`
collects `calibration_s` seconds from the first face and accepts their median only when most of
that time was already inside the prior cone. A baseline taken with the head turned or the eyes on
the notes is refused as soon as it cannot succeed, with a message that says which, and collection
starts again.

Tuned on the tuning clips of tests/data/vision-labels.toml (franck.mp4 0-100 s, cap13): the eye
scale of 30 deg and the 20 deg cone give looking-away F1 0.80 there with 1.4 % false time; scored
on the evaluation clips by benchmarks/bench_vision.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from mockinterview.core.thresholds import BodyThresholds
from mockinterview.core.vision.landmarks import LandmarkFrame

DIRECTIONS = ("camera", "down", "side", "up")
AWAY = DIRECTIONS[1:]
PRIOR_CENTRE = (0.0, 0.0)  # yaw, pitch (deg) of a face looking straight into the lens


@dataclass(frozen=True)
class Gaze:
    """The eyes' direction in degrees: yaw > 0 toward the person's left (the image's right),
    pitch > 0 up. `eyes_shut` (a blink, a laugh) means the direction cannot be read now."""

    yaw_deg: float
    pitch_deg: float
    head_yaw_deg: float
    head_pitch_deg: float
    eyes_shut: bool


def _mean(shapes: Mapping[str, float], *names: str) -> float:
    return float(np.mean([shapes.get(name, 0.0) for name in names]))


def eye_turn(shapes: Mapping[str, float]) -> tuple[float, float]:
    """The eyes' turn inside the head, -1..1: (toward the person's left, up).

    The left eye looks "out" and the right eye "in" when both turn to the person's left; taking
    both eyes cancels the inward turn of converging eyes.
    """
    left = _mean(shapes, "eyeLookOutLeft", "eyeLookInRight")
    right = _mean(shapes, "eyeLookInLeft", "eyeLookOutRight")
    up = _mean(shapes, "eyeLookUpLeft", "eyeLookUpRight")
    down = _mean(shapes, "eyeLookDownLeft", "eyeLookDownRight")
    return left - right, up - down


def gaze_of(marks: LandmarkFrame, thresholds: BodyThresholds) -> Gaze | None:
    """The gaze of one frame, or None without a face (or without its head angles)."""
    if marks.face is None or marks.head_yaw_deg is None or marks.head_pitch_deg is None:
        return None
    across, up = eye_turn(marks.blendshapes)
    shut = _mean(marks.blendshapes, "eyeBlinkLeft", "eyeBlinkRight") > thresholds.eyes_shut_score
    return Gaze(
        yaw_deg=marks.head_yaw_deg + thresholds.gaze_eye_deg * across,
        pitch_deg=marks.head_pitch_deg + thresholds.gaze_eye_deg * up,
        head_yaw_deg=marks.head_yaw_deg,
        head_pitch_deg=marks.head_pitch_deg,
        eyes_shut=shut,
    )


def direction(gaze: Gaze, centre: tuple[float, float], cone_deg: float) -> str:
    """ "camera" inside the cone; otherwise the side it left by most: "down", "up" or "side"."""
    off_yaw = abs(gaze.yaw_deg - centre[0]) - cone_deg
    pitch = gaze.pitch_deg - centre[1]
    off_pitch = abs(pitch) - cone_deg
    if off_yaw <= 0 and off_pitch <= 0:
        return "camera"
    if off_pitch >= off_yaw:
        return "down" if pitch < 0 else "up"
    return "side"


HEAD_TURNED = (
    "Calibration refused: your head was turned away from the camera. Face the camera and look "
    "into its lens for {seconds:g} s."
)
EYES_ELSEWHERE = (
    "Calibration refused: your eyes were not on the camera. Look into the lens (not at the "
    "screen) for {seconds:g} s."
)
LOOK_AT_LENS = "Look into the camera lens: {remaining} s"
# The preview asks for this long after the first face at most (the prior keeps judging, and a
# later look at the lens is still taken): a prompt over every answer would nag, not guide.
PROMPT_FOR_S = 20.0


class GazeCalibrator:
    """The person's own "looking at the lens" direction, checked against the prior; see the
    module docstring. Pure: time comes from the frames."""

    def __init__(self, thresholds: BodyThresholds) -> None:
        self.thresholds = thresholds
        self.centre: tuple[float, float] | None = None
        self.refusal: str | None = None  # why the last attempt was refused, until one succeeds
        self.attempts = 0
        self._first_face_t: float | None = None
        self._new_attempt()

    @property
    def done(self) -> bool:
        return self.centre is not None

    def remaining_s(self, now: float) -> float | None:
        """Seconds left in the current attempt (None before the first face)."""
        if self.done or self._started_at is None:
            return None
        return max(0.0, self.thresholds.calibration_s - (now - self._started_at))

    def prompt(self, now: float) -> str | None:
        """What the preview should say now: the countdown, the last refusal, or nothing."""
        remaining = self.remaining_s(now)
        first = self._first_face_t
        if remaining is None or (first is not None and now - first > PROMPT_FOR_S):
            return None
        countdown = LOOK_AT_LENS.format(remaining=max(1, round(remaining + 0.49)))
        return f"{self.refusal}\n{countdown}" if self.refusal else countdown

    def restart(self) -> None:
        self.centre = None
        self.refusal = None
        self._first_face_t = None
        self._new_attempt()

    def _new_attempt(self) -> None:
        self._started_at: float | None = None
        self._last_t: float | None = None
        self._off_lens_s = 0.0
        self._samples: list[Gaze] = []

    def _refuse(self) -> None:
        self.attempts += 1
        samples = self._samples
        self._new_attempt()
        head = max(
            float(np.median([abs(g.head_yaw_deg) for g in samples])) if samples else 0.0,
            float(np.median([abs(g.head_pitch_deg) for g in samples])) if samples else 0.0,
        )
        turned = head > self.thresholds.gaze_cone_deg
        self.refusal = (HEAD_TURNED if turned else EYES_ELSEWHERE).format(
            seconds=self.thresholds.calibration_s
        )

    def feed(self, now: float, gaze: Gaze | None) -> None:
        """Add one frame; accept the attempt's centre at its end, or refuse it as soon as too
        much of it was off the lens for it to succeed, and start over."""
        if self.done or gaze is None:
            return
        if self._started_at is None:
            self._started_at = now
        if self._first_face_t is None:
            self._first_face_t = now
        dt = now - self._last_t if self._last_t is not None else 0.0
        self._last_t = now
        if not gaze.eyes_shut:
            self._samples.append(gaze)
            if direction(gaze, PRIOR_CENTRE, self.thresholds.gaze_cone_deg) != "camera":
                self._off_lens_s += dt
        allowed_off = (1.0 - self.thresholds.calibration_on_lens_share) * (
            self.thresholds.calibration_s
        )
        if self._off_lens_s > allowed_off:
            self._refuse()
            return
        if now - self._started_at < self.thresholds.calibration_s:
            return
        cone = self.thresholds.gaze_cone_deg
        on_lens = [g for g in self._samples if direction(g, PRIOR_CENTRE, cone) == "camera"]
        if not on_lens:
            self._refuse()
            return
        self.attempts += 1
        self.centre = (
            float(np.median([g.yaw_deg for g in on_lens])),
            float(np.median([g.pitch_deg for g in on_lens])),
        )
        self.refusal = None
        self._new_attempt()
