"""Soak: one long live rehearsal through the virtual microphone and a file camera, printed as JSON.

    .venv/bin/python -m benchmarks.bench_soak [--minutes 5]     # `make bench` runs 5 minutes
    .venv/bin/python -m benchmarks.run_all soak_hour            # the 60-minute run (opt-in)

The real flow runs live (realtime): the interviewer's voice renders each question, each answer is
a real spoken clip (espeak-ng) played into the PulseAudio virtual microphone and captured by the
app's MicrophoneSource, Whisper transcribes while it is spoken, and a looping video file stands in
for the webcam (MediaPipe pose + face on the newest frame, every analysed frame into the H.264
recording). Along the way it retakes, pauses and recalibrates, as a person would.

Reported: resident memory over time and its growth after warm-up (target < 5 %), microphone
overflows (PortAudio callback flags: samples lost; target 0) and answers captured shorter than
the clip played, camera frames made vs analysed and recorded (the live path keeps only the newest
frame, so frames are skipped by design; the share shows how far analysis kept up), and disk used
per minute. The audio lock is held per answer only, so other test runs get turns in between; the
seconds spent waiting for it are reported. A GUI variant (UI-thread stalls) is not measured here:
bench_gui measures stalls during a short rehearsal.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

from benchmarks.virtual_audio import AudioTurn, virtual_mic_exists

ROOT = Path(__file__).resolve().parents[1]
ANSWERS = (
    "I would start by talking to the people who use the system, then measure where the time goes. "
    "In my last project that showed a slow query, and fixing it halved the waiting time.",
    "We tune the hyperparameters on the validation set. The test set is held out and used only "
    "once, to estimate the performance on unseen data.",
    "I disagreed with my manager about a release date. I showed the test results, we agreed on a "
    "smaller first release, and it shipped on time.",
)
MIC_START_S = 2.5  # PulseAudio's first capture callback comes ~2 s after the stream opens
RSS_EVERY_S = 5.0
WARM_UP_SHARE = 0.2  # memory before this share of the run is warm-up (models, caches)


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _speak(text: str, path: Path) -> Path:
    subprocess.run(
        ["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(path), text],
        check=True,
        capture_output=True,
    )
    return path


class LoopingCamera:
    """A video file played again and again in real time: a webcam that never runs out."""

    def __init__(self, path: Path) -> None:
        from mockinterview.core.vision.frames import VideoFileSource

        self._open = lambda: VideoFileSource(path, realtime=True)
        self._source = self._open()
        self.nominal_fps = self._source.nominal_fps
        self.frames = 0

    def read(self):
        frame = self._source.read()
        if frame is None:
            self._source.close()
            self._source = self._open()
            frame = self._source.read()
        self.frames += 1
        return frame

    def close(self) -> None:
        self._source.close()


class MicrophoneLog:
    """The answer sources the flow opened, so their overflow counts can be summed at the end."""

    def __init__(self) -> None:
        self.sources: list = []

    def __call__(self, _index: int):
        from mockinterview.core.speech.capture import MicrophoneSource

        source = MicrophoneSource("pulse")
        self.sources.append(source)
        return source


def soak(minutes: float, folder: Path) -> dict:
    from mockinterview.core.models import load_whisper
    from mockinterview.core.questions import load_bank
    from mockinterview.core.session.flow import InterviewFlow, Phase
    from mockinterview.core.session.plan import InterviewPlan
    from mockinterview.core.session.rehearsal_devices import build_devices
    from mockinterview.core.session.store import SessionStore
    from mockinterview.core.settings import Settings
    from mockinterview.core.speech.asr import Transcriber
    from tests.session.conftest import make_camera_clip

    settings = Settings()
    settings = replace(
        settings,
        interview=replace(settings.interview, greeting=False, thinking_time_s=0.0),
        audio=replace(settings.audio, silence_end_s=2.0),
    )
    clips = [_speak(text, folder / f"answer-{n}.wav") for n, text in enumerate(ANSWERS)]
    camera_clip = make_camera_clip(folder / "camera.mp4", seconds=20, fps=30)
    bank = load_bank("general")
    questions = bank.regular * 200  # more than any soak asks; the run is ended by time
    plan = InterviewPlan(bank.name, tuple(questions))
    microphones = MicrophoneLog()
    os.environ["PULSE_SOURCE"] = "vmic"
    camera = LoopingCamera(camera_clip)
    devices = build_devices(
        settings,
        microphones,
        Transcriber(load_whisper(settings.whisper)),
        speak=False,  # questions render into the recording; the shared speaker stays quiet
        warn=lambda message: print(f"warning: {message}", file=sys.stderr),
        watch_body=True,
    )
    devices.camera = camera
    devices.closers.append(devices.detector.close)
    store = SessionStore(folder / "home")
    turn = AudioTurn()
    counts = {"retakes": 0, "pauses": 0, "recalibrations": 0, "errors": []}
    played: dict[int, float] = {}
    deadline = time.monotonic() + minutes * 60
    rss: list[tuple[float, float]] = []
    stop_sampling = threading.Event()
    started = time.monotonic()

    def sample_memory() -> None:
        while not stop_sampling.wait(RSS_EVERY_S):
            rss.append((time.monotonic() - started, _rss_mb()))

    started_attempts: dict[int, int] = {}
    replay: set[int] = set()  # answers whose retake is due: the next LISTENING plays again
    paused: set[int] = set()  # their clip played on while the microphone was paused

    def play(index: int, attempt: int) -> None:
        clip = clips[index % len(clips)]
        time.sleep(MIC_START_S)
        feed = subprocess.Popen(["paplay", "--device=micfeed", str(clip)])
        if attempt == 0 and index % 5 == 1:  # a retake: the first attempt is cut off
            time.sleep(2.0)
            feed.terminate()
            feed.wait()
            replay.add(index)
            counts["retakes"] += 1
            flow.retake()
            return
        if index % 7 == 3:  # a short pause mid-answer, then on with the same answer
            paused.add(index)
            counts["pauses"] += 1
            threading.Timer(3.0, flow.pause).start()
            threading.Timer(4.5, flow.resume).start()
        feed.wait()
        played[index] = _duration_s(clip)

    def on_event(event) -> None:
        if event.phase is Phase.ERROR:
            counts["errors"].append(event.message)
        if event.phase is Phase.SPEAKING and time.monotonic() > deadline:
            flow.end()
        if event.phase is Phase.LISTENING:
            index = event.index
            if index in started_attempts and index not in replay:
                return  # listening again after a pause: the clip is still playing
            replay.discard(index)
            turn.take()  # before the flow opens the microphone
            attempt = started_attempts.get(index, -1) + 1
            started_attempts[index] = attempt
            if index % 3 == 0 and attempt == 0:
                counts["recalibrations"] += flow.recalibrate()
            threading.Thread(target=play, args=(index, attempt), daemon=True).start()
        if event.phase in (Phase.TRANSCRIBING, Phase.SPEAKING, Phase.FINISHED):
            turn.give_back()

    flow = InterviewFlow(plan, store, settings, devices, on_event, realtime=True)
    sampler = threading.Thread(target=sample_memory, daemon=True)
    sampler.start()
    try:
        session_id = flow.run()
    finally:
        stop_sampling.set()
        turn.give_back()
    wall_min = (time.monotonic() - started) / 60
    data = store.session_dict(session_id)
    stats = flow.camera_stats
    warm = [mb for t, mb in rss if t >= WARM_UP_SHARE * wall_min * 60]
    first, last = warm[: max(len(warm) // 10, 1)], warm[-max(len(warm) // 10, 1) :]
    disk = sum(p.stat().st_size for p in store.media_dir(session_id).rglob("*") if p.is_file())
    short = [
        a["index"]
        for a in data["answers"]
        if _plan_index(a) not in paused and a["duration_s"] + 0.5 < played.get(_plan_index(a), 0.0)
    ]
    recorded_frames = flow.recording.video_frames if flow.recording else 0
    return {
        "minutes": round(wall_min, 2),
        "answers_stored": len(data["answers"]),
        "words_transcribed": sum(a["speech"]["word_count"] for a in data["answers"]),
        "retakes": counts["retakes"],
        "pauses": counts["pauses"],
        "recalibrations": counts["recalibrations"],
        "errors": counts["errors"][:5],
        "rss_mb": {
            "after_warm_up": round(statistics.median(first), 1) if warm else None,
            "at_end": round(statistics.median(last), 1) if warm else None,
            "peak": round(max(mb for _t, mb in rss), 1) if rss else None,
        },
        "rss_mb_by_minute": _by_minute(rss),
        "rss_growth_pct": (
            round(100 * (statistics.median(last) / statistics.median(first) - 1), 2)
            if warm
            else None
        ),
        "audio_overflows": sum(source.overflows for source in microphones.sources),
        "answers_captured_shorter_than_played": len(short),
        "camera_frames_made": camera.frames,
        "camera_frames_analysed": stats.delivered if stats else None,
        "recording_frames": recorded_frames,
        "recording_frames_skipped_pct": (
            round(100 * (1 - recorded_frames / camera.frames), 1) if camera.frames else None
        ),
        "recording_fps": round(recorded_frames / (wall_min * 60), 1),
        "disk_mb_per_min": round(disk / 1e6 / wall_min, 2),
        "audio_lock_waited_s": round(turn.waited_s, 1),
    }


def _by_minute(samples: list[tuple[float, float]]) -> list[float]:
    """The last resident-memory sample of each minute, to see whether growth levels off."""
    minutes: dict[int, float] = {}
    for t, mb in samples:
        minutes[int(t // 60)] = mb
    return [round(mb, 1) for _minute, mb in sorted(minutes.items())]


def _duration_s(path: Path) -> float:
    import wave

    with wave.open(str(path)) as wav:
        return wav.getnframes() / wav.getframerate()


def _plan_index(answer: dict) -> int:
    """The plan index of a stored answer, from its WAV's name (answer-NN.wav, NN 1-based)."""
    return int(Path(answer["audio"]).stem.split("-")[1]) - 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    args = parser.parse_args()
    if shutil.which("espeak-ng") is None:
        sys.exit("espeak-ng is needed for real speech (scripts/setup.sh --test installs it)")
    if not virtual_mic_exists():
        print(json.dumps({"skipped": "no virtual microphone (scripts/virtual-audio.sh start)"}))
        return
    folder = Path(tempfile.mkdtemp(prefix="bench-soak-"))
    os.environ["MOCKINTERVIEW_HOME"] = str(folder / "home")
    try:
        result = {
            "cpu_count": os.cpu_count(),
            "load_average_1min_at_start": round(os.getloadavg()[0], 2),
            **soak(args.minutes, folder),
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
