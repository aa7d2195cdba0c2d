"""Stored-session dicts in the shape of docs/contracts.md, for the pure report functions.

Every speech block is one the real pipeline produced (tests/data/report/speech.json); the body
blocks are hand-set percentages, because the report tests are about how the report ranks and
explains measured values, and vision has its own tests on real footage.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from mockinterview.core.thresholds import DeliveryThresholds
from tests.conftest import DATA

SPEECH_FIXTURES = json.loads((DATA / "report" / "speech.json").read_text(encoding="utf-8"))
# The committed clips are 1-17 s long; a target band they sit in keeps the answer's length out of
# tests about other metrics (a question's band is the answer's `target_s`).
CLIP_TARGET_S = (1.0, 30.0)
# Most clips hold under 15 s of speech, too little for the report to judge pace or pitch
# variation by default; tests about how those are ranked and explained judge them from the start.
CLIP_DELIVERY = DeliveryThresholds(pace_min_speech_s=0.0, pitch_min_speech_s=0.0)


def speech(name: str) -> dict[str, Any]:
    """The speech block the real pipeline produced for clip `name`: Whisper on real audio, then
    the delivery analysis (tests/data/report/make_fixtures.py made them; see speech.json)."""
    return copy.deepcopy(SPEECH_FIXTURES[name]["speech"])


def body_block(
    eye_contact_pct: float = 85.0,
    slouch_pct: float = 0.0,
    crossed_arms_pct: float = 0.0,
    fidget_pct: float = 0.0,
    smile_pct: float = 15.0,
    face_visible_pct: float = 99.0,
    events: list[tuple[str, float, float]] = (),  # type: ignore[assignment]
    face_touch_pct: float = 0.0,
    smile_moments: int = 2,
) -> dict[str, Any]:
    return {
        "frames_analyzed": 900,
        "fps_analyzed": 15.0,
        "face_visible_pct": face_visible_pct,
        "framing_ok_pct": face_visible_pct,
        "eye_contact_pct": eye_contact_pct,
        "gaze_away_s": {"down": 0.0, "side": 0.0, "up": 0.0},
        "smile_pct": smile_pct,
        "smile_moments": smile_moments,
        "slouch_pct": slouch_pct,
        "crossed_arms_pct": crossed_arms_pct,
        "fidget_pct": fidget_pct,
        "face_touch_pct": face_touch_pct,
        "judged_s": {},
        "events": [{"cue": c, "start": s, "end": e} for c, s, e in events],
        "notes": [],
    }


def answer(
    index: int,
    speech: dict[str, Any],
    body: dict[str, Any] | None = None,
    question_id: str = "tell-me-about-yourself",
    target_s: tuple[float, float] = CLIP_TARGET_S,
    coverage: tuple[list[str], list[str]] | None = None,
) -> dict[str, Any]:
    duration = speech["answer_length"]["seconds"]
    content = None
    if coverage is not None:
        covered, missed = coverage
        content = {
            "covered": [{"point": p, "matched": p.split()[0], "start": 1.0} for p in covered],
            "missed": missed,
            "coverage_pct": round(100 * len(covered) / (len(covered) + len(missed)), 1),
            "model_answer": "Present, past, future, with one number.",
        }
    return {
        "index": index,
        "question_id": question_id,
        "question": f"Question {question_id}?",
        "category": "behavioural",
        "target_s": list(target_s),
        "recording_offset_s": 10.0 * index,
        "duration_s": duration,
        "audio": None,
        "transcript": speech["transcript"],
        "speech": speech,
        "body": body,
        "content": content,
    }


def session(
    answers: list[dict[str, Any]],
    session_id: str = "20261125-204501-ab12",
    started_at: str = "2026-11-25T20:45:01+00:00",
    bank: str = "general",
) -> dict[str, Any]:
    return {
        "session_id": session_id,
        "bank": bank,
        "started_at": started_at,
        "ended_at": started_at,
        "status": "finished",
        "recording": None,
        "answers": answers,
    }
