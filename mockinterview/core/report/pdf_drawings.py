"""The PDF report's drawings: a metric on its band, and an answer's timeline lanes."""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Line, Rect, String
from reportlab.lib import colors

from mockinterview.core.report.charts import (
    ZONE_COLOURS,
    band_chart,
    clock,
    lane_colour,
    score_colour,
    time_ticks,
)
from mockinterview.core.report.pdf_style import FONT, MUTED, TEXT_W, TINT
from mockinterview.core.report.scoring import MetricCheck, format_number
from mockinterview.core.report.timeline import Timeline

BAND_W, BAND_H = 116, 18
LANE_H, LANE_GAP, LABEL_W, AXIS_H = 11, 4, 95, 16


def band_drawing(item: MetricCheck) -> Drawing:
    chart = band_chart(item)
    drawing = Drawing(BAND_W, BAND_H)
    for zone in chart.zones:
        x0, x1 = chart.fraction(zone.start) * BAND_W, chart.fraction(zone.end) * BAND_W
        drawing.add(
            Rect(
                x0,
                8,
                x1 - x0,
                7,
                fillColor=colors.HexColor(ZONE_COLOURS[zone.kind]),
                strokeColor=None,
            )
        )
    if chart.value is not None:
        x = chart.fraction(chart.value) * (BAND_W - 8) + 4
        drawing.add(
            Circle(
                x,
                11.5,
                4,
                fillColor=colors.HexColor(score_colour(item)),
                strokeColor=colors.white,
                strokeWidth=1,
            )
        )
    drawing.add(
        String(
            0,
            0,
            format_number(chart.low),
            fontName=FONT,
            fontSize=6,
            fillColor=colors.HexColor(MUTED),
        )
    )
    drawing.add(
        String(
            BAND_W,
            0,
            format_number(chart.high),
            fontName=FONT,
            fontSize=6,
            fillColor=colors.HexColor(MUTED),
            textAnchor="end",
        )
    )
    return drawing


def timeline_drawing(timeline: Timeline) -> Drawing:
    duration = max(timeline.duration_s, 1.0)
    plot_w = TEXT_W - LABEL_W - 6
    height = len(timeline.lanes) * (LANE_H + LANE_GAP) + AXIS_H
    drawing = Drawing(TEXT_W, height)

    def x(t: float) -> float:
        return LABEL_W + min(max(t, 0.0), duration) / duration * plot_w

    def lane_y(row: int) -> float:  # ReportLab's y grows upwards: first lane on top
        return height - (row + 1) * (LANE_H + LANE_GAP)

    for c in timeline.coincidences:
        drawing.add(
            Rect(
                x(c.start),
                AXIS_H,
                max(x(c.end) - x(c.start), 1.5),
                height - AXIS_H,
                fillColor=colors.Color(0.78, 0.16, 0.16, alpha=0.1),
                strokeColor=None,
            )
        )
    for row, lane in enumerate(timeline.lanes):
        y = lane_y(row)
        colour = colors.HexColor(lane_colour(lane.key, lane.kind))
        label = lane.label if lane.key == "speaking" else f"{lane.label} ({len(lane.marks)})"
        drawing.add(
            String(LABEL_W - 5, y + 2.5, label, fontName=FONT, fontSize=7, textAnchor="end")
        )
        drawing.add(
            Rect(LABEL_W, y, plot_w, LANE_H, fillColor=colors.HexColor(TINT), strokeColor=None)
        )
        for mark in lane.marks:
            if mark.end > mark.start:
                drawing.add(
                    Rect(
                        x(mark.start),
                        y + 1.5,
                        max(x(mark.end) - x(mark.start), 1.5),
                        LANE_H - 3,
                        fillColor=colour,
                        strokeColor=None,
                    )
                )
            else:
                drawing.add(
                    Circle(x(mark.start), y + LANE_H / 2, 3, fillColor=colour, strokeColor=None)
                )
    axis_y = AXIS_H - 4
    drawing.add(Line(LABEL_W, axis_y, LABEL_W + plot_w, axis_y, strokeColor=colors.HexColor(MUTED)))
    for tick in time_ticks(duration):
        drawing.add(Line(x(tick), axis_y, x(tick), axis_y - 3, strokeColor=colors.HexColor(MUTED)))
        drawing.add(
            String(
                x(tick),
                axis_y - 11,
                clock(tick),
                fontName=FONT,
                fontSize=6.5,
                fillColor=colors.HexColor(MUTED),
                textAnchor="middle",
            )
        )
    return drawing
