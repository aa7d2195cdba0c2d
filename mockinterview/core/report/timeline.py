"""One time axis per answer: what was said and what the body did, so the two can be read together.

The point of the timeline is the overlap: "eye contact dropped exactly while you said 'um' three
times" is something a person can act on, two separate percentages are not. So besides the lanes,
the timeline lists every body-cue interval during which fillers or hedges were spoken.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from mockinterview.core.speech.delivery import as_written
from mockinterview.core.vision.cues import CUE_LABELS, CUE_METRIC

# Words closer together than this (s) are drawn as one stretch of speech; a typical gap between
# words in fluent speech is well under it, a breath or a pause is longer.
SPEECH_GAP_S = 0.35

SAID_SHOWN = 4  # words quoted per coincidence sentence; the timeline shows the rest

# Cue names written by the vision cues -> the report metric they count toward: CUE_METRIC of
# mockinterview/core/vision/cues.py. A cue not listed there is still drawn in its own lane, so
# nothing the camera saw is hidden.
# Cues that say nothing against the speaker while they talk (a smile, the lighting, the camera
# being moved): never quoted as "while you said 'um'".
NOT_HABITS = frozenset({"smile", "too_dark", "backlit", "recalibrate"})


@dataclass(frozen=True)
class Mark:
    """Something on the time axis: an interval (end > start) or a moment (end == start)."""

    start: float
    end: float
    text: str = ""


@dataclass(frozen=True)
class Lane:
    """One row of the timeline; `metric` links it to a report metric ("" when none)."""

    key: str
    label: str
    kind: Literal["speech", "body"]
    metric: str
    marks: tuple[Mark, ...]


@dataclass(frozen=True)
class Coincidence:
    """A body cue that lasted while fillers or hedges were said."""

    cue: str
    cue_label: str
    start: float
    end: float
    said: tuple[Mark, ...]
    sentence: str  # e.g. 'Eye contact lost 10.2-12.9 s while you said “um” at 10.4 s, ...'


@dataclass(frozen=True)
class Timeline:
    duration_s: float
    lanes: tuple[Lane, ...]
    coincidences: tuple[Coincidence, ...]

    def lane(self, key: str) -> Lane | None:
        return next((lane for lane in self.lanes if lane.key == key), None)

    def marks_for_metric(self, metric: str) -> tuple[Mark, ...]:
        """Every moment linked to a metric, in time order (several cues may feed one metric)."""
        marks = [m for lane in self.lanes if lane.metric == metric for m in lane.marks]
        return tuple(sorted(marks, key=lambda m: m.start))


def speech_stretches(words: Sequence[dict[str, Any]], gap_s: float = SPEECH_GAP_S) -> list[Mark]:
    """Merge word timings into stretches of continuous speech."""
    stretches: list[Mark] = []
    for word in words:
        start, end = float(word["start"]), float(word["end"])
        if stretches and start - stretches[-1].end <= gap_s:
            stretches[-1] = Mark(stretches[-1].start, max(end, stretches[-1].end))
        else:
            stretches.append(Mark(start, end))
    return stretches


def build_timeline(answer: dict[str, Any]) -> Timeline:
    """Lanes for speech, fillers, hedges, restarts (when there are any) and pauses, then one lane
    per body cue seen."""
    speech = answer.get("speech") or {}
    body = answer.get("body") or {}
    duration = float(answer.get("duration_s") or 0.0)
    fillers = tuple(_moment(f) for f in speech.get("fillers", []))
    hedges = tuple(_moment(h) for h in speech.get("hedges", []))
    restarts = tuple(_moment(r) for r in speech.get("repeated_words", []))
    stretches = tuple(speech_stretches(speech.get("words", [])))
    pauses = tuple(Mark(float(p["start"]), float(p["end"])) for p in speech.get("pauses", []))
    lanes = [
        Lane("speaking", "Speaking", "speech", "", stretches),
        Lane("fillers", "Fillers", "speech", "fillers", fillers),
        Lane("hedges", "Hedges", "speech", "hedges", hedges),
        *([Lane("restarts", "Restarts", "speech", "", restarts)] if restarts else []),
        Lane("pauses", "Long pauses", "speech", "pauses", pauses),
    ]
    cues: dict[str, list[Mark]] = {}
    for event in body.get("events", []):
        cue = str(event["cue"])
        cues.setdefault(cue, []).append(Mark(float(event["start"]), float(event["end"])))
    for cue, marks in cues.items():
        lanes.append(
            Lane(
                cue,
                CUE_LABELS.get(cue, cue.replace("_", " ").capitalize()),
                "body",
                CUE_METRIC.get(cue, ""),
                tuple(sorted(marks, key=lambda m: m.start)),
            )
        )
    said = sorted(fillers + hedges, key=lambda m: m.start)
    coincidences = []
    for lane in lanes:
        if lane.kind != "body" or lane.key in NOT_HABITS:
            continue
        for mark in lane.marks:
            during = tuple(m for m in said if mark.start <= m.start <= mark.end)
            if during:
                words = ", ".join(f"“{m.text}” at {m.start:.1f} s" for m in during[:SAID_SHOWN])
                if len(during) > SAID_SHOWN:
                    words += f" and {len(during) - SAID_SHOWN} more"
                sentence = f"{lane.label} {mark.start:.1f}-{mark.end:.1f} s while you said {words}."
                coincidences.append(
                    Coincidence(lane.key, lane.label, mark.start, mark.end, during, sentence)
                )
    coincidences.sort(key=lambda c: c.start)
    # Word timings and cue events can run a little past the stored duration (padding, rounding):
    # the axis must still show them.
    axis = max([duration, *(m.end for lane in lanes for m in lane.marks)])
    return Timeline(axis, tuple(lanes), tuple(coincidences))


def _moment(item: dict[str, Any]) -> Mark:
    """A counted moment as every view shows it, in the words as written ("I think")."""
    start = float(item["start"])
    return Mark(start, float(item.get("end", start)), as_written(str(item.get("text", ""))))
