"""A microphone level bar in dBFS, so the user sees at a glance that they are being heard."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

FLOOR_DBFS = -60.0  # dBFS shown as an empty bar: quieter than a quiet room on a laptop mic
CLIP_DBFS = -3.0  # dBFS, above this the bar turns red (close to clipping)
QUIET_DBFS = -35.0  # dBFS, below this speech is hard to hear (DeliveryThresholds.quiet_dbfs)


class LevelMeter(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.dbfs = FLOOR_DBFS
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip("Microphone level")

    def sizeHint(self) -> QSize:
        return QSize(160, 12)

    def set_level(self, dbfs: float) -> None:
        self.dbfs = max(FLOOR_DBFS, min(0.0, dbfs))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(self.palette().mid().color())
        painter.setBrush(self.palette().base())
        painter.drawRoundedRect(rect, 4, 4)
        fraction = (self.dbfs - FLOOR_DBFS) / -FLOOR_DBFS
        if fraction > 0:
            if self.dbfs > CLIP_DBFS:
                color = QColor("#d0453a")
            elif self.dbfs < QUIET_DBFS:
                color = QColor("#c9a227")
            else:
                color = QColor("#3aa364")
            painter.setPen(color)
            painter.setBrush(color)
            filled = QRectF(rect.left(), rect.top(), rect.width() * fraction, rect.height())
            painter.drawRoundedRect(filled, 4, 4)
        painter.end()
