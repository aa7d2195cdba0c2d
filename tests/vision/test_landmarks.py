"""The real MediaPipe models through LandmarkDetector, on the real astronaut photo."""

from __future__ import annotations

import numpy as np
import pytest

from mockinterview.core.vision.frames import Frame
from mockinterview.core.vision.landmarks import (
    LEFT_SHOULDER,
    NOSE,
    RIGHT_SHOULDER,
    LandmarkDetector,
    crop_square,
    face_crop_box,
    head_angles,
)
from tests.vision.conftest import astronaut, shifted


def test_detector_turns_a_photo_into_plain_landmarks(detector: LandmarkDetector) -> None:
    detector.reset()
    marks = detector.detect(Frame(astronaut(), 0.0))
    assert marks.pose is not None and marks.pose.shape == (33, 4)
    assert marks.face is not None and marks.face.shape == (478, 3)
    nose, left, right = marks.pose[NOSE], marks.pose[LEFT_SHOULDER], marks.pose[RIGHT_SHOULDER]
    assert nose[1] < min(left[1], right[1])  # upright: nose above the shoulders
    assert right[0] < nose[0] < left[0]  # facing the camera: her left shoulder on the image right
    assert marks.blendshapes["mouthSmileLeft"] > 0.5  # she smiles in the photo
    assert abs(marks.head_yaw_deg) < 15
    assert (marks.width, marks.height) == (640, 480)
    assert 40 < marks.luma < 200


def test_a_face_turned_in_the_image_plane_changes_roll_only(detector: LandmarkDetector) -> None:
    detector.reset()
    upright = detector.detect(Frame(astronaut(), 0.0))
    detector.reset()
    turned = detector.detect(Frame(shifted(astronaut(), 0, 0, angle_deg=20), 0.0))
    roll_change = turned.head_roll_deg - upright.head_roll_deg
    assert 14 < abs(roll_change) < 26
    assert abs(turned.head_yaw_deg - upright.head_yaw_deg) < 8


def test_the_face_square_is_three_face_widths_a_little_below_the_face() -> None:
    face = np.array([[0.4, 0.2, 0.0], [0.6, 0.2, 0.0], [0.5, 0.5, 0.0]], np.float32)
    left, top, side = face_crop_box(face, 640, 480)  # the face: 128 x 144 px, centre (320, 168)
    assert side == 432  # 3 x 144
    assert left == 320 - 216
    assert top == round(168 + 0.25 * 144 - 216)


def test_the_face_square_is_black_past_the_picture_edges() -> None:
    image = np.full((4, 6, 3), 200, np.uint8)
    crop = crop_square(image, -2, 1, 5)
    assert crop.shape == (5, 5, 3)
    assert (crop[:3, 2:] == 200).all()  # rows 1-3, columns 0-2 of the picture
    assert (crop[:, :2] == 0).all() and (crop[3:] == 0).all()


def test_head_angles_of_the_identity_are_zero() -> None:
    assert head_angles(np.eye(4)) == pytest.approx((0.0, 0.0, 0.0))


def test_pose_every_second_frame_reuses_the_last_pose(detector: LandmarkDetector) -> None:
    detector.reset()
    image = astronaut()
    marks = [detector.detect(Frame(image, i / 25)) for i in range(4)]
    assert [m.pose_fresh for m in marks] == [True, False, True, False]
    assert marks[1].pose is marks[0].pose
    assert all(m.face is not None for m in marks)  # the face model runs on every frame


def test_repeated_timestamps_do_not_break_video_mode(detector: LandmarkDetector) -> None:
    detector.reset()
    image = astronaut()
    marks = [detector.detect(Frame(image, 0.5)) for _ in range(3)]
    assert all(m.face is not None for m in marks)


def test_native_model_chatter_stays_off_the_terminal(capfd: pytest.CaptureFixture) -> None:
    with LandmarkDetector() as own:
        for i in range(3):
            own.detect(Frame(astronaut(), i / 25))
    err = capfd.readouterr().err
    assert "W0000" not in err and "I0000" not in err and "INFO:" not in err, err


def test_unknown_schedule_is_refused() -> None:
    with pytest.raises(ValueError, match="schedule"):
        LandmarkDetector(schedule="fastest")


def test_still_photos_are_judged_one_by_one() -> None:
    with LandmarkDetector(video=False) as stills:
        first = stills.detect(Frame(astronaut(), 0.0))
        moved = stills.detect(Frame(shifted(astronaut(), 120, 40), 0.0))  # same time: fine here
    assert stills.schedule == "sequential"
    assert first.pose is not None and moved.pose is not None
    shift = (moved.pose[NOSE, 0] - first.pose[NOSE, 0]) * 640
    assert 100 < shift < 140
