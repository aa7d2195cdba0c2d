"""The live preview: a QThread reads the camera (or a video file), converts the newest frame to a
QImage, and leaves it in a one-slot mailbox the GUI polls at display rate.

A mailbox instead of a queued signal per frame means a busy GUI thread skips frames rather than
accumulating a backlog of images (architecture: "keep only the newest, never queue up").
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
        self._stop = threading.Event()

    def run(self) -> None:
        import cv2

        try:
            source = self._open_source()
        except Exception as exc:  # DeviceError / MediaError carry their own advice
            self.failed.emit(readable_error(exc))
            return
        try:
            while not self._stop.is_set():
                frame = source.read()
                if frame is None:
                    self.ended.emit()
                    return
                if self._painter is not None:
                    rgb = self._painter(frame.image, frame.timestamp_s)
                else:
                    rgb = cv2.cvtColor(frame.image, cv2.COLOR_BGR2RGB)
                self.mailbox.post(rgb_to_qimage(rgb))
        except Exception as exc:  # camera unplugged mid-session, broken file
            self.failed.emit(readable_error(exc))
        finally:
            source.close()

    def stop(self) -> None:
        self._stop.set()
        self.wait(5000)
