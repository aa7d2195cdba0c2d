"""Today's plan: the weakest last attempts and the longest untouched questions come back.

The speech blocks are the real pipeline's (tests/data/report/speech.json): a rushed answer full
of fillers or a hedging one is weak; the lively reading of the clean answer is in every band."""

from __future__ import annotations

from datetime import datetime

from mockinterview.core.report.practice_plan import practice_plan
from mockinterview.core.report.scoring import display_value
from mockinterview.core.session.store import IMPORTED_BANK
from tests.report.conftest import answer, body_block, session, speech

NOW = datetime.fromisoformat("2026-11-30T09:00:00+00:00")


def _answer(question_id: str, index: int, clip: str) -> dict:
    made = answer(index, speech(clip), body_block(), question_id=question_id)
    return {**made, "question": f"Question {question_id}?"}


def _session(day: str, answers: list[dict], bank: str = "general") -> dict:
    return session(answers, f"{day}-x", f"{day}T09:00:00+00:00", bank)


def test_weak_and_stale_questions_are_planned_first() -> None:
    sessions = [
        _session("2026-11-20", [_answer("fixed", 0, "rushed_fillers")]),
        _session("2026-11-25", [_answer("stale", 0, "lively")]),
        _session("2026-11-29", [_answer("weak", 0, "slow_hedges"), _answer("fixed", 1, "lively")]),
        _session("2026-11-30", [_answer("fresh", 0, "lively")]),
    ]
    plan = practice_plan(sessions, NOW, count=2)
    assert plan is not None and plan.bank == "general"
    # "weak" flagged yesterday (need: its weakness, 0.74, + 1/7); "stale" was fine 5 days ago
    # (5/7); "fixed" was weak once but its last attempt (yesterday) was fine (1/7); "fresh" was
    # fine this morning.
    assert plan.question_ids == ("weak", "stale")
    weak, stale = plan.questions
    assert weak.weakness > 5 / 7 and weak.worst is not None and weak.worst.key == "hedges"
    assert weak.reason.startswith("last practised yesterday: hedges ")
    # the value with its unit, and the aim as the report's table puts it
    assert weak.reason.endswith(
        f"hedges {display_value(weak.worst)}; aim for at most 2 per 100 words"
    )
    assert stale.weakness == 0 and stale.days_since == 5
    assert stale.reason == "last practised 5 days ago, every measured metric was in its band"
    # the latest session had no metric off its band: no habit to add
    assert plan.habit is None


def test_plan_keeps_to_the_latest_bank_and_to_questions_still_in_it() -> None:
    sessions = [
        _session("2026-11-20", [_answer("ml-q", 0, "rushed_fillers")], bank="ml-engineer"),
        _session(
            "2026-11-28", [_answer("gone", 0, "slow_hedges"), _answer("kept", 1, "slow_hedges")]
        ),
        # an imported recording's questions cannot be asked again: it is not "the latest bank"
        _session("2026-11-29", [_answer("heard", 0, "rushed_fillers")], bank=IMPORTED_BANK),
    ]
    plan = practice_plan(sessions, NOW, in_bank={"kept", "other"})
    assert plan is not None and plan.bank == "general"
    assert plan.question_ids == ("kept",)
    assert plan.habit is not None and plan.habit.title == "Fewer hedges, more ownership"


def test_no_answers_no_plan() -> None:
    assert practice_plan([], NOW) is None
    assert practice_plan([_session("2026-11-28", [])], NOW) is None
    only_imported = [_session("2026-11-29", [_answer("heard", 0, "lively")], IMPORTED_BANK)]
    assert practice_plan(only_imported, NOW) is None


def test_an_answer_nobody_heard_comes_back_for_that_reason() -> None:
    """Its reason read "key points covered 0 % of the points" for an answer the microphone did
    not hear: the person was told they had said none of the points."""
    import numpy as np

    from mockinterview.core.audio_file import SAMPLE_RATE
    from mockinterview.core.speech.delivery import analyze_delivery
    from mockinterview.core.thresholds import DeliveryThresholds

    samples = np.zeros(12 * SAMPLE_RATE, np.float32)
    unheard = analyze_delivery([], samples, DeliveryThresholds(), duration_s=12.0).to_dict()
    silent = {**answer(0, unheard, coverage=([], ["a", "b"])), "question": "Question silent?"}
    silent["question_id"] = "silent"
    plan = practice_plan([_session("2026-11-30", [silent, _answer("fine", 1, "lively")])], NOW)
    assert plan is not None and plan.question_ids[0] == "silent"
    assert plan.questions[0].reason == "last practised today: no word was heard in it"
