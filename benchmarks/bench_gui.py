"""GUI responsiveness, printed as JSON: how fast the window appears, and the worst stall of the
GUI thread while the app loads its models, previews the camera and plays a report.

    .venv/bin/python -m benchmarks.bench_gui            # Xvfb when installed, else offscreen

- window_appear_s: from launching a fresh interpreter to the first paint of the main window,
  through `mockinterview`'s own entry (cli.main without a command); models load afterwards.
- ready_to_start_s: from the same launch to the window's "Ready to start" (Whisper and MediaPipe
  loaded, so Start begins a rehearsal at once).
- ui_stall.load_1 / load_4: a 10 ms QTimer watchdog on the GUI thread; a stall is how much
  later than due a tick fired (targets in budget.toml). Measured from the window's show over a
  real rehearsal of three answers, Start pressed START_CLICK_MS after the show (the Rehearsal
  page is built then, the models still load; video file as the camera with MediaPipe and the
  overlay live, espeak-ng answers as the microphone, Whisper transcribing), then building and
  playing its report and opening History. Run twice: as the machine is ("load_1" when idle),
  then with busy processes added up to a load of about 4; each records the load average
  before and after, since the machine may be shared.
- opengl_driver_loaded: whether a GL driver (Mesa's *_dri.so, libGLX_mesa, libgallium) was
  mapped into the process by the end (Linux). Initialising OpenGL took 0.2-1.7 s of the GUI
  thread under software rendering when the report first showed its video; the app paints
  images instead, so this should stay false.
- `--profile-stalls` (or MOCKINTERVIEW_STALL_PROFILE=1) adds `stall_causes`: for each stall over
  STALL_PROFILE_MS, the GUI thread's most frequent stack while it was late (a sampling thread
  reads sys._current_frames), each garbage collection that took over GC_REPORT_MS, since a
  collection started on any thread stops every thread, and each time the whole process was held
  HOLD_TRACE_S (a native call keeping the GIL, such as a C extension's import): every thread's
  stack then, which the sampler, needing the GIL itself, cannot take.
"""

from __future__ import annotations

import collections
import faulthandler
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

from benchmarks import xvfb
from benchmarks.machine_load import with_load_at_least

ROOT = Path(__file__).resolve().parents[1]
APPEAR_RUNS = 3
WATCHDOG_MS = 10
CAMERA_FPS = 30  # a webcam's rate: the video file standing in for it plays at this rate
STALL_PROFILE_MS = 60  # stalls longer than this get their GUI-thread stack reported
GC_REPORT_MS = 20
SAMPLE_EVERY_S = 0.003
HOLD_TRACE_S = 0.1  # a whole process held this long gets every thread's stack reported
REARM_EVERY_S = 0.02
STALL_LOADS = (1, 4)  # the scenario runs as the machine is, then with busy processes up to ~4
START_CLICK_MS = 300  # Start pressed this soon after the window shows: before the models load


class StallSampler:
    """Samples the GUI thread's stack while its watchdog tick is overdue.

    `beat()` runs on the GUI thread at every tick; a daemon thread samples the GUI thread's frame
    whenever the last beat is older than a tick plus a margin. Samples of one stall are grouped, so
    each long stall is reported with the code it was in most of the time (a C call that holds
    the GIL shows as the Python line that made it)."""

    def __init__(self, phase: list[str]) -> None:
        self.phase = phase
        self.last_beat = time.monotonic()
        self.main_id = threading.get_ident()
        self.samples: dict[int, collections.Counter] = collections.defaultdict(collections.Counter)
        self.stall_phase: dict[int, str] = {}
        self.stall_number = 0
        self.collections: list[dict[str, object]] = []
        self._gc_started = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        # faulthandler's watchdog thread needs no GIL: re-armed by the sampling thread, it
        # writes every thread's stack here when that thread has not run for HOLD_TRACE_S.
        self._holds = tempfile.TemporaryFile("w+")  # noqa: SIM115  (faulthandler writes to it until stop)
        self._thread_names: dict[int, str] = {}

    def start(self) -> None:
        gc.callbacks.append(self._gc)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        faulthandler.cancel_dump_traceback_later()
        gc.callbacks.remove(self._gc)

    def beat(self) -> None:
        self.last_beat = time.monotonic()
        self.stall_number += 1

    def _gc(self, event: str, info: dict) -> None:
        if event == "start":
            self._gc_started = time.monotonic()
            return
        took_ms = (time.monotonic() - self._gc_started) * 1000
        if took_ms > GC_REPORT_MS:
            self.collections.append(
                {
                    "phase": self.phase[0],
                    "generation": info["generation"],
                    "ms": round(took_ms, 1),
                    "thread": threading.current_thread().name,
                }
            )

    def _sample(self) -> None:
        late_after = (WATCHDOG_MS + 30) / 1000
        armed = 0.0
        while not self._stop.wait(SAMPLE_EVERY_S):
            now = time.monotonic()
            if now - armed >= REARM_EVERY_S:
                faulthandler.dump_traceback_later(HOLD_TRACE_S, file=self._holds)
                self._thread_names.update((t.ident, t.name) for t in threading.enumerate())
                armed = now
            if now - self.last_beat < late_after:
                continue
            frame = sys._current_frames().get(self.main_id)
            if frame is None:
                continue
            stack = traceback.extract_stack(frame)[-8:]
            key = " <- ".join(
                f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(stack)
            )
            number = self.stall_number  # once: the GUI thread may beat between two reads
            self.samples[number][key] += 1
            self.stall_phase.setdefault(number, self.phase[0])

    def causes(self, stalls: dict[int, float]) -> dict[str, object]:
        """Each stall over STALL_PROFILE_MS (`stalls` by number) with its phase and its most
        frequent stacks."""
        found = []
        for number, counter in self.samples.items():
            # samples taken before beat n + 1 belong to the stall that tick n + 1 ends: stalls[n]
            stall_ms = stalls.get(number)
            if stall_ms is None or stall_ms < STALL_PROFILE_MS:
                continue
            found.append(
                {
                    "stall_ms": round(stall_ms, 1),
                    "phase": self.stall_phase[number],
                    "stacks": [
                        {"samples": count, "stack": stack}
                        for stack, count in counter.most_common(3)
                    ],
                }
            )
        return {
            "stalls": found,
            "slow_collections": self.collections,
            "process_holds": self._read_holds(),
        }

    def _read_holds(self) -> list[dict[str, list[str]]]:
        """Each hold as {thread name: its innermost frames}, from faulthandler's text
        ("Thread 0x... (most recent call first):" then '  File "...", line N in name')."""
        self._holds.seek(0)
        holds: list[dict[str, list[str]]] = []
        thread = ""
        for line in self._holds.read().splitlines():
            if line.startswith("Timeout ("):
                holds.append({})
            elif "hread 0x" in line and holds:
                ident = int(line.split("0x")[1].split()[0], 16)
                thread = self._thread_names.get(ident, hex(ident))
                holds[-1][thread] = []
            elif line.startswith("  File ") and holds and len(holds[-1].get(thread, [])) < 4:
                path, _, where = line.strip().partition(", line ")
                holds[-1][thread].append(f"{Path(path[6:-1]).name}:{where.replace(' in ', ' ')}")
        return holds


APPEAR_SCRIPT = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class Watch(QObject):
    \"\"\"Prints when the main window first paints, then when it says 'Ready to start'.\"\"\"
    painted = False

    def eventFilter(self, obj, event):
        if not self.painted and event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
            self.painted = True
            print(f"painted {time.time():.6f}", flush=True)
        return False

    def poll(self):
        for widget in QApplication.topLevelWidgets():
            if getattr(getattr(widget, "models", None), "is_ready", False):
                print(f"ready {time.time():.6f}", flush=True)
                os._exit(0)  # the model loader's thread may still be unwinding

app = QApplication(sys.argv[:1])
watch = Watch()
app.installEventFilter(watch)
timer = QTimer()
timer.timeout.connect(watch.poll)
timer.start(20)
from mockinterview.cli import main  # the path `mockinterview` without a command takes
main([])
"""


GL_DRIVERS = ("_dri.so", "libGLX_mesa", "libEGL_mesa", "libgallium")


def opengl_driver_loaded() -> bool | None:
    """Whether this process has mapped a GL driver (None where /proc/self/maps does not exist).
    Qt's libraries link libGL itself, so only the drivers behind it tell that GL was set up."""
    maps = Path("/proc/self/maps")
    if not maps.exists():
        return None
    return any(driver in line for line in maps.read_text().splitlines() for driver in GL_DRIVERS)


def start_xvfb() -> tuple[subprocess.Popen | None, dict[str, str]]:
    started = xvfb.start_xvfb()
    if started is None:
        return None, {"QT_QPA_PLATFORM": "offscreen"}
    process, display = started
    return process, {"QT_QPA_PLATFORM": "xcb", "DISPLAY": display}


def window_appear_s(env: dict[str, str]) -> tuple[list[float], list[float]]:
    """(first paint, ready to start) of each launch, seconds after the process started."""
    times, ready = [], []
    for _ in range(APPEAR_RUNS):
        started = time.time()
        result = subprocess.run(
            [sys.executable, "-c", APPEAR_SCRIPT],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            cwd=ROOT,
        )
        stamps = {
            line.split()[0]: line.split()[1]
            for line in result.stdout.splitlines()
            if line.startswith(("painted ", "ready "))
        }
        if "painted" not in stamps or "ready" not in stamps:
            raise SystemExit(f"window did not appear or get ready: {result.stderr[-1500:]}")
        times.append(float(stamps["painted"]) - started)
        ready.append(float(stamps["ready"]) - started)
    return times, ready


ANSWERS = (
    "Um, I am a data engineer. I built pipelines for a bank for five years, and I led a team of "
    "four that cut the nightly run from six hours to forty minutes.",
    "I think my strength is explaining hard things simply. I want to get better at delegating, "
    "at public speaking, and at saying no.",
    "Yes. What does success look like in the first six months?",
)


def make_media(folder: Path) -> None:
    """The scenario's camera (a video file) and its spoken answers, written into `folder`."""
    from tests.conftest import synthesize
    from tests.gui.conftest import write_recording

    write_recording(folder / "camera.mkv", 90.0, fps=CAMERA_FPS)
    for n, text in enumerate(ANSWERS):
        synthesize(text, folder / f"answer-{n}.wav")


def stall_scenario(env: dict[str, str], profile: bool = False) -> dict[str, object]:
    """Run in this process: the platform comes from `env` set before QApplication exists."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import dataclasses

    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from mockinterview.core.settings import Settings
    from mockinterview.gui.app import _drop_cv2_qt_plugin_path
    from mockinterview.gui.main_window import MainWindow

    _drop_cv2_qt_plugin_path()
    app = QApplication.instance() or QApplication([])
    work = Path(tempfile.mkdtemp(prefix="bench-gui-"))
    os.environ["MOCKINTERVIEW_HOME"] = str(work / "home")
    # Made in a child process: writing them imports numpy, PyAV and OpenCV, which the app imports
    # only after its window shows (some on threads, where their loading can stall the window).
    subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_gui", "--make-media", str(work)],
        check=True,
        cwd=ROOT,
        timeout=300,
    )
    camera = work / "camera.mkv"
    wavs = [work / f"answer-{n}.wav" for n in range(len(ANSWERS))]
    settings = Settings()
    settings = dataclasses.replace(
        settings,
        camera=dataclasses.replace(settings.camera, camera=str(camera)),
        interview=dataclasses.replace(settings.interview, greeting=False, count=2),
    )

    stalls: list[float] = []
    phase = ["startup"]
    worst: dict[str, float] = {}
    clock = QElapsedTimer()
    watchdog = QTimer()
    watchdog.setInterval(WATCHDOG_MS)

    sampler = StallSampler(phase) if profile else None

    def tick() -> None:
        stall = max(0.0, clock.restart() - WATCHDOG_MS)
        stalls.append(stall)
        worst[phase[0]] = max(worst.get(phase[0], 0.0), stall)
        if sampler is not None:
            sampler.beat()

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def until(condition, timeout_s: float = 240.0) -> None:
        deadline = time.monotonic() + timeout_s
        while not condition():
            if time.monotonic() > deadline:
                raise SystemExit(f"timed out in phase {phase[0]}")
            wait(50)

    finished: list[str] = []
    rehearsal: list = []  # the Rehearsal page, once built

    def inject_hardware(name: str) -> None:
        """The Rehearsal page is built when Start is pressed (or in idle time): its microphone
        is then the answer files and it speaks to no device."""
        if name == "Rehearsal":
            from mockinterview.core.speech.capture import FileSource

            page = window.rehearsal
            page.audio_source = lambda index: FileSource(wavs[index], realtime=True)
            page.speak_questions = False  # no speaker device on the benchmark machine
            page.finished.connect(finished.append)
            rehearsal.append(page)

    window = MainWindow(settings)  # loads Whisper + MediaPipe in the background
    window.page_built.connect(inject_hardware)
    window.resize(1366, 768)
    window.show()
    clock.start()
    watchdog.timeout.connect(tick)
    watchdog.start()
    if sampler is not None:
        sampler.start()
    wait(START_CLICK_MS)
    phase[0] = "rehearsal: waiting for models"
    started = time.monotonic()
    window.start_rehearsal("general", 2)
    until(lambda: bool(rehearsal) and rehearsal[0].run is not None)
    page = rehearsal[0]
    page.run.flow_event.connect(lambda event: phase.__setitem__(0, f"rehearsal: {event.phase}"))
    until(lambda: bool(finished))
    rehearsal_s = time.monotonic() - started
    frames = page.preview.frames_shown
    rehearsal_stalls = list(stalls)
    phase[0] = "report: building"
    until(lambda: window.report.report is not None)
    phase[0] = "report: playing"
    window.report.player.play()
    wait(2000)
    window.report.seek_ms(5000)
    wait(500)
    phase[0] = "history"
    window.show_page("History")
    wait(1500)
    watchdog.stop()
    if sampler is not None:
        sampler.stop()
    gl_loaded = opengl_driver_loaded()
    window.close()
    app.processEvents()
    shutil.rmtree(work, ignore_errors=True)
    causes = {}
    if sampler is not None:
        causes = {"stall_causes": sampler.causes(dict(enumerate(stalls)))}
    return {
        "camera_fps": CAMERA_FPS,
        "rehearsal_s": round(rehearsal_s, 1),
        "answers": 3,
        "preview_frames_shown": frames,
        "preview_fps": round(frames / rehearsal_s, 1),
        "ticks": len(stalls),
        "ui_stall_max_ms_during_rehearsal": round(max(rehearsal_stalls), 1),
        "ui_stall_max_ms_while_answering": round(worst.get("rehearsal: listening", 0.0), 1),
        "ui_stall_max_ms_overall": round(max(stalls), 1),
        "ui_stall_p99_ms": round(statistics.quantiles(stalls, n=100)[98], 1),
        "worst_ms_by_phase": {name: round(value, 1) for name, value in worst.items()},
        "opengl_driver_loaded": gl_loaded,
        **causes,
    }


def run_stall_scenario(env: dict[str, str]) -> dict[str, object]:
    """The stall scenario in a fresh interpreter, with the machine's load before and after."""
    load_before = os.getloadavg()[0]
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_gui", "--stall-scenario"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        cwd=ROOT,
    )
    if result.returncode != 0:
        raise SystemExit(f"stall scenario failed: {result.stderr[-2000:]}")
    return {
        "load_average_1min_before": round(load_before, 2),
        "load_average_1min_after": round(os.getloadavg()[0], 2),
        **json.loads(result.stdout.strip().splitlines()[-1]),
    }


def main() -> None:
    xvfb, platform_env = start_xvfb()
    try:
        env = {**os.environ, **platform_env}
        env.pop("MOCKINTERVIEW_HOME", None)
        env["MOCKINTERVIEW_HOME"] = tempfile.mkdtemp(prefix="bench-gui-home-")
        if "--profile-stalls" in sys.argv:  # the scenarios run in child processes: tell them
            env["MOCKINTERVIEW_STALL_PROFILE"] = "1"
        appear, ready = window_appear_s(env)
        stall = {
            f"load_{target}": with_load_at_least(target, lambda: run_stall_scenario(env))
            for target in STALL_LOADS
        }
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(timeout=10)
    print(
        json.dumps(
            {
                "benchmark": "gui",
                "platform": platform_env["QT_QPA_PLATFORM"],
                "window_appear_s": {
                    "runs": [round(t, 3) for t in appear],
                    "median": round(statistics.median(appear), 3),
                },
                "ready_to_start_s": {
                    "runs": [round(t, 3) for t in ready],
                    "median": round(statistics.median(ready), 3),
                },
                "ui_stall": stall,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--make-media"]:
        make_media(Path(sys.argv[2]))
    elif sys.argv[1:2] == ["--stall-scenario"]:
        profile = "--profile-stalls" in sys.argv or os.environ.get("MOCKINTERVIEW_STALL_PROFILE")
        print(json.dumps(stall_scenario({}, profile=bool(profile))))
    else:
        main()
