"""The three things to practise next: the metrics furthest from their band, most often.

Ranking: for each metric, `priority = severity x frequency`, where frequency is the share of the
measured answers that fell outside the band and severity is their mean band distance (capped at
2, so one wild answer cannot outrank a habit). A metric inside its band in every answer is never
suggested; with fewer than three problems the list is shorter, never padded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mockinterview.core.counting import listed, noun_for
from mockinterview.core.report.scoring import METRICS, Direction, MetricCheck, format_number

if TYPE_CHECKING:
    from mockinterview.core.report.model import AnswerReport

SEVERITY_CAP = 2.0  # band distances above this count as 2 (a flag and then some)
SUGGESTION_COUNT = 3
MOMENTS_SHOWN = 5  # moments listed per suggestion: enough to find them, few enough to read

# One concrete thing to do per metric and side; a person should be able to try it tomorrow.
TIPS: dict[tuple[str, Direction], str] = {
    ("pace", "high"): (
        "Pause for one silent beat at every full stop. Time one answer: about 140 words in a "
        "minute is the target, so a 60-second answer of 180+ words is too fast."
    ),
    ("pace", "low"): (
        "Learn your first sentence by heart and keep your three points as keywords, so you "
        "never search for the next idea mid-sentence; aim for about 140 words a minute."
    ),
    ("fillers", "high"): (
        "Swap the filler for silence: when you feel an “um” coming, close your mouth and "
        "breathe. Re-record one answer and count the fillers you hear; try to halve them."
    ),
    ("hedges", "high"): (
        "Say what you did plainly, in the past tense: “I led the migration”, not “I think I "
        "kind of led it”. Cut “I think”, “maybe” and “sort of” from your first and last sentence."
    ),
    ("pauses", "high"): (
        "Answer with a structure you know (Situation, Task, Action, Result) so the next step "
        "is always ready; if you need time, say “Let me think for a moment” once, then go."
    ),
    ("length", "low"): (
        "Make your point, then back it with one real example: for a story, one sentence each "
        "for situation and task, most of the time on what you did, and a result you can measure "
        "(a number, a date, a saving)."
    ),
    ("length", "high"): (
        "Lead with a one-sentence headline, give at most two examples, stop at the result. "
        "Rehearse the answer against a 90-second timer."
    ),
    ("loudness", "low"): (
        "Check the microphone level first, then speak as if to someone across a table: sit "
        "upright and breathe from the belly before you start."
    ),
    ("pitch_variation", "low"): (
        "Mark one word per sentence to stress (a number, a result) and read the answer aloud "
        "stressing it; let your voice fall at the end of statements."
    ),
    ("eye_contact", "low"): (
        "Look into the lens, not at your own picture: put a sticky note with an arrow next to "
        "the camera and move the video window just under it."
    ),
    ("smile", "low"): (
        "Smile when you greet and when you talk about something you enjoyed or are proud of; "
        "a warm start and end is enough."
    ),
    ("slouch", "high"): (
        "Sit back in the chair, both feet on the floor, screen at eye level; check your posture "
        "at the start of every answer."
    ),
    ("crossed_arms", "high"): (
        "Rest your hands on the desk or your lap where the camera sees them, and gesture with "
        "open palms when you explain."
    ),
    ("fidget", "high"): (
        "Rest your hands together on the desk (or hold a pen lightly) and keep them away from "
        "your face and hair."
    ),
    ("face_touch", "high"): (
        "Rest your hands together on the desk before you start each answer; when you catch a "
        "hand rising to your chin or face, put it back down and finish the sentence."
    ),
    ("framing", "low"): (
        "Put the camera at eye level with your head and shoulders in frame and a hand's width "
        "above your head; face a window or a lamp."
    ),
    ("coverage", "low"): (
        "Before you answer, list the question's key points (see the model answer) and tick "
        "each off as you say it."
    ),
}


# A short headline per metric and side, phrased as what to do.
TITLES: dict[tuple[str, Direction], str] = {
    ("pace", "high"): "Slow down",
    ("pace", "low"): "Speed up",
    ("fillers", "high"): "Fewer filler words",
    ("hedges", "high"): "Fewer hedges, more ownership",
    ("pauses", "high"): "Shorter silences",
    ("length", "low"): "Give fuller answers",
    ("length", "high"): "Shorter answers",
    ("loudness", "low"): "Speak up",
    ("pitch_variation", "low"): "More vocal variety",
    ("eye_contact", "low"): "Look at the camera",
    ("smile", "low"): "Smile now and then",
    ("slouch", "high"): "Sit upright",
    ("crossed_arms", "high"): "Uncross your arms",
    ("fidget", "high"): "Keep your hands still",
    ("face_touch", "high"): "Hands away from your face",
    ("framing", "low"): "Stay in the frame",
    ("coverage", "low"): "Cover the key points",
}


# An answer in which no word was heard: what to do about it comes before any measure, since a
# microphone that did not hear the person makes every other tip about those answers wrong.
HEARD_NOTHING_TITLE = "Make sure every answer is heard"
HEARD_NOTHING_TIP = (
    "If you answered aloud, the microphone did not pick you up: run the microphone check on Home "
    "before the next rehearsal. If you were stuck, say so and start anyway (“Let me think for a "
    "moment.”), then give one thing you know."
)

ALL_IN_BAND = (
    "Every measured metric was inside its comfortable band in every answer. Try a harder question "
    "bank or longer answers."
)
NO_ANSWERS = "No answer was recorded in this session, so there is nothing to suggest yet."


def empty_list_reason(answer_count: int) -> str:
    """What to say instead of suggestions when there are none: the two cases differ a lot."""
    return ALL_IN_BAND if answer_count else NO_ANSWERS


@dataclass(frozen=True)
class SessionMoment:
    """Where in the session it happened: answer index and seconds into that answer."""

    answer_index: int
    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Suggestion:
    key: str
    label: str
    title: str
    direction: Direction
    priority: float  # severity x frequency, see the module docstring
    answers_out: int
    answers_measured: int
    mean_distance: float
    evidence: str
    tip: str
    answers: tuple[int, ...]  # indexes of the answers that fell outside the band
    moments: tuple[SessionMoment, ...]


def suggest(
    answers: Sequence[AnswerReport],
    count: int = SUGGESTION_COUNT,
    overall: Sequence[MetricCheck] = (),
) -> tuple[Suggestion, ...]:
    """Rank every metric across the answers and keep the `count` most useful to practise.

    `overall`: the whole session's checks (scoring.session_checks), whose figure a suggestion
    about every answer quotes, so it reads as the table beside it does."""
    session = {c.key: c.value for c in overall}
    silent = [a for a in answers if a.heard_nothing]
    ranked: list[tuple[float, int, Suggestion]] = []
    if silent:
        tip = _heard_nothing(silent, len(answers))
        ranked.append((-tip.priority, -1, tip))
    for order, metric in enumerate(METRICS):
        # Only what was judged: an answer no one heard is the tip above, not also "give fuller
        # answers" and "cover the key points" (its speech is not judged, scoring.answer_checks);
        # its body, which the camera saw, is.
        measured = [(a, c) for a in answers for c in a.checks if c.key == metric.key]
        measured = [(a, c) for a, c in measured if c.distance is not None]
        out = [(a, c) for a, c in measured if c.distance]
        if not out:
            continue
        direction = Counter(c.direction for _, c in out).most_common(1)[0][0]
        out = [(a, c) for a, c in out if c.direction == direction]
        if _said(metric.key, [a for a, _ in out]) == 1:
            continue  # one "I think" in a short answer is a slip, not a habit to practise
        severity = sum(min(c.distance or 0.0, SEVERITY_CAP) for _, c in out) / len(out)
        priority = severity * len(out) / len(measured)
        moments = tuple(
            SessionMoment(a.index, mark.start, mark.end, mark.text)
            for a, _ in out
            for mark in a.timeline.marks_for_metric(metric.key)
        )[:MOMENTS_SHOWN]
        suggestion = Suggestion(
            key=metric.key,
            label=metric.label,
            title=TITLES[(metric.key, direction)],
            direction=direction,
            priority=round(priority, 3),
            answers_out=len(out),
            answers_measured=len(measured),
            mean_distance=round(severity, 3),
            evidence=_evidence(metric.key, out, len(measured), session.get(metric.key)),
            tip=TIPS[(metric.key, direction)],
            answers=tuple(a.index for a, _ in out),
            moments=moments,
        )
        ranked.append((-priority, order, suggestion))
    ranked.sort(key=lambda item: item[:2])
    return tuple(s for _, _, s in ranked[:count])


def _heard_nothing(silent: Sequence[AnswerReport], answer_count: int) -> Suggestion:
    numbers = listed([str(a.index + 1) for a in silent])
    seconds = listed([f"{format_number(round(a.duration_s))} s" for a in silent])
    return Suggestion(
        key="heard",
        label="Words heard",
        title=HEARD_NOTHING_TITLE,
        direction="low",
        priority=SEVERITY_CAP + 1.0,  # above any measure's: severity x frequency <= SEVERITY_CAP
        answers_out=len(silent),
        answers_measured=answer_count,
        mean_distance=1.0,
        evidence=f"No words were heard in {noun_for(len(silent), 'answer')} {numbers} "
        f"({seconds} recorded).",
        tip=HEARD_NOTHING_TIP,
        answers=tuple(a.index for a in silent),
        moments=(),
    )


def _said(key: str, answers: Sequence[AnswerReport]) -> int | None:
    """How many fillers or hedges `answers` hold (None for another metric). One "I think" in a
    25-word answer is 4 per 100 words, twice the band: "Fewer hedges, more ownership ... Most
    often: 'I think' x1" made a habit of a single slip."""
    if key == "fillers":
        return sum(n for a in answers for _, n in a.filler_counts)
    if key == "hedges":
        return sum(len(a.hedges) for a in answers)
    return None


def _evidence(
    key: str,
    out: Sequence[tuple[AnswerReport, MetricCheck]],
    measured: int,
    session_value: float | None = None,
) -> str:
    """The numbers behind a suggestion, in one sentence a person can check against the report.

    Of every answer, the figure is the session's own (`session_value`): pace is weighed by each
    answer's length there, and a plain mean of the answers read "average 172.5 wpm" under a
    session pace of 171.8 wpm for the same two answers."""
    checks = [c for _, c in out]
    first = checks[0]
    values = [c.value for c in checks if c.value is not None]
    side = "below" if first.direction == "low" else "above"
    every = len(out) == measured and session_value is not None
    mean = session_value if every else sum(values) / len(values)
    average = format_number(mean)  # as every table shows a number
    # The figure is of the answers outside the band only: "2 of 3 answers (average 175 wpm)" read
    # as the session's average beside a session pace of 160 wpm, inside the band.
    if len(out) == 1:
        figure = f"{average} {first.unit}"
    elif len(out) == measured:
        figure = f"average {average} {first.unit}"
    else:
        figure = f"those {len(out)} average {average} {first.unit}"
    # Answers to questions with their own target length have bands of their own: name each,
    # not the first answer's as if it were everyone's.
    texts = list(dict.fromkeys(c.band_text for c in checks))
    band = f"{noun_for(len(texts), 'band')} {listed(texts)}"
    sentence = (
        f"{side.capitalize()} the band in {len(out)} of {measured} {noun_for(measured, 'answer')} "
        f"({figure}; {band})."
    )
    if key == "fillers":
        said: Counter[str] = Counter()
        for a, _ in out:
            said.update(dict(a.filler_counts))
        common = ", ".join(f"“{word}” x{n}" for word, n in said.most_common(3))
        if common:
            sentence += f" Most often: {common}."
    if key == "hedges":
        said = Counter(m.text for a, _ in out for m in a.hedges)
        common = ", ".join(f"“{word}” x{n}" for word, n in said.most_common(3))
        if common:
            sentence += f" Most often: {common}."
    if key == "coverage":
        missed = Counter(p for a, _ in out if a.content for p in a.content.missed)
        common = "; ".join(f"“{point}”" for point, _ in missed.most_common(3))
        if common:
            sentence += f" Missed: {common}."
    return sentence
