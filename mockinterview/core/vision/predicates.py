"""Per-frame raw conditions of the body-language cues: pure functions of one frame's landmarks.

Each answers "is this visible in this frame?" and nothing more; CueTracker (cues.py) debounces them
into events. Gaze has its own module (gaze.py). Sources of each number: core/thresholds.py.
"""

from __future__ import annotations

import cv2
import numpy as np

from mockinterview.core.thresholds import BodyThresholds
from mockinterview.core.vision.calibration import Baseline, BodyMeasures, arms_in_view, pose_points
from mockinterview.core.vision.landmarks import (
    LEFT_ELBOW,
    LEFT_SHOULDER,
    LEFT_WRIST,
    LOWER_LIP,
    MOUTH_LEFT,
    MOUTH_RIGHT,
    RIGHT_ELBOW,
    RIGHT_SHOULDER,
    RIGHT_WRIST,
    UPPER_LIP,
    LandmarkFrame,
)

HEAD_POINTS = range(0, 11)  # pose nose, eyes, ears, mouth


def _visible(points: np.ndarray, indexes, thresholds: BodyThresholds) -> bool:
    return bool(np.all(points[list(indexes), 2] >= thresholds.visibility_min))


def _to_segment(point: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    """Distance from `point` to the segment a-b."""
    ab = b - a
    t = float(np.clip(np.dot(point - a, ab) / max(float(np.dot(ab, ab)), 1e-12), 0.0, 1.0))
    return float(np.linalg.norm(point - (a + t * ab)))


def _wrists_crossed(xy: np.ndarray, thresholds: BodyThresholds) -> bool:
    """The pose model's own picture of folded arms: both wrists past the body midline and near
    the opposite elbow or shoulder. Hands clasped in front meet at the midline but do not pass it
    toward the other arm, and one arm across the body is not both."""
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


def _hand_on_other_arm(marks: LandmarkFrame, xy: np.ndarray, thresholds: BodyThresholds) -> bool:
    """Folded arms as the hand model sees them: both forearms lie across the body (within
    `crossed_arms_forearm_deg` of horizontal) and a hand rests on the *other* arm's upper arm
    (its centre within `crossed_arms_hand_on_arm` upper-arm lengths of the shoulder-elbow
    segment). A hand is taken to belong to the arm whose wrist is nearer.

    Folded arms hide at least one hand, and the pose model then places that wrist on its own
    side of the body (tests/data/README.md), so the wrists alone never showed folded arms on a
    real person; the hand that stays visible lies on the other arm. Clasped hands sit at the end
    of both forearms, an upper arm or more from either upper arm (pexels-clasped-hands.jpg:
    1.25-1.41); a hand raised to the mouth passes near the other arm with its forearm upright."""
    if not marks.hands:
        return False
    upper = (
        np.linalg.norm(xy[LEFT_SHOULDER] - xy[LEFT_ELBOW])
        + np.linalg.norm(xy[RIGHT_SHOULDER] - xy[RIGHT_ELBOW])
    ) / 2
    if upper <= 1e-4:
        return False
    limit = np.radians(thresholds.crossed_arms_forearm_deg)
    for elbow, wrist in ((LEFT_ELBOW, LEFT_WRIST), (RIGHT_ELBOW, RIGHT_WRIST)):
        dx, dy = np.abs(xy[wrist] - xy[elbow])
        if np.arctan2(dy, dx) > limit:
            return False
    scale = np.float32([1.0, 1.0 / marks.aspect])
    reach = thresholds.crossed_arms_hand_on_arm * upper
    for hand in marks.hands:
        centre = (hand[:, :2] * scale).mean(axis=0)
        if np.linalg.norm(centre - xy[LEFT_WRIST]) <= np.linalg.norm(centre - xy[RIGHT_WRIST]):
            other = (RIGHT_SHOULDER, RIGHT_ELBOW)
        else:
            other = (LEFT_SHOULDER, LEFT_ELBOW)
        if _to_segment(centre, xy[other[0]], xy[other[1]]) < reach:
            return True
    return False


def crossed_arms_raw(marks: LandmarkFrame, thresholds: BodyThresholds) -> bool:
    """Arms folded across the body, judged only with the shoulders and elbows in view
    (`arms_in_view`): the wrists crossed (pose model, both wrists visible), or a hand resting on
    the other arm with both forearms across the body (hand model). See the two helpers."""
    if not arms_in_view(marks, thresholds):
        return False
    points = pose_points(marks)
    if points is None:
        return False
    xy = points[:, :2]
    wrists_seen = _visible(points, (LEFT_WRIST, RIGHT_WRIST), thresholds)
    return (wrists_seen and _wrists_crossed(xy, thresholds)) or _hand_on_other_arm(
        marks, xy, thresholds
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


def head_outline(marks: LandmarkFrame, thresholds: BodyThresholds) -> np.ndarray | None:
    """The face's outline (convex hull, x and y in image widths): the face mesh when seen,
    else a box around the pose head points (a hand over the face can hide the mesh)."""
    scale = np.float32([1.0, 1.0 / marks.aspect])
    if marks.face is not None:
        return cv2.convexHull(marks.face[:, :2].astype(np.float32) * scale)
    points = pose_points(marks)
    if points is None:
        return None
    head = points[list(HEAD_POINTS)]
    head = head[head[:, 2] >= thresholds.visibility_min]
    if len(head) < 3:
        return None
    x0, y0 = head[:, 0].min(), head[:, 1].min()
    x1, y1 = head[:, 0].max(), head[:, 1].max()
    # The pose head points stop at the mouth and the eyebrows: the face is taller than that.
    size = max(x1 - x0, 1e-4)
    top, bottom = y0 - size * 0.3, y1 + size * 0.4
    box = [(x0, top), (x1, top), (x1, bottom), (x0, bottom)]
    return np.array(box, np.float32).reshape(-1, 1, 2)


def face_touch_raw(marks: LandmarkFrame, thresholds: BodyThresholds) -> bool:
    """At least `face_touch_points` landmarks of one hand (MediaPipe hand landmarker) on the
    face's outline or within `face_touch_margin` face widths of it. The outline, not the face's
    bounding box: a hand gesturing beside or below the chin sits in the box's empty corners
    (franck.mp4 at 8.1-8.8 s, tuning set: at most 2 points within 0.15 face widths).

    A "hand" whose 21 points span less than `face_touch_hand_min` face widths is not one: the
    hand model sometimes finds a hand in an ear and the hair beside it, all its points packed
    into the ear (pexels-toys-father.mp4, 6.5-7.0 s)."""
    if not marks.hands:
        return False
    outline = head_outline(marks, thresholds)
    if outline is None:
        return False
    scale = np.float32([1.0, 1.0 / marks.aspect])
    face_width = float(np.ptp(outline[:, 0, 0]))
    reach = -thresholds.face_touch_margin * face_width
    for hand in marks.hands:
        points = hand[:, :2].astype(np.float32) * scale
        if float(np.ptp(points, axis=0).max()) < thresholds.face_touch_hand_min * face_width:
            continue
        inside = sum(
            cv2.pointPolygonTest(outline, (float(x), float(y)), True) >= reach for x, y in points
        )
        if inside >= thresholds.face_touch_points:
            return True
    return False


def _blend(marks: LandmarkFrame, *names: str) -> float:
    return float(np.mean([marks.blendshapes.get(name, 0.0) for name in names]))


def hand_on_mouth(marks: LandmarkFrame, thresholds: BodyThresholds) -> bool:
    """At least `face_touch_points` points of one hand within `hand_on_mouth_widths` mouth widths
    (corner to corner) of the mouth's centre: fingers on the lips, a hand over the mouth."""
    if marks.face is None or not marks.hands:
        return False
    scale = np.float32([1.0, 1.0 / marks.aspect])
    mouth = marks.face[[MOUTH_RIGHT, MOUTH_LEFT, UPPER_LIP, LOWER_LIP], :2] * scale
    reach = thresholds.hand_on_mouth_widths * float(np.linalg.norm(mouth[0] - mouth[1]))
    centre = mouth.mean(axis=0)
    return any(
        int(np.sum(np.linalg.norm(hand[:, :2] * scale - centre, axis=1) < reach))
        >= thresholds.face_touch_points
        for hand in marks.hands
    )


def smile_raw(marks: LandmarkFrame, thresholds: BodyThresholds) -> bool:
    """Mouth corners up, less any pressing of the lips: pressed lips with the corners drawn up
    are a grimace or a held-back smirk, which the plain smile score reads as a smile.

    Fingers on the lips pull the corners about, and the face model reads that as a smile
    (pexels-classroom-girl.mp4, tuning footage: mouthSmile 0.46-0.69 with no smile); so while a
    hand is on the mouth a smile counts only if the eyes narrow with it, as they do in the same
    girl's real smiles behind her hand."""
    smile = _blend(marks, "mouthSmileLeft", "mouthSmileRight")
    pressed = _blend(marks, "mouthPressLeft", "mouthPressRight")
    if smile - pressed <= smile_bar(marks.head_pitch_deg, thresholds):
        return False
    if hand_on_mouth(marks, thresholds):
        squint = _blend(marks, "eyeSquintLeft", "eyeSquintRight")
        return squint >= thresholds.smile_eyes_behind_hand
    return True


def smile_bar(pitch_deg: float | None, thresholds: BodyThresholds) -> float:
    """The smile score a face must pass: lower the more the face is seen from above (a smile
    down at one's notes reads lower), never under smile_score_bowed."""
    bow = max(0.0, -(pitch_deg or 0.0) - thresholds.smile_bow_from_deg)
    lowered = thresholds.smile_score - thresholds.smile_score_per_bow_deg * bow
    return max(lowered, min(thresholds.smile_score, thresholds.smile_score_bowed))


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


def dark_picture(marks: LandmarkFrame, thresholds: BodyThresholds) -> bool:
    """No face, in a picture too dark to find one in: a closed privacy shutter, a covered lens
    or the lights off, rather than a person who left the picture (whose room stays lit)."""
    return marks.face is None and marks.luma < thresholds.dark_picture_luma


def framing_problems(
    marks: LandmarkFrame, measures: BodyMeasures, thresholds: BodyThresholds
) -> set[str]:
    """What is wrong with how the face sits in the picture (empty without a face: that is
    "face_not_visible"). Judged on the face itself, not on the whole picture: a bright window
    behind a dark face is "backlit" even when the picture's mean brightness is fine."""
    problems: set[str] = set()
    if marks.face is None or measures.face_width is None:
        return problems
    if measures.face_width > thresholds.too_close_face_width:
        problems.add("too_close")
    if measures.face_width < thresholds.too_far_face_width:
        problems.add("too_far")
    centre_x = float(marks.face[:, 0].mean())
    centre_y = float(marks.face[:, 1].mean())
    if abs(centre_x - 0.5) > thresholds.off_centre_x or not (
        thresholds.face_centre_y_min <= centre_y <= thresholds.face_centre_y_max
    ):
        problems.add("off_centre")
    face_luma = marks.face_luma if marks.face_luma is not None else marks.luma
    if face_luma < thresholds.too_dark_luma:
        problems.add("too_dark")
    elif face_luma < thresholds.backlit_ratio * marks.luma:
        problems.add("backlit")
    return problems
