"""numpy frames to QImage, made on worker threads (a QPixmap may only be made on the GUI thread)."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage


def rgb_to_qimage(rgb: np.ndarray) -> QImage:
    """An HxWx3 uint8 RGB array as a QImage in the 32-bit format Qt paints without converting.

    PySide holds the GIL through QPainter.drawImage and QImage.copy. Painting a 24-bit image
    converted every pixel on the GUI thread at each paint, and the copy cost the camera thread
    as much again: py-spy (`--gil`) over a 4-minute soak found the preview's drawImage the largest
    GIL holder of the process (21 % of the held samples) and this copy the third (7 %), time
    every other thread waited. Here OpenCV converts (it releases the GIL) into a new array, and
    the image wraps that array: PySide keeps it alive as long as the image lives."""
    import cv2  # loaded by the camera stack already; not at the window's start

    height, width = rgb.shape[:2]
    bgra = cv2.cvtColor(np.ascontiguousarray(rgb, dtype=np.uint8), cv2.COLOR_RGB2BGRA)
    # Format_RGB32 is 0xffRRGGBB per pixel: the bytes B, G, R, 0xff on little-endian machines.
    return QImage(bgra.data, width, height, 4 * width, QImage.Format.Format_RGB32)
