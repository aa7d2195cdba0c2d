"""What to practise today: a short session built from the person's own history.

Spaced repetition, kept explainable: every question already answered on the bank of the latest
session gets `need = weakness + days since its last attempt / REVISIT_DAYS`, where weakness is
the weakness of that last attempt (compare.weakness: the mean band distance of its few
metrics furthest from their band, each capped at 1 = a flag), the same measure that marks
the best version of an answer. A question
answered badly yesterday and one answered well a fortnight ago both come back; one answered well
this morning waits. The habit to work on is the first "practise next" suggestion of the latest
session, the same one Home and the report show first.

Pure: the stored sessions, the time now and the thresholds come in as arguments.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mockinterview.core.report.compare import weakness
from mockinterview.core.report.model import answer_report
from mockinterview.core.report.scoring import (
    MetricCheck,
    answer_checks,
    display_value,
    heard_nothing,
    session_checks,
)
from mockinterview.core.report.suggestions import Suggestion, suggest
from mockinterview.core.session.store import IMPORTED_BANK
from mockinterview.core.thresholds import DeliveryThresholds, ReportThresholds

PLAN_QUESTIONS = 3  # a session short enough to do every day (about 5-10 minutes)
# Days after which an untouched question needs practice as much as one that flagged last time:
# a week, the usual first review gap of spaced-repetition schedules (Leitner box 2-3).
REVISIT_DAYS = 7.0


@dataclass(frozen=True)
class PlannedQuestion:
    question_id: str
    question: str
    last_started_at: str  # ISO 8601 start of the session of its last attempt
    days_since: float
    weakness: float  # 0: the last attempt was all in band; 1: its worst metrics were flags
    worst: MetricCheck | None  # the last attempt's metric furthest from its band, if any was off
    need: float  # weakness + days_since / REVISIT_DAYS; the plan takes the highest
    heard_nothing: bool = False  # no word was heard in the last attempt (scoring.heard_nothing)

    @property
    def reason(self) -> str:
        """Why it is in today's plan, with the number that put it there and the aim, as the
        report's table shows them: "fillers 18.8 per 100 words, 14.3 per 100 words above the
        band (at most 4.5 per 100 words)" said the unit three times in one line on Home."""
        days = round(self.days_since)
        when = "today" if days == 0 else ("yesterday" if days == 1 else f"{days} days ago")
        if self.heard_nothing:  # its 0 % of the key points is the microphone's, not theirs
            return f"last practised {when}: no word was heard in it"
        if self.worst is None:
            return f"last practised {when}, every measured metric was in its band"
        worst = self.worst
        return (
            f"last practised {when}: {worst.label.lower()} {display_value(worst)}; "
            f"aim for {worst.band_text}"
        )


@dataclass(frozen=True)
class PracticePlan:
    bank: str
    questions: tuple[PlannedQuestion, ...]
    habit: Suggestion | None  # the one habit to keep in mind through the whole session

    @property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(q.question_id for q in self.questions)


def practice_plan(
    sessions: Sequence[dict[str, Any]],
    now: datetime,
    delivery: DeliveryThresholds | None = None,
    thresholds: ReportThresholds | None = None,
    in_bank: Collection[str] | None = None,
    count: int = PLAN_QUESTIONS,
) -> PracticePlan | None:
    """Today's plan from stored sessions (any order); None before the first answer.

    `in_bank`, when given, holds the question ids the bank still has: a question edited away
    since it was answered cannot be asked again, so it is not suggested.
    """
    delivery = delivery or DeliveryThresholds()
    thresholds = thresholds or ReportThresholds()
    # An imported recording's questions were asked by someone else, from no bank: not re-askable.
    answered = sorted(
        (s for s in sessions if s.get("answers") and s["bank"] != IMPORTED_BANK),
        key=lambda s: (s["started_at"], s["session_id"]),
    )
    if not answered:
        return None
    latest = answered[-1]
    bank = latest["bank"]
    last_attempt: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
    for session in answered:
        if session["bank"] != bank:
            continue
        for answer in session["answers"]:
            if answer.get("parent_index") is not None:  # a follow-up is asked, not chosen
                continue
            if in_bank is None or answer["question_id"] in in_bank:
                last_attempt[answer["question_id"]] = (session, answer)
    planned = [
        _planned(session, answer, now, delivery, thresholds)
        for session, answer in last_attempt.values()
    ]
    planned.sort(key=lambda q: (-q.need, q.last_started_at, q.question_id))
    reports = [answer_report(a, delivery, thresholds) for a in latest["answers"]]
    overall = session_checks(latest["answers"], delivery, thresholds)
    habits = suggest(reports, count=1, overall=overall)
    return PracticePlan(bank, tuple(planned[:count]), habits[0] if habits else None)


def _planned(
    session: dict[str, Any],
    answer: dict[str, Any],
    now: datetime,
    delivery: DeliveryThresholds,
    thresholds: ReportThresholds,
) -> PlannedQuestion:
    checks = answer_checks(answer, delivery, thresholds)
    scored = [c for c in checks if c.scored]
    worst = max(scored, key=lambda c: c.distance or 0.0, default=None)
    silent = heard_nothing(answer)
    weak = 1.0 if silent else weakness(checks)  # unheard: to be given again, as soon as can be
    started = datetime.fromisoformat(session["started_at"])
    days = max(0.0, (now - started).total_seconds() / 86400.0)
    return PlannedQuestion(
        question_id=answer["question_id"],
        question=answer["question"],
        last_started_at=session["started_at"],
        days_since=round(days, 2),
        weakness=weak,
        worst=worst if worst is not None and worst.distance else None,
        need=round(weak + days / REVISIT_DAYS, 3),
        heard_nothing=silent,
    )
