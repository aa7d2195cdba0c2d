"""Today's plan: the weakest last attempts and the longest untouched questions come back."""

from __future__ import annotations

from datetime import datetime

from mockinterview.core.report.practice_plan import practice_plan
from tests.gui.conftest import comfortable_answer, contract_answer

NOW = datetime.fromisoformat("2026-11-30T09:00:00+00:00")


def _answer(question_id: str, index: int, weak: bool) -> dict:
    made = contract_answer(index, 0.0) if weak else comfortable_answer(index)
    question = f"Question {question_id}?"
    return {**made, "index": index, "question_id": question_id, "question": question}


def _session(day: str, answers: list[dict], bank: str = "general") -> dict:
    return {
        "session_id": f"{day}-x",
        "bank": bank,
        "started_at": f"{day}T09:00:00+00:00",
        "status": "finished",
        "answers": answers,
    }


def test_weak_and_stale_questions_are_planned_first() -> None:
    sessions = [
        _session("2026-11-20", [_answer("fixed", 0, weak=True)]),
        _session("2026-11-25", [_answer("stale", 0, weak=False)]),
        _session("2026-11-29", [_answer("weak", 0, weak=True), _answer("fixed", 1, weak=False)]),
        _session("2026-11-30", [_answer("fresh", 0, weak=False)]),
    ]
    plan = practice_plan(sessions, NOW, count=2)
    assert plan is not None and plan.bank == "general"
    # "weak" flagged yesterday (need 1 + 1/7); "stale" was fine 5 days ago (5/7); "fixed" was
    # weak once but its last attempt (yesterday) was fine (1/7); "fresh" was fine this morning.
    assert plan.question_ids == ("weak", "stale")
    weak, stale = plan.questions
    assert weak.weakness == 1.0 and weak.worst is not None
    assert weak.reason.startswith("last practised yesterday: ")
    assert stale.weakness == 0 and stale.days_since == 5
    assert stale.reason == "last practised 5 days ago, every measured metric was in its band"
    # the latest session had no metric off its band: no habit to add
    assert plan.habit is None


def test_plan_keeps_to_the_latest_bank_and_to_questions_still_in_it() -> None:
    sessions = [
        _session("2026-11-20", [_answer("ml-q", 0, weak=True)], bank="ml-engineer"),
        _session("2026-11-28", [_answer("gone", 0, weak=True), _answer("kept", 1, weak=True)]),
    ]
    plan = practice_plan(sessions, NOW, in_bank={"kept", "other"})
    assert plan is not None
    assert plan.question_ids == ("kept",)
    assert plan.habit is not None and plan.habit.title == "Fewer hedges, more ownership"


def test_no_answers_no_plan() -> None:
    assert practice_plan([], NOW) is None
    assert practice_plan([_session("2026-11-28", [])], NOW) is None
