"""packaging/voice_fp16.py on the real bundled voice: the model it writes is half the size, loads in
onnxruntime, and says the same sentence as the original (the same samples within float16's
rounding with the sampling noise off, and the same words to Whisper)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from mockinterview.core.audio_file import decode_audio, write_wav
from mockinterview.core.speech.asr import Transcriber
from mockinterview.core.speech.neural_voice import BUNDLED_MODELS
from tests.packaging.conftest import _packaging_module

SENTENCE = "Tell me about a time you disagreed with your manager, and what you did about it."


@pytest.fixture(scope="module")
def voice_fp16():
    return _packaging_module("voice_fp16")


@pytest.fixture(scope="module")
def rewritten(voice_fp16, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict]:
    """(the installed voice model, a copy rewritten by voice_fp16, what the rewrite returned)"""
    original = BUNDLED_MODELS[0].model_path()
    folder = tmp_path_factory.mktemp("voice")
    copy = folder / original.name
    shutil.copy(original, copy)
    shutil.copy(f"{original}.json", f"{copy}.json")
    return original, copy, voice_fp16.store_fp16(copy)


def _render(model: Path) -> tuple[np.ndarray, int]:
    """The sentence as the voice renders it with its sampling noise off (the same every time)."""
    import onnxruntime
    from piper import PiperConfig, PiperVoice, SynthesisConfig

    voice = PiperVoice(
        config=PiperConfig.from_dict(json.loads(Path(f"{model}.json").read_text())),
        session=onnxruntime.InferenceSession(str(model), providers=["CPUExecutionProvider"]),
    )
    quiet = SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0)
    chunks = [chunk.audio_float_array for chunk in voice.synthesize(SENTENCE, syn_config=quiet)]
    return np.concatenate(chunks).reshape(-1), voice.config.sample_rate


def test_the_weights_take_half_the_bytes(voice_fp16, rewritten) -> None:
    original, copy, result = rewritten
    assert result["changed"] is True and result["tensors"] > 100
    assert result["bytes_after"] == copy.stat().st_size
    assert result["bytes_after"] < 0.55 * result["bytes_before"]
    assert voice_fp16.float16_stored(copy) and not voice_fp16.float16_stored(original)


def test_a_rewritten_model_is_left_as_it_is(voice_fp16, rewritten) -> None:
    _original, copy, _result = rewritten
    before = copy.read_bytes()
    assert voice_fp16.store_fp16(copy) == {
        "model": copy.name,
        "changed": False,
        "reason": "already float16",
    }
    assert copy.read_bytes() == before


def test_the_voice_says_the_same_sentence(rewritten, whisper_model, tmp_path: Path) -> None:
    original, copy, _result = rewritten
    before, rate = _render(original)
    after, _rate = _render(copy)
    assert len(after) == len(before)  # the same phoneme durations: no timing moved
    noise = after - before
    snr_db = 10 * np.log10(np.sum(before**2) / np.sum(noise**2))
    assert snr_db > 25, f"float16 weights changed the sound by {snr_db:.1f} dB SNR"
    transcriber = Transcriber(whisper_model)
    heard = [
        transcriber.transcribe(decode_audio(write_wav(tmp_path / f"{name}.wav", audio, rate))).text
        for name, audio in (("before", before), ("after", after))
    ]
    assert heard[0] == heard[1]
    assert "disagreed with your manager" in heard[1].lower()
