"""The session recording: H.264 + AAC Matroska that plays after a kill and survives a full disk."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import av
import cv2
import numpy as np
import pytest

from mockinterview.core.session.recording import SessionRecording, probe_recording

ASTRONAUT = Path(__file__).parents[1] / "data" / "astronaut.png"


def _tone(seconds: float) -> np.ndarray:
    t = np.arange(int(seconds * 16000)) / 16000
    return (0.2 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)


def test_streams_timing_and_chapters(tmp_path: Path) -> None:
    image = cv2.imread(str(ASTRONAUT))
    path = tmp_path / "recording.mkv"
    with SessionRecording(path) as recording:
        for n in range(40):  # 4 s at an uneven 10 fps: the file keeps the achieved rate
            recording.add_frame(image, n * 0.1 + (0.02 if n % 2 else 0.0))
        recording.add_audio(_tone(1.0), 0.5)  # the first 0.5 s becomes silence
        recording.add_audio(_tone(2.0), 2.0)
        recording.add_chapter("Q1", 0.5)
        recording.add_chapter("Q2", 2.0)
    with av.open(str(path)) as container:
        video, audio = container.streams.video[0], container.streams.audio[0]
        assert (video.codec_context.name, video.width, video.height) == ("h264", 640, 480)
        assert audio.codec_context.name == "aac"
        assert [c["metadata"]["title"] for c in container.chapters()] == ["Q1", "Q2"]
    probe = probe_recording(path)
    assert probe["video_frames"] == 40
    assert probe["video_end_s"] == pytest.approx(3.92, abs=0.01)
    assert probe["audio_s"] == pytest.approx(4.0, abs=0.1)


def test_the_recorded_picture_keeps_the_cameras_colours(tmp_path: Path) -> None:
    """Frames are converted to the encoder's YUV by OpenCV (it releases the GIL); the file must
    show what the camera saw, in its colours (red and blue not swapped) and scaled to 640x480."""
    image = cv2.imread(str(ASTRONAUT))  # 512x512: scaled (stretched) to 640x480
    path = tmp_path / "recording.mkv"
    with SessionRecording(path) as recording:
        for n in range(5):
            recording.add_frame(image, n * 0.1)
    with av.open(str(path)) as container:
        decoded = next(container.decode(video=0)).to_ndarray(format="bgr24")
    expected = cv2.resize(image, (640, 480), interpolation=cv2.INTER_AREA)
    error = np.abs(decoded.astype(int) - expected.astype(int)).mean(axis=(0, 1))
    swapped = np.abs(decoded[:, :, ::-1].astype(int) - expected.astype(int)).mean(axis=(0, 1))
    assert error.max() < 6, error  # H.264 at CRF 28 loses a little
    assert swapped.max() > 3 * error.max(), (error, swapped)


def test_privacy_setting_keeps_no_video(tmp_path: Path) -> None:
    path = tmp_path / "audio-only.mkv"
    with SessionRecording(path, keep_video=False) as recording:
        recording.add_frame(cv2.imread(str(ASTRONAUT)), 0.0)
        recording.add_audio(_tone(1.0), 0.0)
    with av.open(str(path)) as container:
        assert not container.streams.video and len(container.streams.audio) == 1
    assert probe_recording(path)["video_frames"] == 0


def test_a_killed_writer_leaves_a_playable_file(tmp_path: Path) -> None:
    path = tmp_path / "killed.mkv"
    code = (
        "import os, cv2, numpy as np\n"
        "from mockinterview.core.session.recording import SessionRecording\n"
        f"image = cv2.imread({str(ASTRONAUT)!r})\n"
        f"r = SessionRecording(__import__('pathlib').Path({str(path)!r}))\n"
        "for n in range(100):\n"
        "    r.add_frame(image, n / 20)\n"
        "    r.add_audio(np.zeros(800, np.float32), n / 20)\n"
        "os.kill(os.getpid(), 9)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=False, timeout=120)
    probe = probe_recording(path)
    assert probe["video_frames"] >= 70  # at most about a second is lost
    assert probe["audio_s"] >= 3.5


def _tiny_tmpfs(tmp_path: Path) -> Path:
    mount = tmp_path / f"tiny-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    return mount


def test_full_disk_stops_recording_with_a_message_and_keeps_what_was_written(
    tmp_path: Path,
) -> None:
    mount = _tiny_tmpfs(tmp_path)
    try:
        path = mount / "recording.mkv"
        image = cv2.imread(str(ASTRONAUT))
        recording = SessionRecording(path)
        for n in range(600):
            recording.add_audio(_tone(0.1), n * 0.1)
            recording.add_frame(image, n * 0.1)
            if not recording.recording:
                break
        recording.close()  # must not raise on a full disk
        assert recording.failure is not None
        assert "No space left on device" in recording.failure
        assert "Free disk space" in recording.failure
        probe = probe_recording(path)
        assert probe["video_frames"] >= 1 and probe["audio_s"] > 0.5
    finally:
        subprocess.run(["umount", str(mount)], check=False)


CRASHED_RECORDING = (
    "import os, sys\n"
    "from pathlib import Path\n"
    "from mockinterview.core.session.recording import SessionRecording\n"
    "from mockinterview.core.vision.frames import VideoFileSource\n"
    "recording = SessionRecording(Path(sys.argv[2]))\n"
    "at = 1.3\n"  # the camera starts a moment after the session
    "for _lap in range(3):\n"
    "    with VideoFileSource(sys.argv[1]) as camera:\n"
    "        for frame in camera:\n"
    "            recording.add_frame(frame.image, at)\n"
    "            at += 0.1\n"
    "os._exit(9)\n"  # killed: no index, no flush of the encoder
)


def test_recovery_seeks_to_the_answer_and_finds_the_same_body_cues(tmp_path: Path) -> None:
    """Recovery enters a long recording at the keyframe before the answer instead of decoding
    it from the start, and the body block is the one a decode from the start gives."""
    from mockinterview.core.session.recording import first_video_time_s
    from mockinterview.core.session.recovery import CALIBRATION_MARGIN_S, body_from_recording
    from mockinterview.core.thresholds import BodyThresholds
    from mockinterview.core.vision.body import FILE_ANALYSIS_FPS, BodyRecorder, fit_width
    from mockinterview.core.vision.frames import Frame, VideoFileSource
    from mockinterview.core.vision.landmarks import LandmarkDetector
    from tests.session.conftest import make_camera_clip

    clip = make_camera_clip(tmp_path / "camera.mp4", seconds=20, fps=10)
    path = tmp_path / "recording.mkv"
    out = subprocess.run(
        [sys.executable, "-c", CRASHED_RECORDING, str(clip), str(path)],
        cwd=Path(__file__).parents[2],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 9, out.stderr
    thresholds = BodyThresholds()
    start_s, end_s = 48.0, 56.0  # an answer late in the session (it ran to ~61 s)
    from_s = start_s - thresholds.calibration_s - CALIBRATION_MARGIN_S
    first = first_video_time_s(path)
    assert first == pytest.approx(1.3)
    with VideoFileSource(path, start_s=from_s - first) as video:
        entered = video.read()
    assert entered is not None and 20.0 < entered.timestamp_s <= from_s - first  # a keyframe

    # Before: the whole recording decoded from its start, frames before the window skipped.
    recorder = BodyRecorder(thresholds)
    answering = False
    with LandmarkDetector() as detector, VideoFileSource(path, max_fps=FILE_ANALYSIS_FPS) as video:
        for frame in video:
            at = frame.timestamp_s + first
            if at < from_s:
                continue
            if at > end_s:
                break
            if not answering and at >= start_s:
                recorder.start_answer()
                answering = True
            recorder.feed(detector.detect(fit_width(Frame(frame.image, at))))
    before = recorder.finish_answer(end_s)  # recovery ends the block where the answer ended

    after = body_from_recording(path, start_s, end_s, thresholds)
    assert after is not None and after["frames_analyzed"] >= 70, after
    assert after == before


def test_a_frame_that_comes_while_the_recording_closes_is_left_out(tmp_path: Path) -> None:
    """The camera thread hands frames in while the flow closes the recording at the session's
    end: a frame that got past the "still recording?" check before close() took the lock then
    went to the flushed encoder, and the session ended on "Recording stopped: cannot write ...
    (End of file). Free disk space" (the 60-minute soak). Now it is left out, silently."""
    import threading

    image = np.full((480, 640, 3), 90, np.uint8)
    for attempt in range(5):
        recording = SessionRecording(tmp_path / f"closing-{attempt}.mkv")
        stop = threading.Event()

        def camera(recording: SessionRecording = recording, stop: threading.Event = stop) -> None:
            at = 0.0
            while not stop.is_set():
                at += 0.033
                recording.add_frame(image, at)
                recording.add_audio(np.zeros(528, np.float32))

        thread = threading.Thread(target=camera)
        thread.start()
        while recording.video_frames < 10:
            threading.Event().wait(0.01)
        recording.close()
        stop.set()
        thread.join()
        assert recording.failure is None, recording.failure
        assert probe_recording(recording.path)["video_frames"] >= 10
