"""Screenshots of the language-model features, from the real app with the packaged test model.

    .venv/bin/python docs/screenshots/make_llm_screenshots.py [--llm-model FILE.gguf] [OUT_DIR]

OUT_DIR defaults to this folder; the model to the packaged test model (SmolLM2-135M).

Needs the [llm] extra with its test model (scripts/setup.sh --test), Xvfb and the PulseAudio
virtual devices (scripts/virtual-audio.sh start). The rehearsal runs as a person's would: the
app records the configured microphone, here the virtual one, into which espeak-ng answers are
played (holding the same lock as the audio tests), so the follow-up comes through the app's own
path (build_devices, FollowUpWriter). Captures:
  gui-rehearsal-llm-follow-up.png   the model's follow-up streaming into the question bar
  gui-report-llm-rewrite.png        the report's "stronger version" once the model has run
  gui-job-ad.png                    Home's "Import a job ad..." after a build with the model
What the model writes is whatever the model writes, passed or refused by the checks; nothing
is staged (the spoken story has a nervous person's fillers, so a rewrite has work to do). The
follow-up wait is raised to 60 s so the streaming can be caught on a slow machine.
"""

from __future__ import annotations

import dataclasses
import fcntl
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from screenshot_app import run_on_screen, shoot_screen, start_app

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
LOCK = "/tmp/mockinterview-virtual-audio.lock"  # tests/conftest.py's virtual_audio lock
STORY = (
    "Um, so at my last job our nightly data pipeline kept, uh, failing and basically nobody "
    "owned it. My task was, um, to make it reliable before the quarterly report. So I added "
    "retries and, uh, I wrote alerts for the slow steps."
)
RESULT = "As a result, the failures went from four a week to one a month."


def run(out_dir: Path, work: Path, display: str, model: str) -> None:
    start_app()
    from PySide6.QtTest import QTest

    from mockinterview.core.settings import LlmSettings, Settings
    from mockinterview.gui.answer_coach import AnswerCoach
    from mockinterview.gui.job_ad_dialog import JobAdDialog
    from mockinterview.gui.main_window import MainWindow

    wavs = []
    for name, text in (("story", STORY), ("result", RESULT)):
        wav = work / f"{name}.wav"
        subprocess.run(["espeak-ng", "-s", "150", "-w", str(wav), text], check=True)
        wavs.append(wav)
    settings = Settings()
    settings = dataclasses.replace(
        settings,
        camera=dataclasses.replace(settings.camera, camera=str(work / "no-camera.mkv")),
        interview=dataclasses.replace(settings.interview, greeting=False, follow_up="weak"),
        llm=LlmSettings(model=model, follow_up_wait_s=60.0),
    )
    window = MainWindow(settings)
    window.setGeometry(0, 0, 1366, 768)
    window.showMaximized()
    window.rehearsal.speak_questions = False

    def until(condition, timeout_s: float = 600.0) -> None:
        deadline = time.monotonic() + timeout_s
        while not condition():
            if time.monotonic() > deadline:
                raise SystemExit("timed out waiting for the app")
            QTest.qWait(100)

    def shoot(name: str) -> None:
        QTest.qWait(300)  # the last repaint
        shoot_screen(display, out_dir / f"gui-{name}.png")

    def answer(wav: Path) -> None:
        until(lambda: window.rehearsal._phase == "listening")
        QTest.qWait(2500)  # PulseAudio's first capture callback comes ~2 s after the stream opens
        subprocess.Popen(["paplay", "--device=micfeed", str(wav)])

    page = window.rehearsal
    caught: list[bool] = []

    def on_event(event) -> None:
        words = len(event.message.split())
        if str(event.phase) == "composing" and words >= 3 and not caught:
            caught.append(True)
            shoot("rehearsal-llm-follow-up")

    finished: list[str] = []
    page.finished.connect(finished.append)
    until(lambda: window.models.is_ready)
    window.show_page("Rehearsal")
    page.start("general", 1, ("leadership-story",))
    until(lambda: page.run is not None)
    page.run.flow_event.connect(on_event)
    answer(wavs[0])
    until(lambda: page._phase == "speaking" and page.run is not None and page.run.flow.answer_count)
    answer(wavs[1])
    until(lambda: bool(finished))
    until(lambda: window.report.report is not None and window.current_page() == "Report")
    window.report.tabs.setCurrentIndex(1)
    coach = window.report.tabs.widget(1).findChild(AnswerCoach)
    done: list[bool] = []
    coach.finished.connect(lambda: done.append(True))
    coach.ask_button.click()
    until(lambda: bool(done))
    coach.stream.verticalScrollBar().setValue(0)
    shoot("report-llm-rewrite")

    window.show_page("Home")
    window.home.open_job_ad()
    dialog = window.home.findChild(JobAdDialog)
    jobs = ROOT / "tests" / "data" / "jobs"
    dialog.ad_edit.setPlainText((jobs / "ml-engineer-ad.txt").read_text())
    dialog.set_cv("cv.txt", (jobs / "cv.txt").read_text())
    dialog.count_spin.setValue(4)
    built: list[bool] = []
    dialog.finished_build.connect(lambda *_args: built.append(True))
    dialog.build_button.click()
    until(lambda: bool(built))
    shoot("job-ad")
    window.close()


def main() -> None:
    """The captures run in a child on a private screen (screenshot_app.run_on_screen)."""
    if sys.argv[1:2] == ["--capture"]:
        run(Path(sys.argv[2]), Path(sys.argv[3]), display=sys.argv[5], model=sys.argv[4])
        return
    sys.path.insert(0, str(ROOT))
    from mockinterview.core.llm.catalog import TEST_MODEL_NAME

    args = sys.argv[1:]
    model = TEST_MODEL_NAME
    if args[:1] == ["--llm-model"]:
        model, args = str(Path(args[1]).resolve()), args[2:]
    out_dir = Path(args[0]) if args else HERE
    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="mi-llm-shots-"))
    with open(LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one user of the virtual devices at a time
        run_on_screen(
            [sys.executable, __file__, "--capture", str(out_dir), str(work), model],
            "1366x768x24",
            work,
            {"PULSE_SOURCE": "vmic", "PULSE_SINK": "vspeaker"},
        )


if __name__ == "__main__":
    main()
