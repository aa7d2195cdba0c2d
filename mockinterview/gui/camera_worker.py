"""The live preview: a QThread takes the newest camera (or video file) frame, runs the painter
(analysis + overlay) on it, converts it to a QImage and leaves it in a one-slot mailbox that the
GUI polls at display rate.

Newest-only at both ends (core's LatestFrameGrabber before the painter, the mailbox after it):
when analysis or the GUI is slower than the camera, frames are skipped instead of queued, so the
preview never lags behind the person (architecture: "keep only the newest, never queue up").
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtGui import QImage

from mockinterview.gui.images import rgb_to_qimage
from mockinterview.gui.workers import readable_error

log = logging.getLogger(__name__)

# Turns a BGR frame into the RGB picture to show (e.g. drawing the skeleton); runs on the worker.
FramePainter = Callable[[np.ndarray, float], np.ndarray]


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


class CameraThread(QThread):
    """Reads `open_source()`'s frames until stopped or the source ends; errors become `failed`."""

    failed = Signal(str)
    ended = Signal()

    def __init__(
        self,
        open_source: Callable[[], object],
        painter: FramePainter | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._open_source = open_source
        self._painter = painter
        self.mailbox = FrameMailbox()
        self.opened = threading.Event()  # set once the source opened or failed to
        self.camera_ok = False
        self._stop = threading.Event()

    def wait_opened(self, timeout_s: float) -> bool:
        """From any thread: did the camera open? (False after `timeout_s` without an answer.)"""
        return self.opened.wait(timeout_s) and self.camera_ok

    def run(self) -> None:
        import cv2

        from mockinterview.core.vision.frames import LatestFrameGrabber

        try:
            source = self._open_source()
        except Exception as exc:  # DeviceError / MediaError carry their own advice
            self.opened.set()
            self.failed.emit(readable_error(exc))
            return
        self.camera_ok = True
        self.opened.set()
        grabber = LatestFrameGrabber(source).start()
        try:
            while not self._stop.is_set():
                frame = grabber.latest(timeout_s=0.5)
                if frame is None:
                    if grabber.ended:
                        self.ended.emit()
                        return
                    continue
                if self._painter is not None:
                    rgb = self._painter(frame.image, frame.timestamp_s)
                else:
                    rgb = cv2.cvtColor(frame.image, cv2.COLOR_BGR2RGB)
                self.mailbox.post(rgb_to_qimage(rgb))
        except Exception as exc:  # camera unplugged mid-session, broken file
            self.failed.emit(readable_error(exc))
        finally:
            grabber.stop()

    def stop(self, wait: bool = True) -> None:
        """Ask the loop to end; `wait=False` returns at once (the GUI must not wait on a frame
        in analysis) and the thread deletes itself when it is done."""
        self._stop.set()
        if wait:
            self.wait(10000)
        else:
            self.finished.connect(self.deleteLater)
