"""numpy frames to QImage, made on worker threads (a QPixmap may only be made on the GUI thread)."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage


def rgb_to_qimage(rgb: np.ndarray) -> QImage:
    """Copy an HxWx3 uint8 RGB array into a QImage that owns its pixels (safe across threads)."""
    frame = np.ascontiguousarray(rgb, dtype=np.uint8)
    height, width = frame.shape[:2]
    image = QImage(frame.data, width, height, 3 * width, QImage.Format.Format_RGB888)
    return image.copy()
