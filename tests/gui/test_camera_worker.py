"""The preview and the recording keep the camera's rate while analysis is slower: every frame is
painted and shown, each consumer (analysis, recording) sees the newest one at its own rate."""

from __future__ import annotations

import threading
import time

from mockinterview.core.vision.frames import VideoFileSource
from mockinterview.gui.camera_worker import CameraThread, fit_to
from tests.gui.conftest import RECORDING_FPS, write_recording

SLOW_ANALYSIS_S = 0.35  # longer than three frames of the 10 fps recording


def test_slow_analysis_slows_neither_the_preview_nor_the_recording(qtbot, tmp_path) -> None:
    video = write_recording(tmp_path / "camera.mkv", 3.0)
    analysed: list[float] = []
    painted: list[float] = []
    recorded: list[float] = []
    painter_threads: set[str] = set()
    analysis_threads: set[str] = set()
    recording_threads: set[str] = set()

    def analyse(_image, at_s: float) -> None:
        analysis_threads.add(threading.current_thread().name)
        time.sleep(SLOW_ANALYSIS_S)
        analysed.append(at_s)

    def record(_image, at_s: float) -> None:
        recording_threads.add(threading.current_thread().name)
        recorded.append(at_s)

    def paint(image, at_s: float):
        painter_threads.add(threading.current_thread().name)
        painted.append(at_s)
        return image[:, :, ::-1]

    consumers = {"camera-analysis": analyse, "camera-recording": record}
    camera = CameraThread(lambda: VideoFileSource(video, realtime=True), paint, consumers=consumers)
    camera.display_size = (160, 120)
    with qtbot.waitSignal(camera.ended, timeout=30000):
        camera.start()
    camera.wait(10000)
    assert camera.mailbox.posted == len(painted)
    # Painting follows the camera (30 frames in 3 s, a few lost to a busy machine at most)...
    assert len(painted) >= 0.8 * 3.0 * RECORDING_FPS
    # ...while analysis ran at its own pace, on its own thread, always on a newer frame.
    assert 1 <= len(analysed) <= 3.0 / SLOW_ANALYSIS_S + 1
    assert analysed == sorted(set(analysed))
    assert analysis_threads == {"camera-analysis"} and not painter_threads & analysis_threads
    # The recording, as fast as the camera, got (nearly) every frame on a thread of its own.
    assert len(recorded) >= 0.8 * 3.0 * RECORDING_FPS
    assert recording_threads == {"camera-recording"}
    image = camera.mailbox.take()
    assert (image.width(), image.height()) == (120, 120)  # the 320x320 frame fitted to 160x120


def test_fit_to_keeps_the_aspect_and_leaves_exact_sizes_alone() -> None:
    import numpy as np

    frame = np.zeros((480, 640, 3), np.uint8)
    assert fit_to(frame, None) is frame
    assert fit_to(frame, (640, 480)) is frame
    assert fit_to(frame, (1280, 1000)).shape == (960, 1280, 3)
    assert fit_to(frame, (320, 400)).shape == (240, 320, 3)


def test_frames_become_32_bit_images_that_keep_their_pixels() -> None:
    """The preview paints 32-bit images (no conversion on the GUI thread); the image wraps its
    own converted array, which must live as long as the image does."""
    import gc

    import numpy as np
    from PySide6.QtGui import QColor, QImage

    from mockinterview.gui.images import rgb_to_qimage

    rgb = np.zeros((48, 64, 3), np.uint8)
    rgb[:, :32] = (200, 30, 10)  # left half reddish, right half blue
    rgb[:, 32:] = (0, 0, 255)
    image = rgb_to_qimage(rgb[:, :, :])
    del rgb
    gc.collect()
    _garbage = [np.full((48, 64, 4), 7, np.uint8) for _ in range(50)]  # reuse freed memory
    assert image.format() == QImage.Format.Format_RGB32
    assert (image.width(), image.height()) == (64, 48)
    assert QColor(image.pixel(5, 5)).getRgb() == (200, 30, 10, 255)
    assert QColor(image.pixel(60, 40)).getRgb() == (0, 0, 255, 255)
