"""The voice's pitch track, computed by Praat in a worker process of its own.

Praat (praat-parselmouth) keeps Python's GIL for the whole of a pitch analysis: about 5-9 ms per
second of audio on a busy 2-core machine. Run on one of the app's threads after an answer, a
60 s answer held every other thread still for 0.5-1.0 s (measured at load ~8): the window
froze, and the camera recording and the audio callbacks waited. The track depends on the whole
sound (Praat chooses one path through the candidates of every frame), so cutting the audio into
slices, each holding the GIL only briefly, changes the result: up to 0.9 semitones of pitch
variation on real speech. So the sound is analysed whole, in a process whose GIL is its own.

Only an app that keeps working while answers are analysed starts the worker (`start_worker`:
the window, a live rehearsal); a one-off `analyze` runs Praat in its own process, where nothing
waits on the GIL and starting an interpreter would cost more than it saves. If the worker cannot
start or dies, the analysis runs here as before (a figure is never lost), and this is logged.
"""

from __future__ import annotations

import logging
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import numpy as np

from mockinterview.core.audio_file import SAMPLE_RATE
from mockinterview.core.thresholds import DeliveryThresholds

log = logging.getLogger(__name__)

_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()
_pool_failed = False


def praat_pitch_hz(
    samples: np.ndarray, sample_rate: int, floor_hz: float, ceiling_hz: float
) -> np.ndarray:
    """Praat's autocorrelation pitch every 10 ms, 0 where unvoiced. Runs in whichever process
    calls it; `voiced_pitch_hz` sends it to the worker."""
    import parselmouth

    sound = parselmouth.Sound(np.asarray(samples, dtype=np.float64), sampling_frequency=sample_rate)
    pitch = sound.to_pitch(time_step=0.01, pitch_floor=floor_hz, pitch_ceiling=ceiling_hz)
    return np.asarray(pitch.selected_array["frequency"], dtype=np.float64)


def _exit_with_parent() -> None:
    """In the worker: leave when the app's process ends, however it ends. A worker waits on a
    queue whose writing end it holds too, so a killed app would leave it waiting for good."""
    import multiprocessing

    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=lambda: (parent.join(), os._exit(0)), daemon=True).start()


def _give_up(error: BaseException) -> None:
    global _pool, _pool_failed
    log.warning("pitch worker process unavailable (%s): analysing pitch in this process", error)
    with _pool_lock:
        _pool_failed = True
        if _pool is not None:
            _pool.shutdown(wait=False, cancel_futures=True)
            _pool = None


def voiced_pitch_hz(
    samples: np.ndarray, sample_rate: int, floor_hz: float, ceiling_hz: float
) -> np.ndarray:
    """The pitch of each voiced 10 ms frame of `samples`, in Hz (see the module docstring)."""
    audio = np.asarray(samples)
    with _pool_lock:
        pool = _pool
    f0: np.ndarray | None = None
    if pool is not None:
        try:
            future = pool.submit(praat_pitch_hz, audio, sample_rate, floor_hz, ceiling_hz)
        except RuntimeError as error:  # broken, or shut down as the app exits
            _give_up(error)
        else:
            try:
                f0 = future.result()  # Praat's own errors come through as they would here
            except BrokenProcessPool as error:  # the worker died or could not start
                _give_up(error)
    if f0 is None:
        f0 = praat_pitch_hz(audio, sample_rate, floor_hz, ceiling_hz)
    return f0[f0 > 0]


def start_worker() -> None:
    """From now on, pitch is analysed in the worker process. Started at once and not waited
    for: it imports numpy and Praat (0.5 s on a quiet machine, seconds on a busy one) while
    the models load or the first question is asked. A spawned interpreter, not a fork: forking
    a process whose threads hold locks (Qt's, the camera's) is unsafe. A second call keeps the
    running worker; a failed worker is not retried."""
    global _pool
    with _pool_lock:
        if _pool is not None or _pool_failed:
            return
        import multiprocessing

        _pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_exit_with_parent,
        )
        pool = _pool
    # a tenth of a second of silence: the worker imports Praat now, not on the first answer
    usual = DeliveryThresholds()
    silence = np.zeros(SAMPLE_RATE // 10, dtype=np.float32)
    pool.submit(praat_pitch_hz, silence, SAMPLE_RATE, usual.pitch_floor_hz, usual.pitch_ceiling_hz)
