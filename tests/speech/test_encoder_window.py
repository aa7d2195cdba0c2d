"""The encoder window of the decoding someone waits on: the audio and 1 s past it, at least 10 s;
every other pass keeps Whisper's 30 s window."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mockinterview.core.speech.asr import Transcriber
from mockinterview.core.speech.encoder_window import (
    FULL_WINDOW_FRAMES,
    WindowedWhisper,
    audio_frames,
    kept_frames,
)
from tests.speech.conftest import silence, speech


def window(heard_frames: int) -> np.ndarray:
    """A padded mel window as faster-whisper builds it: audio frames, then frames of zeros."""
    features = np.zeros((80, FULL_WINDOW_FRAMES), dtype=np.float32)
    features[:, :heard_frames] = -0.6  # a log-mel frame of silence sits at the clip's floor
    features[3, : heard_frames // 2] = 0.4
    return features


@pytest.mark.parametrize(
    ("heard", "kept"), [(0, 1000), (400, 1000), (950, 1050), (2500, 2600), (2950, 3000)]
)
def test_the_window_keeps_the_audio_a_second_past_it_and_at_least_ten_seconds(
    heard: int, kept: int
) -> None:
    assert audio_frames(window(heard)) == heard
    assert kept_frames(window(heard)) == kept
    assert kept_frames(window(heard)[None]) == kept  # the batch axis faster-whisper adds


@pytest.mark.slow
def test_only_the_greedy_pass_encodes_a_short_window(
    tmp_path: Path, transcriber: Transcriber, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = "We measured it twice, and the numbers did not change at all."
    samples = np.concatenate([speech(said, tmp_path / "a.wav"), silence(0.5)])
    assert isinstance(transcriber.model, WindowedWhisper)
    encoded: list[int] = []
    encode = transcriber.model.model.encode  # CTranslate2's, below WindowedWhisper.encode

    def counted(features, to_cpu=False):
        encoded.append(features.shape[-1])
        return encode(features, to_cpu=to_cpu)

    monkeypatch.setattr(transcriber.model, "model", _Encoder(transcriber.model.model, counted))
    greedy = transcriber.transcribe(samples, greedy=True).text.lower()
    assert "did not change at all" in greedy
    assert encoded == [1000]  # 5 s of speech and padding: the 10 s floor
    encoded.clear()
    beams = transcriber.transcribe(samples, openings=False).text.lower()
    assert "did not change at all" in beams
    assert encoded and set(encoded) == {FULL_WINDOW_FRAMES}


class _Encoder:
    """CTranslate2's Whisper with its encode() counted (its attributes cannot be set)."""

    def __init__(self, model, encode) -> None:
        self._model = model
        self.encode = encode

    def __getattr__(self, name: str):
        return getattr(self._model, name)
