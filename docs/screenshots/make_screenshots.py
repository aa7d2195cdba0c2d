"""Real screenshots of every page at 1366x768, from a real rehearsal run on files.

    .venv/bin/python docs/screenshots/make_screenshots.py [OUT_DIR]     # default: this folder

Two rehearsals are run through the real widgets under Xvfb (a talking-head video as the camera,
espeak-ng answers as the microphone, the bundled Whisper and MediaPipe models), so History has a
trend, the Report has real transcripts and cues, and the Rehearsal page is caught mid-answer.
The captures are of the X screen (ImageMagick `import`), so the video surfaces show as a user
sees them. Nothing is staged by hand.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
# The first session is rushed and full of fillers, the second calmer: History shows a change.
FIRST_ANSWERS = (
    "Um, so, I am a data engineer. Uh, for five years I have built, um, pipelines that, uh, "
    "move billing data for a bank. I think I, like, led a team of four.",
    "Um, my strength is, uh, explaining things. I guess I want to improve at, um, delegating.",
    "Uh, no. I think, um, that's all.",
)
ANSWERS = (
    "Um, I am a data engineer. For five years I have built pipelines that, uh, move "
    "billing data for a bank. I led a team of four and we cut the nightly run from six "
    "hours to forty minutes.",
    "I think my strength is, like, explaining hard things simply. I want to improve at "
    "delegating, at public speaking, and at saying no to extra work.",
    "Yes. What does success look like in the first six months, and what are the next steps?",
)
# The retake from a tip's "Practise this now": calm, no fillers, a concrete result.
RETAKE = (
    "I am a data engineer. For five years I have built the pipelines that move billing data "
    "for a bank. I led a team of four, and we cut the nightly run from six hours to forty "
    "minutes, so the bills went out a day earlier."
)


def start_xvfb() -> tuple[subprocess.Popen, str]:
    sys.path.insert(0, str(ROOT))
    from benchmarks.xvfb import start_xvfb as start

    started = start()
    if started is None:
        raise SystemExit("Xvfb is needed: scripts/setup.sh --test installs it")
    return started


def looped_camera(path: Path, seconds: float) -> Path:
    """The committed talking-head excerpt played forwards and backwards until `seconds` long."""
    import av

    source = ROOT / "tests" / "data" / "franck-excerpt.mp4"
    with av.open(str(source)) as container:
        stream = container.streams.video[0]
        rate = stream.average_rate or 25
        frames = [frame.to_ndarray(format="rgb24") for frame in container.decode(stream)]
    out = av.open(str(path), "w")
    video = out.add_stream("libx264", rate=rate)
    video.height, video.width = frames[0].shape[:2]
    video.pix_fmt = "yuv420p"
    sequence = frames + frames[::-1]
    for index in range(int(seconds * float(rate))):
        image = sequence[index % len(sequence)]
        for packet in video.encode(av.VideoFrame.from_ndarray(image, format="rgb24")):
            out.mux(packet)
    for packet in video.encode():
        out.mux(packet)
    out.close()
    return path


def main() -> None:
    """Xvfb lives in this process; the app runs in a child that exits before Xvfb stops."""
    if sys.argv[1:2] == ["--capture"]:
        out_dir, work, display = Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
        run(out_dir, work, display)
        return
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="mi-shots-"))
    xvfb, display = start_xvfb()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "xcb",
        "DISPLAY": display,
        "MOCKINTERVIEW_HOME": str(work / "home"),
    }
    try:
        subprocess.run(
            [sys.executable, __file__, "--capture", str(out_dir), str(work), display],
            env=env,
            check=True,
        )
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


def run(out_dir: Path, work: Path, display: str) -> None:
    sys.path.insert(0, str(ROOT))
    from mockinterview.gui.app import _drop_cv2_qt_plugin_path

    _drop_cv2_qt_plugin_path()
    from PySide6.QtCore import QEventLoop, QTimer, QUrl
    from PySide6.QtWidgets import QApplication

    from mockinterview.core.settings import Settings
    from mockinterview.core.speech.capture import FileSource
    from mockinterview.gui.main_window import MainWindow
    from mockinterview.gui.theme import apply_theme

    app = QApplication([])
    apply_theme(app, "light")
    sessions = []
    for number, (answers, rate) in enumerate(((FIRST_ANSWERS, 190), (ANSWERS, 150)), start=1):
        wavs = []
        for index, text in enumerate(answers):
            wav = work / f"session-{number}-answer-{index}.wav"
            subprocess.run(["espeak-ng", "-s", str(rate), "-w", str(wav), text], check=True)
            wavs.append(wav)
        sessions.append(wavs)
    retake = work / "retake.wav"
    subprocess.run(["espeak-ng", "-s", "150", "-w", str(retake), RETAKE], check=True)
    camera = looped_camera(work / "camera.mp4", 120.0)
    settings = Settings()
    settings = dataclasses.replace(
        settings,
        camera=dataclasses.replace(settings.camera, camera=str(camera)),
        interview=dataclasses.replace(settings.interview, greeting=False, count=2),
    )
    window = MainWindow(settings)
    window.setGeometry(0, 0, 1366, 768)
    window.showMaximized()
    window.rehearsal.speak_questions = False

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def until(condition, timeout_ms: int = 120000) -> None:
        waited = 0
        while not condition():
            if waited > timeout_ms:
                raise SystemExit("timed out waiting for the app")
            wait(100)
            waited += 100

    def shoot(name: str) -> None:
        wait(600)
        target = out_dir / f"gui-{name}.png"
        subprocess.run(
            ["import", "-display", display, "-window", "root", str(target)], check=True, timeout=60
        )
        print(target)

    shoot("home-first-run")
    finished: list[str] = []
    window.rehearsal.finished.connect(finished.append)
    for session, wavs in enumerate(sessions, start=1):
        window.rehearsal.audio_source = lambda index, w=wavs: FileSource(w[index], realtime=True)
        window.start_rehearsal("general", 2)
        if session == 2:
            until(lambda: window.rehearsal._phase == "listening")
            wait(4000)
            shoot("rehearsal")
        until(lambda s=session: len(finished) == s, 240000)
        until(lambda: window.report.report is not None and window.current_page() == "Report")
    wait(1500)
    window.report.seek_ms(3000)
    shoot("report")
    window.report.tabs.setCurrentIndex(1)
    shoot("report-answer")
    tabs = window.report.tabs
    if tabs.tabText(tabs.count() - 1) == "Versions":  # the second session asked the same two
        tabs.setCurrentIndex(tabs.count() - 1)
        shoot("report-versions")
    # "Practise this now" on the first tip: a retake with its nudge, then its before/after.
    tabs.setCurrentIndex(0)
    window.rehearsal.audio_source = lambda index: FileSource(retake, realtime=True)
    tabs.widget(0).anchorClicked.emit(QUrl("practise:0"))
    until(lambda: window.rehearsal._phase == "listening")
    wait(4000)
    shoot("rehearsal-practise")
    until(lambda: len(finished) == 3, 240000)
    until(lambda: window.report.report is not None
          and window.report.report.session_id == finished[-1])  # fmt: skip
    shoot("report-before-after")
    window.show_page("History")  # rereads the store: two sessions have ended
    wait(1500)
    shoot("history")
    window.show_page("Home")
    wait(1500)
    shoot("home")
    window.show_page("Settings")
    wait(2500)
    shoot("settings")
    shoot_selfcheck(window, until, shoot)
    window.set_theme("dark")
    window.show_page("Report")
    shoot("report-dark")
    window.close()


def shoot_selfcheck(window, until, shoot) -> None:
    """The Self-check page after a routine run on the committed real clip cap12-touch.mp4 as
    the camera (a hand comes to his face at about 2.6 s), with prompts fitted to that clip."""
    from mockinterview.core.vision.selfcheck import Step

    page = window.selfcheck
    clip = ROOT / "tests" / "data" / "cap12-touch.mp4"
    page.settings = dataclasses.replace(
        page.settings, camera=dataclasses.replace(page.settings.camera, camera=str(clip))
    )
    page.steps = (
        Step("upright", "Upright", "Sit upright, shoulders back, and look into the camera lens",
             None, 0.0, 2.5),
        Step("touch", "Face touching", "Touch your face: rest your chin or cheek on your hand",
             "face_touch", 0.5, 6.5),
        Step("smile", "Smiling", "Smile into the camera", "smile", 0.0, 1.2),
    )  # fmt: skip
    window.show_page("Self-check")
    page.start()
    until(lambda: page.result is not None, 60000)
    shoot("selfcheck")


if __name__ == "__main__":
    main()
