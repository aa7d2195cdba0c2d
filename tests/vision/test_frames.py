"""Frame sources on real encoded files: timestamps, bad input, truncation, the latest-frame grab."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import numpy as np
import pytest

from mockinterview.core.errors import DeviceError, MediaError
from mockinterview.core.vision.frames import (
    Frame,
    LatestFrameGrabber,
    MediaTracks,
    VideoFileSource,
    WebcamSource,
    media_tracks,
    open_camera,
)
from tests.conftest import DATA, synthesize
from tests.vision.conftest import FPS, sway, write_clip


def test_file_frames_have_real_timestamps(sway_clip: Path) -> None:
    with VideoFileSource(sway_clip) as source:
        frames = list(source)
    assert len(frames) == 6 * FPS
    assert frames[0].image.shape == (480, 640, 3) and frames[0].image.dtype == np.uint8
    stamps = np.array([f.timestamp_s for f in frames])
    assert stamps[0] == 0.0
    assert np.allclose(np.diff(stamps), 1 / FPS, atol=1e-3)
    assert source.truncated_at is None
    assert source.nominal_fps == pytest.approx(FPS)


def test_max_fps_skips_frames_evenly(sway_clip: Path) -> None:
    with VideoFileSource(sway_clip, max_fps=10) as source:
        stamps = [f.timestamp_s for f in source]
    assert 58 <= len(stamps) <= 62  # 6 s at 10 fps out of 25 fps
    assert min(np.diff(stamps)) >= 0.08 - 1e-6 and max(np.diff(stamps)) <= 0.12 + 1e-6


def test_real_talking_head_excerpt_decodes() -> None:
    with VideoFileSource(DATA / "franck-excerpt.mp4") as source:
        frames = list(source)
    assert len(frames) == 192  # 8 s at 24 fps
    assert frames[-1].timestamp_s == pytest.approx(191 / 24, abs=1e-3)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p, "no such file"),
        (lambda p: (p.write_bytes(b""), p)[1], "empty"),
        (lambda p: (p.write_text("not a video at all\n" * 50), p)[1], "not a readable video"),
        (lambda p: (p.mkdir(), p)[1], "is a folder"),
    ],
    ids=["missing", "empty", "text", "folder"],
)
def test_bad_files_raise_clear_media_errors(tmp_path: Path, make, message: str) -> None:
    path = make(tmp_path / "answer.mp4")
    with pytest.raises(MediaError, match=message):
        VideoFileSource(path)


def test_audio_only_file_says_it_has_no_video(tmp_path: Path) -> None:
    wav = synthesize("Hello there.", tmp_path / "hello.wav")
    with pytest.raises(MediaError, match="no video track"):
        VideoFileSource(wav)


def test_truncated_file_is_read_up_to_the_break(tmp_path: Path) -> None:
    whole = write_clip(tmp_path / "whole.mkv", sway(4.0))
    data = whole.read_bytes()
    cut = tmp_path / "cut.mkv"
    cut.write_bytes(data[: len(data) // 2])
    with VideoFileSource(cut) as source:
        frames = list(source)
    assert 10 < len(frames) < 4 * FPS
    assert source.truncated_at == pytest.approx(frames[-1].timestamp_s)


def test_an_empty_camera_setting_names_the_setting() -> None:
    """It read as the current folder: "'.' is a folder; give the path of a video file."."""
    with pytest.raises(MediaError, match=r"No camera is set \(setting camera.camera is empty\)"):
        open_camera(" ")


def test_missing_camera_is_a_device_error() -> None:
    if Path("/dev/video7").exists():
        pytest.skip("this machine has a /dev/video7")
    with pytest.raises(DeviceError, match="No camera 7"):
        WebcamSource(7)


def test_grabber_drops_frames_instead_of_falling_behind(sway_clip: Path) -> None:
    grabber = LatestFrameGrabber(VideoFileSource(sway_clip, realtime=True)).start()
    seen = []
    try:
        while (frame := grabber.latest(timeout_s=2.0)) is not None:
            seen.append(frame.timestamp_s)
            time.sleep(0.1)  # an analysis step slower than the 25 fps source
    finally:
        grabber.stop()
    # A queue would hand out all 150 frames 0.04 s apart; the grabber skips to the newest.
    assert len(seen) < 6 * FPS / 2
    assert float(np.median(np.diff(seen))) >= 0.08
    assert seen[-1] >= 6.0 - 0.2  # ...and still reaches the end of the source
    assert all(b > a for a, b in itertools.pairwise(seen))


class _UnpluggedAfter:
    """A real file source that then fails the way a camera pulled out mid-session does."""

    nominal_fps = FPS

    def __init__(self, source: VideoFileSource, frames: int) -> None:
        self.source, self.left = source, frames

    def read(self) -> Frame | None:
        if self.left == 0:
            raise DeviceError("Camera 0 stopped sending pictures (unplugged?).")
        self.left -= 1
        return self.source.read()

    def close(self) -> None:
        self.source.close()


def test_grabber_hands_a_camera_failure_to_the_consumer(sway_clip: Path) -> None:
    grabber = LatestFrameGrabber(_UnpluggedAfter(VideoFileSource(sway_clip), 5)).start()
    try:
        with pytest.raises(DeviceError, match="unplugged"):
            for _ in range(10):
                grabber.latest(timeout_s=2.0)
    finally:
        grabber.stop()


def test_media_tracks_tells_video_from_audio(sway_clip: Path, tmp_path: Path) -> None:
    assert media_tracks(sway_clip) == MediaTracks(video=True, audio=False)
    wav = synthesize("Hello there.", tmp_path / "hello.wav")
    assert media_tracks(wav) == MediaTracks(video=False, audio=True)
    junk = tmp_path / "junk.mp4"
    junk.write_text("nothing")
    assert media_tracks(junk) == MediaTracks(video=False, audio=False)


def test_open_camera_reads_the_setting_as_index_or_file() -> None:
    from mockinterview.core.errors import DeviceError
    from mockinterview.core.vision.frames import VideoFileSource, open_camera
    from tests.conftest import DATA

    with open_camera(f" {DATA / 'franck-excerpt.mp4'} ", realtime=False) as source:
        assert isinstance(source, VideoFileSource)
        assert source.read() is not None
    with pytest.raises(DeviceError, match=r"No camera 7.*pick another camera in Settings"):
        open_camera("7")
    with pytest.raises(MediaError, match=r"Camera 'cam\.mkv': no such file.*Settings"):
        open_camera("cam.mkv")  # a typo in the setting: no such camera at all
