"""The live camera preview and the report's player: paints the newest QImage scaled to fit,
letterboxed, no copies.

A QLabel with setPixmap would convert every frame to a QPixmap on the GUI thread and rescale it
twice; painting the QImage straight into the widget is one scaled draw per repaint. A guide line
("Look into the camera lens: 2 s", a self-check prompt) can be laid over the top of the picture.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


class PreviewView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.image: QImage | None = None
        self.message = "Camera preview"
        self.frames_shown = 0
        self.guide: str | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 240)

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
        painter.fillRect(self.rect(), QColor("#101216"))
        if self.image is not None and not self.image.isNull():
            size = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(self.rect().center())
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, self.image)
            if self.guide:
                self._paint_guide(painter, target)
        else:
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
