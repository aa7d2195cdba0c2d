"""Which questions a rehearsal asks, in which order: a new interview, or a retake of some.

Pure: a plan is built from a loaded bank and handed to the flow, so the choice of questions can be
tested (and shown) without running an interview.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass

from mockinterview.core.counting import counted
from mockinterview.core.errors import MockInterviewError
from mockinterview.core.questions import Bank, Question, load_bank

ORDERS = ("fresh", "bank", "shuffle", "category")
# Categories that open an interview: "fresh" asks them first however often they were asked.
OPENING_CATEGORIES = frozenset({"introduction"})


@dataclass(frozen=True)
class InterviewPlan:
    """Which questions, in which order; the closing question (if any) is always last."""

    bank: str
    questions: tuple[Question, ...]
    notes: tuple[str, ...] = ()


def plan_interview(
    bank: Bank,
    count: int,
    order: str = "bank",
    closing: bool = True,
    seed: int | None = None,
    last_asked: Mapping[str, str] | None = None,
) -> InterviewPlan:
    """Pick `count` questions of `bank` (then its closing question, or the general bank's).

    "fresh" asks the opening question first, then the questions never answered before, then
    those answered longest ago (`last_asked`: question id -> when, as ISO text), each group in
    bank order: rehearsing five questions a day goes through the whole bank instead of asking
    the same five every time."""
    if order not in ORDERS:
        raise MockInterviewError(f"unknown question order {order!r}; use one of {ORDERS}")
    if count < 1:
        raise MockInterviewError(f"the question count must be at least 1, got {count}")
    regular = list(bank.regular)
    notes = []
    if order == "shuffle":
        random.Random(seed).shuffle(regular)
    elif order == "fresh":
        when = last_asked or {}
        regular.sort(key=lambda q: (q.category not in OPENING_CATEGORIES, when.get(q.id, "")))
    elif order == "category":
        rank = {c: n for n, c in enumerate(bank.categories)}
        regular.sort(key=lambda q: rank[q.category])  # stable: bank order inside a category
    if count > len(regular):
        notes.append(
            f"The bank {bank.name!r} has {counted(len(regular), 'question')}; asking all of them."
        )
    chosen = regular[:count]
    if closing:
        last = bank.closing or load_bank("general").closing
        if last is not None:
            chosen.append(last)
    return InterviewPlan(bank.name, tuple(chosen), tuple(notes))


def retake_plan(bank: Bank, question_ids: tuple[str, ...]) -> InterviewPlan:
    """Only the named questions of `bank`, in that order (a retake from History)."""
    by_id = {question.id: question for question in bank.questions}
    missing = [qid for qid in question_ids if qid not in by_id]
    if missing:
        raise MockInterviewError(
            f"The question {missing[0]!r} is no longer in the bank {bank.name!r} (it was "
            "edited or removed), so it cannot be retaken. Start a new rehearsal from Home."
        )
    return InterviewPlan(bank.name, tuple(by_id[qid] for qid in question_ids))
