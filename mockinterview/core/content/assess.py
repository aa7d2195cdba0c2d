"""Content feedback for one answer: key points covered by meaning, with quotes and times.

    feedback = assess_content(question, transcript, words)   # words: the speech block's, or None

A question with key points is judged on them; one with only a model answer on points derived
from it (mockinterview.core.content.derive); one with neither says so instead of scoring.
The embedding model loads once per process on first use (about 0.3 s).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from mockinterview.core.content.asking import invites_questions
from mockinterview.core.content.derive import derive_key_points
from mockinterview.core.content.embeddings import SentenceEmbedder, load_embedder
from mockinterview.core.content.keypoints import CoveredPoint, assess_key_points
from mockinterview.core.content.structure import is_behavioural, sentence_parts
from mockinterview.core.questions import IMPORTED_CATEGORY, Question
from mockinterview.core.thresholds import ContentThresholds

PointsFrom = Literal["bank", "model_answer"]

NO_KEY_POINTS = (
    "This question has neither key points nor a model answer, so what you said is not checked "
    "against anything. Add key points or a model answer to the bank to get content feedback."
)
NOT_A_BANK_QUESTION = (
    "The question heard before this answer is not one of the bank questions, so what you said is "
    "not checked against key points. If a bank question was asked in other words or misheard, "
    "choose it: “Change the answers…” on this report in the app, then “Set the question…”."
)


@dataclass(frozen=True)
class ContentFeedback:
    covered: tuple[CoveredPoint, ...]
    missed: tuple[str, ...]
    coverage_pct: float | None  # None when there is nothing to check the answer against
    model_answer: str | None
    points_from: PointsFrom | None  # where the key points came from; None: nowhere
    note: str | None = None  # said instead of a score when nothing could be checked

    def as_dict(self) -> dict[str, Any]:
        """The contract's `content` block (docs/contracts.md)."""
        return {
            "covered": [c.as_dict() for c in self.covered],
            "missed": list(self.missed),
            "coverage_pct": self.coverage_pct,
            "model_answer": self.model_answer,
            "points_from": self.points_from,
            "note": self.note,
        }


def assess_content(
    question: Question,
    transcript: str,
    words: Sequence[dict[str, Any]] | None = None,
    embedder: SentenceEmbedder | None = None,
    thresholds: ContentThresholds | None = None,
) -> ContentFeedback:
    """Which key points `transcript` covers and which it misses; see the module docstring."""
    thresholds = thresholds or ContentThresholds()
    if not question.key_points and not question.model_answer:
        imported = question.category == IMPORTED_CATEGORY
        return ContentFeedback(
            (), (), None, None, None, NOT_A_BANK_QUESTION if imported else NO_KEY_POINTS
        )
    embedder = embedder or load_embedder()
    points, source = question.key_points, "bank"
    if not points:
        points, source = (
            derive_key_points(question.model_answer or "", embedder, thresholds),
            "model_answer",
        )
    if not points:
        return ContentFeedback((), (), None, question.model_answer, None, NO_KEY_POINTS)
    story = is_behavioural(question)
    coverage = assess_key_points(
        points,
        question.text,
        transcript,
        words,
        embedder,
        thresholds,
        story,
        invites_questions(question.text),
        [part for _, part in sentence_parts(transcript, words, embedder)] if story else [],
    )
    pct = round(100.0 * len(coverage.covered) / len(points), 1)
    return ContentFeedback(coverage.covered, coverage.missed, pct, question.model_answer, source)
