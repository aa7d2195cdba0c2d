"""Scores that explain themselves: each metric against its own band, never an opaque total.

Every metric has a comfortable band and a flag value on the side(s) where it can go wrong. The
*distance* from the band is 0 inside it and grows linearly to 1 at the flag value (and beyond),
so "how far off" means the same thing for words per minute as for eye contact. The *score* shown
to the user is `100 * (1 - distance)` rounded up and kept within 1-99 between band and flag: 100
inside the band, 0 at or past the flag. The status follows the same line: good (inside), watch
(between band and flag), flag (at or past it), so a score and its status never disagree.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from mockinterview.core.counting import counted
from mockinterview.core.questions import asked_nothing
from mockinterview.core.thresholds import (
    DeliveryThresholds,
    ReportThresholds,
    digital_silence,
    length_flags,
)

Status = Literal["good", "watch", "flag", "counted", "n/a"]  # counted: no band judges it
Direction = Literal["low", "high", ""]
# How a status reads in a sentence ("now near the edge (60-150 s)"), for the GUI and the core.
STATUS_WORDS: dict[str, str] = {
    "good": "in its band",
    "watch": "near the edge",
    "flag": "well outside",
}

# The reports' "How to read the scores", one text for the HTML and the PDF.
HOW_TO_READ_SCORES = (
    "Each metric has a comfortable band and a flag value (MockInterview settings, [delivery] and "
    "report thresholds). Inside the band scores 100; between the band and the flag value the "
    "score falls in a straight line to 0. Body-language percentages are shares of the time each "
    "cue could be judged (the face, or the shoulders, in view); long pauses are a share of the "
    "answer's time. Pace is words per minute from the first word to the last, fillers left out; "
    "pace and pitch variation are judged only over enough speech "
    f"({DeliveryThresholds.pace_min_speech_s:g} s and {DeliveryThresholds.pitch_min_speech_s:g} s "
    "by default). "
    "Fillers and hedges are counted per 100 words. Pitch variation is how far your voice rises "
    "and falls around its usual note, in semitones (neighbouring piano keys are one apart); a "
    "flat voice varies by less than 2. Voice over room noise is how much louder your speech is "
    "than the room's own sound, in decibels (dB)."
)


@dataclass(frozen=True)
class Band:
    """Comfortable range [low, high] and where each side turns into a flag; None = no limit."""

    low: float | None
    high: float | None
    flag_low: float | None = None
    flag_high: float | None = None

    @property
    def judges(self) -> bool:
        """False for a band with no side: a metric counted for the person, never scored
        (smiles)."""
        return self.low is not None or self.high is not None

    def describe(self, unit: str) -> str:
        """The band in words, e.g. '130-160 wpm', 'at least 60 %', 'at most 4.5 per 100 words'."""
        if not self.judges:
            return "any"
        if self.low is not None and self.high is not None:
            return f"{format_number(self.low)}-{format_number(self.high)} {unit}"
        if self.low is not None:
            return f"at least {format_number(self.low)} {unit}"
        return f"at most {format_number(self.high or 0.0)} {unit}"


@dataclass(frozen=True)
class Metric:
    """What a metric is called, its unit, and whether a higher value is the better one."""

    key: str
    label: str
    unit: str
    group: Literal["delivery", "body", "content"]


METRICS: tuple[Metric, ...] = (
    Metric("pace", "Pace", "wpm", "delivery"),
    Metric("fillers", "Fillers", "per 100 words", "delivery"),
    Metric("hedges", "Hedges", "per 100 words", "delivery"),
    Metric("pauses", "Long pauses", "% of the answer", "delivery"),
    Metric("length", "Answer length", "s", "delivery"),
    Metric("loudness", "Voice over room noise", "dB", "delivery"),
    Metric("pitch_variation", "Pitch variation", "semitones", "delivery"),
    # Body shares are of the time each cue could be judged (the body block's judged_s; its notes
    # say how long that was); smiles are counted as moments and never scored down.
    Metric("eye_contact", "Eye contact", "% of judged time", "body"),
    Metric("smile", "Smiles", "moments", "body"),
    Metric("slouch", "Slouching", "% of judged time", "body"),
    Metric("crossed_arms", "Crossed arms", "% of judged time", "body"),
    Metric("fidget", "Fidgeting", "% of judged time", "body"),
    Metric("face_touch", "Face touching", "% of judged time", "body"),
    Metric("framing", "Well framed", "% of the answer", "body"),
    Metric("coverage", "Key points covered", "% of the points", "content"),
)
METRIC_BY_KEY = {metric.key: metric for metric in METRICS}


@dataclass(frozen=True)
class MetricCheck:
    """One metric of one answer (or of the whole session) judged against its band."""

    key: str
    label: str
    unit: str
    value: float | None
    band: Band
    band_text: str
    distance: float | None  # 0 inside the band, 1 at the flag value; None when not measured
    direction: Direction  # which side of the band the value fell on ("" inside or unmeasured)
    score: int | None  # 100 * (1 - distance), floored at 0
    status: Status
    gap: str  # the short form: "inside", "24 wpm above", "20 points below", "not measured"
    explanation: str  # the sentence: value, band and gap
    # Judged answer by answer (a session's answer length, session_length_check): the value is a
    # mean that no single band judges, so no chart puts it on one.
    per_answer: bool = False
    # Why no value could be measured, where the report knows (a digitally silent room): a bare
    # "not measured" beside the other rows read as the app failing.
    unmeasured_because: str = ""

    @property
    def scored(self) -> bool:
        """Measured and judged against a band: a counted metric (smiles) has no band, so it is
        neither in one nor out of one ("9 of 12 in their band" had counted a smile as in)."""
        return self.distance is not None and self.band.judges

    @property
    def held_back(self) -> bool:
        """Measured but not judged (too little speech): a reader needs the reason, not a dot on
        a scale that no score stands behind."""
        return self.value is not None and self.status == "n/a"

    @property
    def says_why(self) -> bool:
        """The row's sentence stands where its band chart would: held back from judging, or not
        measured for a reason the report knows."""
        return self.held_back or bool(self.unmeasured_because)


def band_distance(value: float, band: Band) -> tuple[float, Direction]:
    """How far outside the band, in units of "band edge to flag value"; which side.

    A side without a flag value, or with no room between edge and flag (e.g. an answer whose own
    target already reaches the long-answer flag), counts any step outside the band as a flag.
    """
    if band.low is not None and value < band.low:
        span = band.low - band.flag_low if band.flag_low is not None else 0.0
        return (band.low - value) / span if span > 0 else 1.0, "low"
    if band.high is not None and value > band.high:
        span = band.flag_high - band.high if band.flag_high is not None else 0.0
        return (value - band.high) / span if span > 0 else 1.0, "high"
    return 0.0, ""


def score_from_distance(distance: float) -> int:
    """100 only inside the band, 0 only at or past the flag, so score and status always agree."""
    if distance <= 0:
        return 100
    if distance >= 1:
        return 0
    return min(99, max(1, math.ceil(100 * (1.0 - distance))))


def status_from_distance(distance: float) -> Status:
    if distance <= 0:
        return "good"
    return "watch" if distance < 1 else "flag"


def check(key: str, value: float | None, band: Band) -> MetricCheck:
    """Judge one value; the explanation says the number, the band and how far off it is."""
    metric = METRIC_BY_KEY[key]
    band_text = band.describe(metric.unit)
    if value is None:
        return MetricCheck(
            key, metric.label, metric.unit, None, band, band_text, None, "", None, "n/a",
            "not measured", f"{metric.label}: not measured in this answer.",
        )  # fmt: skip
    value = round(value, 2)  # as the check keeps it: the explanation shows the same number
    distance, direction = band_distance(value, band)
    if not band.judges:  # counted for the person, never scored (smiles)
        return MetricCheck(
            key, metric.label, metric.unit, value, band, band_text, 0.0, "", None,
            "counted", "not scored",
            f"{metric.label}: {format_number(value)}, counted, not scored.",
        )  # fmt: skip
    if direction == "":
        gap = "inside"
    else:
        edge = band.low if direction == "low" else band.high
        side = "below" if direction == "low" else "above"
        # With its unit, so "6.5 above the band" reads "6.5 wpm above". A share's distance is in
        # points: "83.8 % of judged time is 78.8 % above the band (at most 5 %)" read as 78.8 %
        # more than 5 %.
        unit = "points" if metric.unit.startswith("%") else metric.unit
        gap = f"{format_number(abs(value - (edge or 0.0)))} {unit} {side}"
    explanation = f"{format_number(value)} {metric.unit} is {gap} the band ({band_text})."
    return _judged(metric, value, band, band_text, distance, direction, gap, explanation)


def _judged(
    metric: Metric,
    value: float,
    band: Band,
    band_text: str,
    distance: float,
    direction: Direction,
    gap: str,
    explanation: str,
    per_answer: bool = False,
) -> MetricCheck:
    """A measured and judged value's check: its score and status both from its distance.
    `value` is the one kept (to 2 places): its caller rounds it before writing the explanation,
    so the two say the same number."""
    return MetricCheck(
        key=metric.key,
        label=metric.label,
        unit=metric.unit,
        value=value,
        band=band,
        band_text=band_text,
        distance=round(distance, 3),
        direction=direction,
        score=score_from_distance(distance),
        status=status_from_distance(distance),
        gap=gap,
        explanation=explanation,
        per_answer=per_answer,
    )


def length_band(delivery: DeliveryThresholds, target_s: tuple[float, float] | None = None) -> Band:
    """A question's target length (the default's without one) and its flags (length_flags)."""
    low, high = target_s or (delivery.answer_target_low_s, delivery.answer_target_high_s)
    return Band(low, high, *length_flags(delivery, target_s))


def bands(
    delivery: DeliveryThresholds,
    report: ReportThresholds,
    target_s: tuple[float, float] | None = None,
) -> dict[str, Band]:
    """The band of every metric; an answer's own target length replaces the default one."""
    return {
        "pace": Band(
            delivery.wpm_comfortable_low,
            delivery.wpm_comfortable_high,
            delivery.wpm_flag_low,
            delivery.wpm_flag_high,
        ),
        "fillers": Band(None, delivery.fillers_per_100_ok, None, report.fillers_per_100_flag),
        "hedges": Band(None, report.hedges_per_100_ok, None, report.hedges_per_100_flag),
        "pauses": Band(None, report.pause_share_ok_pct, None, report.pause_share_flag_pct),
        "length": length_band(delivery, target_s),
        "loudness": Band(delivery.quiet_snr_db, None, report.loudness_flag_snr_db, None),
        "pitch_variation": Band(
            delivery.monotone_pitch_st, None, report.pitch_variation_flag_st, None
        ),
        "eye_contact": Band(report.eye_contact_ok_pct, None, report.eye_contact_flag_pct, None),
        "smile": Band(None, None),  # a serious, engaged face is no fault: moments, not a score
        "slouch": Band(None, report.slouch_ok_pct, None, report.slouch_flag_pct),
        "crossed_arms": Band(None, report.crossed_arms_ok_pct, None, report.crossed_arms_flag_pct),
        "fidget": Band(None, report.fidget_ok_pct, None, report.fidget_flag_pct),
        "face_touch": Band(None, report.face_touch_ok_pct, None, report.face_touch_flag_pct),
        "framing": Band(report.framing_ok_pct, None, report.framing_flag_pct, None),
        "coverage": Band(report.coverage_ok_pct, None, report.coverage_flag_pct, None),
    }


def format_change(value: float | None) -> str:
    """A signed difference: +27.7, -3, 0; "" for none."""
    if value is None:
        return ""
    text = format_number(value)
    return f"+{text}" if not text.startswith("-") and text != "0" else text


def format_number(value: float | None) -> str:
    """Numbers as a person reads them: 140, 4.5, -22.5 (no 140.0, no 4.4999); "-" for none.

    Halves round up, as a person rounds: Python's round(10.25, 1) gives 10.2 (the tie goes to
    the even digit), and a check's value kept to 2 places read 10.2 s beside the 10.3 s its own
    explanation gave for the same answer length."""
    if value is None:
        return "-"
    rounded = float(Decimal(repr(float(value))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def quantity(value: float | None, unit: str) -> str:
    """A number with its unit, "140.5 wpm"; a count of one takes the singular ("1 moment")."""
    text = format_number(value)
    if unit == "moments" and text.isdigit():
        return counted(int(text), "moment")
    return f"{text} {unit}"


def display_value(check: MetricCheck) -> str:
    """A check's value as every page and export shows it: "140.5 wpm", "not measured"."""
    return "not measured" if check.value is None else quantity(check.value, check.unit)


BODY_FIELDS = {
    "eye_contact": "eye_contact_pct",
    "smile": "smile_moments",
    "slouch": "slouch_pct",
    "crossed_arms": "crossed_arms_pct",
    "fidget": "fidget_pct",
    "face_touch": "face_touch_pct",
    "framing": "framing_ok_pct",
}


def answer_values(answer: dict[str, Any]) -> dict[str, float | None]:
    """Every metric of one stored answer (docs/contracts.md); None where it was not measured."""
    speech = answer.get("speech") or {}
    body = measured_body(answer)
    content = answer.get("content")
    duration = float(answer.get("duration_s") or 0.0)
    words = int(speech.get("word_count") or 0)
    pause_time = sum(p["end"] - p["start"] for p in speech.get("pauses", []))
    length = (speech.get("answer_length") or {}).get("seconds", duration)
    values: dict[str, float | None] = {
        "pace": _optional(speech.get("wpm")),
        "fillers": _optional(speech.get("fillers_per_100_words")) if words else None,
        "hedges": 100.0 * len(speech.get("hedges", [])) / words if words else None,
        # pauses lie between words: an answer without any has none to measure, not 0 %
        "pauses": 100.0 * pause_time / duration if duration > 0 and words else None,
        "length": _optional(length),
        # Judged as voice over the room's noise floor: an absolute dBFS depends on the mic's gain,
        # so a quiet but clean microphone would be told to speak up (issue 11).
        "loudness": _optional(speech.get("speech_to_noise_db")),
        "pitch_variation": _optional(speech.get("pitch_variation_st")),
        "coverage": _optional(content.get("coverage_pct")) if content else None,
    }
    for key, field in BODY_FIELDS.items():
        values[key] = _optional(body.get(field)) if body else None
    if body and values["framing"] is None:  # stored before framing was judged on the face
        values["framing"] = _optional(body.get("face_visible_pct"))
    if answer.get("partial"):  # a crash cut it off: its length and what it left out say nothing
        values["length"] = values["coverage"] = None
    return values


# Said as soon as an answer with no word in it is stored (session.flow): a muted or wrong
# microphone found after the last question would have cost the whole rehearsal.
NOTHING_HEARD = (
    "Nothing was heard in that answer. If you answered aloud, check that the microphone is on "
    "and is the one chosen in Settings."
)


def heard_nothing(answer: dict[str, Any]) -> bool:
    """Recorded, and not one word recognised in it: a microphone that did not hear the person,
    or a question left unanswered. Told at once during a rehearsal (session.flow) and first in
    the report's tips (suggestions.suggest), not as a short answer that missed its points."""
    speech = answer.get("speech")
    return speech is not None and not int(speech.get("word_count") or 0)


def measured_body(answer: dict[str, Any]) -> dict[str, Any] | None:
    """The body block when the camera saw frames, else None.

    An answer whose video had no usable frames carries a block of zeros with a note; reading
    those zeros as "0 % eye contact" would blame the person for a camera problem.
    """
    body = answer.get("body")
    if body is None or int(body.get("frames_analyzed", 1) or 0) == 0:
        return None
    return body


def answer_target_s(answer: dict[str, Any]) -> tuple[float, float] | None:
    """The answer's own target length (its question's `target_s`), or None for the default."""
    target = answer.get("target_s")
    return (float(target[0]), float(target[1])) if target else None


def answer_checks(
    answer: dict[str, Any], delivery: DeliveryThresholds, report: ReportThresholds
) -> tuple[MetricCheck, ...]:
    """Every metric of one stored answer against its bands (its own target length)."""
    checks = checks_for(answer_values(answer), bands(delivery, report, answer_target_s(answer)))
    checks = _judged_when_sustained(checks, speaking_s(answer), delivery)
    checks = _loudness_in_a_silent_room(checks, room_silent(answer))
    if heard_nothing(answer):
        return _not_judged_unheard(checks)
    return _length_not_judged_unasked(checks) if unasked(answer) else checks


ROOM_SILENT_REASON = (
    "between the words the microphone sent pure silence (the system's noise suppression, "
    "probably), so there was no room noise to measure the voice against"
)


def room_silent(answer: dict[str, Any]) -> bool:
    """Words were heard, and the moments between them were digital silence (a noise gate): the
    voice's lead over the room cannot be measured, and the report says why."""
    speech = answer.get("speech") or {}
    return bool(speech.get("word_count")) and digital_silence(speech.get("noise_floor_dbfs"))


def _loudness_in_a_silent_room(
    checks: tuple[MetricCheck, ...], silent: bool
) -> tuple[MetricCheck, ...]:
    if not silent:
        return checks
    return tuple(
        dataclasses.replace(
            c,
            unmeasured_because=ROOM_SILENT_REASON,
            explanation=f"Not measured: {ROOM_SILENT_REASON}.",
        )
        if c.key == "loudness" and c.value is None
        else c
        for c in checks
    )


def unasked(answer: dict[str, Any]) -> bool:
    """An imported answer no question was heard before (questions.asked_nothing)."""
    return asked_nothing(str(answer.get("question_id") or ""))


def _length_not_judged_unasked(
    checks: tuple[MetricCheck, ...], before: str = "it"
) -> tuple[MetricCheck, ...]:
    """The small talk before an imported recording's first question read "Give fuller answers:
    7 s, 53 s below the band (60-120 s)"; with no question heard, no band is known."""
    reason = "but no question was heard before " + before
    return tuple(
        # no band is shown either: not the 60-120 s of a question no one asked
        dataclasses.replace(
            _held_back(c, f"{display_value(c)}, {reason}: not judged."), band_text="none known"
        )
        if c.key == "length" and c.value is not None
        else c
        for c in checks
    )


def _not_judged_unheard(checks: tuple[MetricCheck, ...]) -> tuple[MetricCheck, ...]:
    """An answer in which no word was heard has its speech and key points shown, not scored:
    "12 s is 48 s below the band" and "0 % of the key points" in red blamed the person for
    what a muted microphone did, beside the remark that said so. The body rows stand: the
    camera saw the answer."""
    return tuple(
        _held_back(c, f"{display_value(c)}, but no word was heard: not judged.")
        if c.value is not None and METRIC_BY_KEY[c.key].group != "body"
        else c
        for c in checks
    )


def _held_back(found: MetricCheck, reason: str) -> MetricCheck:
    """A measured check shown but not judged (MetricCheck.held_back), with the reason a reader
    gets in place of a score."""
    return dataclasses.replace(
        found,
        distance=None,
        direction="",
        score=None,
        status="n/a",
        gap="not judged",
        explanation=reason,
    )


def session_checks(
    answers: Sequence[dict[str, Any]], delivery: DeliveryThresholds, report: ReportThresholds
) -> tuple[MetricCheck, ...]:
    """Every metric of the whole session (session_values) against its band, in the order of
    METRICS; answer length judged answer by answer (session_length_check), like the other
    speech rows over the answers heard (heard)."""
    checks = checks_for(session_values(answers), bands(delivery, report))
    spoken = heard(answers)
    asked = [a for a in spoken if not unasked(a)]
    length = session_length_check(asked or spoken, delivery, report)
    if spoken and not asked:
        length = _length_not_judged_unasked((length,), "any answer")[0]
    checks = tuple(length if c.key == "length" else c for c in checks)
    checks = _loudness_in_a_silent_room(checks, bool(spoken) and all(map(room_silent, spoken)))
    return _judged_when_sustained(checks, sum(speaking_s(a) for a in answers), delivery)


def heard(answers: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The answers whose speech and content the session's figures are of: not those in which no
    word was heard. A muted microphone's 12 s read "2 of 2 answers below" in the session's answer
    length and halved its key points covered, while the tips spoke of the heard answer alone."""
    return [a for a in answers if not heard_nothing(a)]


def speaking_s(answer: dict[str, Any]) -> float:
    """From an answer's first word to its last: the speech its pace is measured over."""
    words = (answer.get("speech") or {}).get("words") or []
    return float(words[-1]["end"]) - float(words[0]["start"]) if words else 0.0


def _judged_when_sustained(
    checks: tuple[MetricCheck, ...], spoken_s: float, delivery: DeliveryThresholds
) -> tuple[MetricCheck, ...]:
    """Pace and pitch variation shown but not judged over too little speech, as the delivery
    flags already were: a 7 s answer at 187 wpm was told to slow down, and one 3 s sentence
    that it was monotone."""
    least = {"pace": delivery.pace_min_speech_s, "pitch_variation": delivery.pitch_min_speech_s}
    return tuple(
        _too_little_speech(c, spoken_s, least[c.key])
        if c.key in least and c.value is not None and spoken_s < least[c.key]
        else c
        for c in checks
    )


def _too_little_speech(found: MetricCheck, spoken_s: float, least_s: float) -> MetricCheck:
    return _held_back(
        found,
        f"{format_number(found.value or 0.0)} {found.unit} over "
        f"{format_number(round(spoken_s, 1))} s of speech: too little to judge "
        f"(from {format_number(least_s)} s of speech on).",
    )


def session_length_check(
    answers: Sequence[dict[str, Any]], delivery: DeliveryThresholds, report: ReportThresholds
) -> MetricCheck:
    """The whole session's answer length: each answer judged on its own question's band, their
    distances averaged, the mean length shown.

    The mean length against the questions' bands averaged said "inside" for a 150 s answer to a
    60-120 s question beside a 20 s answer to a 45-90 s one (85 s against 52-105 s), and showed
    a band no question has ("37-100 s" for bands of 60-120, 45-90 and 5-90 s). A session of one
    measured answer reads exactly as that answer does."""
    own = [bands(delivery, report, answer_target_s(a))["length"] for a in answers]
    judged = [
        c
        for a, band in zip(answers, own, strict=True)
        if (c := check("length", answer_values(a)["length"], band)).distance is not None
    ]
    if len(judged) <= 1:
        return judged[0] if judged else check("length", None, bands(delivery, report)["length"])
    low = [c for c in judged if c.direction == "low"]
    high = [c for c in judged if c.direction == "high"]
    distance = sum(c.distance or 0.0 for c in judged) / len(judged)
    direction: Direction = ""
    if low or high:
        below, above = (sum(c.distance or 0.0 for c in side) for side in (low, high))
        direction = "low" if below >= above else "high"
    shared = len({c.band for c in judged}) == 1
    band = judged[0].band if shared else _envelope([c.band for c in judged])
    band_text = judged[0].band_text if shared else "each question's own band"
    off = [f"{len(side)} {word}" for side, word in ((low, "below"), (high, "above")) if side]
    way = "off" if low and high else "below" if low else "above"
    gap = f"{len(low) + len(high)} of {len(judged)} answers {way}" if off else "inside"
    inside = len(judged) - len(low) - len(high)
    counts = ", ".join([*off, *([f"{inside} inside"] if inside else [])])
    texts = ", ".join(dict.fromkeys(c.band_text for c in judged))
    value = round(sum(c.value or 0.0 for c in judged) / len(judged), 2)  # as the check keeps it
    explanation = (
        f"{format_number(value)} s on average; each answer judged on its question's band "
        f"({texts}): {counts}."
    )
    metric = METRIC_BY_KEY["length"]
    return _judged(metric, value, band, band_text, distance, direction, gap, explanation, True)


def _envelope(judging: Sequence[Band]) -> Band:
    """The bands' span: from the lowest low to the highest high (each side's flag likewise)."""

    def edge(pick: Callable[[list[float]], float], values: list[float | None]) -> float | None:
        present = [v for v in values if v is not None]
        return pick(present) if present else None

    return Band(
        edge(min, [b.low for b in judging]),
        edge(max, [b.high for b in judging]),
        edge(min, [b.flag_low for b in judging]),
        edge(max, [b.flag_high for b in judging]),
    )


def session_values(answers: Sequence[dict[str, Any]]) -> dict[str, float | None]:
    """The whole session's metrics: rates over all words, shares weighted by answer duration
    (body shares by the time each cue could be judged), smiles counted. Answer length is judged
    answer by answer instead (session_length_check).

    Speech and key points are of the answers heard (heard); the body, which the camera saw
    whether or not the microphone heard, of every answer.
    """
    return {**_speech_values(heard(answers)), **_body_values(answers)}


def _speech_values(answers: Sequence[dict[str, Any]]) -> dict[str, float | None]:
    """Pooling (total fillers / total words) rather than averaging per-answer rates keeps a
    ten-second answer with one "um" from counting as much as a two-minute one."""
    speeches = [a.get("speech") or {} for a in answers]
    durations = [float(a.get("duration_s") or 0.0) for a in answers]
    words = sum(int(s.get("word_count") or 0) for s in speeches)
    fillers = sum(int(s.get("filler_count") or 0) for s in speeches)
    hedges = sum(len(s.get("hedges", [])) for s in speeches)
    pause_time = sum(p["end"] - p["start"] for s in speeches for p in s.get("pauses", []))
    spoken = sum(d for s, d in zip(speeches, durations, strict=True) if s.get("word_count"))
    per_answer = [answer_values(a) for a in answers]
    values: dict[str, float | None] = {
        "fillers": 100.0 * fillers / words if words else None,
        "hedges": 100.0 * hedges / words if words else None,
        "pauses": 100.0 * pause_time / spoken if spoken > 0 else None,
        "coverage": _mean([v["coverage"] for v in per_answer]),
    }
    for key in ("pace", "loudness", "pitch_variation"):
        pairs = [(v[key], d) for v, d in zip(per_answer, durations, strict=True)]
        values[key] = _weighted_mean(pairs)
    return values


def _body_values(answers: Sequence[dict[str, Any]]) -> dict[str, float | None]:
    durations = [float(a.get("duration_s") or 0.0) for a in answers]
    per_answer = [answer_values(a) for a in answers]
    framed = [(v["framing"], d) for v, d in zip(per_answer, durations, strict=True)]
    values: dict[str, float | None] = {"framing": _weighted_mean(framed)}
    # A body share is of the time its cue could be judged, over the session as in each answer:
    # an answer whose shoulders were in view for 5 s of 60 weighs 5 s in the session's slouching.
    judged = [(measured_body(a) or {}).get("judged_s") or {} for a in answers]
    for key in ("eye_contact", "slouch", "crossed_arms", "fidget", "face_touch"):
        # an answer stored before judged time was kept weighs its length
        pairs = [
            (v[key], float(j.get(key, d)))
            for v, j, d in zip(per_answer, judged, durations, strict=True)
        ]
        values[key] = _weighted_mean(pairs)
    # Smiles are moments, counted: three answers with one smile each are 3, not "1 moment".
    smiles = [v["smile"] for v in per_answer if v["smile"] is not None]
    values["smile"] = float(sum(smiles)) if smiles else None
    return values


def checks_for(
    values: dict[str, float | None], metric_bands: dict[str, Band]
) -> tuple[MetricCheck, ...]:
    """One check per metric, in the order of METRICS."""
    return tuple(check(m.key, values.get(m.key), metric_bands[m.key]) for m in METRICS)


def _optional(value: Any) -> float | None:
    return None if value is None else float(value)


def _mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def _weighted_mean(pairs: Sequence[tuple[float | None, float]]) -> float | None:
    present = [(v, w) for v, w in pairs if v is not None]
    weight = sum(w for _, w in present)
    if not present:
        return None
    if weight <= 0:
        return sum(v for v, _ in present) / len(present)
    return sum(v * w for v, w in present) / weight
