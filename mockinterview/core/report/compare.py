"""This session against earlier ones: on the same bank, on the same questions, and every
version of an answer side by side.

"Better" and "worse" are judged by the band distance (scoring.py), not by the raw number: going
from 150 to 170 wpm is worse, from 100 to 120 wpm is better, and two values both inside the band
are "about the same" even when the numbers differ, because neither needs work.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from mockinterview.core.report.scoring import (
    METRICS,
    STATUS_WORDS,
    Band,
    MetricCheck,
    answer_checks,
    answer_target_s,
    answer_values,
    bands,
    check,
    format_change,
    format_number,
    heard,
    session_checks,
)
from mockinterview.core.thresholds import DeliveryThresholds, ReportThresholds

Verdict = Literal["better", "worse", "same", "n/a"]
TREND_SESSIONS = 6  # columns of the trend table: the last five earlier sessions and this one
WORST_METRICS = 3  # an attempt's weakness is its mean over this many worst metrics
# The rows of the side-by-side versions table (scoring.METRICS keys), what changes most often
# between two attempts at one question.
VERSION_METRICS = ("length", "pace", "fillers", "hedges", "eye_contact", "coverage")


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
    versions: tuple[QuestionVersions, ...] = ()  # questions of this session answered before


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
    trend = tuple(
        TrendPoint(
            s["session_id"],
            s["started_at"],
            session_checks(s["answers"], delivery, report),
        )
        for s in same_bank
    )
    by_metric: tuple[MetricChange, ...] = ()
    if same_bank:
        before = session_checks(same_bank[-1]["answers"], delivery, report)
        now = session_checks(session["answers"], delivery, report)
        moves = (change_between(b, n, same) for b, n in zip(before, now, strict=True))
        by_metric = tuple(c for c in moves if c.verdict != "n/a")
    by_question = []
    for answer in heard(session["answers"]):
        last = _last_answer_to(answer["question_id"], earlier)
        if last is None:
            continue
        previous_session, previous_answer = last
        answer_bands = bands(delivery, report, answer_target_s(answer))
        by_question.append(
            QuestionChange(
                answer["question_id"],
                answer["question"],
                previous_session["session_id"],
                previous_session["started_at"],
                _changes(answer_values(previous_answer), answer_values(answer), answer_bands, same),
            )
        )
    versions = (
        question_versions(question_id, [*earlier, session], delivery, report)
        for question_id in dict.fromkeys(a["question_id"] for a in session["answers"])
    )
    return Comparison(
        bank=session["bank"],
        previous_session_id=same_bank[-1]["session_id"] if same_bank else None,
        previous_started_at=same_bank[-1]["started_at"] if same_bank else None,
        earlier_sessions=len(same_bank),
        by_metric=by_metric,
        by_question=tuple(by_question),
        trend=trend,
        versions=tuple(v for v in versions if len(v.versions) > 1),
    )


def change(
    key: str, previous: float | None, current: float | None, band: Band, same: float
) -> MetricChange:
    """Judge one metric's move between two answers by its band distance."""
    return change_between(check(key, previous, band), check(key, current, band), same)


def change_between(before: MetricCheck, now: MetricCheck, same: float) -> MetricChange:
    """Judge a metric's move from one check to the next (two sessions, or two answers) by its
    band distance; each session is judged on its own bands (a session's answer length on its
    own questions')."""
    if not (before.scored and now.scored):
        # Unmeasured in one, or counted and never judged (smiles: 1 -> 3 was "about the same,
        # inside the band (any)"): no verdict, so no row.
        return MetricChange(
            now.key, now.label, now.unit, before.value, now.value, None, "n/a",
            f"{now.label}: not judged in both sessions.",
        )  # fmt: skip
    # the difference of the numbers shown (to a tenth, format_number), so "10.8 -> 14 s" says
    # +3.2, not the +3.1 of 10.84 -> 13.96
    delta = round(round(now.value or 0.0, 1) - round(before.value or 0.0, 1), 1)
    moved = now.distance - before.distance
    verdict: Verdict = "same" if abs(moved) < same else ("better" if moved < 0 else "worse")
    # The verdict first, then where the value stands: "better, but still well outside" reads
    # true where "now well outside: better" read as a contradiction.
    where = ("inside the band" if now.distance == 0 else STATUS_WORDS[now.status]) + (
        f" ({now.band_text})"
    )
    if verdict == "same":
        said = f"about the same, {where}"
    elif verdict == "better" and now.distance > 0:
        said = f"better, but still {where}"
    else:
        said = f"{verdict}, now {where}"
    explanation = (
        f"{now.label}: {format_number(before.value)} -> {format_number(now.value)} {now.unit} "
        f"({format_change(delta)}): {said}."
    )
    return MetricChange(
        now.key, now.label, now.unit, before.value, now.value, delta, verdict, explanation
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
    """The last answer heard to `question_id`: one a muted microphone lost is no attempt to
    be better or worse than."""
    for previous in reversed(sessions):
        for answer in reversed(heard(previous["answers"])):
            if answer["question_id"] == question_id:
                return previous, answer
    return None


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


DiffOp = Literal["same", "added", "dropped"]


@dataclass(frozen=True)
class AnswerVersion:
    """One attempt at a question, with what changed in its words since the attempt before."""

    session_id: str
    started_at: str
    answer_index: int
    transcript: str
    checks: tuple[MetricCheck, ...]  # VERSION_METRICS, against the answer's own target length
    filler_count: int
    covered: tuple[str, ...]  # key points said
    missed: tuple[str, ...]
    structure: tuple[str, ...]  # STAR parts told, in order; () for a non-behavioural question
    weakness: float  # mean capped band distance of its WORST_METRICS worst metrics, 0 = all fine
    best: bool  # the least weak attempt (the latest one on a tie)
    diff: tuple[tuple[DiffOp, str], ...]  # word runs against the previous version; () for the first

    def check(self, key: str) -> MetricCheck:
        return next(c for c in self.checks if c.key == key)

    @property
    def added(self) -> int:
        return sum(len(text.split()) for op, text in self.diff if op == "added")

    @property
    def dropped(self) -> int:
        return sum(len(text.split()) for op, text in self.diff if op == "dropped")


@dataclass(frozen=True)
class QuestionVersions:
    question_id: str
    question: str
    versions: tuple[AnswerVersion, ...]  # oldest first

    @property
    def best(self) -> AnswerVersion:
        return next(v for v in self.versions if v.best)


def weakness(checks: Sequence[MetricCheck], worst: int = WORST_METRICS) -> float:
    """0 when every scored metric is in its band, 1 when the `worst` furthest are all flags.

    Only the worst few count: a mean over every metric would let a dozen comfortable ones hide
    three flags. Counted moments (smiles) are never scored, so they never count.
    """
    distances = sorted(
        (min(c.distance or 0.0, 1.0) for c in checks if c.scored),
        reverse=True,
    )[:worst]
    return round(sum(distances) / len(distances), 3) if distances else 0.0


def question_versions(
    question_id: str,
    sessions: Sequence[dict[str, Any]],
    delivery: DeliveryThresholds,
    report: ReportThresholds,
) -> QuestionVersions:
    """Every answer heard to `question_id` in `sessions` (follow-ups aside), oldest first,
    compared: an answer in which no word was heard showed as a version with every word of the
    one before it dropped, and the next as all of them added again."""
    attempts = sorted(
        (
            (s, a)
            for s in sessions
            for a in heard(s.get("answers") or [])
            if a["question_id"] == question_id and a.get("parent_index") is None
        ),
        key=lambda pair: (pair[0]["started_at"], pair[0]["session_id"], pair[1]["index"]),
    )
    checks = [answer_checks(a, delivery, report) for _, a in attempts]
    weak = [weakness(c) for c in checks]
    best = min(range(len(attempts)), key=lambda i: (weak[i], -i), default=None)
    versions = []
    previous: str | None = None
    for i, (session, answer) in enumerate(attempts):
        transcript = answer.get("transcript") or (answer.get("speech") or {}).get("transcript", "")
        content = answer.get("content") or {}
        structure = (answer.get("structure") or {}).get("parts") or {}
        versions.append(
            AnswerVersion(
                session_id=session["session_id"],
                started_at=session["started_at"],
                answer_index=int(answer["index"]),
                transcript=transcript,
                checks=tuple(c for c in checks[i] if c.key in VERSION_METRICS),
                filler_count=int((answer.get("speech") or {}).get("filler_count") or 0),
                covered=tuple(str(p["point"]) for p in content.get("covered", [])),
                missed=tuple(str(m) for m in content.get("missed", [])),
                structure=tuple(name for name, part in structure.items() if part),
                weakness=weak[i],
                best=i == best,
                diff=() if previous is None else word_diff(previous, transcript),
            )
        )
        previous = transcript
    question = attempts[-1][1]["question"] if attempts else question_id
    return QuestionVersions(question_id, question, tuple(versions))


def word_diff(before: str, after: str) -> tuple[tuple[DiffOp, str], ...]:
    """`after` as runs of words kept, added and dropped against `before` (difflib, by word)."""
    old, new = before.split(), after.split()
    runs: list[tuple[DiffOp, str]] = []
    matcher = difflib.SequenceMatcher(a=[_plain(w) for w in old], b=[_plain(w) for w in new])
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append(("same", " ".join(new[j1:j2])))
            continue
        if i2 > i1:
            runs.append(("dropped", " ".join(old[i1:i2])))
        if j2 > j1:
            runs.append(("added", " ".join(new[j1:j2])))
    return tuple(runs)


def _plain(word: str) -> str:
    """Compare words, not punctuation: "team." and "team" are the same word said."""
    return word.lower().strip(" ,.!?;:\"'“”")
