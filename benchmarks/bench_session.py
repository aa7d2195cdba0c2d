"""Rehearsal-session figures, printed as JSON.

    .venv/bin/python -m benchmarks.bench_session [--minutes 10] [--fps 30]

- answer_to_stored_s: wall time from the end of an answer (the moment its source stops
  delivering: the file's last block, or the recorder stopping the microphone) to its metrics being
  committed (transcription with tiny.en, delivery measures, body summary, key-point coverage,
  SQLite commit), per answer length, through the real flow, and the worst of each way:
  - `from_files_realtime`: an answer file paced in real time (`rehearse --realtime`, a file
    standing in for the microphone in the GUI): it streams through the live path, transcribed
    while it plays (its chunks decoded and regrouped in the chunk process, as the app's are), so
    it ends when its last sample is heard. Target <= 2 s (budget.toml).
  - `live_virtual_mic` (when scripts/virtual-audio.sh has run): the answer played in real time
    through the PulseAudio virtual microphone, the same live path. Target <= 2 s.
  - `from_files`: a file read as fast as it decodes (`rehearse` without --realtime, an imported
    recording, a re-analysis): the whole answer is transcribed at its end with beam search
    (5), so it "ends" the moment it is read; its figure is the analysis time itself, given with
    `x_realtime` (analysis time / answer length), and it has no 2 s target.
- frame_rate: camera frames per second the analysis loop (MediaPipe pose + face) sustains on a
  640x480 clip, without and with every frame also encoded into the session recording, and the
  recording's cost per frame.
- analysis_hold_ms: how long the analysis of one 66 s answer of real speech (the LibriVox reader's
  five sentences of tests/data/speech, 24.7 s, repeated to 66 s; its live transcript given, as
  after Stop) keeps every other Python thread
  from running: how late a thread asking to wake every 1 ms woke at worst (bench_soak's
  LatenessProbe). Those threads
  are the window's, the camera recording's and the audio callbacks'. `in_process`: Praat's pitch
  on the analysing thread (a one-off `analyze`); `worker`: Praat in its worker process, as a live
  session runs it (speech/pitch.py). Worst of 3 runs each, in one run of this benchmark.
- session_size: bytes on disk for a session of `--minutes` (default 10) minutes: the Matroska
  recording (H.264 640x480 at `--fps`, AAC) written from a real photo of a person with a slow
  sway and mild sensor noise (webcam footage compresses worse than a clean synthetic clip, so
  the noise keeps the figure honest), plus the per-answer WAVs (16 kHz 16-bit mono) for the
  share of the time spent answering.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from benchmarks.bench_soak import LatenessProbe
from benchmarks.budget import check_budget, load_targets, summary_lines
from benchmarks.speech_sets import READER_CLIPS
from benchmarks.virtual_audio import AudioTurn, virtual_mic_exists

ROOT = Path(__file__).resolve().parents[1]
PHOTO = ROOT / "tests" / "data" / "astronaut.png"
ANSWER_SHARE = 0.75  # share of a session spent answering (the rest: questions, thinking)
SENTENCE = (
    "We tune the hyperparameters on the validation set, and the test set is held out and used "
    "only once to estimate the performance on unseen data. "
)


def _frames(fps: int):
    """Endless 640x480 BGR frames: the photo swaying slowly, with webcam-like noise."""
    import cv2

    base = cv2.resize(cv2.imread(str(PHOTO)), (480, 480))
    rng = np.random.default_rng(0)
    n = 0
    while True:
        t = n / fps
        matrix = cv2.getRotationMatrix2D((240, 240), 2.0 * math.sin(t * 1.5), 1.0)
        matrix[0, 2] += 3 * math.sin(t)
        frame = np.zeros((480, 640, 3), np.uint8)
        frame[:, 80:560] = cv2.warpAffine(base, matrix, (480, 480), borderMode=cv2.BORDER_REPLICATE)
        noise = rng.integers(-3, 4, frame.shape, dtype=np.int16)
        yield np.clip(frame.astype(np.int16) + noise, 0, 255).astype(np.uint8), t
        n += 1


def _speech(seconds: float, folder: Path) -> Path:
    """A real spoken answer of about `seconds` (espeak-ng), as a 16 kHz WAV."""
    words_per_s = 150 / 60
    repeats = max(1, round(seconds * words_per_s / len(SENTENCE.split())))
    path = folder / f"answer-{seconds:.0f}s.wav"
    subprocess.run(
        ["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(path), SENTENCE * repeats],
        check=True,
        capture_output=True,
    )
    return path


class EndMark:
    """Wraps an answer's AudioSource and notes when the answer ended: the first read that found
    the source exhausted (a file's end), or the recorder stopping it (silence, Stop)."""

    def __init__(self, source, ended: list[float]) -> None:
        self._source = source
        self._ended = ended

    def __getattr__(self, name: str):
        return getattr(self._source, name)

    def read(self, timeout: float):
        block = self._source.read(timeout)
        if block is None and self._source.exhausted:
            self._mark()
        return block

    def stop(self) -> None:
        self._mark()
        self._source.stop()

    def _mark(self) -> None:
        if not self._ended:
            self._ended.append(time.perf_counter())


def answer_to_stored(folder: Path, way: str) -> dict[str, object]:
    """`way`: from_files (read at once, whole answer transcribed at its end), from_files_realtime
    (paced in real time: streams through the live path), live_virtual_mic (played through the
    virtual microphone in real time, as a person would speak)."""
    from mockinterview.core.models import load_whisper
    from mockinterview.core.questions import load_bank
    from mockinterview.core.session.flow import InterviewFlow, Phase
    from mockinterview.core.session.plan import plan_interview
    from mockinterview.core.session.rehearsal_devices import FlowDevices
    from mockinterview.core.session.store import SessionStore
    from mockinterview.core.settings import Settings
    from mockinterview.core.speech.asr import Transcriber
    from mockinterview.core.speech.capture import FileSource, MicrophoneSource

    live = way == "live_virtual_mic"
    realtime = way != "from_files"
    settings = Settings()
    settings = replace(settings, interview=replace(settings.interview, greeting=False))
    wavs = [_speech(s, folder) for s in ((10, 30) if live else (10, 30, 60))]
    transcriber = Transcriber(load_whisper(settings.whisper))
    plan = plan_interview(load_bank("ml-engineer"), len(wavs), closing=False)
    marks: dict[tuple[int, str], float] = {}
    ended: dict[int, list[float]] = {n: [] for n in range(len(wavs))}

    def feed_mic(index: int) -> None:
        time.sleep(2.5)  # PulseAudio's first capture callback comes ~2 s after the stream opens
        subprocess.run(["paplay", "--device=micfeed", str(wavs[index])], check=True)

    def on_event(event) -> None:
        if event.phase in (Phase.TRANSCRIBING, Phase.ANSWER_STORED):
            marks[(event.index, event.phase.value)] = time.perf_counter()
        if live and event.phase is Phase.LISTENING:
            threading.Thread(target=feed_mic, args=(event.index,), daemon=True).start()

    if live:
        os.environ["PULSE_SOURCE"] = "vmic"

        def source(n: int):
            return EndMark(MicrophoneSource("pulse"), ended[n])
    else:

        def source(n: int):
            return EndMark(FileSource(wavs[n], realtime=realtime), ended[n])

    devices = FlowDevices(source, transcriber)
    if realtime:  # the app's live path: chunks decoded (and regrouped) in their own process
        devices.decode_live_chunks_apart(settings)
    store = SessionStore(folder / f"home-{way}")
    flow = InterviewFlow(plan, store, settings, devices, on_event, realtime=realtime)
    with AudioTurn() if live else contextlib.nullcontext():  # the shared virtual devices
        flow.run()
    answers = []
    for n, answer in enumerate(store.session_dict(flow.session_id)["answers"]):
        end = ended[n][0] if ended[n] else marks[(n, "transcribing")]
        ready = marks[(n, "answer_stored")] - end
        answers.append(
            {
                "answer_s": round(answer["duration_s"], 1),
                "to_stored_s": round(ready, 2),
                "x_realtime": round(ready / answer["duration_s"], 3),
            }
        )
    return {"answers": answers, "worst_s": max(a["to_stored_s"] for a in answers)}


def frame_rate(folder: Path, frames: int = 150) -> dict[str, float]:
    from mockinterview.core.session.recording import SessionRecording
    from mockinterview.core.vision.frames import Frame
    from mockinterview.core.vision.landmarks import LandmarkDetector

    clip = []
    source = _frames(30)
    for _ in range(frames):
        clip.append(next(source))
    results = {}
    for label, record in (("analysis_only_fps", False), ("analysis_and_recording_fps", True)):
        recording = SessionRecording(folder / f"fps-{label}.mkv") if record else None
        with LandmarkDetector() as detector:
            start = time.perf_counter()
            for image, t in clip:
                if recording is not None:
                    recording.add_frame(image, t)
                detector.detect(Frame(image, t))
            elapsed = time.perf_counter() - start
        if recording is not None:
            recording.close()
        results[label] = round(frames / elapsed, 1)
    recording = SessionRecording(folder / "encode-only.mkv")
    start = time.perf_counter()
    for image, t in clip:
        recording.add_frame(image, t)
    recording.close()
    results["recording_ms_per_frame"] = round(1000 * (time.perf_counter() - start) / frames, 2)
    results["overhead_pct"] = round(
        100 * (1 - results["analysis_and_recording_fps"] / results["analysis_only_fps"]), 1
    )
    return results


def analysis_hold_ms(runs: int = 3) -> dict[str, object]:
    from mockinterview.core.audio_file import SAMPLE_RATE, decode_audio
    from mockinterview.core.questions import builtin_banks_dir, load_bank_file
    from mockinterview.core.session.answer_analysis import analyze_answer
    from mockinterview.core.settings import Settings
    from mockinterview.core.speech import pitch
    from mockinterview.core.speech.asr import Transcriber

    reader = np.concatenate([decode_audio(path) for path in READER_CLIPS])
    samples = np.resize(reader, 66 * SAMPLE_RATE)  # the sentences again and again, for 66 s
    settings = Settings()
    transcript = Transcriber.from_settings(settings).transcribe(samples, greedy=True)
    question = load_bank_file(builtin_banks_dir() / "general.toml").questions[0]

    def worst(repeat: int) -> float:
        held = []
        for _ in range(repeat):
            probe = LatenessProbe(period_ms=1)
            analyze_answer(question, samples, settings, None, transcript=transcript)
            held.append(probe.stop().max)
        return round(max(held))

    in_process = worst(runs)
    pitch.start_worker()
    analyze_answer(question, samples, settings, None, transcript=transcript)  # worker started
    return {
        "answer_s": round(len(samples) / 16000, 1),
        "in_process": {"worst_ms": in_process},
        "worker": {"worst_ms": worst(runs)},
    }


def session_size(folder: Path, minutes: float, fps: int) -> dict[str, float]:
    from mockinterview.core.audio_file import decode_audio
    from mockinterview.core.session.recording import SessionRecording

    seconds = minutes * 60
    speech = decode_audio(_speech(30, folder))
    path = folder / "ten-minutes.mkv"
    start = time.perf_counter()
    recording = SessionRecording(path)
    block = 16000 // fps
    position = 0
    for image, t in _frames(fps):
        if t >= seconds:
            break
        recording.add_frame(image, t)
        chunk = np.resize(speech[position % len(speech) :], block)
        recording.add_audio(chunk, t)
        position += block
    recording.close()
    recording_bytes = path.stat().st_size
    wav_bytes = int(seconds * ANSWER_SHARE * 16000 * 2)
    return {
        "minutes": minutes,
        "fps": fps,
        "recording_mb": round(recording_bytes / 1e6, 1),
        "answer_wavs_mb": round(wav_bytes / 1e6, 1),
        "total_mb": round((recording_bytes + wav_bytes) / 1e6, 1),
        "recording_kbit_s": round(8 * recording_bytes / seconds / 1000, 1),
        "encode_realtime_factor": round(seconds / (time.perf_counter() - start), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--fps", type=int, default=30)
    args = parser.parse_args()
    if shutil.which("espeak-ng") is None:
        sys.exit("espeak-ng is needed for real speech (scripts/setup.sh --test installs it)")
    folder = Path(tempfile.mkdtemp(prefix="bench-session-"))
    os.environ["MOCKINTERVIEW_HOME"] = str(folder / "home")
    try:
        result = {
            "cpu_count": os.cpu_count(),
            # The machine is shared: a high load stretches every time figure below.
            "load_average_1min_at_start": round(os.getloadavg()[0], 2),
            "answer_to_stored_s": {
                "from_files_realtime": answer_to_stored(folder, "from_files_realtime"),
                "live_virtual_mic": answer_to_stored(folder, "live_virtual_mic")
                if virtual_mic_exists()
                else None,
                "from_files": answer_to_stored(folder, "from_files"),
            },
            "frame_rate": frame_rate(folder),
            "analysis_hold_ms": analysis_hold_ms(),
            "session_size": session_size(folder, args.minutes, args.fps),
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    # This benchmark's figures beside their targets (run_all prints every benchmark's).
    print("\n".join(summary_lines(session_checks(result))), file=sys.stderr)
    print(json.dumps(result, indent=2))


def session_checks(result: dict) -> list:
    """The budget.toml targets on this benchmark's figures, as `make bench` checks them."""
    targets = [t for t in load_targets() if t.figure.startswith("session.")]
    return check_budget({"session": result}, targets)


if __name__ == "__main__":
    main()
