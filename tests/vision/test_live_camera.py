"""The live camera path of a headless rehearsal (CameraFeed.start_live): the session recording
takes frames at its own rate, not the analysis's. Written on the analysis thread, a recording on
a 2-core machine kept half the camera's frames (the one-hour soak: 15.3 fps of 30)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from mockinterview.core.session.camera_feed import CameraFeed
from mockinterview.core.session.recording import SessionRecording, probe_recording
from mockinterview.core.thresholds import BodyThresholds
from mockinterview.core.vision.frames import VideoFileSource
from mockinterview.core.vision.landmarks import LandmarkDetector

FPS = 25  # sway_clip: 6 s at 25 fps
SLOWER_S = 0.25  # what a busy 2-core machine adds to each analysed frame


class _BusyMachine:
    """The real detector on a machine where each frame takes SLOWER_S longer."""

    def __init__(self, detector: LandmarkDetector) -> None:
        self._detector = detector

    def detect(self, frame):
        time.sleep(SLOWER_S)
        return self._detector.detect(frame)


def test_the_recording_keeps_the_camera_rate_while_analysis_is_slow(
    sway_clip: Path, detector: LandmarkDetector, tmp_path: Path
) -> None:
    detector.reset()
    started = time.monotonic()
    errors: list[str] = []
    feed = CameraFeed(
        VideoFileSource(sway_clip, realtime=True),
        _BusyMachine(detector),
        BodyThresholds(),
        clock=lambda: time.monotonic() - started,
        on_error=errors.append,
        realtime=True,
    )
    path = tmp_path / "recording.mkv"
    with SessionRecording(path) as recording:
        feed.recording = recording
        feed.start_live()
        feed._thread.join(timeout=30)
        assert not feed._thread.is_alive(), "the camera file should have ended"
        feed.stop()
    assert errors == []
    recorded = probe_recording(path)["video_frames"]
    # Analysis took the newest frame whenever it was free: about one in seven...
    assert 1 <= feed.frames_analysed <= 6.0 / SLOWER_S + 1
    # ...while the recording kept (nearly) every frame, on threads other than the analysis's.
    assert recorded >= 0.8 * 6 * FPS, (recorded, feed.frames_analysed)
    assert "flow-recording" not in {t.name for t in threading.enumerate()}  # stopped with it
