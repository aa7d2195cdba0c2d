"""Real screenshots of every page at 1366x768, from a real rehearsal run on files.

    .venv/bin/python docs/screenshots/make_screenshots.py [OUT_DIR]     # default: this folder
    .venv/bin/python docs/screenshots/make_screenshots.py --hidpi [OUT_DIR]   # 2x scale

Two rehearsals are run through the real widgets under Xvfb (a talking-head video as the camera,
espeak-ng answers as the microphone, the bundled Whisper and MediaPipe models), so History has a
trend, the Report has real transcripts and cues, and the Rehearsal page is caught mid-answer.
The captures are of the X screen (ImageMagick `import`), so the video surfaces show as a user
sees them. The second rehearsal's report is then exported as HTML and PDF and pictured as a
reader sees those (report-html*.png, report-pdf-*.png). Nothing is staged by hand.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from screenshot_app import run_on_screen, shoot_screen, start_app

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
# The candidate's espeak-ng voice. The default one is hard for tiny.en to follow ("I am a NATO
# engineer ... move willing NATO for a mic"), so the screenshots showed Whisper's mishearing of a
# robot, not what a person's answer gets; en-us+m3 comes back nearly word for word.
CANDIDATE = "en-us+m3"
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


# A recording made elsewhere, for "Import a recording…": an interviewer's voice asks, the
# candidate answers, with the talking-head clip as the picture.
INTERVIEW = (
    ("en-us+f3", "Why do you want to work for this company?", 1.2),
    (
        CANDIDATE,
        "Um, I like the product and I have used it for years. I want to help the team make it "
        "faster, because I, uh, worked on performance at my last job.",
        4.0,
    ),
    ("en-us+f3", "What is your greatest strength?", 1.2),
    (
        CANDIDATE,
        "My greatest strength is that I finish what I start. Last year I took over a late "
        "project and, um, shipped it in six weeks.",
        1.0,
    ),
)


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


def interview_video(work: Path) -> Path:
    """INTERVIEW spoken by espeak-ng over the looped talking-head clip, as one MP4."""
    import av
    import numpy as np

    sys.path.insert(0, str(ROOT))
    from mockinterview.core.audio_file import SAMPLE_RATE, decode_audio

    pieces = []
    for n, (voice, text, silence) in enumerate(INTERVIEW):
        wav = work / f"interview-{n}.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", "150", "-w", str(wav), text], check=True)
        pieces += [decode_audio(wav), np.zeros(round(silence * SAMPLE_RATE), np.float32)]
    samples = np.concatenate(pieces)
    camera = looped_camera(work / "interview-camera.mp4", len(samples) / SAMPLE_RATE)
    out = work / "interview.mp4"
    with av.open(str(camera)) as source, av.open(str(out), "w") as container:
        stream = source.streams.video[0]
        video = container.add_stream("libx264", rate=stream.average_rate)
        video.width, video.height, video.pix_fmt = stream.width, stream.height, "yuv420p"
        audio = container.add_stream("aac", rate=SAMPLE_RATE)
        audio.layout = "mono"
        for frame in source.decode(stream):
            image = frame.to_ndarray(format="rgb24")
            for packet in video.encode(av.VideoFrame.from_ndarray(image, format="rgb24")):
                container.mux(packet)
        for packet in video.encode(None):
            container.mux(packet)
        pcm = (np.clip(samples, -1, 1) * 32767).astype(np.int16).reshape(1, -1)
        for start in range(0, pcm.shape[1], 1024):
            piece = np.ascontiguousarray(pcm[:, start : start + 1024])
            frame = av.AudioFrame.from_ndarray(piece, format="s16", layout="mono")
            frame.sample_rate, frame.pts = SAMPLE_RATE, start
            for packet in audio.encode(frame):
                container.mux(packet)
        for packet in audio.encode(None):
            container.mux(packet)
    return out


def main() -> None:
    """The captures run in a child on a private screen (screenshot_app.run_on_screen)."""
    if sys.argv[1:2] in (["--capture"], ["--capture-hidpi"]):
        out_dir, work, display = Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
        (run_hidpi if sys.argv[1] == "--capture-hidpi" else run)(out_dir, work, display)
        return
    hidpi = sys.argv[1:2] == ["--hidpi"]  # the same 1366x768 layout at twice the pixels
    args = sys.argv[2:] if hidpi else sys.argv[1:]
    out_dir = Path(args[0]) if args else HERE
    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="mi-shots-"))
    mode = "--capture-hidpi" if hidpi else "--capture"
    run_on_screen(
        [sys.executable, __file__, mode, str(out_dir), str(work)],
        "2732x1536x24" if hidpi else "1366x768x24",
        work,
        {"QT_SCALE_FACTOR": "2"} if hidpi else {},
    )


def run(out_dir: Path, work: Path, display: str) -> None:
    start_app()
    from PySide6.QtCore import QEventLoop, QTimer, QUrl

    from mockinterview.core.settings import Settings
    from mockinterview.core.speech.capture import FileSource
    from mockinterview.gui.main_window import MainWindow

    sessions = []
    for number, (answers, rate) in enumerate(((FIRST_ANSWERS, 190), (ANSWERS, 150)), start=1):
        wavs = []
        for index, text in enumerate(answers):
            wav = work / f"session-{number}-answer-{index}.wav"
            subprocess.run(
                ["espeak-ng", "-v", CANDIDATE, "-s", str(rate), "-w", str(wav), text], check=True
            )
            wavs.append(wav)
        sessions.append(wavs)
    retake = work / "retake.wav"
    subprocess.run(
        ["espeak-ng", "-v", CANDIDATE, "-s", "150", "-w", str(retake), RETAKE], check=True
    )
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
        shoot_screen(display, out_dir / f"gui-{name}.png")

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
    # The same answer scrolled to its body rows: each share over the time the cue was judged.
    summary = window.report.tabs.currentWidget().summary
    eye_contact = summary.document().find("Eye contact")
    scroll = summary.verticalScrollBar()
    scroll.setValue(scroll.value() + summary.cursorRect(eye_contact).top() - 40)
    shoot("report-body")
    scroll.setValue(0)
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
    # "Import a recording…": the answers found, to check before they are measured, then the
    # imported session's report.
    interview = interview_video(work)
    dialog = window.home.open_import()
    dialog.start(interview)
    until(lambda: dialog.prepared is not None, 300000)
    # each row says which bank question judges it, or names the closest (in the background)
    rows = dialog.answers.count()
    until(lambda: all("judged" in dialog.answers.item(r).text() for r in range(rows)), 60000)
    wait(3000)
    shoot("import")
    # "Set the question…" on the last answer: the bank questions closest to the one heard
    dialog.answers.setCurrentRow(rows - 1)
    dialog.choose_question()
    until(lambda: getattr(dialog, "question_picker", None) is not None, 60000)
    wait(1000)
    shoot("import-question")
    dialog.question_picker.reject()
    imported: list[str] = []
    dialog.imported.connect(imported.append)
    dialog.analyse()
    until(lambda: imported and window.report.report is not None
          and window.report.report.session_id == imported[0], 300000)  # fmt: skip
    window.report.tabs.setCurrentIndex(1)
    window.report.seek_ms(4000)
    shoot("report-imported")
    # Its tips, each with the moments that show it (a click plays from just before one).
    window.report.tabs.setCurrentIndex(0)
    shoot("report-tips")
    # "Change the answers…" after measuring: the first answer split at its second sentence.
    editor = window.report.open_split()
    editor.split(0, editor.split_points(0)[0][0])
    shoot("import-edit")
    editor.reject()
    # "Export for a coach…": the moments to share, the first of each tip ticked.
    packet = window.report.open_packet()
    shoot("report-packet")
    packet.close()
    # History after the import: each question's best attempt (two sessions asked the same two).
    window.show_page("History")
    wait(2000)
    window.history.chart_tabs.setCurrentIndex(1)
    shoot("history-questions")
    window.history.chart_tabs.setCurrentIndex(0)
    window.show_page("Settings")
    wait(2500)
    shoot("settings")
    shoot_selfcheck(window, until, shoot)
    window.set_theme("dark")
    window.show_page("Report")
    shoot("report-dark")
    until(lambda: not window.refiner.running, 300000)  # the exports show refined transcripts
    shoot_exports(out_dir, work, finished[1], window.settings)
    window.close()


def run_hidpi(out_dir: Path, work: Path, display: str) -> None:
    """At QT_SCALE_FACTOR=2 on a 2732x1536 screen: the answers found in an imported interview,
    then its report (lane timeline, score summary), as a HiDPI laptop shows them."""
    start_app()
    from PySide6.QtCore import QEventLoop, QTimer

    from mockinterview.core.settings import Settings
    from mockinterview.gui.main_window import MainWindow

    window = MainWindow(Settings())
    window.setGeometry(0, 0, 1366, 768)  # logical pixels: no window manager to maximise it
    window.show()

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    interview = interview_video(work)
    wait(3000)
    imported: list[str] = []
    dialog = window.home.open_import()
    dialog.imported.connect(imported.append)
    dialog.start(interview)
    waited = 0
    while dialog.prepared is None:
        if waited > 400000:
            raise SystemExit("timed out waiting for the answers")
        wait(200)
        waited += 200
    wait(1500)
    shoot_screen(display, out_dir / "gui-import-hidpi.png")
    dialog.analyse()
    while not (imported and window.report.report is not None):
        if waited > 400000:
            raise SystemExit("timed out waiting for the import")
        wait(200)
        waited += 200
    window.report.tabs.setCurrentIndex(1)
    window.report.seek_ms(4000)
    wait(1500)
    shoot_screen(display, out_dir / "gui-report-hidpi.png")
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


def shoot_exports(out_dir: Path, work: Path, session_id: str, settings) -> None:
    """The second rehearsal's report exported as HTML and PDF, pictured as a reader sees them:
    the HTML's top and its first answer in a browser engine (shoot_html.py), the PDF's first
    page and the page where the first answer starts, rasterised by pdftoppm."""
    from mockinterview.core.report.export import export_report, report_for_session
    from mockinterview.core.session.store import SessionStore

    report = report_for_session(SessionStore(), session_id, settings)
    html, pdf = export_report(report, ["html", "pdf"], work / "exports")
    for name, selector, height in (
        ("report-html.png", "body", 2300),
        ("report-html-answer.png", "section.answer", 1560),
    ):
        shooter = [sys.executable, str(HERE / "shoot_html.py"), str(html), str(out_dir / name)]
        subprocess.run([*shooter, selector, str(height)], check=True, timeout=180)
    pages = work / "exports" / "pdf"
    pages.mkdir()
    subprocess.run(["pdftoppm", "-r", "110", "-png", str(pdf), str(pages / "page")], check=True)
    rendered = sorted(pages.glob("page-*.png"))
    answer = next(
        page
        for number, page in enumerate(rendered, start=1)
        if "Answer 1." in subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
            capture_output=True, text=True, check=True,
        ).stdout
    )  # fmt: skip
    for name, page in (("report-pdf-page1.png", rendered[0]), ("report-pdf-answer.png", answer)):
        shutil.copyfile(page, out_dir / name)
        print(out_dir / name)


if __name__ == "__main__":
    main()
