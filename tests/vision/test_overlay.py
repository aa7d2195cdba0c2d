"""The overlay on the real astronaut photo: skeleton where her shoulders are, badges for cues."""

from __future__ import annotations

import dataclasses

import numpy as np

from mockinterview.core.vision.cues import CUE_LABELS, CUES, CueTracker
from mockinterview.core.vision.landmarks import LEFT_SHOULDER, RIGHT_SHOULDER, LandmarkFrame
from mockinterview.core.vision.overlay import SKELETON, WARN, draw_overlay
from tests.vision.conftest import astronaut


def test_skeleton_is_drawn_on_her_shoulders(astronaut_marks: LandmarkFrame) -> None:
    image = astronaut()
    before = image.copy()
    drawn = draw_overlay(image, astronaut_marks)
    assert np.array_equal(image, before)  # the camera frame is never drawn on
    height, width = image.shape[:2]
    left, right = astronaut_marks.pose[LEFT_SHOULDER], astronaut_marks.pose[RIGHT_SHOULDER]
    mid = (int((left[0] + right[0]) / 2 * width), int((left[1] + right[1]) / 2 * height))
    patch = drawn[mid[1] - 2 : mid[1] + 3, mid[0] - 2 : mid[0] + 3].reshape(-1, 3)
    assert any(tuple(int(v) for v in px) == SKELETON for px in patch)
    changed = np.any(drawn != image, axis=2)
    assert 0.001 < changed.mean() < 0.05  # lines and dots, not a smear over the picture


def test_active_cues_get_badges(astronaut_marks: LandmarkFrame) -> None:
    tracker = CueTracker()
    away = astronaut_marks.head_yaw_deg + 40
    state = None
    for i in range(150):
        yaw = away if i >= 100 else astronaut_marks.head_yaw_deg
        marks = dataclasses.replace(astronaut_marks, timestamp_s=i / 25, head_yaw_deg=yaw)
        state = tracker.feed(marks)
    assert "eye_contact_lost" in state.active
    drawn = draw_overlay(astronaut(), marks, state)
    badge_area = drawn[8:120, 8:60].reshape(-1, 3)
    assert any(tuple(int(v) for v in px) == WARN for px in badge_area)
    quiet = draw_overlay(astronaut(), marks, state, badges=False)
    assert not any(tuple(int(v) for v in px) == WARN for px in quiet[8:120, 8:60].reshape(-1, 3))
    assert np.any(np.all(quiet == WARN, axis=2))  # the gaze arrow turned amber instead
    plain = draw_overlay(astronaut(), None, None)
    assert np.array_equal(plain, astronaut())


def test_every_cue_has_a_label() -> None:
    assert set(CUES) == set(CUE_LABELS)
