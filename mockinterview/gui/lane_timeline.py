"""An answer's lane timeline: speech lanes and body lanes on one time axis, click to play there.

The same picture as the HTML and PDF exports' timeline (lanes, marks and colours come from
core/report/timeline.py and core/report/charts.py), drawn with QPainter. Stretches where a body
cue lasted while fillers or hedges were said (the timeline's coincidences) are shaded across all
lanes, since the overlap is what a person can act on. Clicking a mark plays from a little before it
(practice_now.play_from_s); clicking anywhere else on a lane plays from that second.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from mockinterview.core.report.charts import clock, lane_colour, time_ticks
from mockinterview.core.report.practice_now import play_from_s
from mockinterview.core.report.timeline import Lane, Mark, Timeline

LABEL_W = 150  # px for the lane names
ROW_H = 16  # px per lane
ROW_GAP = 5
AXIS_H = 20  # px under the lanes for the time labels
PAD = 6
MOMENT_W = 3.0  # px drawn for a moment (a filler, a hedge): visible even on a long answer
HIT_PX = 4  # px either side of a mark that still counts as clicking it
COINCIDENCE_COLOUR = QColor(255, 193, 7, 60)  # amber, see-through


def lane_title(lane: Lane) -> str:
    """What the lane is called, with how often it happened (speaking is not counted)."""
    return lane.label if lane.key == "speaking" else f"{lane.label} ({len(lane.marks)})"


class LaneTimeline(QWidget):
    """Emits `seek(seconds into the answer)` when a lane is clicked."""

    seek = Signal(float)

    def __init__(self, timeline: Timeline, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timeline = timeline
        self.setMouseTracking(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(self.sizeHint().height())
        self.setToolTip("")

    def sizeHint(self) -> QSize:
        rows = len(self.timeline.lanes)
        return QSize(560, PAD * 2 + rows * (ROW_H + ROW_GAP) + AXIS_H)

    # -- geometry ----------------------------------------------------------------------------

    @property
    def duration(self) -> float:
        return max(self.timeline.duration_s, 1.0)

    def x_for(self, seconds: float) -> float:
        width = max(self.width() - LABEL_W - 2 * PAD, 1)
        return LABEL_W + PAD + width * min(max(seconds, 0.0), self.duration) / self.duration

    def seconds_at(self, x: float) -> float:
        width = max(self.width() - LABEL_W - 2 * PAD, 1)
        return min(max((x - LABEL_W - PAD) / width, 0.0), 1.0) * self.duration

    def ticks(self) -> tuple[float, ...]:
        """The axis's ticks, a label's width of space between labels: at 1024x640 seven labels
        ran together."""
        room = self.x_for(self.duration) - self.x_for(0)
        label = self.fontMetrics().horizontalAdvance("0:00")
        return time_ticks(self.duration, max(1, int(room // (2 * label))))

    def row_rect(self, row: int) -> QRectF:
        top = PAD + row * (ROW_H + ROW_GAP)
        return QRectF(LABEL_W + PAD, top, self.width() - LABEL_W - 2 * PAD, ROW_H)

    def mark_rect(self, row: int, mark: Mark) -> QRectF:
        lane_row = self.row_rect(row)
        left = self.x_for(mark.start)
        width = max(self.x_for(mark.end) - left, MOMENT_W)
        return QRectF(left, lane_row.top(), width, lane_row.height())

    def hit(self, x: float, y: float) -> tuple[Lane, Mark | None] | None:
        """The lane under (x, y) and the mark there, if any."""
        for row, lane in enumerate(self.timeline.lanes):
            band = self.row_rect(row).adjusted(-LABEL_W, -ROW_GAP / 2, 0, ROW_GAP / 2)
            if not band.contains(QPointF(x, y)):
                continue
            for mark in lane.marks:
                rect = self.mark_rect(row, mark).adjusted(-HIT_PX, 0, HIT_PX, 0)
                if rect.left() <= x <= rect.right():
                    return lane, mark
            return lane, None
        return None

    # -- drawing -----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.text().color()
        faint = QColor(text)
        faint.setAlpha(28)
        metrics = QFontMetrics(self.font())
        lanes_bottom = PAD + len(self.timeline.lanes) * (ROW_H + ROW_GAP)
        for coincidence in self.timeline.coincidences:
            left, right = self.x_for(coincidence.start), self.x_for(coincidence.end)
            painter.fillRect(
                QRectF(left, PAD / 2, max(right - left, MOMENT_W), lanes_bottom - PAD / 2),
                COINCIDENCE_COLOUR,
            )
        for row, lane in enumerate(self.timeline.lanes):
            rect = self.row_rect(row)
            painter.fillRect(rect, faint)
            label = metrics.elidedText(lane_title(lane), Qt.TextElideMode.ElideRight, LABEL_W - 8)
            painter.setPen(text)
            painter.drawText(
                QRectF(0, rect.top() - 2, LABEL_W - 4, rect.height() + 4),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
            colour = QColor(lane_colour(lane.key, lane.kind))
            for mark in lane.marks:
                painter.fillRect(self.mark_rect(row, mark), colour)
        axis_pen = QPen(text)
        axis_pen.setWidthF(1.0)
        painter.setPen(axis_pen)
        y = lanes_bottom + 1
        painter.drawLine(QPointF(self.x_for(0), y), QPointF(self.x_for(self.duration), y))
        for tick in self.ticks():
            x = self.x_for(tick)
            painter.drawLine(QPointF(x, y), QPointF(x, y + 4))
            label = clock(tick)
            width = metrics.horizontalAdvance(label)
            left = min(max(x - width / 2, LABEL_W), self.width() - width - 2)
            painter.drawText(QPointF(left, y + 4 + metrics.ascent()), label)
        painter.end()

    # -- clicking ----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        position = event.position()
        found = self.hit(position.x(), position.y())
        if found is None:
            return
        _lane, mark = found
        if mark is not None:
            self.seek.emit(play_from_s(mark.start))
        elif position.x() >= LABEL_W:
            self.seek.emit(self.seconds_at(position.x()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        position = event.position()
        found = self.hit(position.x(), position.y())
        if found is None:
            QToolTip.hideText()
            return
        lane, mark = found
        if mark is None:
            tip = f"{lane.label}: click to play from {clock(self.seconds_at(position.x()))}"
        else:
            span = (
                clock(mark.start)
                if mark.end <= mark.start
                else (f"{clock(mark.start)}–{clock(mark.end)}")
            )
            said = f" “{mark.text}”" if mark.text else ""
            tip = f"{lane.label} {span}{said}: click to play it"
        QToolTip.showText(event.globalPosition().toPoint(), tip, self)
