"""Speech fixtures: real espeak-ng answers and virtual devices (Transcriber: tests/conftest.py)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from mockinterview.core.audio_file import SAMPLE_RATE, decode_audio, write_wav
from tests.conftest import synthesize

# An answer with fillers and a hedge; espeak-ng en-us at 150 wpm is the voice
# tiny.en transcribes best here (see benchmarks/bench_speech.py).
ANSWER_TEXT = (
    "Um, so I led a team of five engineers. Uh, we shipped the new billing system, like, "
    "two months early. I think the main thing was, you know, clear ownership."
)
VOICE = "en-us"


def speech(text: str, path: Path, rate: int = 150) -> np.ndarray:
    """espeak-ng speech for `text` as 16 kHz samples (the WAV stays at `path`)."""
    return decode_audio(synthesize(text, path, words_per_minute=rate, voice=VOICE))


FESTIVAL_VOICES = {"slt": "(voice_cmu_us_slt_arctic_hts)", "kal": "(voice_kal_diphone)"}


def festival_speech(text: str, path: Path, voice: str = "slt") -> np.ndarray:
    """Festival speech (a voice unlike espeak-ng's) for `text` as 16 kHz samples, or skip."""
    if shutil.which("text2wave") is None:
        pytest.skip("festival is not installed (scripts/setup.sh --test installs it)")
    path.with_suffix(".txt").write_text(text)
    done = subprocess.run(
        [
            "text2wave",
            "-eval",
            FESTIVAL_VOICES[voice],
            str(path.with_suffix(".txt")),
            "-o",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"festival voice {voice} is missing: {done.stderr.strip()[-200:]}")
    return decode_audio(path)


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * SAMPLE_RATE), dtype=np.float32)


@pytest.fixture(scope="session")
def answer_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """ANSWER_TEXT spoken by espeak-ng, resampled to a 16 kHz WAV."""
    folder = tmp_path_factory.mktemp("answer")
    samples = speech(ANSWER_TEXT, folder / "raw.wav")
    return write_wav(folder / "answer.wav", samples)
