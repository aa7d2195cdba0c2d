"""The seek bar's markers on a long session: thousands of markers, each found at its place and
painted where it is, with the placement following the bar's size and range."""

from __future__ import annotations

from PySide6.QtGui import QColor

from mockinterview.gui.marker_slider import Marker, MarkerSlider

COLOURS = ("#d62728", "#1f77b4", "#2ca02c")


def _bar(qtbot, markers: list[Marker], width: int = 1000) -> MarkerSlider:
    bar = MarkerSlider()
    qtbot.addWidget(bar)
    bar.resize(width, 40)
    bar.setRange(0, 3_600_000)  # an hour
    bar.set_markers(markers)
    bar.show()
    return bar


def test_the_nearest_of_thousands_of_markers_is_found(qtbot) -> None:
    times = range(0, 3_600_000, 600)  # 6,000 markers, the hour's soak had 5,889
    markers = [Marker(ms, f"m{ms}", COLOURS[i % 3]) for i, ms in enumerate(times)]
    bar = _bar(qtbot, markers)
    for target in (markers[0], markers[1234], markers[-1]):
        x = bar.x_for(target.position_ms)
        found = bar.marker_near(x)
        assert found is not None and bar.x_for(found.position_ms) == x
    lone = _bar(qtbot, [Marker(1_800_000, "lone", COLOURS[0])])
    x = lone.x_for(1_800_000)
    assert lone.marker_near(x + 6) is not None  # within SNAP_PX
    assert lone.marker_near(x + 7) is None and lone.marker_near(x - 30) is None


def test_markers_move_with_the_range_and_the_width(qtbot) -> None:
    marker = Marker(900_000, "quarter", COLOURS[0])
    bar = _bar(qtbot, [marker])
    at_first = bar.x_for(marker.position_ms)
    assert bar.marker_near(at_first) == marker
    bar.setRange(0, 1_800_000)  # the recording turned out shorter: the marker is at the half
    moved = bar.x_for(marker.position_ms)
    assert moved > at_first + 100
    assert bar.marker_near(moved) == marker and bar.marker_near(at_first) is None
    bar.resize(500, 40)
    narrow = bar.x_for(marker.position_ms)
    assert narrow < moved and bar.marker_near(narrow) == marker


def test_each_marker_is_painted_in_its_colour_at_its_place(qtbot) -> None:
    markers = [Marker(600_000, "red", COLOURS[0]), Marker(2_400_000, "blue", COLOURS[1])]
    bar = _bar(qtbot, markers)
    image = bar.grab().toImage()
    row = bar.height() // 2 - 8  # above the groove and handle, inside the marker's line
    for marker in markers:
        x = bar.x_for(marker.position_ms)
        assert image.pixelColor(x, row) == QColor(marker.color), marker.label
