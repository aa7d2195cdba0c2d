"""benchmarks/vision_cues.py's landmark cache: a replay must score exactly what a fresh run does."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from benchmarks.vision_cues import analyse, cached_landmarks
from mockinterview.core.vision.landmarks import LandmarkDetector
from tests.conftest import DATA


def test_cached_landmarks_replay_the_fresh_run(tmp_path: Path, detector: LandmarkDetector) -> None:
    """franck-glance.mp4 (real footage): the second read comes from the cache without a model,
    holds the same landmarks, and gives the same cue states."""
    clip = DATA / "franck-glance.mp4"
    fresh = cached_landmarks(clip, lambda: detector, tmp_path)
    assert len(list(tmp_path.iterdir())) == 1

    def no_model() -> LandmarkDetector:
        raise AssertionError("a cached clip must not need the models")

    replay = cached_landmarks(clip, no_model, tmp_path)
    assert len(replay) == len(fresh) > 10
    assert any(m.face is not None for m in replay)
    for a, b in zip(fresh, replay, strict=True):
        assert a.timestamp_s == b.timestamp_s and a.head_yaw_deg == b.head_yaw_deg
        assert (a.face is None) == (b.face is None)
        if a.face is not None:
            assert np.array_equal(a.face, b.face)
        assert dict(a.blendshapes) == dict(b.blendshapes)
        assert len(a.hands) == len(b.hands)
    states, block = analyse(clip, no_model, cache=tmp_path)
    fresh_states, fresh_block = analyse(clip, lambda: detector)
    assert [(s.gaze, s.raw) for s in states] == [(s.gaze, s.raw) for s in fresh_states]
    assert block == fresh_block
