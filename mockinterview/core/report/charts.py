"""Chart geometry shared by the HTML (SVG) and PDF renderers, so both draw the same picture.

Two charts: the band chart (a metric's value on an axis with its comfortable band, its watch
zone and its flag zone) and the answer timeline (lanes of speech and body cues over seconds).
Everything here is numbers in, numbers out; the renderers only turn them into SVG or ReportLab.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from mockinterview.core.report.scoring import MetricCheck, Status
from mockinterview.core.report.timeline import Lane

# Colours carry the status everywhere (charts, tables, badges); text always says it too, so the
# report still reads in black and white and for colour-blind readers.
STATUS_COLOURS: dict[Status, str] = {
    "good": "#2e7d32",
    "watch": "#b26a00",
    "flag": "#c62828",
    "counted": "#546e7a",  # a number shown for the person, in no band's colour (smiles)
    "n/a": "#757575",
}
# "counted": the axis of a metric no band judges (smiles), in no band's green
ZONE_COLOURS = {"band": "#c8e6c9", "watch": "#ffe0b2", "flag": "#ffcdd2", "counted": "#e3e7ea"}
# One colour per lane, the same in the app's timeline and seek-bar markers and in the HTML and
# PDF exports. Habits get distinct hues; camera set-up problems (framing, light) stay grey.
LANE_COLOURS = {
    "speaking": "#90a4ae",
    "fillers": "#ef6c00",
    "hedges": "#7b1fa2",
    "restarts": "#6d4c41",
    "pauses": "#546e7a",
    "eye_contact_lost": "#1565c0",
    "slouching": "#c62828",
    "crossed_arms": "#ad1457",
    "fidgeting": "#f9a825",
    "face_touch": "#00838f",
    "smile": "#2e7d32",
    "face_not_visible": "#9e9e9e",
    "too_close": "#9e9e9e",
    "too_far": "#9e9e9e",
    "off_centre": "#9e9e9e",
    "too_dark": "#9e9e9e",
    "backlit": "#9e9e9e",
    "recalibrate": "#9e9e9e",
}
BODY_LANE_COLOUR = "#c62828"  # a cue added later without a colour of its own
ANSWER_START_COLOUR = "#4c8dff"  # where each answer starts, on the app's seek bar
AXIS_PAD = 0.08  # share of the axis span added on each side so dots never sit on the edge
TICK_STEPS_S = (1, 2, 5, 10, 15, 20, 30, 60, 120)
MAX_TICKS = 10


def score_colour(check: MetricCheck) -> str:
    """A check's colour: green in its band, red at its flag value, and between them from amber to
    red by how far off it is, as the report's legend says, so a score of 16 does not wear the
    same amber as a 91."""
    if check.status != "watch" or check.distance is None:
        return STATUS_COLOURS.get(check.status, STATUS_COLOURS["n/a"])
    share = min(1.0, max(0.0, check.distance))
    ends = [STATUS_COLOURS["watch"], STATUS_COLOURS["flag"]]
    amber, red = ([int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in ends)
    return "#" + "".join(
        f"{round(a + (r - a) * share):02x}" for a, r in zip(amber, red, strict=True)
    )


@dataclass(frozen=True)
class Zone:
    start: float  # axis units
    end: float
    kind: str  # band | watch | flag | counted


@dataclass(frozen=True)
class BandChart:
    low: float
    high: float
    zones: tuple[Zone, ...]
    value: float | None

    def fraction(self, x: float) -> float:
        """Where `x` sits on the axis, 0 (left) to 1 (right), clamped."""
        span = self.high - self.low
        return min(1.0, max(0.0, (x - self.low) / span)) if span > 0 else 0.5


def band_chart(item: MetricCheck) -> BandChart:
    """Axis, zones (band, watch, flag) and value of one metric check."""
    band = item.band
    if item.unit.startswith("%"):
        low, high = 0.0, 100.0
    else:
        points = [p for p in (band.low, band.high, band.flag_low, band.flag_high) if p is not None]
        if item.value is not None:
            points.append(item.value)
        low, high = (min(points), max(points)) if points else (0.0, 1.0)  # no band: smiles
        pad = (high - low) * AXIS_PAD or 1.0
        # A count or a share with only an upper limit (fillers, hedges) reads from zero.
        starts_at_zero = low >= 0 and (band.low is None or low - pad < 0)
        low = 0.0 if starts_at_zero else math.floor(low - pad)
        high = math.ceil(high + pad)
    zones: list[Zone] = []
    band_low = band.low if band.low is not None else low
    band_high = band.high if band.high is not None else high
    if band.low is not None:
        flag_low = band.flag_low if band.flag_low is not None else band.low
        zones += [Zone(low, flag_low, "flag"), Zone(flag_low, band.low, "watch")]
    zones.append(Zone(band_low, band_high, "band" if band.judges else "counted"))
    if band.high is not None:
        flag_high = band.flag_high if band.flag_high is not None else band.high
        zones += [Zone(band.high, flag_high, "watch"), Zone(flag_high, high, "flag")]
    visible = tuple(
        Zone(max(z.start, low), min(z.end, high), z.kind) for z in zones if z.end > z.start
    )
    return BandChart(low, high, visible, item.value)


def time_ticks(duration_s: float, max_ticks: int = MAX_TICKS) -> tuple[float, ...]:
    """Round-second ticks, at most `max_ticks` of them, for a timeline of this length (fewer
    where the axis is narrow, so the labels do not run into each other)."""
    step = next((s for s in TICK_STEPS_S if duration_s / s <= max_ticks), TICK_STEPS_S[-1])
    count = int(duration_s // step)
    return tuple(float(i * step) for i in range(count + 1))


def lane_colour(key: str, kind: str) -> str:
    return LANE_COLOURS.get(key, BODY_LANE_COLOUR if kind == "body" else "#455a64")


def clock(seconds: float) -> str:
    """Seconds as m:ss, how people read a position in a recording."""
    whole = max(0, round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def date_label(iso: str, short: bool = False) -> str:
    """An ISO timestamp as '25 Nov 2026, 20:45 UTC' (short: '25 Nov 20:45', for table headers);
    anything unparsable is shown as it is."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if short:
        return moment.strftime("%d %b %H:%M")
    zone = moment.tzname() or ""
    return moment.strftime("%d %b %Y, %H:%M") + (f" {zone}" if zone else "")


MOMENTS_LISTED = 6  # per cue in the "when" lines; the timeline shows every one


def lane_moments(lane: Lane) -> str:
    """'0:10-0:12, 0:31-0:40 and 2 more': where a cue happened, in recording time of the answer."""
    spans = [
        clock(m.start)
        if clock(m.end) == clock(m.start)  # a moment, or under a second: one time reads better
        else f"{clock(m.start)}-{clock(m.end)}"
        for m in lane.marks[:MOMENTS_LISTED]
    ]
    more = len(lane.marks) - MOMENTS_LISTED
    return ", ".join(spans) + (f" and {more} more" if more > 0 else "")
