"""Soak: one long live rehearsal through the virtual microphone and a file camera, printed as JSON.

    .venv/bin/python -m benchmarks.bench_soak [--minutes 5] [--headless]   # `make bench`: 5 min
    .venv/bin/python -m benchmarks.run_all soak_hour            # the 60-minute run (opt-in)

The real flow runs live (realtime): the interviewer's voice renders each question, each answer is
a real spoken clip (espeak-ng) played into the PulseAudio virtual microphone and captured by the
app's MicrophoneSource, Whisper transcribes while it is spoken, and a looping video file stands in
for the webcam (MediaPipe pose + face on the newest frame; the H.264 recording takes the newest
frame at its own rate, on a thread of its own). Along the way it retakes, pauses and
recalibrates, as a person would.

Reported: resident memory (the app and its worker processes: Praat's, and the live chunks'
decoder of core/speech/chunk_process.py) over time and its growth after
warm-up (target < 5 %), microphone overflows (PortAudio callback flags: samples lost; target 0) and
answers captured shorter than the clip played, camera frames made vs analysed and recorded (the
live path keeps only the newest frame, so frames are skipped by design; the shares show how far
analysis and the recording kept up), and disk used per minute. The audio lock is held per answer
only, so other test runs get turns in between; the seconds spent waiting for it are reported.

By default the person goes through the real window (Xvfb when installed, else offscreen): the
rehearsal page with its camera preview and overlay, the level meter and the live nudges, driven
by the same commands its buttons send; `--headless` runs the flow alone, as the CLI does. The
window adds the worst UI-thread stall (a 10 ms watchdog timer on the GUI thread: how much later
than due a tick fired; target <= 100 ms) while the rehearsal runs, and while its report is built
afterwards. Beside it, the same lateness of a plain Python thread that only sleeps 10 ms at a
time: what the machine's load and the GIL do to any thread of the process. A UI stall near that
yardstick is the machine; one well above it is work on the UI thread. Memory is the rehearsal's
until the flow finishes; from there to the report on screen (the report of the whole session is
built then) it is reported apart, `rss_mb_while_the_report_is_built`, so that building the report
does not read as growth.
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

from benchmarks.bench_gui import STALL_PROFILE_MS, StallSampler
from benchmarks.virtual_audio import AudioTurn, virtual_mic_exists
from mockinterview.core.logs import setup_logging
from mockinterview.core.paths import data_dir

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
WATCHDOG_MS = 10  # the GUI variant's UI-thread watchdog period


def _rss_mb() -> float:
    """The app's resident memory: its own and its worker processes' (the Praat worker of
    core/speech/pitch.py and the chunk decoder of core/speech/chunk_process.py, children started
    through multiprocessing)."""
    import multiprocessing

    total = 0.0
    for pid in ["self", *(str(child.pid) for child in multiprocessing.active_children())]:
        try:
            with open(f"/proc/{pid}/status") as status:
                total += next(
                    (int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS:")),
                    0.0,
                )
        except OSError:  # the worker ended between the two reads
            continue
    return total


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


class Person:
    """The person in a soak: answers every question by playing a clip into the virtual
    microphone, cuts every 5th first attempt short and retakes it, pauses every 7th answer for
    1.5 s, recalibrates before every 3rd, and ends the session at the first question after the
    deadline (moved on by the time spent waiting for the audio lock). `on_event` runs on the
    flow's thread (it takes the audio lock before the flow opens the microphone); `controls` is
    the flow, or the GUI's rehearsal run."""

    def __init__(self, clips: list[Path], deadline: float, turn: AudioTurn) -> None:
        self.clips = clips
        self.deadline = deadline
        self.turn = turn
        self.controls = None  # set before the first event: has retake/pause/resume/end/...
        self.counts = {"retakes": 0, "pauses": 0, "recalibrations": 0, "errors": []}
        self.played: dict[int, float] = {}
        self.paused: set[int] = set()  # their clip played on while the microphone was paused
        self._attempts: dict[int, int] = {}
        self._replay: set[int] = set()  # answers whose retake is due: the next LISTENING plays

    def _play(self, index: int, attempt: int) -> None:
        clip = self.clips[index % len(self.clips)]
        time.sleep(MIC_START_S)
        feed = subprocess.Popen(["paplay", "--device=micfeed", str(clip)])
        if attempt == 0 and index % 5 == 1:  # a retake: the first attempt is cut off
            time.sleep(2.0)
            feed.terminate()
            feed.wait()
            self._replay.add(index)
            self.counts["retakes"] += 1
            self.controls.retake()
            return
        if index % 7 == 3:  # a short pause mid-answer, then on with the same answer
            self.paused.add(index)
            self.counts["pauses"] += 1
            threading.Timer(3.0, self.controls.pause).start()
            threading.Timer(4.5, self.controls.resume).start()
        feed.wait()
        self.played[index] = _duration_s(clip)

    def on_event(self, event) -> None:
        from mockinterview.core.session.flow import Phase

        if event.phase is Phase.ERROR:
            self.counts["errors"].append(event.message)
        # Time spent waiting for another run's turn on the audio devices does not count.
        if event.phase is Phase.SPEAKING and time.monotonic() > self.deadline + self.turn.waited_s:
            self.controls.end()
        if event.phase is Phase.LISTENING:
            index = event.index
            if index in self._attempts and index not in self._replay:
                return  # listening again after a pause: the clip is still playing
            self._replay.discard(index)
            self.turn.take()  # before the flow opens the microphone
            attempt = self._attempts.get(index, -1) + 1
            self._attempts[index] = attempt
            if index % 3 == 0 and attempt == 0:
                self.counts["recalibrations"] += self.controls.recalibrate()
            threading.Thread(target=self._play, args=(index, attempt), daemon=True).start()
        if event.phase in (Phase.TRANSCRIBING, Phase.SPEAKING, Phase.FINISHED):
            self.turn.give_back()


class MemorySampler:
    """Resident memory every `every_s` seconds on its own thread, as (seconds, MB)."""

    def __init__(self, every_s: float = RSS_EVERY_S) -> None:
        self.samples: list[tuple[float, float]] = []
        self.started = time.monotonic()
        self._every_s = every_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.wait(self._every_s):
            self.samples.append((time.monotonic() - self.started, _rss_mb()))

    def stop(self) -> float:
        """Stop sampling (the first call counts); returns the minutes sampled."""
        if not self._stop.is_set():
            self._stop.set()
            self.minutes = (time.monotonic() - self.started) / 60
        return self.minutes


def _soak_settings():
    from mockinterview.core.settings import Settings

    settings = Settings()
    return replace(
        settings,
        interview=replace(settings.interview, greeting=False, thinking_time_s=0.0),
        audio=replace(settings.audio, silence_end_s=2.0),
    )


def _media(folder: Path) -> tuple[list[Path], Path]:
    """The answer clips and the camera clip (the astronaut photo swaying: a real face)."""
    from tests.session.conftest import make_camera_clip

    clips = [_speak(text, folder / f"answer-{n}.wav") for n, text in enumerate(ANSWERS)]
    return clips, make_camera_clip(folder / "camera.mp4", seconds=20, fps=30)


def soak(minutes: float, folder: Path) -> dict:
    """The flow on its own (no window), reading the looping camera on its own thread."""
    from mockinterview.core.models import load_whisper
    from mockinterview.core.questions import load_bank
    from mockinterview.core.session.flow import InterviewFlow
    from mockinterview.core.session.plan import InterviewPlan
    from mockinterview.core.session.rehearsal_devices import build_devices
    from mockinterview.core.session.store import SessionStore
    from mockinterview.core.speech.asr import Transcriber

    settings = _soak_settings()
    clips, camera_clip = _media(folder)
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
    person = Person(clips, time.monotonic() + minutes * 60, AudioTurn())
    flow = InterviewFlow(plan, store, settings, devices, person.on_event, realtime=True)
    person.controls = flow
    memory = MemorySampler()
    try:
        flow.run()
    finally:
        wall_min = memory.stop()
        person.turn.give_back()
    return _results(store, flow, person, memory.samples, wall_min, microphones, camera.frames)


class Lateness:
    """How late ticks came, in ms, kept in constant memory: a histogram of 1 ms bins, not a list.

    An hour of 10 ms ticks is 360,000 values; kept as a list of floats (~32 bytes each) for the
    UI watchdog and again for the sleeping thread, the benchmark itself grew the process it
    measures by ~23 MB an hour, 2 of the 5 % the soak allows.
    """

    BINS = 2000  # 1 ms bins; anything later lands in the last one (max is kept exactly)

    def __init__(self) -> None:
        self.ticks = 0
        self.max = 0.0
        self.over_100 = 0
        self._bins = [0] * self.BINS

    def add(self, ms: float) -> None:
        self.ticks += 1
        self.max = max(self.max, ms)
        self.over_100 += ms > 100
        self._bins[min(int(ms), self.BINS - 1)] += 1

    def spread(self) -> dict:
        """max, p99 (to the 1 ms bin: its upper edge), ticks over 100 ms, ticks."""
        p99 = None
        if self.ticks > 100:
            seen = 0
            for ms, count in enumerate(self._bins):
                seen += count
                if seen >= 0.99 * self.ticks:
                    p99 = float(min(ms + 1, self.max))
                    break
        return {
            "max": round(self.max, 1) if self.ticks else None,
            "p99": p99,
            "over_100": self.over_100,
            "ticks": self.ticks,
        }


class LatenessProbe:
    """A thread that asks to wake every `period_ms` and records how late it woke: how long the
    process (or the GIL) held it."""

    def __init__(self, period_ms: float = WATCHDOG_MS) -> None:
        self.lateness = Lateness()
        self._period_s = period_ms / 1000
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        due = time.monotonic() + self._period_s
        while not self._stop.wait(max(0.0, due - time.monotonic())):
            now = time.monotonic()
            self.lateness.add(max(0.0, (now - due) * 1000))
            due = now + self._period_s

    def stop(self) -> Lateness:
        self._stop.set()
        return self.lateness


class RunControls:
    """The GUI's rehearsal run as the person's controls: the commands its buttons send."""

    def __init__(self, run) -> None:
        self._run = run

    def __getattr__(self, name: str):
        if name == "recalibrate":  # the C key
            return self._run.flow.recalibrate
        return lambda: self._run.command(name)


def soak_gui(minutes: float, folder: Path, profile: bool = False) -> dict:
    """The same person through the real window; the page's camera thread reads the camera.

    With `profile`, stall_causes as bench_gui reports them (its StallSampler): the UI thread's
    stack in each long stall, slow collections, and every thread's stack when the whole process
    was held.
    """
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from mockinterview.core.questions import load_bank
    from mockinterview.core.session.store import SessionStore
    from mockinterview.gui.app import _drop_cv2_qt_plugin_path
    from mockinterview.gui.main_window import MainWindow
    from mockinterview.gui.pages import rehearsal_page

    settings = _soak_settings()
    clips, camera_clip = _media(folder)
    settings = replace(settings, camera=replace(settings.camera, camera=str(camera_clip)))
    cameras: list[LoopingCamera] = []
    rehearsal_page.open_camera = lambda _settings: (
        cameras.append(LoopingCamera(camera_clip)) or (cameras[-1])
    )
    _drop_cv2_qt_plugin_path()
    app = QApplication.instance() or QApplication([])
    os.environ["PULSE_SOURCE"] = "vmic"
    microphones = MicrophoneLog()
    stalls = {"rehearsal": Lateness(), "report": Lateness()}
    phase = ["startup"]
    clock = QElapsedTimer()
    watchdog = QTimer()
    watchdog.setInterval(WATCHDOG_MS)

    sampler = StallSampler(phase) if profile else None
    long_stalls: dict[int, float] = {}  # by the sampler's stall number

    def tick() -> None:
        stall = max(0.0, clock.restart() - WATCHDOG_MS)
        if phase[0] in stalls:
            stalls[phase[0]].add(stall)
        if sampler is not None:
            if stall >= STALL_PROFILE_MS:
                long_stalls[sampler.stall_number] = stall
            sampler.beat()

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def until(condition, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while not condition():
            if time.monotonic() > deadline:
                raise SystemExit(f"gui soak: timed out in phase {phase[0]}")
            wait(50)

    window = MainWindow(settings)
    window.resize(1366, 768)
    window.show()
    page = window.rehearsal
    page.audio_source = microphones
    page.speak_questions = False  # questions render into the recording; the speaker stays quiet
    finished: list[str] = []
    page.finished.connect(finished.append)
    until(lambda: window.models.is_ready, 600)
    question_ids = [q.id for q in load_bank("general").regular] * 200  # ended by time
    person = Person(clips, time.monotonic() + minutes * 60, AudioTurn())
    clock.start()
    watchdog.timeout.connect(tick)
    watchdog.start()
    window.start_questions("general", question_ids)
    until(lambda: page.run is not None, 120)
    run = page.run
    person.controls = RunControls(run)
    # On the flow's thread, as in the headless soak: the lock is taken before the microphone opens.
    run.flow_event.connect(person.on_event, Qt.ConnectionType.DirectConnection)
    phase[0] = "rehearsal"
    memory = MemorySampler()
    report_memory: list[MemorySampler] = []
    yardstick = LatenessProbe()
    if sampler is not None:
        sampler.start()

    def rehearsal_over(event) -> None:
        """On the flow's thread as it finishes, before the window opens the report: the
        rehearsal's memory ends here, and what the report costs is measured apart."""
        from mockinterview.core.session.flow import Phase

        if event.phase is Phase.FINISHED:
            memory.stop()
            report_memory.append(MemorySampler(every_s=0.5))

    run.flow_event.connect(rehearsal_over, Qt.ConnectionType.DirectConnection)
    # Ended by the person after `minutes` plus the time waited for the audio lock: no time limit.
    until(lambda: bool(finished) or page.run is None, float("inf"))
    if not finished:
        raise SystemExit(f"gui soak: the rehearsal failed: {page.question_label.text()}")
    lateness = yardstick.stop()
    wall_min = memory.stop()
    person.turn.give_back()
    phase[0] = "report"
    until(lambda: window.report.report is not None, 300)
    wait(3000)  # the report is painted and shown
    if sampler is not None:  # the report's stalls are profiled too
        sampler.stop()
    report_samples = report_memory[0].samples if report_memory else []
    if report_memory:
        report_memory[0].stop()
    report_shown_mb = _rss_mb()
    phase[0] = "done"
    watchdog.stop()
    made = sum(camera.frames for camera in cameras)
    result = _results(SessionStore(), run.flow, person, memory.samples, wall_min, microphones, made)
    window.close()
    app.processEvents()
    return {
        **result,
        "preview_fps": round(page.preview.frames_shown / (wall_min * 60), 1),
        "rss_mb_while_the_report_is_built": {
            "peak": round(max((mb for _t, mb in report_samples), default=report_shown_mb), 1),
            "shown": round(report_shown_mb, 1),
        },
        "ui_stall_ms": {name: tally.spread() for name, tally in stalls.items()},
        "any_thread_lateness_ms_while_rehearsing": lateness.spread(),
        **({"stall_causes": sampler.causes(long_stalls)} if sampler is not None else {}),
    }


def _results(
    store,
    flow,
    person: Person,
    rss: list[tuple[float, float]],
    wall_min: float,
    microphones: MicrophoneLog,
    camera_frames: int,
) -> dict:
    """The soak's figures from what the flow stored and what the person did."""
    data = store.session_dict(flow.session_id)
    media = store.media_dir(flow.session_id)
    recorded_frames = flow.recording.video_frames if flow.recording else 0
    counts, played, paused = person.counts, person.played, person.paused
    warm = [mb for t, mb in rss if t >= WARM_UP_SHARE * wall_min * 60]
    first, last = warm[: max(len(warm) // 10, 1)], warm[-max(len(warm) // 10, 1) :]
    disk = sum(p.stat().st_size for p in media.rglob("*") if p.is_file())
    short = [
        a["index"]
        for a in data["answers"]
        if _plan_index(a) not in paused and a["duration_s"] + 0.5 < played.get(_plan_index(a), 0.0)
    ]
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
        "camera_frames_made": camera_frames,
        "camera_frames_analysed": flow.frames_analysed,
        "recording_frames": recorded_frames,
        "recording_frames_skipped_pct": (
            round(100 * (1 - recorded_frames / camera_frames), 1) if camera_frames else None
        ),
        "recording_fps": round(recorded_frames / (wall_min * 60), 1),
        "disk_mb_per_min": round(disk / 1e6 / wall_min, 2),
        "audio_lock_waited_s": round(person.turn.waited_s, 1),
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
    parser.add_argument("--headless", action="store_true", help="the flow alone, no window")
    parser.add_argument(
        "--profile-stalls",
        action="store_true",
        help="GUI variant: add stall_causes (as bench_gui's --profile-stalls)",
    )
    args = parser.parse_args()
    gui = not args.headless
    if shutil.which("espeak-ng") is None:
        sys.exit("espeak-ng is needed for real speech (scripts/setup.sh --test installs it)")
    if not virtual_mic_exists():
        print(json.dumps({"skipped": "no virtual microphone (scripts/virtual-audio.sh start)"}))
        return
    folder = Path(tempfile.mkdtemp(prefix="bench-soak-"))
    os.environ["MOCKINTERVIEW_HOME"] = str(folder / "home")
    # Logged as the app logs (its file at DEBUG, crash.log on a native crash): the soak then pays
    # the app's own logging, and a crash leaves its threads' stacks in the folder, which is kept
    # when the process dies that way.
    log_file = setup_logging(data_dir())
    print(f"bench_soak: the app's log and crash.log are in {log_file.parent}", file=sys.stderr)
    screen = None
    if gui:
        from benchmarks.xvfb import start_xvfb

        screen = start_xvfb()
        if screen is None:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        else:
            os.environ.update({"QT_QPA_PLATFORM": "xcb", "DISPLAY": screen[1]})
    try:
        result = {
            "variant": "gui" if gui else "headless",
            "platform": os.environ.get("QT_QPA_PLATFORM") if gui else None,
            "cpu_count": os.cpu_count(),
            "load_average_1min_at_start": round(os.getloadavg()[0], 2),
            **(
                soak_gui(args.minutes, folder, args.profile_stalls)
                if gui
                else soak(args.minutes, folder)
            ),
            "load_average_5min_at_end": round(os.getloadavg()[1], 2),
        }
        print(json.dumps(result, indent=2), flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if screen is not None:
            screen[0].terminate()
            screen[0].wait(timeout=10)
    if gui:  # Qt would talk to the X server that just went away at interpreter exit
        os._exit(0)


if __name__ == "__main__":
    main()
