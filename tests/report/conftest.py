"""Stored-session dicts in the shape of docs/contracts.md, for the pure report functions."""

from __future__ import annotations

from typing import Any


def speech_block(
    words: list[tuple[str, float, float]],
    fillers: tuple[str, ...] = ("um", "uh", "like"),
    hedges: tuple[str, ...] = ("i think", "maybe"),
    duration_s: float | None = None,
    pauses: list[tuple[float, float]] = (),  # type: ignore[assignment]
    loudness_dbfs: float = -22.0,
    speech_to_noise_db: float = 30.0,
    pitch_variation_st: float = 3.0,
) -> dict[str, Any]:
    """A speech block computed from timed words, the way the speech analyzer reports one."""
    duration = duration_s if duration_s is not None else (words[-1][2] if words else 0.0)
    plain = [(w.lower().strip(",.?!"), s) for w, s, _ in words]
    filler_marks = [{"text": w, "start": s} for w, s in plain if w in fillers]
    hedge_marks = []
    for i, (_, s) in enumerate(plain):
        for hedge in hedges:
            parts = hedge.split()
            if [p for p, _ in plain[i : i + len(parts)]] == parts:
                hedge_marks.append({"text": hedge, "start": s})
    count = len(words)
    return {
        "transcript": " ".join(w for w, _, _ in words),
        "words": [{"text": w, "start": s, "end": e} for w, s, e in words],
        "word_count": count,
        "wpm": round(count / duration * 60, 1) if duration else 0.0,
        "fillers": filler_marks,
        "filler_count": len(filler_marks),
        "fillers_per_100_words": round(100 * len(filler_marks) / count, 1) if count else 0.0,
        "pauses": [{"start": a, "end": b} for a, b in pauses],
        "hedges": hedge_marks,
        "repeated_words": [],
        "answer_length": {"seconds": duration, "verdict": "ok"},
        "loudness_dbfs": loudness_dbfs,
        "speech_to_noise_db": speech_to_noise_db,
        "pitch_variation_st": pitch_variation_st,
        "monotone": pitch_variation_st < 2.0,
        "flags": [],
    }


def timed(text: str, wpm: float, start: float = 0.5) -> list[tuple[str, float, float]]:
    """Spread the words of `text` evenly at `wpm` words per minute."""
    step = 60.0 / wpm
    return [
        (word, round(start + i * step, 2), round(start + i * step + step * 0.8, 2))
        for i, word in enumerate(text.split())
    ]


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
    target_s: tuple[float, float] = (60, 120),
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
