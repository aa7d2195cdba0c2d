"""A seek bar that shows cue events as coloured ticks; clicking a tick or the groove seeks there.

QSlider's default click only steps by a page, which feels broken on a video seek bar, so a press
jumps straight to the time under the pointer, snapping to a marker within a few pixels.

Where each marker sits on screen is worked out once per size and range (`_placed`), not per
marker per paint or per mouse move: asking the style for the groove once per marker made a paint
of the hour's soak report (5,889 markers) take ~0.3 s and each mouse move over it ~0.1 s, a
window frozen while the recording played or the pointer crossed the bar.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from PySide6.QtCore import QLine, QRect, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSlider, QStyle, QStyleOptionSlider

SNAP_PX = 6  # px, a click this close to a marker seeks to the marker itself


@dataclass(frozen=True)
class Marker:
    position_ms: int
    label: str
    color: str
    play_from_ms: int | None = None  # where a click plays from (practice_now.play_from_s)

    @property
    def seek_ms(self) -> int:
        return self.position_ms if self.play_from_ms is None else self.play_from_ms


class MarkerSlider(QSlider):
    """Emits `seek_requested(ms)` on a click; `marker_clicked(Marker)` when it hit a marker."""

    seek_requested = Signal(int)
    marker_clicked = Signal(object)

    def __init__(self) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.markers: list[Marker] = []
        self._placement: tuple[tuple[int, ...], list[int], dict[str, list[QLine]]] | None = None
        self.setMinimumHeight(28)
        self.setMouseTracking(True)

    def set_markers(self, markers: list[Marker]) -> None:
        self.markers = sorted(markers, key=lambda m: m.position_ms)
        self._placement = None
        self.update()

    def _groove(self) -> QRect:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        return self.style().subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderGroove, self
        )

    def x_for(self, position_ms: int) -> int:
        return self._x_in(self._groove(), position_ms)

    def _x_in(self, groove: QRect, position_ms: int) -> int:
        span = max(self.maximum() - self.minimum(), 1)
        return groove.left() + round((position_ms - self.minimum()) / span * groove.width())

    def _placed(self, groove: QRect) -> tuple[list[int], dict[str, list[QLine]]]:
        """Each marker's x (in `markers`' order, so ascending) and the lines that draw them, one
        list per colour, kept until the groove, the range or the markers change. One pixel
        column is drawn once, in the colour of the last marker on it (thousands of markers
        share a bar a thousand pixels wide)."""
        key = (groove.left(), groove.top(), groove.width(), groove.height())
        key += (self.minimum(), self.maximum())
        if self._placement is None or self._placement[0] != key:
            xs = [self._x_in(groove, m.position_ms) for m in self.markers]
            column_colour: dict[int, str] = {}
            for marker, x in zip(self.markers, xs, strict=True):
                column_colour[x] = column_colour[x + 1] = marker.color
            top, bottom = groove.top() - 6, groove.bottom() + 6
            lines: dict[str, list[QLine]] = {}
            for x, colour in sorted(column_colour.items()):
                lines.setdefault(colour, []).append(QLine(x, top, x, bottom))
            self._placement = (key, xs, lines)
        return self._placement[1], self._placement[2]

    def position_at(self, x: int) -> int:
        groove = self._groove()
        fraction = min(max((x - groove.left()) / max(groove.width(), 1), 0.0), 1.0)
        return self.minimum() + round(fraction * (self.maximum() - self.minimum()))

    def marker_near(self, x: int) -> Marker | None:
        xs, _lines = self._placed(self._groove())
        first = bisect.bisect_left(xs, x - SNAP_PX)
        last = bisect.bisect_right(xs, x + SNAP_PX)
        if first == last:
            return None
        nearest = min(range(first, last), key=lambda i: abs(xs[i] - x))
        return self.markers[nearest]

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        x = round(event.position().x())
        marker = self.marker_near(x)
        position = marker.seek_ms if marker else self.position_at(x)
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
        _xs, lines = self._placed(self._groove())
        painter = QPainter(self)
        for colour, colour_lines in lines.items():
            painter.setPen(QColor(colour))
            painter.drawLines(colour_lines)
        painter.end()
