"""This session against earlier ones: on the same bank, and on the same questions.

"Better" and "worse" are judged by the band distance (scoring.py), not by the raw number: going
from 150 to 170 wpm is worse, from 100 to 120 wpm is better, and two values both inside the band
are "about the same" even when the numbers differ, because neither needs work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from mockinterview.core.report.scoring import (
    METRICS,
    Band,
    MetricCheck,
    answer_values,
    bands,
    check,
    checks_for,
    format_change,
    format_number,
    session_values,
)
from mockinterview.core.thresholds import DeliveryThresholds, ReportThresholds

Verdict = Literal["better", "worse", "same", "n/a"]
TREND_SESSIONS = 6  # columns of the trend table: the last five earlier sessions and this one


@dataclass(frozen=True)
class MetricChange:
    key: str
    label: str
    unit: str
    previous: float | None
    current: float | None
    change: float | None  # current - previous, in the metric's unit
    verdict: Verdict
    explanation: str


@dataclass(frozen=True)
class QuestionChange:
    """One question of this session against the last time it was answered."""

    question_id: str
    question: str
    previous_session_id: str
    previous_started_at: str
    changes: tuple[MetricChange, ...]


@dataclass(frozen=True)
class TrendPoint:
    """One earlier session on the same bank (oldest first), for a small history chart."""

    session_id: str
    started_at: str
    checks: tuple[MetricCheck, ...]


@dataclass(frozen=True)
class Comparison:
    bank: str
    previous_session_id: str | None  # the latest earlier session on the same bank
    previous_started_at: str | None
    earlier_sessions: int  # earlier sessions on the same bank, all of them
    by_metric: tuple[MetricChange, ...]
    by_question: tuple[QuestionChange, ...]
    trend: tuple[TrendPoint, ...]


def compare(
    session: dict[str, Any],
    history: Sequence[dict[str, Any]],
    delivery: DeliveryThresholds,
    report: ReportThresholds,
) -> Comparison:
    """Compare `session` with the sessions of `history` that started before it."""
    same = report.compare_same_change
    started = session["started_at"]
    earlier = sorted(
        (
            s
            for s in history
            if s["session_id"] != session["session_id"]
            and s["started_at"] < started
            and s.get("answers")
        ),
        key=lambda s: (s["started_at"], s["session_id"]),
    )
    same_bank = [s for s in earlier if s["bank"] == session["bank"]]
    default_bands = bands(delivery, report)
    trend = tuple(
        TrendPoint(
            s["session_id"],
            s["started_at"],
            checks_for(session_values(s["answers"]), default_bands),
        )
        for s in same_bank
    )
    by_metric: tuple[MetricChange, ...] = ()
    if same_bank:
        before = session_values(same_bank[-1]["answers"])
        now = session_values(session["answers"])
        by_metric = _changes(before, now, default_bands, same)
    by_question = []
    for answer in session["answers"]:
        last = _last_answer_to(answer["question_id"], earlier)
        if last is None:
            continue
        previous_session, previous_answer = last
        answer_bands = bands(delivery, report, _target(answer))
        by_question.append(
            QuestionChange(
                answer["question_id"],
                answer["question"],
                previous_session["session_id"],
                previous_session["started_at"],
                _changes(answer_values(previous_answer), answer_values(answer), answer_bands, same),
            )
        )
    return Comparison(
        bank=session["bank"],
        previous_session_id=same_bank[-1]["session_id"] if same_bank else None,
        previous_started_at=same_bank[-1]["started_at"] if same_bank else None,
        earlier_sessions=len(same_bank),
        by_metric=by_metric,
        by_question=tuple(by_question),
        trend=trend,
    )


def change(
    key: str, previous: float | None, current: float | None, band: Band, same: float
) -> MetricChange:
    """Judge one metric's move between two sessions (or two answers) by its band distance."""
    before, now = check(key, previous, band), check(key, current, band)
    if before.distance is None or now.distance is None:
        return MetricChange(
            key, now.label, now.unit, before.value, now.value, None, "n/a",
            f"{now.label}: measured in only one of the two sessions.",
        )  # fmt: skip
    delta = round((now.value or 0.0) - (before.value or 0.0), 2)
    moved = now.distance - before.distance
    verdict: Verdict = "same" if abs(moved) < same else ("better" if moved < 0 else "worse")
    where = "inside the band" if now.distance == 0 else f"{now.status} ({now.band_text})"
    said = "about the same" if verdict == "same" else verdict
    explanation = (
        f"{now.label}: {format_number(before.value)} -> {format_number(now.value)} {now.unit} "
        f"({format_change(delta)}), now {where}: {said}."
    )
    return MetricChange(
        key, now.label, now.unit, before.value, now.value, delta, verdict, explanation
    )


def _changes(
    before: dict[str, float | None],
    now: dict[str, float | None],
    metric_bands: dict[str, Band],
    same: float,
) -> tuple[MetricChange, ...]:
    changes = (change(m.key, before[m.key], now[m.key], metric_bands[m.key], same) for m in METRICS)
    return tuple(c for c in changes if c.verdict != "n/a")


def _last_answer_to(
    question_id: str, sessions: Sequence[dict[str, Any]]
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    for previous in reversed(sessions):
        for answer in reversed(previous["answers"]):
            if answer["question_id"] == question_id:
                return previous, answer
    return None


def _target(answer: dict[str, Any]) -> tuple[float, float] | None:
    target = answer.get("target_s")
    return (float(target[0]), float(target[1])) if target else None


@dataclass(frozen=True)
class TrendRow:
    """One metric's score across the recent sessions on the bank, oldest first, this one last."""

    key: str
    label: str
    checks: tuple[MetricCheck, ...]


def trend_rows(
    comparison: Comparison, current: Sequence[MetricCheck], sessions: int = TREND_SESSIONS
) -> tuple[tuple[str, ...], tuple[TrendRow, ...]]:
    """Start times of the earlier sessions shown, and a row per metric that was ever off-band.

    Metrics that were comfortable in every one of these sessions are left out: the table is
    about what is still moving, and the summary table above already lists everything.
    """
    points = comparison.trend[-(sessions - 1) :] if sessions > 1 else ()
    if not points:
        return (), ()
    rows = []
    for index, metric in enumerate(METRICS):
        checks = (*(p.checks[index] for p in points), current[index])
        if any(c.status in ("watch", "flag") for c in checks):
            rows.append(TrendRow(metric.key, metric.label, checks))
    return tuple(p.started_at for p in points), tuple(rows)
