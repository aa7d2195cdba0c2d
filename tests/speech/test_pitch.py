"""Pitch in Praat's worker process: the same figures as in this process, never a lost one.

Praat holds the GIL for the whole analysis (0.5-1 s for a 60 s answer on a busy machine), so a
live session sends it to a process of its own (speech/pitch.py); how long it held the other
threads is a benchmark figure (bench_session `analysis_hold_ms`), not asserted here.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from mockinterview.core.audio_file import SAMPLE_RATE, decode_audio
from mockinterview.core.speech import pitch
from mockinterview.core.speech.delivery import pitch_variation_semitones
from mockinterview.core.thresholds import DeliveryThresholds

SPEECH = Path(__file__).resolve().parents[1] / "data" / "speech" / "austen-0920.flac"  # a reader


@pytest.fixture
def fresh_worker() -> Iterator[None]:
    """Each test starts with no worker and leaves none behind."""

    def reset() -> None:
        if pitch._pool is not None:
            pitch._pool.shutdown(wait=True, cancel_futures=True)
        pitch._pool = None
        pitch._pool_failed = False

    reset()
    yield
    reset()


@pytest.fixture
def no_praat_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """Praat cannot run in this process: only the worker can have analysed what comes back."""
    monkeypatch.setitem(sys.modules, "parselmouth", None)


def test_the_worker_gives_the_figures_praat_gives_here(fresh_worker, monkeypatch) -> None:
    speech = decode_audio(SPEECH)
    here = pitch.voiced_pitch_hz(speech, SAMPLE_RATE, 75.0, 500.0)
    pitch.start_worker()
    monkeypatch.setitem(sys.modules, "parselmouth", None)
    there = pitch.voiced_pitch_hz(speech, SAMPLE_RATE, 75.0, 500.0)
    assert len(here) > 300  # 6 s of a man reading aloud: seconds of voiced frames
    np.testing.assert_array_equal(here, there)
    assert pitch_variation_semitones(speech, DeliveryThresholds()) > 2.0  # a lively reader


def test_without_the_worker_praat_runs_in_this_process(fresh_worker, no_praat_here) -> None:
    with pytest.raises(ImportError):  # nothing started a worker: a one-off analysis
        pitch.voiced_pitch_hz(np.zeros(SAMPLE_RATE, np.float32), SAMPLE_RATE, 75.0, 500.0)


def test_a_dead_worker_falls_back_to_this_process(fresh_worker, caplog) -> None:
    speech = decode_audio(SPEECH)
    pitch.start_worker()
    first = pitch.voiced_pitch_hz(speech, SAMPLE_RATE, 75.0, 500.0)
    assert pitch._pool is not None
    (worker,) = pitch._pool._processes.values()
    assert worker.pid != os.getpid()
    os.kill(worker.pid, signal.SIGKILL)
    worker.join(10)
    with caplog.at_level(logging.WARNING, logger=pitch.__name__):
        again = pitch.voiced_pitch_hz(speech, SAMPLE_RATE, 75.0, 500.0)
    np.testing.assert_array_equal(first, again)
    assert "pitch worker process unavailable" in caplog.text
    assert pitch._pool is None  # not retried: later answers are analysed here


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_worker_leaves_when_the_app_is_killed() -> None:
    app = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from mockinterview.core.speech import pitch; pitch.start_worker(); "
            "pitch.voiced_pitch_hz(pitch.np.zeros(1600), 16000, 75.0, 500.0); "
            "print(*pitch._pool._processes, flush=True); time.sleep(120)",
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        worker = int(app.stdout.readline())
        os.kill(app.pid, signal.SIGKILL)  # a crash: no atexit, no shutdown of the pool
        app.wait(10)
        for _ in range(100):
            if not Path(f"/proc/{worker}").exists() or "(Z)" in _state(worker):
                break
            time.sleep(0.1)
        else:
            os.kill(worker, signal.SIGKILL)
            pytest.fail("the pitch worker outlived the killed app")
    finally:
        app.kill()


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[1][:4]
    except OSError:
        return "(Z)"
