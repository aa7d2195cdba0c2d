"""Per answer, in words: two strengths and up to three things to improve, each tied to a quote.

The seed's "strengths and three areas to improve", for one answer: built only from what the
analysis found in that answer (key points covered by the person's own words, a concrete result,
"I did", a vague claim, a missing result, missed key points, hedges), so every remark can point
at the moment it is about. Nothing is padded: an answer with one strength shows one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mockinterview.core.content.follow_up import FollowUp
from mockinterview.core.content.keypoints import RESULT_POINT, CoveredPoint
from mockinterview.core.content.structure import STAR, Structure
from mockinterview.core.counting import counted, listed
from mockinterview.core.report.charts import clock
from mockinterview.core.report.scoring import MetricCheck
from mockinterview.core.report.suggestions import HEARD_NOTHING_TIP, TITLES
from mockinterview.core.report.timeline import Mark

STRENGTHS = 2
IMPROVEMENTS = 3
OWN_REMARKS = ("hedges", "coverage")  # measures whose remarks say more than their number

GAP_ADVICE = {
    "missing_story": "Tell one specific time: what happened, what you did, and what came of it.",
    # Said of what the analysis did not find, not as fact: on held-out stories called without a
    # result, 16 of 52 had one (UNFOUND_ADVICE below).
    "missing_result": "No result was found at the story's end: finish on what changed, with a "
    "number or a date.",
    "vague_result": "Put a number or a date on the result, or say what it was before and after.",
    "vague_claim": "Back the claim with a measure: by how much, compared with what?",
    "ownership": "Say what you did yourself (“I …”), not only what the team did (“we …”).",
}

# What a story part the analysis did not find is said with. "Task: missing" told the person
# they had left it out, yet of the held-out stories' parts called missing, the situation was
# there in 32 of 39 and the task in 37 of 164 (tests/data/README.md, session 53): the line says
# it was not found, and how to make that part plain to any listener.
UNFOUND_ADVICE = {
    "situation": "Set the scene first: where you were and what was at stake",
    "task": "Say what you had to achieve (“My job was to …”)",
    "action": "Say what you did yourself, step by step",
    "result": "End on what came of it, with a number or a date",
}


@dataclass(frozen=True)
class Remark:
    """One strength or one thing to improve, with the words it is about and when they were said."""

    text: str
    quote: str | None  # the answer's own words; None when the remark is about something unsaid
    start: float | None  # s into the answer


@dataclass(frozen=True)
class AnswerFeedback:
    strengths: tuple[Remark, ...]
    improvements: tuple[Remark, ...]


def _strengths(
    covered: Sequence[CoveredPoint], structure: Structure | None, checks: Sequence[MetricCheck]
) -> list[Remark]:
    found = []
    result = structure.part("result") if structure else None
    if structure is not None and structure.result_concrete and result is not None:
        found.append(Remark("You ended on a concrete result.", result.text, result.start))
    found += [
        Remark(f"You made the point: {c.point}.", c.evidence, c.start)
        for c in sorted(covered, key=_conviction)
    ]
    action = structure.part("action") if structure else None
    if structure is not None and structure.ownership == "i" and action is not None:
        found.append(Remark("You said what you did yourself.", action.text, action.start))
    quoted: set[str | None] = set()
    distinct = []  # two strengths resting on the same words are one strength
    for remark in found:
        if remark.quote not in quoted:
            distinct.append(remark)
            quoted.add(remark.quote)
    # Then what was measured inside its band: "Strengths: none found" stood beside five
    # measures scored 100 whenever an answer had no question to judge its words on.
    kept = [c.label.lower() for c in checks if c.scored and c.status == "good"]
    if kept:
        distinct.append(Remark(f"Measures in their band: {listed(kept)}.", None, None))
    return distinct


def _conviction(point: CoveredPoint) -> tuple[bool, float]:
    """Most convincing first: a bank phrase and the meaning together, then the closest in
    meaning (a story's result, a measured change or a question asked count as certain). Only two
    strengths are shown, and a point credited on a sentence that merely mentions its topic
    scores lower, so fewer of them are praised (tests/data/README.md, session 41)."""
    similarity = 1.0 if point.similarity is None else point.similarity
    return point.by != "both", -similarity


def _improvements(
    missed: Sequence[str],
    structure: Structure | None,
    follow_up: FollowUp | None,
    hedges: Sequence[Mark],
    checks: Sequence[MetricCheck] = (),
) -> list[Remark]:
    found = []
    if follow_up is not None and follow_up.reason in GAP_ADVICE:
        quote, start = follow_up.quote, follow_up.start
        if follow_up.reason == "missing_result" and structure is not None and structure.parts:
            last = structure.parts[-1]  # where the story stopped
            quote, start = last.text, last.start
        found.append(Remark(GAP_ADVICE[follow_up.reason], quote, start))
    # A story's result point is credited only on a concrete result (keypoints.RESULT_POINT), so
    # one missed beside a vague result is that result wanting a measure: "Cover this point:
    # result" under "After that the complaints stopped" reads as if nothing had been said.
    result = structure.part("result") if structure is not None else None
    vague = result is not None and structure is not None and structure.result_concrete is False
    if vague and any(RESULT_POINT.search(point) for point in missed):
        missed = [point for point in missed if not RESULT_POINT.search(point)]
        if all(remark.text != GAP_ADVICE["vague_result"] for remark in found):
            found.append(Remark(GAP_ADVICE["vague_result"], result.text, result.start))
    points = [Remark(f"Cover this point: {point}.", None, None) for point in missed]
    found += points[:1]  # one missed point, a habit of speech, a measure, the other points
    if hedges:
        first = hedges[0]
        said = ", ".join(dict.fromkeys(f"“{h.text}”" for h in hedges))
        found.append(Remark(f"Say it plainly, without {said}.", first.text, first.start))
    # Then the measure furthest outside its band: "none found" above a pace of 180 wpm in the
    # table below read as a contradiction. Hedges and key points have remarks of their own.
    outside = [c for c in checks if c.scored and c.distance and c.key not in OWN_REMARKS]
    if outside:
        worst = max(outside, key=lambda c: c.distance or 0.0)
        found.append(
            Remark(f"{TITLES[(worst.key, worst.direction)]}: {worst.explanation}", None, None)
        )
    found += points[1:]
    return found


def answer_feedback(
    covered: Sequence[CoveredPoint],
    missed: Sequence[str],
    structure: Structure | None,
    follow_up: FollowUp | None,
    hedges: Sequence[Mark],
    checks: Sequence[MetricCheck] = (),
    heard_nothing: bool = False,
) -> AnswerFeedback:
    """Two strengths and up to three improvements for one answer, most telling first; `checks`
    are the answer's measures against their bands (scoring.answer_checks). An answer in which
    no word was heard gets that one remark: "Cover this point" four times and "Give fuller
    answers" said nothing true about a microphone that did not hear the person."""
    if heard_nothing:
        return AnswerFeedback((), (Remark(f"Nothing was heard. {HEARD_NOTHING_TIP}", None, None),))
    return AnswerFeedback(
        tuple(_strengths(covered, structure, checks)[:STRENGTHS]),
        tuple(_improvements(missed, structure, follow_up, hedges, checks)[:IMPROVEMENTS]),
    )


def said_at(quote: str | None, start: float | None) -> str:
    """“the words” at m:ss, as every renderer shows a quote ("" when nothing was said)."""
    if quote is None:
        return ""
    return f"“{quote}”" + (f" at {clock(start)}" if start is not None else "")


def structure_lines(structure: Structure, follow_up: bool = False) -> tuple[str, ...]:
    """The STAR parts in plain sentences: each part's words and time, or that it was not found
    and how to make it plain; a `follow_up` answer's parts found only."""
    if follow_up and not structure.parts:
        return ()
    lines = []
    for name in STAR:
        part = structure.part(name)
        if part is None and follow_up:
            continue
        said = (
            f"not found. {UNFOUND_ADVICE[name]}."
            if part is None
            else said_at(part.text, part.start)
        )
        lines.append(f"{name.capitalize()}: {said}")
    if structure.result_concrete is False:
        lines.append("The result has no number, date or before/after.")
    if not follow_up or structure.i_count or structure.we_count:
        lines.append(
            f"You said “I” {counted(structure.i_count, 'time')} and "
            f"“we” {counted(structure.we_count, 'time')}"
            + (": say what you did yourself." if structure.ownership == "only_we" else ".")
        )
    return tuple(lines)


def follow_up_label(parent_index: int | None) -> str:
    """How a follow-up answer is titled under the answer it follows up."""
    return "" if parent_index is None else f"Follow-up to answer {parent_index + 1}"


def answer_tab_label(index: int, parent_index: int | None) -> str:
    """The answer's short name, as the report's tab shows it: "Q2", or "Q1 follow-up" right
    after the answer it follows up. Anything that speaks of one answer uses it (the note on a
    refined transcript), so the person finds the tab it means."""
    return f"Q{index + 1}" if parent_index is None else f"Q{parent_index + 1} follow-up"
