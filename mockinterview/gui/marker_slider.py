"""A seek bar that shows cue events as coloured ticks; clicking a tick or the groove seeks there.

QSlider's default click only steps by a page, which feels broken on a video seek bar, so a press
jumps straight to the time under the pointer, snapping to a marker within a few pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSlider, QStyle, QStyleOptionSlider

SNAP_PX = 6  # px, a click this close to a marker seeks to the marker itself


@dataclass(frozen=True)
class Marker:
    position_ms: int
    label: str
    color: str


class MarkerSlider(QSlider):
    """Emits `seek_requested(ms)` on a click; `marker_clicked(Marker)` when it hit a marker."""

    seek_requested = Signal(int)
    marker_clicked = Signal(object)

    def __init__(self) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.markers: list[Marker] = []
        self.setMinimumHeight(28)
        self.setMouseTracking(True)

    def set_markers(self, markers: list[Marker]) -> None:
        self.markers = sorted(markers, key=lambda m: m.position_ms)
        self.update()

    def _groove(self) -> QRect:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        return self.style().subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderGroove, self
        )

    def x_for(self, position_ms: int) -> int:
        groove = self._groove()
        span = max(self.maximum() - self.minimum(), 1)
        return groove.left() + round((position_ms - self.minimum()) / span * groove.width())

    def position_at(self, x: int) -> int:
        groove = self._groove()
        fraction = min(max((x - groove.left()) / max(groove.width(), 1), 0.0), 1.0)
        return self.minimum() + round(fraction * (self.maximum() - self.minimum()))

    def marker_near(self, x: int) -> Marker | None:
        near = [m for m in self.markers if abs(self.x_for(m.position_ms) - x) <= SNAP_PX]
        return min(near, key=lambda m: abs(self.x_for(m.position_ms) - x)) if near else None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        x = round(event.position().x())
        marker = self.marker_near(x)
        position = marker.position_ms if marker else self.position_at(x)
        self.setValue(position)
        self.seek_requested.emit(position)
        if marker:
            self.marker_clicked.emit(marker)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        marker = self.marker_near(round(event.position().x()))
        self.setToolTip(marker.label if marker else "")
        if event.buttons() & Qt.MouseButton.LeftButton:
            position = self.position_at(round(event.position().x()))
            self.setValue(position)
            self.seek_requested.emit(position)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.markers:
            return
        painter = QPainter(self)
        groove = self._groove()
        top, bottom = groove.top() - 6, groove.bottom() + 6
        for marker in self.markers:
            x = self.x_for(marker.position_ms)
            painter.setPen(QColor(marker.color))
            painter.drawLine(x, top, x, bottom)
            painter.drawLine(x + 1, top, x + 1, bottom)
        painter.end()
