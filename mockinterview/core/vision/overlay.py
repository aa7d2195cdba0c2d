"""Draw what the analysis sees onto a BGR image: skeleton, eyes and gaze arrow, active cue badges.

Used by the live preview and the review player, so it must run at display rate: it draws a few
dozen lines and circles with OpenCV (about a millisecond at 640x480, see the benchmark) and never
the full 478-point face mesh.

Usage::

    annotated = draw_overlay(frame.image, marks, state)   # returns a new image, input untouched
    picture_only = draw_overlay(frame.image, marks, state, badges=False)  # arrow colour only
    label = CUE_LABELS["crossed_arms"]   # cues.CUE_LABELS: the words the report uses too

Colours are BGR. Helpful cues (smile) are green, problems amber, framing problems red.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from mockinterview.core.vision.calibration import CALIBRATING_PROMPT
from mockinterview.core.vision.cues import CUE_LABELS, FRAMING_CUES, CueState
from mockinterview.core.vision.landmarks import (
    FACE_NOSE_TIP,
    LEFT_EYE_INNER,
    LEFT_EYE_OUTER,
    LEFT_IRIS,
    POSE_CONNECTIONS,
    RIGHT_EYE_INNER,
    RIGHT_EYE_OUTER,
    RIGHT_IRIS,
    LandmarkFrame,
)

GOOD, WARN, BAD = (80, 175, 76), (0, 160, 255), (60, 60, 220)
FRAMING = frozenset({"face_not_visible", *FRAMING_CUES, "recalibrate"})
SKELETON, JOINT, EYE = (255, 210, 120), (255, 255, 255), (0, 255, 255)
VISIBLE = 0.5  # draw only landmarks the model is this sure of
GUIDE = (120, 120, 120)


def _badge_colour(cue: str) -> tuple[int, int, int]:
    if cue == "smile":
        return GOOD
    return BAD if cue in FRAMING else WARN


def _draw_skeleton(image: np.ndarray, pose: np.ndarray) -> None:
    height, width = image.shape[:2]
    points = [(int(x * width), int(y * height)) for x, y in pose[:, :2]]
    for a, b in POSE_CONNECTIONS:
        if pose[a, 3] >= VISIBLE and pose[b, 3] >= VISIBLE:
            cv2.line(image, points[a], points[b], SKELETON, 2, cv2.LINE_AA)
    for index in {i for pair in POSE_CONNECTIONS for i in pair}:
        if pose[index, 3] >= VISIBLE:
            cv2.circle(image, points[index], 4, JOINT, -1, cv2.LINE_AA)


def _draw_face(image: np.ndarray, face: np.ndarray, marks: LandmarkFrame, looking: bool) -> None:
    height, width = image.shape[:2]

    def at(index: int) -> tuple[int, int]:
        return int(face[index, 0] * width), int(face[index, 1] * height)

    for first, second in ((RIGHT_EYE_OUTER, RIGHT_EYE_INNER), (LEFT_EYE_INNER, LEFT_EYE_OUTER)):
        cv2.line(image, at(first), at(second), EYE, 1, cv2.LINE_AA)
    for iris in (RIGHT_IRIS, LEFT_IRIS):
        cv2.circle(image, at(iris), 3, EYE, -1, cv2.LINE_AA)
    if marks.head_yaw_deg is None or marks.head_pitch_deg is None:
        return
    # Head direction: yaw turns the arrow sideways, pitch up/down (image y grows downward).
    face_width = float(face[:, 0].max() - face[:, 0].min()) * width
    length = max(face_width * 0.8, 20.0)
    yaw, pitch = math.radians(marks.head_yaw_deg), math.radians(marks.head_pitch_deg)
    dx, dy = math.sin(yaw) * length * 2, -math.sin(pitch) * length * 2
    start = at(FACE_NOSE_TIP)
    end = (int(start[0] + dx), int(start[1] + dy))
    cv2.arrowedLine(image, start, end, GOOD if looking else WARN, 2, cv2.LINE_AA, tipLength=0.25)


def _draw_badges(image: np.ndarray, labels: list[tuple[str, tuple[int, int, int]]]) -> None:
    scale = max(image.shape[1] / 1000.0, 0.45)
    thickness = 1 if scale < 0.8 else 2
    y = 8
    for text, colour in labels:
        (w, h), base = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, scale, thickness)
        cv2.rectangle(image, (8, y), (8 + w + 12, y + h + base + 10), colour, -1)
        cv2.putText(
            image,
            text,
            (14, y + h + 5),
            cv2.FONT_HERSHEY_SIMPLEX,
            scale,
            (255, 255, 255),
            thickness,
            cv2.LINE_AA,
        )
        y += h + base + 16


def draw_overlay(
    image: np.ndarray,
    marks: LandmarkFrame | None,
    state: CueState | None = None,
    badges: bool = True,
) -> np.ndarray:
    """A copy of `image` with the landmarks and the active cues drawn on it.

    `badges=False` keeps the cue labels off the picture (a GUI that shows one nudge beside it)
    while the gaze arrow still turns amber when eye contact is lost.
    """
    canvas = image.copy()
    if marks is not None and marks.pose is not None:
        _draw_skeleton(canvas, marks.pose)
    if marks is not None and marks.face is not None:
        _draw_face(canvas, marks.face, marks, state is None or state.eye_contact)
    labels: list[tuple[str, tuple[int, int, int]]] = []
    if state is not None and badges:
        if state.calibration_prompt:  # guided: "Look into the camera lens: 2 s", or a refusal
            labels.extend((line, GUIDE) for line in state.calibration_prompt.splitlines())
        elif state.calibrating:
            labels.append((f"Calibrating: {CALIBRATING_PROMPT}", GUIDE))
        for cue in sorted(state.active, key=lambda c: (c == "smile", c)):
            labels.append((CUE_LABELS.get(cue, cue), _badge_colour(cue)))
    _draw_badges(canvas, labels)
    return canvas
