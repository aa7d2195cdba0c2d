"""Model resolution and loading: the real bundled models on real inputs."""

from __future__ import annotations

import shutil
from pathlib import Path

import cv2
import mediapipe as mp
import pytest

from mockinterview.core import models
from mockinterview.core.errors import ModelError
from tests.conftest import DATA, synthesize


def test_bundled_whisper_transcribes_real_speech(tmp_path: Path, whisper_model) -> None:
    sentence = "Tell me about a time you solved a difficult problem at work."
    clip = synthesize(sentence, tmp_path / "question.wav")
    segments, _info = whisper_model.transcribe(str(clip), beam_size=1, language="en")
    text = " ".join(s.text for s in segments).lower()
    for word in ("tell", "time", "solved", "difficult", "problem", "work"):
        assert word in text, text


def _astronaut_image() -> mp.Image:
    rgb = cv2.cvtColor(cv2.imread(str(DATA / "astronaut.png")), cv2.COLOR_BGR2RGB)
    return mp.Image(image_format=mp.ImageFormat.SRGB, data=rgb)


def test_bundled_pose_model_finds_the_astronaut() -> None:
    with models.create_pose_landmarker(video=False) as landmarker:
        result = landmarker.detect(_astronaut_image())
    assert len(result.pose_landmarks) == 1
    points = result.pose_landmarks[0]
    assert len(points) == 33
    nose, left_shoulder, right_shoulder = points[0], points[11], points[12]
    # Upright person facing the camera: nose above the shoulders, shoulders either side of it.
    assert nose.y < min(left_shoulder.y, right_shoulder.y)
    assert min(left_shoulder.x, right_shoulder.x) < nose.x < max(left_shoulder.x, right_shoulder.x)


def test_bundled_face_model_sees_a_smile() -> None:
    with models.create_face_landmarker(video=False) as landmarker:
        result = landmarker.detect(_astronaut_image())
    assert len(result.face_landmarks) == 1
    assert len(result.face_landmarks[0]) == 478  # 468 mesh + 10 iris points
    scores = {c.category_name: c.score for c in result.face_blendshapes[0]}
    assert (scores["mouthSmileLeft"] + scores["mouthSmileRight"]) / 2 > 0.3
    assert len(result.facial_transformation_matrixes) == 1


def test_models_under_a_folder_named_with_an_accent_load_and_see(tmp_path, monkeypatch) -> None:
    """The Windows installer puts the models under the user's own folder (C:\\Users\\Zoë\\...),
    whose name MediaPipe's C side would read in the wrong code page: their contents are given
    instead of their path, and the models load and see as they do from the bundle."""
    _assets_copy(tmp_path / "Zoë", monkeypatch)
    assert not str(models.mediapipe_model_path("face")).isascii()
    test_bundled_face_model_sees_a_smile()
    test_bundled_pose_model_finds_the_astronaut()


def _assets_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    assets = tmp_path / "assets"
    shutil.copytree(models.assets_dir() / "models", assets / "models")
    monkeypatch.setenv("MOCKINTERVIEW_ASSETS", str(assets))
    return assets / "models"


def test_missing_mediapipe_model_names_the_file(tmp_path, monkeypatch) -> None:
    folder = _assets_copy(tmp_path, monkeypatch)
    (folder / "face_landmarker.task").unlink()
    with pytest.raises(ModelError, match=r"face_landmarker\.task is missing.*git checkout"):
        models.mediapipe_model_path("face")


def test_corrupt_mediapipe_model_names_the_file(tmp_path, monkeypatch) -> None:
    folder = _assets_copy(tmp_path, monkeypatch)
    bundle = folder / "pose_landmarker_full.task"
    bundle.write_bytes(bundle.read_bytes()[:1000])
    with pytest.raises(ModelError, match=r"pose_landmarker_full\.task is corrupt"):
        models.create_pose_landmarker()


def test_whisper_setting_resolution(tmp_path: Path) -> None:
    assert (models.whisper_model_path("tiny.en") / "model.bin").is_file()
    with pytest.raises(ModelError, match=r"mockinterview models download small\.en"):
        models.whisper_model_path("small.en")
    with pytest.raises(ModelError, match="Unknown Whisper model 'huge'"):
        models.whisper_model_path("huge")
    empty = tmp_path / "my-model"
    empty.mkdir()
    with pytest.raises(ModelError, match=r"incomplete \(missing model.bin, config.json\)"):
        models.whisper_model_path(str(empty))


def test_local_whisper_folder_is_used(tmp_path: Path) -> None:
    local = tmp_path / "local-tiny"
    shutil.copytree(models.whisper_model_path("tiny.en"), local)
    assert models.whisper_model_path(str(local)) == local


def test_whisper_keeps_the_tokenizer_read_before_the_window_showed(tmp_path: Path) -> None:
    """The window reads the tokenizer (the part of the load that holds the GIL) before it shows;
    the model then uses that one, and faster-whisper parses its own again for any later load."""
    import tokenizers
    from faster_whisper import transcribe

    from mockinterview.core.settings import WhisperSettings

    settings = WhisperSettings()
    tokenizer = models.read_whisper_tokenizer(settings)
    model = models.load_whisper(settings, tokenizer)
    assert model.hf_tokenizer is tokenizer
    assert transcribe.tokenizers is tokenizers
    assert tokenizer.decode(tokenizer.encode(" Tell me about yourself.").ids).strip() == (
        "Tell me about yourself."
    )
    broken = tmp_path / "broken-tiny"
    shutil.copytree(models.whisper_model_path("tiny.en"), broken)
    (broken / "tokenizer.json").write_text("{not json")
    with pytest.raises(ModelError, match=r"tokenizer\.json could not be read"):
        models.read_whisper_tokenizer(WhisperSettings(model=str(broken)))


@pytest.mark.parametrize(("given", "expected"), [(None, "PASSIVE"), ("ACTIVE", "ACTIVE")])
def test_whisper_threads_sleep_while_they_wait(given: str | None, expected: str) -> None:
    """OpenMP reads OMP_WAIT_POLICY once, when CTranslate2 loads: importing the app's speech code
    sets it first (threads that spin on a busy machine slow Whisper down), and keeps a user's."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    if given:
        env["OMP_WAIT_POLICY"] = given
    script = (
        "import os\n"
        "from mockinterview.core.speech import asr\n"
        "import ctranslate2\n"
        "print(os.environ['OMP_WAIT_POLICY'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == expected
