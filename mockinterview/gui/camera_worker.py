"""The live preview: a QThread takes the newest camera (or video file) frame, runs the painter
on it, scales it to the preview's size, converts it to a QImage and leaves it in a one-slot
mailbox; `frame_ready` tells the GUI a new one is there.

Each consumer of the frames runs at its own rate on a thread of its own (core's
NewestFrameWorker), given the newest frame whenever it is free: analysis (MediaPipe, a few frames
a second on two cores) and the session recording (H.264, near the camera's rate). The painter
draws the overlay from the latest analysis, so neither the preview nor the recording keeps the
analysis's rate (written on the analysis thread, half the camera's frames never reached the
recording).

Newest-only at every step (core's LatestFrameGrabber, each consumer's slot, the mailbox): when a
consumer or the GUI is slower than the camera, frames are skipped instead of queued, so the
preview never lags behind the person (architecture: "keep only the newest, never queue up").
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtGui import QImage

from mockinterview.gui.images import rgb_to_qimage
from mockinterview.gui.workers import readable_error

if TYPE_CHECKING:
    from mockinterview.core.settings import Settings
    from mockinterview.core.vision.frames import VideoFileSource, WebcamSource

log = logging.getLogger(__name__)

# Turns a BGR frame into the RGB picture to show (e.g. drawing the skeleton); runs on the worker.
FramePainter = Callable[[np.ndarray, float], np.ndarray]
# Takes a BGR frame at its own rate (landmarks and cues; the session recording), each on a
# thread of its own (NewestFrameWorker).
FrameConsumer = Callable[[np.ndarray, float], None]


def open_camera(settings: Settings) -> WebcamSource | VideoFileSource:
    """The camera the settings name (a webcam index, or a video file played in real time) at
    their size: what the rehearsal and the self-check watch. Called on the camera thread."""
    from mockinterview.core.vision.frames import open_camera as open_source

    camera = settings.camera
    return open_source(camera.camera, camera.width, camera.height)


class FrameMailbox:
    """Holds only the newest image; `take()` returns it once, or None when nothing new came."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._image: QImage | None = None
        self.posted = 0

    def post(self, image: QImage) -> None:
        with self._lock:
            self._image = image
            self.posted += 1

    def take(self) -> QImage | None:
        with self._lock:
            image, self._image = self._image, None
            return image


def fit_to(image: np.ndarray, size: tuple[int, int] | None) -> np.ndarray:
    """`image` scaled to fit `size` (width, height) with its aspect kept; unchanged when it
    already fits exactly or no size is known yet. Done here so the GUI thread paints 1:1."""
    if size is None:
        return image
    import cv2

    height, width = image.shape[:2]
    scale = min(size[0] / width, size[1] / height)
    fitted = (max(1, round(width * scale)), max(1, round(height * scale)))
    if fitted == (width, height):
        return image
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    return cv2.resize(image, fitted, interpolation=interpolation)


class CameraThread(QThread):
    """Reads `open_source()`'s frames until stopped or the source ends; errors become `failed`.

    Each of `consumers` (name -> callable) sees the newest frame at its own rate while every
    frame is painted and shown. `display_size` (device pixels, set from the GUI thread)
    is the size frames are scaled to before they are posted.
    """

    failed = Signal(str)
    ended = Signal()
    frame_ready = Signal()  # a new image is in the mailbox

    def __init__(
        self,
        open_source: Callable[[], object],
        painter: FramePainter | None = None,
        parent: QObject | None = None,
        consumers: dict[str, FrameConsumer] | None = None,
    ) -> None:
        super().__init__(parent)
        self._open_source = open_source
        self._painter = painter
        self._consumers = consumers or {}
        self.mailbox = FrameMailbox()
        self.display_size: tuple[int, int] | None = None
        self.opened = threading.Event()  # set once the source opened or failed to
        self.camera_ok = False
        self._stop = threading.Event()

    def wait_opened(self, timeout_s: float) -> bool:
        """From any thread: did the camera open? (False after `timeout_s` without an answer.)"""
        return self.opened.wait(timeout_s) and self.camera_ok

    def run(self) -> None:
        import cv2

        from mockinterview.core.vision.frames import LatestFrameGrabber, NewestFrameWorker

        try:
            source = self._open_source()
        except Exception as exc:  # DeviceError / MediaError carry their own advice
            self.opened.set()
            self.failed.emit(readable_error(exc))
            return
        self.camera_ok = True
        self.opened.set()
        grabber = LatestFrameGrabber(source).start()
        workers = [
            NewestFrameWorker(work, self._consumer_failed, name)
            for name, work in self._consumers.items()
        ]
        try:
            while not self._stop.is_set():
                frame = grabber.latest(timeout_s=0.5)
                if frame is None:
                    if grabber.ended:
                        self.ended.emit()
                        return
                    continue
                for worker in workers:
                    worker.offer(frame.image, frame.timestamp_s)
                if self._painter is not None:
                    rgb = self._painter(frame.image, frame.timestamp_s)
                else:
                    rgb = cv2.cvtColor(frame.image, cv2.COLOR_BGR2RGB)
                self.mailbox.post(rgb_to_qimage(fit_to(rgb, self.display_size)))
                self.frame_ready.emit()
        except Exception as exc:  # camera unplugged mid-session, broken file
            self.failed.emit(readable_error(exc))
        finally:
            for worker in workers:
                worker.stop()
            grabber.stop()

    def _consumer_failed(self, exc: Exception) -> None:
        self.failed.emit(readable_error(exc))

    def stop(self, wait: bool = True) -> None:
        """Ask the loop to end; `wait=False` returns at once (the GUI must not wait on a frame
        in analysis) and the thread deletes itself when it is done."""
        self._stop.set()
        if wait:
            self.wait(10000)
        else:
            self.finished.connect(self.deleteLater)
