"""The few numbers History shows per session, computed from the stored-session contract.

Pure functions over `SessionStore.session_dict()` so they can be tested without Qt. Rates are
pooled over the whole session (total fillers / total words), not averaged per answer, so a short
answer does not weigh as much as a long one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class SessionHeadline:
    session_id: str
    bank: str
    started_at: datetime
    status: str
    answer_count: int
    speaking_s: float  # s, sum of answer durations
    wpm: float | None  # words per minute over all answers
    fillers_per_100_words: float | None
    eye_contact_pct: float | None  # frame-weighted over answers that had a camera
    slouch_pct: float | None


def _weighted(answers: list[dict[str, Any]], key: str) -> float | None:
    # An answer whose camera saw nothing has zeros in its body block, not measurements.
    pairs = [
        (a["body"][key], a["body"]["frames_analyzed"])
        for a in answers
        if a.get("body") and a["body"].get(key) is not None and a["body"].get("frames_analyzed")
    ]
    total = sum(weight for _, weight in pairs)
    return sum(value * weight for value, weight in pairs) / total if total else None


def session_headline(session: dict[str, Any]) -> SessionHeadline:
    answers = session.get("answers") or []
    speaking_s = sum(float(a.get("duration_s") or 0.0) for a in answers)
    words = sum(int((a.get("speech") or {}).get("word_count") or 0) for a in answers)
    fillers = sum(int((a.get("speech") or {}).get("filler_count") or 0) for a in answers)
    return SessionHeadline(
        session_id=session["session_id"],
        bank=session.get("bank", ""),
        started_at=datetime.fromisoformat(session["started_at"]),
        status=session.get("status", ""),
        answer_count=len(answers),
        speaking_s=speaking_s,
        wpm=words / speaking_s * 60.0 if speaking_s > 0 and words else None,
        fillers_per_100_words=fillers / words * 100.0 if words else None,
        eye_contact_pct=_weighted(answers, "eye_contact_pct"),
        slouch_pct=_weighted(answers, "slouch_pct"),
    )
