"""The answer's lane timeline keeps its time labels apart however narrow the window."""

from __future__ import annotations

from itertools import pairwise

from mockinterview.core.report.timeline import Lane, Mark, Timeline
from mockinterview.gui.lane_timeline import LaneTimeline


def test_time_labels_never_run_into_each_other(qtbot) -> None:
    """A 7 s answer in the report's smallest window (the lanes about 400 px wide) drew a label
    every second, each running into the next; wide, it still gets one a second."""
    lane = Lane("speaking", "Speaking", "speech", "", (Mark(0.2, 6.8),))
    lanes = LaneTimeline(Timeline(7.0, (lane,), ()))
    qtbot.addWidget(lanes)
    label = lanes.fontMetrics().horizontalAdvance("0:00")
    for width, every_second in ((400, False), (1200, True)):
        lanes.resize(width, lanes.sizeHint().height())
        xs = [lanes.x_for(t) for t in lanes.ticks()]
        assert all(b - a >= 2 * label for a, b in pairwise(xs)), width
        assert (lanes.ticks() == tuple(float(t) for t in range(8))) == every_second
