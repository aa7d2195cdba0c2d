"""Each question's best attempt over time: History's chart of progress question by question.

An attempt's score is `100 * (1 - weakness)`, where weakness (compare.weakness) is the measure
that marks the best version of an answer and ranks today's practice plan: the mean band distance
of the attempt's few metrics furthest from their band, each capped at 1 (a flag). So 100 means
every measured metric of the answer was in its band, 0 that its worst ones were all flags; the
best attempt the chart shows is the one the Versions tab marks with a star.

Pure: stored sessions and thresholds in, numbers out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mockinterview.core.report.compare import question_versions
from mockinterview.core.report.scoring import heard
from mockinterview.core.thresholds import DeliveryThresholds, ReportThresholds

CHART_QUESTIONS = 5  # lines on one chart that still read apart; the most practised questions


@dataclass(frozen=True)
class QuestionProgress:
    question_id: str
    question: str
    attempts: tuple[tuple[str, float], ...]  # (session start, ISO 8601; score 0-100) oldest first
    best_so_far: tuple[tuple[str, float], ...]  # the best score up to each attempt, same times

    @property
    def best(self) -> float:
        return self.best_so_far[-1][1]


def attempt_score(weakness: float) -> float:
    return round(100.0 * (1.0 - weakness), 1)


def question_progress(
    sessions: Sequence[dict[str, Any]],
    delivery: DeliveryThresholds | None = None,
    thresholds: ReportThresholds | None = None,
    limit: int = CHART_QUESTIONS,
) -> tuple[QuestionProgress, ...]:
    """The `limit` questions answered most often (at least twice; the latest first on a tie)."""
    delivery = delivery or DeliveryThresholds()
    thresholds = thresholds or ReportThresholds()
    counts: Counter[str] = Counter()
    latest: dict[str, str] = {}
    for session in sessions:
        for answer in heard(session.get("answers") or []):  # as question_versions counts
            if answer.get("parent_index") is not None:  # a follow-up is asked, not practised
                continue
            counts[answer["question_id"]] += 1
            latest[answer["question_id"]] = max(
                latest.get(answer["question_id"], ""), session["started_at"]
            )
    practised = sorted(
        (q for q, n in counts.items() if n >= 2),
        key=lambda q: (-counts[q], _descending(latest[q]), q),
    )[:limit]
    found = []
    for question_id in practised:
        versions = question_versions(question_id, sessions, delivery, thresholds)
        attempts = tuple((v.started_at, attempt_score(v.weakness)) for v in versions.versions)
        best_so_far, top = [], 0.0
        for when, score in attempts:
            top = max(top, score)
            best_so_far.append((when, top))
        found.append(QuestionProgress(question_id, versions.question, attempts, tuple(best_so_far)))
    return tuple(found)


def _descending(text: str) -> tuple[int, ...]:
    """A sort key that puts later ISO times first."""
    return tuple(-ord(c) for c in text)
