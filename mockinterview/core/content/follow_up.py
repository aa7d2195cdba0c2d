"""One follow-up question after an answer, built from its analysis: deterministic and testable.

A real interviewer probes the biggest gap in what was just said. In order: a story question
answered with no story (nothing done, nothing that came of it: "walk me through one specific
time"), a story without a result ("What was the result?"), a result without a number or date, a
claim of improvement without a measure ("You said you improved it: by how much?"), a team story
told only as "we", and a key point the answer missed (asked with the bank's own question for it,
which leads back to the point without reading it out). The setting decides when to ask: `off`,
`weak` (only when the answer has one of the first five gaps or covers less than
FollowUpThresholds.weak_coverage_pct of its key points), or `always` (falling back to asking for
a concrete example when there is no gap).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from mockinterview.core.content.assess import ContentFeedback
from mockinterview.core.content.spans import Span
from mockinterview.core.content.structure import BETTER, CONCRETE, Structure
from mockinterview.core.errors import SettingsError
from mockinterview.core.questions import Question
from mockinterview.core.thresholds import FollowUpThresholds

FOLLOW_UP_MODES = ("off", "weak", "always")
Reason = Literal[
    "missing_story",
    "missing_result",
    "vague_result",
    "vague_claim",
    "ownership",
    "missed_key_point",
    "example",
]
WEAK_REASONS = ("missing_story", "missing_result", "vague_result", "vague_claim", "ownership")
# A claim of a gain is told as done: a change made ("we improved the checkout") or a state that
# came of it ("the mood was a lot better after that"). Any "better", "cut", "saved" or "raised"
# was a claim before, and on the tuning answers 9 of the 60 sentences it picked up were one: the
# rest were wishes ("areas I'd like to improve", "I want to get better at"), questions ("How would
# I improve it?"), explanations ("a model that does better on unseen data") and other senses
# ("saved searches", "raised it with the ward manager"), each asked "by how much?" (session 54,
# tests/data/README.md).
CLAIM = re.compile(
    r"\b(improved|increased|reduced|decreased|sped up|optimi[sz]ed|boosted|lowered)\b"
    r"|\b(was|were|got|went|became|felt|seemed|looked|ran|worked|doing|been|is now|are now|"
    r"['’]s now)\W+((a lot|much|far|way|loads|a bit|so much|even|um|uh|really)\W+){0,3}"
    rf"({BETTER})\b|\b({BETTER}) now\b",
    re.IGNORECASE,
)
# Words before the claim that make it a wish, a plan or a question rather than something done.
NOT_DONE = re.compile(
    r"\b(want|wanted|would|['’]d|like to|will|['’]ll|going to|plan|hope|need to|should|could|"
    r"trying|try to|how|whether|if|not|never)\b",
    re.IGNORECASE,
)
FOLLOW_UP_TARGET_S = (15.0, 60.0)  # s, a follow-up wants a short, precise answer
MAX_QUOTE_WORDS = 12  # a question that quotes a whole paragraph back is not a question


@dataclass(frozen=True)
class FollowUp:
    text: str  # what the interviewer asks, ending with "?"
    reason: Reason
    quote: str | None  # the words of the answer it picks up, when it picks up some
    start: float | None  # when they were said, s from the answer's start
    point: str | None = None  # the missed key point it asks about (reason missed_key_point)

    def as_dict(self) -> dict[str, Any]:
        """The contract's `follow_up` block (docs/contracts.md)."""
        return {
            "text": self.text,
            "reason": self.reason,
            "quote": self.quote,
            "start": self.start,
            "point": self.point,
        }


def follow_up_question(parent: Question, follow_up: dict[str, Any]) -> Question:
    """The follow-up as a question of its own, so its answer is recorded and judged like any:
    on the missed key point it asks about, or (for a story) on its structure alone."""
    points = tuple(k for k in parent.key_points if k.point == follow_up.get("point"))
    return Question(
        id=f"{parent.id}-follow-up",
        text=str(follow_up["text"]),
        category=parent.category,
        target_s=FOLLOW_UP_TARGET_S,
        key_points=points,
    )


def _short(text: str) -> str:
    words = text.strip().rstrip(".,;:!?").split()
    return " ".join(words[:MAX_QUOTE_WORDS]) + (" ..." if len(words) > MAX_QUOTE_WORDS else "")


def naming_the_point(point: str) -> str:
    """The follow-up for a missed key point the bank has no `ask` for: it names the point."""
    return f"You did not touch on this yet: {point.rstrip('.')}. What would you say about it?"


def vague_claims(spans: Sequence[Span]) -> list[Span]:
    """Sentences that claim a gain ("we improved the pipeline") with no number, date or change."""
    return [s for s in spans if _claims_a_gain(s.text) and not CONCRETE.search(s.text)]


def _claims_a_gain(text: str) -> bool:
    if text.rstrip().endswith("?"):
        return False
    claim = CLAIM.search(text)
    return claim is not None and not NOT_DONE.search(text[: claim.start()])


def _candidates(
    content: ContentFeedback | None,
    structure: Structure | None,
    spans: Sequence[Span],
    asks: Mapping[str, str],
) -> list[FollowUp]:
    found = []
    if structure is not None and {"action", "result"} <= set(structure.missing):
        # Nothing done and nothing that came of it: no story was told, and "What was the result?
        # What changed because of what you did" asked after nothing was done reads as canned.
        # On the 158 STAR tuning stories this never fires.
        found.append(
            FollowUp(
                "Can you walk me through one specific time: what happened, and what did you do?",
                "missing_story",
                None,
                None,
            )
        )
    elif structure is not None and "result" in structure.missing:
        found.append(
            FollowUp(
                "What was the result? What changed because of what you did, and by how much?",
                "missing_result",
                None,
                None,
            )
        )
    elif structure is not None and structure.result_concrete is False:
        result = structure.part("result")
        quote = _short(result.text) if result else None
        found.append(
            FollowUp(
                f'You said "{quote}". Can you put a number or a date on that result?',
                "vague_result",
                quote,
                result.start if result else None,
            )
        )
    for claim in vague_claims(spans)[:1]:
        quote = _short(claim.text)
        found.append(
            FollowUp(
                f'You said "{quote}": by how much, and how did you measure it?',
                "vague_claim",
                quote,
                claim.start,
            )
        )
    if structure is not None and structure.ownership == "only_we":
        found.append(
            FollowUp(
                'You said "we" throughout. What did you personally do?', "ownership", None, None
            )
        )
    if content is not None and content.missed:
        point = content.missed[0]
        found.append(
            FollowUp(
                asks.get(point) or naming_the_point(point),
                "missed_key_point",
                None,
                None,
                point,
            )
        )
    return found


def build_follow_up(
    content: ContentFeedback | None,
    structure: Structure | None,
    spans: Sequence[Span],
    mode: str,
    thresholds: FollowUpThresholds | None = None,
    asks: Mapping[str, str] | None = None,
) -> FollowUp | None:
    """The one follow-up to ask after this answer under `mode`, or None.

    `asks` maps a key point to the bank's question that probes it (KeyPoint.ask); a missed
    point without one is named in a generic question instead.
    """
    thresholds = thresholds or FollowUpThresholds()
    if mode not in FOLLOW_UP_MODES:
        raise SettingsError(
            f"interview.follow_up is {mode!r}; use one of {', '.join(FOLLOW_UP_MODES)}"
        )
    if mode == "off" or not spans:
        return None
    candidates = _candidates(content, structure, spans, asks or {})
    low_coverage = (
        content is not None
        and content.coverage_pct is not None
        and content.coverage_pct < thresholds.weak_coverage_pct
    )
    weak = low_coverage or any(c.reason in WEAK_REASONS for c in candidates)
    if mode == "weak" and not weak:
        return None
    if candidates:
        return candidates[0]
    return FollowUp(
        "Can you give me a concrete example of that from your own work?", "example", None, None
    )
