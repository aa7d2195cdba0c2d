"""GUI responsiveness, printed as JSON: how fast the window appears, and the worst stall of the
GUI thread while the app loads its models, previews the camera and plays a report.

    .venv/bin/python benchmarks/bench_gui.py            # Xvfb when installed, else offscreen

- window_appear_s: from launching a fresh interpreter to the first paint of the main window,
  through `mockinterview`'s own entry (cli.main without a command); models load afterwards.
- ready_to_start_s: from the same launch to the window's "Ready to start" (Whisper and MediaPipe
  loaded, so Start begins a rehearsal at once).
- ui_stall_*: a 10 ms QTimer watchdog on the GUI thread; a stall is how much later than due a
  tick fired (target: never above 100 ms during a rehearsal). Measured over a real rehearsal of
  three answers started while the models still load (video file as the camera with MediaPipe
  and the overlay live, espeak-ng answers as the microphone, Whisper transcribing), then
  building and playing its report and opening History.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import xvfb

ROOT = Path(__file__).resolve().parents[1]
APPEAR_RUNS = 3
WATCHDOG_MS = 10
CAMERA_FPS = 30  # a webcam's rate: the video file standing in for it plays at this rate

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


def stall_scenario(env: dict[str, str]) -> dict[str, object]:
    """Run in this process: the platform comes from `env` set before QApplication exists."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import dataclasses

    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from mockinterview.core.settings import Settings
    from mockinterview.core.speech.capture import FileSource
    from mockinterview.gui.app import _drop_cv2_qt_plugin_path
    from mockinterview.gui.main_window import MainWindow
    from tests.conftest import synthesize
    from tests.gui.conftest import write_recording

    _drop_cv2_qt_plugin_path()
    app = QApplication.instance() or QApplication([])
    work = Path(tempfile.mkdtemp(prefix="bench-gui-"))
    os.environ["MOCKINTERVIEW_HOME"] = str(work / "home")
    camera = write_recording(work / "camera.mkv", 90.0, fps=CAMERA_FPS)
    wavs = [
        synthesize(text, work / f"answer-{n}.wav")
        for n, text in enumerate(
            (
                "Um, I am a data engineer. I built pipelines for a bank for five years, and I "
                "led a team of four that cut the nightly run from six hours to forty minutes.",
                "I think my strength is explaining hard things simply. I want to get better at "
                "delegating, at public speaking, and at saying no.",
                "Yes. What does success look like in the first six months?",
            )
        )
    ]
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

    def tick() -> None:
        stall = max(0.0, clock.restart() - WATCHDOG_MS)
        stalls.append(stall)
        worst[phase[0]] = max(worst.get(phase[0], 0.0), stall)

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

    window = MainWindow(settings)  # loads Whisper + MediaPipe in the background
    window.resize(1366, 768)
    window.show()
    page = window.rehearsal
    page.audio_source = lambda index: FileSource(wavs[index], realtime=True)
    page.speak_questions = False  # no speaker device on the benchmark machine
    finished: list[str] = []
    page.finished.connect(finished.append)
    clock.start()
    watchdog.timeout.connect(tick)
    watchdog.start()
    started = time.monotonic()
    phase[0] = "rehearsal: waiting for models"
    window.start_rehearsal("general", 2)
    until(lambda: page.run is not None)
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
    window.close()
    app.processEvents()
    shutil.rmtree(work, ignore_errors=True)
    return {
        "camera_fps": CAMERA_FPS,
        "rehearsal_s": round(rehearsal_s, 1),
        "answers": 3,
        "preview_frames_shown": frames,
        "preview_fps": round(frames / rehearsal_s, 1),
        "ticks": len(stalls),
        "ui_stall_max_ms_during_rehearsal": round(max(rehearsal_stalls), 1),
        "ui_stall_max_ms_overall": round(max(stalls), 1),
        "ui_stall_p99_ms": round(statistics.quantiles(stalls, n=100)[98], 1),
        "worst_ms_by_phase": {name: round(value, 1) for name, value in worst.items()},
    }


def main() -> None:
    xvfb, platform_env = start_xvfb()
    try:
        env = {**os.environ, **platform_env}
        env.pop("MOCKINTERVIEW_HOME", None)
        env["MOCKINTERVIEW_HOME"] = tempfile.mkdtemp(prefix="bench-gui-home-")
        appear, ready = window_appear_s(env)
        result = subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_gui", "--stall-scenario"],
            capture_output=True,
            text=True,
            env={**env, **platform_env},
            timeout=300,
            cwd=ROOT,
        )
        if result.returncode != 0:
            raise SystemExit(f"stall scenario failed: {result.stderr[-2000:]}")
        stall = json.loads(result.stdout.strip().splitlines()[-1])
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
    if sys.argv[1:] == ["--stall-scenario"]:
        print(json.dumps(stall_scenario({})))
    else:
        main()
