"""Each question's best attempt over time, on real-pipeline speech blocks (speech.json)."""

from __future__ import annotations

from mockinterview.core.report.compare import question_versions
from mockinterview.core.report.question_progress import attempt_score, question_progress
from mockinterview.core.thresholds import DeliveryThresholds, ReportThresholds
from tests.report.conftest import answer, body_block, session, speech


def _session(day: str, *attempts: tuple[str, str]) -> dict:
    answers = [
        answer(i, speech(clip), body_block(), question_id=question_id)
        for i, (question_id, clip) in enumerate(attempts)
    ]
    return session(answers, f"{day}-s", f"{day}T10:00:00+00:00")


def test_best_attempt_so_far_per_question_most_practised_first() -> None:
    sessions = [
        _session("2026-11-20", ("conflict", "rushed_fillers"), ("why-us", "slow_hedges")),
        _session("2026-11-24", ("conflict", "lively"), ("once", "clean")),
        _session("2026-11-28", ("conflict", "slow_hedges"), ("why-us", "story")),
    ]
    found = question_progress(sessions)
    assert [q.question_id for q in found] == ["conflict", "why-us"]  # "once": a single attempt
    conflict = found[0]
    scores = [score for _, score in conflict.attempts]
    # the lively reading is in every band (100); the rushed and hedging ones are not
    assert scores[1] == 100.0 and scores[0] < 100 and scores[2] < scores[0]
    assert [score for _, score in conflict.best_so_far] == [scores[0], 100.0, 100.0]
    assert conflict.best == 100.0
    assert [when for when, _ in conflict.attempts] == [s["started_at"] for s in sessions]
    # the same measure as the Versions tab's star
    versions = question_versions("conflict", sessions, DeliveryThresholds(), ReportThresholds())
    starred = next(v for v in versions.versions if v.best)
    assert attempt_score(starred.weakness) == conflict.best
    assert question_progress(sessions, limit=1) == found[:1]
    assert question_progress([]) == ()
