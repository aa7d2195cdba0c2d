"""A session's headline: the numbers Home, History and the report's summary all show.

One function computes them (`session_headline`), and `build_report` takes its session-wide
checks from it, so a page can never show a pace or a filler rate that the report disagrees
with: the rates are the report's own (pace over speaking time without fillers, fillers pooled
over all words, body shares weighted by answer length), and they are shown with one formatter
(`scoring.display_value`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mockinterview.core.questions import bank_title
from mockinterview.core.report.scoring import MetricCheck, session_checks
from mockinterview.core.session.store import IMPORTED_BANK
from mockinterview.core.thresholds import DeliveryThresholds, ReportThresholds

# The metrics Home and History show for a session, in this order (scoring.METRICS keys).
HEADLINE_METRICS = ("pace", "fillers", "eye_contact", "slouch")
IMPORTED_TITLE = "Imported recording"


@dataclass(frozen=True)
class SessionHeadline:
    session_id: str
    bank: str
    bank_title: str  # as people read it: "General and behavioural", "Imported recording"
    started_at: str  # ISO 8601, as stored
    status: str
    answer_count: int
    answered_s: float  # s, the total length of all answers
    overall: tuple[MetricCheck, ...]  # every metric of the whole session, scoring.METRICS order

    def check(self, key: str) -> MetricCheck:
        return next(c for c in self.overall if c.key == key)


def session_bank_title(bank: str) -> str:
    """What a session's bank is called on every page: the bank's title, or, for a recording
    imported (no bank), "Imported recording"."""
    return IMPORTED_TITLE if bank == IMPORTED_BANK else bank_title(bank)


def session_headline(
    session: dict[str, Any],
    delivery: DeliveryThresholds | None = None,
    thresholds: ReportThresholds | None = None,
) -> SessionHeadline:
    """The stored session (docs/contracts.md) summed up against the comfortable bands."""
    answers: Sequence[dict[str, Any]] = session.get("answers") or []
    return SessionHeadline(
        session_id=session["session_id"],
        bank=session.get("bank", ""),
        bank_title=session_bank_title(session.get("bank", "")),
        started_at=session["started_at"],
        status=session.get("status", ""),
        answer_count=len(answers),
        answered_s=round(sum(float(a.get("duration_s") or 0.0) for a in answers), 2),
        overall=session_checks(
            answers, delivery or DeliveryThresholds(), thresholds or ReportThresholds()
        ),
    )
