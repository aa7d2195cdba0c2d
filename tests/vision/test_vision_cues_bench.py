"""benchmarks/vision_cues.py's landmark cache (a replay must score exactly what a fresh run does)
and its clips folder (a fresh clone has none of the labelled clips)."""

from __future__ import annotations

import hashlib
import shutil
import tomllib
from pathlib import Path

import numpy as np
import pytest

from benchmarks.vision_cues import LABELS, _cache_file, analyse, bench_cues, cached_landmarks
from mockinterview.core import models
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


@pytest.fixture
def assets_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A copy of the bundled models that a test may change; SHA256SUMS is read afresh."""
    folder = tmp_path / "assets" / "models"
    shutil.copytree(models.assets_dir() / "models", folder)
    monkeypatch.setenv("MOCKINTERVIEW_ASSETS", str(folder.parent))
    models._expected_sha256.cache_clear()
    yield folder
    models._expected_sha256.cache_clear()


def test_cache_key_follows_the_models(
    tmp_path: Path, assets_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clip's cached landmarks are not replayed once a bundled model file or the options the
    models are created with have changed (stale landmarks would be scored as fresh ones)."""
    clip = DATA / "franck-glance.mp4"
    first = _cache_file(tmp_path, clip)
    assert _cache_file(tmp_path, clip) == first

    with monkeypatch.context() as patch:
        hands = {**models.MEDIAPIPE_OPTIONS["hand"], "num_hands": 1}
        patch.setattr(models, "MEDIAPIPE_OPTIONS", {**models.MEDIAPIPE_OPTIONS, "hand": hands})
        other_options = _cache_file(tmp_path, clip)
    assert other_options != first
    assert _cache_file(tmp_path, clip) == first

    # A retrained face bundle, with its new sha256 in SHA256SUMS as a release would write it.
    bundle = assets_copy / "face_landmarker.task"
    old = hashlib.sha256(bundle.read_bytes()).hexdigest()
    bundle.write_bytes(bundle.read_bytes() + b"\0")
    new = hashlib.sha256(bundle.read_bytes()).hexdigest()
    sums = assets_copy / "SHA256SUMS"
    sums.write_text(sums.read_text().replace(old, new))
    models._expected_sha256.cache_clear()
    assert _cache_file(tmp_path, clip) not in (first, other_options)


def test_a_fresh_clone_skips_every_labelled_clip(tmp_path: Path) -> None:
    """No labelled clip or still is committed (tests/data/README.md): with an empty clips folder
    the benchmark scores nothing, loads no model, and lists every file it would have scored."""
    labels = tomllib.loads(LABELS.read_text(encoding="utf-8"))
    files = {c["file"] for c in labels["clip"]} | {s["file"] for s in labels["still"]}
    assert not [name for name in files if (DATA / name).exists()]
    result = bench_cues(folder=tmp_path)
    assert result["skipped"].startswith("no labelled clips")
    assert sorted(result["missing"]) == sorted(files)
