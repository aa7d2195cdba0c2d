"""The preview paints every pixel itself (it is opaque, so Qt paints nothing under it): the
picture letterboxed in the middle and the dark background in the bars, and nothing else."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QRegion

from mockinterview.gui.preview_view import BACKGROUND, PreviewView, letterbox_bars


def test_the_bars_and_the_picture_cover_the_area_once() -> None:
    area = QRect(0, 0, 800, 600)
    for picture in (QRect(0, 75, 800, 450), QRect(100, 0, 600, 600), QRect(0, 0, 800, 600)):
        bars = letterbox_bars(area, picture)
        covered = QRegion(picture)
        for bar in bars:
            assert not covered.intersects(bar)
            covered = covered.united(bar)
        assert covered == QRegion(area)
    assert letterbox_bars(area, area) == []


def test_a_wide_picture_is_drawn_between_dark_bars(qtbot) -> None:
    view = PreviewView()
    qtbot.addWidget(view)
    view.resize(400, 400)
    image = QImage(320, 160, QImage.Format.Format_RGB888)
    image.fill(QColor("#c03020"))
    view.show_image(image)
    shot = view.grab().toImage()
    assert shot.pixelColor(200, 200) == QColor("#c03020")  # the middle: the picture
    assert shot.pixelColor(200, 10) == BACKGROUND  # above it: a bar
    assert shot.pixelColor(200, 390) == BACKGROUND  # below it


def test_without_a_picture_the_message_is_on_the_dark_background(qtbot) -> None:
    view = PreviewView()
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show_message("No camera")
    shot = view.grab().toImage()
    assert shot.pixelColor(5, 5) == BACKGROUND
