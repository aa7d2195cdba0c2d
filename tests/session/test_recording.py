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
