"""A microphone level bar, coloured by how the voice stands against the room.

The bar's length is the level in dBFS (what the microphone delivers); its colour is the same
judgement the report makes (core/speech/room.level_verdict): grey while only the room is heard,
amber for voice that is hard to hear over the room's noise, green for clear voice, red near
clipping. A fixed dBFS cannot say "quiet": it depends on the microphone's gain.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Slot
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from mockinterview.core.thresholds import DeliveryThresholds

FLOOR_DBFS = -60.0  # dBFS shown as an empty bar: quieter than a quiet room on a laptop mic
CLIP_DBFS = -3.0  # dBFS, above this the bar turns red (close to clipping)
COLOURS = {"clipping": "#d0453a", "quiet": "#c9a227", "clear": "#3aa364"}


class LevelMeter(QWidget):
    def __init__(self, thresholds: DeliveryThresholds | None = None) -> None:
        super().__init__()
        self.thresholds = thresholds or DeliveryThresholds()
        self.dbfs = FLOOR_DBFS
        self.floor_dbfs: float | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip(
            "Microphone level: grey while only the room is heard, amber when your voice is hard "
            "to hear over the room's noise, green when it is clear, red when it is too loud"
        )

    def sizeHint(self) -> QSize:
        return QSize(160, 12)

    @Slot(float, object)
    def set_level(self, dbfs: float, floor_dbfs: float | None = None) -> None:
        """The newest block's level, and the room's noise floor when it is known."""
        self.dbfs = max(FLOOR_DBFS, min(0.0, dbfs))
        self.floor_dbfs = floor_dbfs
        self.update()

    @property
    def verdict(self) -> str:
        """clipping, or room / quiet / clear as room.level_verdict judges the level."""
        # Imported at the first level shown: room's module brings numpy, which Home's first
        # paint does not need (the meter is empty until a check or a rehearsal starts).
        from mockinterview.core.speech.room import level_verdict

        if self.dbfs > CLIP_DBFS:
            return "clipping"
        return level_verdict(self.dbfs, self.floor_dbfs, self.thresholds)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(self.palette().mid().color())
        painter.setBrush(self.palette().base())
        painter.drawRoundedRect(rect, 4, 4)
        fraction = (self.dbfs - FLOOR_DBFS) / -FLOOR_DBFS
        if fraction > 0:
            verdict = self.verdict
            color = QColor(COLOURS[verdict]) if verdict in COLOURS else self.palette().mid().color()
            painter.setPen(color)
            painter.setBrush(color)
            filled = QRectF(rect.left(), rect.top(), rect.width() * fraction, rect.height())
            painter.drawRoundedRect(filled, 4, 4)
        painter.end()
