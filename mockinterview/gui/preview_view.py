"""The live camera preview and the report's player: paints the newest QImage scaled to fit,
letterboxed, no copies.

A QLabel with setPixmap would convert every frame to a QPixmap on the GUI thread and rescale it
twice; painting the QImage straight into the widget is one scaled draw per repaint. The widget is
opaque and fills only the letterbox bars: otherwise, 30 times a second, Qt first paints the
window's background under it and the widget then paints its own over the whole area, two
full-size fills that a profile of a rehearsal found in a fifth of the GUI thread's samples.

A guide line ("Look into the camera lens: 2 s", a self-check prompt) can be laid over the top
of the picture.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

BACKGROUND = QColor("#101216")


def letterbox_bars(area: QRect, picture: QRect) -> list[QRect]:
    """The parts of `area` that `picture` (inside it) leaves uncovered: above, below, left and
    right of it; empty ones left out."""
    bars = [
        QRect(area.left(), area.top(), area.width(), picture.top() - area.top()),
        QRect(area.left(), picture.bottom() + 1, area.width(), area.bottom() - picture.bottom()),
        QRect(area.left(), picture.top(), picture.left() - area.left(), picture.height()),
        QRect(picture.right() + 1, picture.top(), area.right() - picture.right(), picture.height()),
    ]
    return [bar for bar in bars if not bar.isEmpty()]


class PreviewView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.image: QImage | None = None
        self.message = "Camera preview"
        self.frames_shown = 0
        self.guide: str | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 240)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def sizeHint(self) -> QSize:
        return QSize(800, 600)

    def show_image(self, image: QImage) -> None:
        self.image = image
        self.frames_shown += 1
        self.update()

    def set_guide(self, text: str | None) -> None:
        """Text over the top of the picture (None removes it): what to do right now."""
        if text != self.guide:
            self.guide = text
            self.update()

    def show_message(self, message: str) -> None:
        """Shown instead of a picture, e.g. why there is no camera."""
        self.image = None
        self.message = message
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self.image is not None and not self.image.isNull():
            size = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(self.rect().center())
            for bar in letterbox_bars(self.rect(), target):
                painter.fillRect(bar, BACKGROUND)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, self.image)
            if self.guide:
                self._paint_guide(painter, target)
        else:
            painter.fillRect(self.rect(), BACKGROUND)
            painter.setPen(QColor("#c8ccd4"))
            font = painter.font()
            font.setPointSizeF(font.pointSizeF() * 1.2)
            painter.setFont(font)
            painter.drawText(
                self.rect().adjusted(24, 24, -24, -24),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.message,
            )
        painter.end()

    def _paint_guide(self, painter: QPainter, picture: QRect) -> None:
        font = painter.font()
        font.setPointSizeF(max(font.pointSizeF() * 1.3, 12.0))
        font.setBold(True)
        painter.setFont(font)
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        area = picture.adjusted(16, 12, -16, 0)
        bound = painter.boundingRect(area, flags, self.guide or "")
        band = QRect(picture.left(), picture.top(), picture.width(), bound.height() + 24)
        painter.fillRect(band, QColor(16, 18, 22, 190))
        painter.setPen(QColor("#ffffff"))
        painter.drawText(band.adjusted(16, 0, -16, 0), flags, self.guide or "")
