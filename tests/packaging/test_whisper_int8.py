"""packaging/whisper_int8.py on the real bundled model: the int8 file it writes gives exactly
what the float16 file gives the app (which quantizes it to int8 on every load), on real speech,
to the last bit of every score and word timing, and carries every other variable unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import DATA
from tests.packaging.conftest import _packaging_module


@pytest.fixture(scope="module")
def whisper_int8():
    return _packaging_module("whisper_int8")


def _bundled_model() -> Path:
    from mockinterview.core.models import whisper_model_path
    from mockinterview.core.settings import WhisperSettings

    return whisper_model_path(WhisperSettings().model)


def _transcript(model, clip: Path) -> list[tuple]:
    segments, _info = model.transcribe(str(clip), language="en", word_timestamps=True)
    return [
        (
            s.text,
            s.tokens,
            s.avg_logprob,
            s.no_speech_prob,
            [(w.word, w.start, w.end, w.probability) for w in s.words or []],
        )
        for s in segments
    ]


def test_int8_file_transcribes_exactly_as_the_float16_one_loads(
    whisper_int8, whisper_model, tmp_path: Path
) -> None:
    from mockinterview.core.models import load_whisper
    from mockinterview.core.settings import WhisperSettings

    source = _bundled_model()
    folder = tmp_path / "model"
    shutil.copytree(source, folder)
    result = whisper_int8.quantize_whisper(folder / "model.bin")
    assert result["changed"], result
    assert result["bytes_after"] < 0.55 * result["bytes_before"]
    assert whisper_int8.quantize_whisper(folder / "model.bin")["changed"] is False

    *header_before, before, aliases_before = whisper_int8.read_model(source / "model.bin")
    *header_after, after, aliases_after = whisper_int8.read_model(folder / "model.bin")
    assert header_after == header_before and aliases_after == aliases_before
    quantized = {key for key in before if after[key].dtype != before[key].dtype}
    assert "decoder/embeddings/weight" in quantized and len(quantized) > 40
    assert all(key.endswith("weight") and "conv" not in key for key in quantized)
    assert all(after[key].dtype == np.int8 for key in quantized)
    assert set(after) - set(before) == {f"{key}_scale" for key in quantized}
    for key in set(before) - quantized:
        assert np.array_equal(after[key], before[key]), key

    int8 = load_whisper(WhisperSettings(model=str(folder)))
    for clip in ("austen-0870.flac", "something.flac"):  # two real men
        expected = _transcript(whisper_model, DATA / "speech" / clip)
        assert expected and _transcript(int8, DATA / "speech" / clip) == expected, clip
